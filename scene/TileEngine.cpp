// TileEngine: construction, layer edits, stats and the node plumbing (traverse dispatch, bound).
// Selection lives in TileEngineCull.cpp, merging and eviction in TileEngineUpdate.cpp.
#include "scene/TileEngine.h"

#include "scene/TileEngineImpl.h"
#include "scene/TileTerrainProgram.h"

#include <QThread>
#include <algorithm>
#include <osgUtil/CullVisitor>

namespace citytwin::scene {

namespace {
//! Deepest level the engine ever refines to, whatever a source claims (2^25 tiles a side).
constexpr int kLevelCap = 25;
} // namespace

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

void TileEngine::Impl::contentChanged()
{
    ++epoch;
    context.reset();
    queue->cancelUnless([](const data::TileKey&) { return false; }); // their results would be stale
    if (redrawCallback)
        redrawCallback();
}

std::shared_ptr<const TileBuildContext> TileEngine::Impl::buildContext()
{
    if (context)
        return context;
    auto c = std::make_shared<TileBuildContext>();
    c->scheme = scheme;
    c->origin = origin;
    c->meshQuads = std::max(1, options.meshQuads);
    c->textureSize = std::max(16, options.textureSize);
    c->skirtRatio = options.skirtRatio;
    c->verticalScale = verticalScale;
    c->epoch = epoch;
    for (const ElevationLayer& e : elevation)
        if (e.enabled)
            c->elevation.push_back({e.id, e.source});
    for (const ImageryLayer& i : imagery)
        c->imagery.push_back({i.id, i.source});
    context = c;
    return context;
}

int TileEngine::Impl::effectiveMaxLevel() const
{
    if (options.maxLevel >= 0)
        return std::min(options.maxLevel, kLevelCap);
    int level = 0;
    for (const ElevationLayer& e : elevation)
        if (e.enabled && e.source->info().resolution > 0)
            level = std::max(level, scheme.levelForResolution(e.source->info().resolution,
                                                              std::max(1, options.meshQuads)));
    for (const ImageryLayer& i : imagery)
        if (i.source->info().resolution > 0)
            level = std::max(level, scheme.levelForResolution(i.source->info().resolution,
                                                              std::max(16, options.textureSize)));
    return std::min(level, kLevelCap);
}

int TileEngine::Impl::imagerySlot(data::LayerId id) const
{
    for (size_t i = 0; i < imagery.size(); ++i)
        if (imagery[i].id == id)
            return int(i);
    return -1;
}

void TileEngine::Impl::bindTile(Tile& tile) const
{
    osg::StateSet* ss = tile.node->getOrCreateStateSet();
    osg::ref_ptr<osg::Uniform> has = new osg::Uniform(osg::Uniform::FLOAT, "ct_tileHas", kMaxImageryLayers);
    for (int unit = 0; unit < kMaxImageryLayers; ++unit) {
        ss->removeTextureAttribute(unit, osg::StateAttribute::TEXTURE);
        has->setElement(unit, 0.0f);
    }
    for (size_t slot = 0; slot < imagery.size() && slot < size_t(kMaxImageryLayers); ++slot) {
        auto it = tile.textures.find(imagery[slot].id);
        if (it == tile.textures.end())
            continue;
        ss->setTextureAttribute(unsigned(slot), it->second.texture.get());
        has->setElement(unsigned(slot), 1.0f);
    }
    ss->removeUniform("ct_tileHas");
    ss->addUniform(has);
}

void TileEngine::Impl::rebindAllTiles()
{
    for (auto& [key, tile] : tiles)
        bindTile(tile);
}

void TileEngine::Impl::updateLayerWeights()
{
    int used = 0; // slots up to the topmost one that shows
    for (int slot = 0; slot < kMaxImageryLayers; ++slot) {
        float w = 0.0f;
        if (slot < int(imagery.size()) && imagery[size_t(slot)].visible)
            w = std::clamp(imagery[size_t(slot)].opacity, 0.0f, 1.0f);
        layerWeightUniform->setElement(unsigned(slot), w);
        if (w > 0.0f)
            used = slot + 1;
    }
    if (used != programLayers) {
        programLayers = used;
        self.getOrCreateStateSet()->setAttributeAndModes(tileTerrainProgram(used));
    }
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

void TileEngine::addElevationSource(data::LayerId id, std::shared_ptr<const data::ElevationSource> source)
{
    if (!source)
        return;
    auto& layers = m_impl->elevation;
    std::erase_if(layers, [id](const Impl::ElevationLayer& l) { return l.id == id; });
    layers.push_back({id, std::move(source), true});
    m_impl->reportedErrors.erase(id);
    m_impl->contentChanged();
}

bool TileEngine::addImagerySource(data::LayerId id, std::shared_ptr<const data::ImagerySource> source)
{
    if (!source)
        return false;
    const int slot = m_impl->imagerySlot(id);
    if (slot >= 0) {
        m_impl->imagery[size_t(slot)].source = std::move(source);
    } else {
        if (int(m_impl->imagery.size()) >= kMaxImageryLayers)
            return false;
        m_impl->imagery.push_back({id, std::move(source), 1.0f, true});
    }
    m_impl->reportedErrors.erase(id);
    m_impl->updateLayerWeights();
    m_impl->rebindAllTiles();
    m_impl->contentChanged();
    return true;
}

void TileEngine::removeSource(data::LayerId id)
{
    Impl& d = *m_impl;
    d.reportedErrors.erase(id);
    if (std::erase_if(d.elevation, [id](const Impl::ElevationLayer& l) { return l.id == id; }) > 0)
        d.contentChanged();
    if (d.imagerySlot(id) < 0)
        return;
    std::erase_if(d.imagery, [id](const Impl::ImageryLayer& l) { return l.id == id; });
    // Imagery goes at once and without a reload: its textures leave every resident tile.
    for (auto& [key, tile] : d.tiles) {
        auto it = tile.textures.find(id);
        if (it == tile.textures.end())
            continue;
        d.memoryBytes -= it->second.bytes;
        tile.textures.erase(it);
    }
    d.context.reset(); // later loads skip the layer; loads in flight only bring an unused texture
    d.rebindAllTiles();
    d.updateLayerWeights();
    if (d.redrawCallback)
        d.redrawCallback();
}

void TileEngine::setImageryOrder(const std::vector<data::LayerId>& bottomToTop)
{
    Impl& d = *m_impl;
    std::vector<Impl::ImageryLayer> ordered;
    for (data::LayerId id : bottomToTop) {
        const int slot = d.imagerySlot(id);
        if (slot >= 0 &&
            std::none_of(ordered.begin(), ordered.end(), [id](const auto& l) { return l.id == id; }))
            ordered.push_back(d.imagery[size_t(slot)]);
    }
    for (const Impl::ImageryLayer& l : d.imagery)
        if (std::none_of(ordered.begin(), ordered.end(), [&](const auto& o) { return o.id == l.id; }))
            ordered.push_back(l);
    d.imagery = std::move(ordered);
    d.context.reset();
    d.rebindAllTiles();
    d.updateLayerWeights();
    if (d.redrawCallback)
        d.redrawCallback();
}

void TileEngine::setImageryOpacity(data::LayerId id, float opacity)
{
    if (const int slot = m_impl->imagerySlot(id); slot >= 0) {
        m_impl->imagery[size_t(slot)].opacity = opacity;
        m_impl->updateLayerWeights();
    }
}

void TileEngine::setImageryVisible(data::LayerId id, bool visible)
{
    if (const int slot = m_impl->imagerySlot(id); slot >= 0) {
        m_impl->imagery[size_t(slot)].visible = visible;
        m_impl->updateLayerWeights();
    }
}

void TileEngine::setElevationEnabled(data::LayerId id, bool enabled)
{
    for (Impl::ElevationLayer& l : m_impl->elevation) {
        if (l.id == id && l.enabled != enabled) {
            l.enabled = enabled;
            m_impl->contentChanged();
        }
    }
}

void TileEngine::setVerticalScale(double scale)
{
    if (scale == m_impl->verticalScale)
        return;
    m_impl->verticalScale = scale;
    m_impl->haveHeights = false; // the range is rebuilt from the reloaded tiles
    m_impl->contentChanged();
}

double TileEngine::verticalScale() const
{
    return m_impl->verticalScale;
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

namespace {

//! Visits every TileEngine under a node (not their tiles).
class EngineVisitor : public osg::NodeVisitor
{
public:
    explicit EngineVisitor(std::function<void(TileEngine&)> visit)
        : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN), m_visit(std::move(visit))
    {
    }
    void apply(osg::Group& group) override
    {
        if (auto* engine = dynamic_cast<TileEngine*>(&group)) {
            m_visit(*engine);
            return;
        }
        traverse(group);
    }

private:
    std::function<void(TileEngine&)> m_visit;
};

} // namespace

bool tileEnginesIdle(osg::Node* root)
{
    if (!root)
        return true;
    bool idle = true;
    EngineVisitor visitor([&idle](TileEngine& e) { idle = idle && e.isIdle(); });
    root->accept(visitor);
    return idle;
}

bool tileEnginesNeedFrame(osg::Node* root)
{
    if (!root)
        return false;
    bool needed = false;
    EngineVisitor visitor([&needed](TileEngine& e) { needed = needed || e.needsFrame(); });
    root->accept(visitor);
    return needed;
}

} // namespace citytwin::scene
