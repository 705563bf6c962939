#pragma once

// The local rasters of the RasterReader suites (tst_demreader, tst_imageryreader): a smooth DEM
// around Pinghu in EPSG:4549 with a no-data corner, and pixel access to what the reader returns.
#include "GdalFixtures.h"
#include "data/Rasters.h"

#include <QString>
#include <cstdint>

namespace citytwin::test {

// Pinghu centre in EPSG:4549 (verified with cs2cs, see tst_crs).
inline constexpr double kE0 = 595804.2829;
inline constexpr double kN0 = 3398141.1227;

//! A smooth surface (plane + bowl) in EPSG:4549 metres: bilinear sampling reproduces it to < 1 mm.
inline double surface(double e, double n)
{
    const double dx = e - kE0;
    const double dy = n - kN0;
    return 20.0 + 0.02 * dx - 0.01 * dy + 1e-5 * (dx * dx + dy * dy);
}

//! The RGBA bytes of pixel (COL, ROW) of IMG.
inline const std::uint8_t* pixel(const data::ImageRaster& img, int col, int row)
{
    return &img.rgba[(size_t(row) * size_t(img.grid.width) + size_t(col)) * 4];
}

//! Writes surface() as a 200 × 200 GeoTIFF of 10 m cells around Pinghu (EPSG:4549) at PATH, its
//! north-west 20 × 20 cells no-data (-9999); returns PATH, or empty when it could not be written.
inline QString writeLocalDem(const QString& path)
{
    RasterSpec spec{QStringLiteral("EPSG:4549"), kE0 - 1000, kN0 + 1000, 10, 10, 200, 200};
    auto ds = createGeoTiff(path, spec, [](int, int col, int row) {
        if (col < 20 && row < 20)
            return -9999.0;
        return surface(kE0 - 1000 + (col + 0.5) * 10, kN0 + 1000 - (row + 0.5) * 10);
    });
    if (ds)
        ds->GetRasterBand(1)->SetNoDataValue(-9999.0);
    return ds ? path : QString();
}

} // namespace citytwin::test
