#pragma once

#include "data/Rasters.h"
#include "data/Result.h"

#include <QString>
#include <optional>

namespace citytwin::gis {

//! What a raster file is, as GDAL sees it.
struct RasterInfo
{
    QString driver; //!< GDAL short name, e.g. "GTiff"
    QString crsWkt;
    int width = 0;
    int height = 0;
    int bands = 0;
    data::Extent2D nativeExtent; //!< in the file's own CRS
};

data::Result<RasterInfo> inspectRaster(const QString& path);

//! Reads a DEM in any CRS, warped (bilinear) onto TARGET in PROJECTCRS. Without TARGET the
//! whole raster is used at its native resolution (reprojected extent), capped at MAXSIZE cells a side.
data::Result<data::ElevationGrid> readElevation(const QString& path, const QString& projectCrs,
                                                std::optional<data::GridGeometry> target = {},
                                                int maxSize = 2048);

//! Reads an imagery raster (RGB, RGBA, grey or paletted) in any CRS, warped onto TARGET (or its
//! own reprojected extent, capped at MAXSIZE pixels a side) as RGBA8; outside the source is transparent.
data::Result<data::ImageRaster> readImagery(const QString& path, const QString& projectCrs,
                                            std::optional<data::GridGeometry> target = {},
                                            int maxSize = 4096);

} // namespace citytwin::gis
