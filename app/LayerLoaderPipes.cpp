#include "app/LayerLoader.h"

#include "data/PipeMapping.h"
#include "gis/GdalEnvironment.h"
#include "gis/PipeReader.h"
#include "scene/PipeBuilder.h"
#include "scene/PipeNetworkIndex.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <cmath>

// Pipe networks: OGR lines mapped to pipes, hung under the terrain by their depth, built as tubes.

namespace citytwin::app::loader {

namespace {

using data::Status;

struct PipeLoader
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::PipeLoader)
};

//! The mapping kept in LAYER's style ("pipeMapping"); without one, a mapping guessed from PATH's
//! field names (English or Chinese: depth_m/埋深, 管径, 材质…): a user's explicit mapping must name
//! real fields, a guess need not.
data::PipeMapping layerMapping(const data::LayerSettings& layer, const QString& path)
{
    data::PipeMapping mapping;
    const QJsonObject json = layer.style.value(QStringLiteral("pipeMapping")).toObject();
    if (!json.isEmpty()) {
        data::fromJson(json, mapping);
        return mapping;
    }
    auto guessed = gis::guessPipeMapping(path);
    return guessed ? *guessed : mapping; // a file that cannot be read reports itself in readPipes
}

} // namespace

//! Longest step of a pipe hung under the terrain: its centre line follows the ground this closely.
constexpr double kFollowStepM = 5.0; // also said in LayerLoader.h

void hangUnderTerrain(std::vector<data::PipeLine>& pipes, const data::ElevationGrid* dem)
{
    auto ground = [dem](double x, double y) {
        return (dem ? dem->heightAt(x, y) : std::nullopt).value_or(0.0);
    };
    for (data::PipeLine& pipe : pipes) {
        if (pipe.points.empty() || !std::isnan(pipe.points.front().z))
            continue;
        std::vector<data::ProjectedPoint> followed;
        followed.reserve(pipe.points.size() * 4);
        for (size_t i = 0; i < pipe.points.size(); ++i) {
            const data::ProjectedPoint& a = pipe.points[i];
            followed.push_back({a.x, a.y, ground(a.x, a.y) - pipe.depthM});
            if (i + 1 == pipe.points.size())
                break;
            const data::ProjectedPoint& b = pipe.points[i + 1];
            const int steps = int(std::ceil(std::hypot(b.x - a.x, b.y - a.y) / kFollowStepM));
            for (int k = 1; k < steps; ++k) {
                const double t = double(k) / steps;
                const double x = a.x + t * (b.x - a.x), y = a.y + t * (b.y - a.y);
                followed.push_back({x, y, ground(x, y) - pipe.depthM});
            }
        }
        pipe.points = std::move(followed);
    }
}

data::Result<gis::PipeReadResult> readLayerPipes(const data::LayerSettings& layer, const JobContext& ctx,
                                                const data::ElevationGrid* dem)
{
    const QString path = resolveSource(layer.sourceUri, ctx.projectFile);
    if (!gis::isNetworkSource(path) && !QFileInfo(path).isFile())
        return Status::error(Status::Code::NotFound,
                             PipeLoader::tr("%1: file not found").arg(QDir::toNativeSeparators(path)));
    auto read = gis::readPipes(path, ctx.crs, layerMapping(layer, path), layer.style.value(QStringLiteral("sourceCrs")).toString());
    if (!read)
        return read.status();
    if (ctx.cancelled())
        return Status::error(Status::Code::Cancelled, PipeLoader::tr("loading cancelled"));
    if (read->pipes.empty())
        return Status::error(Status::Code::FormatError,
                             PipeLoader::tr("%1: no pipes to draw (%2 features, %3 skipped%4)")
                                 .arg(QDir::toNativeSeparators(path))
                                 .arg(read->report.featuresRead)
                                 .arg(read->report.skipped)
                                 .arg(read->report.skipReasons.isEmpty() ? QString()
                                                                         : QStringLiteral(": ") + read->report.skipReasons.first()));
    hangUnderTerrain(read->pipes, dem);
    return read;
}

NodeResult loadPipes(const data::LayerSettings& layer, const JobContext& ctx, const data::ElevationGrid* dem)
{
    auto read = readLayerPipes(layer, ctx, dem);
    if (!read)
        return read.status();
    osg::ref_ptr<osg::Node> node = scene::buildPipes(read->pipes, ctx.origin);
    if (!node)
        return Status::error(Status::Code::Internal,
                             PipeLoader::tr("%1: the pipes could not be built").arg(resolveSource(layer.sourceUri, ctx.projectFile)));
    if (read->report.skipped > 0) {
        const QString note = PipeLoader::tr("%1 of %2 pipes skipped: %3")
                                 .arg(read->report.skipped)
                                 .arg(read->report.featuresRead)
                                 .arg(read->report.skipReasons.mid(0, 5).join(QStringLiteral("; ")));
        node->setUserValue(kLayerWarningKey, note.toStdString());
    }
    // Sections, clearances, filters and manhole depths need the centre lines, not only the tubes.
    scene::attachPipeNetworkIndex(node.get(), new scene::PipeNetworkIndex(std::move(read->pipes)));
    return node;
}

} // namespace citytwin::app::loader
