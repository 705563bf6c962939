#pragma once

#include "data/Points.h"
#include "data/Status.h"

#include <QString>
#include <QStringList>
#include <gdal.h>
#include <ogr_spatialref.h>
#include <vector>

namespace citytwin::gis::demo {

//! A north-up GeoTIFF to write from one pixel-interleaved buffer.
struct GeoTiffSpec
{
    int width = 0;
    int height = 0;
    int bands = 1;
    GDALDataType type = GDT_Float32;
    double minX = 0.0; //!< west edge, projected
    double maxY = 0.0; //!< north edge, projected
    double cellM = 1.0;
    QStringList creationOptions; //!< "KEY=VALUE"
    std::vector<int> overviews;  //!< internal overview factors (empty: none)
    QString overviewResampling = QStringLiteral("AVERAGE");
    //! Photometric colour interpretation for 3/4 band byte rasters.
    bool rgb = false;
};

//! The demo's CRS (EPSG:4549) with x = easting, y = northing (traditional GIS axis order).
OGRSpatialReference projectSrs();

//! Writes DATA (SPEC.width*height*bands values of SPEC.type, pixel-interleaved, row 0 north)
//! as a GeoTIFF at PATH in EPSG:4549. Errors name PATH and GDAL's reason.
data::Status writeGeoTiff(const QString& path, const GeoTiffSpec& spec, const void* data);

} // namespace citytwin::gis::demo
