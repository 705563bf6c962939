// TileEngine update traversal: cancel loads no camera wants any more, merge finished tiles under
// the per-frame budget, evict the least recently drawn tiles beyond the memory budget.
#include "scene/SceneLog.h"
#include "scene/TileEngineImpl.h"

#include <QElapsedTimer>
#include <algorithm>

namespace citytwin::scene {

void TileEngine::Impl::update()
{
    if (cullTick != tick) {
        // No camera saw the engine in the frame that ended (out of view): it wants and draws
        // nothing, so a renderer waiting for idle does not wait for a view it left.
        previousWanted = std::move(wanted);
        wanted.clear();
        drawn.clear();
        drawnSet.clear();
    }
    ++tick;
    cancelUnwanted();
    merge();
    evict();
    // Left over by the merge budget: another frame must come to take them.
    if (queue->doneCount() > 0 && redrawCallback)
        redrawCallback();
}

void TileEngine::Impl::cancelUnwanted()
{
    // What neither of the last two frames wanted goes (a hidden engine, node mask 0, gets no
    // update traversal and keeps its loads).
    queue->cancelUnless(
        [this](const data::TileKey& key) { return wanted.count(key) > 0 || previousWanted.count(key) > 0; });
}

void TileEngine::Impl::merge()
{
    QElapsedTimer timer;
    timer.start();
    int merged = 0;
    while (merged < options.maxMergesPerFrame && double(timer.nsecsElapsed()) / 1e6 < options.mergeBudgetMs) {
        std::optional<TileBuildResult> result = queue->takeDone();
        if (!result)
            break;
        reportErrors(result->errors);
        if (result->epoch != epoch || !result->node)
            continue; // built for sources that changed since
        install(std::move(*result));
        ++merged;
    }
    lastMergeMs = double(timer.nsecsElapsed()) / 1e6;
}

void TileEngine::Impl::install(TileBuildResult&& result)
{
    if (tiles.count(result.key) > 0)
        removeTile(result.key);
    Tile tile;
    tile.node = result.node;
    for (TileTexture& t : result.textures)
        if (imagerySlot(t.id) >= 0) // a layer removed while the tile loaded brings nothing
            tile.textures.emplace(t.id, std::move(t));
    tile.minZ = result.minZ;
    tile.maxZ = result.maxZ;
    tile.geometryBytes = result.geometryBytes;
    tile.epoch = result.epoch;
    tile.lastDrawnTick = tick; // fresh counts as recently used: not the first to go
    bindTile(tile);
    self.addChild(tile.node);
    memoryBytes += tile.bytes();
    tiles.emplace(result.key, std::move(tile));
    ++loadedTotal;

    const double lo = haveHeights ? std::min(minZ, result.minZ) : result.minZ;
    const double hi = haveHeights ? std::max(maxZ, result.maxZ) : result.maxZ;
    if (!haveHeights || lo != minZ || hi != maxZ) {
        haveHeights = true;
        minZ = lo;
        maxZ = hi;
        heightRangeUniform->set(osg::Vec2f(float(minZ), float(maxZ)));
        self.dirtyBound();
    }
}

void TileEngine::Impl::removeTile(const data::TileKey& key)
{
    auto it = tiles.find(key);
    if (it == tiles.end())
        return;
    memoryBytes -= std::min(memoryBytes, it->second.bytes());
    self.removeChild(it->second.node.get());
    tiles.erase(it);
}

void TileEngine::Impl::evict()
{
    if (memoryBytes <= options.memoryBudgetBytes)
        return;
    std::vector<std::pair<data::TileKey, std::uint64_t>> candidates;
    // Roots stay, and so do tiles drawn by the last culls or merged since (lastDrawnTick is set
    // on install): evicting a child before its siblings arrive would stall refinement.
    for (const auto& [key, tile] : tiles)
        if (key.level > 0 && tile.lastDrawnTick + 1 < tick)
            candidates.emplace_back(key, tile.lastDrawnTick);
    // Least recently drawn first; among equals the deepest (cheapest to reload, least shared).
    std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second < b.second : a.first.level > b.first.level;
    });
    for (const auto& [key, frame] : candidates) {
        if (memoryBytes <= options.memoryBudgetBytes)
            break;
        removeTile(key);
        ++evictedTotal;
    }
}

void TileEngine::setMemoryBudget(std::size_t bytes)
{
    m_impl->options.memoryBudgetBytes = bytes;
}

void TileEngine::Impl::reportErrors(const std::vector<TileLayerError>& errors)
{
    for (const TileLayerError& e : errors) {
        ++failedTotal;
        const bool present =
            imagerySlot(e.id) >= 0 || std::any_of(elevation.begin(), elevation.end(),
                                                  [&](const ElevationLayer& l) { return l.id == e.id; });
        if (!present || !reportedErrors.insert(e.id).second)
            continue;
        qCWarning(lcScene) << "terrain layer" << e.id.value << "failed:" << e.status.message();
        if (layerErrorCallback)
            layerErrorCallback(e.id, e.status.message());
    }
}

} // namespace citytwin::scene
