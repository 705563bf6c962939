#pragma once

// TileEngine's private state, shared by its .cpp files (TileEngine.cpp: layers and node
// plumbing, TileEngineCull.cpp: selection per camera, TileEngineUpdate.cpp: merge and eviction).

#include "data/TileSelection.h"
#include "scene/TileEngine.h"
#include "scene/TileLoadQueue.h"
#include "scene/TileMeshBuilder.h"

#include <map>
#include <memory>
#include <osg/MatrixTransform>
#include <osg/Texture2D>
#include <osg/Uniform>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace osgUtil {
class CullVisitor;
}

namespace citytwin::scene {

struct TileEngine::Impl
{
    struct ElevationLayer
    {
        data::LayerId id;
        std::shared_ptr<const data::ElevationSource> source;
        bool enabled = true;
    };
    struct ImageryLayer
    {
        data::LayerId id;
        std::shared_ptr<const data::ImagerySource> source;
        float opacity = 1.0f;
        bool visible = true;
    };
    struct Tile
    {
        osg::ref_ptr<osg::MatrixTransform> node;
        std::map<data::LayerId, TileTexture> textures;
        double minZ = 0; //!< scaled heights, project CRS
        double maxZ = 0;
        std::size_t geometryBytes = 0;
        std::uint64_t epoch = 0;
        std::uint64_t lastDrawnTick = 0;
        std::size_t bytes() const;
    };

    Impl(TileEngine& self, const data::TilingScheme& scheme, const data::ProjectedPoint& origin,
         const TileEngineOptions& options);

    // --- layers (TileEngine.cpp)
    //! The sources changed in a way that needs new tiles: later loads use a new snapshot,
    //! loads of the old one are cancelled, drawn tiles stay until their replacement arrives.
    void contentChanged();
    std::shared_ptr<const TileBuildContext> buildContext();
    int effectiveMaxLevel() const;
    //! Texture units of every resident tile after an imagery order/removal change.
    void rebindAllTiles();
    void bindTile(Tile& tile) const;
    void updateLayerWeights();
    int imagerySlot(data::LayerId id) const;

    // --- cull (TileEngineCull.cpp)
    void cull(osgUtil::CullVisitor& cv);
    double geometricError(const data::TileKey& key) const;
    std::pair<double, double> heightRange(const data::TileKey& key) const;
    void submit(const data::TileKey& key, double priority);

    // --- update (TileEngineUpdate.cpp)
    void update();
    void cancelUnwanted();
    void merge();
    void install(TileBuildResult&& result);
    void evict();
    void removeTile(const data::TileKey& key);
    void reportErrors(const std::vector<TileLayerError>& errors);

    TileEngine& self;
    data::TilingScheme scheme;
    data::ProjectedPoint origin;
    TileEngineOptions options;

    std::vector<ElevationLayer> elevation;
    std::vector<ImageryLayer> imagery; //!< draw order, bottom first; index = texture unit
    double verticalScale = 1.0;
    std::uint64_t epoch = 1;
    std::shared_ptr<const TileBuildContext> context; //!< snapshot of the current epoch (lazy)

    std::unordered_map<data::TileKey, Tile, data::TileKeyHash> tiles;
    std::size_t memoryBytes = 0;
    std::unique_ptr<TileLoadQueue> queue;
    bool shutDown = false;

    // Ticks count update traversals, whatever viewer runs them: frame numbers of two viewers
    // (GUI, offscreen renders) of the same scene would not compare.
    std::uint64_t tick = 1;
    // What the culls since the latest update drew and wanted (all cameras together).
    std::uint64_t cullTick = 0;
    std::vector<data::TileKey> drawn;
    std::unordered_set<data::TileKey, data::TileKeyHash> drawnSet;
    std::unordered_map<data::TileKey, double, data::TileKeyHash> wanted;
    //! Wanted by the culls of the tick before: another viewer's frame in between does not
    //! cancel what this one asked for.
    std::unordered_map<data::TileKey, double, data::TileKeyHash> previousWanted;

    // Height range of everything loaded (tint, bound, unloaded tiles' boxes).
    bool haveHeights = false;
    double minZ = 0;
    double maxZ = 0;

    std::set<data::LayerId> reportedErrors;
    std::function<void()> redrawCallback;
    std::function<void(data::LayerId, const QString&)> layerErrorCallback;

    long long loadedTotal = 0;
    long long failedTotal = 0;
    long long evictedTotal = 0;
    double lastMergeMs = 0;

    int programLayers = -1; //!< imagery slots compiled into the current program
    osg::ref_ptr<osg::Uniform> layerWeightUniform;
    osg::ref_ptr<osg::Uniform> heightRangeUniform;
};

} // namespace citytwin::scene
