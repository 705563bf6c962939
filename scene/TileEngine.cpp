// TileEngine: construction, stats and the node plumbing (traverse dispatch, bound). Layer edits
// live in TileEngineLayers.cpp, selection in TileEngineCull.cpp, merging and eviction in
// TileEngineUpdate.cpp.
#include "scene/TileEngine.h"

#include "scene/TileEngineImpl.h"

#include <QThread>
#include <algorithm>
#include <osgUtil/CullVisitor>

namespace citytwin::scene {

std::size_t TileEngine::Impl::Tile::bytes() const
{
    std::size_t total = geometryBytes;
    for (const auto& [id, t] : textures)
        total += t.bytes;
    return total;
}

TileEngine::Impl::Impl(TileEngine& engine, const data::TilingScheme& s, const data::ProjectedPoint& o,
                       const TileEngineOptions& opts)
    : self(engine), scheme(s), origin(o), options(opts)
{
    const int threads = options.workerThreads > 0 ? options.workerThreads : QThread::idealThreadCount();
    queue = std::make_unique<TileLoadQueue>(threads, options.maxInFlight);
}

TileEngine::TileEngine(const data::TilingScheme& scheme, const data::ProjectedPoint& origin,
                       const TileEngineOptions& options)
    : m_impl(std::make_unique<Impl>(*this, scheme, origin, options))
{
    setName("tile-terrain");
    // The update traversal only enters subgraphs that ask for it: merging happens there.
    setNumChildrenRequiringUpdateTraversal(getNumChildrenRequiringUpdateTraversal() + 1);

    osg::StateSet* ss = getOrCreateStateSet();
    ss->setMode(GL_CULL_FACE, osg::StateAttribute::OFF); // skirts and views from below
    for (int i = 0; i < kMaxImageryLayers; ++i)
        ss->addUniform(new osg::Uniform(("ct_layer" + std::to_string(i)).c_str(), i));
    m_impl->layerWeightUniform = new osg::Uniform(osg::Uniform::FLOAT, "ct_layerWeight", kMaxImageryLayers);
    ss->addUniform(m_impl->layerWeightUniform);
    m_impl->updateLayerWeights();
    osg::ref_ptr<osg::Uniform> noLayers =
        new osg::Uniform(osg::Uniform::FLOAT, "ct_tileHas", kMaxImageryLayers);
    for (int i = 0; i < kMaxImageryLayers; ++i)
        noLayers->setElement(unsigned(i), 0.0f);
    ss->addUniform(noLayers);
    ss->addUniform(new osg::Uniform("ct_groundOpacity", 1.0f));
    ss->addUniform(new osg::Uniform("ct_opacity", 1.0f));
    m_impl->heightRangeUniform = new osg::Uniform("ct_heightRange", osg::Vec2f(0.0f, 0.0f));
    ss->addUniform(m_impl->heightRangeUniform);
}

TileEngine::~TileEngine()
{
    shutdown();
}

const data::TilingScheme& TileEngine::scheme() const
{
    return m_impl->scheme;
}
TileEngine::Stats TileEngine::stats() const
{
    const Impl& d = *m_impl;
    Stats s;
    s.residentTiles = int(d.tiles.size());
    s.drawnTiles = int(d.drawn.size());
    s.queued = d.queue->queued();
    s.running = d.queue->running();
    s.memoryBytes = d.memoryBytes;
    s.loadedTotal = d.loadedTotal;
    s.cancelledTotal = d.queue->cancelledTotal();
    s.failedTotal = d.failedTotal;
    s.evictedTotal = d.evictedTotal;
    s.lastMergeMs = d.lastMergeMs;
    for (const data::TileKey& k : d.drawn)
        s.deepestDrawnLevel = std::max(s.deepestDrawnLevel, k.level);
    return s;
}

bool TileEngine::isIdle() const
{
    const Impl& d = *m_impl;
    if (d.shutDown)
        return true; // nothing will ever load again: renderers must not wait for it
    return d.wanted.empty() && d.queue->doneCount() == 0 && d.queue->queued() == 0 && d.queue->running() == 0;
}

bool TileEngine::needsFrame() const
{
    const Impl& d = *m_impl;
    if (d.shutDown)
        return false;
    if (d.queue->doneCount() > 0)
        return true;
    if (!d.queue->hasRoom())
        return false;
    return std::any_of(d.wanted.begin(), d.wanted.end(),
                       [&](const auto& w) { return !d.queue->isPending(w.first); });
}

void TileEngine::setRedrawCallback(std::function<void()> callback)
{
    m_impl->redrawCallback = callback;
    m_impl->queue->setReadyCallback(std::move(callback));
}

void TileEngine::setLayerErrorCallback(std::function<void(data::LayerId, const QString&)> callback)
{
    m_impl->layerErrorCallback = std::move(callback);
}

void TileEngine::shutdown()
{
    m_impl->shutDown = true;
    m_impl->queue->shutdown();
}

void TileEngine::traverse(osg::NodeVisitor& nv)
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
    // Picking and other active-children visitors see what the cameras saw.
    for (const data::TileKey& key : m_impl->drawn)
        if (auto it = m_impl->tiles.find(key); it != m_impl->tiles.end())
            it->second.node->accept(nv);
}

osg::BoundingSphere TileEngine::computeBound() const
{
    const Impl& d = *m_impl;
    if (!d.scheme.isValid())
        return {};
    const data::Extent2D e = d.scheme.extent();
    const double z0 = (d.haveHeights ? d.minZ : 0.0) - d.origin.z;
    const double z1 = (d.haveHeights ? d.maxZ : 0.0) - d.origin.z;
    osg::BoundingBox box(float(e.minX - d.origin.x), float(e.minY - d.origin.y), float(z0),
                         float(e.maxX - d.origin.x), float(e.maxY - d.origin.y), float(z1));
    return osg::BoundingSphere(box);
}

} // namespace citytwin::scene
