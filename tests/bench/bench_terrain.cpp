// bench_terrain: the paged terrain (scene::TileEngine) in a 1280x720 window, flown from county
// view (~15 km up) down to street level (~150 m over the town centre) and back, over
//   demo:  the demo city's dem.tif + imagery.tif (4 × 4 km, generated on first use), and
//   large: a generated 40 × 40 km DEM (5 m) + 1 m imagery (VRT mosaics, cached in /tmp).
// The camera follows wall-clock time (as a user's fly-over would), eased; it holds still at
// street level and at the end until the engine is idle (fully refined).
//   bench_terrain [DEMO_DIR] [--quick] [--scenario demo|large|all] [--cache DIR] [--size WxH]
//                 [--snapshots DIR]   (PNGs of the view at both stops, to check what was drawn)
// Targets (2-core llvmpipe): no frame over 50 ms caused by loading, refined within 3 s of a stop.

#include "data/TilingScheme.h"
#include "gis/DemoCity.h"
#include "gis/RasterSourceFactory.h"
#include "scene/CityScene.h"
#include "scene/FrameStats.h"
#include "scene/OffscreenRenderer.h"
#include "scene/TileEngine.h"
#include "scene/ViewCamera.h"
#include "tests/bench/BenchWindow.h"
#include "tests/bench/TerrainBenchData.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <osgDB/WriteFile>
#include <vector>

using namespace citytwin;

namespace {

constexpr double kSlowFrameMs = 50.0;

double elapsedMs(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

//! 0 → county view, 1 → street level: range and pitch interpolated so the descent looks steady
//! (range geometric, so every second zooms by the same factor).
data::SavedView flightView(double s)
{
    data::SavedView v;
    v.target = {0.0, 0.0, 5.0};
    v.rangeM = 15000.0 * std::pow(300.0 / 15000.0, s);
    v.pitchDeg = -80.0 + 50.0 * s; // -30° at 300 m: the eye ~150 m up
    v.headingDeg = 60.0 * s;
    return v;
}

double ease(double u)
{
    u = std::clamp(u, 0.0, 1.0);
    return u * u * (3.0 - 2.0 * u);
}

struct Options
{
    bool quick = false;
    QString scenario = QStringLiteral("all");
    QString demoDir;
    QString cacheDir = QDir::tempPath() + QStringLiteral("/citytwin-bench-terrain");
    QString snapshotDir;
    int width = 1280;
    int height = 720;
};

//! What one scenario measured.
struct Run
{
    std::vector<double> frameMs; // every frame after the first
    std::vector<unsigned> draws;
    unsigned long long maxTriangles = 0;
    int slowFrames = 0;
    int slowFramesMerging = 0;   // slow frames in which tiles were merged (textures uploaded)
    std::vector<double> quietMs; // frames that merged nothing: the cost of drawing alone
    double maxMergeMs = 0.0;
    double firstFrameMs = 0.0;
    double streetRefineMs = -1.0; // -1: not idle within the hold limit
    double endRefineMs = -1.0;
    scene::TileEngine::Stats streetStats;
};

//! Copies the back buffer into an image after the camera drew.
struct ReadBack : osg::Camera::DrawCallback
{
    ReadBack(osg::Image* image, int width, int height) : m_image(image), m_width(width), m_height(height) {}
    void operator()(osg::RenderInfo&) const override
    {
        m_image->readPixels(0, 0, m_width, m_height, GL_RGB, GL_UNSIGNED_BYTE);
    }
    osg::Image* m_image;
    int m_width;
    int m_height;
};

class Flight
{
public:
    Flight(osgViewer::Viewer& viewer, scene::TileEngine& engine, const Options& o, QString name)
        : m_viewer(viewer), m_engine(engine), m_options(o), m_name(std::move(name))
    {
    }

    Run fly()
    {
        const double legMs = m_options.quick ? 6000.0 : 10000.0;
        aim(flightView(0.0));
        QElapsedTimer t;
        t.start();
        m_viewer.frame();
        m_run.firstFrameMs = elapsedMs(t);
        leg(legMs, [](double u) { return ease(u); });
        m_run.streetRefineMs = hold();
        snapshot(QStringLiteral("street"));
        m_run.streetStats = m_engine.stats();
        leg(legMs, [](double u) { return 1.0 - ease(u); });
        m_run.endRefineMs = hold();
        snapshot(QStringLiteral("county"));
        return m_run;
    }

private:
    void aim(const data::SavedView& v)
    {
        scene::applyViewToCamera(*m_viewer.getCamera(), m_engine, v, scene::OffscreenRenderer::kFovyDeg,
                                 double(m_options.width) / double(m_options.height));
    }

    void frame()
    {
        QElapsedTimer t;
        t.start();
        m_viewer.frame();
        const double ms = elapsedMs(t);
        m_run.frameMs.push_back(ms);
        const scene::TileEngine::Stats stats = m_engine.stats();
        m_run.maxMergeMs = std::max(m_run.maxMergeMs, stats.lastMergeMs);
        const bool merged = stats.loadedTotal != m_loaded;
        m_loaded = stats.loadedTotal;
        if (!merged)
            m_run.quietMs.push_back(ms);
        if (ms > kSlowFrameMs) {
            ++m_run.slowFrames;
            if (merged)
                ++m_run.slowFramesMerging;
        }
        const scene::FrameStats s = scene::frameStats(m_viewer.getCamera());
        m_run.draws.push_back(s.drawCalls);
        m_run.maxTriangles = std::max(m_run.maxTriangles, s.triangles);
    }

    template <class Path> void leg(double durationMs, Path path)
    {
        QElapsedTimer t;
        t.start();
        for (double now = 0.0; now < durationMs; now = elapsedMs(t)) {
            aim(flightView(path(now / durationMs)));
            frame();
        }
        aim(flightView(path(1.0)));
    }

    //! One more frame read back into DIR/<scenario>-<stop>.png (outside the timed frames).
    void snapshot(const QString& stop)
    {
        if (m_options.snapshotDir.isEmpty())
            return;
        osg::ref_ptr<osg::Image> image = new osg::Image;
        osg::ref_ptr<ReadBack> readBack = new ReadBack(image.get(), m_options.width, m_options.height);
        m_viewer.getCamera()->setFinalDrawCallback(readBack.get());
        m_viewer.frame();
        m_viewer.getCamera()->setFinalDrawCallback(nullptr);
        QDir().mkpath(m_options.snapshotDir);
        const QString path = QStringLiteral("%1/%2-%3.png").arg(m_options.snapshotDir, m_name, stop);
        if (!osgDB::writeImageFile(*image, path.toStdString()))
            std::fprintf(stderr, "bench_terrain: cannot write %s\n", qPrintable(path));
    }

    //! Frames with a still camera until the engine is idle; ms from the stop, -1 past the limit.
    double hold()
    {
        const double limitMs = m_options.quick ? 30000.0 : 60000.0;
        QElapsedTimer t;
        t.start();
        while (elapsedMs(t) < limitMs) {
            frame();
            if (m_engine.isIdle())
                return elapsedMs(t);
        }
        return -1.0;
    }

    osgViewer::Viewer& m_viewer;
    scene::TileEngine& m_engine;
    const Options& m_options;
    QString m_name;
    Run m_run;
    long long m_loaded = 0;
};

QString refineText(double ms)
{
    return ms < 0 ? QStringLiteral("not idle within the hold limit")
                  : QStringLiteral("%1 ms").arg(ms, 0, 'f', 0);
}

int runScenario(const QString& tag, const QString& name, const bench::TerrainFiles& files,
                const data::ProjectedPoint& origin, const Options& o)
{
    gis::RasterSourceOptions sourceOptions;
    sourceOptions.projectCrs = QStringLiteral("EPSG:4549");
    sourceOptions.origin = origin;
    QElapsedTimer opening;
    opening.start();
    auto dem = gis::openElevationSource(files.dem, sourceOptions);
    auto imagery = gis::openImagerySource(files.imagery, sourceOptions);
    if (!dem || !imagery) {
        std::fprintf(stderr, "bench_terrain: %s\n",
                     qPrintable(dem ? imagery.status().message() : dem.status().message()));
        return 1;
    }
    const double openMs = elapsedMs(opening);
    const data::TilingScheme scheme = data::TilingScheme::covering((*dem)->info().extent);
    osg::ref_ptr<scene::TileEngine> engine = new scene::TileEngine(scheme, origin);
    int layerErrors = 0;
    engine->setLayerErrorCallback([&layerErrors](data::LayerId id, const QString& message) {
        ++layerErrors;
        std::fprintf(stderr, "bench_terrain: layer %lld failed: %s\n", static_cast<long long>(id.value),
                     qPrintable(message));
    });
    engine->addElevationSource(data::LayerId{1}, *dem);
    engine->addImagerySource(data::LayerId{2}, *imagery);

    auto viewer = bench::openBenchWindow(o.width, o.height);
    if (!viewer) {
        std::fprintf(stderr, "bench_terrain: %s\n", qPrintable(viewer.status().message()));
        return 1;
    }
    (*viewer)->getCamera()->setClearColor(scene::CityScene::clearColour());
    (*viewer)->setSceneData(engine.get());
    const Run run = Flight(**viewer, *engine, o, tag).fly();
    const scene::TileEngine::Stats end = engine->stats();
    (*viewer)->setSceneData(nullptr);
    engine->shutdown();

    const double meanMs =
        std::accumulate(run.frameMs.begin(), run.frameMs.end(), 0.0) / double(run.frameMs.size());
    const double meanDraws = std::accumulate(run.draws.begin(), run.draws.end(), 0.0) /
                             double(std::max<size_t>(run.draws.size(), 1));
    std::printf("bench_terrain  %dx%d  scenario %s%s\n", o.width, o.height, qPrintable(name),
                o.quick ? "  (quick path)" : "");
    std::printf("  dem / imagery                %s (%.1f m) / %s (%.2f m)\n",
                qPrintable(QFileInfo(files.dem).fileName()), (*dem)->info().resolution,
                qPrintable(QFileInfo(files.imagery).fileName()), (*imagery)->info().resolution);
    std::printf("  sources opened               %8.1f ms\n", openMs);
    std::printf("  scheme                       %d x %d roots of %.0f m\n", scheme.rootCols(),
                scheme.rootRows(), scheme.rootSize());
    std::printf("  first frame                  %8.1f ms\n", run.firstFrameMs);
    std::printf("  frames                       %8zu\n", run.frameMs.size());
    std::printf("  frame mean / p99 / max       %8.2f / %.2f / %.2f ms\n", meanMs,
                percentile(run.frameMs, 0.99), percentile(run.frameMs, 1.0));
    std::printf("  frames > %.0f ms              %8d  (%d of them merged tiles; update merge max %.2f ms)\n",
                kSlowFrameMs, run.slowFrames, run.slowFramesMerging, run.maxMergeMs);
    std::printf("  frames merging nothing       %8zu  p99 / max %.2f / %.2f ms (drawing alone)\n",
                run.quietMs.size(), percentile(run.quietMs, 0.99), percentile(run.quietMs, 1.0));
    std::printf("  refined after street stop    %s  (deepest level %d, %d tiles drawn)  (target < 3000 ms)\n",
                qPrintable(refineText(run.streetRefineMs)), run.streetStats.deepestDrawnLevel,
                run.streetStats.drawnTiles);
    std::printf("  refined after final stop     %s\n", qPrintable(refineText(run.endRefineMs)));
    std::printf("  tiles loaded / cancelled / evicted / failed   %lld / %lld / %lld / %lld\n",
                end.loadedTotal, end.cancelledTotal, end.evictedTotal, end.failedTotal);
    std::printf("  resident tiles / memory      %8d / %.0f MiB\n", end.residentTiles,
                double(end.memoryBytes) / (1024.0 * 1024.0));
    std::printf("  draw calls mean / max        %8.1f / %u   triangles max %llu\n", meanDraws,
                run.draws.empty() ? 0u : *std::max_element(run.draws.begin(), run.draws.end()),
                run.maxTriangles);
    std::printf("  RSS now / peak               %8.0f / %.0f MiB (peak of the whole process)\n",
                bench::currentRssMiB(), bench::peakRssMiB());
    std::fflush(stdout);
    return layerErrors == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    Options o;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--quick"))
            o.quick = true;
        else if (a == QLatin1String("--scenario") && i + 1 < args.size())
            o.scenario = args[++i];
        else if (a == QLatin1String("--snapshots") && i + 1 < args.size())
            o.snapshotDir = args[++i];
        else if (a == QLatin1String("--cache") && i + 1 < args.size())
            o.cacheDir = args[++i];
        else if (a == QLatin1String("--size") && i + 1 < args.size()) {
            const QStringList wh = args[++i].split(QLatin1Char('x'));
            o.width = std::max(64, wh.value(0).toInt());
            o.height = std::max(64, wh.value(1).toInt());
        } else if (!a.startsWith(QLatin1String("--")))
            o.demoDir = a;
        else {
            std::fprintf(stderr, "usage: bench_terrain [DEMO_DIR] [--quick] [--scenario demo|large|all] "
                                 "[--cache DIR] [--size WxH] [--snapshots DIR]\n");
            return 2;
        }
    }
    const bool demo = o.scenario == QLatin1String("demo") || o.scenario == QLatin1String("all");
    const bool large = o.scenario == QLatin1String("large") || o.scenario == QLatin1String("all");
    if (!demo && !large) {
        std::fprintf(stderr, "bench_terrain: unknown scenario %s (demo, large or all)\n",
                     qPrintable(o.scenario));
        return 2;
    }
    const auto origin = gis::demoCityOrigin();
    if (!origin) {
        std::fprintf(stderr, "bench_terrain: %s\n", qPrintable(origin.status().message()));
        return 1;
    }
    int rc = 0;
    if (demo) {
        QElapsedTimer gen;
        gen.start();
        const QString dir = o.demoDir.isEmpty() ? o.cacheDir + QStringLiteral("/demo") : o.demoDir;
        const auto files = bench::demoTerrainFiles(dir);
        if (!files) {
            std::fprintf(stderr, "bench_terrain: %s\n", qPrintable(files.status().message()));
            return 1;
        }
        std::printf("demo rasters ready in %.0f ms (%s)\n", elapsedMs(gen), qPrintable(dir));
        rc |= runScenario(QStringLiteral("demo"), QStringLiteral("demo (4 x 4 km)"), *files, *origin, o);
    }
    if (large) {
        QElapsedTimer gen;
        gen.start();
        const auto files = bench::largeTerrainFiles(o.cacheDir + QStringLiteral("/large-40km-v2"), *origin);
        if (!files) {
            std::fprintf(stderr, "bench_terrain: %s\n", qPrintable(files.status().message()));
            return 1;
        }
        std::printf("large rasters ready in %.0f ms\n", elapsedMs(gen));
        rc |= runScenario(QStringLiteral("large"), QStringLiteral("large (40 x 40 km, 1 m imagery)"), *files,
                          *origin, o);
    }
    return rc;
}
