// The main window's wiring of people, events and assets (issue 7): File → Import… is in the File
// menu; a CSV dropped on the window opens the import dialog instead of becoming a map layer; the
// Event Filter and Sensor Alarms docks are reachable from the View menu and follow the clock;
// Layer Properties → Time edits are stored in the project and reach the events layer at once.
#include "app/AlarmListDock.h"
#include "app/ClockController.h"
#include "app/EventFilterDock.h"
#include "app/ImportController.h"
#include "app/ImportDialog.h"
#include "app/LayerActions.h"
#include "app/MainWindow.h"
#include "app/ProjectSession.h"
#include "data/ProjectStore.h"
#include "scene/CityScene.h"
#include "scene/EventMarkerLayer.h"
#include "tests/app/SmallDemo.h"
#include "tests/app/WindowFixtures.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QDropEvent>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace citytwin;

namespace {

QMenu* menuTitled(app::MainWindow& w, int index)
{
    const QList<QAction*> menus = w.menuBar()->actions();
    return index < menus.size() ? menus[index]->menu() : nullptr;
}

} // namespace

class TstMainWindowOverlays : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb"))
            QSKIP("needs an X display (run under xvfb-run -a)");
        QVERIFY(m_dir.isValid());
        auto demo = test::prepareSmallDemo(m_dir);
        QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
        m_project = demo.value();
        m_window = test::makeTestWindow();
        m_window->show();
        QVERIFY(m_window->openProject(m_project));
        QVERIFY(test::waitLoaded(*m_window));
    }

    void importIsInTheFileMenu()
    {
        QMenu* file = menuTitled(*m_window, 0);
        QVERIFY(file);
        QVERIFY(file->actions().contains(m_window->importer()->importAction()));
        QVERIFY(m_window->importer()->importAction()->isEnabled());
    }

    void docksAreInTheViewMenuAndFollowTheClock()
    {
        QMenu* view = menuTitled(*m_window, 1);
        QVERIFY(view);
        QVERIFY(view->actions().contains(m_window->eventFilterDock()->toggleViewAction()));
        QVERIFY(view->actions().contains(m_window->alarmListDock()->toggleViewAction()));
        m_window->eventFilterDock()->toggleViewAction()->trigger();
        QVERIFY(m_window->eventFilterDock()->isVisible());
        // The dock's count follows the clock: two times with different numbers of open events.
        const data::TimeRange extent = m_window->clock()->extent();
        QVERIFY(!extent.isEmpty());
        QStringList counts;
        for (int i = 1; i <= 8; ++i) {
            m_window->clock()->seek(extent.start + extent.duration() * i / 9);
            counts << m_window->eventFilterDock()->findChild<QLabel*>(QStringLiteral("eventCount"))->text();
        }
        counts.removeDuplicates();
        QVERIFY2(counts.size() > 1, qPrintable(counts.join(QStringLiteral(" | "))));
    }

    void droppedCsvOpensTheImportDialog()
    {
        const QString csv = m_dir.filePath(QStringLiteral("staff.csv"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("person_id,time,lon,lat\n7,2026-11-27T08:00:00Z,121.0,30.7\n7,2026-11-27T08:00:10Z,121.0001,30.7\n");
        file.close();
        const int layersBefore = int(m_window->session()->project().layers().size());
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(csv)});
        const QPoint pos = m_window->rect().center();
        QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &drop);
        QVERIFY(drop.isAccepted());
        QVERIFY2(m_window->session()->store().mode() == data::ProjectStore::Mode::ReadWrite, "read-only");
        QTRY_VERIFY(m_window->importer()->dialog() != nullptr);
        QVERIFY(m_window->importer()->dialog()->isVisible());
        QCOMPARE(int(m_window->session()->project().layers().size()), layersBefore); // not a map layer
        m_window->importer()->dialog()->reject();
    }

    void timeEditsReachTheProjectAndTheEventsLayer()
    {
        app::ProjectSession* s = m_window->session();
        data::LayerId events;
        for (const data::LayerSettings& l : s->project().layers())
            if (l.kind == data::LayerKind::Events)
                events = l.id;
        QVERIFY(events.isValid());
        data::TemporalSettings temporal = s->project().layer(events)->temporal;
        temporal.accumulate = !temporal.accumulate;
        s->setLayerTemporal(events, temporal, s->project().layer(events)->style);
        QCOMPARE(s->project().layer(events)->temporal.accumulate, temporal.accumulate);
        QVERIFY(s->isModified());
        const scene::EventMarkerLayer* layer = scene::EventMarkerLayer::of(s->scene().layerNode(events));
        QVERIFY(layer);
        QCOMPARE(layer->accumulate(), temporal.accumulate);
    }

    void cleanupTestCase() { m_window.reset(); }

private:
    QTemporaryDir m_dir;
    QString m_project;
    std::unique_ptr<app::MainWindow> m_window;
};

QTEST_MAIN(TstMainWindowOverlays)
#include "tst_mainwindowoverlays.moc"
