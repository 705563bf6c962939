// Live mode: rows another connection commits to a session's project file reach its loaded layers
// within a second (OverlayLiveWatcher polling + ProjectSession::applyOverlayDelta), appended to the
// layer nodes, not by reloading them; imported positions without a height stand on the DEM.
#include "SessionFixtures.h"
#include "SmallDemo.h"
#include "app/OverlayLiveWatcher.h"
#include "data/ProjectStore.h"
#include "scene/AssetAlarmLayer.h"
#include "scene/EventMarkerLayer.h"
#include "scene/PeopleLayer.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace citytwin;
using app::OverlayLiveWatcher;
using data::TimeMs;

namespace {
constexpr std::int64_t kEventId = 77'000'001;
constexpr std::int64_t kPersonId = 77'001;
constexpr int kLiveBudgetMs = 1000; //!< the issue: new rows appear within 1 s
} // namespace

class TstLiveMode : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void appendedRowsReachTheLoadedLayers();
    void anUpdatedEventReplacesItsMarker();
    void newAssetsReloadTheAssetLayer();
    void theWatcherStopsAndResumesWithoutLosingRows();
    void aReplacingImportReloadsTheLayer();
    void newReadingsRaiseSensorAlarms();
    void appendedThresholdsRaiseSensorAlarms();

private:
    //! Commits EVENTS, PEOPLE and POINTS through a second connection to the session's file.
    void append(const std::vector<data::Event>& events, const std::vector<data::Person>& people = {},
                const std::vector<data::TrackPoint>& points = {}, const std::vector<data::Asset>& assets = {});
    //! Closes the session, lets WRITE add rows for the demo's first sensor (SENSOR) in one
    //! import, and opens and loads the session again.
    void reopenWithFirstSensor(std::int64_t& sensor, const std::function<data::Status(data::OverlayWriter&)>& write);
    double seconds(TimeMs t) const { return double(t - m_session->scene().epoch()) / 1000.0; }
    data::ProjectedPoint near(double dx, double dy) const
    {
        const data::ProjectedPoint o = m_session->project().origin;
        return {o.x + dx, o.y + dy, 0.0}; // no height: imported rows
    }

    QTemporaryDir m_demoDir;
    QString m_demo;
    std::unique_ptr<QTemporaryDir> m_copyDir;
    std::unique_ptr<app::ProjectSession> m_session;
    data::LayerId m_events, m_people, m_assets;
    TimeMs m_t0 = 0;
};

void TstLiveMode::initTestCase()
{
    QVERIFY(m_demoDir.isValid());
    auto demo = test::makeSmallDemo(m_demoDir.path());
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_demo = *demo;
}

void TstLiveMode::init()
{
    // A private copy per case: every case appends rows.
    m_copyDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_copyDir->isValid() && test::copyFolder(m_demoDir.path(), m_copyDir->path()));
    auto opened = app::ProjectSession::open(m_copyDir->filePath(QFileInfo(m_demo).fileName()));
    QVERIFY2(opened, qPrintable(opened.status().message()));
    m_session = std::move(opened).value();
    QVERIFY(m_session->loadAllBlocking());
    m_events = test::firstLayerOf(m_session->project(), data::LayerKind::Events);
    m_people = test::firstLayerOf(m_session->project(), data::LayerKind::People);
    m_assets = test::firstLayerOf(m_session->project(), data::LayerKind::Assets);
    for (data::LayerId id : {m_events, m_people, m_assets}) {
        QVERIFY(id.isValid());
        QVERIFY2(m_session->layerState(id) == test::State::Ready, qPrintable(test::describe(*m_session)));
    }
    QVERIFY(m_session->terrain());
    m_t0 = m_session->project().timeExtent.start + data::kHourMs;
}

void TstLiveMode::cleanup()
{
    m_session.reset();
    m_copyDir.reset();
}

void TstLiveMode::reopenWithFirstSensor(std::int64_t& sensor,
                                        const std::function<data::Status(data::OverlayWriter&)>& write)
{
    const QString path = m_session->path();
    m_session.reset();
    {
        auto store = data::ProjectStore::open(path);
        QVERIFY(store);
        auto assets = (*store)->assets();
        QVERIFY(assets);
        for (const data::Asset& a : *assets)
            if (a.type == data::AssetType::Sensor && !sensor)
                sensor = a.id;
        QVERIFY(sensor);
        auto writer = (*store)->beginOverlayImport();
        QVERIFY(writer);
        QVERIFY(write(**writer));
        QVERIFY((*writer)->commit());
    }
    auto opened = app::ProjectSession::open(path);
    QVERIFY(opened);
    m_session = std::move(opened).value();
    QVERIFY(m_session->loadAllBlocking());
}

void TstLiveMode::append(const std::vector<data::Event>& events, const std::vector<data::Person>& people,
                         const std::vector<data::TrackPoint>& points, const std::vector<data::Asset>& assets)
{
    auto store = data::ProjectStore::open(m_session->path());
    QVERIFY2(store, qPrintable(store.status().message()));
    auto writer = (*store)->beginOverlayImport();
    QVERIFY2(writer, qPrintable(writer.status().message()));
    if (!events.empty())
        QVERIFY((*writer)->addEvents(events));
    if (!people.empty())
        QVERIFY((*writer)->addPeople(people));
    if (!points.empty())
        QVERIFY((*writer)->addTrackPoints(points));
    if (!assets.empty())
        QVERIFY((*writer)->addAssets(assets));
    const data::Status committed = (*writer)->commit();
    QVERIFY2(committed, qPrintable(committed.message()));
}

void TstLiveMode::appendedRowsReachTheLoadedLayers()
{
    osg::Node* eventsNode = m_session->scene().layerNode(m_events);
    osg::Node* peopleNode = m_session->scene().layerNode(m_people);
    scene::EventMarkerLayer* markers = scene::EventMarkerLayer::of(eventsNode);
    scene::PeopleLayer* people = scene::PeopleLayer::of(peopleNode);
    QVERIFY(markers && people);
    const std::size_t eventsBefore = markers->eventCount();
    QVERIFY(!markers->contains(kEventId));
    QCOMPARE(people->indexOf(kPersonId), -1);

    OverlayLiveWatcher* watcher = OverlayLiveWatcher::watch(m_session.get());
    QVERIFY(watcher->isRunning());
    QSignalSpy deltas(watcher, &OverlayLiveWatcher::deltaArrived);

    data::Event e;
    e.id = kEventId;
    e.category = QStringLiteral("fire");
    e.severity = 4;
    e.position = near(150, -80);
    e.reported = m_t0;
    const data::Person p{kPersonId, QStringLiteral("Live Inspector"), data::PersonRole::Inspector, QStringLiteral("live")};
    const std::vector<data::TrackPoint> track{{kPersonId, m_t0, near(-200, 100)},
                                              {kPersonId, m_t0 + data::kMinuteMs, near(-100, 100)}};
    QElapsedTimer wall;
    append({e}, {p}, track);
    wall.start();

    QTRY_VERIFY_WITH_TIMEOUT(markers->contains(kEventId) && people->indexOf(kPersonId) >= 0, kLiveBudgetMs);
    qInfo("new rows shown %lld ms after the commit", qint64(wall.elapsed()));
    QCOMPARE(deltas.size(), 1);
    // Appended, not reloaded: the same nodes, still Ready, and the old events are all there.
    QCOMPARE(m_session->scene().layerNode(m_events), eventsNode);
    QCOMPARE(m_session->scene().layerNode(m_people), peopleNode);
    QCOMPARE(m_session->layerState(m_events), test::State::Ready);
    QCOMPARE(markers->eventCount(), eventsBefore + 1);
    QVERIFY(markers->isShownAt(kEventId, seconds(m_t0 + data::kMinuteMs)));
    QVERIFY(!markers->isShownAt(kEventId, seconds(m_t0 - data::kMinuteMs)));

    // The person walks at the scene time, standing on the DEM (the fixes had no height).
    m_session->setTime(m_t0 + 30 * data::kSecondMs);
    const int index = people->indexOf(kPersonId);
    QVERIFY(people->isVisible(std::size_t(index)));
    const osg::Vec3f at = people->position(std::size_t(index));
    const data::ProjectedPoint o = m_session->project().origin;
    QVERIFY2(std::abs(at.x() - (-150.0f)) < 0.5f && std::abs(at.y() - 100.0f) < 0.5f,
             qPrintable(QStringLiteral("%1 %2").arg(at.x()).arg(at.y())));
    // Halfway between the two fixes, each put on the ground where it was taken.
    const std::optional<double> g0 = m_session->terrain()->heightAt(o.x - 200, o.y + 100);
    const std::optional<double> g1 = m_session->terrain()->heightAt(o.x - 100, o.y + 100);
    QVERIFY(g0 && g1);
    const double ground = (*g0 + *g1) / 2;
    QVERIFY2(std::abs(at.z() - float(ground - o.z + scene::PeopleOptions{}.liftM)) < 0.05f,
             qPrintable(QStringLiteral("z %1, ground %2").arg(at.z()).arg(ground)));
    QVERIFY(std::abs(ground) > 0.5); // the DEM is not 0 there, so z 0 would have failed
}

void TstLiveMode::anUpdatedEventReplacesItsMarker()
{
    OverlayLiveWatcher* watcher = OverlayLiveWatcher::watch(m_session.get());
    scene::EventMarkerLayer* markers = scene::EventMarkerLayer::of(m_session->scene().layerNode(m_events));
    QVERIFY(markers);
    data::Event e;
    e.id = kEventId;
    e.category = QStringLiteral("flood");
    e.position = near(0, 300);
    e.reported = m_t0;
    append({e});
    QTRY_VERIFY_WITH_TIMEOUT(markers->contains(kEventId), kLiveBudgetMs);
    const std::size_t count = markers->eventCount();
    QVERIFY(markers->isShownAt(kEventId, seconds(m_t0 + 20 * data::kMinuteMs)));

    // The same id again, now closed after ten minutes: the new marker replaces the open one.
    QSignalSpy deltas(watcher, &OverlayLiveWatcher::deltaArrived);
    e.closed = m_t0 + 10 * data::kMinuteMs;
    append({e});
    QTRY_VERIFY_WITH_TIMEOUT(deltas.size() == 1, kLiveBudgetMs);
    QCOMPARE(markers->eventCount(), count);
    QVERIFY(markers->isShownAt(kEventId, seconds(m_t0 + 5 * data::kMinuteMs)));
    QVERIFY(!markers->isShownAt(kEventId, seconds(m_t0 + 20 * data::kMinuteMs)));
}

void TstLiveMode::newAssetsReloadTheAssetLayer()
{
    // Asset markers have no append API: a new asset rebuilds that small layer (and only it).
    OverlayLiveWatcher::watch(m_session.get());
    osg::Node* eventsNode = m_session->scene().layerNode(m_events);
    osg::Node* assetsNode = m_session->scene().layerNode(m_assets);
    std::vector<data::LayerId> states;
    connect(m_session.get(), &app::ProjectSession::layerStateChanged, this,
            [&states](data::LayerId id) { states.push_back(id); });
    data::Asset a;
    a.id = 77'000'500;
    a.type = data::AssetType::Sensor;
    a.name = QStringLiteral("live gauge");
    a.subtype = QStringLiteral("water_level");
    a.position = near(10, 10);
    append({}, {}, {}, {a});
    QTRY_VERIFY_WITH_TIMEOUT(!states.empty(), kLiveBudgetMs);
    QVERIFY(test::waitLoaded(*m_session));
    QCOMPARE(m_session->layerState(m_assets), test::State::Ready);
    QVERIFY(m_session->scene().layerNode(m_assets) != assetsNode);
    QCOMPARE(m_session->scene().layerNode(m_events), eventsNode); // untouched
    for (data::LayerId id : states)
        QCOMPARE(id.value, m_assets.value);
}

void TstLiveMode::theWatcherStopsAndResumesWithoutLosingRows()
{
    OverlayLiveWatcher* watcher = OverlayLiveWatcher::watch(m_session.get());
    scene::EventMarkerLayer* markers = scene::EventMarkerLayer::of(m_session->scene().layerNode(m_events));
    const std::int64_t start = watcher->revision();
    watcher->stop();
    QVERIFY(!watcher->isRunning());
    data::Event e;
    e.id = kEventId;
    e.category = QStringLiteral("fire");
    e.position = near(-50, -50);
    e.reported = m_t0;
    append({e});
    QTest::qWait(3 * OverlayLiveWatcher::kPollIntervalMs);
    QVERIFY(!markers->contains(kEventId)); // stopped: nothing polled
    watcher->start();
    QTRY_VERIFY_WITH_TIMEOUT(markers->contains(kEventId), kLiveBudgetMs);
    QVERIFY(watcher->revision() > start);
}

void TstLiveMode::aReplacingImportReloadsTheLayer()
{
    // An import that cleared the events: a delta cannot say which markers went, so the layer loads again.
    OverlayLiveWatcher::watch(m_session.get());
    osg::Node* before = m_session->scene().layerNode(m_events);
    {
        auto store = data::ProjectStore::open(m_session->path());
        QVERIFY(store);
        auto writer = (*store)->beginOverlayImport();
        QVERIFY(writer);
        QVERIFY((*writer)->clear(data::OverlayKind::Events));
        data::Event e;
        e.id = kEventId;
        e.category = QStringLiteral("fire");
        e.position = near(0, 0);
        e.reported = m_t0;
        QVERIFY((*writer)->addEvents({e}));
        QVERIFY((*writer)->commit());
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_session->scene().layerNode(m_events) != before, 5000);
    QVERIFY(test::waitLoaded(*m_session));
    scene::EventMarkerLayer* markers = scene::EventMarkerLayer::of(m_session->scene().layerNode(m_events));
    QVERIFY(markers);
    QCOMPARE(markers->eventCount(), std::size_t(1));
    QVERIFY(markers->contains(kEventId));
}

void TstLiveMode::newReadingsRaiseSensorAlarms()
{
    // A demo sensor gets an upper limit, then the session opens again (thresholds load with the layer).
    const QString path = m_session->path();
    std::int64_t sensor = 0;
    reopenWithFirstSensor(sensor, [&sensor](data::OverlayWriter& writer) {
        data::Threshold limit;
        limit.id = 1;
        limit.assetId = sensor;
        limit.max = 10.0;
        return writer.addThresholds({limit});
    });
    QVERIFY(sensor && m_session);
    osg::Node* assetsNode = m_session->scene().layerNode(m_assets);
    scene::AssetAlarmLayer* alarms = scene::AssetAlarmLayer::of(assetsNode);
    QVERIFY(alarms);
    m_session->setTime(m_t0 + data::kMinuteMs);
    QVERIFY(!alarms->isFlagged(sensor));

    OverlayLiveWatcher::watch(m_session.get());
    {
        auto store = data::ProjectStore::open(path);
        QVERIFY(store);
        auto writer = (*store)->beginOverlayImport();
        QVERIFY(writer);
        QVERIFY((*writer)->addSensorReadings({{sensor, m_t0, 55.0}}));
        QVERIFY((*writer)->commit());
    }
    QTRY_VERIFY_WITH_TIMEOUT(alarms->isFlagged(sensor), kLiveBudgetMs);
    QCOMPARE(m_session->scene().layerNode(m_assets), assetsNode); // not reloaded
}

// Thresholds carry no revision: an appended limit still reaches the open session (the small
// asset layer loads again) and turns a sensor whose reading it exceeds to alarm.
void TstLiveMode::appendedThresholdsRaiseSensorAlarms()
{
    const QString path = m_session->path();
    std::int64_t sensor = 0;
    reopenWithFirstSensor(sensor, [&](data::OverlayWriter& writer) {
        // Below every demo limit (water level 2.8 m, smoke 0.15, …).
        return writer.addSensorReadings({{sensor, m_t0, 0.05}});
    });
    QVERIFY(sensor && m_session);
    m_session->setTime(m_t0 + data::kMinuteMs);
    auto flagged = [&] {
        scene::AssetAlarmLayer* alarms = scene::AssetAlarmLayer::of(m_session->scene().layerNode(m_assets));
        return alarms && alarms->isFlagged(sensor);
    };
    QVERIFY(scene::AssetAlarmLayer::of(m_session->scene().layerNode(m_assets)));
    QVERIFY(!flagged());

    OverlayLiveWatcher::watch(m_session.get());
    {
        auto store = data::ProjectStore::open(path);
        QVERIFY(store);
        auto writer = (*store)->beginOverlayImport();
        QVERIFY(writer);
        data::Threshold limit;
        limit.id = 99;
        limit.assetId = sensor;
        limit.max = 0.01;
        QVERIFY((*writer)->addThresholds({limit}));
        QVERIFY((*writer)->commit());
    }
    QTRY_VERIFY_WITH_TIMEOUT(flagged(), kLiveBudgetMs + 2000); // + the reload of the asset layer
}

QTEST_GUILESS_MAIN(TstLiveMode)
#include "tst_livemode.moc"
