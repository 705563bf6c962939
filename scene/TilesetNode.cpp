// TilesetNode: construction, stats and the node plumbing (traverse dispatch, bound). Selection
// lives in TilesetNodeCull.cpp, merging, styling and eviction in TilesetNodeUpdate.cpp, the
// worker side in TilesetNodeLoad.cpp.
#include "scene/TilesetNode.h"

#include "scene/TilesetNodeImpl.h"

#include <QThread>
#include <algorithm>
#include <osgUtil/CullVisitor>

namespace citytwin::scene {

TilesetNode::Impl::Impl(TilesetNode& node, std::vector<TilesetNodeTile> infos, TileContentLoader load,
                        const data::ProjectedPoint& o, const TilesetOptions& opts)
    : self(node), loader(std::make_shared<const TileContentLoader>(std::move(load))), origin(o),
      options(opts), idBlocks(std::make_shared<FeatureIdBlocks>(infos.size())),
      featureIndex(new ModelFeatureIndex)
{
    const int count = int(infos.size());
    tiles.resize(infos.size());
    for (int i = 0; i < count; ++i) {
        Tile& tile = tiles[std::size_t(i)];
        tile.info = std::move(infos[std::size_t(i)]);
        // A child index out of range or pointing back up would make selection recurse forever.
        auto& children = tile.info.children;
        children.erase(
            std::remove_if(children.begin(), children.end(), [&](int c) { return c <= i || c >= count; }),
            children.end());
        tile.sphere =
            osg::BoundingSphere(osg::Vec3d(tile.info.centre.x - origin.x, tile.info.centre.y - origin.y,
                                           tile.info.centre.z - origin.z),
                                float(std::max(0.0, tile.info.radius)));
    }
    drawnFlag.assign(tiles.size(), 0);
    const int threads = options.workerThreads > 0 ? options.workerThreads : QThread::idealThreadCount();
    queue = std::make_unique<TileLoadQueue>(threads, std::max(1, options.maxInFlight));
}

TilesetNode::TilesetNode(std::vector<TilesetNodeTile> tiles, TileContentLoader loader,
                         const data::ProjectedPoint& origin, const TilesetOptions& options)
    : m_impl(std::make_unique<Impl>(*this, std::move(tiles), std::move(loader), origin, options))
{
    setName("tileset");
    setUserData(m_impl->featureIndex.get());
    // The update traversal only enters subgraphs that ask for it: merging happens there.
    setNumChildrenRequiringUpdateTraversal(getNumChildrenRequiringUpdateTraversal() + 1);
}

TilesetNode::~TilesetNode()
{
    m_impl->shutDown = true;
    m_impl->queue->shutdown();
}

TilesetNode::Stats TilesetNode::stats() const
{
    const Impl& d = *m_impl;
    Stats s;
    s.tiles = int(d.tiles.size());
    s.loaded = d.loadedCount;
    s.drawn = int(d.drawn.size());
    s.queued = d.queue->queued() + d.queue->running();
    s.failed = d.failedCount;
    s.evicted = d.evictedCount;
    s.memoryBytes = d.memoryBytes;
    return s;
}

QString TilesetNode::firstError() const
{
    return m_impl->firstError;
}

bool TilesetNode::isIdle() const
{
    const Impl& d = *m_impl;
    if (d.shutDown)
        return true;
    return d.wanted.empty() && d.queue->doneCount() == 0 && d.queue->queued() == 0 && d.queue->running() == 0;
}

bool TilesetNode::needsFrame() const
{
    const Impl& d = *m_impl;
    if (d.shutDown)
        return false;
    if (d.queue->doneCount() > 0)
        return true;
    if (!d.queue->hasRoom())
        return false;
    return std::any_of(d.wanted.begin(), d.wanted.end(),
                       [&](const auto& w) { return !d.queue->isPending(tilesetKey(w.first)); });
}

void TilesetNode::setRedrawCallback(std::function<void()> callback)
{
    m_impl->redrawCallback = callback;
    m_impl->queue->setReadyCallback(std::move(callback));
}

void TilesetNode::traverse(osg::NodeVisitor& nv)
{
    switch (nv.getVisitorType()) {
    case osg::NodeVisitor::CULL_VISITOR:
        if (auto* cv = dynamic_cast<osgUtil::CullVisitor*>(&nv))
            m_impl->cull(*cv);
        return;
    case osg::NodeVisitor::UPDATE_VISITOR:
        m_impl->update();
        return;
    default:
        break;
    }
    if (nv.getTraversalMode() == osg::NodeVisitor::TRAVERSE_ALL_CHILDREN) {
        osg::Group::traverse(nv);
        return;
    }
    // Picking and other active-children visitors see what the cameras drew.
    for (int index : m_impl->drawn)
        if (const auto& node = m_impl->tiles[std::size_t(index)].node)
            node->accept(nv);
}

osg::BoundingSphere TilesetNode::computeBound() const
{
    const Impl& d = *m_impl;
    if (d.tiles.empty())
        return {};
    return d.tiles.front().sphere;
}

} // namespace citytwin::scene
