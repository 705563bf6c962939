#include "gis/RasterReader.h"

#include "gis/ImageryBands.h"
#include "gis/GdalErrorCapture.h"
#include "gis/GdalOpen.h"
#include "gis/RasterWarp.h"

#include <QStringList>
#include <algorithm>
#include <cmath>

namespace citytwin::gis {

using data::ElevationGrid;
using data::GridGeometry;
using data::ImageRaster;
using data::Result;
using data::Status;

namespace {

//! Reads the first and the last pixel of band 1. Cheap (two blocks) and it is where a truncated
//! file shows: GDAL opens from the header alone, the missing tail only fails on read.
Status probeRead(GDALDataset& ds, const QString& path)
{
    GdalErrorCapture errors;
    GDALRasterBand* band = ds.GetRasterBand(1);
    double value = 0.0;
    const int lastX = ds.GetRasterXSize() - 1;
    const int lastY = ds.GetRasterYSize() - 1;
    const bool ok =
        band->RasterIO(GF_Read, 0, 0, 1, 1, &value, 1, 1, GDT_Float64, 0, 0, nullptr) == CE_None &&
        band->RasterIO(GF_Read, lastX, lastY, 1, 1, &value, 1, 1, GDT_Float64, 0, 0, nullptr) == CE_None;
    if (!ok || errors.hasErrors())
        return Status::error(
            Status::Code::FormatError,
            QStringLiteral("%1: reading the raster failed, the file is truncated or corrupt (%2)")
                .arg(path, errors.summary(QStringLiteral("read error"))));
    return Status::ok();
}

data::Extent2D extentOf(GDALDataset& ds)
{
    double gt[6];
    if (ds.GetGeoTransform(gt) != CE_None)
        return {};
    const double w = ds.GetRasterXSize();
    const double h = ds.GetRasterYSize();
    // Rotated geotransforms: the bounding box of the four corners.
    const double xs[4] = {gt[0], gt[0] + w * gt[1], gt[0] + h * gt[2], gt[0] + w * gt[1] + h * gt[2]};
    const double ys[4] = {gt[3], gt[3] + w * gt[4], gt[3] + h * gt[5], gt[3] + w * gt[4] + h * gt[5]};
    return {*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4), *std::max_element(xs, xs + 4),
            *std::max_element(ys, ys + 4)};
}

//! Opens PATH, checks it can be placed, and resolves the grid to warp onto.
struct Prepared
{
    DatasetPtr src; //!< the file, or the overview of it that the warp reads
    OGRSpatialReference dstSrs;
    GridGeometry grid;
    double downsampling = 1.0; //!< target cell / source cell, both in the project CRS
};

//! Target cells this many times coarser than the source are averaged, not interpolated:
//! bilinear would sample 4 of the many source cells under each target cell and alias.
constexpr double kAverageFrom = 2.0;

Result<Prepared> prepare(const QString& path, const QString& projectCrs,
                         const std::optional<GridGeometry>& target, int maxSize)
{
    auto ds = openRasterDataset(path);
    if (!ds)
        return ds.status();
    if (Status s = checkGeoreferenced(**ds, path); !s)
        return s;
    auto srs = projectSrs(projectCrs);
    if (!srs)
        return srs.status().withContext(path);
    Prepared p{std::move(ds).value(), std::move(srs).value(), {}};
    if (maxSize < 1)
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("%1: maxSize must be positive, got %2").arg(path).arg(maxSize));
    auto native = suggestGrid(*p.src, p.dstSrs, path);
    if (target) {
        if (Status s = checkGrid(*target); !s)
            return s.withContext(path);
        p.grid = *target;
    } else {
        if (!native)
            return native.status();
        p.grid = capGrid(*native, maxSize);
    }
    // A given target may lie where the source's own extent cannot be computed (a world raster
    // seen in a local projection): then read it as if at native resolution.
    if (native)
        p.downsampling = std::min(p.grid.cellX() / native->cellX(), p.grid.cellY() / native->cellY());
    if (p.downsampling >= kAverageFrom) {
        if (const int level = pickOverviewLevel(*p.src, p.downsampling); level >= 0) {
            auto overview = openRasterDataset(path, level);
            if (!overview)
                return overview.status();
            p.src = std::move(overview).value();
        }
    }
    return p;
}

} // namespace

bool RasterInfo::isColourBand() const
{
    static const QStringList kColour{QStringLiteral("Palette"), QStringLiteral("Red"),
                                     QStringLiteral("Green"), QStringLiteral("Blue"),
                                     QStringLiteral("Alpha")};
    return kColour.contains(colorInterpretation);
}

Result<RasterInfo> inspectRaster(const QString& path)
{
    auto ds = openRasterDataset(path);
    if (!ds)
        return ds.status();
    GDALDataset& d = **ds;
    if (Status s = probeRead(d, path); !s)
        return s;
    RasterInfo info;
    info.driver = QString::fromUtf8(d.GetDriver()->GetDescription());
    if (const OGRSpatialReference* srs = d.GetSpatialRef(); srs && !srs->IsEmpty()) {
        char* wkt = nullptr;
        const char* options[] = {"FORMAT=WKT2_2019", nullptr};
        srs->exportToWkt(&wkt, options);
        info.crsWkt = QString::fromUtf8(wkt);
        CPLFree(wkt);
    }
    info.width = d.GetRasterXSize();
    info.height = d.GetRasterYSize();
    info.bands = d.GetRasterCount();
    info.nativeExtent = extentOf(d);
    GDALRasterBand* band = d.GetRasterBand(1);
    info.dataType = QString::fromUtf8(GDALGetDataTypeName(band->GetRasterDataType()));
    info.colorInterpretation =
        QString::fromUtf8(GDALGetColorInterpretationName(band->GetColorInterpretation()));
    info.hasColorTable = band->GetColorTable() != nullptr;
    return info;
}

Result<ElevationGrid> readElevation(const QString& path, const QString& projectCrs,
                                    std::optional<GridGeometry> target, int maxSize)
{
    auto prepared = prepare(path, projectCrs, target, maxSize);
    if (!prepared)
        return prepared.status();
    Prepared& p = *prepared;
    auto mem = createMemTarget(p.grid, p.dstSrs, 1, GDT_Float32);
    if (!mem)
        return mem.status().withContext(path);
    WarpPlan plan;
    plan.srcBands = {1};
    plan.dstBands = {1};
    plan.dstNoDataNaN = true;
    plan.resampling = p.downsampling >= kAverageFrom ? GRA_Average : GRA_Bilinear;
    if (Status s = warpInto(*p.src, **mem, plan, path); !s)
        return s;

    ElevationGrid out;
    out.grid = p.grid;
    out.heights.resize(size_t(p.grid.width) * size_t(p.grid.height));
    GdalErrorCapture errors;
    if ((*mem)->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, p.grid.width, p.grid.height, out.heights.data(),
                                           p.grid.width, p.grid.height, GDT_Float32, 0, 0,
                                           nullptr) != CE_None)
        return Status::error(Status::Code::Internal, QStringLiteral("%1: %2").arg(path, errors.summary()));
    // Packed DEMs (e.g. Int16 decimetres) declare how raw values map to metres.
    GDALRasterBand* band = p.src->GetRasterBand(1);
    const double scale = band->GetScale();
    const double offset = band->GetOffset();
    if (scale != 1.0 || offset != 0.0)
        for (float& h : out.heights)
            h = float(h * scale + offset);
    return out;
}

Result<ImageRaster> readImagery(const QString& path, const QString& projectCrs,
                                std::optional<GridGeometry> target, int maxSize)
{
    auto prepared = prepare(path, projectCrs, target, maxSize);
    if (!prepared)
        return prepared.status();
    Prepared& p = *prepared;
    auto bands = imageryBands(*p.src, path);
    if (!bands)
        return bands.status();
    const int colourCount = int(bands->colour.size());
    auto mem = createMemTarget(p.grid, p.dstSrs, colourCount + 1, GDT_Byte);
    if (!mem)
        return mem.status().withContext(path);
    WarpPlan plan;
    plan.srcBands = bands->colour;
    for (int i = 1; i <= colourCount; ++i)
        plan.dstBands.push_back(i);
    plan.srcAlphaBand = bands->alpha;
    plan.dstAlphaBand = colourCount + 1;
    // Palette indices cannot be interpolated: resample them as they are, expand afterwards.
    plan.resampling = bands->palette                   ? GRA_NearestNeighbour
                      : p.downsampling >= kAverageFrom ? GRA_Average
                                                       : GRA_Bilinear;
    if (Status s = warpInto(*p.src, **mem, plan, path); !s)
        return s;

    const int w = p.grid.width;
    const int h = p.grid.height;
    ImageRaster out;
    out.grid = p.grid;
    out.rgba.assign(size_t(w) * size_t(h) * 4, 0);
    GdalErrorCapture errors;
    auto readInto = [&](int memBand, int channel) {
        return (*mem)->GetRasterBand(memBand)->RasterIO(GF_Read, 0, 0, w, h, out.rgba.data() + channel, w, h,
                                                        GDT_Byte, 4, GSpacing(4) * w, nullptr) == CE_None;
    };
    bool ok = readInto(colourCount + 1, 3);
    if (colourCount == 3)
        ok = ok && readInto(1, 0) && readInto(2, 1) && readInto(3, 2);
    else
        ok = ok && readInto(1, 0);
    if (!ok)
        return Status::error(Status::Code::Internal, QStringLiteral("%1: %2").arg(path, errors.summary()));

    if (colourCount == 1) {
        const GDALColorTable* palette = bands->palette;
        for (size_t i = 0; i < out.rgba.size(); i += 4) {
            const std::uint8_t v = out.rgba[i];
            if (palette) {
                const GDALColorEntry* e = palette->GetColorEntry(v);
                if (!e) {
                    out.rgba[i + 3] = 0; // an index the palette does not define
                    continue;
                }
                out.rgba[i] = std::uint8_t(e->c1);
                out.rgba[i + 1] = std::uint8_t(e->c2);
                out.rgba[i + 2] = std::uint8_t(e->c3);
                out.rgba[i + 3] = std::uint8_t(std::min<int>(out.rgba[i + 3], e->c4));
            } else {
                out.rgba[i + 1] = v;
                out.rgba[i + 2] = v;
            }
        }
    }
    return out;
}

} // namespace citytwin::gis
