// Underground navigation on OrbitManipulator: above ground (the default) the target is kept on
// the ground and the eye above it, the pitch looks down; underground mode lets both go below
// and the pitch look up, leaving it brings the camera back up. The render case does it over a
// paged TileEngine drawn offscreen (X display: xvfb-run -a): with the mode on the eye really is
// below the surface (the centre pixel shows the background, not the ground).
#include "RenderHelpers.h"
#include "TileTestSources.h"
#include "scene/OffscreenRenderer.h"
#include "scene/OrbitManipulator.h"
#include "scene/OrbitMath.h"
#include "scene/TileEngine.h"

#include <QtTest>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

constexpr double kGroundZ = 50.0;
const data::ProjectedPoint kOrigin{500000, 3400000, 0};
const data::Extent2D kExtent{498000, 3398000, 502096, 3402096};
const data::TilingScheme kScheme(kExtent.minX, kExtent.maxY, 4096, 1, 1);
const data::LayerId kImagery{1}, kElevation{2};
const osg::Vec4 kDark(0.12f, 0.13f, 0.16f, 1.0f);

OrbitManipulator::GroundHeightFunction flatGround()
{
    return [](double, double) -> std::optional<double> { return kGroundZ; };
}

data::SavedView viewAt(double z, double pitchDeg, double rangeM)
{
    data::SavedView v;
    v.target = {10, 20, z};
    v.pitchDeg = pitchDeg;
    v.rangeM = rangeM;
    return v;
}

} // namespace

class TestUnderground : public QObject
{
    Q_OBJECT

private slots:
    void aboveGroundKeepsTargetOnTheGround();
    void undergroundModeLetsTargetSinkAndPitchLookUp();
    void leavingTheModeComesBackUp();
    void eyeKeepsClearanceOnSlopes();
    void withoutGroundFunctionNothingIsClamped();
    void renderedTerrainTargetTenMetresBelow();
};

void TestUnderground::aboveGroundKeepsTargetOnTheGround()
{
    osg::ref_ptr<OrbitManipulator> m = new OrbitManipulator;
    m->setGroundHeightFunction(flatGround());
    m->setView(viewAt(kGroundZ, -45, 200));
    QVERIFY(!m->allowBelowGround());
    m->moveVertically(-10.0);
    QCOMPARE(m->view().target.z, kGroundZ);
    m->moveVertically(5.0); // above ground is fine
    QCOMPARE(m->view().target.z, kGroundZ + 5.0);
    m->rotate(0.0, 2.0); // a long drag upwards: the pitch stops at the above-ground limit
    QCOMPARE(m->view().pitchDeg, OrbitManipulator::kMaxPitchDeg);
    QCOMPARE(m->maxPitchDeg(), OrbitManipulator::kMaxPitchDeg);
}

void TestUnderground::undergroundModeLetsTargetSinkAndPitchLookUp()
{
    osg::ref_ptr<OrbitManipulator> m = new OrbitManipulator;
    m->setGroundHeightFunction(flatGround());
    m->setView(viewAt(kGroundZ, -45, 200));
    m->setAllowBelowGround(true);
    QVERIFY(m->allowBelowGround());
    m->moveVertically(-10.0);
    QCOMPARE(m->view().target.z, kGroundZ - 10.0);
    m->pan(0.1, 0.1, 30.0, 1.0);
    m->zoomTowards(m->view().target, 0.5);
    QCOMPARE(m->view().target.z, kGroundZ - 10.0);
    m->rotate(0.0, 4.0);
    QCOMPARE(m->view().pitchDeg, OrbitManipulator::kMaxPitchUndergroundDeg);
    QVERIFY(orbit::eyePosition(m->view()).z() < kGroundZ - 10.0); // looking up from below
}

void TestUnderground::leavingTheModeComesBackUp()
{
    osg::ref_ptr<OrbitManipulator> m = new OrbitManipulator;
    m->setGroundHeightFunction(flatGround());
    m->setView(viewAt(kGroundZ, -45, 100));
    m->setAllowBelowGround(true);
    m->moveVertically(-30.0);
    m->rotate(0.0, 2.0); // pitch +45
    QVERIFY(m->view().pitchDeg > 0.0);
    m->setAllowBelowGround(false);
    QCOMPARE(m->view().pitchDeg, OrbitManipulator::kMaxPitchDeg);
    QVERIFY(m->view().target.z >= kGroundZ);
    QVERIFY(orbit::eyePosition(m->view()).z() >= kGroundZ + OrbitManipulator::kMinEyeClearanceM - 1e-9);
}

void TestUnderground::eyeKeepsClearanceOnSlopes()
{
    // Ground rising steeply behind the target: the eye would be inside the hill.
    osg::ref_ptr<OrbitManipulator> m = new OrbitManipulator;
    m->setGroundHeightFunction([](double, double y) -> std::optional<double> { return y < 0 ? -y : 0.0; });
    data::SavedView v;
    v.target = {0, 0, 0};
    v.headingDeg = 0; // looking north: the eye is south of the target, where the hill is
    v.pitchDeg = -10;
    v.rangeM = 100;
    m->setView(v);
    m->zoomTowards(m->view().target, 1.0); // any interaction applies the rules
    const osg::Vec3d eye = orbit::eyePosition(m->view());
    QVERIFY2(eye.z() >= -eye.y() + OrbitManipulator::kMinEyeClearanceM - 1e-6,
             qPrintable(QStringLiteral("eye %1 %2").arg(eye.y()).arg(eye.z())));
    QCOMPARE(m->view().pitchDeg, -10.0); // lifted, not turned
}

void TestUnderground::withoutGroundFunctionNothingIsClamped()
{
    osg::ref_ptr<OrbitManipulator> m = new OrbitManipulator;
    m->setView(viewAt(0.0, -45, 100));
    m->moveVertically(-25.0);
    QCOMPARE(m->view().target.z, -25.0);
    // A ground function over a node that is gone answers nothing.
    osg::ref_ptr<osg::Group> node = new osg::Group;
    auto fn = OrbitManipulator::groundOf(node.get());
    QVERIFY(!fn(0, 0)); // empty group: no hit
    node = nullptr;
    QVERIFY(!fn(0, 0));
}

void TestUnderground::renderedTerrainTargetTenMetresBelow()
{
    OffscreenRenderer renderer(160, 120);
    if (!renderer.isValid())
        QSKIP(qPrintable(renderer.status().message()));
    renderer.setRefineTimeout(20.0);
    renderer.setClearColour(kDark);
    TileEngineOptions options;
    options.meshQuads = 16;
    options.textureSize = 64;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, options);
    const test::Rgba red{220, 30, 30};
    engine->addImagerySource(kImagery, std::make_shared<test::QuadrantImagery>(
                                           kExtent, 8.0, std::array<test::Rgba, 4>{red, red, red, red}));
    auto slope = std::make_shared<test::SlopeElevation>(kExtent, 16.0, 0.0, 0.05);
    engine->addElevationSource(kElevation, slope);
    osg::ref_ptr<osg::Group> root = new osg::Group;
    root->addChild(engine.get());

    // Refine the paged terrain around the spot first (the ground function intersects loaded tiles).
    data::SavedView close;
    close.target = {0, 0, slope->heightAt(kOrigin.x)};
    close.pitchDeg = -30;
    close.rangeM = 300;
    QVERIFY(renderer.renderImage(root.get(), close));
    const auto ground = OrbitManipulator::groundOf(engine.get());
    const std::optional<double> surface = ground(0, 0);
    QVERIFY(surface);
    QVERIFY2(std::abs(*surface - slope->heightAt(kOrigin.x)) < 1.0, qPrintable(QString::number(*surface)));

    osg::ref_ptr<OrbitManipulator> m = new OrbitManipulator;
    m->setGroundHeightFunction(ground);
    data::SavedView v;
    v.target = {0, 0, *surface};
    v.headingDeg = 0; // north, along the slope's contour: the surface is level ahead
    v.pitchDeg = -10;
    v.rangeM = 20;
    m->setView(v);
    m->setAllowBelowGround(true);
    m->moveVertically(-10.0);
    m->pan(0.0, 0.0, OffscreenRenderer::kFovyDeg, 4.0 / 3.0);
    QVERIFY(std::abs(m->view().target.z - (*surface - 10.0)) < 1e-6);
    const osg::Vec3d eye = orbit::eyePosition(m->view());
    QVERIFY(eye.z() < *surface - 5.0);

    // From down there, looking a little down, nothing is ahead: the centre is background.
    setTerrainGroundOpacity(engine.get(), 0.4f); // as the mode does (skirts hidden too)
    auto below = renderer.renderImage(root.get(), m->view());
    QVERIFY(below);
    const unsigned char* c = below.value()->data(80, 60);
    QVERIFY2(std::abs(c[0] - 31) < 12 && std::abs(c[2] - 41) < 12,
             qPrintable(QStringLiteral("underground centre %1 %2 %3").arg(c[0]).arg(c[1]).arg(c[2])));

    // Leaving the mode pushes the target back onto the surface; the centre shows the red ground.
    m->setAllowBelowGround(false);
    QVERIFY(m->view().target.z >= *surface - 0.5);
    setTerrainGroundOpacity(engine.get(), 1.0f);
    auto above = renderer.renderImage(root.get(), m->view());
    QVERIFY(above);
    const unsigned char* a = above.value()->data(80, 60);
    QVERIFY2(a[0] > 120 && a[2] < 100,
             qPrintable(QStringLiteral("above-ground centre %1 %2 %3").arg(a[0]).arg(a[1]).arg(a[2])));
}

QTEST_MAIN(TestUnderground)
#include "tst_underground.moc"
