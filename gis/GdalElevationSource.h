#pragma once

// data::ElevationSource on any GDAL raster (band 1); internal to gis/ (made by openElevationSource).

#include "data/RasterSource.h"
#include "gis/GdalRasterSource.h"

#include <memory>

namespace citytwin::gis {

class GdalElevationSource final : public data::ElevationSource
{
public:
    static data::Result<std::shared_ptr<GdalElevationSource>>
    create(std::unique_ptr<GdalRasterSource> source);

    const data::RasterSourceInfo& info() const override { return m_source->info(); }
    data::Result<data::ElevationGrid> readHeights(const data::GridGeometry& target,
                                                  const data::CancelToken& cancel) const override;

private:
    explicit GdalElevationSource(std::unique_ptr<GdalRasterSource> source) : m_source(std::move(source)) {}

    std::unique_ptr<GdalRasterSource> m_source;
    double m_scale = 1.0; //!< packed DEMs (e.g. Int16 decimetres) map raw values to metres
    double m_offset = 0.0;
};

} // namespace citytwin::gis
