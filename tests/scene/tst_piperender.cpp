// A water pipe 2 m under flat TileEngine terrain drawn through OffscreenRenderer (needs an X
// display: xvfb-run -a): opaque ground hides it, see-through ground blends it in, hidden terrain
// shows its network colour, and Picker finds its id. Images: test-output/scene/pipe_*.png.
#include "RenderHelpers.h"
#include "TileEngineFixtures.h"
#include "TileTestSources.h"
#include "data/PipeMapping.h"
#include "scene/CityScene.h"
#include "scene/FeatureStyler.h"
#include "scene/OffscreenRenderer.h"
#include "scene/Picker.h"
#include "scene/PipeBuilder.h"
#include "scene/TileEngine.h"
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
constexpr std::int64_t kPipeId = 4711;
const data::LayerId kGroundLayer{1};
const Rgba kGround{40, 170, 40}; // green, far from the pipe's sky blue in the blue channel

//! Looking down at 60° on the origin from 40 m.
data::SavedView closeView()
{
    return test::orbitView({0, 0, 0}, -60, 40);
}

} // namespace

class TestPipeRender : public QObject
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

    void pipeShowsThroughTheGround()
    {
        osg::ref_ptr<osg::Group> root = new osg::Group;
        osg::ref_ptr<TileEngine> engine = test::flatGroundEngine(kGroundLayer, kGround);
        root->addChild(engine);
        // East-west, centre 2 m under the ground, 1.5 m across.
        data::PipeLine pipe;
        pipe.id = kPipeId;
        pipe.network = data::PipeNetwork::WaterSupply;
        pipe.diameterM = 1.5;
        pipe.points = {{kOrigin.x - 40, kOrigin.y, -2.0}, {kOrigin.x + 40, kOrigin.y, -2.0}};
        root->addChild(buildPipes({pipe}, kOrigin));

        setTerrainGroundOpacity(engine.get(), 1.0f);
        osg::ref_ptr<osg::Image> opaque = render(root.get(), QStringLiteral("opaque_ground"));
        QVERIFY(opaque);
        const QPoint at = test::screenPixel(*m_renderer->camera(), osg::Vec3d(0, 0, -2));
        QVERIFY(at.x() > 0 && at.x() < kWidth && at.y() > 0 && at.y() < kHeight);
        const Rgb ground = pixelAt(*opaque, at);
        QVERIFY2(ground.g > 100 && ground.b < 60, qPrintable(QStringLiteral("opaque ground: ") + str(ground)));

        engine->setNodeMask(0);
        osg::ref_ptr<osg::Image> bare = render(root.get(), QStringLiteral("terrain_hidden"));
        QVERIFY(bare);
        const Rgb pipeColour = pixelAt(*bare, at);
        // Sky blue (0, 0.75, 1) lit by the sun: no red, blue above green.
        QVERIFY2(pipeColour.r < 30 && pipeColour.b > 150 && pipeColour.b > pipeColour.g,
                 qPrintable(QStringLiteral("pipe: ") + str(pipeColour)));
        // Not the sky behind it: the sky is light (red well above 100).
        QVERIFY(int(CityScene::clearColour().r() * 255) > 100);
        const std::optional<PickResult> hit = Picker::pick(*m_renderer->camera(), root.get(), at.x() + 0.5, at.y() + 0.5);
        QVERIFY(hit);
        QVERIFY(hit->featureId == kPipeId);
        QVERIFY2(std::abs(hit->point.z + 2.0) < 0.76 && std::abs(hit->point.y) < 0.76,
                 qPrintable(QStringLiteral("hit at %1 %2 %3").arg(hit->point.x).arg(hit->point.y).arg(hit->point.z)));

        engine->setNodeMask(~0u);
        setTerrainGroundOpacity(engine.get(), 0.3f);
        osg::ref_ptr<osg::Image> seeThrough = render(root.get(), QStringLiteral("ground_0_3"));
        QVERIFY(seeThrough);
        const Rgb blend = pixelAt(*seeThrough, at);
        // 30 % ground over 70 % pipe, and clearly nearer the pipe than the ground.
        const auto expected = [](int g, int p) { return (3 * g + 7 * p) / 10; };
        QVERIFY2(std::abs(blend.r - expected(ground.r, pipeColour.r)) <= 20 &&
                     std::abs(blend.b - expected(ground.b, pipeColour.b)) <= 20,
                 qPrintable(str(ground) + QStringLiteral(" over ") + str(pipeColour) + QStringLiteral(" -> ") +
                            str(blend)));
        QVERIFY(blend.b - ground.b > (pipeColour.b - ground.b) / 2);
        // Beside the pipe the see-through ground blends with the sky instead: no pipe there.
        const QPoint beside = test::screenPixel(*m_renderer->camera(), osg::Vec3d(0, 8, 0));
        const Rgb away = pixelAt(*seeThrough, beside);
        QVERIFY2(std::abs(away.b - blend.b) > 20 || std::abs(away.r - blend.r) > 20,
                 qPrintable(str(away) + QStringLiteral(" vs ") + str(blend)));
    }

    void bendsBoxesAndHighlight()
    {
        // An L-shaped gas pipe (mitred joint at the origin) and a drainage box culvert, no terrain.
        data::PipeLine bend;
        bend.id = 1;
        bend.network = data::PipeNetwork::Gas;
        bend.diameterM = 1.0;
        bend.points = {{kOrigin.x - 15, kOrigin.y, -2.0}, {kOrigin.x, kOrigin.y, -2.0}, {kOrigin.x, kOrigin.y + 15, -2.0}};
        data::PipeLine box;
        box.id = 2;
        box.network = data::PipeNetwork::Drainage;
        box.section = data::PipeSection::Box;
        box.widthM = 3.0;
        box.heightM = 1.5;
        box.points = {{kOrigin.x - 12, kOrigin.y - 8, -3.0}, {kOrigin.x + 12, kOrigin.y - 8, -3.0}};
        osg::ref_ptr<osg::Node> pipes = buildPipes({bend, box}, kOrigin);
        osg::ref_ptr<osg::Image> img = render(pipes.get(), QStringLiteral("bend_and_box"));
        QVERIFY(img);
        const osg::Camera& cam = *m_renderer->camera();
        // The joint is closed: the outer corner of the mitre (r·√2 from the corner point, on its
        // diagonal) is pipe, not sky.
        const double r = 0.5;
        for (const osg::Vec3d p : {osg::Vec3d(0, 0, -2), osg::Vec3d(r * 0.6, -r * 0.6, -2)}) {
            const Rgb c = pixelAt(*img, test::screenPixel(cam, p));
            QVERIFY2(c.r > 150 && c.g < c.r - 40, qPrintable(QStringLiteral("joint: ") + str(c)));
        }
        const Rgb culvert = pixelAt(*img, test::screenPixel(cam, osg::Vec3d(0, -8, -2.25)));
        QVERIFY2(culvert.r > culvert.g && culvert.g > culvert.b && culvert.r < 180,
                 qPrintable(QStringLiteral("culvert: ") + str(culvert)));

        // Highlighting the culvert turns it towards the highlight yellow.
        setFeatureHighlight(pipes.get(), 2);
        osg::ref_ptr<osg::Image> lit = render(pipes.get(), QStringLiteral("box_highlighted"));
        QVERIFY(lit);
        const Rgb highlighted = pixelAt(*lit, test::screenPixel(cam, osg::Vec3d(0, -8, -2.25)));
        QVERIFY2(highlighted.g > culvert.g + 60 && highlighted.r > culvert.r + 60,
                 qPrintable(str(culvert) + QStringLiteral(" -> ") + str(highlighted)));
        const Rgb joint = pixelAt(*lit, test::screenPixel(cam, osg::Vec3d(0, 0, -2)));
        QVERIFY2(joint.r > 150 && joint.g < joint.r - 40, qPrintable(QStringLiteral("gas pipe: ") + str(joint)));
    }

    void farPipesDrawAsLines()
    {
        // 2 km of water main seen from 6 km: beyond lineRangeM only the centre line is drawn,
        // and it must still show (a 0.5 m tube would be far below a pixel).
        data::PipeLine main;
        main.id = 8;
        main.network = data::PipeNetwork::WaterSupply;
        main.diameterM = 0.5;
        main.points = {{kOrigin.x - 1000, kOrigin.y, -2.0}, {kOrigin.x + 1000, kOrigin.y, -2.0}};
        osg::ref_ptr<osg::Node> pipes = buildPipes({main}, kOrigin);
        data::SavedView far = closeView();
        far.rangeM = 6000;
        auto result = m_renderer->renderImage(pipes.get(), far);
        QVERIFY(result);
        OffscreenRenderer::writeImage(*result.value(),
                                      test::testOutputDir(QStringLiteral("scene")) + QStringLiteral("/pipe_far_lines.png"));
        const QPoint at = test::screenPixel(*m_renderer->camera(), osg::Vec3d(300, 0, -2));
        bool found = false;
        for (int dy = -3; dy <= 3 && !found; ++dy) {
            const Rgb c = pixelAt(*result.value(), {at.x(), at.y() + dy});
            found = c.r < 40 && c.b > 150;
        }
        QVERIFY2(found, "no sky-blue centre line near the pipe's projection");
        const Rgb above = pixelAt(*result.value(), {at.x(), at.y() - 20});
        QVERIFY(above.r > 100); // sky
    }

private:
    osg::ref_ptr<osg::Image> render(osg::Node* root, const QString& name)
    {
        return test::renderNode(*m_renderer, root, closeView(), QStringLiteral("pipe_") + name);
    }

    std::unique_ptr<OffscreenRenderer> m_renderer;
};

QTEST_MAIN(TestPipeRender)
#include "tst_piperender.moc"
