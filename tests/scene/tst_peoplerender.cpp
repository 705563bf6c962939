// Renders people with trails offscreen (needs an X display: xvfb-run -a) over a grey paged terrain
// and checks pixels: the marker at its interpolated position at two times, a trail behind the
// moving person that fades and ends at the trail length, nothing ahead of the person, no trail
// across a gap longer than the limit, and no extra draw call without a trail.
#include "GridSources.h"
#include "RenderHelpers.h"
#include "SceneFixtures.h"
#include "scene/CityScene.h"
#include "scene/OffscreenRenderer.h"
#include "scene/PeopleLayer.h"
#include "tests/common/PixelProbe.h"

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
const data::LayerId kDem{1}, kPeople{3}, kImagery{4};
constexpr double kGroundZ = 8.0;
constexpr double kTrailSeconds = 150.0;
constexpr double kMaxGapSeconds = 300.0;
// Person 7 walks west to east along y = -80 from 100 s to 500 s, a fix every 20 s.
const osg::Vec3d kWalkStart(-150, -80, kGroundZ), kWalkEnd(150, -80, kGroundZ);
// Person 8 walks along y = +80 from the west edge to the centre from 100 s to 300 s, then sends
// nothing until 800 s, when it is seen 100 m further east and walks on to the east edge by 1000 s.
const osg::Vec3d kGapStart(-150, 80, kGroundZ), kGapMiddle(0, 80, kGroundZ), kGapResume(100, 80, kGroundZ),
    kGapEnd(150, 80, kGroundZ);

bool isGround(const Rgb& c)
{
    return std::abs(c.r - c.g) < 25 && std::abs(c.g - c.b) < 25;
}
//! Coordinator cyan (0.10, 0.80, 0.90) as a marker: fully saturated.
bool isCyan(const Rgb& c)
{
    return c.r < 80 && c.g > 150 && c.b > 170;
}
//! Cyan blended over the grey ground: clearly bluer/greener than red.
bool isTrail(const Rgb& c)
{
    return c.g > c.r + 30 && c.b > c.r + 30;
}

osg::Vec3d along(const osg::Vec3d& a, const osg::Vec3d& b, double f)
{
    return a * (1.0 - f) + b * f;
}

} // namespace

class TestPeopleRender : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void markerAtInterpolatedPixel_data();
    void markerAtInterpolatedPixel();
    void trailBehindThePerson();
    void trailFades();
    void noTrailAcrossAGap();
    void trailsCostNoDrawCallWhenOff();

private:
    osg::ref_ptr<osg::Image> renderAt(const QString& name, double seconds,
                                      OffscreenRenderer::Stats* stats = nullptr);
    QPoint screenOf(const osg::Vec3d& p) const;

    std::unique_ptr<OffscreenRenderer> m_renderer;
    std::unique_ptr<CityScene> m_scene;
    PeopleLayer* m_layer = nullptr;
    data::SavedView m_view;
};

void TestPeopleRender::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        QSKIP("no X display: run under xvfb-run -a");
    m_renderer = std::make_unique<OffscreenRenderer>(kWidth, kHeight);
    QVERIFY2(m_renderer->isValid(), qPrintable(m_renderer->status().message()));
    m_view = test::topDownFixtureView();

    const data::ProjectedPoint o = test::fixtureOrigin();
    m_scene = test::fixtureTerrainScene(kEpoch, kDem, kImagery, 128, 128, 128);

    std::vector<data::Person> people(2);
    people[0].id = 7;
    people[1].id = 8;
    people[0].role = people[1].role = data::PersonRole::Coordinator;
    std::vector<data::TrackPoint> points;
    auto at = [](std::int64_t id, double seconds, const osg::Vec3d& p) {
        return data::TrackPoint{id, kEpoch + data::TimeMs(seconds * 1000), test::fixtureProjected(p)};
    };
    for (double t = 100; t <= 500; t += 20)
        points.push_back(at(7, t, along(kWalkStart, kWalkEnd, (t - 100) / 400)));
    for (double t = 100; t <= 300; t += 20)
        points.push_back(at(8, t, along(kGapStart, kGapMiddle, (t - 100) / 200)));
    for (double t = 800; t <= 1000; t += 20)
        points.push_back(at(8, t, along(kGapResume, kGapEnd, (t - 800) / 200)));
    PeopleOptions options;
    options.trailSeconds = kTrailSeconds;
    options.maxGapSeconds = kMaxGapSeconds;
    osg::ref_ptr<osg::Node> node = PeopleLayer::build(people, points, o, kEpoch, options);
    m_layer = PeopleLayer::of(node.get());
    m_scene->setLayerNode(kPeople, data::LayerKind::People, node);
}

void TestPeopleRender::cleanupTestCase()
{
    m_renderer.reset();
    m_scene.reset();
}

osg::ref_ptr<osg::Image> TestPeopleRender::renderAt(const QString& name, double seconds,
                                                    OffscreenRenderer::Stats* stats)
{
    return test::renderSceneAt(*m_renderer, *m_scene, m_view, kEpoch + data::TimeMs(seconds * 1000), name,
                               stats);
}

QPoint TestPeopleRender::screenOf(const osg::Vec3d& p) const
{
    return test::screenPixel(*m_renderer->camera(), p + osg::Vec3d(0, 0, PeopleOptions{}.liftM));
}

void TestPeopleRender::markerAtInterpolatedPixel_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<double>("fraction");
    QTest::newRow("110 s") << 110.0 << 0.025; // between the first two fixes
    QTest::newRow("430 s") << 430.0 << 0.825;
}

void TestPeopleRender::markerAtInterpolatedPixel()
{
    QFETCH(double, seconds);
    QFETCH(double, fraction);
    osg::ref_ptr<osg::Image> img = renderAt(QStringLiteral("people_marker_%1s").arg(int(seconds)), seconds);
    QVERIFY(img);
    const QPoint marker = screenOf(along(kWalkStart, kWalkEnd, fraction));
    const Rgb c = pixelAt(*img, marker);
    QVERIFY2(isCyan(c), qPrintable(str(c)));
    // Ahead of the person (the future part of the track): ground, no trail.
    const Rgb ahead = pixelAt(*img, screenOf(along(kWalkStart, kWalkEnd, fraction + 0.08)));
    QVERIFY2(isGround(ahead), qPrintable(str(ahead)));
}

void TestPeopleRender::trailBehindThePerson()
{
    // At 400 s the person is at 0.75; the trail covers [250 s, 400 s] = fractions [0.375, 0.75].
    osg::ref_ptr<osg::Image> img = renderAt(QStringLiteral("people_trail_400s"), 400);
    QVERIFY(img);
    const Rgb behind = pixelAt(*img, screenOf(along(kWalkStart, kWalkEnd, 0.65)));
    QVERIFY2(isTrail(behind), qPrintable(str(behind)));
    const Rgb beyond = pixelAt(*img, screenOf(along(kWalkStart, kWalkEnd, 0.3))); // 220 s: 180 s old
    QVERIFY2(isGround(beyond), qPrintable(str(beyond)));
    const Rgb ahead = pixelAt(*img, screenOf(along(kWalkStart, kWalkEnd, 0.85)));
    QVERIFY2(isGround(ahead), qPrintable(str(ahead)));
    // A longer trail reaches further back at once, without a rebuild of the markers.
    m_layer->setTrailSeconds(300);
    img = renderAt(QStringLiteral("people_trail_400s_long"), 400);
    m_layer->setTrailSeconds(kTrailSeconds);
    QVERIFY(img);
    const Rgb reached = pixelAt(*img, screenOf(along(kWalkStart, kWalkEnd, 0.3)));
    QVERIFY2(isTrail(reached), qPrintable(str(reached)));
}

void TestPeopleRender::trailFades()
{
    osg::ref_ptr<osg::Image> img = renderAt(QStringLiteral("people_trail_fade"), 400);
    QVERIFY(img);
    // Cyan share of the blend: recent (15 s old) strong, older (120 s old) faint.
    const Rgb recent = pixelAt(*img, screenOf(along(kWalkStart, kWalkEnd, 0.7125)));
    const Rgb old = pixelAt(*img, screenOf(along(kWalkStart, kWalkEnd, 0.45)));
    QVERIFY2(recent.b - recent.r > old.b - old.r + 40, qPrintable(str(recent) + QLatin1Char(' ') + str(old)));
    QVERIFY2(old.b - old.r > 5, qPrintable(str(old)));
}

void TestPeopleRender::noTrailAcrossAGap()
{
    // At 900 s person 8 is half-way along its second run. A 700 s trail reaches back over the
    // gap (300 s → 800 s, over the 300 s limit): the line it would draw from the centre to the
    // second run's start stays ground, while the second run shows.
    m_layer->setTrailSeconds(700);
    osg::ref_ptr<osg::Image> img = renderAt(QStringLiteral("people_trail_gap"), 900);
    QVERIFY(img);
    const Rgb inGap = pixelAt(*img, screenOf(along(kGapMiddle, kGapResume, 0.5))); // 550 s if joined
    const Rgb eastRun = pixelAt(*img, screenOf(along(kGapResume, kGapEnd, 0.25))); // 850 s
    QVERIFY2(isGround(inGap), qPrintable(str(inGap)));
    QVERIFY2(isTrail(eastRun), qPrintable(str(eastRun)));
    // With a limit above the gap the two runs are one trail.
    m_layer->setMaxGapSeconds(600);
    img = renderAt(QStringLiteral("people_trail_gap_allowed"), 900);
    m_layer->setMaxGapSeconds(kMaxGapSeconds);
    m_layer->setTrailSeconds(kTrailSeconds);
    QVERIFY(img);
    const Rgb joined = pixelAt(*img, screenOf(along(kGapMiddle, kGapResume, 0.5)));
    QVERIFY2(isTrail(joined), qPrintable(str(joined)));
}

void TestPeopleRender::trailsCostNoDrawCallWhenOff()
{
    OffscreenRenderer::Stats with, without;
    QVERIFY(renderAt(QStringLiteral("people_stats_trail"), 400, &with));
    m_layer->setTrailSeconds(0);
    QVERIFY(renderAt(QStringLiteral("people_stats_no_trail"), 400, &without));
    m_layer->setTrailSeconds(kTrailSeconds);
    QCOMPARE(with.drawCalls, without.drawCalls + unsigned(m_layer->trails().attachedChunks()));
    QVERIFY(m_layer->trails().attachedChunks() >= 1 &&
            m_layer->trails().attachedChunks() <=
                std::size_t(kTrailSeconds / PeopleTrails::kChunkSeconds) + 2);
}

QTEST_MAIN(TestPeopleRender)
#include "tst_peoplerender.moc"
