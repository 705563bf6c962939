// TileEngine drawn through OffscreenRenderer (needs an X display: xvfb-run -a): imagery lands
// where it belongs, layers composite by order/opacity/visibility, ground opacity blends, a failing
// layer leaves the others drawn, and a zoomed-in view has no holes. Images: test-output/scene/tile_*.png.
#include "tests/common/PixelProbe.h"
#include "RenderHelpers.h"
#include "TileTestSources.h"
#include "scene/OffscreenRenderer.h"
#include "scene/SceneBuilders.h"
#include "scene/TileEngine.h"
#include "tests/common/TestPaths.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace citytwin;
using namespace citytwin::scene;
using test::QuadrantImagery;
using test::Rgba;
using test::SlopeElevation;

namespace {

using test::pixelAt;
using test::Rgb;
using test::str;

constexpr int kWidth = 320;
constexpr int kHeight = 240;
const data::ProjectedPoint kOrigin{500000, 3400000, 0};
const data::Extent2D kExtent{498000, 3398000, 502096, 3402096};
const data::TilingScheme kScheme(kExtent.minX, kExtent.maxY, 4096, 1, 1);
const data::LayerId kBottom{1}, kTop{2}, kElevation{3};
const Rgba kRed{220, 30, 30}, kGreen{30, 200, 30}, kBlue{30, 30, 220}, kYellow{230, 230, 30};

//! C is mostly the colour with the channel pattern of REF (dominant channels above the others).
bool looksLike(const Rgb& c, const Rgba& ref)
{
    const double channels[3] = {c.r, c.g, c.b};
    const int refs[3] = {ref.r, ref.g, ref.b};
    for (int i = 0; i < 3; ++i) {
        const bool high = refs[i] > 128;
        if (high && channels[i] < 120)
            return false;
        if (!high && channels[i] > 90)
            return false;
    }
    return true;
}

std::shared_ptr<QuadrantImagery> uniform(const Rgba& c)
{
    return std::make_shared<QuadrantImagery>(kExtent, 8.0, std::array<Rgba, 4>{c, c, c, c});
}

TileEngineOptions renderOptions()
{
    TileEngineOptions o;
    o.meshQuads = 16;
    o.textureSize = 64;
    return o;
}

data::SavedView overview()
{
    data::SavedView v;
    v.target = {0, 0, 0};
    v.pitchDeg = -60;
    v.rangeM = 7000;
    return v;
}

} // namespace

class TestTileRender : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void imageryLandsAtItsGroundPoints();
    void layersCompositeByOrderOpacityAndVisibility();
    void insetOverBasemap();
    void groundOpacityBlends();
    void failingLayerLeavesOthersDrawn();
    void zoomInHasNoHoles();
    void programSwapSurvivesANewContext();

private:
    osg::ref_ptr<osg::Image> render(osg::Node* root, const data::SavedView& view, const QString& name,
                                    OffscreenRenderer::Stats* stats = nullptr)
    {
        return test::renderNode(*m_renderer, root, view, QStringLiteral("tile_") + name, stats);
    }
    QPoint screen(double x, double y, double z = 0) const
    {
        return test::screenPixel(*m_renderer->camera(), osg::Vec3d(x, y, z));
    }

    std::unique_ptr<OffscreenRenderer> m_renderer;
};

void TestTileRender::initTestCase()
{
    m_renderer = std::make_unique<OffscreenRenderer>(kWidth, kHeight);
    if (!m_renderer->isValid())
        QSKIP(qPrintable(m_renderer->status().message()));
    m_renderer->setRefineTimeout(20.0);
}

void TestTileRender::imageryLandsAtItsGroundPoints()
{
    osg::ref_ptr<osg::Group> root = new osg::Group;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, renderOptions());
    engine->addImagerySource(kBottom, std::make_shared<QuadrantImagery>(
                                          kExtent, 8.0, std::array<Rgba, 4>{kRed, kGreen, kBlue, kYellow}));
    root->addChild(engine);
    OffscreenRenderer::Stats stats;
    osg::ref_ptr<osg::Image> img = render(root.get(), overview(), QStringLiteral("quadrants"), &stats);
    QVERIFY(img);
    QVERIFY2(stats.refined, "the render must wait for the terrain to refine");
    QVERIFY(stats.frames > OffscreenRenderer::kFrames);
    QVERIFY(engine->isIdle());
    QVERIFY(engine->stats().deepestDrawnLevel >= 1);
    // Quadrant centres are 1024 m from the extent centre (local (48, 48)).
    const double c = 48;
    const struct
    {
        double dx, dy;
        Rgba colour;
        const char* name;
    } spots[] = {{-1024, 1024, kRed, "NW"},
                 {1024, 1024, kGreen, "NE"},
                 {-1024, -1024, kBlue, "SW"},
                 {1024, -1024, kYellow, "SE"}};
    for (const auto& s : spots) {
        const Rgb px = pixelAt(*img, screen(c + s.dx, c + s.dy));
        QVERIFY2(looksLike(px, s.colour), qPrintable(QStringLiteral("%1 quadrant: %2").arg(s.name, str(px))));
    }

    // Timing on this machine: a frame of the refined view.
    QElapsedTimer timer;
    timer.start();
    OffscreenRenderer::Stats again;
    QVERIFY(m_renderer->renderImage(root.get(), overview(), &again));
    qInfo("tiles drawn %d, resident %d, %.1f KiB; refined render %d frames; idle re-render %.1f ms for %d "
          "frames",
          engine->stats().drawnTiles, engine->stats().residentTiles,
          double(engine->stats().memoryBytes) / 1024.0, stats.frames, double(timer.nsecsElapsed()) / 1e6,
          again.frames);
}

void TestTileRender::layersCompositeByOrderOpacityAndVisibility()
{
    osg::ref_ptr<osg::Group> root = new osg::Group;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, renderOptions());
    engine->addImagerySource(kBottom, uniform(kRed));
    engine->addImagerySource(kTop, uniform(kBlue));
    root->addChild(engine);
    auto centre = [&](const QString& name) {
        osg::ref_ptr<osg::Image> img = render(root.get(), overview(), name);
        return img ? pixelAt(*img, screen(0, 0)) : Rgb{-1, -1, -1};
    };
    Rgb px = centre(QStringLiteral("stack_top"));
    QVERIFY2(looksLike(px, kBlue), qPrintable(str(px)));
    engine->setImageryOpacity(kTop, 0.0f);
    px = centre(QStringLiteral("stack_top_transparent"));
    QVERIFY2(looksLike(px, kRed), qPrintable(str(px)));
    engine->setImageryOpacity(kTop, 0.5f);
    px = centre(QStringLiteral("stack_top_half"));
    QVERIFY2(px.r > 60 && px.b > 60 && px.g < 60, qPrintable(str(px)));
    engine->setImageryOpacity(kTop, 1.0f);
    engine->setImageryVisible(kTop, false);
    px = centre(QStringLiteral("stack_top_hidden"));
    QVERIFY2(looksLike(px, kRed), qPrintable(str(px)));
    engine->setImageryVisible(kTop, true);
    engine->setImageryOrder({kTop, kBottom}); // red is on top now
    px = centre(QStringLiteral("stack_swapped"));
    QVERIFY2(looksLike(px, kRed), qPrintable(str(px)));
    engine->removeSource(kBottom);
    px = centre(QStringLiteral("stack_removed"));
    QVERIFY2(looksLike(px, kBlue), qPrintable(str(px)));
}

void TestTileRender::insetOverBasemap()
{
    // A county orthophoto over a coarse basemap: outside its extent (transparent) the basemap
    // shows, also inside tiles the inset covers only partly.
    osg::ref_ptr<osg::Group> root = new osg::Group;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, renderOptions());
    engine->addImagerySource(kBottom, uniform(kRed));
    const data::Extent2D inset{kExtent.centerX() + 300, kExtent.centerY() + 300, kExtent.maxX, kExtent.maxY};
    engine->addImagerySource(
        kTop, std::make_shared<QuadrantImagery>(inset, 2.0, std::array<Rgba, 4>{kBlue, kBlue, kBlue, kBlue}));
    root->addChild(engine);
    osg::ref_ptr<osg::Image> img = render(root.get(), overview(), QStringLiteral("inset"));
    QVERIFY(img);
    const double cx = kExtent.centerX() - kOrigin.x, cy = kExtent.centerY() - kOrigin.y;
    const struct
    {
        double x, y;
        Rgba colour;
    } spots[] = {{cx + 1200, cy + 1200, kBlue},
                 {cx - 1200, cy - 1200, kRed},
                 {cx + 150, cy + 1200, kRed},
                 {cx + 450, cy + 1200, kBlue},
                 {cx + 1200, cy + 150, kRed}};
    for (const auto& s : spots) {
        const Rgb px = pixelAt(*img, screen(s.x, s.y));
        QVERIFY2(looksLike(px, s.colour),
                 qPrintable(QStringLiteral("(%1, %2): %3").arg(s.x).arg(s.y).arg(str(px))));
    }
}

void TestTileRender::groundOpacityBlends()
{
    osg::ref_ptr<osg::Group> root = new osg::Group;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, renderOptions());
    engine->addImagerySource(kBottom, uniform(kRed));
    root->addChild(engine);
    osg::ref_ptr<osg::Image> opaque = render(root.get(), overview(), QStringLiteral("ground_opaque"));
    QVERIFY(opaque);
    setTerrainGroundOpacity(engine.get(), 0.5f);
    osg::ref_ptr<osg::Image> half = render(root.get(), overview(), QStringLiteral("ground_half"));
    QVERIFY(half);
    const Rgb a = pixelAt(*opaque, screen(0, 0)), b = pixelAt(*half, screen(0, 0));
    const osg::Vec4 sky = CityScene::clearColour() * 255.0f;
    // Half of the opaque colour over half of the sky.
    QVERIFY2(std::abs(b.r - (a.r + int(sky.r())) / 2) <= 6 && std::abs(b.b - (a.b + int(sky.b())) / 2) <= 6,
             qPrintable(str(a) + QStringLiteral(" -> ") + str(b)));
    // Flat ground, one colour: no lines where tiles meet (skirts must not show through).
    const QPoint c = screen(0, 0);
    for (int d = -kWidth / 4; d <= kWidth / 4; ++d) {
        for (const QPoint p : {QPoint(c.x() + d, c.y()), QPoint(c.x(), c.y() + d * kHeight / kWidth)}) {
            const Rgb q = pixelAt(*half, p);
            QVERIFY2(
                std::abs(q.r - b.r) <= 3 && std::abs(q.g - b.g) <= 3 && std::abs(q.b - b.b) <= 3,
                qPrintable(
                    QStringLiteral("%1 at (%2, %3) vs %4").arg(str(q)).arg(p.x()).arg(p.y()).arg(str(b))));
        }
    }
}

void TestTileRender::failingLayerLeavesOthersDrawn()
{
    osg::ref_ptr<osg::Group> root = new osg::Group;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, renderOptions());
    auto broken = uniform(kBlue);
    broken->behaviour.fail = true;
    engine->addImagerySource(kBottom, uniform(kGreen));
    engine->addImagerySource(kTop, broken);
    int reports = 0;
    engine->setLayerErrorCallback([&reports](data::LayerId, const QString&) { ++reports; });
    root->addChild(engine);
    osg::ref_ptr<osg::Image> img = render(root.get(), overview(), QStringLiteral("broken_top"));
    QVERIFY(img);
    const Rgb px = pixelAt(*img, screen(0, 0));
    QVERIFY2(looksLike(px, kGreen), qPrintable(str(px)));
    QCOMPARE(reports, 1);
}

void TestTileRender::zoomInHasNoHoles()
{
    osg::ref_ptr<osg::Group> root = new osg::Group;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, renderOptions());
    engine->addImagerySource(kBottom, std::make_shared<QuadrantImagery>(
                                          kExtent, 2.0, std::array<Rgba, 4>{kRed, kGreen, kBlue, kYellow}));
    // 5 % slope up to the east: tiles of different levels meet at different heights.
    engine->addElevationSource(kElevation, std::make_shared<SlopeElevation>(kExtent, 16.0, 0.0, 0.05));
    root->addChild(engine);
    QVERIFY(render(root.get(), overview(), QStringLiteral("zoom_far")));
    data::SavedView close;
    close.target = {300, 200, 0.05 * (300 + kOrigin.x - kExtent.minX)};
    close.headingDeg = 30;
    close.pitchDeg = -55;
    close.rangeM = 400;
    OffscreenRenderer::Stats stats;
    osg::ref_ptr<osg::Image> img = render(root.get(), close, QStringLiteral("zoom_near"), &stats);
    QVERIFY(img);
    QVERIFY(stats.refined);
    QVERIFY(engine->stats().deepestDrawnLevel >= 4);
    const osg::Vec4 sky = CityScene::clearColour() * 255.0f;
    int skyPixels = 0;
    for (int y = 0; y < img->t(); ++y)
        for (int x = 0; x < img->s(); ++x) {
            const unsigned char* p = img->data(x, y);
            if (std::abs(p[0] - int(sky.r())) <= 2 && std::abs(p[1] - int(sky.g())) <= 2 &&
                std::abs(p[2] - int(sky.b())) <= 2)
                ++skyPixels;
        }
    QCOMPARE(skyPixels, 0);
}

// Hiding the last imagery layer swaps the terrain to another cached shader program. A renderer
// that goes away must not leave that swapped-out program's GL name behind for the next context
// that reuses its id (it drew a grey frame with GL "invalid operation" before the fix).
void TestTileRender::programSwapSurvivesANewContext()
{
    osg::ref_ptr<osg::Group> root = new osg::Group;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, renderOptions());
    engine->addImagerySource(kBottom, uniform(kRed));
    root->addChild(engine);
    {
        OffscreenRenderer first(kWidth, kHeight);
        QVERIFY(first.isValid());
        QVERIFY(first.renderImage(root.get(), overview()));
        engine->setImageryVisible(kBottom, false);
        QVERIFY(first.renderImage(root.get(), overview()));
    }
    engine->setImageryVisible(kBottom, true);
    OffscreenRenderer second(kWidth, kHeight);
    QVERIFY(second.isValid());
    auto img = second.renderImage(root.get(), overview());
    QVERIFY(img);
    const QPoint centre = test::screenPixel(*second.camera(), osg::Vec3d(0, 0, 0));
    const Rgb px = pixelAt(*img.value(), centre);
    QVERIFY2(looksLike(px, kRed), qPrintable(str(px)));
}

QTEST_MAIN(TestTileRender)
#include "tst_tilerender.moc"
