// MainWindow's project files on the small demo city under Xvfb: Save + reopen through Recent keeps
// the edits, the unsaved-changes policy saves or drops an edit when switching projects, New
// Project is empty at Pinghu in the project's time zone, and a failed open keeps the current one.
#include "SmallDemo.h"
#include "app/ClockController.h"
#include "app/CursorStatus.h"
#include "app/CutAwayController.h"
#include "app/LayerTreeDock.h"
#include "app/LayerTreeModel.h"
#include "app/MainWindow.h"
#include "app/OsgViewWidget.h"
#include "app/PipeAnalysisController.h"
#include "app/ProjectSession.h"
#include "app/RecentFiles.h"
#include "app/SectionDock.h"
#include "app/SurfaceFormat.h"
#include "app/TimelineDock.h"
#include "app/Translations.h"
#include "tests/app/WindowFixtures.h"
#include "tests/common/TestPaths.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeView>
#include <memory>

using namespace citytwin;
using app::MainWindow;
using app::ProjectSession;
using test::makeTestWindow;
using test::waitLoaded;

class TstMainWindowFiles : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void saveAndReopenThroughRecent();
    void unsavedChangesPolicy_data();
    void unsavedChangesPolicy();
    void newProjectIsEmptyAtPinghu();
    void openFailureKeepsCurrentProject();

private:
    QTemporaryDir m_dir;
    QString m_demo;    //!< pristine small demo
    QString m_project; //!< the copy the tests edit
};

void TstMainWindowFiles::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    QVERIFY(m_dir.isValid());
    auto demo = test::prepareSmallDemo(m_dir); // the user's recent files and window state stay out
    QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
    m_demo = demo.value();
    m_project = test::freshCopyOf(m_demo, QStringLiteral("edited"));
    QVERIFY(!m_project.isEmpty());
}

void TstMainWindowFiles::saveAndReopenThroughRecent()
{
    data::LayerId buildings;
    {
        auto w = test::openTestWindow(m_project, {1100, 700});
        QVERIFY(w);
        ProjectSession* s = w->session();
        buildings = test::firstLayerOf(s->project(), data::LayerKind::Buildings);
        s->setLayerVisible(buildings, false);
        w->layerDock()->selectLayer(buildings);
        w->layerDock()->opacitySlider()->setValue(25);
        QVERIFY(s->isModified());
        QVERIFY(w->save());
        QVERIFY(!s->isModified());
        QVERIFY(!w->isWindowModified());
        QCOMPARE(w->recentFiles()->files().value(0), QFileInfo(m_project).absoluteFilePath());
    }
    // A new window (next start) reads the recent list from the settings.
    auto w = makeTestWindow(QSize{1100, 700});
    w->show();
    QVERIFY(!w->session());
    const QList<QAction*> recent = w->recentMenu()->actions();
    QVERIFY(!recent.isEmpty());
    QCOMPARE(recent.first()->data().toString(), QFileInfo(m_project).absoluteFilePath());
    recent.first()->trigger();
    QVERIFY(w->session());
    QVERIFY(waitLoaded(*w));
    const data::LayerSettings* layer = w->session()->project().layer(buildings);
    QVERIFY(layer);
    QVERIFY(!layer->visible);
    QCOMPARE(layer->opacity, 0.25);
    QVERIFY(!w->session()->scene().isLayerVisible(buildings));
    QCOMPARE(w->layerDock()->model()->indexOf(buildings).data(Qt::CheckStateRole).toInt(),
             int(Qt::Unchecked));
}

void TstMainWindowFiles::unsavedChangesPolicy_data()
{
    QTest::addColumn<bool>("save");
    QTest::newRow("save") << true;
    QTest::newRow("discard") << false;
}

void TstMainWindowFiles::unsavedChangesPolicy()
{
    QFETCH(bool, save);
    const QString path = m_dir.filePath(save ? QStringLiteral("demo/policy-save.citytwin")
                                             : QStringLiteral("demo/policy-discard.citytwin"));
    QVERIFY(QFile::copy(m_demo, path));
    auto w = makeTestWindow(QSize{1100, 700});
    QVERIFY(w->openProject(path));
    const data::LayerId buildings = test::firstLayerOf(w->session()->project(), data::LayerKind::Buildings);
    w->session()->setLayerVisible(buildings, false);
    w->setUnsavedChangesPolicy(save ? MainWindow::UnsavedChanges::Save : MainWindow::UnsavedChanges::Discard);
    // Switching projects deals with the unsaved edit first.
    QVERIFY(w->openProject(m_demo));
    QVERIFY(waitLoaded(*w));
    auto reread = ProjectSession::open(path, ProjectSession::OpenMode::ReadOnly);
    QVERIFY2(reread.isOk(), qPrintable(reread.status().message()));
    QCOMPARE((*reread)->project().layer(buildings)->visible, !save);
}

void TstMainWindowFiles::newProjectIsEmptyAtPinghu()
{
    auto w = makeTestWindow(QSize{1100, 700});
    const QString path = m_dir.filePath(QStringLiteral("new/empty.citytwin"));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QVERIFY2(w->newProject(path), qPrintable(w->lastError()));
    QVERIFY(QFileInfo::exists(path));
    const data::Project& p = w->session()->project();
    QCOMPARE(p.crs, QStringLiteral("EPSG:4549"));
    QCOMPARE(p.timeZone, QStringLiteral("Asia/Shanghai"));
    QVERIFY(p.layers().empty());
    // Lon 121.0 / lat 30.7 in EPSG:4549 is E 595804.28, N 3398141.12 (TOOLCHAIN.md, cs2cs).
    QVERIFY(std::abs(p.origin.x - 595804.28) < 1.0);
    QVERIFY(std::abs(p.origin.y - 3398141.12) < 1.0);
    QCOMPARE(p.timeExtent.duration(), data::kDayMs);
    // Today, midnight to midnight, in the project's zone (not the machine's).
    const QTimeZone shanghai("Asia/Shanghai");
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(p.timeExtent.start, shanghai);
    QCOMPARE(start.time(), QTime(0, 0));
    QCOMPARE(start.date(), QDateTime::currentDateTimeUtc().toTimeZone(shanghai).date());
    QCOMPARE(w->windowTitle(), QStringLiteral("citytwin — empty[*]"));
}

void TstMainWindowFiles::openFailureKeepsCurrentProject()
{
    auto w = makeTestWindow(QSize{1100, 700});
    QVERIFY(w->openProject(m_demo));
    ProjectSession* before = w->session();
    const QString bogus = m_dir.filePath(QStringLiteral("not-a-project.citytwin"));
    {
        QFile f(bogus);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not sqlite");
    }
    QVERIFY(!w->openProject(bogus));
    QVERIFY(w->lastError().contains(QStringLiteral("not-a-project.citytwin")));
    QCOMPARE(w->session(), before);
    QVERIFY(!w->openProject(m_dir.filePath(QStringLiteral("missing.citytwin"))));
    QCOMPARE(w->session(), before);
    QVERIFY(waitLoaded(*w));
}

int main(int argc, char** argv)
{
    citytwin::app::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("citytwin-tests"));
    QApplication::setApplicationName(QStringLiteral("tst_mainwindowfiles"));
    TstMainWindowFiles test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindowfiles.moc"
