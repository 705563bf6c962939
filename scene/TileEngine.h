#pragma once

#include "data/LayerId.h"
#include "data/Points.h"
#include "data/RasterSource.h"
#include "data/TilingScheme.h"
#include "scene/PagedNode.h"

#include <QString>
#include <cstddef>
#include <functional>
#include <memory>
#include <osg/Group>
#include <vector>

namespace citytwin::scene {

//! Most imagery layers one terrain composites (one texture unit each).
inline constexpr int kMaxImageryLayers = 8;

struct TileEngineOptions
{
    int meshQuads = 32;         //!< mesh cells per tile side
    int textureSize = 256;      //!< imagery pixels per tile side (less where the source has less detail)
    double maxErrorPx = 1.5;    //!< refine while a texel spans more pixels (× LOD scale)
    double skirtRatio = 0.05;   //!< skirt depth as a fraction of the tile side (at least 2 m)
    int workerThreads = 0;      //!< 0: QThread::idealThreadCount()
    int maxInFlight = 8;        //!< tile loads queued or running at once
    double mergeBudgetMs = 6.0; //!< main-thread time per frame spent attaching loaded tiles
    int maxMergesPerFrame = 8;  //!< and at most this many (each means texture uploads at draw)
    //! Resident tiles beyond this are evicted (LRU; never those on screen, never roots).
    std::size_t memoryBudgetBytes = std::size_t(384) << 20;
    int maxLevel = -1; //!< deepest level; -1: from the finest source resolution
};

//! The paged terrain: a quadtree of tiles (TilingScheme) meshed from the elevation sources (finest
//! available wins, vertical scale applied) and draped with up to kMaxImageryLayers imagery layers
//! composited in the shader (order, opacity and visibility are uniforms: no reload).
//! Selection runs in the cull traversal of every camera (screen-space error, data::selectTiles);
//! missing tiles are loaded on an own worker pool by priority, requests that left the view are
//! cancelled, finished tiles are merged in the update traversal under a per-frame budget, and an
//! LRU evicts tiles beyond the memory budget. Coarser tiles stay drawn until all four children
//! are ready. Other visitors (picking) see the tiles drawn last. Main thread only, except the
//! workers it runs itself.
class TileEngine : public osg::Group, public PagedNode
{
public:
    TileEngine(const data::TilingScheme& scheme, const data::ProjectedPoint& origin,
               const TileEngineOptions& options = {});

    const data::TilingScheme& scheme() const;

    // Layers. Adding, removing or enabling an elevation source, or changing the vertical scale,
    // reloads tiles progressively (drawn tiles stay until their replacement is ready).
    void addElevationSource(data::LayerId id, std::shared_ptr<const data::ElevationSource> source);
    //! Imagery is added on top; false when kMaxImageryLayers are already in use.
    bool addImagerySource(data::LayerId id, std::shared_ptr<const data::ImagerySource> source);
    void removeSource(data::LayerId id);
    //! Imagery draw order, bottom first; ids not listed keep their relative order on top.
    void setImageryOrder(const std::vector<data::LayerId>& bottomToTop);
    void setImageryOpacity(data::LayerId id, float opacity);
    void setImageryVisible(data::LayerId id, bool visible);
    void setElevationEnabled(data::LayerId id, bool enabled);
    void setVerticalScale(double scale);
    double verticalScale() const;
    //! Resident tiles beyond BYTES are evicted (least recently drawn first) from the next update.
    void setMemoryBudget(std::size_t bytes);

    struct Stats
    {
        int residentTiles = 0;
        int drawnTiles = 0;          //!< in the last cull
        int queued = 0;              //!< waiting for a worker
        int running = 0;             //!< being loaded
        std::size_t memoryBytes = 0; //!< geometry + image bytes of resident tiles
        long long loadedTotal = 0;
        long long cancelledTotal = 0;
        long long failedTotal = 0;
        long long evictedTotal = 0;
        double lastMergeMs = 0; //!< main-thread merge time of the last update
        int deepestDrawnLevel = -1;
    };
    Stats stats() const;
    //! Nothing queued, running or waiting to be merged, and the last cull wanted nothing new:
    //! the view is fully refined.
    bool isIdle() const override;
    //! Loaded tiles wait to be merged, or the last cull wanted tiles that can be requested now:
    //! a frame would make progress. (While loads merely run, frames change nothing.)
    bool needsFrame() const override;

    //! Called (from any thread) when a loaded tile is waiting to be merged, a load ended or the
    //! layers changed: the viewer should draw another frame.
    void setRedrawCallback(std::function<void()> callback) override;
    //! Called on the main thread (during update) when reading a layer fails, with the error;
    //! at most once per layer until that layer is re-added.
    void setLayerErrorCallback(std::function<void(data::LayerId, const QString&)> callback);

    //! Cancels everything and waits for the workers (also done by the destructor).
    void shutdown();

    void traverse(osg::NodeVisitor& nv) override;
    osg::BoundingSphere computeBound() const override;

protected:
    ~TileEngine() override;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};


//! Ground see-through for underground views on a TERRAIN (a TileEngine): 1 opaque, < 1 blended
//! with depth writes off (and skirts hidden) so what lies below shows. Clamped to [0, 1].
void setTerrainGroundOpacity(osg::Node* terrain, float opacity);

} // namespace citytwin::scene
