#pragma once

#include "data/Project.h"
#include "data/Status.h"

#include <QObject>
#include <functional>
#include <memory>

namespace citytwin::app {

class ProjectSession;

//! The project the window has open: owns the ProjectSession and does New/Open/Save/Save As/Close
//! without any UI, so the window only adds dialogs and tests can drive it directly.
class ProjectDocument : public QObject
{
    Q_OBJECT
public:
    explicit ProjectDocument(QObject* parent = nullptr);
    ~ProjectDocument() override;

    ProjectSession* session() const { return m_session.get(); }
    bool hasProject() const { return m_session != nullptr; }
    bool isModified() const;
    //! Called with every session this document opens or creates, before it is announced and
    //! starts loading (service settings, trust policy).
    void setSessionSetup(std::function<void(ProjectSession&)> setup) { m_setup = std::move(setup); }

    //! Project name, or the file's base name when the project has none.
    QString displayName() const;

    //! Opens PATH and starts loading its layers; on failure the current project stays open.
    data::Status open(const QString& path);
    //! Creates PATH as a new empty project in EPSG:4549 with its origin at Pinghu (lon 121.0, lat 30.7).
    data::Status createEmpty(const QString& path);
    //! Creates PATH from PROJECT and opens it.
    data::Status create(const QString& path, const data::Project& project);
    data::Status save();
    data::Status saveAs(const QString& path);
    void close();

    //! The empty project File → New writes: named after PATH, a one-day time range from today 00:00
    //! in Asia/Shanghai, origin at Pinghu in EPSG:4549.
    static data::Result<data::Project> emptyProject(const QString& path);

signals:
    //! A different session is current (null after close). Emitted after the old one is gone.
    void sessionChanged(citytwin::app::ProjectSession* session);
    //! The file path changed (open, create, save as).
    void pathChanged(const QString& path);

private:
    void adopt(std::unique_ptr<ProjectSession> session);

    std::unique_ptr<ProjectSession> m_session;
    std::function<void(ProjectSession&)> m_setup;
};

} // namespace citytwin::app
