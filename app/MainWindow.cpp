#include "app/MainWindow.h"

#include "app/BasemapController.h"
#include "app/ClockController.h"
#include "app/CursorStatus.h"
#include "app/FileActions.h"
#include "app/GuiLog.h"
#include "app/InspectorController.h"
#include "app/LayerActions.h"
#include "app/LayerTreeDock.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectDocument.h"
#include "app/ProjectSession.h"
#include "app/RecentFiles.h"
#include "app/TileIndicator.h"
#include "app/TileStatsOverlay.h"
#include "app/TimelineDock.h"
#include "app/UndergroundController.h"
#include "app/CutAwayController.h"
#include "app/PipeAnalysisController.h"
#include "app/SectionDock.h"
#include "app/AlarmListDock.h"
#include "app/EventFilterDock.h"
#include "app/ImportController.h"
#include "app/InspectorDock.h"
#include "app/OverlayLiveWatcher.h"
#include "app/PeopleController.h"

#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <osg/Version>

// Q_INIT_RESOURCE must run outside any namespace; the .qrc lives in the static citytwin_app library.
static void initCitytwinResources()
{
    Q_INIT_RESOURCE(citytwin);
}

namespace citytwin::app {

namespace {
constexpr int kStatusMessageMs = 8000;
const char* const kGeometryKey = "mainWindow/geometry";
const char* const kStateKey = "mainWindow/state";
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    initCitytwinResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/citytwin.png")));
    m_document = new ProjectDocument(this);
    m_clock = new ClockController(this);
    m_recent = new RecentFiles(this);
    m_files = new FileActions(m_document, this);
    connect(m_files, &FileActions::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, kStatusMessageMs); });
    m_view = new OsgViewWidget(this);
    m_view->setObjectName(QStringLiteral("view3d"));
    setCentralWidget(m_view);
    m_basemap = new BasemapController(m_document, m_view, this);
    m_tileStats = new TileStatsOverlay(m_view);
    m_underground = new UndergroundController(m_view, this);

    createActions();
    createMenus();
    createDocksAndBars();
    retranslate();

    connect(m_document, &ProjectDocument::sessionChanged, this, &MainWindow::onSessionChanged);
    connect(m_document, &ProjectDocument::pathChanged, this, [this](const QString& path) {
        m_recent->add(path);
        updateTitle();
    });
    connect(m_recent, &RecentFiles::changed, this, [this] { m_recent->populate(m_recentMenu); });
    connect(m_recent, &RecentFiles::openRequested, this, [this](const QString& path) {
        if (!QFileInfo::exists(path))
            m_recent->remove(path);
        openProject(path);
    });
    m_recent->populate(m_recentMenu);

    // One clock for every layer: the session applies its time to the scene (a uniform, no rebuild).
    connect(m_clock, &ClockController::timeChanged, this, [this](data::TimeMs t) {
        if (ProjectSession* s = session())
            s->setTime(t);
        m_view->update();
    });
    // The docks count events / scan alarms on every tick: only while they are shown (they start
    // hidden), catching up when they appear.
    connect(m_clock, &ClockController::timeChanged, this, [this](data::TimeMs t) {
        if (m_eventFilterDock->isVisible())
            m_eventFilterDock->setTime(t);
        if (m_alarmDock->isVisible())
            m_alarmDock->setTime(t);
    });
    connect(m_eventFilterDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            m_eventFilterDock->setTime(m_clock->currentTime());
    });
    connect(m_alarmDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            m_alarmDock->setTime(m_clock->currentTime());
    });
    // Imported rows: the timeline's extent grows to cover them and its histogram is read again.
    connect(m_import, &ImportController::imported, this, [this](data::OverlayKind, data::TimeRange range) {
        if (!range.isEmpty())
            m_clock->setExtent(m_clock->extent().united(range));
        m_timelineDock->refreshHistogram();
    });
    // A person clicked on the map: their details in the Inspector (queued: the Inspector's own
    // click handling clears the dock after this filter has run).
    connect(
        m_people, &PeopleController::personSelected, this,
        [this](const PersonDetails& d) {
            if (ProjectSession* s = session())
                m_inspectorDock->showAttributes(tr("People"), d.person.id, d.attributes(s->project().timeZone));
        },
        Qt::QueuedConnection);
    // A sensor in the alarm list: selected (and shown) like a click on its marker.
    connect(m_alarmDock, &AlarmListDock::assetActivatedInLayer, m_inspector,
            [this](data::LayerId layer, qint64 assetId) { m_inspector->selectFeature(layer, assetId); });
    connect(m_clock, &ClockController::playingChanged, this, [this](bool playing) {
        m_view->setContinuousRendering(playing);
        m_playAction->setChecked(playing);
        m_playAction->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
    connect(m_view, &OsgViewWidget::cursorPicked, m_cursor, &CursorStatus::setPick);
    const auto showStatus = [this](const QString& text) { statusBar()->showMessage(text, kStatusMessageMs); };
    connect(m_layerActions, &LayerActions::statusMessage, this, showStatus);
    connect(m_basemap, &BasemapController::statusMessage, this, showStatus);
    connect(m_pipeAnalysis, &PipeAnalysisController::message, this, showStatus);
    connect(m_import, &ImportController::message, this, showStatus);
    // A pipe chosen in the section's table or profile is selected like a click on it.
    connect(m_sectionDock, &SectionDock::crossingSelected, m_inspector,
            [this](data::LayerId layer, qint64 pipeId) { m_inspector->selectFeature(layer, pipeId); });
    connect(m_layerActions, &LayerActions::projectDropped, this, &MainWindow::openProject);

    onSessionChanged(nullptr);
    readSettings();
}

MainWindow::~MainWindow()
{
    // Close while the window is whole: docks, view and status bar point into the session, and the
    // session still signals (loadingFinished) while it is being destroyed.
    m_document->close();
    disconnect(m_document, nullptr, this, nullptr);
}

ProjectSession* MainWindow::session() const
{
    return m_document->session();
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::readSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QLatin1String(kGeometryKey)).toByteArray()))
        resize(1400, 860);
    restoreState(settings.value(QLatin1String(kStateKey)).toByteArray());
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QLatin1String(kGeometryKey), saveGeometry());
    settings.setValue(QLatin1String(kStateKey), saveState());
}

void MainWindow::setModalErrors(bool modal)
{
    m_files->setModalErrors(modal);
    m_basemap->setInteractive(modal);
}

bool MainWindow::openProject(const QString& path)
{
    return m_files->openProject(path);
}

bool MainWindow::newProject(const QString& path)
{
    return m_files->newProject(path);
}

bool MainWindow::save()
{
    return m_files->save();
}

bool MainWindow::saveAs(const QString& path)
{
    return m_files->saveAs(path);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_files->maybeSave()) {
        event->ignore();
        return;
    }
    writeSettings();
    m_clock->pause();
    event->accept();
}

void MainWindow::onSaveView()
{
    ProjectSession* s = session();
    if (!s)
        return;
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Save View"), tr("Name of the view:"), QLineEdit::Normal,
                              tr("View %1").arg(s->project().views().size() + 1), &ok)
            .trimmed();
    if (!ok || name.isEmpty())
        return;
    data::SavedView v = m_view->view();
    v.name = name;
    v.time = m_clock->currentTime();
    s->setView(v);
    rebuildViewsMenu();
}

void MainWindow::onAbout()
{
    QMessageBox::about(
        this, tr("About citytwin"),
        tr("<h3>citytwin %1</h3><p>A 3D digital twin of a city: terrain, buildings, the underground, "
           "people and events on one timeline.</p><p>Qt %2 · OpenSceneGraph %3</p>")
            .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                 QString::fromLatin1(osgGetVersion())));
}

void MainWindow::onSessionChanged(ProjectSession* s)
{
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
        disconnect(m_session, nullptr, m_view, nullptr);
    }
    m_session = s;
    m_clock->pause();
    m_layerDock->setSession(s);
    m_layerActions->setSession(s);
    m_basemap->setSession(s);
    m_inspector->setSession(s);
    m_tiles->setSession(s);
    m_tileStats->setSession(s);
    m_underground->setSession(s);
    m_cutAway->setSession(s);
    m_sectionDock->setSession(s);
    m_pipeAnalysis->setSession(s);
    m_import->setSession(s);
    m_people->setSession(s);
    m_eventFilterDock->setSession(s);
    m_alarmDock->setSession(s);
    m_timelineDock->setProjectFile(s ? s->store().path() : QString());
    m_progress->hide();
    const bool open = s != nullptr;
    m_files->saveAction()->setEnabled(open);
    m_files->saveAsAction()->setEnabled(open);
    m_saveViewAction->setEnabled(open);
    m_homeAction->setEnabled(open);
    m_northUpAction->setEnabled(open);
    m_playAction->setEnabled(open);
    if (!s) {
        m_cursor->setProject(nullptr);
        m_view->setSceneData(nullptr);
        m_clock->setExtent({});
        rebuildViewsMenu();
        updateTitle();
        return;
    }
    m_cursor->setProject(&s->project(), [s](double x, double y) -> std::optional<double> {
        const data::ElevationGrid* dem = s->terrain();
        return dem ? dem->heightAt(x, y) : std::nullopt;
    });
    connect(s, &ProjectSession::modifiedChanged, this, &MainWindow::updateTitle);
    connect(s, &ProjectSession::loadProgress, this, &MainWindow::onLoadProgress);
    connect(s, &ProjectSession::loadingFinished, this, &MainWindow::onLoadingFinished);
    connect(s, &ProjectSession::layerChanged, m_view, qOverload<>(&QWidget::update));
    connect(s, &ProjectSession::layerStateChanged, m_view, qOverload<>(&QWidget::update));
    connect(s, &ProjectSession::layersChanged, m_view, qOverload<>(&QWidget::update));
    connect(s, &ProjectSession::viewsChanged, this, &MainWindow::rebuildViewsMenu);
    // A layer replayed by its features' time fields (construction years, install dates): the
    // timeline's extent grows to reach them, like it does for imported rows.
    connect(s, &ProjectSession::featureTimesApplied, this, [this, s](data::LayerId id) {
        const auto summary = s->featureTimeSummary(id);
        if (summary && !summary->extent.isEmpty()) {
            const data::TimeRange wider = m_clock->extent().united(summary->extent);
            if (wider != m_clock->extent()) // the same extent again keeps the user's playback window
                m_clock->setExtent(wider);
        }
        m_view->update();
    });
    // Live data: rows another process commits to the project file reach the layers within a second.
    OverlayLiveWatcher* live = OverlayLiveWatcher::watch(s);
    connect(live, &OverlayLiveWatcher::deltaArrived, m_timelineDock, &TimelineDock::refreshHistogram);
    connect(live, &OverlayLiveWatcher::deltaArrived, m_alarmDock, &AlarmListDock::refresh);
    connect(live, &OverlayLiveWatcher::deltaArrived, m_eventFilterDock, &EventFilterDock::refresh);

    m_view->setSceneData(s->scene().root());
    const data::Project& p = s->project();
    for (const data::SavedView& v : p.views())
        if (v.name.compare(QLatin1String("home"), Qt::CaseInsensitive) == 0)
            m_view->setHomeView(v);
    // Layers arrive asynchronously; the overview of an empty scene is meaningless, so go home again later.
    m_homePending = true;
    m_timelineDock->setTimeZone(p.timeZone.toUtf8());
    m_clock->setExtent(p.timeExtent);
    m_clock->seek(p.initialTime != data::kNoTime ? p.initialTime : p.timeExtent.start);
    s->setTime(m_clock->currentTime());
    rebuildViewsMenu();
    updateTitle();
}

void MainWindow::onLoadProgress(int done, int total)
{
    m_progress->setVisible(total > 0 && done < total);
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
    m_progress->setFormat(tr("Loading layers %v/%m"));
}

void MainWindow::onLoadingFinished()
{
    m_progress->hide();
    if (m_homePending) {
        m_homePending = false;
        m_view->home(false);
    }
    m_view->update();
    if (ProjectSession* s = session()) {
        int failed = 0;
        for (const data::LayerSettings& l : s->project().layers())
            failed += s->layerState(l.id) == ProjectSession::LayerState::Failed ? 1 : 0;
        statusBar()->showMessage(failed == 0
                                     ? tr("All layers loaded")
                                     : tr("%n layer(s) failed to load — see the Layers panel", "", failed),
                                 kStatusMessageMs);
    }
}

void MainWindow::updateTitle()
{
    if (!m_document->hasProject()) {
        setWindowTitle(QStringLiteral("citytwin"));
        setWindowModified(false);
        return;
    }
    setWindowTitle(QStringLiteral("citytwin — %1[*]").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
}

void MainWindow::rebuildViewsMenu()
{
    m_viewsMenu->clear();
    ProjectSession* s = session();
    if (!s || s->project().views().empty()) {
        m_viewsMenu->addAction(tr("No saved views"))->setEnabled(false);
        return;
    }
    for (const data::SavedView& v : s->project().views()) {
        QAction* a = m_viewsMenu->addAction(v.name);
        connect(a, &QAction::triggered, this, [this, v] {
            m_view->setView(v, true);
            if (v.time != data::kNoTime)
                m_clock->seek(v.time);
        });
    }
}

} // namespace citytwin::app
