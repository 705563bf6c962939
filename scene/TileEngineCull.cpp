// TileEngine selection: run in the cull traversal of every camera, so each view (GUI viewer,
// offscreen renders) refines for itself; tiles drawn and wanted are collected per frame.
#include "scene/TileEngineImpl.h"

#include <algorithm>
#include <cmath>
#include <osgUtil/CullVisitor>

namespace citytwin::scene {

double TileEngine::Impl::geometricError(const data::TileKey& key) const
{
    // A texel must not get blurry. Without imagery the same density keeps the tile count sane
    // (mesh cells of 1.5 px would mean thousands of tiles); the mesh stops refining anyway at
    // the level where the DEM has no more detail (effectiveMaxLevel).
    return scheme.tileSize(key.level) / std::max(16, options.textureSize);
}

std::pair<double, double> TileEngine::Impl::heightRange(const data::TileKey& key) const
{
    // The nearest resident ancestor bounds an unloaded tile best; else what was loaded anywhere.
    for (data::TileKey k = key; k.isValid(); k = k.parent()) {
        if (auto it = tiles.find(k); it != tiles.end())
            return {it->second.minZ, it->second.maxZ};
        if (k.level == 0)
            break;
    }
    return haveHeights ? std::pair{minZ, maxZ} : std::pair{0.0, 0.0};
}

void TileEngine::Impl::submit(const data::TileKey& key, double priority)
{
    std::shared_ptr<const TileBuildContext> c = buildContext();
    queue->request(key, priority,
                   [c, key](const data::CancelToken& cancel) { return buildTerrainTile(*c, key, cancel); });
}

void TileEngine::Impl::cull(osgUtil::CullVisitor& cv)
{
    if (!scheme.isValid())
        return;
    if (cullTick != tick) {
        cullTick = tick;
        drawn.clear();
        drawnSet.clear();
        previousWanted = std::move(wanted);
        wanted.clear();
    }

    data::SelectionInput in;
    const osg::Vec3 eyeLocal = cv.getEyeLocal();
    in.eye = {eyeLocal.x() + origin.x, eyeLocal.y() + origin.y, eyeLocal.z() + origin.z};
    if (const osg::Viewport* vp = cv.getViewport())
        in.viewportHeight = vp->height();
    double fovy = 0, aspect = 0, zNear = 0, zFar = 0;
    if (const osg::RefMatrix* projection = cv.getProjectionMatrix();
        projection && projection->getPerspective(fovy, aspect, zNear, zFar) && fovy > 0)
        in.fovyDeg = fovy;
    // The camera's LOD scale (> 1: coarser, e.g. while navigating) scales the allowed error.
    in.maxErrorPx = options.maxErrorPx * std::max(0.01, double(cv.getLODScale()));
    in.maxLevel = effectiveMaxLevel();
    in.geometricError = [this](const data::TileKey& k) { return geometricError(k); };
    in.heightRange = [this](const data::TileKey& k) { return heightRange(k); };
    in.isReady = [this](const data::TileKey& k) { return tiles.count(k) > 0; };
    in.isVisible = [&](const data::TileKey& k) {
        const data::Extent2D e = scheme.tileExtent(k);
        const auto [z0, z1] = heightRange(k);
        const double skirt = std::max(2.0, options.skirtRatio * e.width());
        const osg::BoundingBox box(float(e.minX - origin.x), float(e.minY - origin.y),
                                   float(z0 - skirt - origin.z), float(e.maxX - origin.x),
                                   float(e.maxY - origin.y), float(z1 - origin.z));
        return !cv.isCulled(box);
    };
    const data::SelectionResult selection = data::selectTiles(scheme, in);

    auto want = [this](const data::TileKey& k, double priority) {
        double& p = wanted[k];
        p = std::max(p, priority);
    };
    for (const data::TileKey& key : selection.draw) {
        auto it = tiles.find(key);
        if (it == tiles.end())
            continue; // selectTiles only draws ready tiles; be safe anyway
        Tile& tile = it->second;
        tile.lastDrawnTick = tick;
        if (drawnSet.insert(key).second)
            drawn.push_back(key);
        tile.node->accept(cv);
        if (tile.epoch != epoch) {
            // Drawn with outdated content (sources changed): replace it, it stays until then.
            const data::Extent2D e = scheme.tileExtent(key);
            const double distance = data::distanceToBox(in.eye, e, tile.minZ, tile.maxZ);
            want(key, data::screenSpaceError(geometricError(key), distance, in.viewportHeight, in.fovyDeg));
        }
    }
    for (const data::TileRequest& r : selection.requests)
        want(r.key, r.priority);

    std::vector<std::pair<double, data::TileKey>> order;
    order.reserve(wanted.size());
    for (const auto& [key, priority] : wanted)
        order.emplace_back(priority, key);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [priority, key] : order) {
        if (!queue->isPending(key) && !queue->hasRoom())
            break;
        submit(key, priority);
    }
}

} // namespace citytwin::scene
