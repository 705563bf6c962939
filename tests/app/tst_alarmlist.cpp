// AlarmListDock on the small demo. The demo's own readings and limits alarm only during the storm
// of its last day (gis/DemoSensors), so the test adds a water-level threshold and readings on the
// first day for two of its gauges to the demo file before opening it: the dock lists a gauge only while its reading is over the limit (name,
// subtype, value, limit, since in the project's time zone), follows setTime(), and a row click
// reports the asset; the scene's marker flag agrees.
#include "app/AlarmListDock.h"
#include "app/ProjectSession.h"
#include "data/ProjectStore.h"
#include "gis/GdalEnvironment.h"
#include "scene/AssetAlarmLayer.h"
#include "SessionFixtures.h"
#include "SmallDemo.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QApplication>
#include <QtTest>
#include <memory>

using namespace citytwin;
using app::AlarmListDock;
using app::ProjectSession;

class TstAlarmList : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void demoHasLimitsOfItsOwn();
    void listFollowsTheClock();
    void rowClickActivatesAsset();

private:
    data::TimeMs at(int minutes) const { return m_start + minutes * data::kMinuteMs; }

    QTemporaryDir m_dir;
    QString m_file;
    std::unique_ptr<ProjectSession> m_session;
    std::unique_ptr<AlarmListDock> m_dock;
    data::Asset m_gaugeA, m_gaugeB;
    data::TimeMs m_start = 0;
    int m_demoThresholds = 0;
};

void TstAlarmList::initTestCase()
{
    gis::ensureGdalRegistered();
    auto demo = test::makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_file = *demo;
    {
        auto store = data::ProjectStore::open(m_file, data::ProjectStore::Mode::ReadWrite);
        QVERIFY2(store, qPrintable(store.status().message()));
        auto thresholds = (*store)->thresholds();
        QVERIFY(thresholds);
        m_demoThresholds = int(thresholds->size());
        auto assets = (*store)->assets();
        QVERIFY(assets);
        std::vector<data::Asset> gauges;
        for (const data::Asset& a : *assets)
            if (a.type == data::AssetType::Sensor && a.subtype == QLatin1String("water_level"))
                gauges.push_back(a);
        QVERIFY2(gauges.size() >= 2, "the demo has water-level gauges by the river");
        m_gaugeA = gauges[0];
        m_gaugeB = gauges[1];
        auto project = (*store)->loadProject();
        QVERIFY(project);
        m_start = project->timeExtent.start;
        // Warning level 3.2 m for every gauge (subtype), 2.5 m for gauge B alone (its own wins).
        data::Threshold subtype;
        subtype.subtype = QStringLiteral("water_level");
        subtype.max = 3.2;
        data::Threshold own;
        own.assetId = m_gaugeB.id;
        own.max = 2.5;
        QVERIFY((*store)->writeThresholds({subtype, own}));
        // A: 2.8 m, 3.5 m at 60 min (alarm), 3.0 m at 180 min (back). B: 2.7 m at 120 min on (alarm).
        QVERIFY((*store)->writeSensorReadings({{m_gaugeA.id, at(0), 2.8},
                                               {m_gaugeA.id, at(60), 3.5},
                                               {m_gaugeA.id, at(180), 3.0},
                                               {m_gaugeB.id, at(0), 2.0},
                                               {m_gaugeB.id, at(120), 2.7}}));
    }
    auto opened = ProjectSession::open(m_file, ProjectSession::OpenMode::ReadOnly);
    QVERIFY2(opened, qPrintable(opened.status().message()));
    m_session = std::move(opened).value();
    QVERIFY(m_session->loadAllBlocking());
    m_dock = std::make_unique<AlarmListDock>();
    m_dock->setSession(m_session.get());
}

void TstAlarmList::cleanupTestCase()
{
    m_dock.reset();
    m_session.reset();
}

void TstAlarmList::demoHasLimitsOfItsOwn()
{
    // gis/DemoSensors: a limit per sensor subtype and one per canal gauge; the ones written here
    // come later (higher ids) and win for the water level.
    QVERIFY(m_demoThresholds > 4);
}

void TstAlarmList::listFollowsTheClock()
{
    const data::LayerId assets = test::firstLayerOf(m_session->project(), data::LayerKind::Assets);
    const scene::AssetAlarmLayer* layer = scene::AssetAlarmLayer::of(m_session->scene().layerNode(assets));
    QVERIFY(layer);
    QCOMPARE(layer->alarms().watchedSensors().size() >= 2, true);

    m_session->setTime(at(30));
    m_dock->setTime(at(30));
    QCOMPARE(m_dock->table()->rowCount(), 0);
    QCOMPARE(m_dock->summaryLabel()->text(), QStringLiteral("No sensor in alarm"));
    QVERIFY(!layer->isFlagged(m_gaugeA.id));

    m_session->setTime(at(90));
    m_dock->setTime(at(90));
    QCOMPARE(m_dock->table()->rowCount(), 1);
    QCOMPARE(m_dock->table()->item(0, AlarmListDock::NameColumn)->text(), m_gaugeA.name);
    QCOMPARE(m_dock->table()->item(0, AlarmListDock::SubtypeColumn)->text(), QStringLiteral("water_level"));
    QCOMPARE(m_dock->table()->item(0, AlarmListDock::ValueColumn)->text(), QLocale().toString(3.5, 'g', 6));
    QCOMPARE(m_dock->table()->item(0, AlarmListDock::LimitColumn)->text(), QStringLiteral("> %1").arg(QLocale().toString(3.2, 'g', 6)));
    const QTimeZone zone(m_session->project().timeZone.toUtf8());
    QCOMPARE(m_dock->table()->item(0, AlarmListDock::SinceColumn)->text(),
             QDateTime::fromMSecsSinceEpoch(at(60), zone.isValid() ? zone : QTimeZone::utc())
                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QVERIFY(layer->isFlagged(m_gaugeA.id));
    QVERIFY(!layer->isFlagged(m_gaugeB.id));

    // 150 min: both (B over its own 2.5 m limit, under the subtype's 3.2 m).
    m_session->setTime(at(150));
    m_dock->setTime(at(150));
    QCOMPARE(m_dock->table()->rowCount(), 2);
    QCOMPARE(m_dock->summaryLabel()->text(), QStringLiteral("2 sensor(s) in alarm"));
    QVERIFY(layer->isFlagged(m_gaugeB.id));

    // 200 min: A is back under its limit.
    m_session->setTime(at(200));
    m_dock->setTime(at(200));
    QCOMPARE(m_dock->table()->rowCount(), 1);
    QCOMPARE(m_dock->rows()[0].alarm.assetId, m_gaugeB.id);
    QCOMPARE(m_dock->table()->item(0, AlarmListDock::LimitColumn)->text(), QStringLiteral("> %1").arg(QLocale().toString(2.5, 'g', 6)));
    QVERIFY(!layer->isFlagged(m_gaugeA.id));
}

void TstAlarmList::rowClickActivatesAsset()
{
    m_dock->setTime(at(150));
    QCOMPARE(m_dock->table()->rowCount(), 2);
    QSignalSpy activated(m_dock.get(), &AlarmListDock::assetActivated);
    emit m_dock->table()->cellClicked(1, 0);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toLongLong(), qint64(m_dock->rows()[1].alarm.assetId));
    emit m_dock->table()->cellClicked(5, 0); // no such row: nothing
    QCOMPARE(activated.count(), 1);
}

int main(int argc, char** argv)
{
    // Plain widgets, no QOpenGLWidget: without an X display the offscreen platform does.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TstAlarmList test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_alarmlist.moc"
