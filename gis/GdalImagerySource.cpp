#include "gis/GdalImagerySource.h"

#include "gis/GdalErrorCapture.h"
#include "gis/ImageryBands.h"

#include <algorithm>

namespace citytwin::gis {

using data::ImageRaster;
using data::Result;
using data::Status;

Result<std::shared_ptr<GdalImagerySource>> GdalImagerySource::create(std::unique_ptr<GdalRasterSource> source)
{
    auto dataset = source->dataset();
    if (!dataset)
        return dataset.status();
    GDALDataset& ds = **dataset;
    std::shared_ptr<GdalImagerySource> out(new GdalImagerySource(std::move(source)));
    auto bands = imageryBands(ds, out->info().name);
    if (!bands)
        return bands.status();
    out->m_colour = bands->colour;
    out->m_alpha = bands->alpha;
    if (bands->palette) // copied: the dataset's table belongs to this thread's dataset
        for (int i = 0; i < std::min(bands->palette->GetColorEntryCount(), 256); ++i)
            out->m_palette.push_back(*bands->palette->GetColorEntry(i));
    return out;
}

Result<ImageRaster> GdalImagerySource::readImage(const data::GridGeometry& target,
                                                 const data::CancelToken& cancel) const
{
    if (Status s = checkGrid(target); !s)
        return s.withContext(info().name);
    ImageRaster out;
    out.grid = target;
    out.rgba.assign(size_t(target.width) * size_t(target.height) * 4, 0);
    if (!m_source->overlaps(target))
        return out; // all transparent, without touching GDAL
    const int colourCount = int(m_colour.size());
    WarpPlan plan;
    plan.srcBands = m_colour;
    for (int i = 1; i <= colourCount; ++i)
        plan.dstBands.push_back(i);
    plan.srcAlphaBand = m_alpha;
    plan.dstAlphaBand = colourCount + 1;
    // Palette indices cannot be interpolated: resample them as they are, expand afterwards.
    plan.resampling = m_palette.empty() ? GRA_Bilinear : GRA_NearestNeighbour;
    auto mem = m_source->warp(target, plan, colourCount + 1, GDT_Byte, cancel);
    if (!mem)
        return mem.status();

    const int w = target.width;
    const int h = target.height;
    GdalErrorCapture errors;
    auto readInto = [&](int memBand, int channel) {
        return (*mem)->GetRasterBand(memBand)->RasterIO(GF_Read, 0, 0, w, h, out.rgba.data() + channel, w, h,
                                                        GDT_Byte, 4, GSpacing(4) * w, nullptr) == CE_None;
    };
    bool ok = readInto(colourCount + 1, 3);
    for (int c = 0; c < colourCount; ++c)
        ok = ok && readInto(c + 1, c);
    if (!ok)
        return Status::error(Status::Code::Internal,
                             QStringLiteral("%1: %2").arg(info().name, errors.summary()));
    if (colourCount == 1) {
        for (size_t i = 0; i < out.rgba.size(); i += 4) {
            const std::uint8_t v = out.rgba[i];
            if (m_palette.empty()) {
                out.rgba[i + 1] = v;
                out.rgba[i + 2] = v;
            } else if (v < m_palette.size()) {
                const GDALColorEntry& e = m_palette[v];
                out.rgba[i] = std::uint8_t(e.c1);
                out.rgba[i + 1] = std::uint8_t(e.c2);
                out.rgba[i + 2] = std::uint8_t(e.c3);
                out.rgba[i + 3] = std::uint8_t(std::min<int>(out.rgba[i + 3], e.c4));
            } else {
                out.rgba[i + 3] = 0; // an index the palette does not define
            }
        }
    }
    return out;
}

} // namespace citytwin::gis
