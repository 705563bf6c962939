// TileEngine layer edits: sources, order, opacity, visibility, vertical scale, and what they
// mean for resident tiles (texture units, reloads); the ground see-through of a terrain.
#include "scene/TileEngineImpl.h"
#include "scene/TileTerrainProgram.h"

#include <algorithm>
#include <osg/BlendFunc>
#include <osg/Depth>

namespace citytwin::scene {

namespace {
//! Deepest level the engine ever refines to, whatever a source claims (2^25 tiles a side).
constexpr int kLevelCap = 25;
} // namespace

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
    // Callers re-apply the whole layer list on any setting change: only a new order costs.
    if (std::equal(ordered.begin(), ordered.end(), d.imagery.begin(), d.imagery.end(),
                   [](const auto& a, const auto& b) { return a.id == b.id; }))
        return;
    d.imagery = std::move(ordered);
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
        if (m_impl->redrawCallback)
            m_impl->redrawCallback();
    }
}

void TileEngine::setImageryVisible(data::LayerId id, bool visible)
{
    if (const int slot = m_impl->imagerySlot(id); slot >= 0) {
        m_impl->imagery[size_t(slot)].visible = visible;
        m_impl->updateLayerWeights();
        if (m_impl->redrawCallback)
            m_impl->redrawCallback();
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

void setTerrainGroundOpacity(osg::Node* terrain, float opacity)
{
    if (!terrain)
        return;
    opacity = std::clamp(opacity, 0.0f, 1.0f);
    osg::StateSet* ss = terrain->getOrCreateStateSet();
    ss->getOrCreateUniform("ct_groundOpacity", osg::Uniform::FLOAT)->set(opacity);
    if (opacity < 1.0f) {
        ss->setAttributeAndModes(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA));
        ss->setAttribute(new osg::Depth(osg::Depth::LESS, 0.0, 1.0, false)); // see what is below
        ss->setRenderingHint(osg::StateSet::TRANSPARENT_BIN);
    } else {
        ss->removeAttribute(osg::StateAttribute::BLENDFUNC);
        ss->removeMode(GL_BLEND);
        ss->removeAttribute(osg::StateAttribute::DEPTH);
        ss->setRenderingHint(osg::StateSet::DEFAULT_BIN);
    }
}

} // namespace citytwin::scene
