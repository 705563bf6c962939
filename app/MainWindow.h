#pragma once

#include "app/FileActions.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QProgressBar;
class QToolBar;

namespace citytwin::app {

class BasemapController;
class ClockController;
class CursorStatus;
class InspectorController;
class InspectorDock;
class LayerActions;
class LayerTreeDock;
class OsgViewWidget;
class ProjectDocument;
class ProjectSession;
class RecentFiles;
class TileIndicator;
class TileStatsOverlay;
class TimelineDock;
class UndergroundController;
class CutAwayController;
class PipeAnalysisController;
class SectionDock;
class ImportController;
class PeopleController;
class EventFilterDock;
class AlarmListDock;

//! The citytwin window: the 3D view in the centre, Layers, Timeline and Inspector docks, File/View/Layer/Help
//! menus, a playback toolbar and the cursor/loading/tiles status bar. Owns one ProjectDocument and
//! one clock. Files and URLs dropped on it become layers (LayerActions).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    using UnsavedChanges = FileActions::UnsavedChanges;

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
    InspectorDock* inspectorDock() const { return m_inspectorDock; }
    InspectorController* inspector() const { return m_inspector; }
    ClockController* clock() const { return m_clock; }
    CursorStatus* cursorStatus() const { return m_cursor; }
    RecentFiles* recentFiles() const { return m_recent; }
    QMenu* recentMenu() const { return m_recentMenu; }
    QMenu* viewsMenu() const { return m_viewsMenu; }
    QMenu* languageMenu() const { return m_languageMenu; }
    QMenu* layerMenu() const { return m_layerMenu; }
    LayerActions* layerActions() const { return m_layerActions; }
    BasemapController* basemap() const { return m_basemap; }
    TileIndicator* tileIndicator() const { return m_tiles; }
    TileStatsOverlay* tileStatsOverlay() const { return m_tileStats; }
    //! Ground opacity and View → Underground Mode.
    UndergroundController* underground() const { return m_underground; }
    //! Analysis: the cut-away (clip box, excavation pit), the vertical section dock, pipe filter and clearance.
    QMenu* analysisMenu() const { return m_analysisMenu; }
    CutAwayController* cutAway() const { return m_cutAway; }
    SectionDock* sectionDock() const { return m_sectionDock; }
    PipeAnalysisController* pipeAnalysis() const { return m_pipeAnalysis; }
    ImportController* importer() const { return m_import; }
    PeopleController* people() const { return m_people; }
    EventFilterDock* eventFilterDock() const { return m_eventFilterDock; }
    AlarmListDock* alarmListDock() const { return m_alarmDock; }

    FileActions* fileActions() const { return m_files; }
    void setUnsavedChangesPolicy(UnsavedChanges policy) { m_files->setUnsavedChangesPolicy(policy); }
    //! False: errors go to the status bar and lastError() only, never to a modal box, and network
    //! layers nobody trusted stay unloaded without asking (tests, scripts).
    void setModalErrors(bool modal);
    QString lastError() const { return m_files->lastError(); }

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

    void onSessionChanged(ProjectSession* session);
    void onLoadProgress(int done, int total);
    void onLoadingFinished();
    void updateTitle();
    void rebuildViewsMenu();

    void onSaveView();
    void onAbout();

    ProjectDocument* m_document = nullptr;
    FileActions* m_files = nullptr;
    QPointer<ProjectSession> m_session; //!< the session whose signals are connected to this window
    ClockController* m_clock = nullptr;
    RecentFiles* m_recent = nullptr;
    OsgViewWidget* m_view = nullptr;
    LayerTreeDock* m_layerDock = nullptr;
    TimelineDock* m_timelineDock = nullptr;
    InspectorDock* m_inspectorDock = nullptr;
    InspectorController* m_inspector = nullptr;
    CursorStatus* m_cursor = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolBar* m_toolBar = nullptr;
    LayerActions* m_layerActions = nullptr;
    BasemapController* m_basemap = nullptr;
    TileIndicator* m_tiles = nullptr;
    TileStatsOverlay* m_tileStats = nullptr;
    UndergroundController* m_underground = nullptr;
    CutAwayController* m_cutAway = nullptr;
    SectionDock* m_sectionDock = nullptr;
    PipeAnalysisController* m_pipeAnalysis = nullptr;
    ImportController* m_import = nullptr;
    PeopleController* m_people = nullptr;
    EventFilterDock* m_eventFilterDock = nullptr;
    AlarmListDock* m_alarmDock = nullptr;
    QMenu* m_analysisMenu = nullptr;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_viewsMenu = nullptr;
    QMenu* m_layerMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QActionGroup* m_languageGroup = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_homeAction = nullptr;
    QAction* m_northUpAction = nullptr;
    QAction* m_saveViewAction = nullptr;
    QAction* m_playAction = nullptr;
    QAction* m_aboutAction = nullptr;

    bool m_homePending = false;
};

} // namespace citytwin::app
