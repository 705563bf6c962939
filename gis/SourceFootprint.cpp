#include "gis/SourceFootprint.h"

#include "gis/GdalErrorCapture.h"
#include "gis/GdalHandles.h"
#include "gis/GdalSrs.h"
#include "gis/RasterWarp.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace citytwin::gis {

using data::Extent2D;
using data::Result;
using data::Status;

namespace {

constexpr int kEdgeSamples = 32; // per side: curved edges of a reprojected box stay within the bbox

Extent2D intersect(const Extent2D& a, const Extent2D& b)
{
    return {std::max(a.minX, b.minX), std::max(a.minY, b.minY), std::min(a.maxX, b.maxX),
            std::min(a.maxY, b.maxY)};
}

//! Bounding box of BOX's densified outline transformed by CT; empty if no point transforms.
Extent2D transformBox(const Extent2D& box, OGRCoordinateTransformation& ct)
{
    std::vector<double> xs, ys;
    for (int i = 0; i <= kEdgeSamples; ++i) {
        const double t = double(i) / kEdgeSamples;
        const double x = box.minX + t * box.width();
        const double y = box.minY + t * box.height();
        xs.insert(xs.end(), {x, x, box.minX, box.maxX});
        ys.insert(ys.end(), {box.minY, box.maxY, y, y});
    }
    std::vector<int> ok(xs.size(), 0);
    ct.Transform(int(xs.size()), xs.data(), ys.data(), nullptr, ok.data());
    Extent2D out{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                 std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
    for (size_t i = 0; i < xs.size(); ++i) {
        if (!ok[i] || !std::isfinite(xs[i]) || !std::isfinite(ys[i]))
            continue;
        out = {std::min(out.minX, xs[i]), std::min(out.minY, ys[i]), std::max(out.maxX, xs[i]),
               std::max(out.maxY, ys[i])};
    }
    return out.isEmpty() ? Extent2D{} : out;
}

Extent2D nativeExtent(GDALDataset& ds, double gt[6])
{
    const double w = ds.GetRasterXSize();
    const double h = ds.GetRasterYSize();
    const double xs[4] = {gt[0], gt[0] + w * gt[1], gt[0] + h * gt[2], gt[0] + w * gt[1] + h * gt[2]};
    const double ys[4] = {gt[3], gt[3] + w * gt[4], gt[3] + h * gt[5], gt[3] + w * gt[4] + h * gt[5]};
    return {*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4), *std::max_element(xs, xs + 4),
            *std::max_element(ys, ys + 4)};
}

} // namespace

Result<SourceFootprint> sourceFootprint(GDALDataset& src, const OGRSpatialReference& project,
                                        const data::ProjectedPoint& origin, double radius,
                                        const QString& name)
{
    if (auto native = suggestGrid(src, project, name);
        native && native->extent.width() <= 2 * radius && native->extent.height() <= 2 * radius)
        return SourceFootprint{native->extent, std::min(native->cellX(), native->cellY())};

    // World-wide: work from the project area back into the source instead.
    GdalErrorCapture errors;
    OGRSpatialReference srcSrs(*src.GetSpatialRef());
    srcSrs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    CoordinateTransformationPtr toSource(OGRCreateCoordinateTransformation(&project, &srcSrs));
    CoordinateTransformationPtr toProject(OGRCreateCoordinateTransformation(&srcSrs, &project));
    if (!toSource || !toProject)
        return Status::error(
            Status::Code::Unsupported,
            QStringLiteral("%1: cannot transform from %2 to %3 (%4)")
                .arg(name, srsName(&srcSrs), srsName(&project), errors.summary(QStringLiteral("?"))));
    const Extent2D area{origin.x - radius, origin.y - radius, origin.x + radius, origin.y + radius};
    const Extent2D areaInSource = transformBox(area, *toSource);
    if (areaInSource.isEmpty())
        return Status::error(Status::Code::Unsupported,
                             QStringLiteral("%1: the project area around (%2, %3) cannot be expressed in %4")
                                 .arg(name)
                                 .arg(origin.x, 0, 'f', 0)
                                 .arg(origin.y, 0, 'f', 0)
                                 .arg(srsName(&srcSrs)));
    double gt[6];
    src.GetGeoTransform(gt);
    const Extent2D covered = intersect(areaInSource, nativeExtent(src, gt));
    if (covered.isEmpty())
        return SourceFootprint{{}, area.width()};
    const Extent2D inProject = intersect(transformBox(covered, *toProject), area);
    if (inProject.isEmpty())
        return SourceFootprint{{}, area.width()};
    const double cols = covered.width() / std::hypot(gt[1], gt[4]);
    const double rows = covered.height() / std::hypot(gt[2], gt[5]);
    return SourceFootprint{inProject, std::min(inProject.width() / cols, inProject.height() / rows)};
}

} // namespace citytwin::gis
