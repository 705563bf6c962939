#pragma once

// The fast path of a basemap read: a source already in the project CRS, north-up, without no-data
// needs no reprojection, only a resampled window read; internal to gis/.

#include "data/Status.h"
#include "gis/RasterWarp.h"

#include <QString>
#include <gdal_priv.h>

namespace citytwin::gis {

//! True when SRC (and its overviews) can be read onto a PROJECT grid without warping: same CRS,
//! north-up geotransform, no declared no-data or mask band (the warper's masking would be lost).
bool canReadDirectly(GDALDataset& src, const OGRSpatialReference& project);

//! Reads SRC's window under DST's extent into DST following PLAN's bands (outside the source: 0,
//! or NaN with dstNoDataNaN; alpha 255 where there is data), resampled with ALG. Several times
//! faster than warpInto for tile-sized reads from overviews. Errors name PATH.
data::Status readDirectly(GDALDataset& src, GDALDataset& dst, const WarpPlan& plan, GDALRIOResampleAlg alg,
                          const QString& path);

} // namespace citytwin::gis
