// seedTileCache / trimTileCache (gis/RasterSourceFactory.h): offline use of service layers. GDAL's
// WMS/WMTS drivers keep fetched tiles in the <Cache> directory the source description names, so
// seeding is reading every tile of the area once through GDAL at each zoom level.

#include "gis/GdalEnvironment.h"
#include "gis/GdalErrorCapture.h"
#include "gis/GdalHandles.h"
#include "gis/GisLog.h"
#include "gis/HttpConfigScope.h"
#include "gis/RasterSourceFactory.h"
#include "gis/ServiceDescription.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <vector>

namespace citytwin::gis {

using data::Result;
using data::Status;

namespace {

// Seeding more tiles than this is a mistake in the request (a country at street level), not a plan.
constexpr qint64 kMaxSeedTiles = 1'000'000;
// Web tiles are 256 px; GDAL's WMTS driver reads in 128 px blocks, so step by whichever is larger.
constexpr int kWebTileSize = 256;
// Tiles of a row read at once, so GDAL fetches them over parallel connections.
constexpr int kTilesPerRead = 8;
// The capabilities copies let a WMTS layer open offline: trimming never removes them.
const QString kKeptFolder = QStringLiteral("wmts-capabilities");

qint64 countFiles(const QString& dir)
{
    qint64 n = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

//! Tile index range of one zoom level: columns [x0, x1], rows [y0, y1].
struct TileRange
{
    int level = 0;
    int overview = -1; //!< GDAL overview index of the level; -1 = the full-resolution dataset
    qint64 x0 = 0, y0 = 0, x1 = -1, y1 = -1;
    qint64 count() const { return x1 < x0 || y1 < y0 ? 0 : (x1 - x0 + 1) * (y1 - y0 + 1); }
};

//! The tiles of LEVEL (0 = coarsest) that cover BOX (lon/lat) in DS's tiling.
TileRange tilesAt(GDALDataset& ds, int level, int maxLevel, const data::Extent2D& box)
{
    TileRange r;
    r.level = level;
    r.overview = level == maxLevel ? -1 : maxLevel - 1 - level;
    GDALRasterBand* band = ds.GetRasterBand(1);
    GDALRasterBand* levelBand = r.overview < 0 ? band : band->GetOverview(r.overview);
    if (!levelBand)
        return r;
    double gt[6];
    ds.GetGeoTransform(gt);
    const double scaleX = double(ds.GetRasterXSize()) / levelBand->GetXSize();
    const double scaleY = double(ds.GetRasterYSize()) / levelBand->GetYSize();
    int blockX = kWebTileSize, blockY = kWebTileSize;
    levelBand->GetBlockSize(&blockX, &blockY);
    blockX = std::max(blockX, kWebTileSize);
    blockY = std::max(blockY, kWebTileSize);

    OGRSpatialReference lonLat;
    lonLat.importFromEPSG(4326);
    lonLat.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference srs(*ds.GetSpatialRef());
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    CoordinateTransformationPtr ct(OGRCreateCoordinateTransformation(&lonLat, &srs));
    if (!ct)
        return r;
    double minCol = 1e300, minRow = 1e300, maxCol = -1e300, maxRow = -1e300;
    constexpr int kSamples = 16;
    for (int i = 0; i <= kSamples; ++i)
        for (int j = 0; j <= kSamples; ++j) {
            double x = box.minX + box.width() * i / kSamples;
            double y = box.minY + box.height() * j / kSamples;
            if (!ct->Transform(1, &x, &y))
                continue;
            const double col = (x - gt[0]) / gt[1] / scaleX;
            const double row = (y - gt[3]) / gt[5] / scaleY;
            minCol = std::min(minCol, col);
            maxCol = std::max(maxCol, col);
            minRow = std::min(minRow, row);
            maxRow = std::max(maxRow, row);
        }
    if (minCol > maxCol)
        return r;
    const qint64 cols = (levelBand->GetXSize() + blockX - 1) / blockX;
    const qint64 rows = (levelBand->GetYSize() + blockY - 1) / blockY;
    r.x0 = std::clamp<qint64>(qint64(std::floor(minCol / blockX)), 0, cols - 1);
    r.x1 = std::clamp<qint64>(qint64(std::floor(maxCol / blockX)), 0, cols - 1);
    r.y0 = std::clamp<qint64>(qint64(std::floor(minRow / blockY)), 0, rows - 1);
    r.y1 = std::clamp<qint64>(qint64(std::floor(maxRow / blockY)), 0, rows - 1);
    return r;
}

//! A pixel window of one level's dataset.
struct ReadWindow
{
    int x, y, width, height;
};

//! Reads WINDOW of all bands (band-sequential, 8 bit) into PIXELS. By the result only: GDAL's WMS
//! driver reports a cache miss before a 404 becomes an empty tile (see WarpPlan::failOnReportedErrors).
bool readWindow(GDALDataset& ds, const ReadWindow& window, std::vector<std::uint8_t>& pixels)
{
    pixels.resize(size_t(window.width) * size_t(window.height) * size_t(ds.GetRasterCount()));
    return ds.RasterIO(GF_Read, window.x, window.y, window.width, window.height, pixels.data(), window.width,
                       window.height, GDT_Byte, ds.GetRasterCount(), nullptr, 0, 0, 0, nullptr) == CE_None;
}

//! True unless columns [X, X+W) of WINDOW's PIXELS are all zero in every band (an empty tile).
bool hasData(const std::vector<std::uint8_t>& pixels, const ReadWindow& window, int x, int w, int bands)
{
    for (int b = 0; b < bands; ++b)
        for (int row = 0; row < window.height; ++row) {
            const auto first = pixels.begin() + (qsizetype(b) * window.height + row) * window.width + x;
            if (std::any_of(first, first + w, [](std::uint8_t v) { return v != 0; }))
                return true;
        }
    return false;
}

} // namespace

Result<SeedReport> seedTileCache(const SeedRequest& request, const RasterSourceOptions& options,
                                 const std::function<bool(qint64, qint64)>& progress)
{
    ensureGdalRegistered();
    if (options.cacheDir.isEmpty())
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("%1: seeding needs a tile cache directory").arg(request.uri));
    if (request.lonLatBox.isEmpty() || request.minLevel < 0 || request.maxLevel < request.minLevel)
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("%1: empty area or level range %2..%3")
                                 .arg(request.uri)
                                 .arg(request.minLevel)
                                 .arg(request.maxLevel));
    auto spec = describeRasterSource(request.uri, options);
    if (!spec)
        return spec.status();
    if (spec->type == RasterSourceType::File)
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("%1: not a tile service, nothing to cache").arg(request.uri));
    if (!QDir().mkpath(options.cacheDir))
        return Status::error(Status::Code::IoError,
                             QStringLiteral("%1: cannot create the cache directory").arg(options.cacheDir));

    HttpConfigScope http(options.timeoutS);
    GdalErrorCapture errors;
    auto open = [&](int overview) {
        const QByteArray level = "OVERVIEW_LEVEL=" + QByteArray::number(overview);
        const char* const openOptions[] = {level.constData(), nullptr};
        return DatasetPtr(GDALDataset::Open(spec->gdalName.toUtf8().constData(),
                                            GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr,
                                            overview >= 0 ? openOptions : nullptr));
    };
    DatasetPtr base = open(-1);
    if (!base || !base->GetSpatialRef())
        return Status::error(Status::Code::IoError,
                             QStringLiteral("%1: cannot open the service (%2)")
                                 .arg(request.uri, errors.summary(QStringLiteral("?"))));
    const int maxLevel = base->GetRasterBand(1)->GetOverviewCount();
    std::vector<TileRange> ranges;
    qint64 total = 0;
    for (int level = request.minLevel; level <= std::min(request.maxLevel, maxLevel); ++level) {
        ranges.push_back(tilesAt(*base, level, maxLevel, request.lonLatBox));
        total += ranges.back().count();
    }
    if (total > kMaxSeedTiles)
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("%1: %2 tiles requested, more than the %3 a seed may fetch")
                                 .arg(request.uri)
                                 .arg(total)
                                 .arg(kMaxSeedTiles));

    SeedReport report;
    report.tilesRequested = total;
    qint64 done = 0;
    std::vector<std::uint8_t> pixels;
    for (const TileRange& range : ranges) {
        DatasetPtr ds = range.overview < 0 ? std::move(base) : open(range.overview);
        if (!ds) {
            report.tilesFailed += range.count();
            done += range.count();
            continue;
        }
        int blockX = kWebTileSize, blockY = kWebTileSize;
        ds->GetRasterBand(1)->GetBlockSize(&blockX, &blockY);
        blockX = std::max(blockX, kWebTileSize);
        blockY = std::max(blockY, kWebTileSize);
        const int bands = ds->GetRasterCount();
        // GDAL names cache files by hashes of URLs we do not see (WMTS): new files per level are
        // the fetched tiles; tiles with data beyond those came from the cache. Counted per level,
        // not per tile, so a seed stays linear in the cache size.
        const qint64 filesBefore = countFiles(options.cacheDir);
        qint64 withData = 0;
        for (qint64 ty = range.y0; ty <= range.y1; ++ty)
            for (qint64 tx0 = range.x0; tx0 <= range.x1; tx0 += kTilesPerRead) {
                if (progress && !progress(done, total))
                    return Status::error(Status::Code::Cancelled,
                                         QStringLiteral("%1: seeding cancelled after %2 of %3 tiles")
                                             .arg(request.uri)
                                             .arg(done)
                                             .arg(total));
                const qint64 tx1 = std::min<qint64>(range.x1, tx0 + kTilesPerRead - 1);
                const ReadWindow window{
                    int(tx0 * blockX), int(ty * blockY),
                    int(std::min<qint64>((tx1 - tx0 + 1) * blockX, ds->GetRasterXSize() - tx0 * blockX)),
                    int(std::min<qint64>(blockY, ds->GetRasterYSize() - ty * blockY))};
                // Several tiles per read: GDAL's WMS driver fetches them in parallel. If the read
                // fails, each tile again on its own, to tell the failing ones from the others.
                errors.clear();
                if (readWindow(*ds, window, pixels)) {
                    for (qint64 tx = tx0; tx <= tx1; ++tx) {
                        const int x = int((tx - tx0) * blockX);
                        const int w = std::min(blockX, window.width - x);
                        if (hasData(pixels, window, x, w, bands))
                            ++withData;
                        else
                            ++report.tilesFailed; // the service has no such tile (404/204)
                    }
                } else {
                    for (qint64 tx = tx0; tx <= tx1; ++tx) {
                        const int x = int((tx - tx0) * blockX);
                        const ReadWindow single{window.x + x, window.y, std::min(blockX, window.width - x),
                                                window.height};
                        errors.clear();
                        if (!readWindow(*ds, single, pixels)) {
                            ++report.tilesFailed;
                            qCDebug(lcGis, "seed %s: tile %d/%lld/%lld failed: %s",
                                    qUtf8Printable(spec->displayName), range.level, tx, ty,
                                    qUtf8Printable(errors.summary()));
                        } else if (hasData(pixels, single, 0, single.width, bands)) {
                            ++withData;
                        } else {
                            ++report.tilesFailed;
                        }
                    }
                }
                done += tx1 - tx0 + 1;
            }
        const qint64 fetched = std::clamp<qint64>(countFiles(options.cacheDir) - filesBefore, 0, withData);
        report.tilesFetched += fetched;
        report.tilesCached += withData - fetched;
    }
    if (progress)
        progress(done, total);
    report.cacheBytes = trimTileCache(options.cacheDir, options.cacheMaxBytes);
    return report;
}

qint64 trimTileCache(const QString& dir, qint64 maxBytes)
{
    struct Entry
    {
        QString path;
        qint64 size;
        QDateTime used;
        bool kept;
    };
    std::vector<Entry> entries;
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        // Access times are unreliable (relatime/noatime mounts): the later of read and write.
        const QDateTime used = std::max(info.lastRead(), info.lastModified());
        const bool kept = info.absolutePath().endsWith(kKeptFolder);
        entries.push_back({info.absoluteFilePath(), info.size(), used, kept});
        total += info.size();
    }
    if (total <= maxBytes)
        return total;
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
    for (const Entry& e : entries) {
        if (total <= maxBytes)
            break;
        if (!e.kept && QFile::remove(e.path))
            total -= e.size;
    }
    return total;
}

} // namespace citytwin::gis
