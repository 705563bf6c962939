#pragma once

// Reprojection of a GDAL raster onto a project grid; internal to gis/ (RasterReader builds on it).

#include "data/Rasters.h"
#include "data/Result.h"
#include "gis/GdalHandles.h"
#include "gis/GdalSrs.h"

#include <QString>
#include <gdalwarper.h>
#include <optional>
#include <vector>

namespace citytwin::gis {

//! Fails (naming PATH) unless SRC has a CRS and a geotransform, i.e. can be placed on a map.
data::Status checkGeoreferenced(GDALDataset& src, const QString& path);

//! SRC's whole extent reprojected into DST, at about its native resolution, at most MAXSIZE cells a side.
data::Result<data::GridGeometry> suggestGrid(GDALDataset& src, const OGRSpatialReference& dst, int maxSize,
                                             const QString& path);

//! Checks TARGET is a usable grid (positive size, non-empty extent, not absurdly large).
data::Status checkGrid(const data::GridGeometry& target);

//! An in-memory dataset covering GRID in SRS with BANDS bands of TYPE.
data::Result<DatasetPtr> createMemTarget(const data::GridGeometry& grid, const OGRSpatialReference& srs,
                                         int bands, GDALDataType type);

//! Which bands go where and how missing data is marked.
struct WarpPlan
{
    std::vector<int> srcBands; //!< 1-based
    std::vector<int> dstBands; //!< 1-based, same length
    int srcAlphaBand = 0;      //!< 0: none
    int dstAlphaBand = 0;      //!< 0: none; filled with 255 where the source had data
    bool dstNoDataNaN = false; //!< DEM: cells with no source data become NaN
    GDALResampleAlg resampling = GRA_Bilinear;
};

//! Warps SRC into DST (both georeferenced) following PLAN. Reads every source block that
//! the target needs, so a truncated or corrupt file fails here with GDAL's reason, naming PATH.
data::Status warpInto(GDALDataset& src, GDALDataset& dst, const WarpPlan& plan, const QString& path);

} // namespace citytwin::gis
