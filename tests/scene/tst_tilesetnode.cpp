// TilesetNode without GL: update and cull traversals driven by hand (HeadlessFrames, a real
// osgUtil::CullVisitor) over the synthetic tileset of TilesetFixtures.h. Which tiles a view
// selects (root far, children near, REPLACE without holes, ADD), what is requested and
// cancelled, eviction, failures, feature ids and the index, idleness.
#include "TileTestSources.h"
#include "TilesetFixtures.h"
#include "scene/FeatureId.h"
#include "scene/ModelFeatureIndex.h"
#include "scene/TilesetNode.h"

#include <QElapsedTimer>
#include <QtTest>
#include <osgUtil/IntersectionVisitor>
#include <osgUtil/LineSegmentIntersector>
#include <set>

using namespace citytwin;
using namespace citytwin::scene;
using test::HeadlessFrames;
using test::LoaderControl;
using test::tileCentre;

namespace {

//! Looking almost straight down at local (X, Y) from RANGE metres.
data::SavedView topDown(double x, double y, double range)
{
    data::SavedView v;
    v.target = {x, y, 0};
    v.pitchDeg = -89.0;
    v.rangeM = range;
    return v;
}
const data::SavedView kFar = topDown(0, 0, 20000); // root SSE about 4 px: no refinement
const data::SavedView kNear = topDown(0, 0, 2000); // root SSE about 150 px, every child in view

struct Fixture
{
    std::shared_ptr<LoaderControl> control = std::make_shared<LoaderControl>();
    osg::ref_ptr<TilesetNode> node;
    HeadlessFrames frames;

    explicit Fixture(bool refineAdd = false, TilesetOptions options = {})
    {
        options.workerThreads = 2;
        node = new TilesetNode(test::tilesetTiles(refineAdd), test::tilesetLoader(control),
                               test::kTilesetOrigin, options);
    }
    ~Fixture()
    {
        control->release = true; // held loads must end for the node's workers to stop
    }

    //! Frames until the node is idle; false after TIMEOUTMS.
    bool runUntilIdle(const data::SavedView& view, int timeoutMs = 10000)
    {
        return runUntil(
            view, [this] { return node->isIdle(); }, timeoutMs);
    }
    bool runUntil(const data::SavedView& view, const std::function<bool()>& done, int timeoutMs = 10000)
    {
        QElapsedTimer timer;
        timer.start();
        frames.frame(node.get(), view);
        while (!done()) {
            if (timer.elapsed() > timeoutMs)
                return false;
            QThread::msleep(2);
            frames.frame(node.get(), view);
        }
        return true;
    }
    //! Roof height of what the last cull drew at local (X, Y); 0 where nothing.
    double roofAt(double x, double y)
    {
        osg::ref_ptr<osgUtil::LineSegmentIntersector> ray =
            new osgUtil::LineSegmentIntersector(osg::Vec3d(x, y, 1000), osg::Vec3d(x, y, -1000));
        osgUtil::IntersectionVisitor visitor(ray.get());
        node->accept(visitor);
        // Millimetres: float vertices relative to the boxes' transforms.
        return ray->containsIntersections()
                   ? std::round(ray->getFirstIntersection().getWorldIntersectPoint().z() * 1000.0) / 1000.0
                   : 0.0;
    }
    //! Feature id drawn at local (X, Y), -1 where none.
    std::int64_t featureAt(double x, double y)
    {
        osg::ref_ptr<osgUtil::LineSegmentIntersector> ray =
            new osgUtil::LineSegmentIntersector(osg::Vec3d(x, y, 1000), osg::Vec3d(x, y, -1000));
        osgUtil::IntersectionVisitor visitor(ray.get());
        node->accept(visitor);
        if (!ray->containsIntersections())
            return -1;
        const auto& hit = ray->getFirstIntersection();
        return hit.indexList.empty() ? -1
                                     : featureIdAt(hit.drawable.get(), hit.indexList.front()).value_or(-1);
    }
};

//! Centre of the west box of tile INDEX.
std::array<double, 2> westBox(int index)
{
    const auto [cx, cy] = tileCentre(index);
    return {cx - (index == 0 ? 500.0 : 250.0), cy};
}

} // namespace

class TestTilesetNode : public QObject
{
    Q_OBJECT

private slots:
    void farCameraDrawsTheRootOnly();
    void nearCameraDrawsTheChildren();
    void replaceKeepsTheParentUntilAllChildrenLoaded();
    void addDrawsParentAndChildren();
    void offScreenTilesAreNotRequested();
    void loadsThatLeftTheViewAreCancelled();
    void evictsUnderATinyBudget();
    void mergesAtMostTheBudgetPerFrame();
    void failingContentIsCountedOnce();
    void featureIdsAreUniqueAndIndexed();
    void boundIsTheRootSphere();
    void redrawCallbackAsksForTheMerge();
    void destructionStopsRunningLoads();
};

void TestTilesetNode::farCameraDrawsTheRootOnly()
{
    Fixture f;
    QVERIFY(f.runUntilIdle(kFar));
    const TilesetNode::Stats s = f.node->stats();
    QCOMPARE(s.tiles, 5);
    QCOMPARE(s.loaded, 1);
    QCOMPARE(s.drawn, 1);
    QCOMPARE(s.queued, 0);
    QCOMPARE(f.control->calls[0].load(), 1);
    QCOMPARE(f.control->totalCalls(), 1);
    QVERIFY(s.memoryBytes > 0);
    QCOMPARE(f.roofAt(-500, -500), test::kRootHeight);
    QVERIFY(!f.node->needsFrame());
}

void TestTilesetNode::nearCameraDrawsTheChildren()
{
    Fixture f;
    QVERIFY(f.runUntilIdle(kFar));
    QVERIFY(f.runUntilIdle(kNear));
    const TilesetNode::Stats s = f.node->stats();
    QCOMPARE(s.loaded, 5);
    QCOMPARE(s.drawn, 4);
    for (int i = 1; i <= 4; ++i) {
        const auto [x, y] = westBox(i);
        QCOMPARE(f.roofAt(x, y), test::kChildHeight);
        QCOMPARE(f.control->calls[std::size_t(i)].load(), 1);
    }
    // Back far: the root again, from what is resident (nothing reloaded).
    QVERIFY(f.runUntilIdle(kFar));
    QCOMPARE(f.node->stats().drawn, 1);
    QCOMPARE(f.roofAt(-500, -500), test::kRootHeight);
    QCOMPARE(f.control->totalCalls(), 5);
}

void TestTilesetNode::replaceKeepsTheParentUntilAllChildrenLoaded()
{
    Fixture f;
    QVERIFY(f.runUntilIdle(kFar));
    f.control->hold(4);
    QVERIFY(
        f.runUntil(kNear, [&] { return f.node->stats().loaded == 4 && f.control->calls[4].load() == 1; }));
    for (int i = 0; i < 20; ++i)
        f.frames.frame(f.node.get(), kNear);
    // Three children are ready, the fourth is not: the root still covers all four quadrants.
    QCOMPARE(f.node->stats().drawn, 1);
    QVERIFY(!f.node->isIdle());
    for (int i = 1; i <= 4; ++i) {
        const auto [x, y] = westBox(i);
        QCOMPARE(f.roofAt(x, y), test::kRootHeight);
    }
    f.control->release = true;
    QVERIFY(f.runUntilIdle(kNear));
    QCOMPARE(f.node->stats().drawn, 4);
    for (int i = 1; i <= 4; ++i) {
        const auto [x, y] = westBox(i);
        QCOMPARE(f.roofAt(x, y), test::kChildHeight);
    }
}

void TestTilesetNode::addDrawsParentAndChildren()
{
    Fixture f(true);
    QVERIFY(f.runUntilIdle(kNear));
    QCOMPARE(f.node->stats().loaded, 5);
    QCOMPARE(f.node->stats().drawn, 5);
    // Both the root's and a child's roofs lie on a ray through a child.
    osg::ref_ptr<osgUtil::LineSegmentIntersector> ray =
        new osgUtil::LineSegmentIntersector(osg::Vec3d(-750, -500, 1000), osg::Vec3d(-750, -500, -1000));
    osgUtil::IntersectionVisitor visitor(ray.get());
    f.node->accept(visitor);
    std::set<double> roofs;
    for (const auto& hit : ray->getIntersections())
        roofs.insert(std::round(hit.getWorldIntersectPoint().z()));
    QVERIFY(roofs.count(test::kRootHeight) == 1);
    QVERIFY(roofs.count(test::kChildHeight) == 1);
}

void TestTilesetNode::offScreenTilesAreNotRequested()
{
    Fixture f;
    // 300 m above the SW quadrant's centre: the other quadrants are out of the frustum.
    QVERIFY(f.runUntilIdle(topDown(-500, -500, 300)));
    QCOMPARE(f.control->calls[1].load(), 1);
    for (int i = 2; i <= 4; ++i)
        QCOMPARE(f.control->calls[std::size_t(i)].load(), 0);
    // REPLACE with only one child visible: that child alone completes the view.
    QCOMPARE(f.node->stats().drawn, 1);
    QCOMPARE(f.roofAt(-750, -500), test::kChildHeight);
}

void TestTilesetNode::loadsThatLeftTheViewAreCancelled()
{
    Fixture f;
    QVERIFY(f.runUntilIdle(kFar));
    f.control->hold(1);
    QVERIFY(f.runUntil(topDown(-500, -500, 300), [&] { return f.control->calls[1].load() == 1; }));
    // Turned to the NE quadrant: the SW load is no longer wanted and is told to stop.
    QVERIFY(f.runUntilIdle(topDown(500, 500, 300)));
    QCOMPARE(f.control->cancelledSeen.load(), 1);
    QCOMPARE(f.control->calls[4].load(), 1);
    QCOMPARE(f.node->stats().loaded, 2); // root and NE
    QCOMPARE(f.node->stats().failed, 0); // a cancel is no failure
    QVERIFY(f.node->firstError().isEmpty());
}

void TestTilesetNode::evictsUnderATinyBudget()
{
    TilesetOptions options;
    options.memoryBudgetBytes = 1;
    Fixture f(false, options);
    QVERIFY(f.runUntilIdle(topDown(-500, -500, 300)));
    QCOMPARE(f.node->stats().loaded, 2);
    ModelFeatureIndex* index = modelFeatureIndex(f.node.get());
    QVERIFY(index);
    QCOMPARE(index->size(), std::size_t(4));
    const auto [wx, wy] = westBox(1);
    const std::int64_t swFeature = f.featureAt(wx, wy);
    QVERIFY(swFeature >= 0);
    const std::size_t bytesTwo = f.node->stats().memoryBytes;

    // The NE view needs the root (refined through) and NE; SW is neither drawn nor needed: it goes.
    QVERIFY(f.runUntilIdle(topDown(500, 500, 300)));
    f.frames.frame(f.node.get(), topDown(500, 500, 300));
    TilesetNode::Stats s = f.node->stats();
    QCOMPARE(s.evicted, 1);
    QCOMPARE(s.loaded, 2);
    QCOMPARE(s.memoryBytes, bytesTwo); // same-sized tiles
    QVERIFY(!index->feature(swFeature));
    QCOMPARE(index->size(), std::size_t(4));
    QCOMPARE(f.roofAt(750, 500), test::kChildHeight); // what is drawn stays

    // Back to SW: loaded again, with the same feature ids as before.
    QVERIFY(f.runUntilIdle(topDown(-500, -500, 300)));
    QCOMPARE(f.control->calls[1].load(), 2);
    QCOMPARE(f.featureAt(wx, wy), swFeature);
    QCOMPARE(index->feature(swFeature)->name, QStringLiteral("tile 1 feature 0"));
}

void TestTilesetNode::mergesAtMostTheBudgetPerFrame()
{
    TilesetOptions options;
    options.maxMergesPerFrame = 1;
    Fixture f(false, options);
    QVERIFY(f.runUntilIdle(kFar));
    // Let all four children finish loading before the next frame merges anything.
    f.frames.frame(f.node.get(), kNear);
    QVERIFY(QTest::qWaitFor([&] { return f.control->totalCalls() == 5; }, 5000));
    QTest::qWait(200);
    int previous = f.node->stats().loaded;
    int frames = 0;
    while (f.node->stats().loaded < 5 && frames < 100) {
        f.frames.frame(f.node.get(), kNear);
        const int now = f.node->stats().loaded;
        QVERIFY(now - previous <= 1);
        previous = now;
        ++frames;
    }
    QCOMPARE(f.node->stats().loaded, 5);
    QVERIFY(frames >= 4);
}

void TestTilesetNode::failingContentIsCountedOnce()
{
    Fixture f;
    f.control->failing = 2;
    QVERIFY(f.runUntilIdle(kNear));
    for (int i = 0; i < 5; ++i)
        f.frames.frame(f.node.get(), kNear);
    const TilesetNode::Stats s = f.node->stats();
    QCOMPARE(s.failed, 1);
    QCOMPARE(f.node->firstError(), f.control->failure);
    QCOMPARE(f.control->calls[2].load(), 1); // not asked again
    // Drawn without its content: the other children replace the root, the SE quadrant is empty.
    QCOMPARE(s.drawn, 3);
    QCOMPARE(f.roofAt(-750, -500), test::kChildHeight);
    QCOMPARE(f.roofAt(250, -500), 0.0);
    QVERIFY(f.node->isIdle());
}

void TestTilesetNode::featureIdsAreUniqueAndIndexed()
{
    Fixture f;
    QVERIFY(f.runUntilIdle(kFar));
    QVERIFY(f.runUntilIdle(kNear));
    ModelFeatureIndex* index = modelFeatureIndex(f.node.get());
    QVERIFY(index);
    const std::vector<data::ModelFeature> all = index->features();
    QCOMPARE(all.size(), std::size_t(10)); // 5 tiles × 2, although every tile numbers its own from 0
    std::set<std::int64_t> ids;
    std::set<QString> names;
    for (const data::ModelFeature& feature : all) {
        QVERIFY(feature.id >= 0 && feature.id < (std::int64_t(1) << 24));
        ids.insert(feature.id);
        names.insert(feature.name);
    }
    QCOMPARE(ids.size(), std::size_t(10));
    QCOMPARE(names.size(), std::size_t(10));
    // What a pick returns is the feature the index knows for that box.
    for (int i = 1; i <= 4; ++i) {
        const auto [x, y] = tileCentre(i);
        for (int k = 0; k < 2; ++k) {
            const std::int64_t id = f.featureAt(x + (k == 0 ? -250 : 250), y);
            QVERIFY(id >= 0);
            const std::optional<data::ModelFeature> feature = index->feature(id);
            QVERIFY(feature);
            QCOMPARE(feature->name, QStringLiteral("tile %1 feature %2").arg(i).arg(k));
        }
    }
}

void TestTilesetNode::boundIsTheRootSphere()
{
    Fixture f;
    const osg::BoundingSphere bound = f.node->getBound();
    QVERIFY(bound.center().length() < 1e-3); // the root's centre is the origin: local (0, 0, 0)
    QCOMPARE(bound.radius(), 1420.0f);
}

void TestTilesetNode::redrawCallbackAsksForTheMerge()
{
    Fixture f;
    std::atomic<int> redraws{0};
    f.node->setRedrawCallback([&redraws] { ++redraws; });
    f.frames.frame(f.node.get(), kFar); // asks for the root
    QVERIFY(!f.node->isIdle());
    QVERIFY(QTest::qWaitFor([&] { return redraws.load() > 0; }, 5000));
    // Loaded, not merged: only a frame makes progress now.
    QVERIFY(f.node->needsFrame());
    QCOMPARE(f.node->stats().loaded, 0);
    f.frames.frame(f.node.get(), kFar);
    QCOMPARE(f.node->stats().loaded, 1);
    f.frames.frame(f.node.get(), kFar);
    QVERIFY(f.node->isIdle());
    QVERIFY(!f.node->needsFrame());
}

void TestTilesetNode::destructionStopsRunningLoads()
{
    auto control = std::make_shared<LoaderControl>();
    control->hold(0);
    QElapsedTimer timer;
    {
        osg::ref_ptr<TilesetNode> node =
            new TilesetNode(test::tilesetTiles(), test::tilesetLoader(control), test::kTilesetOrigin);
        HeadlessFrames frames;
        frames.frame(node.get(), kFar);
        QVERIFY(QTest::qWaitFor([&] { return control->calls[0].load() == 1; }, 5000));
        timer.start();
    } // the last reference goes while the root's load waits: it is cancelled and waited for
    QVERIFY(timer.elapsed() < 2000);
    QCOMPARE(control->cancelledSeen.load(), 1);
}

QTEST_GUILESS_MAIN(TestTilesetNode)
#include "tst_tilesetnode.moc"
