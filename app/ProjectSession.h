#pragma once

#include "data/LayerId.h"
#include "data/Project.h"
#include "data/ProjectStore.h"
#include "data/Rasters.h"
#include "data/Result.h"
#include "scene/CityScene.h"

#include <QObject>
#include <QString>
#include <map>
#include <memory>

namespace citytwin::app {

//! One open project: its file (ProjectStore), the Project value, the live CityScene and the
//! loading pipeline that turns layers into scene nodes. Main thread only; loading runs on
//! workers (QtConcurrent) — gis/ reads, scene/ builds detached nodes — and the results are
//! attached to the scene on the main thread. Used by the GUI and by citytwin-cli alike.
class ProjectSession : public QObject
{
    Q_OBJECT
public:
    enum class LayerState { NotLoaded, Loading, Ready, Failed };

    //! Opens PATH (read-write; falls back to read-only when the file is not writable).
    static data::Result<std::unique_ptr<ProjectSession>> open(const QString& path);
    //! Creates a new project file at PATH from PROJECT.
    static data::Result<std::unique_ptr<ProjectSession>> create(const QString& path, const data::Project& project);
    ~ProjectSession() override;

    QString path() const;
    const data::Project& project() const { return m_project; }
    scene::CityScene& scene() { return *m_scene; }
    const data::ProjectStore& store() const { return *m_store; }

    //! Starts loading every layer asynchronously (signals report progress). Returns at once.
    void startLoading();
    //! Loads every layer and waits (CLI, tests). Per-layer failures are in layerState/layerError;
    //! the returned Status is an error only when nothing could be loaded at all.
    data::Status loadAllBlocking();
    void cancelLoading();
    bool isLoading() const;

    LayerState layerState(data::LayerId id) const;
    QString layerError(data::LayerId id) const;

    //! The elevation grid of the terrain (project CRS), or nullptr before it is loaded.
    const data::ElevationGrid* terrain() const;

    // Edits (update the Project value and the live scene; mark the session modified).
    void setLayerVisible(data::LayerId id, bool visible);
    void setLayerOpacity(data::LayerId id, double opacity);
    void setTime(data::TimeMs t);
    void setView(const data::SavedView& view);

    bool isModified() const { return m_modified; }
    data::Status save();
    //! Writes the project (metadata, layers, views and overlays) to a new file and switches to it.
    data::Status saveAs(const QString& path);

signals:
    void layerStateChanged(citytwin::data::LayerId id);
    void layerChanged(citytwin::data::LayerId id);
    void loadProgress(int done, int total);
    void loadingFinished();
    void modifiedChanged(bool modified);

private:
    ProjectSession(std::unique_ptr<data::ProjectStore> store, data::Project project);

    struct LayerRuntime;
    std::unique_ptr<data::ProjectStore> m_store;
    data::Project m_project;
    std::unique_ptr<scene::CityScene> m_scene;
    std::map<data::LayerId, std::unique_ptr<LayerRuntime>> m_layers;
    bool m_modified = false;
};

} // namespace citytwin::app
