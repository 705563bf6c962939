// Sensor alarms without GL: data::SensorAlarms intervals (asset and subtype thresholds, gaps,
// unordered and appended readings, min and max limits) and scene::AssetAlarmLayer's per-vertex
// flags following the scene time.
#include "SceneFixtures.h"
#include "data/SensorAlarms.h"
#include "scene/AssetAlarmLayer.h"
#include "scene/CityScene.h"
#include "scene/SceneBuilders.h"

#include <QtTest>

using namespace citytwin;
using namespace citytwin::data;

namespace {

constexpr TimeMs kEpoch = 1'767'225'600'000; // 2026-01-01T00:00Z
constexpr TimeMs kMin = kMinuteMs;

Asset sensor(std::int64_t id, const QString& subtype)
{
    Asset a;
    a.id = id;
    a.type = AssetType::Sensor;
    a.subtype = subtype;
    a.name = QStringLiteral("S%1").arg(id);
    a.position = test::fixtureOrigin();
    return a;
}

Threshold limits(std::int64_t id, std::int64_t assetId, const QString& subtype, std::optional<double> min,
                 std::optional<double> max)
{
    Threshold t;
    t.id = id;
    t.assetId = assetId;
    t.subtype = subtype;
    t.min = min;
    t.max = max;
    return t;
}

SensorReading reading(std::int64_t id, TimeMs minutes, double value)
{
    return {id, kEpoch + minutes * kMin, value};
}

} // namespace

class TestAssetAlarms : public QObject
{
    Q_OBJECT

private slots:
    void intervalsFromReadings();
    void subtypeAndAssetThresholds();
    void belowMinimum();
    void unorderedAndAppendedReadings();
    void alarmsAtReportsValueAndSince();
    void layerFlagsFollowSceneTime();
};

void TestAssetAlarms::intervalsFromReadings()
{
    SensorAlarms alarms({sensor(1, "water_level")}, {limits(1, 1, {}, std::nullopt, 3.0)});
    // In, out, out (a 2-hour gap: still in alarm), in, out (never back in limits).
    alarms.addReadings({reading(1, 0, 2.0), reading(1, 10, 3.5), reading(1, 20, 4.0), reading(1, 140, 2.5),
                        reading(1, 200, 3.1)});
    const std::vector<AlarmInterval> expected = {{kEpoch + 10 * kMin, kEpoch + 140 * kMin},
                                                 {kEpoch + 200 * kMin, kNoTime}};
    QCOMPARE(alarms.intervals(1).size(), expected.size());
    QVERIFY(alarms.intervals(1) == expected);
    QVERIFY(!alarms.isInAlarmAt(1, kEpoch + 9 * kMin));
    QVERIFY(alarms.isInAlarmAt(1, kEpoch + 10 * kMin));
    QVERIFY(alarms.isInAlarmAt(1, kEpoch + 100 * kMin)); // inside the gap
    QVERIFY(!alarms.isInAlarmAt(1, kEpoch + 140 * kMin)); // end is exclusive
    QVERIFY(!alarms.isInAlarmAt(1, kEpoch + 199 * kMin));
    QVERIFY(alarms.isInAlarmAt(1, kEpoch + 100000 * kMin)); // open-ended
    QVERIFY(!alarms.isInAlarmAt(1, kEpoch - kMin));
    QVERIFY(!alarms.isInAlarmAt(99, kEpoch + 15 * kMin)); // unknown sensor
}

void TestAssetAlarms::subtypeAndAssetThresholds()
{
    // Sensor 2 has its own limit (wins over the subtype's); 3 uses the subtype's; 4 has none
    // (other subtype); 5 is a camera (never watched). Of two subtype rows the higher id applies.
    Asset camera = sensor(5, "gas");
    camera.type = AssetType::Cctv;
    SensorAlarms alarms({sensor(2, "gas"), sensor(3, "gas"), sensor(4, "smoke"), camera},
                        {limits(1, 0, "gas", std::nullopt, 100.0), limits(7, 0, "gas", std::nullopt, 50.0),
                         limits(3, 2, {}, std::nullopt, 200.0)});
    QCOMPARE(alarms.watchedSensors(), (std::vector<std::int64_t>{2, 3}));
    QCOMPARE(alarms.thresholdFor(2)->max.value(), 200.0);
    QCOMPARE(alarms.thresholdFor(3)->max.value(), 50.0);
    QVERIFY(!alarms.thresholdFor(4));
    QVERIFY(!alarms.thresholdFor(5));
    alarms.addReadings({reading(2, 0, 150), reading(3, 0, 150), reading(4, 0, 1e9), reading(5, 0, 1e9)});
    QVERIFY(!alarms.isInAlarmAt(2, kEpoch));
    QVERIFY(alarms.isInAlarmAt(3, kEpoch));
    QVERIFY(!alarms.isInAlarmAt(4, kEpoch));
    QCOMPARE(alarms.readingCount(4), std::size_t(0)); // unwatched readings are not kept
}

void TestAssetAlarms::belowMinimum()
{
    SensorAlarms alarms({sensor(1, "water_level")}, {limits(1, 0, "water_level", 1.0, 5.0)});
    alarms.addReadings({reading(1, 0, 2), reading(1, 5, 0.5), reading(1, 6, 6.0), reading(1, 7, 3)});
    // Below then above: one continuous alarm from 5 to 7 minutes.
    QCOMPARE(alarms.intervals(1).size(), std::size_t(1));
    auto alarm = alarms.alarmAt(1, kEpoch + 5 * kMin + 30'000);
    QVERIFY(alarm);
    QVERIFY(!alarm->above);
    QCOMPARE(alarm->value, 0.5);
    alarm = alarms.alarmAt(1, kEpoch + 6 * kMin);
    QVERIFY(alarm && alarm->above);
    QCOMPARE(alarm->since, kEpoch + 5 * kMin);
}

void TestAssetAlarms::unorderedAndAppendedReadings()
{
    SensorAlarms alarms({sensor(1, "smoke")}, {limits(1, 1, {}, std::nullopt, 10.0)});
    alarms.addReadings({reading(1, 30, 1), reading(1, 10, 20), reading(1, 0, 1)});
    QVERIFY((alarms.intervals(1) == std::vector<AlarmInterval>{{kEpoch + 10 * kMin, kEpoch + 30 * kMin}}));
    // A live batch: a late reading between two old ones, and a new crossing.
    alarms.addReadings({reading(1, 20, 2), reading(1, 40, 15)});
    QVERIFY((alarms.intervals(1) ==
             std::vector<AlarmInterval>{{kEpoch + 10 * kMin, kEpoch + 20 * kMin}, {kEpoch + 40 * kMin, kNoTime}}));
    QCOMPARE(alarms.readingCount(1), std::size_t(5));
}

void TestAssetAlarms::alarmsAtReportsValueAndSince()
{
    SensorAlarms alarms({sensor(1, "gas"), sensor(2, "gas"), sensor(3, "gas")},
                        {limits(1, 0, "gas", std::nullopt, 50.0)});
    alarms.addReadings({reading(1, 0, 60), reading(1, 5, 70), reading(2, 0, 10), reading(3, 3, 55)});
    const auto now = alarms.alarmsAt(kEpoch + 6 * kMin);
    QCOMPARE(now.size(), std::size_t(2));
    QCOMPARE(now[0].assetId, std::int64_t(1));
    QCOMPARE(now[0].value, 70.0); // the latest reading, not the first out-of-limits one
    QCOMPARE(now[0].readingTime, kEpoch + 5 * kMin);
    QCOMPARE(now[0].since, kEpoch);
    QCOMPARE(now[0].threshold.max.value(), 50.0);
    QCOMPARE(now[1].assetId, std::int64_t(3));
    QCOMPARE(now[1].since, kEpoch + 3 * kMin);
    QCOMPARE(alarms.alarmsAt(kEpoch + 2 * kMin).size(), std::size_t(1));
    QVERIFY(alarms.alarmsAt(kEpoch - 1).empty());
}

void TestAssetAlarms::layerFlagsFollowSceneTime()
{
    Asset camera = sensor(9, {});
    camera.type = AssetType::Cctv;
    const std::vector<Asset> assets = {camera, sensor(1, "water_level"), sensor(2, "water_level")};
    SensorAlarms alarms(assets, {limits(1, 0, "water_level", std::nullopt, 3.0)});
    alarms.addReadings({reading(1, 0, 2), reading(1, 10, 4), reading(1, 20, 2), reading(2, 0, 1)});
    osg::ref_ptr<osg::Node> node =
        scene::buildAssetMarkers(assets, test::fixtureOrigin(), std::move(alarms), kEpoch);
    scene::AssetAlarmLayer* layer = scene::AssetAlarmLayer::of(node.get());
    QVERIFY(layer);
    QCOMPARE(layer->assetName(1), QStringLiteral("S1"));
    QCOMPARE(layer->assetSubtype(1), QStringLiteral("water_level"));
    QVERIFY(layer->flags());
    QCOMPARE(layer->flags()->size(), std::size_t(3));

    scene::CityScene scene(kEpoch);
    scene.setLayerNode(LayerId{1}, LayerKind::Assets, node);
    scene.setTime(kEpoch + 5 * kMin);
    QVERIFY(!layer->isFlagged(1));
    QCOMPARE((*layer->flags())[1], 0.0f);
    scene.setTime(kEpoch + 15 * kMin);
    QVERIFY(layer->isFlagged(1));
    QCOMPARE((*layer->flags())[1], 1.0f);
    QCOMPARE((*layer->flags())[0], 0.0f);
    QCOMPARE((*layer->flags())[2], 0.0f);
    QCOMPARE(layer->time(), kEpoch + 15 * kMin);
    scene.setTime(kEpoch + 25 * kMin);
    QVERIFY(!layer->isFlagged(1));

    // Live readings flag at once, at the current time.
    layer->appendReadings({reading(2, 24, 9)});
    QVERIFY(layer->isFlagged(2));
    QCOMPARE(layer->update(double(25 * kMin) / 1000.0), 1);
    // Through the CityScene layer group as well.
    QCOMPARE(scene::AssetAlarmLayer::of(node->getParent(0)), layer);
}

QTEST_MAIN(TestAssetAlarms)
#include "tst_assetalarms.moc"
