#include "app/LayerLoader.h"
#include "app/ProjectSession.h"
#include "app/RunOnPool.h"
#include "gis/GdalEnvironment.h"
#include "gis/RasterSourceFactory.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

// The loading pipeline of ProjectSession: basemap sources are opened on the session's pool and
// handed to the TileEngine; the draping DEM comes first for the buildings; overlays start at once.
// Every result comes back to the main thread before it touches the session or the scene.

Q_DECLARE_LOGGING_CATEGORY(lcSession)

namespace citytwin::app {

using data::LayerId;
using data::LayerKind;
using data::Status;

namespace {

//! What opening a basemap source gave: one of the two sources, or why there is none.
struct OpenedSource
{
    Status status;
    std::shared_ptr<const data::ElevationSource> elevation;
    std::shared_ptr<const data::ImagerySource> imagery;
};

//! A file GDAL reads directly: the only kind the whole-DEM draping grid is read from.
bool isLocalFile(const QString& uri)
{
    return gis::classifyRasterSource(uri) == gis::RasterSourceType::File && !gis::needsNetwork(uri);
}

} // namespace

void ProjectSession::startLoading()
{
    cancelLoading();
    ++m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_started = true;
    m_loading = true;
    m_loadTotal = 0;
    m_loadDone = 0;
    m_pendingElevation = 0;
    m_pendingImagery = 0;
    m_demPending = false;
    m_waitingBuildings.clear();
    m_dem.reset();
    m_demLayer = {};
    dropEngine(true);
    m_sources.clear();
    m_untrusted.clear();
    for (auto& [id, runtime] : m_layers)
        runtime->pending = false;

    // Draw order puts the basemap group first: the draping DEM is on its way before buildings ask.
    for (const data::LayerSettings& layer : m_project.layersInDrawOrder()) {
        m_scene->removeLayer(layer.id);
        startLayer(layer);
    }

    if (m_loadTotal == 0 && !m_demPending) {
        // Nothing to do, but report it like a load: callers connect after startLoading() returns.
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(
            this,
            [this, generation]() {
                if (!isCurrent(generation))
                    return;
                m_loading = false;
                emit loadProgress(0, 0);
                emit loadingFinished();
            },
            Qt::QueuedConnection);
        return;
    }
    emit loadProgress(0, m_loadTotal);
}

void ProjectSession::beginLoadRound()
{
    if (m_loading)
        return;
    m_loading = true;
    m_loadTotal = 0;
    m_loadDone = 0;
    if (!m_cancel || m_cancel->load())
        m_cancel = std::make_shared<std::atomic_bool>(false);
}

void ProjectSession::markLoading(LayerId id)
{
    auto& runtime = m_layers[id];
    if (!runtime)
        runtime = std::make_unique<LayerRuntime>();
    runtime->pending = true;
    ++m_loadTotal;
    setLayerState(id, LayerState::Loading);
}

void ProjectSession::startLayer(const data::LayerSettings& layer)
{
    switch (layer.kind) {
    case LayerKind::Elevation:
    case LayerKind::Imagery:
        startBasemapSource(layer);
        return;
    case LayerKind::Buildings:
    case LayerKind::Model:
    case LayerKind::Pipes: // all stand on (or under) the DEM
    case LayerKind::Manholes:
    case LayerKind::UndergroundSpaces:
    case LayerKind::Events: // overlays are put on the ground
    case LayerKind::Assets:
    case LayerKind::People:
        if (const QString uri = resolvedSource(layer); gis::isNetworkSource(uri)) {
            // PostGIS footprints: contacted only with the user's consent, like tile services.
            if (!isTrusted(layer)) {
                refuseUntrusted(layer.id, uri);
                return;
            }
            gis::allowNetworkSource(uri);
        }
        markLoading(layer.id);
        if (m_demPending)
            m_waitingBuildings.push_back(layer.id);
        else
            startBuildings(layer);
        return;
    default:
        setLayerState(
            layer.id, LayerState::Failed,
            tr("layers of kind '%1' are not available in this version").arg(data::toString(layer.kind)));
        return;
    }
}

void ProjectSession::refuseUntrusted(LayerId id, const QString& uri)
{
    // A project from elsewhere must not make the app talk to servers behind the user's back.
    m_untrusted.insert(id);
    setLayerState(id, LayerState::Failed,
                  tr("not contacted: %1 is a network source that is not trusted yet; "
                     "trust the layer to load it")
                      .arg(uri));
}

void ProjectSession::startBasemapSource(const data::LayerSettings& layer)
{
    const QString uri = resolvedSource(layer);
    const bool network = gis::needsNetwork(uri);
    if (network && !isTrusted(layer)) {
        refuseUntrusted(layer.id, uri);
        return;
    }
    const bool elevation = layer.kind == LayerKind::Elevation;
    if (!elevation) {
        int imagery = m_pendingImagery;
        for (const auto& [id, source] : m_sources)
            imagery += source.imagery ? 1 : 0;
        if (imagery >= scene::kMaxImageryLayers) {
            setLayerState(layer.id, LayerState::Failed,
                          tr("at most %1 imagery layers can be drawn at once; hide or remove one")
                              .arg(scene::kMaxImageryLayers));
            return;
        }
    }
    markLoading(layer.id);
    ++(elevation ? m_pendingElevation : m_pendingImagery);
    if (elevation && !m_demLayer.isValid() && isLocalFile(uri)) {
        m_demLayer = layer.id;
        startDem(layer);
    }

    gis::RasterSourceOptions options;
    options.projectCrs = m_project.crs;
    options.origin = m_project.origin;
    options.allowNetwork = network; // only reached for a trusted network source
    options.cacheDir = m_cacheDir;
    options.cacheMaxBytes = m_cacheMaxBytes;
    options.apiKey = m_apiKey;
    const quint64 generation = m_generation;
    const LayerId id = layer.id;
    // Opening may block on HTTP (a service's capabilities): never on the main thread.
    runOnPool<OpenedSource>(
        this, m_pool.get(),
        [uri, options, elevation]() {
            OpenedSource opened;
            if (elevation) {
                auto source = gis::openElevationSource(uri, options);
                if (source)
                    opened.elevation = std::move(source).value();
                else
                    opened.status = source.status();
            } else {
                auto source = gis::openImagerySource(uri, options);
                if (source)
                    opened.imagery = std::move(source).value();
                else
                    opened.status = source.status();
            }
            return opened;
        },
        [this, id, generation, elevation](OpenedSource opened) {
            if (!isCurrent(generation))
                return;
            --(elevation ? m_pendingElevation : m_pendingImagery);
            Status status = opened.status;
            const bool exists = m_project.layer(id) != nullptr;
            if (exists && status)
                m_sources[id] =
                    BasemapSource{std::move(opened.elevation), std::move(opened.imagery), false, {}, {}};
            // The engine first: loadingFinished (from the last finishLayer) finds it in the scene.
            updateEngine();
            if (exists && status && !m_sources.count(id))
                status = Status::error(Status::Code::Unsupported, layerError(id)); // refused by the engine
            finishLayer(id, status);
        });
}

void ProjectSession::startDem(const data::LayerSettings& layer)
{
    m_demPending = true;
    const quint64 generation = m_generation;
    using DemResult = data::Result<data::ElevationGrid>;
    runOnPool<DemResult>(
        this, m_pool.get(), [layer, ctx = jobContext()]() { return loader::loadElevation(layer, ctx); },
        [this, generation, id = layer.id](DemResult result) {
            if (!isCurrent(generation))
                return;
            m_demPending = false;
            if (id == m_demLayer) {
                if (result)
                    m_dem = std::make_shared<const data::ElevationGrid>(std::move(result).value());
                else // the layer's own state comes from opening its source
                    qCWarning(lcSession).noquote()
                        << "no DEM to drape buildings on:" << result.status().message();
            }
            const std::vector<LayerId> waiting = std::move(m_waitingBuildings);
            m_waitingBuildings.clear();
            for (LayerId building : waiting) {
                if (const data::LayerSettings* l = m_project.layer(building))
                    startBuildings(*l);
            }
            checkFinished();
        });
}

void ProjectSession::startBuildings(const data::LayerSettings& layer)
{
    // Manholes reach down to the pipes of the project's pipe layers (read again on the worker).
    std::vector<data::LayerSettings> pipeLayers;
    if (layer.kind == LayerKind::Manholes) {
        for (const data::LayerSettings& l : m_project.layers())
            if (l.kind == LayerKind::Pipes)
                pipeLayers.push_back(l);
    }
    startNodeJob(layer.id, [layer, ctx = jobContext(), dem = m_dem, pipeLayers = std::move(pipeLayers)]() {
        switch (layer.kind) {
        case LayerKind::Model:
            return loader::loadModel(layer, ctx, dem.get());
        case LayerKind::Pipes:
            return loader::loadPipes(layer, ctx, dem.get());
        case LayerKind::Manholes:
            return loader::loadManholes(layer, ctx, dem.get(), pipeLayers);
        case LayerKind::UndergroundSpaces:
            return loader::loadUndergroundSpaces(layer, ctx, dem.get());
        case LayerKind::Events:
            return loader::loadEvents(layer, ctx, dem.get());
        case LayerKind::Assets:
            return loader::loadAssets(layer, ctx, dem.get());
        case LayerKind::People:
            return loader::loadPeople(layer, ctx, dem.get());
        default:
            return loader::loadBuildings(layer, ctx, dem.get());
        }
    });
}

loader::JobContext ProjectSession::jobContext() const
{
    loader::JobContext ctx;
    ctx.projectFile = QFileInfo(m_store->path()).absoluteFilePath();
    ctx.crs = m_project.crs;
    ctx.origin = m_project.origin;
    ctx.epoch = m_scene->epoch();
    ctx.cancel = m_cancel;
    return ctx;
}

QString ProjectSession::resolvedSource(const data::LayerSettings& layer) const
{
    return loader::resolveSource(layer.sourceUri, QFileInfo(m_store->path()).absoluteFilePath());
}

void ProjectSession::startNodeJob(LayerId id, std::function<NodeResult()> job)
{
    const quint64 generation = m_generation;
    runOnPool<NodeResult>(this, m_pool.get(), std::move(job), [this, id, generation](NodeResult result) {
        if (!isCurrent(generation))
            return;
        if (result)
            attachNode(id, std::move(result).value());
        finishLayer(id, result ? Status::ok() : result.status());
    });
}

void ProjectSession::attachNode(LayerId id, osg::ref_ptr<osg::Node> node)
{
    const data::LayerSettings* layer = m_project.layer(id);
    if (!layer)
        return; // removed while it loaded
    std::string warning;
    node->getUserValue(loader::kLayerWarningKey, warning);
    if (const auto it = m_layers.find(id); it != m_layers.end())
        it->second->warning = QString::fromStdString(warning);
    m_scene->setLayerNode(id, layer->kind, std::move(node));
    m_scene->setLayerVisible(id, layer->visible);
    m_scene->setLayerOpacity(id, layer->opacity);
    applyFeatureStyle(id);
    applyFeatureTimes(id);
}

void ProjectSession::finishLayer(LayerId id, const Status& status)
{
    const auto it = m_layers.find(id);
    if (it == m_layers.end())
        return; // removed while it loaded: removeLayer() counted it
    if (status) {
        setLayerState(id, LayerState::Ready);
    } else {
        const data::LayerSettings* layer = m_project.layer(id);
        qCWarning(lcSession).noquote()
            << "layer" << (layer ? layer->name : QString::number(id.value)) << "failed:" << status.message();
        setLayerState(id, LayerState::Failed, status.message());
    }
    if (!it->second->pending)
        return;
    it->second->pending = false;
    ++m_loadDone;
    emit loadProgress(m_loadDone, m_loadTotal);
    checkFinished();
}

void ProjectSession::checkFinished()
{
    if (m_loading && m_loadDone >= m_loadTotal && !m_demPending) {
        m_loading = false;
        emit loadingFinished();
    }
}

data::Status ProjectSession::loadAllBlocking()
{
    startLoading();
    if (m_loading) {
        QEventLoop loop;
        connect(this, &ProjectSession::loadingFinished, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    waitForFeatureTimes(); // read on workers after the nodes are attached
    int ready = 0;
    QString firstError;
    for (const data::LayerSettings& layer : m_project.layersInDrawOrder()) {
        if (layerState(layer.id) == LayerState::Ready)
            ++ready;
        else if (firstError.isEmpty())
            firstError = layerError(layer.id);
    }
    if (ready == 0 && !m_project.layers().empty())
        return Status::error(Status::Code::NotFound,
                             tr("%1: no layer could be loaded (%2)").arg(path(), firstError));
    return Status::ok();
}

void ProjectSession::cancelLoading()
{
    if (!m_loading)
        return;
    m_cancel->store(true);
    ++m_generation; // results of the abandoned jobs are dropped when they arrive
    m_loading = false;
    m_pendingElevation = 0;
    m_pendingImagery = 0;
    m_demPending = false;
    m_waitingBuildings.clear();
    for (auto& [id, runtime] : m_layers) {
        runtime->pending = false;
        if (runtime->state == LayerState::Loading)
            setLayerState(id, LayerState::NotLoaded);
    }
    // The sources already open still make a terrain.
    updateEngine();
    emit loadingFinished();
}

} // namespace citytwin::app
