// TilesetNode update traversal: cancel loads no camera wants any more, merge finished tiles
// (≤ maxMergesPerFrame) with their features and the current style, evict the least recently
// used tiles beyond the memory budget.
#include "scene/FeatureStyler.h"
#include "scene/FeatureTimes.h"
#include "scene/SceneLog.h"
#include "scene/TilesetNodeImpl.h"

#include <algorithm>

namespace citytwin::scene {

void TilesetNode::Impl::update()
{
    if (cullTick != tick) {
        // No camera saw the tileset in the frame that ended (out of view, or no camera at all):
        // it wants and draws nothing, so a renderer waiting for idle does not wait for it.
        previousWanted = std::move(wanted);
        wanted.clear();
        for (int index : drawn)
            drawnFlag[std::size_t(index)] = 0;
        drawn.clear();
    }
    ++tick;
    // What neither of the last two ticks wanted goes: another viewer's frame in between does not
    // cancel what this one asked for.
    queue->cancelUnless([this](const data::TileKey& key) {
        return wanted.count(key.x) > 0 || previousWanted.count(key.x) > 0;
    });
    merge();
    evict();
    // Left over by the merge budget: another frame must come to take them.
    if (queue->doneCount() > 0 && redrawCallback)
        redrawCallback();
}

void TilesetNode::Impl::merge()
{
    for (int merged = 0; merged < std::max(1, options.maxMergesPerFrame); ++merged) {
        std::optional<TileBuildResult> result = queue->takeDone();
        if (!result)
            break;
        const int index = result->key.x;
        if (index < 0 || std::size_t(index) >= tiles.size())
            continue;
        Tile& tile = tiles[std::size_t(index)];
        if (!result->errors.empty()) {
            const QString message = result->errors.front().status.message();
            qCWarning(lcScene) << "tileset tile" << index << "failed:" << message;
            tile.failed = true;
            ++failedCount;
            if (firstError.isEmpty())
                firstError = message;
            continue;
        }
        if (result->node)
            install(index, std::move(*result));
    }
}

void TilesetNode::Impl::install(int index, TileBuildResult&& result)
{
    if (tiles[std::size_t(index)].loaded())
        unload(index);
    Tile& tile = tiles[std::size_t(index)];
    tile.node = result.node;
    tile.bytes = result.geometryBytes;
    tile.lastUsedTick = tick; // fresh counts as recently used: not the first to go
    tile.featureIds.clear();
    if (auto* content = dynamic_cast<TilesetTileContent*>(tile.node->getUserData())) {
        tile.featureIds.reserve(content->features.size());
        for (const data::ModelFeature& f : content->features)
            tile.featureIds.push_back(f.id);
        featureIndex->add(content->features);
        tile.node->setUserData(nullptr); // the layer index holds them now
    }
    if (style.active)
        applyStyle(tile);
    inheritFeatureTimes(&self, tile.node.get()); // times set on the layer cover tiles merged since
    self.addChild(tile.node);
    memoryBytes += tile.bytes;
    ++loadedCount;
}

void TilesetNode::Impl::unload(int index)
{
    Tile& tile = tiles[std::size_t(index)];
    if (!tile.loaded())
        return;
    featureIndex->remove(tile.featureIds);
    tile.featureIds.clear();
    self.removeChild(tile.node.get());
    tile.node = nullptr;
    memoryBytes -= std::min(memoryBytes, tile.bytes);
    tile.bytes = 0;
    --loadedCount;
}

void TilesetNode::Impl::evict()
{
    if (memoryBytes <= options.memoryBudgetBytes)
        return;
    // Tiles used by the last culls (drawn, or the fallback of children still loading) or merged
    // since stay: evicting them would show holes or stall refinement.
    std::vector<std::pair<std::uint64_t, int>> candidates;
    for (std::size_t i = 0; i < tiles.size(); ++i)
        if (tiles[i].loaded() && tiles[i].lastUsedTick + 1 < tick)
            candidates.emplace_back(tiles[i].lastUsedTick, int(i));
    // Least recently used first; among equals the later (deeper) tile.
    std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second > b.second;
    });
    for (const auto& [lastUsed, index] : candidates) {
        if (memoryBytes <= options.memoryBudgetBytes)
            break;
        unload(index);
        ++evictedCount;
    }
}

void TilesetNode::Impl::applyStyle(Tile& tile)
{
    std::unordered_map<std::int64_t, osg::Vec4f> colours;
    std::unordered_set<std::int64_t> hidden;
    for (std::int64_t id : tile.featureIds) {
        if (style.hidden.count(id) > 0)
            hidden.insert(id);
        if (!style.colourOf)
            continue;
        if (std::optional<data::ModelFeature> feature = featureIndex->feature(id))
            if (std::optional<osg::Vec4f> colour = style.colourOf(*feature))
                colours.emplace(id, *colour);
    }
    setFeatureColours(tile.node.get(), colours);
    setFeaturesHidden(tile.node.get(), hidden);
    setWireframe(tile.node.get(), style.wireframe);
}

void TilesetNode::setFeatureStyle(
    std::function<std::optional<osg::Vec4f>(const data::ModelFeature&)> colourOf,
    std::unordered_set<std::int64_t> hidden, bool wireframe)
{
    Impl& d = *m_impl;
    d.style.colourOf = std::move(colourOf);
    d.style.hidden = std::move(hidden);
    d.style.wireframe = wireframe;
    d.style.active = true;
    for (Impl::Tile& tile : d.tiles)
        if (tile.loaded())
            d.applyStyle(tile);
}

} // namespace citytwin::scene
