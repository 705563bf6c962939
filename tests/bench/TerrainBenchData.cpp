#include "tests/bench/TerrainBenchData.h"

#include "gis/CrsTransformer.h"
#include "gis/DemoCity.h"
#include "gis/GdalEnvironment.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <cmath>
#include <cpl_conv.h>
#include <cstdint>
#include <functional>
#include <gdal.h>
#include <numbers>
#include <ogr_srs_api.h>
#include <vector>

namespace citytwin::bench {

namespace {

using data::Status;

constexpr int kTileM = 4000; // side of the generated tile, metres
constexpr double kDemCellM = 5.0;
constexpr const char* kCompleteMarker = "complete";
constexpr int kOverviewCount = 5; // factors 2, 4, 8, 16, 32: the tile's own overviews

Status gdalError(const QString& path, const char* what)
{
    return Status::error(
        Status::Code::IoError,
        QStringLiteral("%1: %2 (%3)").arg(path, QLatin1String(what), QLatin1String(CPLGetLastErrorMsg())));
}

QString epsg4549Wkt()
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, 4549);
    char* wkt = nullptr;
    OSRExportToWkt(srs, &wkt);
    const QString out = QString::fromUtf8(wkt);
    CPLFree(wkt);
    OSRDestroySpatialReference(srs);
    return out;
}

std::uint32_t hash2(std::uint32_t x, std::uint32_t y)
{
    std::uint32_t h = x * 0x8da6b343u ^ y * 0xd8163841u;
    h ^= h >> 13;
    h *= 0x85ebca6bu;
    return h ^ (h >> 16);
}

//! Heights of the tile, periodic over kTileM so the mosaic's copies join without steps.
float tileHeight(double x, double y)
{
    constexpr double k = 2.0 * std::numbers::pi;
    return float(12.0 + 10.0 * std::sin(k * x / kTileM) * std::cos(k * y / kTileM) +
                 4.0 * std::sin(k * (x + 2.0 * y) / 1000.0) +
                 1.5 * std::sin(k * x / 400.0) * std::sin(k * y / 500.0));
}

//! Fields of 50 m in varied greens and browns, 8 m roads every 500 m, texel noise (so JPEG and
//! the texture path have real detail to carry); periodic over kTileM.
void imageryRow(int row, std::vector<std::uint8_t>& rgb)
{
    for (int col = 0; col < kTileM; ++col) {
        std::uint8_t* p = &rgb[size_t(col) * 3];
        const std::uint32_t noise = hash2(std::uint32_t(col), std::uint32_t(row)) & 15u;
        if (col % 500 < 8 || row % 500 < 8) {
            p[0] = p[1] = p[2] = std::uint8_t(120 + noise);
            continue;
        }
        const std::uint32_t field = hash2(std::uint32_t(col / 50), std::uint32_t(row / 50));
        const bool crop = (field & 3u) != 0;
        p[0] = std::uint8_t((crop ? 70 : 140) + ((field >> 4) & 31u) + noise);
        p[1] = std::uint8_t((crop ? 120 : 110) + ((field >> 9) & 31u) + noise);
        p[2] = std::uint8_t((crop ? 50 : 70) + ((field >> 14) & 15u) + noise);
    }
}

Status writeTile(const QString& path, int size, int bands, GDALDataType type, CSLConstList options,
                 const std::vector<double>& geoTransform, const std::function<void(int, void*)>& fillRow,
                 const char* resampling)
{
    GDALDriverH driver = GDALGetDriverByName("GTiff");
    GDALDatasetH ds =
        GDALCreate(driver, path.toUtf8().constData(), size, size, bands, type, const_cast<char**>(options));
    if (!ds)
        return gdalError(path, "cannot create");
    GDALSetGeoTransform(ds, const_cast<double*>(geoTransform.data()));
    GDALSetProjection(ds, epsg4549Wkt().toUtf8().constData());
    const int pixelBytes = GDALGetDataTypeSizeBytes(type);
    std::vector<std::uint8_t> row(size_t(size) * size_t(bands) * size_t(pixelBytes));
    CPLErr err = CE_None;
    for (int r = 0; r < size && err == CE_None; ++r) {
        fillRow(r, row.data());
        err = GDALDatasetRasterIO(ds, GF_Write, 0, r, size, 1, row.data(), size, 1, type, bands, nullptr,
                                  bands * pixelBytes, 0, pixelBytes);
    }
    int levels[] = {2, 4, 8, 16, 32};
    if (err == CE_None)
        err = GDALBuildOverviews(ds, resampling, kOverviewCount, levels, 0, nullptr, nullptr, nullptr);
    GDALClose(ds);
    return err == CE_None ? Status::ok() : gdalError(path, "cannot write");
}

//! COUNT × COUNT copies of the tile file TILE (SIZE px a side, overviews 2..32) in a mosaic whose
//! NW corner is (MINX, MAXY).
struct Mosaic
{
    QString tile;
    int size = 0;
    int bands = 1;
    const char* type = "Byte";
    int count = 1;
    double minX = 0.0;
    double maxY = 0.0;
    double cell = 1.0;
};

//! The mosaic as VRT XML at OVERVIEW (-1: full resolution, else the tile's overview index),
//! listing OVERVIEWFILES as its own overviews so readers can pick a coarse level.
QByteArray mosaicVrt(const Mosaic& m, int overview, const QStringList& overviewFiles)
{
    const int factor = overview < 0 ? 1 : 2 << overview;
    const int size = m.size / factor;
    QByteArray x;
    x += QStringLiteral("<VRTDataset rasterXSize=\"%1\" rasterYSize=\"%1\">\n").arg(size * m.count).toUtf8();
    x += "  <SRS>EPSG:4549</SRS>\n";
    x += QStringLiteral("  <GeoTransform>%1, %2, 0, %3, 0, %4</GeoTransform>\n")
             .arg(m.minX, 0, 'f', 3)
             .arg(m.cell * factor)
             .arg(m.maxY, 0, 'f', 3)
             .arg(-m.cell * factor)
             .toUtf8();
    const QString openOptions =
        overview < 0
            ? QString()
            : QStringLiteral("<OpenOptions><OOI key=\"OVERVIEW_LEVEL\">%1</OOI></OpenOptions>").arg(overview);
    const char* colours[] = {"Red", "Green", "Blue"};
    for (int b = 1; b <= m.bands; ++b) {
        x += QStringLiteral("  <VRTRasterBand dataType=\"%1\" band=\"%2\">\n")
                 .arg(QLatin1String(m.type))
                 .arg(b)
                 .toUtf8();
        x += QStringLiteral("    <ColorInterp>%1</ColorInterp>\n")
                 .arg(QLatin1String(m.bands == 3 ? colours[b - 1] : "Gray"))
                 .toUtf8();
        for (const QString& file : overviewFiles)
            x += QStringLiteral("    <Overview><SourceFilename relativeToVRT=\"1\">%1</SourceFilename>"
                                "<SourceBand>%2</SourceBand></Overview>\n")
                     .arg(file)
                     .arg(b)
                     .toUtf8();
        for (int j = 0; j < m.count; ++j)
            for (int i = 0; i < m.count; ++i)
                x += QStringLiteral(
                         "    <SimpleSource><SourceFilename relativeToVRT=\"1\">%1</SourceFilename>%2"
                         "<SourceBand>%3</SourceBand><SourceProperties RasterXSize=\"%4\" "
                         "RasterYSize=\"%4\" DataType=\"%5\" BlockXSize=\"256\" BlockYSize=\"256\"/>"
                         "<SrcRect xOff=\"0\" yOff=\"0\" xSize=\"%4\" ySize=\"%4\"/>"
                         "<DstRect xOff=\"%6\" yOff=\"%7\" xSize=\"%4\" ySize=\"%4\"/></SimpleSource>\n")
                         .arg(m.tile, openOptions)
                         .arg(b)
                         .arg(size)
                         .arg(QLatin1String(m.type))
                         .arg(i * size)
                         .arg(j * size)
                         .toUtf8();
        x += "  </VRTRasterBand>\n";
    }
    x += "</VRTDataset>\n";
    return x;
}

Status writeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return Status::error(Status::Code::IoError,
                             QStringLiteral("%1: cannot write (%2)").arg(path, f.errorString()));
    return Status::ok();
}

//! PATH (NAME.vrt) and its overview VRTs NAME-ovrF.vrt: without overviews a reader asked for a
//! county-wide tile would have to decode the full-resolution mosaic (gigabytes of JPEG).
Status writeMosaic(const QString& path, const Mosaic& m)
{
    const QFileInfo info(path);
    QStringList overviewFiles;
    for (int level = 0; level < kOverviewCount; ++level) {
        const QString name = QStringLiteral("%1-ovr%2.vrt").arg(info.completeBaseName()).arg(2 << level);
        if (Status st = writeFile(info.dir().filePath(name), mosaicVrt(m, level, {})); !st)
            return st;
        overviewFiles << name;
    }
    return writeFile(path, mosaicVrt(m, -1, overviewFiles));
}

} // namespace


data::Result<TerrainFiles> demoTerrainFiles(const QString& dir)
{
    const QDir d(dir);
    if (!QFileInfo::exists(d.filePath(QLatin1String(gis::kDemoProjectFileName)))) {
        QDir().mkpath(dir);
        gis::DemoCityOptions options;
        options.events = 0;
        options.people = 0;
        if (auto made = gis::makeDemoCity(dir, options); !made)
            return made.status();
    }
    TerrainFiles files{d.filePath(QStringLiteral("dem.tif")), d.filePath(QStringLiteral("imagery.tif"))};
    if (!QFileInfo::exists(files.dem) || !QFileInfo::exists(files.imagery))
        return Status::error(Status::Code::NotFound,
                             QStringLiteral("%1: no dem.tif/imagery.tif in the demo").arg(dir));
    return files;
}

data::Result<TerrainFiles> largeTerrainFiles(const QString& dir, const data::ProjectedPoint& origin,
                                             int sideKm)
{
    const QDir d(dir);
    TerrainFiles files{d.filePath(QStringLiteral("dem.vrt")), d.filePath(QStringLiteral("imagery.vrt"))};
    if (QFileInfo::exists(d.filePath(QLatin1String(kCompleteMarker))))
        return files;
    gis::ensureGdalRegistered();
    if (!QDir().mkpath(dir))
        return Status::error(Status::Code::IoError, QStringLiteral("%1: cannot create the folder").arg(dir));
    const int count = sideKm * 1000 / kTileM;
    const double minX = origin.x - 0.5 * count * kTileM;
    const double maxY = origin.y + 0.5 * count * kTileM;
    // The tile file itself sits at the mosaic's NW corner; the VRT places every copy.
    const QString imageTile = d.filePath(QStringLiteral("imagery-tile.tif"));
    const char* imageOptions[] = {"TILED=YES",         "BLOCKXSIZE=256",  "BLOCKYSIZE=256", "COMPRESS=JPEG",
                                  "PHOTOMETRIC=YCBCR", "JPEG_QUALITY=80", nullptr};
    CPLSetConfigOption("COMPRESS_OVERVIEW", "JPEG");
    CPLSetConfigOption("PHOTOMETRIC_OVERVIEW", "YCBCR");
    CPLSetConfigOption("INTERLEAVE_OVERVIEW", "PIXEL");
    std::vector<std::uint8_t> rgb(size_t(kTileM) * 3);
    Status st = writeTile(
        imageTile, kTileM, 3, GDT_Byte, imageOptions, {minX, 1.0, 0.0, maxY, 0.0, -1.0},
        [&rgb](int row, void* out) {
            imageryRow(row, rgb);
            std::copy(rgb.begin(), rgb.end(), static_cast<std::uint8_t*>(out));
        },
        "AVERAGE");
    if (!st)
        return st;
    CPLSetConfigOption("COMPRESS_OVERVIEW", "DEFLATE");
    CPLSetConfigOption("PHOTOMETRIC_OVERVIEW", nullptr);
    const int demSize = int(kTileM / kDemCellM);
    const QString demTile = d.filePath(QStringLiteral("dem-tile.tif"));
    const char* demOptions[] = {"TILED=YES",        "BLOCKXSIZE=256", "BLOCKYSIZE=256",
                                "COMPRESS=DEFLATE", "PREDICTOR=3",    nullptr};
    st = writeTile(
        demTile, demSize, 1, GDT_Float32, demOptions, {minX, kDemCellM, 0.0, maxY, 0.0, -kDemCellM},
        [demSize](int row, void* out) {
            auto* h = static_cast<float*>(out);
            for (int col = 0; col < demSize; ++col)
                h[col] = tileHeight((col + 0.5) * kDemCellM, (row + 0.5) * kDemCellM);
        },
        "AVERAGE");
    CPLSetConfigOption("COMPRESS_OVERVIEW", nullptr);
    CPLSetConfigOption("INTERLEAVE_OVERVIEW", nullptr);
    if (!st)
        return st;
    if (st = writeMosaic(files.imagery,
                         {QStringLiteral("imagery-tile.tif"), kTileM, 3, "Byte", count, minX, maxY, 1.0});
        !st)
        return st;
    if (st = writeMosaic(
            files.dem, {QStringLiteral("dem-tile.tif"), demSize, 1, "Float32", count, minX, maxY, kDemCellM});
        !st)
        return st;
    if (st = writeFile(d.filePath(QLatin1String(kCompleteMarker)), QByteArray("ok\n")); !st)
        return st;
    return files;
}

} // namespace citytwin::bench
