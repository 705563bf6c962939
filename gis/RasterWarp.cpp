#include "gis/RasterWarp.h"

#include "gis/GdalErrorCapture.h"
#include "gis/GdalSrs.h"

#include <algorithm>
#include <cmath>
#include <gdalwarper.h>
#include <limits>

namespace citytwin::gis {

using data::GridGeometry;
using data::Result;
using data::Status;

namespace {

// A target bigger than this is a caller bug (or a CRS mix-up), not a request to honour.
constexpr long long kMaxTargetCells = 16384LL * 16384LL;

//! A transformer from SRC pixels to DST pixels (or DST georeferenced coordinates with DSTSRS),
//! approximated to 1/8 pixel like gdalwarp does.
Result<GenImgTransformerPtr> makeTransformer(GDALDataset& src, GDALDataset* dst,
                                             const OGRSpatialReference* dstSrs, const QString& path,
                                             bool approximate)
{
    GdalErrorCapture errors;
    char** options = nullptr;
    if (dstSrs) {
        char* wkt = nullptr;
        const char* wktOptions[] = {"FORMAT=WKT2_2019", nullptr};
        dstSrs->exportToWkt(&wkt, wktOptions);
        options = CSLSetNameValue(options, "DST_SRS", wkt);
        CPLFree(wkt);
    }
    void* gen = GDALCreateGenImgProjTransformer2(GDALDataset::ToHandle(&src),
                                                 dst ? GDALDataset::ToHandle(dst) : nullptr, options);
    CSLDestroy(options);
    if (!gen)
        return Status::error(Status::Code::Unsupported,
                             QStringLiteral("%1: cannot transform from %2 to %3 (%4)")
                                 .arg(path, srsName(src.GetSpatialRef()),
                                      srsName(dstSrs ? dstSrs : (dst ? dst->GetSpatialRef() : nullptr)),
                                      errors.summary(QStringLiteral("no transformation"))));
    if (!approximate)
        return GenImgTransformerPtr(gen);
    void* approx = GDALCreateApproxTransformer(GDALGenImgProjTransform, gen, 0.125);
    GDALApproxTransformerOwnsSubtransformer(approx, TRUE);
    return GenImgTransformerPtr(approx);
}

int CPL_STDCALL forwardApproxTransform(void* arg, int dstToSrc, int count, double* x, double* y, double* z,
                                       int* success)
{
    return GDALApproxTransform(arg, dstToSrc, count, x, y, z, success);
}

} // namespace

Status checkGeoreferenced(GDALDataset& src, const QString& path)
{
    const OGRSpatialReference* srs = src.GetSpatialRef();
    if (!srs || srs->IsEmpty())
        return Status::error(
            Status::Code::Unsupported,
            QStringLiteral("%1: raster has no coordinate reference system, so it cannot be placed "
                           "(assign one, e.g. gdal_edit.py -a_srs EPSG:4549)")
                .arg(path));
    double gt[6];
    if (src.GetGeoTransform(gt) != CE_None)
        return Status::error(
            Status::Code::Unsupported,
            QStringLiteral("%1: raster has a CRS but no geotransform (no georeferenced extent)").arg(path));
    return Status::ok();
}

Result<GridGeometry> suggestGrid(GDALDataset& src, const OGRSpatialReference& dst, const QString& path)
{
    // The suggestion needs the exact transformer (the approximate one works in pixel space only).
    auto transformer = makeTransformer(src, nullptr, &dst, path, false);
    if (!transformer)
        return transformer.status();
    GdalErrorCapture errors;
    double gt[6];
    double extent[4];
    int width = 0;
    int height = 0;
    if (GDALSuggestedWarpOutput2(GDALDataset::ToHandle(&src), GDALGenImgProjTransform, transformer->get(), gt,
                                 &width, &height, extent, 0) != CE_None ||
        width <= 0 || height <= 0)
        return Status::error(Status::Code::Unsupported,
                             QStringLiteral("%1: cannot compute its extent in %2 (%3)")
                                 .arg(path, srsName(&dst), errors.summary(QStringLiteral("?"))));
    return GridGeometry{{extent[0], extent[1], extent[2], extent[3]}, width, height};
}

GridGeometry capGrid(GridGeometry grid, int maxSize)
{
    maxSize = std::max(maxSize, 1);
    const double scale = std::max(1.0, double(std::max(grid.width, grid.height)) / maxSize);
    grid.width = std::clamp(int(std::lround(grid.width / scale)), 1, maxSize);
    grid.height = std::clamp(int(std::lround(grid.height / scale)), 1, maxSize);
    return grid;
}

int pickOverviewLevel(GDALDataset& src, double downsampling)
{
    GDALRasterBand* band = src.GetRasterBand(1);
    int best = -1;
    for (int i = 0; i < band->GetOverviewCount(); ++i) {
        GDALRasterBand* overview = band->GetOverview(i);
        if (!overview || overview->GetXSize() <= 0)
            continue;
        const double factor = double(src.GetRasterXSize()) / overview->GetXSize();
        // Like gdalwarp -ovr AUTO: the coarsest overview still at least as fine as the target.
        if (factor <= downsampling * 1.001 &&
            (best < 0 || overview->GetXSize() < band->GetOverview(best)->GetXSize()))
            best = i;
    }
    return best;
}

Status checkGrid(const GridGeometry& target)
{
    if (target.width <= 0 || target.height <= 0 || target.extent.isEmpty() ||
        !std::isfinite(target.extent.width()) || !std::isfinite(target.extent.height()))
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("target grid %1 x %2 over [%3, %4] - [%5, %6] is empty")
                                 .arg(target.width)
                                 .arg(target.height)
                                 .arg(target.extent.minX)
                                 .arg(target.extent.minY)
                                 .arg(target.extent.maxX)
                                 .arg(target.extent.maxY));
    if (static_cast<long long>(target.width) * target.height > kMaxTargetCells)
        return Status::error(
            Status::Code::InvalidArgument,
            QStringLiteral("target grid %1 x %2 is too large").arg(target.width).arg(target.height));
    return Status::ok();
}

Result<DatasetPtr> createMemTarget(const GridGeometry& grid, const OGRSpatialReference& srs, int bands,
                                   GDALDataType type)
{
    if (Status s = checkGrid(grid); !s)
        return s;
    GdalErrorCapture errors;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    if (!mem)
        return Status::error(Status::Code::Internal, QStringLiteral("GDAL MEM driver missing"));
    DatasetPtr ds(mem->Create("", grid.width, grid.height, bands, type, nullptr));
    if (!ds)
        return Status::error(Status::Code::IoError, QStringLiteral("cannot allocate a %1 x %2 x %3 grid (%4)")
                                                        .arg(grid.width)
                                                        .arg(grid.height)
                                                        .arg(bands)
                                                        .arg(errors.summary()));
    double gt[6] = {grid.extent.minX, grid.cellX(), 0.0, grid.extent.maxY, 0.0, -grid.cellY()};
    ds->SetGeoTransform(gt);
    ds->SetSpatialRef(&srs);
    return ds;
}

Result<GenImgTransformerPtr> createReusableTransformer(GDALDataset& src, const OGRSpatialReference& dst,
                                                       const QString& path)
{
    return makeTransformer(src, nullptr, &dst, path, false);
}

Status warpInto(GDALDataset& src, GDALDataset& dst, const WarpPlan& plan, const QString& path)
{
    Result<GenImgTransformerPtr> transformer = GenImgTransformerPtr();
    if (plan.transformer) {
        // Reused: only the target grid changes between reads; PROJ's operation stays set up.
        double gt[6];
        dst.GetGeoTransform(gt);
        GDALSetGenImgProjTransformerDstGeoTransform(plan.transformer, gt);
        void* approx = GDALCreateApproxTransformer(GDALGenImgProjTransform, plan.transformer, 0.125);
        GDALApproxTransformerOwnsSubtransformer(approx, FALSE);
        transformer = GenImgTransformerPtr(approx);
    } else {
        transformer = makeTransformer(src, &dst, nullptr, path, true);
    }
    if (!transformer)
        return transformer.status();

    GDALWarpOptions* options = GDALCreateWarpOptions();
    options->hSrcDS = GDALDataset::ToHandle(&src);
    options->hDstDS = GDALDataset::ToHandle(&dst);
    options->eResampleAlg = plan.resampling;
    // GDALWarpOperation::Initialize locates the poles in the target for every warp it recognises
    // as GDAL's own transformer, creating a PROJ operation each time (~0.5 ms, proj.db queries).
    // Basemap tiles in a projected project CRS never contain a pole: a reused transformer goes in
    // disguised, so only the one-shot readers pay for the search.
    options->pfnTransformer = plan.transformer ? forwardApproxTransform : GDALApproxTransform;
    options->pTransformerArg = transformer->get();
    options->nBandCount = int(plan.srcBands.size());
    options->panSrcBands = static_cast<int*>(CPLMalloc(sizeof(int) * plan.srcBands.size()));
    options->panDstBands = static_cast<int*>(CPLMalloc(sizeof(int) * plan.dstBands.size()));
    bool anyNoData = false;
    for (size_t i = 0; i < plan.srcBands.size(); ++i) {
        options->panSrcBands[i] = plan.srcBands[i];
        options->panDstBands[i] = plan.dstBands[i];
        int has = 0;
        src.GetRasterBand(plan.srcBands[i])->GetNoDataValue(&has);
        anyNoData = anyNoData || has;
    }
    // Declared no-data never enters the interpolation; a band without one gets a value it cannot hold.
    if (anyNoData) {
        options->padfSrcNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double) * plan.srcBands.size()));
        for (size_t i = 0; i < plan.srcBands.size(); ++i) {
            int has = 0;
            const double value = src.GetRasterBand(plan.srcBands[i])->GetNoDataValue(&has);
            options->padfSrcNoDataReal[i] = has ? value : -1e300;
        }
    }
    if (plan.progress) {
        options->pfnProgress = plan.progress;
        options->pProgressArg = plan.progressData;
    }
    options->nSrcAlphaBand = plan.srcAlphaBand;
    options->nDstAlphaBand = plan.dstAlphaBand;
    if (plan.dstNoDataNaN) {
        options->padfDstNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double) * plan.srcBands.size()));
        std::fill_n(options->padfDstNoDataReal, plan.srcBands.size(),
                    std::numeric_limits<double>::quiet_NaN());
        options->papszWarpOptions = CSLSetNameValue(options->papszWarpOptions, "INIT_DEST", "NO_DATA");
    } else {
        options->papszWarpOptions = CSLSetNameValue(options->papszWarpOptions, "INIT_DEST", "0");
    }

    GdalErrorCapture errors;
    bool initialized = false;
    CPLErr result = CE_Failure;
    {
        GDALWarpOperation operation;
        initialized = operation.Initialize(options) == CE_None;
        if (initialized)
            result = operation.ChunkAndWarpImage(0, 0, dst.GetRasterXSize(), dst.GetRasterYSize());
    }
    options->pTransformerArg = nullptr; // owned by TRANSFORMER
    GDALDestroyWarpOptions(options);
    if (!initialized)
        return Status::error(Status::Code::Unsupported,
                             QStringLiteral("%1: cannot set up the reprojection (%2)")
                                 .arg(path, errors.summary(QStringLiteral("?"))));
    // Some drivers report a broken block as an error yet let the warp "succeed" with zeros.
    if (result != CE_None || (plan.failOnReportedErrors && errors.hasErrors()))
        return Status::error(
            Status::Code::FormatError,
            QStringLiteral("%1: reading the raster failed, the file is truncated or corrupt (%2)")
                .arg(path, errors.summary(QStringLiteral("warp failed"))));
    return Status::ok();
}

} // namespace citytwin::gis
