// A manhole shaft and a utility tunnel under flat TileEngine terrain drawn through
// OffscreenRenderer (needs an X display: xvfb-run -a): the shaft shows through see-through ground
// at its pixel and is hidden by opaque ground; the tunnel shows its kind's colour; Picker finds
// both ids. Images: test-output/scene/facility_*.png.
#include "RenderHelpers.h"
#include "TileEngineFixtures.h"
#include "TileTestSources.h"
#include "scene/FacilityBuilder.h"
#include "scene/OffscreenRenderer.h"
#include "scene/Picker.h"
#include "scene/TileEngine.h"
#include "scene/UndergroundSpaceBuilder.h"
#include "tests/common/PixelProbe.h"
#include "tests/common/TestPaths.h"

#include <QtTest>

using namespace citytwin;
using namespace citytwin::scene;
using test::kOrigin;
using test::QuadrantImagery;
using test::Rgba;

namespace {

using test::pixelAt;
using test::Rgb;
using test::str;

constexpr int kWidth = 320;
constexpr int kHeight = 240;
const data::LayerId kGroundLayer{1};
const Rgba kGround{40, 170, 40};

//! Looking down at 35° on the shaft's middle from 30 m.
data::SavedView view()
{
    return test::orbitView({0, 0, -2}, -35, 30);
}

} // namespace

class TestFacilityRender : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_renderer = std::make_unique<OffscreenRenderer>(kWidth, kHeight);
        if (!m_renderer->isValid())
            QSKIP(qPrintable(m_renderer->status().message()));
        m_renderer->setRefineTimeout(20.0);
    }

    void shaftAndTunnelThroughTheGround()
    {
        osg::ref_ptr<osg::Group> root = new osg::Group;
        osg::ref_ptr<TileEngine> engine = test::flatGroundEngine(kGroundLayer, kGround);
        root->addChild(engine);
        // A 2 m water-supply shaft (sky blue) from the surface down 5 m at the origin.
        data::PointFacility shaft;
        shaft.id = 31;
        shaft.network = data::PipeNetwork::WaterSupply;
        shaft.position = {kOrigin.x, kOrigin.y, 0.0};
        shaft.depthM = 5.0;
        shaft.diameterM = 2.0;
        root->addChild(buildFacilities({shaft}, kOrigin));
        // A utility tunnel 6 m east, roof 1 m down, 4 m high, running north-south.
        data::UndergroundSpace tunnel;
        tunnel.id = 77;
        tunnel.kind = data::UndergroundSpaceKind::UtilityTunnel;
        tunnel.outer = {{kOrigin.x + 5, kOrigin.y - 30, 0},
                        {kOrigin.x + 9, kOrigin.y - 30, 0},
                        {kOrigin.x + 9, kOrigin.y + 30, 0},
                        {kOrigin.x + 5, kOrigin.y + 30, 0}};
        tunnel.topZ = -1.0;
        tunnel.heightM = 4.0;
        root->addChild(buildUndergroundSpaces({tunnel}, kOrigin));

        setTerrainGroundOpacity(engine.get(), 1.0f);
        osg::ref_ptr<osg::Image> opaque = render(root.get(), QStringLiteral("opaque_ground"));
        QVERIFY(opaque);
        const osg::Camera& cam = *m_renderer->camera();
        // The shaft's wall facing the camera (south side), 2 m down.
        const QPoint shaftAt = test::screenPixel(cam, osg::Vec3d(0, -0.9, -2));
        const QPoint tunnelAt = test::screenPixel(cam, osg::Vec3d(7, 0, -1)); // tunnel roof
        for (const QPoint& p : {shaftAt, tunnelAt})
            QVERIFY(p.x() > 0 && p.x() < kWidth && p.y() > 0 && p.y() < kHeight);
        const Rgb hidden = pixelAt(*opaque, shaftAt);
        QVERIFY2(hidden.g > 100 && hidden.b < 60,
                 qPrintable(QStringLiteral("opaque ground over the shaft: ") + str(hidden)));
        const Rgb hiddenTunnel = pixelAt(*opaque, tunnelAt);
        QVERIFY2(hiddenTunnel.g > 100 && hiddenTunnel.b < 60, qPrintable(str(hiddenTunnel)));

        engine->setNodeMask(0);
        osg::ref_ptr<osg::Image> bare = render(root.get(), QStringLiteral("terrain_hidden"));
        QVERIFY(bare);
        const Rgb shaftColour = pixelAt(*bare, shaftAt);
        QVERIFY2(shaftColour.r < 40 && shaftColour.b > 120 && shaftColour.b > shaftColour.g,
                 qPrintable(QStringLiteral("shaft: ") + str(shaftColour)));
        const Rgb tunnelColour = pixelAt(*bare, tunnelAt);
        // Steel blue-grey (0.45, 0.55, 0.68) lit: blue above green above red, not saturated.
        QVERIFY2(tunnelColour.b > tunnelColour.g && tunnelColour.g > tunnelColour.r && tunnelColour.r > 50,
                 qPrintable(QStringLiteral("tunnel: ") + str(tunnelColour)));
        auto hit = Picker::pick(cam, root.get(), shaftAt.x() + 0.5, shaftAt.y() + 0.5);
        QVERIFY(hit && hit->featureId == 31);
        hit = Picker::pick(cam, root.get(), tunnelAt.x() + 0.5, tunnelAt.y() + 0.5);
        QVERIFY(hit && hit->featureId == 77);

        engine->setNodeMask(~0u);
        setTerrainGroundOpacity(engine.get(), 0.3f);
        osg::ref_ptr<osg::Image> seeThrough = render(root.get(), QStringLiteral("ground_0_3"));
        QVERIFY(seeThrough);
        const Rgb blend = pixelAt(*seeThrough, shaftAt);
        // Mostly shaft through 30 % ground.
        QVERIFY2(blend.b - hidden.b > (shaftColour.b - hidden.b) / 2,
                 qPrintable(str(hidden) + QStringLiteral(" over ") + str(shaftColour) +
                            QStringLiteral(" -> ") + str(blend)));
    }

private:
    osg::ref_ptr<osg::Image> render(osg::Node* root, const QString& name)
    {
        return test::renderNode(*m_renderer, root, view(), QStringLiteral("facility_") + name);
    }

    std::unique_ptr<OffscreenRenderer> m_renderer;
};

QTEST_MAIN(TestFacilityRender)
#include "tst_facilityrender.moc"
