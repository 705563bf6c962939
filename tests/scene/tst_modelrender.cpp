// Renders synthetic models offscreen (OSG pbuffer; needs an X display, run under xvfb-run) and
// checks pixels against the model shader's lighting: a box house's red roof, picking it, styling
// it blue, hiding it, highlighting it, a textured quad the right way up, a translucent pane,
// layer opacity and double-sided lighting. Images go to test-output/scene/model_*.png.
#include "tests/common/PixelProbe.h"
#include "ModelFixtures.h"
#include "RenderHelpers.h"
#include "scene/CityScene.h"
#include "scene/FeatureStyler.h"
#include "scene/ModelBuilder.h"
#include "scene/OffscreenRenderer.h"
#include "scene/Picker.h"
#include "scene/SceneBuilders.h"

#include <QtTest>
#include <array>
#include <cmath>
#include <memory>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

using test::pixelAt;
using test::Rgb;
using test::near;
using test::str;

constexpr int kWidth = 320;
constexpr int kHeight = 240;
const data::LayerId kGround{1}, kHouse{2}, kTextured{3}, kGlass{4}, kSides{5};
constexpr std::int64_t kGroundId = 100;
// Local positions: the house (20×16×10) at the origin, the textured quad (20×20) east of it,
// the glass pane west, two grey quads (one wound backwards) north.
const osg::Vec3d kRoofCentre(0, 0, 10);
const osg::Vec3d kTexturedCentre(60, 0, 0.5);
const osg::Vec3d kGlassCentre(-60, 0, 5);
const osg::Vec3d kFrontQuad(-25, 55, 0.5), kBackQuad(25, 55, 0.5);
const std::array<float, 4> kGroundColour{0.20f, 0.60f, 0.20f, 1.0f};
const std::array<float, 4> kGlassColour{0.10f, 0.20f, 0.90f, 0.5f};
const std::array<float, 4> kGrey{0.50f, 0.50f, 0.50f, 1.0f};
// The model shader: albedo × (0.5 + 0.5 × sun·normal); the sun's z is 0.8137, so a face up gets:
constexpr double kUpLight = 0.5 + 0.5 * 0.8137;
constexpr double kWallGrey = test::kWallColour[0];

//! What an upward face of ALBEDO looks like, 0..255.
Rgb litUp(double r, double g, double b)
{
    return {r * kUpLight * 255, g * kUpLight * 255, b * kUpLight * 255};
}
Rgb litUp(const std::array<float, 4>& c)
{
    return litUp(c[0], c[1], c[2]);
}
Rgb mix(const Rgb& a, const Rgb& b, double t)
{
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

#define VERIFY_COLOUR(actual, expected)                                                                      \
    QVERIFY2(near(actual, expected), qPrintable(str(actual) + QStringLiteral(" expected ") + str(expected)))

data::Model singleQuad(const osg::Vec3d& centre, float half, std::int64_t id,
                       const std::array<float, 4>& colour, bool flipped = false)
{
    data::Model model;
    model.features = {{id, -1, QStringLiteral("q%1").arg(id), QStringLiteral("Node"), {}, {}}};
    model.meshes.push_back(test::quadMesh(test::fixturePoint(centre.x(), centre.y(), centre.z()), -half,
                                          -half, half, half, 0, id, colour, flipped));
    return model;
}

} // namespace

class TestModelRender : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void roofHasItsColour();
    void pickingReturnsTheRoofFeature();
    void featureColourTurnsRoofBlue();
    void hiddenRoofShowsGround();
    void highlightTurnsRoofAmber();
    void texturedQuadShowsItsTextureUpright();
    void translucentPaneBlends();
    void layerOpacityBlends();
    void backFacesAreLitLikeFrontFaces();
    void obliqueViewShowsLitWalls();
    void buildingsAreStyledToo();
    void wireframeDrawsEdgesOnly();

private:
    osg::ref_ptr<osg::Image> render(const QString& name);
    QPoint screenOf(const osg::Vec3d& p) const { return test::screenPixel(*m_renderer->camera(), p); }

    std::unique_ptr<OffscreenRenderer> m_renderer;
    std::unique_ptr<CityScene> m_scene;
    data::SavedView m_view;
};

void TestModelRender::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        QSKIP("no X display: run under xvfb-run -a");
    m_renderer = std::make_unique<OffscreenRenderer>(kWidth, kHeight);
    QVERIFY2(m_renderer->isValid(), qPrintable(m_renderer->status().message()));
}

void TestModelRender::cleanupTestCase()
{
    m_renderer.reset(); // releases GL objects while the context lives
    m_scene.reset();
}

void TestModelRender::init()
{
    // A fresh scene and the top-down view per test: no state leaks between them.
    m_view.target = {0, 0, 0};
    m_view.headingDeg = 0;
    m_view.pitchDeg = -90;
    m_view.rangeM = 250;
    const data::ProjectedPoint origin = test::fixtureOrigin();
    m_scene = std::make_unique<CityScene>();
    m_scene->setLayerNode(kGround, data::LayerKind::Model,
                          buildModel(singleQuad({0, 0, 0}, 200, kGroundId, kGroundColour), origin));
    m_scene->setLayerNode(kHouse, data::LayerKind::Model, buildModel(test::boxHouse(0, 0, 0), origin));

    data::Model textured = singleQuad(kTexturedCentre, 10, 1, {1, 1, 1, 1});
    textured.textures.push_back(test::twoBandTexture(8, 8, {255, 255, 0, 255}, {255, 0, 255, 255}));
    textured.meshes[0].texture = 0;
    m_scene->setLayerNode(kTextured, data::LayerKind::Model, buildModel(textured, origin));
    m_scene->setLayerNode(kGlass, data::LayerKind::Model,
                          buildModel(singleQuad(kGlassCentre, 10, 1, kGlassColour), origin));

    data::Model sides = singleQuad(kFrontQuad, 8, 1, kGrey);
    sides.meshes.push_back(singleQuad(kBackQuad, 8, 2, kGrey, true).meshes[0]);
    m_scene->setLayerNode(kSides, data::LayerKind::Model, buildModel(sides, origin));
}

osg::ref_ptr<osg::Image> TestModelRender::render(const QString& name)
{
    return test::renderSceneAt(*m_renderer, *m_scene, m_view, 0, QStringLiteral("model_") + name);
}

void TestModelRender::roofHasItsColour()
{
    osg::ref_ptr<osg::Image> img = render(QStringLiteral("roof"));
    QVERIFY(img);
    const QPoint roof = screenOf(kRoofCentre);
    QVERIFY(roof.x() > 0 && roof.x() < kWidth && roof.y() > 0 && roof.y() < kHeight);
    VERIFY_COLOUR(pixelAt(*img, roof), litUp(test::kRoofColour));
    // Beside the house: the ground; the image is upright (north of the house is the ground too,
    // the grey quads are further north).
    VERIFY_COLOUR(pixelAt(*img, screenOf({0, -30, 0})), litUp(kGroundColour));
    QVERIFY(screenOf({0, 30, 0}).y() < roof.y());
}

void TestModelRender::pickingReturnsTheRoofFeature()
{
    QVERIFY(render(QStringLiteral("pick")));
    const osg::Camera& cam = *m_renderer->camera();
    const QPoint roof = screenOf(kRoofCentre);
    const std::optional<PickResult> hit = Picker::pick(cam, m_scene->root(), roof.x() + 0.5, roof.y() + 0.5);
    QVERIFY(hit);
    QVERIFY(hit->featureId == test::kRoofId);
    QVERIFY(hit->layer == kHouse);
    QVERIFY(std::abs(hit->point.z - 10.0) < 0.01);
    QVERIFY(std::abs(hit->point.x) < 1.0 && std::abs(hit->point.y) < 1.0);
    const QPoint ground = screenOf({0, -30, 0});
    const std::optional<PickResult> groundHit =
        Picker::pick(cam, m_scene->root(), ground.x() + 0.5, ground.y() + 0.5);
    QVERIFY(groundHit);
    QVERIFY(groundHit->featureId == kGroundId);
    QVERIFY(groundHit->layer == kGround);
}

void TestModelRender::featureColourTurnsRoofBlue()
{
    osg::Node* house = m_scene->layerNode(kHouse);
    setFeatureColours(house, {{test::kRoofId, osg::Vec4f(0, 0, 1, 1)}});
    osg::ref_ptr<osg::Image> img = render(QStringLiteral("roof_blue"));
    QVERIFY(img);
    VERIFY_COLOUR(pixelAt(*img, screenOf(kRoofCentre)), litUp(0, 0, 1));
    setFeatureColours(house, {});
    img = render(QStringLiteral("roof_unstyled"));
    VERIFY_COLOUR(pixelAt(*img, screenOf(kRoofCentre)), litUp(test::kRoofColour));
}

void TestModelRender::hiddenRoofShowsGround()
{
    osg::Node* house = m_scene->layerNode(kHouse);
    setFeaturesHidden(house, {test::kRoofId});
    osg::ref_ptr<osg::Image> img = render(QStringLiteral("roof_hidden"));
    QVERIFY(img);
    // Straight down into the open box: the ground inside it.
    VERIFY_COLOUR(pixelAt(*img, screenOf(kRoofCentre)), litUp(kGroundColour));
    setFeaturesHidden(house, {test::kWallsId}); // walls hidden instead: the roof is back
    img = render(QStringLiteral("walls_hidden"));
    VERIFY_COLOUR(pixelAt(*img, screenOf(kRoofCentre)), litUp(test::kRoofColour));
}

void TestModelRender::highlightTurnsRoofAmber()
{
    osg::Node* house = m_scene->layerNode(kHouse);
    setFeatureHighlight(house, test::kRoofId);
    osg::ref_ptr<osg::Image> img = render(QStringLiteral("roof_highlight"));
    QVERIFY(img);
    const osg::Vec3f amber = ModelBuildOptions{}.highlightColour;
    const Rgb expected = mix(litUp(test::kRoofColour), litUp(amber.x(), amber.y(), amber.z()), 0.75);
    VERIFY_COLOUR(pixelAt(*img, screenOf(kRoofCentre)), expected);
    setFeatureHighlight(house, test::kWallsId); // another feature: the roof is plain again
    img = render(QStringLiteral("walls_highlight"));
    VERIFY_COLOUR(pixelAt(*img, screenOf(kRoofCentre)), litUp(test::kRoofColour));
}

void TestModelRender::texturedQuadShowsItsTextureUpright()
{
    osg::ref_ptr<osg::Image> img = render(QStringLiteral("textured"));
    QVERIFY(img);
    // The texture's top rows (yellow) are at v = 0, which the quad puts on its north edge.
    VERIFY_COLOUR(pixelAt(*img, screenOf(kTexturedCentre + osg::Vec3d(0, 5, 0))), litUp(1, 1, 0));
    VERIFY_COLOUR(pixelAt(*img, screenOf(kTexturedCentre + osg::Vec3d(0, -5, 0))), litUp(1, 0, 1));
    // A style colour replaces the texture.
    setFeatureColours(m_scene->layerNode(kTextured), {{1, osg::Vec4f(0, 1, 0, 1)}});
    img = render(QStringLiteral("textured_styled"));
    VERIFY_COLOUR(pixelAt(*img, screenOf(kTexturedCentre + osg::Vec3d(0, 5, 0))), litUp(0, 1, 0));
}

void TestModelRender::translucentPaneBlends()
{
    osg::ref_ptr<osg::Image> img = render(QStringLiteral("glass"));
    QVERIFY(img);
    // Half the glass, half the ground beneath it.
    const Rgb expected = mix(litUp(kGroundColour), litUp(kGlassColour), kGlassColour[3]);
    VERIFY_COLOUR(pixelAt(*img, screenOf(kGlassCentre)), expected);
}

void TestModelRender::layerOpacityBlends()
{
    m_scene->setLayerOpacity(kHouse, 0.25);
    osg::ref_ptr<osg::Image> img = render(QStringLiteral("house_opacity"));
    QVERIFY(img);
    // Top-down through the quarter-opaque roof: the ground inside the house.
    const Rgb expected = mix(litUp(kGroundColour), litUp(test::kRoofColour), 0.25);
    VERIFY_COLOUR(pixelAt(*img, screenOf(kRoofCentre)), expected);
}

void TestModelRender::backFacesAreLitLikeFrontFaces()
{
    osg::ref_ptr<osg::Image> img = render(QStringLiteral("two_sided"));
    QVERIFY(img);
    // The second quad is wound clockwise from above, so the camera sees its back face: it is
    // drawn (no culling) and lit with its normal turned towards the viewer.
    VERIFY_COLOUR(pixelAt(*img, screenOf(kFrontQuad)), litUp(kGrey));
    VERIFY_COLOUR(pixelAt(*img, screenOf(kBackQuad)), litUp(kGrey));
}

void TestModelRender::obliqueViewShowsLitWalls()
{
    // From the south-south-west, looking down 25°: the south wall faces the camera. Its flat
    // normal (0, -1, 0) meets the sun at 0.4650.
    m_view.target = {0, 0, 5};
    m_view.headingDeg = 10;
    m_view.pitchDeg = -25;
    m_view.rangeM = 90;
    osg::ref_ptr<osg::Image> img = render(QStringLiteral("oblique"));
    QVERIFY(img);
    const double southLight = 0.5 + 0.5 * 0.4650;
    const Rgb expected{kWallGrey * southLight * 255, kWallGrey * southLight * 255,
                       kWallGrey * southLight * 255};
    VERIFY_COLOUR(pixelAt(*img, screenOf({0, -8, 5})), expected);
    VERIFY_COLOUR(pixelAt(*img, screenOf({0, 0, 10})), litUp(test::kRoofColour));
}

void TestModelRender::buildingsAreStyledToo()
{
    // The buildings shader reads the same ct_style attribute and ct_styled flag.
    const data::LayerId buildingsLayer{6};
    const osg::Vec3d roof(0, -50, 8);
    BuildingsOptions options;
    options.roofColour = {0.9f, 0.1f, 0.1f};
    m_scene->setLayerNode(buildingsLayer, data::LayerKind::Buildings,
                          buildBuildings({test::rectFootprint(42, roof.x(), roof.y(), 16, 16, roof.z(), 0),
                                          test::rectFootprint(43, 40, -50, 10, 10, 6, 0)},
                                         test::fixtureOrigin(), options));
    osg::Node* buildings = m_scene->layerNode(buildingsLayer);
    osg::ref_ptr<osg::Image> img = render(QStringLiteral("buildings_plain"));
    QVERIFY(img);
    VERIFY_COLOUR(pixelAt(*img, screenOf(roof)), litUp(0.9, 0.1, 0.1));
    setFeatureColours(buildings, {{42, osg::Vec4f(0, 0, 1, 1)}});
    img = render(QStringLiteral("buildings_blue"));
    VERIFY_COLOUR(pixelAt(*img, screenOf(roof)), litUp(0, 0, 1));
    VERIFY_COLOUR(pixelAt(*img, screenOf({40, -50, 6})), litUp(0.9, 0.1, 0.1)); // the other one is plain
    setFeaturesHidden(buildings, {42});
    img = render(QStringLiteral("buildings_hidden"));
    VERIFY_COLOUR(pixelAt(*img, screenOf(roof)), litUp(kGroundColour));
    VERIFY_COLOUR(pixelAt(*img, screenOf({40, -50, 6})), litUp(0.9, 0.1, 0.1));
}

void TestModelRender::wireframeDrawsEdgesOnly()
{
    osg::Node* house = m_scene->layerNode(kHouse);
    setWireframe(house, true);
    osg::ref_ptr<osg::Image> img = render(QStringLiteral("wireframe"));
    QVERIFY(img);
    // Inside the roof outline, away from its diagonal: the ground (its layer stays filled); on
    // the outline: the roof colour.
    VERIFY_COLOUR(pixelAt(*img, screenOf(kRoofCentre + osg::Vec3d(5, -4, 0))), litUp(kGroundColour));
    int roofPixels = 0;
    const QPoint a = screenOf({-12, -5, 10}), b = screenOf({-8, -5, 10}); // across the west edge
    for (int x = a.x(); x <= b.x(); ++x)
        roofPixels += near(pixelAt(*img, {x, a.y()}), litUp(test::kRoofColour), 40) ? 1 : 0;
    QVERIFY(roofPixels > 0);
    setWireframe(house, false);
    img = render(QStringLiteral("wireframe_off"));
    VERIFY_COLOUR(pixelAt(*img, screenOf(kRoofCentre + osg::Vec3d(5, -4, 0))), litUp(test::kRoofColour));
}

QTEST_MAIN(TestModelRender)
#include "tst_modelrender.moc"
