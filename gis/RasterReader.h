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
    QString dataType;            //!< band 1's GDAL data type name: "Byte", "Int16", "Float32"…
    QString colorInterpretation; //!< band 1's GDAL colour interpretation: "Gray", "Palette", "Red"…
    bool hasColorTable = false;  //!< band 1 carries a colour table (a paletted picture)

    //! Band 1 holds a picture channel by its colour interpretation (palette, red/green/blue/alpha),
    //! not values; "Gray" and "Undefined" say nothing either way.
    bool isColourBand() const;
};

//! Opens PATH and reads two pixels (so a truncated file fails here too). A raster without a CRS
//! is reported (empty crsWkt), not refused. Local files only: network sources are refused.
data::Result<RasterInfo> inspectRaster(const QString& path);

// Both readers: errors name the file and say what is wrong (does not exist, empty, not a raster,
// no CRS, no geotransform, CRS that cannot reach PROJECTCRS, truncated/corrupt on read). When the
// target is 2x or more coarser than the source, cells are averaged instead of interpolated and
// the fitting overview is read if the file has any (like gdalwarp -ovr AUTO).

//! Reads a DEM in any CRS (band 1, scale/offset applied), warped (bilinear) onto TARGET in
//! PROJECTCRS; no-data and cells outside the source are NaN. Without TARGET the whole raster
//! is used at its native resolution (reprojected extent), capped at MAXSIZE cells a side.
data::Result<data::ElevationGrid> readElevation(const QString& path, const QString& projectCrs,
                                                std::optional<data::GridGeometry> target = {},
                                                int maxSize = 2048);

//! Reads an imagery raster (RGB, RGBA, grey or paletted) in any CRS, warped onto TARGET (or its
//! own reprojected extent, capped at MAXSIZE pixels a side) as RGBA8; outside the source, its
//! no-data and its alpha 0 are transparent. 8-bit bands only; palettes are resampled nearest.
data::Result<data::ImageRaster> readImagery(const QString& path, const QString& projectCrs,
                                            std::optional<data::GridGeometry> target = {},
                                            int maxSize = 4096);

} // namespace citytwin::gis
