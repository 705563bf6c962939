// Renders people and asset markers offscreen (needs an X display: xvfb-run -a) over a grey
// paged terrain (TileEngine over the fixture DEM, GridSources.h) and checks pixels: a person's
// marker at its interpolated position at two times and gone after its track, asset markers in
// their type colours, and one draw call per overlay.
#include "tests/common/PixelProbe.h"
#include "GridSources.h"
#include "RenderHelpers.h"
#include "SceneFixtures.h"
#include "scene/CityScene.h"
#include "scene/OffscreenRenderer.h"
#include "scene/PeopleLayer.h"
#include "scene/SceneBuilders.h"
#include "tests/common/TestPaths.h"

#include <QtTest>
#include <memory>
#include <osg/Viewport>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

using test::pixelAt;
using test::Rgb;
using test::str;

constexpr int kWidth = 320;
constexpr int kHeight = 240;
constexpr data::TimeMs kEpoch = 1'767'225'600'000; // 2026-01-01T00:00Z
const data::LayerId kDem{1}, kAssets{2}, kPeople{3}, kImagery{4}; // DEM, imagery: in the engine
constexpr double kGroundZ = 8.0; // about the fixture DEM's height near the centre
// The person walks west to east along y = -80 between 100 s and 500 s.
const osg::Vec3d kWalkStart(-150, -80, kGroundZ), kWalkEnd(150, -80, kGroundZ);
const osg::Vec3d kHydrant(0, 80, kGroundZ), kCamera(-80, 80, kGroundZ);

//! The fixture imagery is mid grey; lit terrain stays grey (channels within a few levels).
bool isGround(const Rgb& c)
{
    return std::abs(c.r - c.g) < 25 && std::abs(c.g - c.b) < 25;
}
//! Coordinator cyan (0.10, 0.80, 0.90).
bool isCyan(const Rgb& c)
{
    return c.r < 80 && c.g > 150 && c.b > 170;
}
//! Hydrant crimson (0.85, 0.15, 0.45).
bool isCrimson(const Rgb& c)
{
    return c.r > 170 && c.g < 80 && c.b > 70 && c.b < 160;
}
//! CCTV blue (0.15, 0.40, 0.95).
bool isBlue(const Rgb& c)
{
    return c.r < 80 && c.b > 190 && c.b > c.g + 80;
}

} // namespace

class TestOverlayRender : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void personFollowsTrack_data();
    void personFollowsTrack();
    void assetMarkersVisible();
    void oneDrawCallPerOverlay();

private:
    osg::ref_ptr<osg::Image> renderAt(const QString& name, double seconds,
                                      OffscreenRenderer::Stats* stats = nullptr);
    QPoint screenOf(const osg::Vec3d& p) const;

    std::unique_ptr<OffscreenRenderer> m_renderer;
    std::unique_ptr<CityScene> m_scene;
    data::SavedView m_view;
};

void TestOverlayRender::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        QSKIP("no X display: run under xvfb-run -a");
    m_renderer = std::make_unique<OffscreenRenderer>(kWidth, kHeight);
    QVERIFY2(m_renderer->isValid(), qPrintable(m_renderer->status().message()));
    m_view = test::topDownFixtureView();

    const data::ProjectedPoint o = test::fixtureOrigin();
    m_scene = test::fixtureTerrainScene(kEpoch, kDem, kImagery, 128, 128, 128);

    auto assetAt = [](std::int64_t id, data::AssetType type, const osg::Vec3d& p) {
        data::Asset a;
        a.id = id;
        a.type = type;
        a.position = test::fixtureProjected(p);
        return a;
    };
    m_scene->setLayerNode(
        kAssets, data::LayerKind::Assets,
        buildAssetMarkers(
            {assetAt(1, data::AssetType::Hydrant, kHydrant), assetAt(2, data::AssetType::Cctv, kCamera)}, o));

    data::Person walker;
    walker.id = 7;
    walker.role = data::PersonRole::Coordinator;
    auto at = [](double seconds, const osg::Vec3d& p) {
        return data::TrackPoint{7, kEpoch + data::TimeMs(seconds * 1000), test::fixtureProjected(p)};
    };
    m_scene->setLayerNode(kPeople, data::LayerKind::People,
                          PeopleLayer::build({walker}, {at(100, kWalkStart), at(500, kWalkEnd)}, o, kEpoch));
}

void TestOverlayRender::cleanupTestCase()
{
    m_renderer.reset(); // releases the scene's GL objects while the context lives
    m_scene.reset();
}

osg::ref_ptr<osg::Image> TestOverlayRender::renderAt(const QString& name, double seconds,
                                                     OffscreenRenderer::Stats* stats)
{
    return test::renderSceneAt(*m_renderer, *m_scene, m_view, kEpoch + data::TimeMs(seconds * 1000), name, stats);
}

QPoint TestOverlayRender::screenOf(const osg::Vec3d& p) const
{
    return test::screenPixel(*m_renderer->camera(), p);
}

void TestOverlayRender::personFollowsTrack_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<double>("fraction"); // along the walk; < 0: not on the map
    QTest::newRow("quarter") << 200.0 << 0.25;
    QTest::newRow("three quarters") << 400.0 << 0.75;
    QTest::newRow("after the track") << 600.0 << -1.0;
}

void TestOverlayRender::personFollowsTrack()
{
    QFETCH(double, seconds);
    QFETCH(double, fraction);
    osg::ref_ptr<osg::Image> img = renderAt(QStringLiteral("person_%1s").arg(int(seconds)), seconds);
    QVERIFY(img);
    const osg::Vec3d lift(0, 0, PeopleOptions{}.liftM);
    const QPoint quarter = screenOf(kWalkStart * 0.75 + kWalkEnd * 0.25 + lift);
    const QPoint threeQuarters = screenOf(kWalkStart * 0.25 + kWalkEnd * 0.75 + lift);
    const QPoint end = screenOf(kWalkEnd + lift);
    QVERIFY(quarter.x() < kWidth / 2 && threeQuarters.x() > kWidth / 2); // west and east of the centre
    const Rgb atQuarter = pixelAt(*img, quarter), atThree = pixelAt(*img, threeQuarters),
              atEnd = pixelAt(*img, end);
    if (fraction == 0.25) {
        QVERIFY2(isCyan(atQuarter), qPrintable(str(atQuarter)));
        QVERIFY2(isGround(atThree), qPrintable(str(atThree)));
    } else if (fraction == 0.75) {
        QVERIFY2(isCyan(atThree), qPrintable(str(atThree)));
        QVERIFY2(isGround(atQuarter), qPrintable(str(atQuarter)));
    } else {
        QVERIFY2(isGround(atEnd), qPrintable(str(atEnd)));
        QVERIFY2(isGround(atThree), qPrintable(str(atThree)));
    }
}

void TestOverlayRender::assetMarkersVisible()
{
    osg::ref_ptr<osg::Image> img = renderAt(QStringLiteral("assets"), 0);
    QVERIFY(img);
    const osg::Vec3d lift(0, 0, 3);
    const Rgb hydrant = pixelAt(*img, screenOf(kHydrant + lift));
    const Rgb camera = pixelAt(*img, screenOf(kCamera + lift));
    QVERIFY2(isCrimson(hydrant), qPrintable(str(hydrant)));
    QVERIFY2(isBlue(camera), qPrintable(str(camera)));
    // Between the two markers: ground.
    const Rgb between = pixelAt(*img, screenOf((kHydrant + kCamera) * 0.5));
    QVERIFY2(isGround(between), qPrintable(str(between)));
    m_scene->setLayerVisible(kAssets, false);
    img = renderAt(QStringLiteral("assets_hidden"), 0);
    m_scene->setLayerVisible(kAssets, true);
    QVERIFY(img);
    const Rgb hidden = pixelAt(*img, screenOf(kHydrant + lift));
    QVERIFY2(isGround(hidden), qPrintable(str(hidden)));
}

void TestOverlayRender::oneDrawCallPerOverlay()
{
    OffscreenRenderer::Stats all, without;
    QVERIFY(renderAt(QStringLiteral("stats_all"), 300, &all));
    m_scene->setLayerVisible(kAssets, false);
    m_scene->setLayerVisible(kPeople, false);
    QVERIFY(renderAt(QStringLiteral("stats_without_overlays"), 300, &without));
    m_scene->setLayerVisible(kAssets, true);
    m_scene->setLayerVisible(kPeople, true);
    QCOMPARE(all.drawCalls, without.drawCalls + 2);
}

QTEST_MAIN(TestOverlayRender)
#include "tst_overlayrender.moc"
