// Renders the events and assets layers offscreen (needs an X display: xvfb-run -a) over a blue
// paged terrain and checks pixels: an event hidden before its report and drawn in its state
// colour inside its lifecycle, category icons (triangle vs rounded square), a category filtered
// out and back, a minimum severity, accumulate keeping a closed event in grey, a live append
// replacing a marker, and a sensor turning alarm red after its reading crosses the threshold.
#include "tests/common/PixelProbe.h"
#include "GridSources.h"
#include "RenderHelpers.h"
#include "SceneFixtures.h"
#include "scene/AssetAlarmLayer.h"
#include "scene/CityScene.h"
#include "scene/OffscreenRenderer.h"
#include "scene/SceneBuilders.h"

#include <QtTest>
#include <memory>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

using test::pixelAt;
using test::Rgb;
using test::str;

constexpr int kWidth = 320;
constexpr int kHeight = 240;
constexpr data::TimeMs kEpoch = 1'767'225'600'000; // 2026-01-01T00:00Z
const data::LayerId kDem{1}, kEvents{2}, kAssets{3}, kImagery{4};
constexpr double kGroundZ = 8.0;
const osg::Vec3d kFire(-100, 0, kGroundZ), kHotline(100, 0, kGroundZ), kSensor(0, 90, kGroundZ);
const osg::Vec3d kLift(0, 0, 3);

bool isGround(const Rgb& c) // the blue fixture imagery
{
    return c.b > c.r + 60 && c.b > c.g + 30;
}
bool isRed(const Rgb& c) // reported (0.90, 0.10, 0.10)
{
    return c.r > 170 && c.g < 70 && c.b < 70;
}
bool isOrange(const Rgb& c) // dispatched (1.00, 0.55, 0.00)
{
    return c.r > 200 && c.g > 100 && c.g < 180 && c.b < 60;
}
bool isGrey(const Rgb& c) // closed in accumulate mode (0.62)
{
    return std::abs(c.r - c.g) < 20 && std::abs(c.g - c.b) < 20 && c.r > 110 && c.r < 200;
}
bool isSensorPurple(const Rgb& c) // (0.60, 0.25, 0.85)
{
    return c.r > 110 && c.g < 100 && c.b > 170;
}
bool isAlarmRed(const Rgb& c) // flashing between (0.70, 0.02, 0.02) and (1.00, 0.12, 0.08)
{
    return c.r > 150 && c.g < 60 && c.b < 60;
}

data::Event makeEvent(std::int64_t id, const QString& category, const osg::Vec3d& p, double closedS)
{
    // Dispatched 10 s after the report: no pulse afterwards, so sprite sizes are fixed.
    data::Event e = test::fixtureEvent(id, p.x(), p.y(), p.z(), kEpoch, 60, 70, -1, -1, closedS);
    e.category = category;
    e.severity = 2;
    return e;
}

} // namespace

class TestEventFilterRender : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void eventFollowsLifecycle();
    void categoryIcons();
    void categoryFilteredOutAndBack();
    void minimumSeverity();
    void accumulateKeepsClosedInGrey();
    void appendReplacesMarker();
    void sensorAlarmAfterCrossing();

private:
    osg::ref_ptr<osg::Image> renderAt(const QString& name, double seconds);
    Rgb at(const osg::Image& img, const osg::Vec3d& p, int dx = 0, int dy = 0) const;

    std::unique_ptr<OffscreenRenderer> m_renderer;
    std::unique_ptr<CityScene> m_scene;
    data::SavedView m_view;
};

void TestEventFilterRender::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        QSKIP("no X display: run under xvfb-run -a");
    m_renderer = std::make_unique<OffscreenRenderer>(kWidth, kHeight);
    QVERIFY2(m_renderer->isValid(), qPrintable(m_renderer->status().message()));
    m_view = test::topDownFixtureView();
}

void TestEventFilterRender::cleanupTestCase()
{
    m_renderer.reset(); // releases the scene's GL objects while the context lives
    m_scene.reset();
}

void TestEventFilterRender::init()
{
    const data::ProjectedPoint o = test::fixtureOrigin();
    m_scene = test::fixtureTerrainScene(kEpoch, kDem, kImagery, 40, 90, 200);
    m_scene->setLayerNode(kEvents, data::LayerKind::Events,
                          buildEventMarkers({makeEvent(1, "fire", kFire, 600),
                                             makeEvent(2, "hotline_complaint", kHotline, -1)},
                                            o, kEpoch));

    data::Asset sensor;
    sensor.id = 10;
    sensor.type = data::AssetType::Sensor;
    sensor.subtype = "water_level";
    sensor.position = test::fixtureProjected(kSensor);
    data::Threshold limit;
    limit.subtype = "water_level";
    limit.max = 3.0;
    data::SensorAlarms alarms({sensor}, {limit});
    alarms.addReadings({{10, kEpoch, 1.0}, {10, kEpoch + 300'000, 5.0}, {10, kEpoch + 900'000, 2.0}});
    m_scene->setLayerNode(kAssets, data::LayerKind::Assets, buildAssetMarkers({sensor}, o, alarms, kEpoch));
}

osg::ref_ptr<osg::Image> TestEventFilterRender::renderAt(const QString& name, double seconds)
{
    return test::renderSceneAt(*m_renderer, *m_scene, m_view, kEpoch + data::TimeMs(seconds * 1000),
                               QStringLiteral("eventfilter_") + name);
}

Rgb TestEventFilterRender::at(const osg::Image& img, const osg::Vec3d& p, int dx, int dy) const
{
    const QPoint s = test::screenPixel(*m_renderer->camera(), p + kLift);
    return pixelAt(img, s.x() + dx, s.y() + dy);
}

void TestEventFilterRender::eventFollowsLifecycle()
{
    osg::ref_ptr<osg::Image> img = renderAt("before", 30);
    QVERIFY(img);
    QVERIFY2(isGround(at(*img, kFire)), qPrintable(str(at(*img, kFire))));
    img = renderAt("reported", 65);
    QVERIFY(img);
    QVERIFY2(isRed(at(*img, kFire)), qPrintable(str(at(*img, kFire))));
    img = renderAt("dispatched", 200);
    QVERIFY(img);
    QVERIFY2(isOrange(at(*img, kFire)), qPrintable(str(at(*img, kFire))));
    QVERIFY2(isOrange(at(*img, kHotline)), qPrintable(str(at(*img, kHotline))));
    img = renderAt("closed_window", 700);
    QVERIFY(img);
    QVERIFY2(isGround(at(*img, kFire)), qPrintable(str(at(*img, kFire))));
}

void TestEventFilterRender::categoryIcons()
{
    // Severity 2: an 18 px sprite at this range. 5 px up and right of the centre lies inside the
    // hotline's rounded square but outside the fire's triangle (apex up).
    osg::ref_ptr<osg::Image> img = renderAt("icons", 200);
    QVERIFY(img);
    const Rgb hotlineCorner = at(*img, kHotline, 5, -5), fireCorner = at(*img, kFire, 5, -5);
    QVERIFY2(isOrange(hotlineCorner), qPrintable(str(hotlineCorner)));
    QVERIFY2(isGround(fireCorner), qPrintable(str(fireCorner)));
    // The triangle's base is wide: 6 px right of the centre, 5 px down, still the marker.
    QVERIFY2(!isGround(at(*img, kFire, 5, 6)), qPrintable(str(at(*img, kFire, 5, 6))));
}

void TestEventFilterRender::categoryFilteredOutAndBack()
{
    EventFilter filter;
    filter.hiddenCategories = {"fire"};
    QVERIFY(setEventFilter(m_scene->layerNode(kEvents), filter));
    osg::ref_ptr<osg::Image> img = renderAt("fire_hidden", 200);
    QVERIFY(img);
    QVERIFY2(isGround(at(*img, kFire)), qPrintable(str(at(*img, kFire))));
    QVERIFY2(isOrange(at(*img, kHotline)), qPrintable(str(at(*img, kHotline))));
    QVERIFY(setEventFilter(m_scene->layerNode(kEvents), EventFilter{}));
    img = renderAt("fire_back", 200);
    QVERIFY(img);
    QVERIFY2(isOrange(at(*img, kFire)), qPrintable(str(at(*img, kFire))));

    // A state filter: dispatched events hidden.
    filter = {};
    filter.stateMask = kAllEventStates & ~eventStateBit(data::EventState::Dispatched);
    QVERIFY(setEventFilter(m_scene->layerNode(kEvents), filter));
    img = renderAt("dispatched_hidden", 200);
    QVERIFY(img);
    QVERIFY2(isGround(at(*img, kHotline)), qPrintable(str(at(*img, kHotline))));
}

void TestEventFilterRender::minimumSeverity()
{
    EventFilter filter;
    filter.minSeverity = 3;
    QVERIFY(setEventFilter(m_scene->layerNode(kEvents), filter));
    osg::ref_ptr<osg::Image> img = renderAt("severity3", 200);
    QVERIFY(img);
    QVERIFY2(isGround(at(*img, kFire)), qPrintable(str(at(*img, kFire))));
    filter.minSeverity = 2;
    QVERIFY(setEventFilter(m_scene->layerNode(kEvents), filter));
    img = renderAt("severity2", 200);
    QVERIFY(img);
    QVERIFY2(isOrange(at(*img, kFire)), qPrintable(str(at(*img, kFire))));
}

void TestEventFilterRender::accumulateKeepsClosedInGrey()
{
    QVERIFY(setEventAccumulate(m_scene->layerNode(kEvents), true));
    osg::ref_ptr<osg::Image> img = renderAt("closed_accumulate", 700);
    QVERIFY(img);
    QVERIFY2(isGrey(at(*img, kFire)), qPrintable(str(at(*img, kFire))));
    QVERIFY2(isOrange(at(*img, kHotline)), qPrintable(str(at(*img, kHotline))));
    img = renderAt("before_accumulate", 30); // accumulate shows nothing before its report
    QVERIFY(img);
    QVERIFY2(isGround(at(*img, kFire)), qPrintable(str(at(*img, kFire))));
    QVERIFY(setEventAccumulate(m_scene->layerNode(kEvents), false));
    img = renderAt("closed_window_again", 700);
    QVERIFY(img);
    QVERIFY2(isGround(at(*img, kFire)), qPrintable(str(at(*img, kFire))));
}

void TestEventFilterRender::appendReplacesMarker()
{
    // Live update: the hotline event closes at 150 s and a new fire appears at the centre.
    data::Event closed = makeEvent(2, "hotline_complaint", kHotline, 150);
    data::Event fresh = makeEvent(3, "fire", osg::Vec3d(0, -90, kGroundZ), -1);
    QVERIFY(appendEventMarkers(m_scene->layerNode(kEvents), {closed, fresh}, test::fixtureOrigin(), kEpoch));
    osg::ref_ptr<osg::Image> img = renderAt("appended", 200);
    QVERIFY(img);
    QVERIFY2(isGround(at(*img, kHotline)), qPrintable(str(at(*img, kHotline))));
    QVERIFY2(isOrange(at(*img, osg::Vec3d(0, -90, kGroundZ))), qPrintable(str(at(*img, osg::Vec3d(0, -90, kGroundZ)))));
    img = renderAt("appended_before_close", 120);
    QVERIFY(img);
    QVERIFY2(isOrange(at(*img, kHotline)), qPrintable(str(at(*img, kHotline))));
}

void TestEventFilterRender::sensorAlarmAfterCrossing()
{
    osg::ref_ptr<osg::Image> img = renderAt("sensor_normal", 200);
    QVERIFY(img);
    QVERIFY2(isSensorPurple(at(*img, kSensor)), qPrintable(str(at(*img, kSensor))));
    img = renderAt("sensor_alarm", 400);
    QVERIFY(img);
    QVERIFY2(isAlarmRed(at(*img, kSensor)), qPrintable(str(at(*img, kSensor))));
    img = renderAt("sensor_back_in_limits", 1000);
    QVERIFY(img);
    QVERIFY2(isSensorPurple(at(*img, kSensor)), qPrintable(str(at(*img, kSensor))));
}

QTEST_MAIN(TestEventFilterRender)
#include "tst_eventfilterrender.moc"
