// Feature times drawn (OffscreenRenderer; needs an X display: xvfb-run -a): a building and a pipe
// with the span [10:00, 14:00) show at 12:00 and not at 09:00 or 15:00 (nor at 15:00 until the
// rule accumulates), over an untimed low "ground" building that shows where they are not drawn;
// Picker passes through what is timed out; a timed node also renders outside a CityScene.
// Images: test-output/scene/featuretimes_*.png.
#include "tests/common/PixelProbe.h"
#include "RenderHelpers.h"
#include "SceneFixtures.h"
#include "data/PipeMapping.h"
#include "scene/CityScene.h"
#include "scene/FeatureTimes.h"
#include "scene/OffscreenRenderer.h"
#include "scene/Picker.h"
#include "scene/PipeBuilder.h"
#include "scene/SceneBuilders.h"
#include "tests/common/TestPaths.h"

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
constexpr data::TimeMs kHour = data::kHourMs;
const data::LayerId kTimedBuildings{1}, kPipes{2}, kGround{3};
constexpr std::int64_t kBuildingId = 42;
constexpr std::int64_t kPipeId = 7;
constexpr std::int64_t kGroundId = 99;
// The timed building: 40×40 m, 30 m tall at the origin; the pipe: east-west at local y 45,
// 4 m across at z 5; the ground building: 160×160 m, 2 m tall, under both.
const osg::Vec3d kRoof(0, 0, 30);
const osg::Vec3d kPipeTop(0, 45, 7);

bool isRedRoof(const Rgb& c)
{
    return c.r > 150 && c.g < 80 && c.b < 80;
}
bool isGreenRoof(const Rgb& c)
{
    return c.g > 100 && c.r < 80 && c.b < 80;
}
//! The water supply colour (0, 0.75, 1) lit: no red, blue above green (the sky is light).
bool isPipe(const Rgb& c)
{
    return c.r < 30 && c.b > 150 && c.b > c.g;
}

data::SavedView topDown()
{
    data::SavedView v;
    v.target = {0, 20, 0};
    v.pitchDeg = -90;
    v.rangeM = 250;
    return v;
}

} // namespace

class TestFeatureTimesRender : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            QSKIP("no X display: run under xvfb-run -a");
        m_renderer = std::make_unique<OffscreenRenderer>(kWidth, kHeight);
        QVERIFY2(m_renderer->isValid(), qPrintable(m_renderer->status().message()));
        const data::ProjectedPoint o = test::fixtureOrigin();

        BuildingsOptions red;
        red.wallColour = red.roofColour = {0.9f, 0.1f, 0.1f};
        m_buildings = buildBuildings({test::rectFootprint(kBuildingId, 0, 0, 40, 40, 30, 0)}, o, red);
        BuildingsOptions green;
        green.wallColour = green.roofColour = {0.1f, 0.7f, 0.1f};
        data::PipeLine pipe;
        pipe.id = kPipeId;
        pipe.network = data::PipeNetwork::WaterSupply;
        pipe.diameterM = 4.0;
        pipe.points = {{o.x - 60, o.y + 45, 5.0}, {o.x + 60, o.y + 45, 5.0}};
        m_pipes = buildPipes({pipe}, o);

        m_scene = std::make_unique<CityScene>(kEpoch);
        m_scene->setLayerNode(kGround, data::LayerKind::Buildings,
                              buildBuildings({test::rectFootprint(kGroundId, 0, 20, 160, 160, 2, 0)}, o, green));
        m_scene->setLayerNode(kTimedBuildings, data::LayerKind::Buildings, m_buildings);
        m_scene->setLayerNode(kPipes, data::LayerKind::Pipes, m_pipes);
    }

    void cleanupTestCase()
    {
        m_renderer.reset(); // releases the scene's GL objects while the context lives
    }

    void init()
    {
        // Untimed, window rule: each test sets what it needs.
        setFeatureTimes(m_buildings.get(), {}, kEpoch, false);
        setFeatureTimes(m_pipes.get(), {}, kEpoch, false);
    }

    void untimedAlwaysDrawn()
    {
        for (const int hour : {9, 12}) {
            const Probe p = probe(QStringLiteral("untimed_%1").arg(hour), hour);
            QVERIFY2(isRedRoof(p.building), qPrintable(str(p.building)));
            QVERIFY2(isPipe(p.pipe), qPrintable(str(p.pipe)));
        }
    }

    void windowRule_data()
    {
        QTest::addColumn<int>("hour");
        QTest::addColumn<bool>("drawn");
        QTest::newRow("09:00") << 9 << false;
        QTest::newRow("12:00") << 12 << true;
        QTest::newRow("15:00") << 15 << false;
    }
    void windowRule()
    {
        QFETCH(int, hour);
        QFETCH(bool, drawn);
        setTenToTwo(false);
        const Probe p = probe(QStringLiteral("window_%1").arg(hour), hour);
        if (drawn) {
            QVERIFY2(isRedRoof(p.building), qPrintable(str(p.building)));
            QVERIFY2(isPipe(p.pipe), qPrintable(str(p.pipe)));
        } else {
            // The untimed ground shows through where they stood: clipped whole, walls included.
            QVERIFY2(isGreenRoof(p.building), qPrintable(str(p.building)));
            QVERIFY2(isGreenRoof(p.pipe), qPrintable(str(p.pipe)));
        }
    }

    void accumulateRule()
    {
        setTenToTwo(true);
        Probe p = probe(QStringLiteral("accumulate_15"), 15);
        QVERIFY2(isRedRoof(p.building), qPrintable(str(p.building)));
        QVERIFY2(isPipe(p.pipe), qPrintable(str(p.pipe)));
        p = probe(QStringLiteral("accumulate_9"), 9);
        QVERIFY2(isGreenRoof(p.building), qPrintable(str(p.building)));
        QVERIFY2(isGreenRoof(p.pipe), qPrintable(str(p.pipe)));
        // Back to the window rule by the uniform alone.
        setFeatureTimeAccumulate(m_buildings.get(), false);
        setFeatureTimeAccumulate(m_pipes.get(), false);
        p = probe(QStringLiteral("window_again_15"), 15);
        QVERIFY2(isGreenRoof(p.building), qPrintable(str(p.building)));
        QVERIFY2(isGreenRoof(p.pipe), qPrintable(str(p.pipe)));
    }

    void pickPassesThroughTimedOut()
    {
        setTenToTwo(false);
        const osg::Camera& cam = *m_renderer->camera();
        probe(QStringLiteral("pick_12"), 12);
        const QPoint roof = test::screenPixel(cam, kRoof);
        const QPoint pipe = test::screenPixel(cam, kPipeTop);
        std::optional<PickResult> hit = Picker::pick(cam, m_scene->root(), roof.x() + 0.5, roof.y() + 0.5);
        QVERIFY(hit && hit->featureId == kBuildingId && hit->layer == kTimedBuildings);
        hit = Picker::pick(cam, m_scene->root(), pipe.x() + 0.5, pipe.y() + 0.5);
        QVERIFY(hit && hit->featureId == kPipeId && hit->layer == kPipes);

        probe(QStringLiteral("pick_15"), 15);
        hit = Picker::pick(cam, m_scene->root(), roof.x() + 0.5, roof.y() + 0.5);
        QVERIFY(hit);
        QCOMPARE(hit->featureId, std::optional<std::int64_t>(kGroundId));
        QVERIFY(hit->layer == kGround);
        QVERIFY2(std::abs(hit->point.z - 2.0) < 0.5, qPrintable(QString::number(hit->point.z))); // the ground roof
        hit = Picker::pick(cam, m_scene->root(), pipe.x() + 0.5, pipe.y() + 0.5);
        QVERIFY(hit);
        QCOMPARE(hit->featureId, std::optional<std::int64_t>(kGroundId));
    }

    void outsideACitySceneTheDefaultTimeIsZero()
    {
        // A builder's own ct_time 0 is the epoch: a span around it shows, a later one does not.
        const data::ProjectedPoint o = test::fixtureOrigin();
        BuildingsOptions red;
        red.wallColour = red.roofColour = {0.9f, 0.1f, 0.1f};
        osg::ref_ptr<osg::Node> alone = buildBuildings({test::rectFootprint(5, 0, 0, 40, 40, 30, 0)}, o, red);
        setFeatureTimes(alone.get(), {{5, {kEpoch - kHour, kEpoch + kHour}}}, kEpoch, false);
        osg::ref_ptr<osg::Image> shown = renderAlone(alone.get(), QStringLiteral("alone_shown"));
        QVERIFY(shown);
        const QPoint roof = test::screenPixel(*m_renderer->camera(), kRoof);
        QVERIFY2(isRedRoof(pixelAt(*shown, roof)), qPrintable(str(pixelAt(*shown, roof))));
        setFeatureTimes(alone.get(), {{5, {kEpoch + kHour, kEpoch + 2 * kHour}}}, kEpoch, false);
        osg::ref_ptr<osg::Image> gone = renderAlone(alone.get(), QStringLiteral("alone_gone"));
        QVERIFY(gone);
        const Rgb sky = pixelAt(*gone, roof);
        QVERIFY2(!isRedRoof(sky) && sky.r > 100 && sky.b > 180, qPrintable(str(sky)));
    }

private:
    struct Probe
    {
        Rgb building; //!< the timed building's roof centre
        Rgb pipe;     //!< the pipe's top
    };

    //! A: the building and the pipe exist from 10:00 to 14:00 on the epoch's day.
    void setTenToTwo(bool accumulate)
    {
        const data::TimeRange span{kEpoch + 10 * kHour, kEpoch + 14 * kHour};
        setFeatureTimes(m_buildings.get(), {{kBuildingId, span}}, kEpoch, accumulate);
        setFeatureTimes(m_pipes.get(), {{kPipeId, span}}, kEpoch, accumulate);
    }

    //! Renders the scene at HOUR:00 on the epoch's day as featuretimes_NAME.png and reads the probes.
    Probe probe(const QString& name, int hour)
    {
        osg::ref_ptr<osg::Image> img = test::renderSceneAt(*m_renderer, *m_scene, topDown(), kEpoch + hour * kHour,
                                                           QStringLiteral("featuretimes_") + name);
        if (!img)
            return {};
        const osg::Camera& cam = *m_renderer->camera();
        return {pixelAt(*img, test::screenPixel(cam, kRoof)), pixelAt(*img, test::screenPixel(cam, kPipeTop))};
    }

    osg::ref_ptr<osg::Image> renderAlone(osg::Node* node, const QString& name)
    {
        auto result = m_renderer->renderImage(node, topDown());
        if (!result) {
            qWarning() << result.status().message();
            return nullptr;
        }
        OffscreenRenderer::writeImage(*result.value(), test::testOutputDir(QStringLiteral("scene")) +
                                                           QStringLiteral("/featuretimes_") + name +
                                                           QStringLiteral(".png"));
        return result.value();
    }

    std::unique_ptr<OffscreenRenderer> m_renderer;
    std::unique_ptr<CityScene> m_scene;
    osg::ref_ptr<osg::Node> m_buildings; //!< timed building layer node
    osg::ref_ptr<osg::Node> m_pipes;     //!< timed pipes layer node
};

QTEST_MAIN(TestFeatureTimesRender)
#include "tst_featuretimesrender.moc"
