#include "app/GuiLog.h"
#include "app/LayerLoader.h"
#include "data/ManholeDepth.h"
#include "gis/GdalEnvironment.h"
#include "gis/UndergroundReader.h"
#include "scene/FacilityBuilder.h"
#include "scene/UndergroundSpaceBuilder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <cmath>

// Point facilities (manholes, valves, hydrants) and underground spaces (utility tunnels, parking,
// shelters): read, put under the terrain, built.

namespace citytwin::app::loader {

namespace {

using data::Status;

struct UndergroundLoader
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::UndergroundLoader)
};

//! A sump below the deepest connected pipe, as drainage chambers are built.
constexpr double kSumpM = 0.3;
//! Connection reach in plan beyond a pipe's wall: survey points and line ends rarely coincide.
constexpr double kConnectionToleranceM = 1.0;
constexpr double kDefaultShaftDepthM = 2.0;

double groundAt(const data::ElevationGrid* dem, double x, double y)
{
    return (dem ? dem->heightAt(x, y) : std::nullopt).value_or(0.0);
}

//! PATH as a local file that exists (network sources pass), else the NotFound status.
Status checkSource(const QString& path)
{
    if (!gis::isNetworkSource(path) && !QFileInfo(path).isFile())
        return Status::error(Status::Code::NotFound,
                             UndergroundLoader::tr("%1: file not found").arg(QDir::toNativeSeparators(path)));
    return Status::ok();
}

//! The "N of M WHAT skipped: reasons" note for the layer panel, or "".
QString skipNote(const gis::UndergroundReadReport& report, const QString& what)
{
    if (report.skipped == 0)
        return {};
    return UndergroundLoader::tr("%1 of %2 %3 skipped: %4")
        .arg(report.skipped)
        .arg(report.featuresRead)
        .arg(what, report.skipReasons.mid(0, 5).join(QStringLiteral("; ")));
}

Status nothingToDraw(const QString& path, const gis::UndergroundReadReport& report, const QString& what)
{
    return Status::error(Status::Code::FormatError,
                         UndergroundLoader::tr("%1: no %2 to draw (%3 features, %4 skipped%5)")
                             .arg(QDir::toNativeSeparators(path), what)
                             .arg(report.featuresRead)
                             .arg(report.skipped)
                             .arg(report.skipReasons.isEmpty()
                                      ? QString()
                                      : QStringLiteral(": ") + report.skipReasons.first()));
}

//! Plan centroid of RING (area-weighted; the vertex mean for a degenerate ring).
data::ProjectedPoint centroidOf(const std::vector<data::ProjectedPoint>& ring)
{
    double a2 = 0.0, cx = 0.0, cy = 0.0, mx = 0.0, my = 0.0;
    const data::ProjectedPoint& o = ring.front(); // relative to the first point: no cancellation
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const data::ProjectedPoint& p = ring[i];
        const data::ProjectedPoint& q = ring[(i + 1) % ring.size()];
        const double px = p.x - o.x, py = p.y - o.y, qx = q.x - o.x, qy = q.y - o.y;
        const double cross = px * qy - qx * py;
        a2 += cross;
        cx += (px + qx) * cross;
        cy += (py + qy) * cross;
        mx += px;
        my += py;
    }
    if (std::abs(a2) < 1e-9)
        return {o.x + mx / double(ring.size()), o.y + my / double(ring.size()), 0.0};
    return {o.x + cx / (3.0 * a2), o.y + cy / (3.0 * a2), 0.0};
}

} // namespace

NodeResult loadManholes(const data::LayerSettings& layer, const JobContext& ctx,
                        const data::ElevationGrid* dem, const std::vector<data::LayerSettings>& pipeLayers)
{
    const QString path = resolveSource(layer.sourceUri, ctx.projectFile);
    if (Status s = checkSource(path); !s.isOk())
        return s;
    auto read =
        gis::readPointFacilities(path, ctx.crs, layer.style.value(QStringLiteral("sourceCrs")).toString());
    if (!read)
        return read.status();
    if (read->facilities.empty())
        return nothingToDraw(path, read->report, UndergroundLoader::tr("facilities"));

    std::vector<data::PointFacility>& facilities = read->facilities;
    std::vector<data::ProjectedPoint> positions;
    positions.reserve(facilities.size());
    for (data::PointFacility& f : facilities) {
        if (!std::isfinite(f.position.z))
            f.position.z = groundAt(dem, f.position.x, f.position.y);
        positions.push_back(f.position);
    }

    // The pipes as loadPipes draws them (hung under the same DEM), so a shaft meets its pipes.
    std::vector<data::PipeLine> pipes;
    for (const data::LayerSettings& pipeLayer : pipeLayers) {
        if (ctx.cancelled())
            break;
        auto layerPipes = readLayerPipes(pipeLayer, ctx, dem);
        if (!layerPipes) {
            // That layer reports its own failure; the shafts fall back to their depths.
            qCInfo(lcGui) << "manholes: pipe layer" << pipeLayer.name
                          << "ignored:" << layerPipes.status().message();
            continue;
        }
        pipes.insert(pipes.end(), std::make_move_iterator(layerPipes->pipes.begin()),
                     std::make_move_iterator(layerPipes->pipes.end()));
    }
    if (ctx.cancelled())
        return Status::error(Status::Code::Cancelled, UndergroundLoader::tr("loading cancelled"));
    const std::vector<std::optional<double>> bottoms =
        data::deepestConnectedPipeBottoms(positions, pipes, kConnectionToleranceM);
    for (std::size_t i = 0; i < facilities.size(); ++i) {
        data::PointFacility& f = facilities[i];
        double depth = std::isfinite(f.depthM) && f.depthM > 0.0 ? f.depthM : kDefaultShaftDepthM;
        if (bottoms[i] && f.position.z - (*bottoms[i] - kSumpM) > 0.0)
            depth = f.position.z - (*bottoms[i] - kSumpM);
        f.depthM = depth; // the builder's shaft depth: surface down to the bottom chosen here
    }

    osg::ref_ptr<osg::Node> node = scene::buildFacilities(facilities, ctx.origin);
    if (!node)
        return Status::error(Status::Code::Internal,
                             UndergroundLoader::tr("%1: the facilities could not be built").arg(path));
    if (const QString note = skipNote(read->report, UndergroundLoader::tr("facilities")); !note.isEmpty())
        node->setUserValue(kLayerWarningKey, note.toStdString());
    return node;
}

NodeResult loadUndergroundSpaces(const data::LayerSettings& layer, const JobContext& ctx,
                                 const data::ElevationGrid* dem)
{
    const QString path = resolveSource(layer.sourceUri, ctx.projectFile);
    if (Status s = checkSource(path); !s.isOk())
        return s;
    auto read =
        gis::readUndergroundSpaces(path, ctx.crs, layer.style.value(QStringLiteral("sourceCrs")).toString());
    if (!read)
        return read.status();
    if (ctx.cancelled())
        return Status::error(Status::Code::Cancelled, UndergroundLoader::tr("loading cancelled"));
    if (read->spaces.empty())
        return nothingToDraw(path, read->report, UndergroundLoader::tr("underground spaces"));
    for (data::UndergroundSpace& s : read->spaces) {
        const data::ProjectedPoint c = centroidOf(s.outer);
        s.topZ = groundAt(dem, c.x, c.y) - s.topDepthM;
    }
    osg::ref_ptr<osg::Node> node = scene::buildUndergroundSpaces(read->spaces, ctx.origin);
    if (const QString note = skipNote(read->report, UndergroundLoader::tr("underground spaces"));
        !note.isEmpty())
        node->setUserValue(kLayerWarningKey, note.toStdString());
    return node;
}

} // namespace citytwin::app::loader
