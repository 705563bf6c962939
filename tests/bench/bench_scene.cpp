// bench_scene: the demo home view at 1280x720 — time to first frame after the project opens,
// frame times over a scripted 300-frame orbit, draw calls, triangles, RSS.
//   bench_scene [PROJECT.citytwin] [--frames N] [--size WxH]
// Without PROJECT it generates the default demo city into a temporary folder first.
// Targets (2-core llvmpipe): first frame < 2 s after open, >= 30 fps, <= 100 draw calls.

#include "app/ProjectSession.h"
#include "gis/DemoCity.h"
#include "scene/CityScene.h"
#include "scene/FrameStats.h"
#include "scene/OffscreenRenderer.h"
#include "scene/ViewCamera.h"
#include "tests/bench/BenchWindow.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <vector>

using namespace citytwin;

namespace {

double elapsedMs(const QElapsedTimer& t) { return double(t.nsecsElapsed()) / 1e6; }

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return v[i];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int frames = 300, width = 1280, height = 720;
    QString projectPath;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--frames") && i + 1 < args.size())
            frames = std::max(10, args[++i].toInt());
        else if (args[i] == QLatin1String("--size") && i + 1 < args.size()) {
            const QStringList wh = args[++i].split(QLatin1Char('x'));
            width = wh.value(0).toInt();
            height = wh.value(1).toInt();
        } else
            projectPath = args[i];
    }

    QTemporaryDir tmp;
    if (projectPath.isEmpty()) {
        QElapsedTimer gen;
        gen.start();
        auto made = gis::makeDemoCity(tmp.path());
        if (!made) {
            std::fprintf(stderr, "bench_scene: %s\n", qPrintable(made.status().message()));
            return 1;
        }
        projectPath = made.value();
        std::printf("demo generation (20k buildings, 100k events, 1k people): %.0f ms\n", elapsedMs(gen));
    }

    QElapsedTimer sinceOpen;
    sinceOpen.start();
    auto session = app::ProjectSession::open(projectPath, app::ProjectSession::OpenMode::ReadOnly);
    if (!session) {
        std::fprintf(stderr, "bench_scene: %s\n", qPrintable(session.status().message()));
        return 1;
    }
    const double openMs = elapsedMs(sinceOpen);
    if (auto st = (*session)->loadAllBlocking(); !st) {
        std::fprintf(stderr, "bench_scene: %s\n", qPrintable(st.message()));
        return 1;
    }
    const double loadedMs = elapsedMs(sinceOpen);

    auto viewer = bench::openBenchWindow(width, height);
    if (!viewer) {
        std::fprintf(stderr, "bench_scene: %s\n", qPrintable(viewer.status().message()));
        return 1;
    }
    scene::CityScene& city = (*session)->scene();
    osg::Node* root = city.root();
    (*viewer)->getCamera()->setClearColor(scene::CityScene::clearColour());
    (*viewer)->setSceneData(root);
    const auto aim = [&](const data::SavedView& v) {
        scene::applyViewToCamera(*(*viewer)->getCamera(), *root, v, scene::OffscreenRenderer::kFovyDeg,
                                 double(width) / double(height));
    };
    const data::SavedView* homePtr = (*session)->project().view(QStringLiteral("home"));
    const data::SavedView home = homePtr ? *homePtr : data::SavedView{};
    aim(home);
    QElapsedTimer first;
    first.start();
    (*viewer)->frame();
    const double firstFrameMs = elapsedMs(first);
    const double timeToFirstFrameMs = elapsedMs(sinceOpen);
    const scene::FrameStats homeStats = scene::frameStats((*viewer)->getCamera());

    // Scripted orbit: one full turn around the home target, the clock advancing 2 s per frame.
    std::vector<double> frameMs;
    frameMs.reserve(size_t(frames));
    unsigned maxDraws = 0;
    unsigned long long maxTris = 0;
    const data::TimeMs t0 = city.time();
    for (int i = 0; i < frames; ++i) {
        data::SavedView v = home;
        v.headingDeg = home.headingDeg + 360.0 * double(i) / double(frames);
        aim(v);
        city.setTime(t0 + data::TimeMs(i) * 2000);
        QElapsedTimer t;
        t.start();
        (*viewer)->frame();
        frameMs.push_back(elapsedMs(t));
        const scene::FrameStats s = scene::frameStats((*viewer)->getCamera());
        maxDraws = std::max(maxDraws, s.drawCalls);
        maxTris = std::max(maxTris, s.triangles);
    }
    const double mean = std::accumulate(frameMs.begin(), frameMs.end(), 0.0) / double(frameMs.size());

    std::printf("bench_scene  %dx%d  project %s\n", width, height, qPrintable(projectPath));
    std::printf("  project open                 %8.1f ms\n", openMs);
    std::printf("  layers loaded (blocking)     %8.1f ms after open\n", loadedMs);
    std::printf("  first frame (upload)         %8.1f ms\n", firstFrameMs);
    std::printf("  time to first frame          %8.1f ms after open   (target < 2000)\n", timeToFirstFrameMs);
    std::printf("  orbit frames                 %8d\n", frames);
    std::printf("  frame mean / p95 / max       %8.2f / %.2f / %.2f ms\n", mean, percentile(frameMs, 0.95),
                percentile(frameMs, 1.0));
    std::printf("  fps (mean)                   %8.1f          (target >= 30)\n", 1000.0 / mean);
    std::printf("  draw calls home / orbit max  %8u / %u      (target <= 100)\n", homeStats.drawCalls, maxDraws);
    std::printf("  triangles home / orbit max   %8llu / %llu\n", homeStats.triangles, maxTris);
    // Per-layer share of the home view: each layer drawn alone.
    aim(home);
    city.setTime(t0);
    for (const data::LayerSettings& layer : (*session)->project().layers()) {
        if (!city.hasLayer(layer.id))
            continue;
        for (const data::LayerSettings& other : (*session)->project().layers())
            if (city.hasLayer(other.id))
                city.setLayerVisible(other.id, other.id == layer.id);
        (*viewer)->frame();
        QElapsedTimer t;
        t.start();
        constexpr int kLayerFrames = 20;
        for (int i = 0; i < kLayerFrames; ++i)
            (*viewer)->frame();
        const double ms = elapsedMs(t) / kLayerFrames;
        const scene::FrameStats s = scene::frameStats((*viewer)->getCamera());
        std::printf("  layer %-22s draws %4u  triangles %8llu  %6.2f ms/frame alone\n", qPrintable(layer.name),
                    s.drawCalls, s.triangles, ms);
    }
    std::printf("  RSS now / peak               %8.0f / %.0f MiB\n", bench::currentRssMiB(), bench::peakRssMiB());
    (*viewer)->setSceneData(nullptr);
    return 0;
}
