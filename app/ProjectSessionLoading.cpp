#include "app/LayerLoader.h"
#include "app/ProjectSession.h"
#include "scene/SceneBuilders.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

// The loading pipeline of ProjectSession: DEM first, then imagery + terrain, buildings and events
// on the session's pool; every result comes back to the main thread before it touches the scene.

Q_DECLARE_LOGGING_CATEGORY(lcSession)

namespace citytwin::app {

using data::LayerId;
using data::LayerKind;
using data::Status;

namespace {

//! Runs JOB on POOL and hands its result to DONE on CONTEXT's thread (queued). The watcher is a
//! child of CONTEXT, so DONE never runs after CONTEXT is gone. Results travel as shared_ptr
//! because QFuture wants default-constructible, cheap-to-copy values.
template <class T, class Job, class Done>
void runOnPool(QObject* context, QThreadPool* pool, Job job, Done done)
{
    auto* watcher = new QFutureWatcher<std::shared_ptr<T>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         std::shared_ptr<T> result = watcher->result();
                         done(std::move(*result));
                     });
    watcher->setFuture(
        QtConcurrent::run(pool, [job = std::move(job)]() { return std::make_shared<T>(job()); }));
}

} // namespace

void ProjectSession::startLoading()
{
    cancelLoading();
    ++m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_loading = true;
    m_loadTotal = 0;
    m_loadDone = 0;
    m_dem.reset();
    m_elevationLayer = {};
    m_imageryLayer = {};

    // Overlays carry their own z: they need no terrain and start at once.
    std::vector<LayerId> overlays;
    for (const data::LayerSettings& layer : m_project.layersInDrawOrder()) {
        m_scene->removeLayer(layer.id);
        bool loadable = true;
        switch (layer.kind) {
        case LayerKind::Elevation:
            loadable = !m_elevationLayer.isValid();
            if (loadable)
                m_elevationLayer = layer.id;
            break;
        case LayerKind::Imagery:
            loadable = !m_imageryLayer.isValid();
            if (loadable)
                m_imageryLayer = layer.id;
            break;
        case LayerKind::Buildings:
            break;
        case LayerKind::Events:
        case LayerKind::Assets:
        case LayerKind::People:
            overlays.push_back(layer.id);
            break;
        default:
            setLayerState(
                layer.id, LayerState::Failed,
                tr("layers of kind '%1' are not available in this version").arg(data::toString(layer.kind)));
            continue;
        }
        if (!loadable) {
            const LayerId used = layer.kind == LayerKind::Elevation ? m_elevationLayer : m_imageryLayer;
            setLayerState(layer.id, LayerState::Failed,
                          tr("only one %1 layer is supported; '%2' is used")
                              .arg(data::toString(layer.kind), m_project.layer(used)->name));
            continue;
        }
        ++m_loadTotal;
        setLayerState(layer.id, LayerState::Loading);
    }

    const quint64 generation = m_generation;
    if (m_loadTotal == 0) {
        // Nothing to do, but report it like a load: callers connect after startLoading() returns.
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

    for (LayerId id : overlays) {
        const data::LayerSettings layer = *m_project.layer(id);
        startNodeJob(id, [layer, ctx = jobContext()]() {
            switch (layer.kind) {
            case LayerKind::Assets:
                return loader::loadAssets(layer, ctx);
            case LayerKind::People:
                return loader::loadPeople(layer, ctx);
            default:
                return loader::loadEvents(layer, ctx);
            }
        });
    }

    if (!m_elevationLayer.isValid()) {
        startStageTwo();
        return;
    }
    const data::LayerSettings layer = *m_project.layer(m_elevationLayer);
    using DemResult = data::Result<data::ElevationGrid>;
    runOnPool<DemResult>(
        this, m_pool.get(), [layer, ctx = jobContext()]() { return loader::loadElevation(layer, ctx); },
        [this, generation](DemResult result) {
            if (!isCurrent(generation))
                return;
            if (result)
                m_dem = std::make_shared<const data::ElevationGrid>(std::move(result).value());
            else
                finishLayer(m_elevationLayer, result.status());
            startStageTwo();
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

void ProjectSession::startStageTwo()
{
    const quint64 generation = m_generation;
    if (m_dem) {
        if (m_imageryLayer.isValid()) {
            const data::LayerSettings layer = *m_project.layer(m_imageryLayer);
            using ImageResult = data::Result<data::ImageRaster>;
            runOnPool<ImageResult>(
                this, m_pool.get(),
                [layer, ctx = jobContext(), dem = m_dem]() {
                    return loader::loadImagery(layer, ctx, dem->grid);
                },
                [this, generation](ImageResult result) {
                    if (!isCurrent(generation))
                        return;
                    if (result) {
                        startTerrain(std::make_shared<const data::ImageRaster>(std::move(result).value()));
                    } else {
                        // The terrain still comes, shaded by height.
                        finishLayer(m_imageryLayer, result.status());
                        startTerrain(nullptr);
                    }
                });
        } else {
            startTerrain(nullptr);
        }
    } else if (m_imageryLayer.isValid()) {
        const QString reason = m_elevationLayer.isValid() ? layerError(m_elevationLayer)
                                                          : tr("the project has no elevation layer");
        finishLayer(m_imageryLayer, Status::error(Status::Code::NotFound,
                                                  tr("no terrain to drape the imagery on: %1").arg(reason)));
    }

    for (const data::LayerSettings& layer : m_project.layersInDrawOrder()) {
        if (layer.kind != LayerKind::Buildings)
            continue;
        startNodeJob(layer.id, [layer, ctx = jobContext(), dem = m_dem]() {
            return loader::loadBuildings(layer, ctx, dem.get());
        });
    }
}

void ProjectSession::startTerrain(std::shared_ptr<const data::ImageRaster> imagery)
{
    const LayerId imageryLayer = imagery ? m_imageryLayer : LayerId{};
    startNodeJob(
        m_elevationLayer,
        [dem = m_dem, imagery, ctx = jobContext()]() {
            return loader::buildTerrainNode(*dem, imagery.get(), ctx);
        },
        [this, imageryLayer](const Status& status) {
            if (!imageryLayer.isValid())
                return;
            finishLayer(imageryLayer, status);
            applyImagerySettings();
        });
}

void ProjectSession::startNodeJob(LayerId id, std::function<NodeResult()> job,
                                  std::function<void(const Status&)> after)
{
    const quint64 generation = m_generation;
    runOnPool<NodeResult>(this, m_pool.get(), std::move(job),
                          [this, id, generation, after = std::move(after)](NodeResult result) {
                              if (!isCurrent(generation))
                                  return;
                              if (result)
                                  attachNode(id, std::move(result).value());
                              const Status status = result ? Status::ok() : result.status();
                              finishLayer(id, status);
                              if (after)
                                  after(status);
                          });
}

void ProjectSession::attachNode(LayerId id, osg::ref_ptr<osg::Node> node)
{
    const data::LayerSettings* layer = m_project.layer(id);
    if (!layer)
        return;
    m_scene->setLayerNode(id, layer->kind, std::move(node));
    m_scene->setLayerVisible(id, layer->visible);
    m_scene->setLayerOpacity(id, layer->opacity);
}

void ProjectSession::finishLayer(LayerId id, const Status& status)
{
    if (status) {
        setLayerState(id, LayerState::Ready);
    } else {
        const data::LayerSettings* layer = m_project.layer(id);
        qCWarning(lcSession).noquote()
            << "layer" << (layer ? layer->name : QString::number(id.value)) << "failed:" << status.message();
        setLayerState(id, LayerState::Failed, status.message());
    }
    ++m_loadDone;
    emit loadProgress(m_loadDone, m_loadTotal);
    if (m_loadDone >= m_loadTotal && m_loading) {
        m_loading = false;
        emit loadingFinished();
    }
}

void ProjectSession::applyImagerySettings()
{
    const data::LayerSettings* layer = m_project.layer(m_imageryLayer);
    if (!layer || layerState(m_imageryLayer) != LayerState::Ready)
        return;
    osg::Node* terrain = m_scene->layerNode(m_elevationLayer);
    if (!terrain)
        return;
    scene::setTerrainImageryVisible(terrain, layer->visible);
    scene::setTerrainImageryOpacity(terrain, float(layer->opacity));
}

data::Status ProjectSession::loadAllBlocking()
{
    startLoading();
    if (m_loading) {
        QEventLoop loop;
        connect(this, &ProjectSession::loadingFinished, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
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
    for (auto& [id, runtime] : m_layers) {
        if (runtime->state == LayerState::Loading)
            setLayerState(id, LayerState::NotLoaded);
    }
    emit loadingFinished();
}

} // namespace citytwin::app
