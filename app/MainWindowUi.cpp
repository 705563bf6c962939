// MainWindow's widgets: actions, menus, docks, tool and status bars, and their texts
// (retranslate). The behaviour lives in MainWindow.cpp.
#include "app/MainWindow.h"

#include "app/BasemapController.h"
#include "app/ClockController.h"
#include "app/CursorStatus.h"
#include "app/FileActions.h"
#include "app/InspectorController.h"
#include "app/InspectorDock.h"
#include "app/LayerActions.h"
#include "app/LayerTreeDock.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectDocument.h"
#include "app/ProjectSession.h"
#include "app/RecentFiles.h"
#include "app/TileIndicator.h"
#include "app/TileStatsOverlay.h"
#include "app/TimelineDock.h"
#include "app/Translations.h"
#include "app/UndergroundController.h"
#include "app/CutAwayController.h"
#include "app/PipeAnalysisController.h"
#include "app/SectionDock.h"
#include "app/AlarmListDock.h"
#include "app/EventFilterDock.h"
#include "app/ImportController.h"
#include "app/PeopleController.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>

namespace citytwin::app {

void MainWindow::createActions()
{
    m_quitAction = new QAction(this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_homeAction = new QAction(QIcon(QStringLiteral(":/icons/home.png")), QString(), this);
    m_homeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Home));
    connect(m_homeAction, &QAction::triggered, this, [this] { m_view->home(true); });
    m_northUpAction = new QAction(QIcon(QStringLiteral(":/icons/north-up.png")), QString(), this);
    m_northUpAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_northUpAction, &QAction::triggered, this, [this] { m_view->northUp(true); });
    m_saveViewAction = new QAction(this);
    connect(m_saveViewAction, &QAction::triggered, this, &MainWindow::onSaveView);
    m_playAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this);
    m_playAction->setObjectName(QStringLiteral("playAction"));
    m_playAction->setCheckable(true);
    m_playAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    connect(m_playAction, &QAction::triggered, m_clock, &ClockController::setPlaying);
    m_languageGroup = new QActionGroup(this);
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
        QAction* a = m_languageGroup->addAction(QString());
        a->setCheckable(true);
        a->setData(language);
        connect(a, &QAction::triggered, this, [language] { Translations::switchTo(language); });
    }
    m_aboutAction = new QAction(this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::onAbout);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_files->newAction());
    m_fileMenu->addAction(m_files->openAction());
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_files->saveAction());
    m_fileMenu->addAction(m_files->saveAsAction());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_basemap->settingsAction());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_homeAction);
    m_viewMenu->addAction(m_northUpAction);
    m_viewsMenu = m_viewMenu->addMenu(QString());
    m_viewMenu->addAction(m_saveViewAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_playAction);
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions(m_languageGroup->actions());
    m_viewMenu->addAction(m_tileStats->toggleAction());
    m_viewMenu->addAction(m_underground->modeAction());
    m_viewMenu->addSeparator(); // the docks' toggle actions follow (createDocksAndBars)

    m_layerMenu = menuBar()->addMenu(QString()); // filled in createDocksAndBars (acts on the dock)
    m_analysisMenu = menuBar()->addMenu(QString()); // filled in createDocksAndBars (the section dock)
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::createDocksAndBars()
{
    m_layerDock = new LayerTreeDock(this);
    addDockWidget(Qt::LeftDockWidgetArea, m_layerDock);
    m_timelineDock = new TimelineDock(m_clock, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_timelineDock);
    m_viewMenu->addAction(m_layerDock->toggleViewAction());
    m_viewMenu->addAction(m_timelineDock->toggleViewAction());
    m_inspectorDock = new InspectorDock(this);
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);
    m_viewMenu->addAction(m_inspectorDock->toggleViewAction());
    m_inspector = new InspectorController(m_view, m_inspectorDock, this);
    // A model layer chosen in the Layers dock shows its element tree in the Inspector.
    connect(m_layerDock, &LayerTreeDock::currentLayerChanged, m_inspector, [this](data::LayerId id) {
        if (id.isValid())
            m_inspector->focusLayer(id);
    });
    m_layerActions = new LayerActions(m_layerDock, this);
    m_layerActions->populate(m_layerMenu);
    // File → Import… brings people, events, assets and readings into the project's store; dropped
    // CSV and point files go there too instead of becoming map layers.
    m_import = new ImportController(this, this);
    m_fileMenu->insertAction(m_basemap->settingsAction(), m_import->importAction());
    m_fileMenu->insertSeparator(m_basemap->settingsAction());
    m_layerActions->setOverlayImporter([this](const QString& path) {
        if (!m_import->canImport(path))
            return false;
        m_import->importFile(path);
        return true;
    });
    // After the Inspector: Qt asks the newest event filter first, and the Inspector takes every
    // tooltip; the people controller only takes one over a person.
    m_people = new PeopleController(m_view, this);

    // Events and assets: the filter and the sensors in alarm at the clock's time.
    m_eventFilterDock = new EventFilterDock(this);
    addDockWidget(Qt::RightDockWidgetArea, m_eventFilterDock);
    m_viewMenu->addAction(m_eventFilterDock->toggleViewAction());
    m_alarmDock = new AlarmListDock(this);
    addDockWidget(Qt::RightDockWidgetArea, m_alarmDock);
    tabifyDockWidget(m_eventFilterDock, m_alarmDock);
    // Shown on demand (View menu) so the map keeps its width on a laptop screen.
    m_eventFilterDock->hide();
    m_alarmDock->hide();
    m_viewMenu->addAction(m_alarmDock->toggleViewAction());

    // Analysis: the cut-away, the vertical section (a dock, hidden until used) and the pipe queries.
    m_cutAway = new CutAwayController(m_view, nullptr, this);
    m_sectionDock = new SectionDock(m_view, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_sectionDock);
    m_sectionDock->hide();
    connect(m_sectionDock->drawAction(), &QAction::triggered, m_sectionDock, &QWidget::show);
    m_pipeAnalysis = new PipeAnalysisController(m_view, this, this);
    m_analysisMenu->addMenu(m_cutAway->menu());
    m_analysisMenu->addSeparator();
    m_analysisMenu->addAction(m_sectionDock->drawAction());
    m_analysisMenu->addSeparator();
    m_analysisMenu->addActions(m_pipeAnalysis->actions());
    m_viewMenu->addAction(m_sectionDock->toggleViewAction());

    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->addAction(m_files->openAction());
    m_toolBar->addAction(m_files->saveAction());
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_playAction);
    m_toolBar->addAction(m_homeAction);
    m_toolBar->addAction(m_northUpAction);
    m_viewMenu->addAction(m_toolBar->toggleViewAction());
    addToolBar(m_underground->toolBar());
    m_viewMenu->addAction(m_underground->toolBar()->toggleViewAction());

    m_cursor = new CursorStatus(this);
    statusBar()->addWidget(m_cursor, 1);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);
    m_tiles = new TileIndicator(this);
    statusBar()->addPermanentWidget(m_tiles);
    m_tiles->hide();
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_viewMenu->setTitle(tr("&View"));
    m_viewsMenu->setTitle(tr("Saved &Views"));
    m_layerMenu->setTitle(tr("&Layer"));
    m_layerActions->retranslate();
    m_basemap->retranslate();
    m_underground->retranslate();
    m_analysisMenu->setTitle(tr("&Analysis"));
    m_cutAway->retranslate();
    m_sectionDock->retranslate();
    m_pipeAnalysis->retranslate();
    m_import->retranslate();
    m_helpMenu->setTitle(tr("&Help"));
    m_files->retranslate();
    m_quitAction->setText(tr("&Quit"));
    m_homeAction->setText(tr("&Home"));
    m_homeAction->setToolTip(tr("Back to the overview of the whole project"));
    m_northUpAction->setText(tr("&North Up"));
    m_northUpAction->setToolTip(tr("Turn the camera to look north"));
    m_saveViewAction->setText(tr("Save Current &View…"));
    m_playAction->setText(tr("&Play/Pause"));
    m_playAction->setToolTip(tr("Play or pause the timeline"));
    m_aboutAction->setText(tr("&About citytwin"));
    m_languageMenu->setTitle(tr("&Language"));
    for (QAction* a : m_languageGroup->actions()) {
        // Each language is named in itself, so it can be found whatever the current language.
        const QString language = a->data().toString();
        a->setText(language == QLatin1String("zh_CN") ? QStringLiteral("简体中文")
                                                      : QStringLiteral("English"));
        a->setChecked(language == Translations::current());
    }
    m_toolBar->setWindowTitle(tr("Toolbar"));
    m_recent->populate(m_recentMenu);
    rebuildViewsMenu();
    updateTitle();
}

} // namespace citytwin::app
