#include "app/ProjectSession.h"

#include "app/LayerLoader.h"
#include "app/ProjectFileCopy.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QThreadPool>
#include <QTimer>
#include <algorithm>

Q_LOGGING_CATEGORY(lcSession, "citytwin.app")

namespace citytwin::app {

using data::LayerId;
using data::Status;

namespace {

constexpr int kTileActivityPollMs = 200;

bool canWrite(const QString& path)
{
    const QFileInfo file(path);
    // WAL mode writes -wal/-shm files next to the project, so the folder must be writable too.
    return file.isWritable() && QFileInfo(file.absolutePath()).isWritable();
}

} // namespace

data::Result<std::unique_ptr<ProjectSession>> ProjectSession::open(const QString& path, OpenMode openMode)
{
    if (!QFileInfo(path).isFile())
        return Status::error(Status::Code::NotFound,
                             tr("%1: file not found").arg(QDir::toNativeSeparators(path)));
    const auto mode = openMode == OpenMode::ReadWriteIfPossible && canWrite(path)
                          ? data::ProjectStore::Mode::ReadWrite
                          : data::ProjectStore::Mode::ReadOnly;
    auto store = data::ProjectStore::open(path, mode);
    if (!store)
        return store.status();
    auto project = (*store)->loadProject();
    if (!project)
        return project.status();
    return std::unique_ptr<ProjectSession>(new ProjectSession(std::move(*store), std::move(*project)));
}

data::Result<std::unique_ptr<ProjectSession>> ProjectSession::create(const QString& path,
                                                                     const data::Project& project)
{
    auto store = data::ProjectStore::create(path, project);
    if (!store)
        return store.status();
    // Read back what was stored: the store assigns the layer ids.
    auto stored = (*store)->loadProject();
    if (!stored)
        return stored.status();
    return std::unique_ptr<ProjectSession>(new ProjectSession(std::move(*store), std::move(*stored)));
}

ProjectSession::ProjectSession(std::unique_ptr<data::ProjectStore> store, data::Project project)
    : m_store(std::move(store)), m_project(std::move(project)),
      m_scene(std::make_unique<scene::CityScene>(m_project.timeExtent.start)),
      m_pool(std::make_unique<QThreadPool>()), m_tileTimer(std::make_unique<QTimer>())
{
    m_pool->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    // The engine has no "tiles in flight" signal: poll its counters while it exists.
    m_tileTimer->setInterval(kTileActivityPollMs);
    connect(m_tileTimer.get(), &QTimer::timeout, this, &ProjectSession::pollTileActivity);
    for (const data::LayerSettings& layer : m_project.layers())
        m_layers[layer.id] = std::make_unique<LayerRuntime>();
    m_scene->setTime(m_project.initialTime != data::kNoTime ? m_project.initialTime
                                                            : m_project.timeExtent.start);
}

ProjectSession::~ProjectSession()
{
    blockSignals(true); // no slot may see a half-destroyed session
    m_sources.clear();  // so that cancelling builds no terrain
    cancelLoading();
    // A viewer may still hold the scene root: the engine must stop calling back into us.
    dropEngine(false);
    // Jobs hold no pointer to the session, but they must not outlive the pool.
    m_pool->waitForDone();
}

QString ProjectSession::path() const
{
    return m_store->path();
}

const data::ElevationGrid* ProjectSession::terrain() const
{
    return m_dem.get();
}

ProjectSession::LayerState ProjectSession::layerState(LayerId id) const
{
    const auto it = m_layers.find(id);
    return it == m_layers.end() ? LayerState::NotLoaded : it->second->state;
}

QString ProjectSession::layerError(LayerId id) const
{
    const auto it = m_layers.find(id);
    return it == m_layers.end() ? QString() : it->second->error;
}

QString ProjectSession::layerWarning(LayerId id) const
{
    const auto it = m_layers.find(id);
    return it == m_layers.end() ? QString() : it->second->warning;
}

bool ProjectSession::isLoading() const
{
    return m_loading;
}

void ProjectSession::setLayerState(LayerId id, LayerState state, const QString& error)
{
    auto& runtime = m_layers[id];
    if (!runtime)
        runtime = std::make_unique<LayerRuntime>();
    if (runtime->state == state && runtime->error == error)
        return;
    runtime->state = state;
    runtime->error = error;
    emit layerStateChanged(id);
}

void ProjectSession::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

void ProjectSession::setLayerVisible(LayerId id, bool visible)
{
    data::LayerSettings* layer = m_project.layer(id);
    if (!layer || layer->visible == visible)
        return;
    layer->visible = visible;
    if (isBasemap(layer->kind))
        applyBasemapSettings();
    else if (m_scene->hasLayer(id))
        m_scene->setLayerVisible(id, visible);
    setModified(true);
    emit layerChanged(id);
}

void ProjectSession::setLayerOpacity(LayerId id, double opacity)
{
    data::LayerSettings* layer = m_project.layer(id);
    opacity = std::clamp(opacity, 0.0, 1.0);
    if (!layer || layer->opacity == opacity)
        return;
    layer->opacity = opacity;
    if (isBasemap(layer->kind))
        applyBasemapSettings();
    else if (m_scene->hasLayer(id))
        m_scene->setLayerOpacity(id, opacity);
    setModified(true);
    emit layerChanged(id);
}

void ProjectSession::setTime(data::TimeMs t)
{
    m_scene->setTime(t);
}

void ProjectSession::setView(const data::SavedView& view)
{
    const data::SavedView* existing = m_project.view(view.name);
    if (existing && *existing == view)
        return;
    m_project.setView(view);
    setModified(true);
    emit viewsChanged();
}

bool ProjectSession::removeView(const QString& name)
{
    if (!m_project.removeView(name))
        return false;
    setModified(true);
    emit viewsChanged();
    return true;
}

data::Status ProjectSession::save()
{
    if (m_store->mode() == data::ProjectStore::Mode::ReadOnly)
        return Status::error(Status::Code::IoError,
                             tr("%1 is open read-only; use Save As").arg(QDir::toNativeSeparators(path())));
    if (Status s = m_store->saveProject(m_project); !s)
        return s;
    setModified(false);
    return Status::ok();
}

data::Status ProjectSession::saveAs(const QString& newPath)
{
    const QString target = QFileInfo(newPath).absoluteFilePath();
    if (target == QFileInfo(path()).absoluteFilePath())
        return save();
    auto copied = copyProjectFile(*m_store, m_project, target);
    if (!copied)
        return copied.status();
    auto store = data::ProjectStore::open(target, data::ProjectStore::Mode::ReadWrite);
    if (!store)
        return store.status();
    m_store = std::move(*store);
    m_project = std::move(*copied);
    setModified(false);
    return Status::ok();
}

} // namespace citytwin::app
