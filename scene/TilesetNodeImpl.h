#pragma once

// TilesetNode's private state, shared by its .cpp files (TilesetNode.cpp: construction, stats and
// node plumbing, TilesetNodeCull.cpp: selection per camera, TilesetNodeUpdate.cpp: merge, styling
// and eviction, TilesetNodeLoad.cpp: the worker side, feature id blocks and content building).

#include "scene/ModelFeatureIndex.h"
#include "scene/TileLoadQueue.h"
#include "scene/TilesetNode.h"

#include <QString>
#include <cstdint>
#include <mutex>
#include <osg/MatrixTransform>
#include <unordered_map>
#include <vector>

namespace osgUtil {
class CullVisitor;
}

namespace citytwin::scene {

//! Layer-unique feature ids for the tiles of one tileset: each tile gets one block the first time
//! it loads and keeps it, so a tile evicted and loaded again shows the same ids (a style's
//! hidden set or an inspector selection stay valid). Blocks never overlap; ids stay < 2^24, the
//! limit of the float the shader compares. Thread-safe (workers allocate).
class FeatureIdBlocks
{
public:
    static constexpr std::int64_t kMaxId = std::int64_t(1) << 24;

    explicit FeatureIdBlocks(std::size_t tiles) : m_blocks(tiles) {}
    //! First id of TILE's block of COUNT ids (a reload with more ids than before gets a new block);
    //! -1 when the id space is used up.
    std::int64_t reserve(int tile, std::int64_t count);

private:
    struct Block
    {
        std::int64_t first = -1;
        std::int64_t count = 0;
    };
    std::mutex m_mutex;
    std::vector<Block> m_blocks;
    std::int64_t m_next = 0;
};

//! Rewrites MODEL's feature ids (features, parents, meshes) to FIRST, FIRST+1, … in the order of
//! the ids' first appearance (features first, then ids only meshes use). Returns how many ids.
std::int64_t distinctFeatureIds(const data::Model& model);
void remapFeatureIds(data::Model& model, std::int64_t first);
//! Bytes MODEL's geometry and textures take once built (vertex arrays, indices, images).
std::size_t modelBytes(const data::Model& model);

//! What a worker hands to the main thread besides the node: the tile's (remapped) features.
//! Rides as user data on the TileBuildResult's node, so TileLoadQueue needs no tileset type.
struct TilesetTileContent : osg::Referenced
{
    std::vector<data::ModelFeature> features;
};

struct TilesetNode::Impl
{
    struct Tile
    {
        TilesetNodeTile info;
        osg::BoundingSphere sphere;              //!< local frame (project − origin)
        osg::ref_ptr<osg::MatrixTransform> node; //!< resident content; null when not loaded
        std::vector<std::int64_t> featureIds;
        std::size_t bytes = 0;
        bool failed = false;            //!< content failed to load: drawn without it, not asked again
        std::uint64_t lastUsedTick = 0; //!< last update tick a camera drew it or needed it loaded
        bool loaded() const { return node.valid(); }
        //! Nothing left to load (or nothing to load at all).
        bool ready() const { return !info.hasContent || node.valid() || failed; }
    };

    Impl(TilesetNode& self, std::vector<TilesetNodeTile> tiles, TileContentLoader loader,
         const data::ProjectedPoint& origin, const TilesetOptions& options);

    // --- cull (TilesetNodeCull.cpp)
    struct CullFrame;
    void cull(osgUtil::CullVisitor& cv);
    //! Selects under tile INDEX into DRAW; true when what it selected covers the tile's visible
    //! part without holes (everything needed is loaded).
    bool select(CullFrame& frame, int index, std::vector<int>& draw, bool request);
    void want(int index, double priority);
    void submit(int index, double priority);

    // --- update (TilesetNodeUpdate.cpp)
    void update();
    void merge();
    void install(int index, TileBuildResult&& result);
    void evict();
    void unload(int index);
    void applyStyle(Tile& tile);

    TilesetNode& self;
    std::vector<Tile> tiles;
    std::shared_ptr<const TileContentLoader> loader;
    data::ProjectedPoint origin;
    TilesetOptions options;
    std::shared_ptr<FeatureIdBlocks> idBlocks;
    osg::ref_ptr<ModelFeatureIndex> featureIndex;
    std::unique_ptr<TileLoadQueue> queue;
    bool shutDown = false;

    // Ticks count update traversals, whatever viewer runs them (as in TileEngine).
    std::uint64_t tick = 1;
    std::uint64_t cullTick = 0;
    std::vector<int> drawn;                 //!< by the culls since the latest update, all cameras
    std::vector<char> drawnFlag;            //!< per tile, for drawn
    std::unordered_map<int, double> wanted; //!< tile → priority (SSE), by those culls
    std::unordered_map<int, double> previousWanted;

    int loadedCount = 0;
    int failedCount = 0;
    int evictedCount = 0;
    std::size_t memoryBytes = 0;
    QString firstError;

    struct Style
    {
        std::function<std::optional<osg::Vec4f>(const data::ModelFeature&)> colourOf;
        std::unordered_set<std::int64_t> hidden;
        bool wireframe = false;
        bool active = false; //!< set at least once: tiles merged later need it applied
    } style;

    std::function<void()> redrawCallback;
};

//! TileLoadQueue keys tiles by data::TileKey: a tileset tile INDEX is {0, index, 0}.
inline data::TileKey tilesetKey(int index)
{
    return {0, index, 0};
}

} // namespace citytwin::scene
