#pragma once

#include "data/Model.h"
#include "data/Points.h"
#include "data/RasterSource.h"
#include "data/Result.h"
#include "scene/PagedNode.h"

#include <QString>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <osg/Group>
#include <osg/Vec4f>
#include <unordered_set>
#include <vector>

namespace citytwin::scene {

//! One tile of a paged model tileset as the scene sees it (gis::TilesetTile minus file details).
struct TilesetNodeTile
{
    int parent = -1;
    std::vector<int> children;
    data::ProjectedPoint centre; //!< bounding sphere, project CRS
    double radius = 0.0;
    double geometricError = 0.0;
    bool refineAdd = false;
    bool hasContent = false;
};

//! Loads the content of tile INDEX (runs on a TilesetNode worker; app/ wires gis::readTileContent).
using TileContentLoader = std::function<data::Result<data::Model>(int index, const data::CancelToken& cancel)>;

struct TilesetOptions
{
    double maximumScreenSpaceError = 16.0; //!< pixels, as in CesiumJS
    int workerThreads = 2;
    int maxMergesPerFrame = 4;
    int maxInFlight = 8; //!< content loads queued or running at once
    std::size_t memoryBudgetBytes = 256u << 20; //!< loaded tiles beyond this are evicted, least recently drawn first
};

//! A 3D Tiles tileset paged by geometric error: in each cull traversal the tiles are selected
//! top-down by screen-space error (geometricError · viewportHeight / (2 · distance · tan(fovy/2)) >
//! maximumScreenSpaceError refines; REPLACE keeps the parent drawn until every visible child is
//! loaded, ADD draws parent and children), missing content is requested from a worker pool by
//! priority (screen-space error), requests for tiles that left the view are cancelled, loaded
//! content is built with buildModel() on the worker and merged in the update traversal
//! (≤ maxMergesPerFrame). Feature ids are made unique across tiles (each tile gets a block of
//! ids on its first load, kept when it is evicted and loaded again; < 2^24) and kept in the
//! node's ModelFeatureIndex (user data). A tile whose content fails is
//! drawn without it; failures are counted and the first error kept. Styling set with
//! setFeatureStyle() is applied to tiles as they merge.
class TilesetNode : public osg::Group, public PagedNode
{
public:
    TilesetNode(std::vector<TilesetNodeTile> tiles, TileContentLoader loader, const data::ProjectedPoint& origin,
                const TilesetOptions& options = {});

    struct Stats
    {
        int tiles = 0;     //!< in the tileset
        int loaded = 0;    //!< content resident
        int drawn = 0;     //!< content drawn in the last cull
        int queued = 0;    //!< requests waiting or running
        int failed = 0;
        int evicted = 0;
        std::size_t memoryBytes = 0;
    };
    Stats stats() const;
    //! The first content error ("ll.b3dm: truncated header at byte 12"), empty when none.
    QString firstError() const;

    //! Colour of a feature (nullopt: its own colour), features hidden and wireframe, applied to
    //! loaded tiles now and to tiles merged later.
    void setFeatureStyle(std::function<std::optional<osg::Vec4f>(const data::ModelFeature&)> colourOf,
                         std::unordered_set<std::int64_t> hidden, bool wireframe);

    bool isIdle() const override;
    bool needsFrame() const override;
    void setRedrawCallback(std::function<void()> callback) override;

    void traverse(osg::NodeVisitor& nv) override;
    osg::BoundingSphere computeBound() const override;

protected:
    ~TilesetNode() override;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace citytwin::scene
