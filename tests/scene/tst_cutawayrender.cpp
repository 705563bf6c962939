// The cut-away drawn through OffscreenRenderer (needs an X display: xvfb-run -a): opaque flat
// TileEngine ground over a water pipe 2 m down and a building beside it. A clip box opens the
// ground over the pipe (pipe layers are never cut), removes the building (the pixel shows what
// is behind it), an excavation pit shows its soil walls and the pipe inside, and Picker reaches
// the pipe through the cut ground. Images: test-output/scene/cutaway_*.png.
#include "RenderHelpers.h"
#include "TileEngineFixtures.h"
#include "TileTestSources.h"
#include "scene/CityScene.h"
#include "scene/ClipBoxGizmo.h"
#include "scene/CutAway.h"
#include "scene/ExcavationPitBuilder.h"
#include "scene/OffscreenRenderer.h"
#include "scene/Picker.h"
#include "scene/PipeBuilder.h"
#include "scene/SceneBuilders.h"
#include "scene/TileEngine.h"

#include <QtTest>

using namespace citytwin;
using namespace citytwin::scene;
using test::kOrigin;
using test::QuadrantImagery;
using test::Rgba;

namespace {

constexpr int kWidth = 320;
constexpr int kHeight = 240;
constexpr std::int64_t kPipeId = 4711;
constexpr std::int64_t kBuildingId = 99;
const data::LayerId kGroundLayer{1};
const data::LayerId kPipeLayer{2};
const data::LayerId kBuildingLayer{3};
const Rgba kGround{40, 170, 40}; // green: far from the pipe's sky blue and the soil's browns

struct Rgb
{
    int r, g, b;
};

Rgb pixelAt(const osg::Image& img, const QPoint& p)
{
    const unsigned char* d = img.data(std::clamp(p.x(), 0, img.s() - 1), std::clamp(p.y(), 0, img.t() - 1));
    return {d[0], d[1], d[2]};
}

QString str(const Rgb& c)
{
    return QStringLiteral("(%1, %2, %3)").arg(c.r).arg(c.g).arg(c.b);
}

bool isGround(const Rgb& c)
{
    return c.g > 100 && c.b < 80 && c.g > c.r + 40;
}

bool isPipe(const Rgb& c)
{
    return c.r < 40 && c.b > 150 && c.b > c.g; // sky blue (0, 0.75, 1) lit
}

bool same(const Rgb& a, const Rgb& b)
{
    return std::abs(a.r - b.r) <= 4 && std::abs(a.g - b.g) <= 4 && std::abs(a.b - b.b) <= 4;
}

//! Looking down at 60° on the origin from 40 m.
data::SavedView closeView()
{
    return test::orbitView({0, 0, 0}, -60, 40);
}

} // namespace

class TestCutAwayRender : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_renderer = std::make_unique<OffscreenRenderer>(kWidth, kHeight);
        if (!m_renderer->isValid())
            QSKIP(qPrintable(m_renderer->status().message()));
        m_renderer->setRefineTimeout(20.0);

        osg::ref_ptr<TileEngine> engine = test::flatGroundEngine(kGroundLayer, kGround);
        setTerrainGroundOpacity(engine.get(), 1.0f);
        m_scene.setTerrain(engine);
        // East-west, centre 2 m under the ground, 1.5 m across.
        data::PipeLine pipe;
        pipe.id = kPipeId;
        pipe.network = data::PipeNetwork::WaterSupply;
        pipe.diameterM = 1.5;
        pipe.points = {{kOrigin.x - 40, kOrigin.y, -2.0}, {kOrigin.x + 40, kOrigin.y, -2.0}};
        m_pipes = buildPipes({pipe}, kOrigin);
        m_scene.setLayerNode(kPipeLayer, data::LayerKind::Pipes, m_pipes);
        // A 6 m square building, 8 m tall, west of the target.
        data::Footprint building;
        building.id = kBuildingId;
        building.height = 8.0;
        for (auto [x, y] : {std::pair{-12.0, -3.0}, {-6.0, -3.0}, {-6.0, 3.0}, {-12.0, 3.0}})
            building.outer.push_back({kOrigin.x + x, kOrigin.y + y, 0.0});
        m_scene.setLayerNode(kBuildingLayer, data::LayerKind::Buildings, buildBuildings({building}, kOrigin));
        m_cut.attach(*m_scene.root()->getOrCreateStateSet());
    }

    void cleanup()
    {
        m_cut.clear();
        m_scene.setLayerVisible(kBuildingLayer, true);
        m_scene.setLayerNode(kPipeLayer, data::LayerKind::Pipes, m_pipes);
        m_scene.analysisGroup()->removeChildren(0, m_scene.analysisGroup()->getNumChildren());
    }

    void clipBoxShowsThePipe()
    {
        osg::ref_ptr<osg::Image> opaque = render(QStringLiteral("opaque"));
        QVERIFY(opaque);
        const QPoint at = pixelOf({0, 0, -2});
        const Rgb ground = pixelAt(*opaque, at);
        QVERIFY2(isGround(ground), qPrintable(QStringLiteral("opaque ground: ") + str(ground)));
        std::optional<PickResult> hit = pick(at);
        QVERIFY(hit);
        QVERIFY2(hit->featureId != kPipeId && std::abs(hit->point.z) < 0.1, "the opaque ground is hit first");

        m_cut.setClipBox(ClipBox{{-4, -4, -4}, {4, 4, 1}});
        osg::ref_ptr<osg::Image> cut = render(QStringLiteral("box_pipe"));
        QVERIFY(cut);
        const Rgb pipe = pixelAt(*cut, at);
        QVERIFY2(isPipe(pipe), qPrintable(QStringLiteral("pipe in the box: ") + str(pipe)));
        // Outside the box the ground stays.
        const Rgb outside = pixelAt(*cut, pixelOf({0, 9, 0}));
        QVERIFY2(isGround(outside), qPrintable(QStringLiteral("ground beside the box: ") + str(outside)));
        // A click there reaches the pipe through the cut ground.
        hit = pick(at);
        QVERIFY(hit);
        QCOMPARE(hit->featureId, std::optional<std::int64_t>(kPipeId));
        QCOMPARE(hit->layer, std::optional<data::LayerId>(kPipeLayer));
        QVERIFY(std::abs(hit->point.z + 2.0) < 0.76);
    }

    void gizmoDrawsOnTop()
    {
        // Every handle shows in its amber, also those behind the pipe or the box's far walls: the
        // gizmo is drawn over the scene so it can always be grabbed.
        const ClipBox box{{-4, -4, -4}, {4, 4, 1}};
        m_cut.setClipBox(box);
        ClipBoxGizmo gizmo;
        gizmo.setBox(box);
        m_scene.analysisGroup()->addChild(gizmo.node());
        osg::ref_ptr<osg::Image> img = render(QStringLiteral("box_gizmo"));
        QVERIFY(img);
        for (BoxFace face : {BoxFace::MinX, BoxFace::MaxX, BoxFace::MinY, BoxFace::MaxY, BoxFace::MinZ, BoxFace::MaxZ}) {
            const Rgb c = pixelAt(*img, pixelOf(boxFaceCentre(box, face)));
            QVERIFY2(c.r > 180 && c.g > 100 && c.b < 90, qPrintable(QString::fromStdString(boxFaceName(face)) + str(c)));
        }
    }

    void modelLayersAreCut()
    {
        // The pipe tubes use the model shaders: as a Model layer they are cut like any model.
        m_scene.setLayerNode(kPipeLayer, data::LayerKind::Model, m_pipes);
        m_cut.setClipBox(ClipBox{{-4, -4, -4}, {4, 4, 1}});
        osg::ref_ptr<osg::Image> cut = render(QStringLiteral("box_model"));
        QVERIFY(cut);
        const Rgb c = pixelAt(*cut, pixelOf({0, 0, -2}));
        QVERIFY2(!isPipe(c) && !isGround(c), qPrintable(QStringLiteral("cut model: ") + str(c)));
        const std::optional<PickResult> hit = pick(pixelOf({0, 0, -2}));
        QVERIFY(!hit || hit->featureId != kPipeId);
    }

    void clipBoxRemovesABuilding()
    {
        const osg::Vec3d roof(-9, 0, 8);
        osg::ref_ptr<osg::Image> whole = render(QStringLiteral("building"));
        QVERIFY(whole);
        const QPoint at = pixelOf(roof);
        QVERIFY(at.x() > 0 && at.x() < kWidth && at.y() > 0 && at.y() < kHeight);
        const Rgb building = pixelAt(*whole, at);
        std::optional<PickResult> hit = pick(at);
        QVERIFY(hit && hit->featureId == kBuildingId);

        m_cut.setClipBox(ClipBox{{-14, -5, -1}, {-4, 5, 20}});
        osg::ref_ptr<osg::Image> cut = render(QStringLiteral("box_building"));
        QVERIFY(cut);
        const Rgb behind = pixelAt(*cut, at);
        m_scene.setLayerVisible(kBuildingLayer, false);
        osg::ref_ptr<osg::Image> without = render(QStringLiteral("box_no_building"));
        QVERIFY(without);
        const Rgb expected = pixelAt(*without, at);
        QVERIFY2(!same(building, behind), qPrintable(str(building) + QStringLiteral(" stayed")));
        QVERIFY2(same(behind, expected), qPrintable(str(behind) + QStringLiteral(" vs no building ") + str(expected)));
        m_scene.setLayerVisible(kBuildingLayer, true);
        hit = pick(at);
        QVERIFY(!hit || hit->featureId != kBuildingId);
    }

    void pitShowsWallsAndPipe()
    {
        ExcavationPit pit;
        pit.ring = {{-6, -6}, {6, -6}, {6, 6}, {-6, 6}};
        pit.bottomZ = -5;
        m_cut.setPit(pit);
        m_scene.analysisGroup()->addChild(buildExcavationPit(pit, [](double, double) { return 0.0; }));
        osg::ref_ptr<osg::Image> img = render(QStringLiteral("pit"));
        QVERIFY(img);
        const Rgb pipe = pixelAt(*img, pixelOf({0, 0, -2}));
        QVERIFY2(isPipe(pipe), qPrintable(QStringLiteral("pipe in the pit: ") + str(pipe)));
        // The wall farthest from the eye faces it across the pit: 1 m down it shows clay.
        const osg::Vec3d eye = m_renderer->camera()->getInverseViewMatrix().getTrans();
        osg::Vec3d far;
        for (const osg::Vec3d& mid : {osg::Vec3d(0, -6, -1), osg::Vec3d(6, 3, -1), osg::Vec3d(0, 6, -1), osg::Vec3d(-6, 3, -1)})
            if ((mid - eye).length() > (far - eye).length())
                far = mid;
        const Rgb wall = pixelAt(*img, pixelOf(far));
        const osg::Vec3f clay = pitSoilColour(1.0) * 255.0f;
        QVERIFY2(wall.r > wall.g + 15 && wall.g > wall.b && std::abs(wall.r - int(clay.x())) < 60,
                 qPrintable(QStringLiteral("pit wall: ") + str(wall)));
        // Outside the pit the ground is untouched.
        QVERIFY(isGround(pixelAt(*img, pixelOf({0, 10, 0}))));
        const std::optional<PickResult> hit = pick(pixelOf({0, 0, -2}));
        QVERIFY(hit && hit->featureId == kPipeId);
    }

private:
    QPoint pixelOf(const osg::Vec3d& p) const { return test::screenPixel(*m_renderer->camera(), p); }

    std::optional<PickResult> pick(const QPoint& at) const
    {
        return Picker::pick(*m_renderer->camera(), m_scene.root(), at.x() + 0.5, at.y() + 0.5);
    }

    osg::ref_ptr<osg::Image> render(const QString& name)
    {
        return test::renderSceneAt(*m_renderer, m_scene, closeView(), 0, QStringLiteral("cutaway_") + name);
    }

    std::unique_ptr<OffscreenRenderer> m_renderer;
    CityScene m_scene;
    CutAway m_cut;
    osg::ref_ptr<osg::Node> m_pipes;
};

QTEST_MAIN(TestCutAwayRender)
#include "tst_cutawayrender.moc"
