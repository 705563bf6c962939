#pragma once

// Writes small georeferenced fixtures with GDAL for the gis/ tests.

#include "gis/GdalEnvironment.h"

#include <QString>
#include <functional>
#include <gdal_priv.h>
#include <memory>
#include <ogr_spatialref.h>

namespace citytwin::test {

struct RasterSpec
{
    QString crs;        //!< "EPSG:nnnn"; empty: write no CRS at all
    double originX = 0; //!< upper-left corner
    double originY = 0;
    double cellX = 1;
    double cellY = 1; //!< positive; rows go south
    int width = 1;
    int height = 1;
    int bands = 1;
    GDALDataType type = GDT_Float32;
    const char* const* createOptions = nullptr;
};

//! Creates a GeoTIFF at PATH from SPEC, filling band values with FILL(band, col, row). Returns the
//! open dataset so the caller can add nodata, palettes or colour interpretations before it closes.
inline GDALDatasetUniquePtr createGeoTiff(const QString& path, const RasterSpec& spec,
                                          const std::function<double(int, int, int)>& fill)
{
    gis::ensureGdalRegistered();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds(driver->Create(path.toUtf8().constData(), spec.width, spec.height, spec.bands,
                                           spec.type, const_cast<char**>(spec.createOptions)));
    if (!ds)
        return ds;
    double gt[6] = {spec.originX, spec.cellX, 0, spec.originY, 0, -spec.cellY};
    ds->SetGeoTransform(gt);
    if (!spec.crs.isEmpty()) {
        OGRSpatialReference srs;
        srs.SetFromUserInput(spec.crs.toUtf8().constData());
        ds->SetSpatialRef(&srs);
    }
    std::vector<double> row(size_t(spec.width));
    for (int b = 1; b <= spec.bands; ++b) {
        for (int y = 0; y < spec.height; ++y) {
            for (int x = 0; x < spec.width; ++x)
                row[size_t(x)] = fill(b, x, y);
            if (ds->GetRasterBand(b)->RasterIO(GF_Write, 0, y, spec.width, 1, row.data(), spec.width, 1,
                                               GDT_Float64, 0, 0, nullptr) != CE_None)
                return nullptr;
        }
    }
    return ds;
}

} // namespace citytwin::test
