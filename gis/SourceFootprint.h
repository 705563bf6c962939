#pragma once

// Where a GDAL raster lies in the project CRS and how fine it is; internal to gis/.

#include "data/Points.h"
#include "data/Result.h"

#include <QString>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

namespace citytwin::gis {

struct SourceFootprint
{
    data::Extent2D extent; //!< project CRS; empty when the source does not reach the project area
    double resolution = 0; //!< native cell size in project units
};

//! SRC's extent and native resolution in PROJECT. Sources wider than 2 × RADIUS (web basemaps,
//! world rasters — whose full extent often cannot even be expressed in a local projection) are
//! clipped to RADIUS around ORIGIN. Errors name NAME.
data::Result<SourceFootprint> sourceFootprint(GDALDataset& src, const OGRSpatialReference& project,
                                              const data::ProjectedPoint& origin, double radius,
                                              const QString& name);

} // namespace citytwin::gis
