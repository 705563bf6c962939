// The people layer without GL: interpolation at sample times, between them, across gaps and
// before/after a track (with the max gap as a live setting), the playback cursor agreeing with
// a fresh search whatever the order of times, and live appends (appendSamples).
#include "SceneFixtures.h"
#include "scene/CityScene.h"
#include "scene/PeopleLayer.h"
#include "scene/PeoplePicker.h"
#include "scene/PersonTrackBuilder.h"

#include <QtTest>
#include <random>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

constexpr data::TimeMs kEpoch = 1'767'225'600'000; // 2026-01-01T00:00Z
constexpr float kLift = float(PeopleOptions{}.liftM);

data::TrackPoint sample(std::int64_t person, double seconds, double x, double y, double z = 0)
{
    const data::ProjectedPoint o = test::fixtureOrigin();
    return {person, kEpoch + data::TimeMs(std::llround(seconds * 1000)), {o.x + x, o.y + y, o.z + z}};
}

data::Person person(std::int64_t id, data::PersonRole role = data::PersonRole::Inspector)
{
    data::Person p;
    p.id = id;
    p.role = role;
    p.name = QStringLiteral("person %1").arg(id);
    return p;
}

//! Person 1: 0 s (0,0), 10 s (10,0), 20 s (10,20), gap of 100 s, 120 s (0,0), 130 s (0,10).
std::vector<data::TrackPoint> walk()
{
    return {sample(1, 20, 10, 20), sample(1, 0, 0, 0), sample(1, 130, 0, 10), sample(1, 10, 10, 0),
            sample(1, 120, 0, 0)};
}

osg::Vec3f unlifted(const PeopleLayer& layer, std::size_t i)
{
    return layer.position(i) - osg::Vec3f(0, 0, kLift);
}

QString str(const osg::Vec3f& v)
{
    return QStringLiteral("(%1, %2, %3)").arg(v.x()).arg(v.y()).arg(v.z());
}

} // namespace

class TestPeopleLayer : public QObject
{
    Q_OBJECT

private slots:
    void positions_data();
    void positions();
    void maxGapIsALiveSetting();
    void cursorMatchesSearch();
    void appendNewPersonAndSamples();
    void appendInsertsInTimeOrder();
    void appendUpdatesRoleAndDropsUnknown();
    void appendToEmptyLayer();
    void appendDrivenByScene();
    void dayTrackSplitsAtGaps();
    void pickPersonOnScreen();
};

void TestPeopleLayer::positions_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<double>("maxGap");
    QTest::addColumn<bool>("visible");
    QTest::addColumn<osg::Vec3f>("position");
    QTest::newRow("before the track") << -0.5 << 60.0 << false << osg::Vec3f();
    QTest::newRow("at the first sample") << 0.0 << 60.0 << true << osg::Vec3f(0, 0, 0);
    QTest::newRow("between samples") << 2.5 << 60.0 << true << osg::Vec3f(2.5f, 0, 0);
    QTest::newRow("at a middle sample") << 10.0 << 60.0 << true << osg::Vec3f(10, 0, 0);
    QTest::newRow("second segment") << 15.0 << 60.0 << true << osg::Vec3f(10, 10, 0);
    QTest::newRow("at the sample before the gap") << 20.0 << 60.0 << true << osg::Vec3f(10, 20, 0);
    QTest::newRow("in the gap") << 70.0 << 60.0 << false << osg::Vec3f();
    QTest::newRow("gap shorter than the limit") << 70.0 << 100.0 << true << osg::Vec3f(5, 10, 0);
    QTest::newRow("at the sample after the gap") << 120.0 << 60.0 << true << osg::Vec3f(0, 0, 0);
    QTest::newRow("at the last sample") << 130.0 << 60.0 << true << osg::Vec3f(0, 10, 0);
    QTest::newRow("after the track") << 130.01 << 60.0 << false << osg::Vec3f();
}

void TestPeopleLayer::positions()
{
    QFETCH(double, seconds);
    QFETCH(double, maxGap);
    QFETCH(bool, visible);
    QFETCH(osg::Vec3f, position);
    PeopleOptions options;
    options.maxGapSeconds = maxGap;
    osg::ref_ptr<osg::Node> node =
        PeopleLayer::build({person(1)}, walk(), test::fixtureOrigin(), kEpoch, options);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    QVERIFY(layer);
    QCOMPARE(layer->update(seconds), int(visible));
    QCOMPARE(layer->isVisible(0), visible);
    if (visible)
        QVERIFY2((unlifted(*layer, 0) - position).length() < 1e-4f, qPrintable(str(unlifted(*layer, 0))));
}

void TestPeopleLayer::maxGapIsALiveSetting()
{
    osg::ref_ptr<osg::Node> node = PeopleLayer::build({person(1)}, walk(), test::fixtureOrigin(), kEpoch);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    layer->setMaxGapSeconds(60);
    layer->update(70);
    QVERIFY(!layer->isVisible(0));
    layer->setMaxGapSeconds(120); // applies at the current time at once
    QVERIFY(layer->isVisible(0));
    QCOMPARE(layer->options().maxGapSeconds, 120.0);
    QVERIFY((unlifted(*layer, 0) - osg::Vec3f(5, 10, 0)).length() < 1e-4f);
    QCOMPARE(layer->trails().maxGapSeconds(), 120.0);
}

void TestPeopleLayer::cursorMatchesSearch()
{
    // A long random walk; positions from sequential playback, backward steps and random jumps
    // must equal those of a freshly built layer (whose cursor starts at 0) at the same time.
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> step(1.0, 30.0), coord(-500, 500);
    std::vector<data::TrackPoint> points;
    double t = 0;
    for (int i = 0; i < 400; ++i) {
        points.push_back(sample(1, t, coord(rng), coord(rng)));
        t += i % 50 == 49 ? 900.0 : step(rng); // a gap now and then
    }
    const double end = t;
    osg::ref_ptr<osg::Node> node = PeopleLayer::build({person(1)}, points, test::fixtureOrigin(), kEpoch);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    std::vector<double> times;
    for (double s = -10; s < end + 10; s += 3.7)
        times.push_back(s); // forward playback
    for (double s = end; s > 0; s -= 11.3)
        times.push_back(s); // backward
    std::uniform_real_distribution<double> anywhere(-10, end + 10);
    for (int i = 0; i < 200; ++i)
        times.push_back(anywhere(rng)); // scrubbing
    for (double s : times) {
        osg::ref_ptr<osg::Node> freshNode =
            PeopleLayer::build({person(1)}, points, test::fixtureOrigin(), kEpoch);
        PeopleLayer* fresh = PeopleLayer::of(freshNode.get());
        fresh->update(s);
        layer->update(s);
        QCOMPARE(layer->isVisible(0), fresh->isVisible(0));
        if (fresh->isVisible(0))
            QVERIFY2((layer->position(0) - fresh->position(0)).length() < 1e-3f,
                     qPrintable(QString::number(s)));
    }
}

void TestPeopleLayer::appendNewPersonAndSamples()
{
    osg::ref_ptr<osg::Node> node = PeopleLayer::build({person(1)}, walk(), test::fixtureOrigin(), kEpoch);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    layer->update(140);
    QVERIFY(!layer->isVisible(0)); // after person 1's track
    const std::size_t taken =
        layer->appendSamples({person(2, data::PersonRole::Sanitation)},
                             {sample(1, 140, 0, 20), sample(2, 100, 50, 50), sample(2, 150, 100, 50)});
    QCOMPARE(taken, std::size_t(3));
    QCOMPARE(layer->personCount(), std::size_t(2));
    QCOMPARE(layer->indexOf(2), 1);
    QVERIFY(layer->person(1).role == data::PersonRole::Sanitation);
    QCOMPARE(layer->geometry()->getPrimitiveSet(0)->getNumIndices(), 2u);
    QCOMPARE(layer->geometry()->getVertexArray()->getNumElements(), 2u);
    // Both are moved to the current time at once: person 1 at the appended fix, 2 interpolated.
    QVERIFY(layer->isVisible(0));
    QVERIFY((unlifted(*layer, 0) - osg::Vec3f(0, 20, 0)).length() < 1e-4f);
    QVERIFY(layer->isVisible(1));
    QVERIFY2((unlifted(*layer, 1) - osg::Vec3f(90, 50, 0)).length() < 1e-4f,
             qPrintable(str(unlifted(*layer, 1))));
    QCOMPARE(osg::Vec3f((*static_cast<osg::Vec4Array*>(layer->geometry()->getColorArray()))[1].r(),
                        (*static_cast<osg::Vec4Array*>(layer->geometry()->getColorArray()))[1].g(),
                        (*static_cast<osg::Vec4Array*>(layer->geometry()->getColorArray()))[1].b()),
             PeopleLayer::roleColour(data::PersonRole::Sanitation));
}

void TestPeopleLayer::appendInsertsInTimeOrder()
{
    osg::ref_ptr<osg::Node> node = PeopleLayer::build({person(1)}, walk(), test::fixtureOrigin(), kEpoch);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    layer->update(15);
    // A late fix inside the gap, one before the track and one re-sent at an existing time.
    QCOMPARE(
        layer->appendSamples({}, {sample(1, 70, 100, 100), sample(1, -10, -10, 0), sample(1, 10, 10, 5)}),
        std::size_t(3));
    const PersonTrack& track = layer->track(0);
    QCOMPARE(track.times, (std::vector<double>{-10, 0, 10, 20, 70, 120, 130}));
    QVERIFY((track.points[2] - osg::Vec3f(10, 5, kLift)).length() < 1e-4f); // replaced, not stacked
    QVERIFY((unlifted(*layer, 0) - osg::Vec3f(10, 12.5f, 0)).length() <
            1e-4f);    // 15 s with the new fix at 10 s
    layer->update(45); // the gap is now two segments of 50 s: within the default 600 s limit
    QVERIFY(layer->isVisible(0));
    QVERIFY((unlifted(*layer, 0) - osg::Vec3f(55, 60, 0)).length() < 1e-3f);
    layer->update(-5);
    QVERIFY((unlifted(*layer, 0) - osg::Vec3f(-5, 0, 0)).length() < 1e-4f);
}

void TestPeopleLayer::appendUpdatesRoleAndDropsUnknown()
{
    osg::ref_ptr<osg::Node> node = PeopleLayer::build({person(1)}, walk(), test::fixtureOrigin(), kEpoch);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    data::Person renamed = person(1, data::PersonRole::Coordinator);
    renamed.name = QStringLiteral("Li Wei");
    QCOMPARE(layer->appendSamples({renamed}, {sample(42, 5, 0, 0)}), std::size_t(0)); // 42: nobody
    QCOMPARE(layer->personCount(), std::size_t(1));
    QCOMPARE(layer->person(0).name, QStringLiteral("Li Wei"));
    const osg::Vec4 colour = (*static_cast<osg::Vec4Array*>(layer->geometry()->getColorArray()))[0];
    QCOMPARE(osg::Vec3f(colour.r(), colour.g(), colour.b()),
             PeopleLayer::roleColour(data::PersonRole::Coordinator));
}

void TestPeopleLayer::appendToEmptyLayer()
{
    osg::ref_ptr<osg::Node> node = PeopleLayer::build({}, {}, test::fixtureOrigin(), kEpoch);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    QCOMPARE(node->asGeode()->getNumDrawables(), 0u);
    layer->update(5);
    layer->appendSamples({person(3)}, {sample(3, 0, 0, 0), sample(3, 10, 10, 0)});
    QCOMPARE(node->asGeode()->getNumDrawables(), 1u);
    QCOMPARE(node->asGeode()->getDrawable(0), static_cast<osg::Drawable*>(layer->geometry()));
    QVERIFY(layer->isVisible(0));
    QVERIFY((unlifted(*layer, 0) - osg::Vec3f(5, 0, 0)).length() < 1e-4f);
}

void TestPeopleLayer::appendDrivenByScene()
{
    CityScene scene(kEpoch);
    osg::ref_ptr<osg::Node> node = PeopleLayer::build({person(1)}, walk(), test::fixtureOrigin(), kEpoch);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    scene.setLayerNode(data::LayerId{3}, data::LayerKind::People, node);
    scene.setTime(kEpoch + 200'000);
    QVERIFY(!layer->isVisible(0));
    layer->appendSamples({}, {sample(1, 190, 0, 0), sample(1, 210, 20, 0)});
    QVERIFY(layer->isVisible(0)); // at the scene's time, without another setTime
    QVERIFY((unlifted(*layer, 0) - osg::Vec3f(10, 0, 0)).length() < 1e-4f);
    scene.setTime(kEpoch + 205'000);
    QVERIFY((unlifted(*layer, 0) - osg::Vec3f(15, 0, 0)).length() < 1e-4f);
}

void TestPeopleLayer::dayTrackSplitsAtGaps()
{
    osg::ref_ptr<osg::Node> node = PeopleLayer::build({person(1)}, walk(), test::fixtureOrigin(), kEpoch);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    // The whole walk: two runs (0–20 s, 120–130 s) around the 100 s gap, at a 60 s limit.
    PersonTrackSummary s = PersonTrackBuilder::summarize(layer->track(0), -100, 1000, 60);
    QCOMPARE(s.samples, std::size_t(5));
    QCOMPARE(s.runs, 2);
    QCOMPARE(s.lengthM, 10.0 + 20.0 + 10.0);
    QCOMPARE(s.firstSeconds, 0.0);
    QCOMPARE(s.lastSeconds, 130.0);
    osg::ref_ptr<osg::Node> track =
        PersonTrackBuilder::build(layer->track(0), -100, 1000, 60, osg::Vec3f(1, 1, 0));
    const osg::Geometry* line = track->asGeode()->getDrawable(0)->asGeometry();
    QCOMPARE(line->getNumPrimitiveSets(), 2u);
    QCOMPARE(line->getPrimitiveSet(0)->getMode(), GLenum(GL_LINE_STRIP));
    QCOMPARE(line->getPrimitiveSet(0)->getNumIndices(), 3u);
    QCOMPARE(line->getPrimitiveSet(1)->getNumIndices(), 2u);
    // A span [10, 125): three fixes, the lone one after the gap draws no line.
    s = PersonTrackBuilder::summarize(layer->track(0), 10, 125, 60);
    QCOMPARE(s.samples, std::size_t(3));
    QCOMPARE(s.runs, 2);
    track = PersonTrackBuilder::build(layer->track(0), 10, 125, 60, osg::Vec3f(1, 1, 0));
    QCOMPARE(track->asGeode()->getDrawable(0)->asGeometry()->getNumPrimitiveSets(), 1u);
    // With a limit over the gap: one run.
    QCOMPARE(PersonTrackBuilder::summarize(layer->track(0), -100, 1000, 200).runs, 1);
    // An empty span: an empty node.
    QCOMPARE(
        PersonTrackBuilder::build(layer->track(0), 500, 600, 60, osg::Vec3f())->asGeode()->getNumDrawables(),
        0u);
}

void TestPeopleLayer::pickPersonOnScreen()
{
    CityScene scene(kEpoch);
    osg::ref_ptr<osg::Node> node = PeopleLayer::build(
        {person(1), person(2)}, {sample(1, 0, 0, 0), sample(2, 0, 100, 0)}, test::fixtureOrigin(), kEpoch);
    scene.setLayerNode(data::LayerId{4}, data::LayerKind::People, node);
    scene.setTime(kEpoch);
    // Looking straight down on (50, 0) from 500 m, 200×200 px, 90° field of view: 5 m a pixel.
    osg::ref_ptr<osg::Camera> camera = new osg::Camera;
    camera->setViewport(0, 0, 200, 200);
    camera->setViewMatrixAsLookAt(osg::Vec3d(50, 0, 500), osg::Vec3d(50, 0, 0), osg::Vec3d(0, 1, 0));
    camera->setProjectionMatrixAsPerspective(90.0, 1.0, 1.0, 1000.0);
    // Person 1 at (0, 0) is 50 m = ~10 px left of the centre; person 2 the same to the right.
    std::optional<PersonPick> hit = pickPerson(*camera, scene.root(), 90, 100, 5);
    QVERIFY(hit);
    QCOMPARE(hit->layer->personId(hit->index), std::int64_t(1));
    QVERIFY(hit->layerId == data::LayerId{4});
    hit = pickPerson(*camera, scene.root(), 110, 100, 5);
    QVERIFY(hit && hit->layer->personId(hit->index) == 2);
    QVERIFY(!pickPerson(*camera, scene.root(), 100, 100, 5)); // between them
    scene.setTime(kEpoch + 1000); // after both tracks: hidden people are not picked
    QVERIFY(!pickPerson(*camera, scene.root(), 90, 100, 5));
    scene.setTime(kEpoch);
    scene.setLayerVisible(data::LayerId{4}, false); // nor hidden layers
    QVERIFY(!pickPerson(*camera, scene.root(), 90, 100, 5));
}

QTEST_GUILESS_MAIN(TestPeopleLayer)
#include "tst_peoplelayer.moc"
