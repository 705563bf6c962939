// People trails without GL: which segments can be seen at a time for a trail length and how they
// fade (the shader's rule, PeopleTrails::isSegmentVisible/fadeAt), that the drawn ranges hold
// exactly those segments (chunk and second-bucket culling), gaps split trails, many people share
// a few draw calls, chunks are built lazily and bounded, and live appends extend the trail.
#include "SceneFixtures.h"
#include "scene/PeopleLayer.h"
#include "scene/PeopleTrails.h"

#include <QtTest>
#include <set>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

constexpr data::TimeMs kEpoch = 1'767'225'600'000; // 2026-01-01T00:00Z

data::TrackPoint sample(std::int64_t person, double seconds, double x, double y)
{
    const data::ProjectedPoint o = test::fixtureOrigin();
    return {person, kEpoch + data::TimeMs(std::llround(seconds * 1000)), {o.x + x, o.y + y, o.z}};
}

data::Person person(std::int64_t id)
{
    data::Person p;
    p.id = id;
    p.role = data::PersonRole::Coordinator;
    return p;
}

//! Person ID walks east 1 m/s sampled every STEP seconds over [FROM, TO], zigzagging 5 m north
//! and back at every fix so that no trail simplification can merge two segments.
void addWalk(std::vector<data::TrackPoint>& out, std::int64_t id, double from, double to, double step)
{
    int k = 0;
    for (double t = from; t <= to; t += step, ++k)
        out.push_back(sample(id, t, t, double(id) + (k % 2) * 5.0));
}

//! Samples every 10 s over [0, 500] and [1200, 1500]: a gap of 700 s in between.
std::vector<data::TrackPoint> gappedWalk()
{
    std::vector<data::TrackPoint> points;
    addWalk(points, 1, 0, 500, 10);
    addWalk(points, 1, 1200, 1500, 10);
    return points;
}

osg::ref_ptr<osg::Node> buildLayer(const std::vector<data::Person>& people,
                                   const std::vector<data::TrackPoint>& points, double trailSeconds,
                                   double maxGap = 600)
{
    PeopleOptions options;
    options.trailSeconds = trailSeconds;
    options.maxGapSeconds = maxGap;
    return PeopleLayer::build(people, points, test::fixtureOrigin(), kEpoch, options);
}

using SegmentSet = std::set<std::pair<double, double>>;

SegmentSet drawn(const PeopleTrails& trails)
{
    SegmentSet out;
    for (const PeopleTrails::DrawnSegment& s : trails.drawnSegments())
        out.insert({s.t0, s.t1});
    return out;
}

} // namespace

class TestPeopleTrails : public QObject
{
    Q_OBJECT

private slots:
    void segmentVisibility_data();
    void segmentVisibility();
    void fade_data();
    void fade();
    void drawsExactlyTheVisibleSegments_data();
    void drawsExactlyTheVisibleSegments();
    void gapsSplitTheTrail();
    void noTrailsWhenLengthIsZero();
    void peopleShareDrawCalls();
    void chunksAreLazyAndBounded();
    void appendExtendsTheTrail();
    void maxGapRebuildsChunks();
    void straightWalksSimplify();
};

void TestPeopleTrails::segmentVisibility_data()
{
    QTest::addColumn<double>("t0");
    QTest::addColumn<double>("t1");
    QTest::addColumn<double>("t");
    QTest::addColumn<double>("trail");
    QTest::addColumn<bool>("visible");
    QTest::newRow("walked just now") << 90.0 << 100.0 << 100.0 << 60.0 << true;
    QTest::newRow("being walked") << 95.0 << 105.0 << 100.0 << 60.0 << true; // its first half
    QTest::newRow("not yet started") << 101.0 << 111.0 << 100.0 << 60.0 << false;
    QTest::newRow("tail inside") << 30.0 << 40.0 << 100.0 << 60.0 << true; // ends at t - trail
    QTest::newRow("older than the trail") << 20.0 << 39.0 << 100.0 << 60.0 << false;
    QTest::newRow("longer trail reaches it") << 20.0 << 39.0 << 100.0 << 90.0 << true;
    QTest::newRow("no trail") << 90.0 << 100.0 << 100.0 << 0.0 << false;
}

void TestPeopleTrails::segmentVisibility()
{
    QFETCH(double, t0);
    QFETCH(double, t1);
    QFETCH(double, t);
    QFETCH(double, trail);
    QFETCH(bool, visible);
    QCOMPARE(PeopleTrails::isSegmentVisible(t0, t1, t, trail), visible);
}

void TestPeopleTrails::fade_data()
{
    QTest::addColumn<double>("age");
    QTest::addColumn<double>("trail");
    QTest::addColumn<float>("alpha");
    QTest::newRow("at the marker") << 0.0 << 300.0 << 1.0f;
    QTest::newRow("half way") << 150.0 << 300.0 << 0.5f;
    QTest::newRow("tail end") << 300.0 << 300.0 << 0.0f;
    QTest::newRow("beyond the tail") << 301.0 << 300.0 << 0.0f;
    QTest::newRow("in the future") << -1.0 << 300.0 << 0.0f;
    QTest::newRow("no trail") << 0.0 << 0.0 << 0.0f;
}

void TestPeopleTrails::fade()
{
    QFETCH(double, age);
    QFETCH(double, trail);
    QFETCH(float, alpha);
    QCOMPARE(PeopleTrails::fadeAt(age, trail), alpha);
}

void TestPeopleTrails::drawsExactlyTheVisibleSegments_data()
{
    QTest::addColumn<double>("t");
    QTest::addColumn<double>("trail");
    QTest::newRow("inside one chunk") << 200.0 << 60.0;
    QTest::newRow("across a chunk boundary") << 310.0 << 60.0;
    QTest::newRow("half-way along a segment") << 255.0 << 30.0;
    QTest::newRow("long trail over the gap") << 1250.0 << 900.0;
    QTest::newRow("track start") << 5.0 << 60.0;
    QTest::newRow("before the track") << -50.0 << 60.0;
    QTest::newRow("after the track") << 1600.0 << 60.0;
    QTest::newRow("long after the track") << 9000.0 << 60.0;
}

void TestPeopleTrails::drawsExactlyTheVisibleSegments()
{
    QFETCH(double, t);
    QFETCH(double, trail);
    osg::ref_ptr<osg::Node> node = buildLayer({person(1)}, gappedWalk(), trail);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    layer->update(t);
    SegmentSet expected;
    const PersonTrack& track = layer->track(0);
    for (std::size_t i = 0; i + 1 < track.size(); ++i)
        if (track.times[i + 1] - track.times[i] <= 600 &&
            PeopleTrails::isSegmentVisible(track.times[i], track.times[i + 1], t, trail))
            expected.insert({track.times[i], track.times[i + 1]});
    // Samples fall on whole seconds here, so the one-second buckets select no extra segment.
    const SegmentSet got = drawn(layer->trails());
    QCOMPARE(got.size(), expected.size());
    QVERIFY(got == expected);
    QCOMPARE(node->asGeode()->getNumDrawables(), 1u + unsigned(layer->trails().attachedChunks()));
    if (expected.empty())
        QCOMPARE(layer->trails().attachedChunks(), std::size_t(0));
}

void TestPeopleTrails::gapsSplitTheTrail()
{
    osg::ref_ptr<osg::Node> node = buildLayer({person(1)}, gappedWalk(), 1500);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    layer->update(1500); // the whole walk is within the trail
    const SegmentSet got = drawn(layer->trails());
    QCOMPARE(got.size(), std::size_t(50 + 30)); // both runs, nothing across the gap
    for (const auto& [t0, t1] : got)
        QVERIFY2(t1 - t0 <= 10.0, qPrintable(QStringLiteral("%1 → %2").arg(t0).arg(t1)));
    QVERIFY(got.count({500.0, 1200.0}) == 0);
}

void TestPeopleTrails::noTrailsWhenLengthIsZero()
{
    osg::ref_ptr<osg::Node> node = buildLayer({person(1)}, gappedWalk(), 0);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    layer->update(250);
    QCOMPARE(layer->trails().attachedChunks(), std::size_t(0));
    QCOMPARE(layer->trails().chunksBuilt(), std::size_t(0)); // nothing is built for nothing
    QCOMPARE(node->asGeode()->getNumDrawables(), 1u);
    layer->setTrailSeconds(60); // at once, at the current time: chunks [180, 240) and [240, 300)
    QCOMPARE(layer->trails().attachedChunks(), std::size_t(2));
    QCOMPARE(drawn(layer->trails()).size(), std::size_t(8)); // 180 → 260
    layer->setTrailSeconds(0);
    QCOMPARE(node->asGeode()->getNumDrawables(), 1u);
}

void TestPeopleTrails::peopleShareDrawCalls()
{
    std::vector<data::Person> people;
    std::vector<data::TrackPoint> points;
    for (std::int64_t id = 1; id <= 200; ++id) {
        people.push_back(person(id));
        addWalk(points, id, double(id % 7), 3600 + double(id % 7), 10);
    }
    osg::ref_ptr<osg::Node> node = buildLayer(people, points, 300);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    layer->update(1800);
    // Every person's last 300 s (30 or 31 segments each) in at most six 60 s chunks.
    QVERIFY(layer->trails().attachedChunks() <= 6);
    std::set<std::size_t> persons;
    for (const PeopleTrails::DrawnSegment& s : layer->trails().drawnSegments())
        persons.insert(s.person);
    QCOMPARE(persons.size(), std::size_t(200));
    QVERIFY(node->asGeode()->getNumDrawables() <= 7u);
}

void TestPeopleTrails::chunksAreLazyAndBounded()
{
    std::vector<data::TrackPoint> points;
    addWalk(points, 1, 0, 86400, 10);
    osg::ref_ptr<osg::Node> node = buildLayer({person(1)}, points, 300);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    const std::size_t afterBuild = layer->trails().chunksBuilt();
    QVERIFY(afterBuild <= 6); // only around time 0, not the whole day
    for (double t = 0; t <= 86400; t += 60) {
        layer->update(t);
        QVERIFY(layer->trails().cachedChunks() <= 6 + PeopleTrails::kSpareChunks);
    }
    const std::size_t built = layer->trails().chunksBuilt();
    QVERIFY(built >= 86400 / PeopleTrails::kChunkSeconds); // playback built each chunk once …
    for (double t = 86400; t >= 86400 - 600; t -= 60)
        layer->update(t);
    QCOMPARE(layer->trails().chunksBuilt(), built); // … and scrubbing back reuses the cache
}

void TestPeopleTrails::appendExtendsTheTrail()
{
    std::vector<data::TrackPoint> points;
    addWalk(points, 1, 0, 100, 10);
    osg::ref_ptr<osg::Node> node = buildLayer({person(1)}, points, 60);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    layer->update(130);
    QCOMPARE(drawn(layer->trails()).size(), std::size_t(4)); // 60 → 100
    const std::size_t builtBefore = layer->trails().chunksBuilt();
    layer->appendSamples({person(2)}, {sample(1, 110, 110, 6), sample(1, 120, 120, 1), sample(2, 100, 0, 5),
                                       sample(2, 125, 0, 30)});
    const SegmentSet got = drawn(layer->trails());
    QVERIFY(got.count({110.0, 120.0}) == 1);
    // The new person's trail, clipped at the chunk edge at 120 s.
    QVERIFY(got.count({100.0, 120.0}) == 1 && got.count({120.0, 125.0}) == 1);
    // The 7 visible segments (60 → 120 and the new person's); the draw range may start up to the
    // chunk's longest segment (25 s) earlier, which the shader hides.
    for (double t0 = 60; t0 < 120; t0 += 10)
        QVERIFY(got.count({t0, t0 + 10}) == 1);
    for (const auto& [t0, t1] : got)
        QVERIFY(t1 >= 70 - 25);
    QVERIFY(layer->trails().chunksBuilt() > builtBefore);
}

void TestPeopleTrails::maxGapRebuildsChunks()
{
    osg::ref_ptr<osg::Node> node = buildLayer({person(1)}, gappedWalk(), 1000);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    layer->update(1300);
    auto inGap = [&layer] {
        double covered = 0;
        for (const auto& [t0, t1] : drawn(layer->trails()))
            if (t0 >= 500 && t1 <= 1200)
                covered += t1 - t0;
        return covered;
    };
    QCOMPARE(inGap(), 0.0);
    layer->setMaxGapSeconds(800);
    // Now one segment, clipped at the chunk edges into pieces that cover it without holes.
    QCOMPARE(inGap(), 700.0);
}

void TestPeopleTrails::straightWalksSimplify()
{
    // East at 1 m/s, a fix every 10 s, straight: one piece per 60 s chunk, ending where the
    // person is (within a metre) at every fix's time.
    std::vector<data::TrackPoint> points;
    for (double t = 0; t <= 600; t += 10)
        points.push_back(sample(1, t, t, 0));
    osg::ref_ptr<osg::Node> node = buildLayer({person(1)}, points, 600);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    layer->update(600);
    const SegmentSet got = drawn(layer->trails());
    QCOMPARE(got.size(), std::size_t(600 / PeopleTrails::kChunkSeconds));
    double covered = 0;
    for (const auto& [t0, t1] : got)
        covered += t1 - t0;
    QCOMPARE(covered, 600.0); // no hole
    // A turn is kept: north after 300 s.
    points.clear();
    for (double t = 0; t <= 120; t += 10)
        points.push_back(t <= 60 ? sample(1, t, t, 0) : sample(1, t, 60, t - 60));
    node = buildLayer({person(1)}, points, 120);
    layer = PeopleLayer::of(node.get());
    layer->update(120);
    // [0, 60) straight east, [60, 120) straight north: one piece each, the corner at 60 s.
    QVERIFY(drawn(layer->trails()) == (SegmentSet{{0.0, 60.0}, {60.0, 120.0}}));
}

QTEST_GUILESS_MAIN(TestPeopleTrails)
#include "tst_peopletrails.moc"
