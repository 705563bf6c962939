#pragma once

// Shared helpers of the raster source suites: project grids, pixel access, small fixtures.

#include "GdalFixtures.h"
#include "data/RasterSource.h"
#include "gis/CrsTransformer.h"
#include "gis/RasterReader.h"
#include "gis/RasterSourceFactory.h"

#include <QByteArray>
#include <QFileInfo>
#include <QList>
#include <QString>
#include <QStringList>
#include <cmath>
#include <cstdint>
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

// Quadrant colours of writeOrthophoto's image (NW, NE, SW, SE).
inline constexpr std::uint8_t kQuadrant[4][3] = {
    {230, 20, 20}, {20, 200, 40}, {30, 40, 220}, {250, 250, 250}};

//! DIR/ortho.tif (written once): a 4549 RGB GeoTIFF of 200 x 200 cells of 5 m centred on Pinghu,
//! one colour per quadrant (kQuadrant), with overviews.
inline QString writeOrthophoto(const QString& dir)
{
    const QString path = dir + QStringLiteral("/ortho.tif");
    if (QFileInfo::exists(path))
        return path;
    RasterSpec spec{QString::fromLatin1(kProjectCrs), kE0 - 500, kN0 + 500, 5, 5, 200, 200, 3, GDT_Byte};
    auto ds = createGeoTiff(path, spec, [](int band, int col, int row) {
        const int q = (row >= 100 ? 2 : 0) + (col >= 100 ? 1 : 0);
        return double(kQuadrant[q][band - 1]);
    });
    ds->GetRasterBand(1)->SetColorInterpretation(GCI_RedBand);
    ds->GetRasterBand(2)->SetColorInterpretation(GCI_GreenBand);
    ds->GetRasterBand(3)->SetColorInterpretation(GCI_BlueBand);
    const int levels[] = {2, 4};
    ds->BuildOverviews("AVERAGE", 2, levels, 0, nullptr, nullptr, nullptr);
    return path;
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
