#pragma once

// data::ImagerySource on any GDAL raster or service; internal to gis/ (made by openImagerySource).

#include "data/RasterSource.h"
#include "gis/GdalRasterSource.h"

#include <memory>
#include <vector>

namespace citytwin::gis {

class GdalImagerySource final : public data::ImagerySource
{
public:
    //! Checks the band layout (8-bit RGB, RGBA, grey or paletted) of an opened source.
    static data::Result<std::shared_ptr<GdalImagerySource>> create(std::unique_ptr<GdalRasterSource> source);

    const data::RasterSourceInfo& info() const override { return m_source->info(); }
    data::Result<data::ImageRaster> readImage(const data::GridGeometry& target,
                                              const data::CancelToken& cancel) const override;

private:
    explicit GdalImagerySource(std::unique_ptr<GdalRasterSource> source) : m_source(std::move(source)) {}

    std::unique_ptr<GdalRasterSource> m_source;
    std::vector<int> m_colour; //!< 1 (grey / palette) or 3 (RGB) source bands
    int m_alpha = 0;
    std::vector<GDALColorEntry> m_palette; //!< copied: the dataset's table belongs to one thread
};

} // namespace citytwin::gis
