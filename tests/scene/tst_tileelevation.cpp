// TileEngine elevation without GL: reloads after elevation changes, the finest elevation wins,
// two viewers share one engine, one tile's mesh (heights, no-data fill, skirts, normals across
// tile edges) and the ground see-through state.
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

class TestTileElevation : public QObject
{
    Q_OBJECT

private slots:
    void elevationChangesReload();
    void finestElevationWins();
    void twoViewersShareTheEngine();
    void tileMeshFollowsTheDem();
    void groundOpacitySetsBlending();
};

void TestTileElevation::elevationChangesReload()
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

void TestTileElevation::finestElevationWins()
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

void TestTileElevation::twoViewersShareTheEngine()
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

void TestTileElevation::tileMeshFollowsTheDem()
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

void TestTileElevation::groundOpacitySetsBlending()
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

QTEST_GUILESS_MAIN(TestTileElevation)
#include "tst_tileelevation.moc"
