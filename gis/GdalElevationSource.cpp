#include "gis/GdalElevationSource.h"

#include "gis/GdalErrorCapture.h"

#include <limits>

namespace citytwin::gis {

using data::ElevationGrid;
using data::Result;
using data::Status;

Result<std::shared_ptr<GdalElevationSource>>
GdalElevationSource::create(std::unique_ptr<GdalRasterSource> source)
{
    auto dataset = source->dataset();
    if (!dataset)
        return dataset.status();
    GDALRasterBand* band = (*dataset)->GetRasterBand(1);
    std::shared_ptr<GdalElevationSource> out(new GdalElevationSource(std::move(source)));
    out->m_scale = band->GetScale();
    out->m_offset = band->GetOffset();
    if (band->GetColorInterpretation() == GCI_PaletteIndex || (*dataset)->GetRasterCount() >= 3)
        return Status::error(Status::Code::Unsupported,
                             QStringLiteral("%1: has %2 bands / a palette: this is imagery, not elevation")
                                 .arg(out->info().name)
                                 .arg((*dataset)->GetRasterCount()));
    return out;
}

Result<ElevationGrid> GdalElevationSource::readHeights(const data::GridGeometry& target,
                                                       const data::CancelToken& cancel) const
{
    if (Status s = checkGrid(target); !s)
        return s.withContext(info().name);
    ElevationGrid out;
    out.grid = target;
    out.heights.assign(size_t(target.width) * size_t(target.height), std::numeric_limits<float>::quiet_NaN());
    if (!m_source->overlaps(target))
        return out; // no data here, without touching GDAL
    WarpPlan plan;
    plan.srcBands = {1};
    plan.dstBands = {1};
    plan.dstNoDataNaN = true;
    auto mem = m_source->warp(target, plan, 1, GDT_Float32, cancel);
    if (!mem)
        return mem.status();
    GdalErrorCapture errors;
    if ((*mem)->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, target.width, target.height, out.heights.data(),
                                           target.width, target.height, GDT_Float32, 0, 0,
                                           nullptr) != CE_None)
        return Status::error(Status::Code::Internal,
                             QStringLiteral("%1: %2").arg(info().name, errors.summary()));
    if (m_scale != 1.0 || m_offset != 0.0)
        for (float& h : out.heights)
            h = float(h * m_scale + m_offset);
    return out;
}

} // namespace citytwin::gis
