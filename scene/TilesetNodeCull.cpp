// TilesetNode selection: run in the cull traversal of every camera, so each view (GUI viewer,
// offscreen renders) refines for itself; tiles drawn and wanted are collected per update tick.
#include "scene/TilesetNodeImpl.h"

#include <algorithm>
#include <cmath>
#include <osgUtil/CullVisitor>

namespace citytwin::scene {

namespace {
constexpr double kDefaultFovyDeg = 35.0;
constexpr double kMinDistance = 1e-3; //!< metres: an eye inside a tile's sphere refines it
} // namespace

struct TilesetNode::Impl::CullFrame
{
    osgUtil::CullVisitor& cv;
    osg::Vec3d eye;         //!< local frame
    double sseFactor = 1.0; //!< viewportHeight / (2 tan(fovy/2)): SSE = geometricError · factor / distance
    double maxSse = 16.0;
};

void TilesetNode::Impl::want(int index, double priority)
{
    double& p = wanted[index];
    p = std::max(p, priority);
}

bool TilesetNode::Impl::select(CullFrame& frame, int index, std::vector<int>& draw, bool request)
{
    Tile& tile = tiles[std::size_t(index)];
    if (tile.sphere.valid() && frame.cv.isCulled(tile.sphere))
        return true; // nothing of it shows: nothing missing either
    const double distance = std::max(kMinDistance, (frame.eye - osg::Vec3d(tile.sphere.center())).length() -
                                                       tile.sphere.radius());
    const double sse = tile.info.geometricError * frame.sseFactor / distance;
    const bool refine = !tile.info.children.empty() && sse > frame.maxSse;

    if (request) {
        if (!tile.ready())
            want(index, sse);
        else if (tile.loaded())
            tile.lastUsedTick = tick; // needed by this view (drawn, or the fallback of its children)
    }

    if (!refine) {
        if (!tile.info.hasContent || tile.failed)
            return true;
        if (tile.loaded()) {
            draw.push_back(index);
            return true;
        }
        // Not loaded yet: loaded descendants (from a nearer view) stand in meanwhile, if they
        // cover it without holes. They are not asked for: this tile is what the view wants.
        if (tile.info.children.empty())
            return false;
        std::vector<int> standIn;
        bool covered = true;
        for (int child : tile.info.children)
            covered = select(frame, child, standIn, false) && covered;
        if (covered)
            draw.insert(draw.end(), standIn.begin(), standIn.end());
        return covered;
    }

    if (tile.info.refineAdd) {
        // ADD: the tile's content stays and the children add detail.
        if (tile.loaded())
            draw.push_back(index);
        bool covered = tile.ready();
        for (int child : tile.info.children)
            covered = select(frame, child, draw, request) && covered;
        return covered;
    }

    // REPLACE: the children take over only once every visible one can be drawn; until then the
    // tile itself stays (no holes), while the children still load.
    std::vector<int> children;
    bool covered = true;
    for (int child : tile.info.children)
        covered = select(frame, child, children, request) && covered;
    if (covered) {
        draw.insert(draw.end(), children.begin(), children.end());
        return true;
    }
    if (tile.loaded()) {
        draw.push_back(index);
        return true;
    }
    // Neither: show what there is; an ancestor with content replaces it all if it can.
    draw.insert(draw.end(), children.begin(), children.end());
    return false;
}

void TilesetNode::Impl::cull(osgUtil::CullVisitor& cv)
{
    if (tiles.empty())
        return;
    if (cullTick != tick) {
        cullTick = tick;
        for (int index : drawn)
            drawnFlag[std::size_t(index)] = 0;
        drawn.clear();
        previousWanted = std::move(wanted);
        wanted.clear();
    }

    CullFrame frame{cv, osg::Vec3d(cv.getEyeLocal())};
    double viewportHeight = 1024.0;
    if (const osg::Viewport* vp = cv.getViewport())
        viewportHeight = vp->height();
    double fovy = 0, aspect = 0, zNear = 0, zFar = 0;
    if (const osg::RefMatrix* projection = cv.getProjectionMatrix();
        !projection || !projection->getPerspective(fovy, aspect, zNear, zFar) || fovy <= 0)
        fovy = kDefaultFovyDeg;
    frame.sseFactor = viewportHeight / (2.0 * std::tan(osg::DegreesToRadians(fovy) / 2.0));
    // The camera's LOD scale (> 1: coarser, e.g. while navigating) scales the allowed error.
    frame.maxSse = options.maximumScreenSpaceError * std::max(0.01, double(cv.getLODScale()));

    std::vector<int> draw;
    select(frame, 0, draw, true);
    for (int index : draw) {
        Tile& tile = tiles[std::size_t(index)];
        tile.lastUsedTick = tick;
        if (!drawnFlag[std::size_t(index)]) {
            drawnFlag[std::size_t(index)] = 1;
            drawn.push_back(index);
        }
        tile.node->accept(cv);
    }

    std::vector<std::pair<double, int>> order;
    order.reserve(wanted.size());
    for (const auto& [index, priority] : wanted)
        order.emplace_back(priority, index);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [priority, index] : order) {
        if (!queue->isPending(tilesetKey(index)) && !queue->hasRoom())
            break;
        submit(index, priority);
    }
}

} // namespace citytwin::scene
