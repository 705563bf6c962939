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

//! SRC's whole extent reprojected into DST at about its native resolution (GDALSuggestedWarpOutput2).
data::Result<data::GridGeometry> suggestGrid(GDALDataset& src, const OGRSpatialReference& dst,
                                             const QString& path);

//! GRID with the same extent and at most MAXSIZE cells a side (aspect kept).
data::GridGeometry capGrid(data::GridGeometry grid, int maxSize);

//! The overview of SRC to read from when the target is DOWNSAMPLING times coarser than the
//! source (the coarsest one still at least as fine as the target); -1 for the full resolution.
int pickOverviewLevel(GDALDataset& src, double downsampling);

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
    GDALProgressFunc progress = nullptr; //!< called between chunks; returning FALSE stops the warp (cancel)
    void* progressData = nullptr;
    //! From createReusableTransformer for the same SRC, owned by the caller (one per thread): saves
    //! setting up the PROJ operation (milliseconds of proj.db queries) on every tile. Null: made per call.
    void* transformer = nullptr;
    //! A GDAL error reported during a warp that still succeeds means a broken block (GTiff). GDAL's
    //! WMS driver also reports errors it recovers from (a cache miss before a 404 becomes an empty
    //! tile): services judge by the result alone.
    bool failOnReportedErrors = true;
};

//! A transformer from SRC pixels to DST coordinates that warpInto can reuse across target grids.
data::Result<GenImgTransformerPtr> createReusableTransformer(GDALDataset& src, const OGRSpatialReference& dst,
                                                             const QString& path);

//! Warps SRC into DST (both georeferenced) following PLAN. Reads every source block that
//! the target needs, so a truncated or corrupt file fails here with GDAL's reason, naming PATH.
data::Status warpInto(GDALDataset& src, GDALDataset& dst, const WarpPlan& plan, const QString& path);

} // namespace citytwin::gis
