// Renders a synthetic CityScene offscreen (OSG pbuffer; needs an X display, run under xvfb-run)
// and checks pixels: roof vs terrain, event marker lifecycle colours, hidden layers, opacity,
// imagery opacity, time-chunk culling and picking. The terrain is the paged TileEngine over the
// fixture DEM and imagery (GridSources.h). Every image is saved under test-output/scene.
#include "tests/common/PixelProbe.h"
#include "GridSources.h"
#include "RenderHelpers.h"
#include "SceneFixtures.h"
#include "scene/CityScene.h"
#include "scene/OffscreenRenderer.h"
#include "scene/OrbitMath.h"
#include "scene/Picker.h"
#include "scene/SceneBuilders.h"
#include "scene/TileEngine.h"
#include "tests/common/TestPaths.h"

#include <QtTest>
#include <cmath>
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
// The DEM and the imagery are basemap layers inside the terrain engine, not CityScene layers.
const data::LayerId kDem{1}, kBuildings{2}, kEvents{3}, kImagery{4};
constexpr std::int64_t kBuildingId = 42;
// Building: 60×60 m, 30 m tall, centred at local (120, 60); marker at local (-100, -60).
const osg::Vec3d kRoofCentre(120, 60, 0);
const osg::Vec3d kMarker(-100, -60, 0);
const osg::Vec3d kGroundSpot(-120, 90, 0);
// A courtyard building (40×40, 20×20 hole) with its corner here: its hole must show the ground.
const osg::Vec3d kCourtyardCorner(-250, -200, 0);

bool isRed(const Rgb& c)
{
    return c.r > 150 && c.g < 80 && c.b < 80;
}
bool isOrange(const Rgb& c)
{
    return c.r > 180 && c.g > 90 && c.g < 170 && c.b < 60;
}
bool isYellow(const Rgb& c)
{
    return c.r > 180 && c.g > 170 && c.b < 80;
}
bool isGreen(const Rgb& c)
{
    return c.g > 130 && c.r < 90 && c.b < 90;
}
//! The fixture imagery is blue-ish (40, 90, 200); lit it stays blue-dominant.
bool isImagery(const Rgb& c)
{
    return c.b > 150 && c.b > c.g + 40 && c.r < 80;
}
bool isRoof(const Rgb& c)
{
    return isRed(c);
}

} // namespace

class TestSceneRender : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void roofAndTerrainPixels();
    void markerFollowsLifecycle_data();
    void markerFollowsLifecycle();
    void chunksOutsideTimeAreCulled();
    void hiddenLayerNotDrawn();
    void halfOpacityBlends();
    void imageryOpacityShowsTint();
    void pickingReturnsFeatureId();
    void pickingMarkersFollowsTime();
    void highlightTintsFeature();
    void groundOpacityShowsBelow();
    void obliqueViewShowsSkyAndWalls();
    void staticRenderAndStats();
    void clearErrorsWithoutDisplayOrSize();

private:
    //! Renders the scene at scene time SECONDS, saves NAME.png, returns the image.
    osg::ref_ptr<osg::Image> renderAt(const QString& name, double seconds,
                                      OffscreenRenderer::Stats* stats = nullptr);
    //! Pixel (x, row from top) where local point P appears in the last render.
    QPoint screenOf(const osg::Vec3d& p) const;

    std::unique_ptr<OffscreenRenderer> m_renderer;
    std::unique_ptr<CityScene> m_scene;
    osg::ref_ptr<TileEngine> m_terrain; //!< m_scene's terrain
    data::SavedView m_view;
};

void TestSceneRender::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        QSKIP("no X display: run under xvfb-run -a");
    m_renderer = std::make_unique<OffscreenRenderer>(kWidth, kHeight);
    QVERIFY2(m_renderer->isValid(), qPrintable(m_renderer->status().message()));
    m_view = test::topDownFixtureView();
}

void TestSceneRender::cleanupTestCase()
{
    m_renderer.reset(); // releases the scene's GL objects while the context lives
    m_terrain = nullptr;
    m_scene.reset();
}

void TestSceneRender::init()
{
    // A fresh scene per test: no state leaks between visibility/opacity checks.
    const data::ProjectedPoint origin = test::fixtureOrigin();
    m_scene = std::make_unique<CityScene>(kEpoch);
    m_terrain = test::fixtureTerrain(kDem, kImagery, 40, 90, 200);
    m_scene->setTerrain(m_terrain);

    BuildingsOptions opt;
    opt.roofColour = {1.0f, 0.0f, 0.0f};
    const double ground = test::fixtureHeight(36, 21); // about the DEM cell under the building
    m_scene->setLayerNode(
        kBuildings, data::LayerKind::Buildings,
        buildBuildings(
            {test::rectFootprint(kBuildingId, kRoofCentre.x(), kRoofCentre.y(), 60, 60, 30, ground),
             test::lFootprint(43, 200, -150, 25, ground),
             test::courtyardFootprint(44, kCourtyardCorner.x(), kCourtyardCorner.y(), 15, ground)},
            origin, opt));
    const double markerGround = test::fixtureHeight(28, 26);
    m_scene->setLayerNode(kEvents, data::LayerKind::Events,
                          buildEventMarkers({test::fixtureEvent(7, kMarker.x(), kMarker.y(), markerGround,
                                                                kEpoch, 60, 120, 300, 600, 900)},
                                            origin, kEpoch));
}

osg::ref_ptr<osg::Image> TestSceneRender::renderAt(const QString& name, double seconds,
                                                   OffscreenRenderer::Stats* stats)
{
    return test::renderSceneAt(*m_renderer, *m_scene, m_view, kEpoch + data::TimeMs(seconds * 1000), name, stats);
}

QPoint TestSceneRender::screenOf(const osg::Vec3d& p) const
{
    return test::screenPixel(*m_renderer->camera(), p);
}

void TestSceneRender::roofAndTerrainPixels()
{
    osg::ref_ptr<osg::Image> img = renderAt(QStringLiteral("roof_and_terrain"), 0);
    QVERIFY(img);
    QCOMPARE(img->s(), kWidth);
    QCOMPARE(img->t(), kHeight);
    const QPoint roof = screenOf(kRoofCentre + osg::Vec3d(0, 0, 40));
    const QPoint ground = screenOf(kGroundSpot);
    // North-up top-down view: the building (north-east of the target) is up and right of centre.
    QVERIFY(roof.x() > kWidth / 2 && roof.y() < kHeight / 2);
    QVERIFY2(isRoof(pixelAt(*img, roof.x(), roof.y())), qPrintable(str(pixelAt(*img, roof.x(), roof.y()))));
    QVERIFY2(isImagery(pixelAt(*img, ground.x(), ground.y())),
             qPrintable(str(pixelAt(*img, ground.x(), ground.y()))));
    // Row 0 is the top: the image is not upside down (the roof is in the upper half).
    QVERIFY(!isRoof(pixelAt(*img, roof.x(), kHeight - 1 - roof.y())));
    // The courtyard's roof has a hole: ground in the middle, roof between hole and outer wall.
    const QPoint hole = screenOf(kCourtyardCorner + osg::Vec3d(20, 20, 0));
    const QPoint ring = screenOf(kCourtyardCorner + osg::Vec3d(5, 20, 30));
    QVERIFY2(isImagery(pixelAt(*img, hole.x(), hole.y())), qPrintable(str(pixelAt(*img, hole.x(), hole.y()))));
    QVERIFY2(isRoof(pixelAt(*img, ring.x(), ring.y())), qPrintable(str(pixelAt(*img, ring.x(), ring.y()))));
}

void TestSceneRender::markerFollowsLifecycle_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("state");
    QTest::newRow("before report") << 30.0 << "hidden";
    QTest::newRow("reported") << 90.0 << "red";
    QTest::newRow("dispatched") << 200.0 << "orange";
    QTest::newRow("on site") << 400.0 << "yellow";
    QTest::newRow("resolved") << 700.0 << "green";
    QTest::newRow("closed") << 1000.0 << "hidden";
}

void TestSceneRender::markerFollowsLifecycle()
{
    QFETCH(double, seconds);
    QFETCH(QString, state);
    osg::ref_ptr<osg::Image> img =
        renderAt(QStringLiteral("marker_%1s_%2").arg(int(seconds)).arg(state), seconds);
    QVERIFY(img);
    const QPoint at = screenOf(kMarker + osg::Vec3d(0, 0, test::fixtureHeight(28, 26) + 3));
    const Rgb c = pixelAt(*img, at.x(), at.y());
    bool ok = false;
    if (state == QLatin1String("hidden"))
        ok = isImagery(c);
    else if (state == QLatin1String("red"))
        ok = isRed(c);
    else if (state == QLatin1String("orange"))
        ok = isOrange(c);
    else if (state == QLatin1String("yellow"))
        ok = isYellow(c);
    else if (state == QLatin1String("green"))
        ok = isGreen(c);
    QVERIFY2(ok, qPrintable(state + QStringLiteral(" expected, got ") + str(c)));
}

void TestSceneRender::chunksOutsideTimeAreCulled()
{
    OffscreenRenderer::Stats inside, outside;
    QVERIFY(renderAt(QStringLiteral("stats_inside"), 400, &inside));
    QVERIFY(renderAt(QStringLiteral("stats_outside"), 5000, &outside));
    // The single marker chunk is a draw call only while the time is inside its [60, 900) bounds.
    QCOMPARE(inside.drawCalls, outside.drawCalls + 1);
}

void TestSceneRender::hiddenLayerNotDrawn()
{
    m_scene->setLayerVisible(kBuildings, false);
    osg::ref_ptr<osg::Image> img = renderAt(QStringLiteral("buildings_hidden"), 0);
    QVERIFY(img);
    const QPoint roof = screenOf(kRoofCentre + osg::Vec3d(0, 0, 40));
    QVERIFY2(isImagery(pixelAt(*img, roof.x(), roof.y())), qPrintable(str(pixelAt(*img, roof.x(), roof.y()))));
    m_scene->setLayerVisible(kBuildings, true);
    img = renderAt(QStringLiteral("buildings_shown_again"), 0);
    QVERIFY(isRoof(pixelAt(*img, roof.x(), roof.y())));
}

void TestSceneRender::halfOpacityBlends()
{
    osg::ref_ptr<osg::Image> opaque = renderAt(QStringLiteral("buildings_opaque"), 0);
    QVERIFY(opaque);
    m_scene->setLayerOpacity(kBuildings, 0.5);
    osg::ref_ptr<osg::Image> half = renderAt(QStringLiteral("buildings_half_opacity"), 0);
    QVERIFY(half);
    m_scene->setLayerVisible(kBuildings, false);
    osg::ref_ptr<osg::Image> none = renderAt(QStringLiteral("buildings_none"), 0);
    const QPoint roof = screenOf(kRoofCentre + osg::Vec3d(0, 0, 40));
    const Rgb a = pixelAt(*opaque, roof.x(), roof.y()), h = pixelAt(*half, roof.x(), roof.y()),
              g = pixelAt(*none, roof.x(), roof.y());
    // Half-way between roof and ground in every channel (within rounding).
    for (auto [ca, ch, cg] :
         {std::tuple{a.r, h.r, g.r}, std::tuple{a.g, h.g, g.g}, std::tuple{a.b, h.b, g.b}})
        QVERIFY2(std::abs(ch - (ca + cg) / 2) <= 4, qPrintable(str(a) + str(h) + str(g)));
}

void TestSceneRender::imageryOpacityShowsTint()
{
    m_terrain->setImageryOpacity(kImagery, 0.0f);
    osg::ref_ptr<osg::Image> img = renderAt(QStringLiteral("imagery_off"), 0);
    QVERIFY(img);
    const QPoint ground = screenOf(kGroundSpot);
    const Rgb c = pixelAt(*img, ground.x(), ground.y());
    // The height tint is green/brown: green dominates blue without imagery.
    QVERIFY2(c.g > c.b + 30 && !isImagery(c), qPrintable(str(c)));
    m_terrain->setImageryOpacity(kImagery, 0.5f);
    img = renderAt(QStringLiteral("imagery_half"), 0);
    QVERIFY(img);
    const Rgb h = pixelAt(*img, ground.x(), ground.y());
    // Half-way between tint and imagery: bluer than the tint, less blue than the imagery.
    QVERIFY2(h.b > c.b + 30 && !isImagery(h), qPrintable(str(c) + QStringLiteral(" -> ") + str(h)));
    m_terrain->setImageryOpacity(kImagery, 1.0f);
    m_terrain->setImageryVisible(kImagery, false); // hidden wins over opacity
    img = renderAt(QStringLiteral("imagery_hidden"), 0);
    QVERIFY(img);
    const Rgb hidden = pixelAt(*img, ground.x(), ground.y());
    QVERIFY2(std::abs(hidden.r - c.r) <= 3 && std::abs(hidden.g - c.g) <= 3 && std::abs(hidden.b - c.b) <= 3,
             qPrintable(str(c) + QStringLiteral(" vs ") + str(hidden)));
    m_terrain->setImageryVisible(kImagery, true); // and the opacity set before hiding is back
    img = renderAt(QStringLiteral("imagery_on"), 0);
    QVERIFY(img);
    QVERIFY2(isImagery(pixelAt(*img, ground.x(), ground.y())), qPrintable(str(pixelAt(*img, ground.x(), ground.y()))));
}

void TestSceneRender::pickingReturnsFeatureId()
{
    QVERIFY(renderAt(QStringLiteral("pick"), 0));
    const osg::Camera& cam = *m_renderer->camera();
    const QPoint roof = screenOf(kRoofCentre + osg::Vec3d(0, 0, 40));
    const auto hit = Picker::pick(cam, m_scene->root(), roof.x() + 0.5, roof.y() + 0.5);
    QVERIFY(hit);
    QVERIFY(hit->layer == kBuildings);
    QVERIFY(hit->featureId == kBuildingId);
    QVERIFY(std::abs(hit->point.z - (test::fixtureHeight(36, 21) + 30)) < 1e-3);
    QVERIFY(std::abs(hit->point.x - kRoofCentre.x()) < 3 && std::abs(hit->point.y - kRoofCentre.y()) < 3);

    const QPoint ground = screenOf(kGroundSpot);
    const auto groundHit = Picker::pick(cam, m_scene->root(), ground.x() + 0.5, ground.y() + 0.5);
    QVERIFY(groundHit);
    // The terrain is no layer (its basemap layers live inside the engine); the hit is the DEM's
    // height there (bilinear between cell centres, as the tile mesh samples it).
    QVERIFY(groundHit->layer == std::nullopt);
    QVERIFY(groundHit->featureId == std::nullopt);
    const data::ProjectedPoint o = test::fixtureOrigin();
    const std::optional<double> demZ =
        test::fixtureDem(64, 48, 25.0).heightAt(o.x + groundHit->point.x, o.y + groundHit->point.y);
    QVERIFY(demZ);
    QVERIFY2(std::abs(groundHit->point.z - *demZ) < 0.05,
             qPrintable(QStringLiteral("%1 vs %2").arg(groundHit->point.z).arg(*demZ)));
    QVERIFY(std::abs(groundHit->point.x - kGroundSpot.x()) < 5 && std::abs(groundHit->point.y - kGroundSpot.y()) < 5);

    m_scene->setLayerVisible(kBuildings, false); // hidden layers are not pickable
    const auto through = Picker::pick(cam, m_scene->root(), roof.x() + 0.5, roof.y() + 0.5);
    QVERIFY(through);
    QVERIFY(through->layer == std::nullopt); // the ground under the roof
    QVERIFY(std::abs(through->point.z - test::fixtureHeight(36, 21)) < 1.0);

    m_scene->setTerrainVisible(false); // a hidden terrain is not pickable either
    QVERIFY(!Picker::pick(cam, m_scene->root(), ground.x() + 0.5, ground.y() + 0.5));
}

void TestSceneRender::pickingMarkersFollowsTime()
{
    QVERIFY(renderAt(QStringLiteral("pick_marker"), 200));
    const osg::Camera& cam = *m_renderer->camera();
    const QPoint at = screenOf(kMarker + osg::Vec3d(0, 0, test::fixtureHeight(28, 26) + 3));
    const auto hit = Picker::pickMarker(cam, m_scene->root(), at.x() + 4, at.y() - 3, m_scene->timeSeconds());
    QVERIFY(hit);
    QVERIFY(hit->featureId == std::int64_t(7));
    QVERIFY(hit->layer == kEvents);
    QVERIFY(std::abs(hit->point.x - kMarker.x()) < 1e-3 && std::abs(hit->point.y - kMarker.y()) < 1e-3);
    // Too far from the cursor, before the report, after closing, or with the layer hidden: nothing.
    QVERIFY(!Picker::pickMarker(cam, m_scene->root(), at.x() + 30, at.y(), m_scene->timeSeconds()));
    QVERIFY(!Picker::pickMarker(cam, m_scene->root(), at.x(), at.y(), 30.0));
    QVERIFY(!Picker::pickMarker(cam, m_scene->root(), at.x(), at.y(), 900.0));
    m_scene->setLayerVisible(kEvents, false);
    QVERIFY(!Picker::pickMarker(cam, m_scene->root(), at.x(), at.y(), m_scene->timeSeconds()));
}

void TestSceneRender::highlightTintsFeature()
{
    osg::Node* buildings = m_scene->layerNode(kBuildings);
    setBuildingsHighlight(buildings, kBuildingId);
    osg::ref_ptr<osg::Image> img = renderAt(QStringLiteral("highlight"), 0);
    QVERIFY(img);
    const QPoint roof = screenOf(kRoofCentre + osg::Vec3d(0, 0, 40));
    const Rgb c = pixelAt(*img, roof.x(), roof.y());
    QVERIFY2(!isRoof(c) && c.g > 100, qPrintable(str(c))); // mixed towards the amber highlight
    setBuildingsHighlight(buildings, kBuildingId + 1);     // another feature: ours is plain again
    img = renderAt(QStringLiteral("highlight_other"), 0);
    QVERIFY(isRoof(pixelAt(*img, roof.x(), roof.y())));
}

void TestSceneRender::groundOpacityShowsBelow()
{
    setTerrainGroundOpacity(m_terrain.get(), 0.0f);
    osg::ref_ptr<osg::Image> img = renderAt(QStringLiteral("ground_see_through"), 0);
    QVERIFY(img);
    const QPoint ground = screenOf(kGroundSpot);
    const Rgb c = pixelAt(*img, ground.x(), ground.y());
    const osg::Vec4 sky = CityScene::clearColour();
    // Fully see-through ground shows the clear colour below it (nothing is underground here).
    QVERIFY2(std::abs(c.r - int(sky.r() * 255)) <= 2 && std::abs(c.b - int(sky.b() * 255)) <= 2,
             qPrintable(str(c)));
    const QPoint roof = screenOf(kRoofCentre + osg::Vec3d(0, 0, 40));
    QVERIFY(isRoof(pixelAt(*img, roof.x(), roof.y()))); // buildings stay
}

void TestSceneRender::obliqueViewShowsSkyAndWalls()
{
    // An overview for the eye (L-shaped and courtyard roofs, the marker), not asserted.
    m_view.target = {-20, -80, 10};
    m_view.headingDeg = 20;
    m_view.pitchDeg = -35;
    m_view.rangeM = 700;
    QVERIFY(renderAt(QStringLiteral("overview"), 200));

    m_view.target = {kRoofCentre.x(), kRoofCentre.y(), 20};
    m_view.headingDeg = 30;
    m_view.pitchDeg = -12;
    m_view.rangeM = 400;
    osg::ref_ptr<osg::Image> img = renderAt(QStringLiteral("oblique"), 200);
    QVERIFY(img);
    const osg::Vec4 sky = CityScene::clearColour();
    const Rgb top = pixelAt(*img, kWidth / 2, 0);
    QVERIFY2(std::abs(top.r - int(sky.r() * 255)) <= 2 && std::abs(top.g - int(sky.g() * 255)) <= 2,
             qPrintable(str(top)));
    // The wall facing the camera (south-west of the target) is the wall colour, not the roof's.
    const QPoint wall = screenOf(kRoofCentre + osg::Vec3d(0, -30, 20));
    const Rgb c = pixelAt(*img, wall.x(), wall.y());
    QVERIFY2(c.r > 120 && c.g > 120 && c.b > 110 && std::abs(c.r - c.g) < 30, qPrintable(str(c)));
    // The shader derives the face normal from screen-space derivatives: the south wall must get
    // the outward normal (0, -1, 0), lit as albedo × (0.5 + 0.5 × max(dot(n, sun), 0)).
    const osg::Vec3f wallColour = BuildingsOptions{}.wallColour;
    const float lit = 0.5f + 0.5f * 0.4650f; // sun (0.3487, -0.4650, 0.8137), as in buildings.frag
    QVERIFY2(std::abs(c.r - int(std::lround(wallColour.x() * lit * 255))) <= 3 &&
                 std::abs(c.g - int(std::lround(wallColour.y() * lit * 255))) <= 3 &&
                 std::abs(c.b - int(std::lround(wallColour.z() * lit * 255))) <= 3,
             qPrintable(str(c)));
}

void TestSceneRender::staticRenderAndStats()
{
    OffscreenRenderer::Stats stats;
    m_scene->setTime(kEpoch + 400'000);
    auto result = OffscreenRenderer::render(m_scene->root(), m_view, 160, 120, &stats);
    QVERIFY2(result, qPrintable(result.status().message()));
    QVERIFY(OffscreenRenderer::writeImage(*result.value(), test::testOutputDir(QStringLiteral("scene")) +
                                                               QStringLiteral("/static_render.png")));
    QVERIFY(!OffscreenRenderer::writeImage(*result.value(), QStringLiteral("/nonexistent-dir/x.png")));
    QCOMPARE(result.value()->s(), 160);
    QVERIFY(stats.firstFrameMs > 0.0);
    QVERIFY(stats.drawCalls >= 3);   // terrain tiles + building chunk + marker chunk
    QVERIFY(stats.triangles > 2048); // the terrain alone: 32×32×2 triangles a tile, several tiles
    QVERIFY(stats.triangles < 100'000);
}

void TestSceneRender::clearErrorsWithoutDisplayOrSize()
{
    const QByteArray display = qgetenv("DISPLAY");
    qunsetenv("DISPLAY");
    OffscreenRenderer noDisplay(64, 64);
    qputenv("DISPLAY", display);
    QVERIFY(!noDisplay.isValid());
    QVERIFY2(noDisplay.status().message().contains(QLatin1String("no X display")),
             qPrintable(noDisplay.status().message()));
    auto result = noDisplay.renderImage(m_scene->root(), m_view);
    QVERIFY(!result);

    OffscreenRenderer empty(0, 10);
    QVERIFY(!empty.isValid());
    QCOMPARE(empty.status().code(), data::Status::Code::InvalidArgument);
    QVERIFY(!m_renderer->renderImage(nullptr, m_view)); // a null root is an error, not a crash
}

QTEST_MAIN(TestSceneRender)
#include "tst_scenerender.moc"
