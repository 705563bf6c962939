#include "app/ServiceSettings.h"
#include "app/cli/CliCommands.h"
#include "app/cli/CliCommon.h"
#include "gis/RasterSourceFactory.h"

#include <QDir>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <cmath>
#include <cstdio>
#include <unistd.h>

// `citytwin-cli cache seed`: fetch the tiles of an area and level range into the disk cache the
// app reads, for work without network.

namespace citytwin::app::cli {

namespace {

class Cache
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::cli::Cache)
public:
    static int run(const QStringList& args);

private:
    static int seed(const QStringList& args);
};

//! "LON1,LAT1,LON2,LAT2" in degrees, corners in any order; nullopt when malformed or off the globe.
std::optional<data::Extent2D> parseBox(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 4)
        return std::nullopt;
    double v[4];
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        v[i] = parts[i].trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v[i]))
            return std::nullopt;
    }
    data::Extent2D box{std::min(v[0], v[2]), std::min(v[1], v[3]), std::max(v[0], v[2]),
                       std::max(v[1], v[3])};
    if (box.minX < -180.0 || box.maxX > 180.0 || box.minY < -90.0 || box.maxY > 90.0 || box.isEmpty())
        return std::nullopt;
    return box;
}

//! "A-B" or "A" with 0 <= A <= B <= kMaxLevel.
std::optional<std::pair<int, int>> parseLevels(const QString& text)
{
    constexpr int kMaxLevel = 24;
    static const QRegularExpression re(QStringLiteral("^(\\d{1,2})(?:-(\\d{1,2}))?$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const int a = m.captured(1).toInt();
    const int b = m.captured(2).isEmpty() ? a : m.captured(2).toInt();
    if (a > b || b > kMaxLevel)
        return std::nullopt;
    return std::pair{a, b};
}

int Cache::seed(const QStringList& args)
{
    const QString command = QStringLiteral("cache seed");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Fetches every tile of a service (XYZ URL template, WMTS capabilities URL or GDAL WMS XML) in an "
           "area and a range of zoom levels into the tile disk cache, so the app can show it offline. "
           "Tiles already cached are not fetched again. Progress goes to stderr, the summary to stdout.\n"
           "Default cache folder and API key: those set in the app's settings."));
    const QCommandLineOption bbox(QStringLiteral("bbox"),
                                  tr("Area in degrees: west,south,east,north (CGCS2000/WGS84 lon,lat)."),
                                  QStringLiteral("LON1,LAT1,LON2,LAT2"));
    const QCommandLineOption levels(QStringLiteral("levels"),
                                    tr("Zoom levels of the service, e.g. 10-16 (or one level)."),
                                    QStringLiteral("A-B"));
    const QCommandLineOption cacheDir(QStringLiteral("cache-dir"), tr("Cache folder to fill."),
                                      QStringLiteral("DIR"));
    const QCommandLineOption apiKey(QStringLiteral("api-key"), tr("Key substituted for {tk} in the URL."),
                                    QStringLiteral("KEY"));
    const QCommandLineOption maxTiles(QStringLiteral("max-tiles"),
                                      tr("Refuse to fetch more tiles than this (default 50000)."),
                                      QStringLiteral("N"), QStringLiteral("50000"));
    parser.addOptions({bbox, levels, cacheDir, apiKey, maxTiles});
    parser.addPositionalArgument(QStringLiteral("SOURCE"),
                                 tr("The tile service (URL or GDAL WMS XML file)."));
    if (auto exit = parseCommandLine(parser, command,
                                     QStringLiteral("FILE-OR-URL --bbox LON1,LAT1,LON2,LAT2 --levels A-B "
                                                    "[--cache-dir DIR] [--api-key KEY] [--max-tiles N]"),
                                     args))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(command, positional.isEmpty()
                                       ? tr("missing the service to seed from")
                                       : tr("expected one service, got %1").arg(positional.size()));
    if (!parser.isSet(bbox))
        return usageError(command, tr("missing --bbox LON1,LAT1,LON2,LAT2"));
    const auto box = parseBox(parser.value(bbox));
    if (!box)
        return usageError(
            command, tr("--bbox wants west,south,east,north in degrees, not '%1'").arg(parser.value(bbox)));
    if (!parser.isSet(levels))
        return usageError(command, tr("missing --levels A-B"));
    const auto range = parseLevels(parser.value(levels));
    if (!range)
        return usageError(
            command, tr("--levels wants A-B with 0 <= A <= B <= 24, not '%1'").arg(parser.value(levels)));
    const auto limit = parseCount(parser.value(maxTiles), 100'000'000);
    if (!limit || *limit == 0)
        return usageError(command,
                          tr("--max-tiles wants a positive number, not '%1'").arg(parser.value(maxTiles)));

    QString source = positional.first().trimmed();
    if (gis::classifyRasterSource(source) == gis::RasterSourceType::File)
        return failure(command, tr("%1 is not a tile service (XYZ URL template, WMTS or GDAL WMS XML)")
                                    .arg(QDir::toNativeSeparators(source)));
    if (gis::classifyRasterSource(source) == gis::RasterSourceType::GdalWms &&
        !source.contains(QLatin1String("://")))
        source = QFileInfo(source).absoluteFilePath();

    const ServiceSettings settings = guiServiceSettings();
    gis::RasterSourceOptions options;
    options.allowNetwork = true; // the user named the service on the command line
    options.cacheDir =
        parser.isSet(cacheDir) ? QFileInfo(parser.value(cacheDir)).absoluteFilePath() : settings.cacheDir;
    options.cacheMaxBytes = settings.cacheMaxBytes();
    options.apiKey = parser.isSet(apiKey) ? parser.value(apiKey) : settings.apiKey;
    if (!QDir().mkpath(options.cacheDir))
        return failure(
            command,
            tr("%1: cannot create the cache folder").arg(QDir::toNativeSeparators(options.cacheDir)));

    gis::SeedRequest request;
    request.uri = source;
    request.lonLatBox = *box;
    request.minLevel = range->first;
    request.maxLevel = range->second;

    qint64 tooMany = 0;
    QElapsedTimer shown;
    shown.start();
    const bool tty = ::isatty(::fileno(stderr)) != 0;
    auto progress = [&](qint64 done, qint64 total) {
        if (total > *limit) {
            tooMany = total;
            return false;
        }
        // At most a few lines a second; always the last one.
        if (done == total || shown.elapsed() >= 250) {
            shown.restart();
            err() << (tty ? "\r" : "") << tr("seeding: %1 / %2 tiles").arg(done).arg(total)
                  << (tty ? "" : "\n") << Qt::flush;
        }
        return true;
    };
    auto report = gis::seedTileCache(request, options, progress);
    if (tty)
        err() << Qt::endl;
    if (tooMany > 0)
        return failure(
            command,
            tr("the area and levels need %1 tiles, more than --max-tiles %2").arg(tooMany).arg(*limit));
    if (!report)
        return failure(command, report.status().message());
    out() << tr("tiles requested: %1").arg(report->tilesRequested) << '\n'
          << tr("fetched:         %1").arg(report->tilesFetched) << '\n'
          << tr("already cached:  %1").arg(report->tilesCached) << '\n'
          << tr("failed:          %1").arg(report->tilesFailed) << '\n'
          << tr("cache:           %1 (%2 MiB)")
                 .arg(QDir::toNativeSeparators(options.cacheDir))
                 .arg(double(report->cacheBytes) / double(1 << 20), 0, 'f', 1)
          << Qt::endl;
    if (report->tilesFailed > 0)
        return failure(
            command,
            tr("%1 of %2 tiles could not be fetched").arg(report->tilesFailed).arg(report->tilesRequested));
    return kExitOk;
}

int Cache::run(const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("seed"))
        return seed(args.mid(1));
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        out() << tr("Usage: %1 cache seed FILE-OR-URL --bbox LON1,LAT1,LON2,LAT2 --levels A-B [--cache-dir "
                    "DIR]\n\n"
                    "Pre-fetches service tiles into the disk cache for offline use.\n"
                    "Run '%1 cache seed --help' for the details.")
                     .arg(QLatin1String(kProgramName))
              << Qt::endl;
        return kExitOk;
    }
    return usageError(QStringLiteral("cache"),
                      sub.isEmpty() ? tr("missing 'seed'") : tr("unknown cache command '%1'").arg(sub));
}

} // namespace

int runCache(const QStringList& args)
{
    return Cache::run(args);
}

} // namespace citytwin::app::cli
