#pragma once

// OGR spatial reference helpers shared by the gis/ readers; internal to gis/.

#include "data/Result.h"

#include <QString>
#include <ogr_spatialref.h>

namespace citytwin::gis {

//! The project CRS ("EPSG:nnnn", WKT, PROJ string) as an OGR SRS with x = east/lon axis order;
//! Unsupported naming CRS if GDAL does not know it.
data::Result<OGRSpatialReference> projectSrs(const QString& crs);

//! "EPSG:4326" when the SRS has an authority code, else its name — for messages.
QString srsName(const OGRSpatialReference* srs);

} // namespace citytwin::gis
