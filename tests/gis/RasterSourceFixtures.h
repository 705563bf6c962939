#pragma once

// Shared helpers of the raster source suites: project grids, pixel access, small fixtures.

#include "GdalFixtures.h"
#include "data/RasterSource.h"
#include "gis/CrsTransformer.h"
#include "gis/RasterReader.h"
#include "gis/RasterSourceFactory.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <cmath>
#include <gdal_utils.h>

namespace citytwin::test {

inline constexpr const char* kProjectCrs = "EPSG:4549";

//! Pinghu centre in EPSG:4549 (verified with cs2cs, see tst_crs).
inline constexpr double kE0 = 595804.2829;
inline constexpr double kN0 = 3398141.1227;

inline gis::RasterSourceOptions projectOptions()
{
    gis::RasterSourceOptions o;
    o.projectCrs = QString::fromLatin1(kProjectCrs);
    o.origin = {kE0, kN0, 0.0};
    o.timeoutS = 2;
    return o;
}

//! A SIZE x SIZE pixel grid of CELL metres centred on (E, N).
inline data::GridGeometry gridAround(double e, double n, double cell, int size)
{
    const double half = cell * size / 2.0;
    return {{e - half, n - half, e + half, n + half}, size, size};
}

inline const std::uint8_t* pixelAt(const data::ImageRaster& img, int col, int row)
{
    return &img.rgba[(size_t(row) * size_t(img.grid.width) + size_t(col)) * 4];
}

//! Projects lon/lat into CRS (the project CRS by default).
inline data::ProjectedPoint project(double lon, double lat,
                                    const QString& crs = QString::fromLatin1(kProjectCrs))
{
    auto t = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), crs);
    return t->forward({lon, lat, 0.0}).value();
}

//! Converts SRC to DST with gdal_translate options (e.g. {"-of", "COG"}); false on failure.
inline bool translate(const QString& src, const QString& dst, const QStringList& args)
{
    QList<QByteArray> bytes;
    std::vector<char*> argv;
    for (const QString& a : args)
        bytes.push_back(a.toUtf8());
    for (QByteArray& b : bytes)
        argv.push_back(b.data());
    argv.push_back(nullptr);
    GDALTranslateOptions* options = GDALTranslateOptionsNew(argv.data(), nullptr);
    GDALDatasetH in = GDALOpen(src.toUtf8().constData(), GA_ReadOnly);
    GDALDatasetH out = in ? GDALTranslate(dst.toUtf8().constData(), in, options, nullptr) : nullptr;
    GDALTranslateOptionsFree(options);
    if (out)
        GDALClose(out);
    if (in)
        GDALClose(in);
    return out != nullptr;
}

} // namespace citytwin::test
