// TileEngine loading without GL: update and cull traversals driven by hand (HeadlessFrames) over
// synthetic sources. The load queue, texture sizes, loading to idle, the level bound and LOD scale,
// cancelling requests that left the view, the merge budget, LRU eviction and layer errors.
#include "GridSources.h"
#include "TileEngineFixtures.h"
#include "TileTestSources.h"
#include "scene/TileEngine.h"
#include "scene/TileLoadQueue.h"
#include "scene/TileMeshBuilder.h"

#include <QElapsedTimer>
#include <QtTest>
#include <osg/Geode>
#include <osg/Geometry>
#include <osgUtil/IntersectionVisitor>
#include <osgUtil/LineSegmentIntersector>

using namespace citytwin;
using namespace citytwin::scene;
using test::HeadlessFrames;
using test::QuadrantImagery;
using test::Rgba;
using test::SlopeElevation;
using namespace citytwin::test;

class TestTileLoading : public QObject
{
    Q_OBJECT

private slots:
    void loadQueueRunsByPriorityAndDropsCancelled();
    void textureSizeFollowsSourceDetail_data();
    void textureSizeFollowsSourceDetail();
    void refinesToIdle_data();
    void refinesToIdle();
    void lodScaleCoarsens();
    void cancelsRequestsThatLeftTheView();
    void lookingAwayEndsLoading();
    void mergesAtMostTheBudgetPerFrame();
    void evictsBeyondTheMemoryBudget();
    void reportsAFailingLayerOnce();
};

void TestTileLoading::loadQueueRunsByPriorityAndDropsCancelled()
{
    TileLoadQueue queue(1, 5);
    std::atomic<bool> release{false};
    std::mutex mutex;
    std::vector<int> order;
    auto job = [&](int x, bool block) {
        return [&, x, block](const data::CancelToken& cancel) {
            while (block && !release.load() && !cancel.isCancelled())
                QThread::msleep(1);
            const std::lock_guard lock(mutex);
            order.push_back(x);
            TileBuildResult r;
            r.key = {3, x, 0};
            return r;
        };
    };
    // The first load holds the only worker; the others queue and run by priority.
    QVERIFY(queue.request({3, 0, 0}, 100, job(0, true)));
    QTRY_COMPARE(queue.running(), 1);
    QVERIFY(queue.request({3, 1, 0}, 1, job(1, false)));
    QVERIFY(queue.request({3, 2, 0}, 5, job(2, false)));
    QVERIFY(queue.request({3, 3, 0}, 3, job(3, false)));
    QVERIFY(queue.request({3, 4, 0}, 4, job(4, false)));
    QVERIFY2(!queue.request({3, 5, 0}, 9, job(5, false)), "at most maxInFlight queued or running");
    QVERIFY(queue.request({3, 1, 0}, 10, job(1, false))); // raised: runs first now
    QCOMPARE(queue.queued(), 4);
    // Abandon key 4 (queued: dropped) and the running key 0 (told through its token).
    QCOMPARE(queue.cancelUnless([](const data::TileKey& k) { return k.x != 4 && k.x != 0; }), 2);
    QVERIFY(!queue.isPending({3, 4, 0}));
    QTRY_COMPARE(queue.doneCount(), size_t(3));
    QCOMPARE(queue.cancelledTotal(), 2LL);
    QCOMPARE(order, (std::vector<int>{0, 1, 2, 3}));
    std::vector<int> done;
    while (auto r = queue.takeDone())
        done.push_back(r->key.x);
    QCOMPARE(done, (std::vector<int>{1, 2, 3})); // the cancelled key 0 never arrives
    QCOMPARE(queue.running() + queue.queued(), 0);
}

void TestTileLoading::textureSizeFollowsSourceDetail_data()
{
    QTest::addColumn<double>("tileSide");
    QTest::addColumn<double>("resolution");
    QTest::addColumn<int>("expected");
    QTest::newRow("finer source: full size") << 512.0 << 1.0 << 256;
    QTest::newRow("unknown resolution: full size") << 512.0 << 0.0 << 256;
    QTest::newRow("100 source pixels: 128") << 1000.0 << 10.0 << 128;
    QTest::newRow("exactly 64 pixels: 64") << 640.0 << 10.0 << 64;
    QTest::newRow("2 source pixels: at least 16") << 100.0 << 50.0 << 16;
}

void TestTileLoading::textureSizeFollowsSourceDetail()
{
    QFETCH(double, tileSide);
    QFETCH(double, resolution);
    QFETCH(int, expected);
    QCOMPARE(tileTextureSize(tileSide, resolution, 256), expected);
}

void TestTileLoading::refinesToIdle_data()
{
    QTest::addColumn<int>("maxLevelOption");
    QTest::addColumn<double>("imageryResolution");
    QTest::addColumn<int>("expectedDeepest");
    // 4096 m root, 64 px textures: 8 m imagery is fully resolved at level 3 (512 m / 64 px).
    QTest::newRow("from the source resolution") << -1 << 8.0 << 3;
    QTest::newRow("capped by the option") << 1 << 8.0 << 1;
    QTest::newRow("coarse source: root only") << -1 << 64.0 << 0;
}

void TestTileLoading::refinesToIdle()
{
    QFETCH(int, maxLevelOption);
    QFETCH(double, imageryResolution);
    QFETCH(int, expectedDeepest);
    TileEngineOptions options = smallOptions();
    options.maxLevel = maxLevelOption;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, options);
    engine->addImagerySource(kImagery,
                             std::make_shared<QuadrantImagery>(kExtent, imageryResolution, kQuadrants));
    // 256 m heights on 16 quads need no level below the root: the imagery decides.
    engine->addElevationSource(kElevation, std::make_shared<SlopeElevation>(kExtent, 256.0, 10.0, 0.01));
    std::atomic<int> redraws{0};
    engine->setRedrawCallback([&redraws] { ++redraws; });

    HeadlessFrames frames;
    QVERIFY(runUntilIdle(frames, *engine, topDown(0, 0, 300)));
    const TileEngine::Stats s = engine->stats();
    QCOMPARE(s.deepestDrawnLevel, expectedDeepest);
    QVERIFY(s.drawnTiles > 0);
    QVERIFY(s.residentTiles >= s.drawnTiles);
    QVERIFY(s.loadedTotal >= s.residentTiles);
    QCOMPARE(s.queued, 0);
    QCOMPARE(s.running, 0);
    QVERIFY(s.memoryBytes > 0);
    QCOMPARE(s.failedTotal, 0LL);
    QVERIFY2(redraws.load() >= 1, "every finished load asks for a frame");
    // Idle is stable: another frame wants nothing new.
    frames.frame(engine.get(), topDown(0, 0, 300));
    QVERIFY(engine->isIdle());
    QCOMPARE(engine->stats().loadedTotal, s.loadedTotal);

    // After shutdown nothing loads, and renderers waiting for idle must not hang.
    engine->shutdown();
    frames.frame(engine.get(), topDown(1500, 1500, 100));
    QVERIFY(engine->isIdle());
    QCOMPARE(engine->stats().queued, 0);
}

void TestTileLoading::lodScaleCoarsens()
{
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, smallOptions());
    engine->addImagerySource(kImagery, std::make_shared<QuadrantImagery>(kExtent, 8.0, kQuadrants));
    HeadlessFrames frames;
    // From 6 km (0.127 px/m) the 16 m texels of level 2 span 2 px: level 3 is needed ...
    const data::SavedView view = topDown(0, 0, 6000);
    QVERIFY(runUntilIdle(frames, *engine, view));
    QCOMPARE(engine->stats().deepestDrawnLevel, 3);
    // ... with a LOD scale of 8 (12 px allowed) the root's 64 m texels (8 px) are enough.
    frames.frame(engine.get(), view, 35.0, 8.0f);
    QCOMPARE(engine->stats().deepestDrawnLevel, 0);
}

void TestTileLoading::cancelsRequestsThatLeftTheView()
{
    TileEngineOptions options = smallOptions();
    options.workerThreads = 1;
    options.maxInFlight = 4;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, options);
    auto imagery = std::make_shared<QuadrantImagery>(kExtent, 8.0, kQuadrants);
    engine->addImagerySource(kImagery, imagery);
    HeadlessFrames frames;
    QVERIFY(runUntilIdle(frames, *engine, topDown(0, 0, 60000))); // the root, from far away
    QCOMPARE(engine->stats().deepestDrawnLevel, 0);

    // Zoom into the north-west quarter with a slow source, then leave for the south-east one
    // before anything arrives: the north-west loads must be dropped, not merged.
    imagery->behaviour.delayMs = 300;
    const data::SavedView northWest = topDown(-1500, 1500, 250);
    for (int i = 0; i < 3; ++i) {
        frames.frame(engine.get(), northWest);
        QThread::msleep(5);
    }
    QVERIFY(engine->stats().queued + engine->stats().running > 0);
    imagery->behaviour.delayMs = 0;
    QVERIFY(runUntilIdle(frames, *engine, topDown(1500, -1500, 250)));

    const TileEngine::Stats s = engine->stats();
    QVERIFY2(s.cancelledTotal > 0, "requests for the north-west must be cancelled");
    QVERIFY2(imagery->behaviour.cancelledReads.load() > 0, "the running read must see the cancel");
    QCOMPARE(s.deepestDrawnLevel, 3);
    // Nothing below level 1 in the north-west quarter was merged (local x < 0, y > 0).
    int northWestTiles = 0;
    for (unsigned i = 0; i < engine->getNumChildren(); ++i) {
        auto* tile = dynamic_cast<osg::MatrixTransform*>(engine->getChild(i));
        QVERIFY(tile);
        const osg::Vec3d c = tile->getMatrix().getTrans();
        const osg::BoundingSphere bs = tile->getBound();
        if (c.x() < 0 && c.y() > 0 && bs.radius() < 1000) // level >= 2 tiles are 1024 m wide or less
            ++northWestTiles;
    }
    QCOMPARE(northWestTiles, 0);
}

void TestTileLoading::lookingAwayEndsLoading()
{
    TileEngineOptions options = smallOptions();
    options.workerThreads = 1;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, options);
    auto imagery = std::make_shared<QuadrantImagery>(kExtent, 8.0, kQuadrants);
    engine->addImagerySource(kImagery, imagery);
    HeadlessFrames frames;
    QVERIFY(runUntilIdle(frames, *engine, topDown(0, 0, 60000)));
    imagery->behaviour.delayMs = 2000;
    frames.frame(engine.get(), topDown(0, 0, 300));
    frames.frame(engine.get(), topDown(0, 0, 300));
    QVERIFY(!engine->isIdle());
    QVERIFY(!engine->needsFrame()); // loads run: frames would change nothing
    // The camera turns to where the engine is not: its cull never runs, yet it goes idle
    // (loads cancelled, nothing wanted) instead of keeping a renderer waiting.
    QElapsedTimer timer;
    timer.start();
    QVERIFY(runUntilIdle(frames, *engine, topDown(50000, 0, 300), 1000));
    QVERIFY(timer.elapsed() < 1000);
    QCOMPARE(engine->stats().drawnTiles, 0);
    QVERIFY(engine->stats().cancelledTotal > 0);
}

void TestTileLoading::mergesAtMostTheBudgetPerFrame()
{
    TileEngineOptions options = smallOptions();
    options.maxMergesPerFrame = 2;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, options);
    engine->addImagerySource(kImagery, std::make_shared<QuadrantImagery>(kExtent, 8.0, kQuadrants));
    HeadlessFrames frames;
    const data::SavedView view = topDown(0, 0, 300);
    QElapsedTimer timer;
    timer.start();
    long long before = 0;
    int framesWithMerges = 0;
    frames.frame(engine.get(), view);
    while (!engine->isIdle() && timer.elapsed() < 10000) {
        QThread::msleep(20); // let loads pile up in the done list
        frames.frame(engine.get(), view);
        const long long loaded = engine->stats().loadedTotal;
        QVERIFY2(loaded - before <= 2,
                 qPrintable(QStringLiteral("%1 merged in one frame").arg(loaded - before)));
        framesWithMerges += loaded > before ? 1 : 0;
        before = loaded;
    }
    QVERIFY(engine->isIdle());
    QVERIFY(framesWithMerges >= int(before / 2));
    QCOMPARE(engine->stats().deepestDrawnLevel, 3);
}

void TestTileLoading::evictsBeyondTheMemoryBudget()
{
    TileEngineOptions options = smallOptions();
    options.memoryBudgetBytes = 400 * 1024;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, options);
    engine->addImagerySource(kImagery, std::make_shared<QuadrantImagery>(kExtent, 8.0, kQuadrants));
    HeadlessFrames frames;
    for (const auto& [x, y] :
         std::vector<std::pair<double, double>>{{-1500, 1500}, {1500, 1500}, {1500, -1500}, {-1500, -1500}}) {
        const data::SavedView view = topDown(x, y, 250);
        QVERIFY2(runUntilIdle(frames, *engine, view), "refinement must progress under memory pressure");
        frames.frame(engine.get(), view);
        frames.frame(engine.get(), view);
        const TileEngine::Stats s = engine->stats();
        QCOMPARE(s.deepestDrawnLevel, 3);
        // Over the budget only with nothing left to evict: what is on screen and the root.
        QVERIFY2(s.memoryBytes <= options.memoryBudgetBytes || s.residentTiles <= s.drawnTiles + 1,
                 qPrintable(QStringLiteral("%1 bytes in %2 tiles, %3 drawn")
                                .arg(s.memoryBytes)
                                .arg(s.residentTiles)
                                .arg(s.drawnTiles)));
    }
    QVERIFY(engine->stats().evictedTotal > 0);
}

void TestTileLoading::reportsAFailingLayerOnce()
{
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, smallOptions());
    auto broken = std::make_shared<QuadrantImagery>(kExtent, 8.0, kQuadrants);
    broken->behaviour.fail = true;
    engine->addImagerySource(kImagery, std::make_shared<QuadrantImagery>(kExtent, 8.0, kQuadrants));
    engine->addImagerySource(kBroken, broken);
    std::vector<std::pair<data::LayerId, QString>> errors;
    engine->setLayerErrorCallback(
        [&errors](data::LayerId id, const QString& m) { errors.emplace_back(id, m); });

    HeadlessFrames frames;
    QVERIFY(runUntilIdle(frames, *engine, topDown(0, 0, 300)));
    QCOMPARE(errors.size(), size_t(1));
    QCOMPARE(errors.front().first, kBroken);
    QVERIFY(errors.front().second.contains(QStringLiteral("cannot read")));
    const TileEngine::Stats s = engine->stats();
    QVERIFY(s.failedTotal > 1);       // every tile failed that layer...
    QCOMPARE(s.deepestDrawnLevel, 3); // ...and still completed with the other one
    QVERIFY(broken->behaviour.reads.load() > 1);

    // Re-adding the layer re-arms its report.
    engine->addImagerySource(kBroken, broken);
    QVERIFY(runUntilIdle(frames, *engine, topDown(0, 0, 300)));
    QCOMPARE(errors.size(), size_t(2));

    // A failing elevation source: reported once, tiles flat, imagery still there.
    auto slope = std::make_shared<SlopeElevation>(kExtent, 32.0, 10.0, 0.01);
    slope->behaviour.fail = true;
    engine->addElevationSource(kElevation, slope);
    QVERIFY(runUntilIdle(frames, *engine, topDown(0, 0, 300)));
    QCOMPARE(errors.size(), size_t(3));
    QCOMPARE(errors.back().first, kElevation);
    QVERIFY(std::abs(terrainHeightAt(*engine, 20, 20)) < 0.01);
    QCOMPARE(engine->stats().deepestDrawnLevel, 3);
}

QTEST_GUILESS_MAIN(TestTileLoading)
#include "tst_tileloading.moc"
