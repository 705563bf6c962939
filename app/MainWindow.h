#pragma once

#include "data/Status.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QToolBar;

namespace citytwin::app {

class ClockController;
class CursorStatus;
class LayerTreeDock;
class OsgViewWidget;
class ProjectDocument;
class ProjectSession;
class RecentFiles;
class TimelineDock;

//! The citytwin window: the 3D view in the centre, Layers and Timeline docks, File/View/Help menus,
//! a playback toolbar and the cursor/loading status bar. Owns one ProjectDocument and one clock.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    //! What to do with unsaved changes before a project is closed (Ask shows a dialog).
    enum class UnsavedChanges { Ask, Save, Discard };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    //! Opens PATH (after dealing with unsaved changes). False (and lastError()) on failure.
    bool openProject(const QString& path);
    //! Creates PATH as a new empty project and opens it.
    bool newProject(const QString& path);
    bool save();
    bool saveAs(const QString& path);

    ProjectDocument* document() const { return m_document; }
    ProjectSession* session() const;
    OsgViewWidget* view() const { return m_view; }
    LayerTreeDock* layerDock() const { return m_layerDock; }
    TimelineDock* timelineDock() const { return m_timelineDock; }
    ClockController* clock() const { return m_clock; }
    CursorStatus* cursorStatus() const { return m_cursor; }
    RecentFiles* recentFiles() const { return m_recent; }
    QMenu* recentMenu() const { return m_recentMenu; }
    QMenu* viewsMenu() const { return m_viewsMenu; }

    void setUnsavedChangesPolicy(UnsavedChanges policy) { m_unsavedPolicy = policy; }
    //! False: errors go to the status bar and lastError() only, never to a modal box (tests, scripts).
    void setModalErrors(bool modal) { m_modalErrors = modal; }
    QString lastError() const { return m_lastError; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocksAndBars();
    void retranslate();
    void readSettings();
    void writeSettings() const;

    bool maybeSave();
    void onSessionChanged(ProjectSession* session);
    void onLoadProgress(int done, int total);
    void onLoadingFinished();
    void updateTitle();
    void rebuildViewsMenu();
    void reportError(const QString& what, const data::Status& status);

    void onNew();
    void onOpen();
    void onSaveAs();
    void onSaveView();
    void onAbout();

    ProjectDocument* m_document = nullptr;
    QPointer<ProjectSession> m_session; //!< the session whose signals are connected to this window
    ClockController* m_clock = nullptr;
    RecentFiles* m_recent = nullptr;
    OsgViewWidget* m_view = nullptr;
    LayerTreeDock* m_layerDock = nullptr;
    TimelineDock* m_timelineDock = nullptr;
    CursorStatus* m_cursor = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolBar* m_toolBar = nullptr;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_viewsMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_homeAction = nullptr;
    QAction* m_northUpAction = nullptr;
    QAction* m_saveViewAction = nullptr;
    QAction* m_playAction = nullptr;
    QAction* m_aboutAction = nullptr;

    UnsavedChanges m_unsavedPolicy = UnsavedChanges::Ask;
    bool m_modalErrors = true;
    bool m_homePending = false;
    QString m_lastError;
};

} // namespace citytwin::app
