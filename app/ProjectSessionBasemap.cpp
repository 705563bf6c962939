#include "app/ProjectSession.h"
#include "gis/GdalEnvironment.h"
#include "gis/RasterSourceFactory.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QThreadPool>
#include <QTimer>
#include <algorithm>
#include <cmath>

// The basemap side of ProjectSession: one scene::TileEngine draws every elevation and imagery
// layer; the session owns the opened sources, decides the engine's tiling scheme, forwards the
// layer settings and turns engine errors and trust decisions into layer states.

Q_DECLARE_LOGGING_CATEGORY(lcSession)

namespace citytwin::app {

using data::LayerId;
using data::LayerKind;

namespace {

const char* const kVerticalScaleKey = "verticalScale";
constexpr double kMinVerticalScale = 0.1;
constexpr double kMaxVerticalScale = 10.0;

void extend(data::Extent2D& box, const data::Extent2D& more)
{
    if (more.isEmpty())
        return;
    if (box.isEmpty()) {
        box = more;
        return;
    }
    box.minX = std::min(box.minX, more.minX);
    box.minY = std::min(box.minY, more.minY);
    box.maxX = std::max(box.maxX, more.maxX);
    box.maxY = std::max(box.maxY, more.maxY);
}

} // namespace

bool ProjectSession::isBasemap(LayerKind kind)
{
    return kind == LayerKind::Elevation || kind == LayerKind::Imagery;
}

scene::TileEngine* ProjectSession::terrainEngine() const
{
    return m_engine.get();
}

double ProjectSession::layerVerticalScale(const data::LayerSettings& layer)
{
    const double scale = layer.style.value(QLatin1String(kVerticalScaleKey)).toDouble(1.0);
    return std::isfinite(scale) && scale > 0.0 ? std::clamp(scale, kMinVerticalScale, kMaxVerticalScale)
                                               : 1.0;
}

void ProjectSession::setLayerVerticalScale(LayerId id, double scale)
{
    data::LayerSettings* layer = m_project.layer(id);
    if (!layer || layer->kind != LayerKind::Elevation || !std::isfinite(scale))
        return;
    scale = std::clamp(scale, kMinVerticalScale, kMaxVerticalScale);
    const QJsonValue current = layer->style.value(QLatin1String(kVerticalScaleKey));
    if (current.isDouble() && current.toDouble() == scale)
        return;
    if (current.isUndefined() && scale == 1.0)
        return; // 1 is the default: no edit
    layer->style[QLatin1String(kVerticalScaleKey)] = scale;
    applyBasemapSettings();
    setModified(true);
    emit layerChanged(id);
}

bool ProjectSession::isTrusted(const data::LayerSettings& layer) const
{
    const QString resolved = resolvedSource(layer);
    for (const QString& uri : {layer.sourceUri, resolved}) {
        if (m_trustedUris.count(uri) != 0 || (m_trustPolicy && m_trustPolicy(uri)))
            return true;
    }
    return false;
}

void ProjectSession::setTrustPolicy(std::function<bool(const QString& uri)> isTrusted)
{
    m_trustPolicy = std::move(isTrusted);
}

void ProjectSession::setServiceOptions(const QString& apiKey, const QString& cacheDir, qint64 cacheMaxBytes)
{
    m_apiKey = apiKey;
    m_cacheDir = cacheDir;
    m_cacheMaxBytes = std::max<qint64>(0, cacheMaxBytes);
    // GDAL keeps its own cache under MaxSize while fetching; this enforces the user's limit
    // (e.g. after lowering it) least-recently-used first, off the main thread.
    if (!m_cacheDir.isEmpty() && QFileInfo(m_cacheDir).isDir())
        QThreadPool::globalInstance()->start(
            [dir = m_cacheDir, limit = m_cacheMaxBytes]() { gis::trimTileCache(dir, limit); });
}

void ProjectSession::setTileMemoryBudget(std::size_t bytes)
{
    m_tileMemoryBytes = bytes;
    if (m_engine)
        m_engine->setMemoryBudget(bytes);
}

std::vector<LayerId> ProjectSession::untrustedLayers() const
{
    std::vector<LayerId> ids;
    for (const data::LayerSettings& layer : m_project.layersInDrawOrder()) {
        const QString uri = resolvedSource(layer);
        // Basemap services, and footprints from a database (PostGIS).
        const bool network = isBasemap(layer.kind) ? gis::needsNetwork(uri)
                             : layer.kind == LayerKind::Buildings && gis::isNetworkSource(uri);
        if (network && !isTrusted(layer))
            ids.push_back(layer.id);
    }
    return ids;
}

void ProjectSession::trustLayer(LayerId id)
{
    const data::LayerSettings* layer = m_project.layer(id);
    if (!layer)
        return;
    m_trustedUris.insert(resolvedSource(*layer));
    // Only a layer that was refused needs loading now; others load (trusted) with the rest.
    if (m_untrusted.erase(id) == 0 || !m_started)
        return;
    beginLoadRound();
    startLayer(*layer);
    emit loadProgress(m_loadDone, m_loadTotal);
    checkFinished();
}

data::TilingScheme ProjectSession::wantedScheme() const
{
    // Tiles where there are heights; an imagery-only project gets a flat terrain under its imagery.
    data::Extent2D elevation, imagery;
    for (const auto& [id, source] : m_sources) {
        if (source.elevation)
            extend(elevation, source.elevation->info().extent);
        else if (source.imagery)
            extend(imagery, source.imagery->info().extent);
    }
    return data::TilingScheme::covering(elevation.isEmpty() ? imagery : elevation);
}

void ProjectSession::updateEngine()
{
    const bool anyElevation = std::any_of(m_sources.begin(), m_sources.end(),
                                          [](const auto& s) { return bool(s.second.elevation); });
    if (!m_engine) {
        // The scheme follows the elevation extents (else the imagery's): wait until they are known.
        if (m_sources.empty() || m_pendingElevation > 0 || (!anyElevation && m_pendingImagery > 0))
            return;
    }
    const data::TilingScheme scheme = wantedScheme();
    if (!scheme.isValid()) {
        if (!m_engine)
            qCWarning(lcSession) << "the basemap sources have no extent: no terrain";
        return;
    }
    if (!m_engine || !(m_engine->scheme() == scheme)) {
        rebuildEngine(scheme);
        return;
    }
    // Same scheme: new sources join the running engine; drawn tiles stay until replaced.
    for (const data::LayerSettings& layer : m_project.layersInDrawOrder()) {
        const auto it = m_sources.find(layer.id);
        if (it == m_sources.end() || it->second.inEngine)
            continue;
        BasemapSource& source = it->second;
        if (source.elevation) {
            m_engine->addElevationSource(layer.id, source.elevation);
        } else if (!m_engine->addImagerySource(layer.id, source.imagery)) {
            m_sources.erase(it);
            setLayerState(layer.id, LayerState::Failed,
                          tr("at most %1 imagery layers can be drawn at once; hide or remove one")
                              .arg(scene::kMaxImageryLayers));
            continue;
        }
        source.inEngine = true;
    }
    applyBasemapSettings();
}

void ProjectSession::rebuildEngine(const data::TilingScheme& scheme)
{
    dropEngine(false);
    scene::TileEngineOptions options;
    options.memoryBudgetBytes = m_tileMemoryBytes;
    m_engine = new scene::TileEngine(scheme, m_project.origin, options);
    m_engine->setName("basemap");
    // Called on the main thread (update traversal); the session clears it before it goes away.
    m_engine->setLayerErrorCallback([this](LayerId id, const QString& message) {
        if (!m_project.layer(id))
            return;
        qCWarning(lcSession).noquote() << "basemap layer" << id.value << "failed:" << message;
        setLayerState(id, LayerState::Failed, message);
    });
    for (auto& [id, source] : m_sources) {
        source.inEngine = false;
        source.shown.reset();
        source.opacity.reset();
    }
    m_scene->setTerrain(m_engine);
    updateEngine(); // adds every source (the scheme matches now)
    m_lastTileActivity = -1;
    m_tileTimer->start();
    emit terrainEngineChanged();
}

void ProjectSession::dropEngine(bool notify)
{
    if (!m_engine)
        return;
    m_tileTimer->stop();
    m_engine->setLayerErrorCallback({});
    m_engine->shutdown();
    m_scene->setTerrain(nullptr);
    m_engine = nullptr;
    for (auto& [id, source] : m_sources)
        source.inEngine = false;
    if (m_lastTileActivity > 0)
        emit tileActivity(0);
    m_lastTileActivity = -1;
    if (notify)
        emit terrainEngineChanged();
}

void ProjectSession::applyBasemapSettings()
{
    if (!m_engine)
        return;
    std::vector<LayerId> imageryOrder;
    std::optional<double> scale;
    bool anyShown = false;
    for (const data::LayerSettings& layer : m_project.layersInDrawOrder()) {
        const auto it = m_sources.find(layer.id);
        if (it == m_sources.end() || !it->second.inEngine)
            continue;
        BasemapSource& source = it->second;
        anyShown = anyShown || layer.visible;
        // Only real changes reach the engine: some of them reload tiles.
        if (source.imagery) {
            imageryOrder.push_back(layer.id);
            if (source.shown != layer.visible)
                m_engine->setImageryVisible(layer.id, layer.visible);
            const float opacity = float(std::clamp(layer.opacity, 0.0, 1.0));
            if (source.opacity != opacity)
                m_engine->setImageryOpacity(layer.id, opacity);
            source.opacity = opacity;
        } else {
            if (source.shown != layer.visible)
                m_engine->setElevationEnabled(layer.id, layer.visible);
            if (layer.visible && !scale)
                scale = layerVerticalScale(layer);
        }
        source.shown = layer.visible;
    }
    m_engine->setImageryOrder(imageryOrder);
    if (m_engine->verticalScale() != scale.value_or(1.0))
        m_engine->setVerticalScale(scale.value_or(1.0));
    // Every basemap layer hidden: no ground at all, as when the old single terrain was hidden.
    m_scene->setTerrainVisible(anyShown);
}

void ProjectSession::pollTileActivity()
{
    int inFlight = 0;
    if (m_engine) {
        const scene::TileEngine::Stats stats = m_engine->stats();
        inFlight = stats.queued + stats.running;
    }
    if (inFlight != m_lastTileActivity) {
        m_lastTileActivity = inFlight;
        emit tileActivity(inFlight);
    }
}

} // namespace citytwin::app
