#include "app/LayerLoader.h"

#include "data/ProjectStore.h"
#include "gis/FootprintReader.h"
#include "gis/GdalEnvironment.h"
#include "gis/RasterReader.h"
#include "scene/SceneBuilders.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <limits>

namespace citytwin::app::loader {

namespace {

using data::Status;

struct LayerLoader
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::LayerLoader)
};


//! A missing file is the most common failure: say so with the path, before GDAL's generic message.
Status checkFile(const QString& path, const data::LayerSettings& layer)
{
    if (path.isEmpty())
        return Status::error(Status::Code::InvalidArgument,
                             LayerLoader::tr("layer '%1' has no source file").arg(layer.name));
    if (!QFileInfo(path).isFile())
        return Status::error(Status::Code::NotFound,
                             LayerLoader::tr("%1: file not found").arg(QDir::toNativeSeparators(path)));
    return Status::ok();
}

bool insideRing(const std::vector<data::ProjectedPoint>& ring, double x, double y)
{
    bool inside = false;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const auto& a = ring[i];
        const auto& b = ring[j];
        if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x)
            inside = !inside;
    }
    return inside;
}

} // namespace

Status cancelledStatus()
{
    return Status::error(Status::Code::Cancelled, LayerLoader::tr("loading cancelled"));
}

Status checkStoreSource(const data::LayerSettings& layer, const char* storeUri, const QString& what)
{
    if (layer.sourceUri == QLatin1String(storeUri))
        return Status::ok();
    return Status::error(Status::Code::Unsupported,
                         LayerLoader::tr("%1 can only come from the project file (source '%2'), not '%3'")
                             .arg(what, QLatin1String(storeUri), layer.sourceUri));
}

data::Result<std::unique_ptr<data::ProjectStore>> openStoreSource(const data::LayerSettings& layer,
                                                                  const JobContext& ctx, const char* storeUri,
                                                                  const QString& what)
{
    if (Status source = checkStoreSource(layer, storeUri, what); !source)
        return source;
    return data::ProjectStore::open(ctx.projectFile, data::ProjectStore::Mode::ReadOnly);
}

void putOnGround(data::ProjectedPoint& p, const data::ElevationGrid* dem)
{
    if (!dem || p.z != 0.0)
        return;
    if (const std::optional<double> h = dem->heightAt(p.x, p.y))
        p.z = *h;
}

QString resolveSource(const QString& uri, const QString& projectFile)
{
    if (uri.isEmpty())
        return {};
    if (uri.startsWith(QLatin1String("store:")) || gis::isNetworkSource(uri))
        return uri; // not a file: a table of the project file, a service or a database connection
    if (QDir::isAbsolutePath(uri))
        return QDir::cleanPath(uri);
    return QDir::cleanPath(QFileInfo(projectFile).absoluteDir().filePath(uri));
}

data::Result<data::ElevationGrid> loadElevation(const data::LayerSettings& layer, const JobContext& ctx)
{
    const QString path = resolveSource(layer.sourceUri, ctx.projectFile);
    if (Status s = checkFile(path, layer); !s)
        return s;
    if (ctx.cancelled())
        return cancelledStatus();
    return gis::readElevation(path, ctx.crs, std::nullopt, kMaxDemCells);
}

void drapeFootprints(std::vector<data::Footprint>& footprints, const data::ElevationGrid& dem)
{
    const data::GridGeometry& g = dem.grid;
    const double cx = g.cellX();
    const double cy = g.cellY();
    if (g.width <= 0 || g.height <= 0 || cx <= 0 || cy <= 0)
        return;
    for (data::Footprint& fp : footprints) {
        if (fp.outer.size() < 3)
            continue;
        double lowest = std::numeric_limits<double>::infinity();
        double minX = fp.outer[0].x, maxX = minX, minY = fp.outer[0].y, maxY = minY;
        for (const auto& p : fp.outer) {
            if (auto h = dem.heightAt(p.x, p.y))
                lowest = std::min(lowest, *h);
            minX = std::min(minX, p.x);
            maxX = std::max(maxX, p.x);
            minY = std::min(minY, p.y);
            maxY = std::max(maxY, p.y);
        }
        // DEM cell centres inside the footprint catch a dip that no vertex touches.
        const int c0 = std::max(0, int(std::ceil((minX - g.extent.minX) / cx - 0.5)));
        const int c1 = std::min(g.width - 1, int(std::floor((maxX - g.extent.minX) / cx - 0.5)));
        const int r0 = std::max(0, int(std::ceil((g.extent.maxY - maxY) / cy - 0.5)));
        const int r1 = std::min(g.height - 1, int(std::floor((g.extent.maxY - minY) / cy - 0.5)));
        for (int r = r0; r <= r1; ++r) {
            const double y = g.extent.maxY - (r + 0.5) * cy;
            for (int c = c0; c <= c1; ++c) {
                const double x = g.extent.minX + (c + 0.5) * cx;
                const float h = dem.at(c, r);
                if (!std::isnan(h) && insideRing(fp.outer, x, y))
                    lowest = std::min(lowest, double(h));
            }
        }
        if (std::isfinite(lowest))
            fp.baseZ = lowest;
    }
}

NodeResult loadBuildings(const data::LayerSettings& layer, const JobContext& ctx,
                         const data::ElevationGrid* dem)
{
    const QString path = resolveSource(layer.sourceUri, ctx.projectFile);
    // A PostGIS connection ("PG:…") is no file; the session lets it through only once trusted.
    if (Status s = gis::isNetworkSource(path) ? Status::ok() : checkFile(path, layer); !s)
        return s;
    gis::FootprintOptions options;
    if (const QString field = layer.style.value(QStringLiteral("heightField")).toString(); !field.isEmpty())
        options.heightField = field;
    // Footprints without a height: floors × storey height (both chosen in the layer properties).
    if (const QString field = layer.style.value(QStringLiteral("floorsField")).toString(); !field.isEmpty())
        options.floorsField = field;
    if (const double storey = layer.style.value(QStringLiteral("storeyHeight")).toDouble(); storey > 0)
        options.storeyHeightM = storey;
    auto footprints = gis::readFootprints(path, ctx.crs, options);
    if (!footprints)
        return footprints.status();
    if (ctx.cancelled())
        return cancelledStatus();
    if (dem)
        drapeFootprints(*footprints, *dem);
    if (ctx.cancelled())
        return cancelledStatus();
    osg::ref_ptr<osg::Node> node = scene::buildBuildings(*footprints, ctx.origin);
    if (!node)
        return Status::error(Status::Code::FormatError,
                             LayerLoader::tr("%1: no buildings to draw").arg(path));
    return node;
}

} // namespace citytwin::app::loader
