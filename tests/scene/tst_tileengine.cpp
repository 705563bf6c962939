// TileEngine without GL: update and cull traversals driven by hand (HeadlessFrames) over
// synthetic sources. Loading to idle, the level bound, cancelling requests that left the view,
// LRU eviction, layer errors and reloads after elevation changes; one tile's mesh (heights, no-data
// fill, skirts, normals across tile edges) and the ground see-through state.
#include "GridSources.h"
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

namespace {

const data::ProjectedPoint kOrigin{500000, 3400000, 0};
// 4096 m square around the origin: one root tile.
const data::Extent2D kExtent{498000, 3398000, 502096, 3402096};
const data::TilingScheme kScheme(kExtent.minX, kExtent.maxY, 4096, 1, 1);
const data::LayerId kImagery{1}, kElevation{2}, kBroken{3};
const std::array<Rgba, 4> kQuadrants{Rgba{200, 40, 40}, Rgba{40, 200, 40}, Rgba{40, 40, 200},
                                     Rgba{220, 220, 40}};

TileEngineOptions smallOptions()
{
    TileEngineOptions o;
    o.meshQuads = 16;
    o.textureSize = 64;
    o.workerThreads = 2;
    return o;
}

//! Looking almost straight down at local (X, Y) from RANGE metres.
data::SavedView topDown(double x, double y, double range)
{
    data::SavedView v;
    v.target = {x, y, 0};
    v.pitchDeg = -89.0;
    v.rangeM = range;
    return v;
}

//! Frames until ENGINE is idle; false after TIMEOUTMS.
bool runUntilIdle(HeadlessFrames& frames, TileEngine& engine, const data::SavedView& view,
                  int timeoutMs = 10000)
{
    QElapsedTimer timer;
    timer.start();
    frames.frame(&engine, view);
    while (!engine.isIdle()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QThread::msleep(2);
        frames.frame(&engine, view);
    }
    return true;
}

//! Height of the terrain the cameras drew last, at local (X, Y); NaN where nothing was hit.
double terrainHeightAt(osg::Node& root, double x, double y)
{
    osg::ref_ptr<osgUtil::LineSegmentIntersector> ray =
        new osgUtil::LineSegmentIntersector(osg::Vec3d(x, y, 10000), osg::Vec3d(x, y, -10000));
    osgUtil::IntersectionVisitor visitor(ray.get());
    root.accept(visitor);
    if (!ray->containsIntersections())
        return std::numeric_limits<double>::quiet_NaN();
    return ray->getFirstIntersection().getWorldIntersectPoint().z();
}

} // namespace

class TestTileEngine : public QObject
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
    void elevationChangesReload();
    void finestElevationWins();
    void twoViewersShareTheEngine();
    void tileMeshFollowsTheDem();
    void groundOpacitySetsBlending();
};

void TestTileEngine::loadQueueRunsByPriorityAndDropsCancelled()
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

void TestTileEngine::textureSizeFollowsSourceDetail_data()
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

void TestTileEngine::textureSizeFollowsSourceDetail()
{
    QFETCH(double, tileSide);
    QFETCH(double, resolution);
    QFETCH(int, expected);
    QCOMPARE(tileTextureSize(tileSide, resolution, 256), expected);
}

void TestTileEngine::refinesToIdle_data()
{
    QTest::addColumn<int>("maxLevelOption");
    QTest::addColumn<double>("imageryResolution");
    QTest::addColumn<int>("expectedDeepest");
    // 4096 m root, 64 px textures: 8 m imagery is fully resolved at level 3 (512 m / 64 px).
    QTest::newRow("from the source resolution") << -1 << 8.0 << 3;
    QTest::newRow("capped by the option") << 1 << 8.0 << 1;
    QTest::newRow("coarse source: root only") << -1 << 64.0 << 0;
}

void TestTileEngine::refinesToIdle()
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

void TestTileEngine::lodScaleCoarsens()
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

void TestTileEngine::cancelsRequestsThatLeftTheView()
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

void TestTileEngine::lookingAwayEndsLoading()
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

void TestTileEngine::mergesAtMostTheBudgetPerFrame()
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

void TestTileEngine::evictsBeyondTheMemoryBudget()
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

void TestTileEngine::reportsAFailingLayerOnce()
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

void TestTileEngine::elevationChangesReload()
{
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, smallOptions());
    auto slope = std::make_shared<SlopeElevation>(kExtent, 32.0, 10.0, 0.01);
    engine->addElevationSource(kElevation, slope);
    HeadlessFrames frames;
    const data::SavedView view = topDown(0, 0, 600);
    const double x = 100, y = 50; // local
    const double expected = slope->heightAt(x + kOrigin.x);
    QVERIFY(runUntilIdle(frames, *engine, view));
    QVERIFY(engine->stats().deepestDrawnLevel > 0);
    QVERIFY2(std::abs(terrainHeightAt(*engine, x, y) - expected) < 0.05,
             qPrintable(QString::number(terrainHeightAt(*engine, x, y))));

    engine->setVerticalScale(2.0);
    QVERIFY(runUntilIdle(frames, *engine, view));
    QVERIFY(std::abs(terrainHeightAt(*engine, x, y) - 2 * expected) < 0.1);

    engine->setElevationEnabled(kElevation, false);
    frames.frame(engine.get(), view);
    QVERIFY2(!engine->isIdle(), "drawn tiles must be reloaded");
    QVERIFY(runUntilIdle(frames, *engine, view));
    const int readsWhenDisabled = slope->behaviour.reads.load();
    QVERIFY(std::abs(terrainHeightAt(*engine, x, y)) < 0.05);
    frames.frame(engine.get(), topDown(800, -800, 600)); // new tiles: still no reads
    QVERIFY(runUntilIdle(frames, *engine, topDown(800, -800, 600)));
    QCOMPARE(slope->behaviour.reads.load(), readsWhenDisabled);

    engine->setElevationEnabled(kElevation, true);
    QVERIFY(runUntilIdle(frames, *engine, view));
    QVERIFY(std::abs(terrainHeightAt(*engine, x, y) - 2 * expected) < 0.1);
    engine->removeSource(kElevation);
    QVERIFY(runUntilIdle(frames, *engine, view));
    QVERIFY(std::abs(terrainHeightAt(*engine, x, y)) < 0.05);
}

void TestTileEngine::finestElevationWins()
{
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, smallOptions());
    // A coarse flat 10 m everywhere, a fine 100 m plateau from 100 m east of the centre (added
    // first: order of adding must not matter, resolution does). Tiles never end there.
    const data::Extent2D east{kExtent.centerX() + 100, kExtent.minY, kExtent.maxX, kExtent.maxY};
    engine->addElevationSource(data::LayerId{5}, std::make_shared<SlopeElevation>(east, 4.0, 100.0, 0.0));
    engine->addElevationSource(data::LayerId{6}, std::make_shared<SlopeElevation>(kExtent, 64.0, 10.0, 0.0));
    HeadlessFrames frames;
    const data::SavedView view = topDown(0, 0, 3000);
    QVERIFY(runUntilIdle(frames, *engine, view));
    const double centreX = kExtent.centerX() - kOrigin.x;
    QVERIFY2(std::abs(terrainHeightAt(*engine, centreX - 700, 0) - 10.0) < 0.01,
             "west: only the coarse source");
    QVERIFY2(std::abs(terrainHeightAt(*engine, centreX + 700, 0) - 100.0) < 0.01,
             "east: the fine source wins");
    QVERIFY2(std::abs(terrainHeightAt(*engine, centreX + 30, 0) - 10.0) < 0.01,
             "the fine one has no data there");

    // Without the coarse source: a tile with no data at all is flat at 0, a tile partly
    // covered fills its gap with its lowest valid height (no sky hole, no cliff to 0).
    engine->removeSource(data::LayerId{6});
    QVERIFY(runUntilIdle(frames, *engine, view));
    QVERIFY(std::abs(terrainHeightAt(*engine, centreX - 700, 0)) < 0.01);
    QVERIFY(std::abs(terrainHeightAt(*engine, centreX + 30, 0) - 100.0) < 0.01);
}

void TestTileEngine::twoViewersShareTheEngine()
{
    TileEngineOptions options = smallOptions();
    options.maxInFlight = 4;
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, options);
    engine->addImagerySource(kImagery, std::make_shared<QuadrantImagery>(kExtent, 8.0, kQuadrants));
    // Two viewers of one scene (e.g. the GUI and an offscreen render), each with its own
    // frame numbers, drawing in turn: neither cancels the other's loads, both refine.
    HeadlessFrames gui, offscreen;
    const data::SavedView a = topDown(-1500, 1500, 250), b = topDown(1500, -1500, 250);
    QElapsedTimer timer;
    timer.start();
    int deepestA = -1, deepestB = -1;
    while ((deepestA < 3 || deepestB < 3 || !engine->isIdle()) && timer.elapsed() < 10000) {
        gui.frame(engine.get(), a);
        deepestA = engine->stats().deepestDrawnLevel;
        offscreen.frame(engine.get(), b);
        deepestB = engine->stats().deepestDrawnLevel;
        QThread::msleep(2);
    }
    QCOMPARE(deepestA, 3);
    QCOMPARE(deepestB, 3);
    QCOMPARE(engine->stats().cancelledTotal, 0LL);
}

namespace {

//! The one geometry of a built tile (MatrixTransform > Geode > Geometry).
const osg::Geometry* tileGeometry(const TileBuildResult& tile)
{
    if (!tile.node || tile.node->getNumChildren() != 1)
        return nullptr;
    const osg::Geode* geode = tile.node->getChild(0)->asGeode();
    return geode && geode->getNumDrawables() == 1 ? geode->getDrawable(0)->asGeometry() : nullptr;
}

} // namespace

void TestTileEngine::tileMeshFollowsTheDem()
{
    // A bowl (curved, so one-sided differences at a tile edge would give other normals than the
    // neighbour's) with a no-data block in the north-west of tile 1/0/0.
    const int cells = 128;
    data::ElevationGrid dem;
    dem.grid = {kExtent, cells, cells};
    const double cell = kExtent.width() / cells;
    dem.heights.resize(size_t(cells) * cells);
    for (int r = 0; r < cells; ++r) {
        for (int c = 0; c < cells; ++c) {
            const double dx = (c + 0.5) * cell - kExtent.width() / 2, dy = kExtent.height() / 2 - (r + 0.5) * cell;
            dem.heights[size_t(r) * cells + size_t(c)] =
                (c < 16 && r < 16) ? std::nanf("") : float(20.0 + 5e-5 * (dx * dx + dy * dy));
        }
    }
    TileBuildContext context;
    context.scheme = kScheme;
    context.origin = kOrigin;
    context.meshQuads = 16;
    context.textureSize = 64;
    context.elevation = {{kElevation, std::make_shared<test::GridElevation>(dem)}};
    const data::TileKey west{1, 0, 0}, east{1, 1, 0};
    const TileBuildResult a = buildTerrainTile(context, west, {}), b = buildTerrainTile(context, east, {});
    QVERIFY(!a.cancelled && !b.cancelled && a.errors.empty() && b.errors.empty());
    const osg::Geometry* ga = tileGeometry(a);
    const osg::Geometry* gb = tileGeometry(b);
    QVERIFY(ga && gb);
    const auto* pa = static_cast<const osg::Vec3Array*>(ga->getVertexArray());
    const auto* pb = static_cast<const osg::Vec3Array*>(gb->getVertexArray());
    const auto* na = static_cast<const osg::Vec3Array*>(ga->getNormalArray());
    const auto* nb = static_cast<const osg::Vec3Array*>(gb->getNormalArray());
    const int n = context.meshQuads + 1;
    QVERIFY(pa->size() > size_t(n) * n && na->size() == pa->size());

    // Surface vertices lie on the DEM (tile-centre relative x/y, absolute z).
    const data::Extent2D ea = kScheme.tileExtent(west);
    for (int j : {n / 2, n - 1}) {
        for (int i : {n / 2, n - 1}) {
            const osg::Vec3f& v = (*pa)[size_t(j) * n + size_t(i)];
            const std::optional<double> z = dem.heightAt(ea.centerX() + v.x(), ea.centerY() + v.y());
            QVERIFY(z);
            QVERIFY2(std::abs(v.z() - *z) < 1e-3, qPrintable(QStringLiteral("%1 vs %2").arg(v.z()).arg(*z)));
        }
    }
    // No data (the NW corner) takes the tile's lowest valid height, which the bowl has at the SE corner.
    const float lowest = (*pa)[size_t(n) * n - 1].z();
    QCOMPARE(float(a.minZ), lowest);
    QCOMPARE((*pa)[0].z(), lowest);
    for (size_t k = 0; k < size_t(n) * n; ++k)
        QVERIFY((*pa)[k].z() >= lowest);
    // Skirts hang max(2 m, skirtRatio × side) below the edge they hide.
    float bottom = std::numeric_limits<float>::max();
    for (const osg::Vec3f& v : *pa)
        bottom = std::min(bottom, v.z());
    QCOMPARE(bottom, lowest - float(context.skirtRatio * kScheme.tileSize(1)));
    // Along the shared edge both tiles have the same vertices and the same normals (no seam in the
    // lighting): both use central differences over a one-vertex border.
    for (int j = 0; j < n; ++j) {
        const size_t ia = size_t(j) * n + size_t(n - 1), ib = size_t(j) * n;
        QVERIFY(std::abs(((*pa)[ia].y() - (*pb)[ib].y())) < 1e-3 && std::abs((*pa)[ia].z() - (*pb)[ib].z()) < 1e-3);
        QVERIFY2(((*na)[ia] - (*nb)[ib]).length() < 1e-5, qPrintable(QString::number(j)));
        QVERIFY((*na)[ia].z() > 0.5f);
    }
    // Inside a tile the normal follows the slope: west of the bowl's centre the ground falls
    // eastwards, so the normal leans east (+x); north of it, it leans south (−y).
    const osg::Vec3f& middle = (*na)[size_t(n / 2) * n + size_t(n / 2)];
    QVERIFY2(middle.x() > 0.05f && middle.y() < -0.05f,
             qPrintable(QStringLiteral("%1 %2 %3").arg(middle.x()).arg(middle.y()).arg(middle.z())));
}

void TestTileEngine::groundOpacitySetsBlending()
{
    osg::ref_ptr<TileEngine> engine = new TileEngine(kScheme, kOrigin, smallOptions());
    auto opacity = [&engine] {
        float v = -1.0f;
        engine->getStateSet()->getUniform("ct_groundOpacity")->get(v);
        return v;
    };
    QCOMPARE(opacity(), 1.0f);
    setTerrainGroundOpacity(engine.get(), 0.4f);
    QCOMPARE(opacity(), 0.4f);
    osg::StateSet* ss = engine->getStateSet();
    QVERIFY(ss->getAttribute(osg::StateAttribute::BLENDFUNC));
    QVERIFY(ss->getAttribute(osg::StateAttribute::DEPTH)); // no depth writes: what is below shows
    QCOMPARE(ss->getRenderingHint(), int(osg::StateSet::TRANSPARENT_BIN));
    setTerrainGroundOpacity(engine.get(), 3.0f); // clamped: opaque again
    QCOMPARE(opacity(), 1.0f);
    QVERIFY(!ss->getAttribute(osg::StateAttribute::BLENDFUNC));
    QVERIFY(!ss->getAttribute(osg::StateAttribute::DEPTH));
    QCOMPARE(ss->getRenderingHint(), int(osg::StateSet::DEFAULT_BIN));
    setTerrainGroundOpacity(nullptr, 0.5f); // no terrain: nothing to do, no crash
}

QTEST_GUILESS_MAIN(TestTileEngine)
#include "tst_tileengine.moc"
