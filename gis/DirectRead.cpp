#include "gis/DirectRead.h"

#include "gis/GdalErrorCapture.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace citytwin::gis {

using data::Status;

bool canReadDirectly(GDALDataset& src, const OGRSpatialReference& project)
{
    double gt[6];
    const OGRSpatialReference* srs = src.GetSpatialRef();
    if (!srs || src.GetGeoTransform(gt) != CE_None || gt[2] != 0.0 || gt[4] != 0.0 || gt[1] <= 0.0 ||
        gt[5] >= 0.0)
        return false;
    for (int i = 1; i <= src.GetRasterCount(); ++i) {
        int hasNoData = 0;
        src.GetRasterBand(i)->GetNoDataValue(&hasNoData);
        // No-data and mask bands (e.g. JPEG-compressed COGs with an internal mask) need the
        // warper's masking; an alpha band is read like a colour band.
        const int maskFlags = src.GetRasterBand(i)->GetMaskFlags();
        if (hasNoData || !(maskFlags & GMF_ALL_VALID || maskFlags & GMF_ALPHA))
            return false;
    }
    const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", nullptr};
    return srs->IsSame(&project, options);
}

Status readDirectly(GDALDataset& src, GDALDataset& dst, const WarpPlan& plan, GDALRIOResampleAlg alg,
                    const QString& path)
{
    double s[6], d[6];
    src.GetGeoTransform(s);
    dst.GetGeoTransform(d);
    const int dw = dst.GetRasterXSize();
    const int dh = dst.GetRasterYSize();
    // Target edges in source pixel coordinates (both grids north-up, same CRS).
    const double sx0 = (d[0] - s[0]) / s[1];
    const double sy0 = (d[3] - s[3]) / s[5];
    const double scaleX = d[1] / s[1]; // source pixels per target pixel
    const double scaleY = d[5] / s[5];
    // Target pixels that have source under them.
    const int cx0 = std::clamp(int(std::ceil(-sx0 / scaleX - 1e-9)), 0, dw);
    const int cy0 = std::clamp(int(std::ceil(-sy0 / scaleY - 1e-9)), 0, dh);
    const int cx1 = std::clamp(int(std::floor((src.GetRasterXSize() - sx0) / scaleX + 1e-9)), 0, dw);
    const int cy1 = std::clamp(int(std::floor((src.GetRasterYSize() - sy0) / scaleY + 1e-9)), 0, dh);
    GdalErrorCapture errors;
    if (plan.dstNoDataNaN)
        for (int b : plan.dstBands)
            dst.GetRasterBand(b)->Fill(std::numeric_limits<double>::quiet_NaN());
    if (cx1 <= cx0 || cy1 <= cy0)
        return Status::ok(); // no source under the target
    const int w = cx1 - cx0;
    const int h = cy1 - cy0;
    GDALRasterIOExtraArg extra;
    INIT_RASTERIO_EXTRA_ARG(extra);
    extra.eResampleAlg = alg;
    extra.pfnProgress = plan.progress;
    extra.pProgressData = plan.progressData;
    extra.bFloatingPointWindowValidity = TRUE;
    extra.dfXOff = sx0 + cx0 * scaleX;
    extra.dfYOff = sy0 + cy0 * scaleY;
    extra.dfXSize = std::min(w * scaleX, src.GetRasterXSize() - extra.dfXOff);
    extra.dfYSize = std::min(h * scaleY, src.GetRasterYSize() - extra.dfYOff);
    const int xOff = std::max(0, int(std::floor(extra.dfXOff)));
    const int yOff = std::max(0, int(std::floor(extra.dfYOff)));
    const int xSize =
        std::max(1, std::min(src.GetRasterXSize(), int(std::ceil(extra.dfXOff + extra.dfXSize))) - xOff);
    const int ySize =
        std::max(1, std::min(src.GetRasterYSize(), int(std::ceil(extra.dfYOff + extra.dfYSize))) - yOff);

    const GDALDataType type = dst.GetRasterBand(plan.dstBands.front())->GetRasterDataType();
    const int typeSize = GDALGetDataTypeSizeBytes(type);
    std::vector<std::uint8_t> buffer(size_t(w) * size_t(h) * size_t(typeSize));
    auto copyBand = [&](int srcBand, int dstBand) {
        return src.GetRasterBand(srcBand)->RasterIO(GF_Read, xOff, yOff, xSize, ySize, buffer.data(), w, h,
                                                    type, 0, 0, &extra) == CE_None &&
               dst.GetRasterBand(dstBand)->RasterIO(GF_Write, cx0, cy0, w, h, buffer.data(), w, h, type, 0, 0,
                                                    nullptr) == CE_None;
    };
    bool ok = true;
    for (size_t i = 0; ok && i < plan.srcBands.size(); ++i)
        ok = copyBand(plan.srcBands[i], plan.dstBands[i]);
    if (ok && plan.dstAlphaBand) {
        if (plan.srcAlphaBand) {
            ok = copyBand(plan.srcAlphaBand, plan.dstAlphaBand);
        } else {
            std::fill(buffer.begin(), buffer.begin() + qsizetype(w) * h, std::uint8_t(255));
            ok = dst.GetRasterBand(plan.dstAlphaBand)
                     ->RasterIO(GF_Write, cx0, cy0, w, h, buffer.data(), w, h, GDT_Byte, 0, 0, nullptr) ==
                 CE_None;
        }
    }
    if (!ok || (plan.failOnReportedErrors && errors.hasErrors()))
        return Status::error(
            Status::Code::FormatError,
            QStringLiteral("%1: reading the raster failed, the file is truncated or corrupt (%2)")
                .arg(path, errors.summary(QStringLiteral("read error"))));
    return Status::ok();
}

} // namespace citytwin::gis
