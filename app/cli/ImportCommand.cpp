#include "app/ImportReasons.h"
#include "app/cli/CliCommands.h"
#include "app/cli/CliCommon.h"
#include "gis/OverlayImporter.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <algorithm>

// citytwin-cli import: people's tracks, events, assets, sensor readings or alarm thresholds from a CSV or an OGR
// source into a project's overlay tables, in one transaction (a failure leaves the file as it was).
namespace citytwin::app::cli {

namespace {

class Import
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::cli::Import)
public:
    static int run(const QStringList& args);
};

//! Rejected rows listed on the terminal (the report keeps more).
constexpr int kListedRejects = 20;
//! Files from this size on get a progress line on stderr.
constexpr qint64 kProgressBytes = 16 * 1024 * 1024;

QString describeMapping(const data::OverlayMapping& m)
{
    QStringList roles;
    for (const QString& role : data::knownColumns(m.kind))
        if (!m.columns.value(role).isEmpty())
            roles << QStringLiteral("%1=%2").arg(role, m.columns.value(role));
    return roles.join(QStringLiteral(", "));
}

QString describeTime(const data::OverlayMapping& m)
{
    QString s = data::toString(m.timeFormat);
    if (m.timeFormat == data::TimeFormat::Pattern)
        s += QStringLiteral(" \"%1\"").arg(m.timePattern);
    return s;
}

std::optional<QChar> parseDelimiter(const QString& text)
{
    if (text == QLatin1String("tab") || text == QLatin1String("\\t") || text == QLatin1String("\t"))
        return QLatin1Char('\t');
    if (text.size() == 1 && QStringLiteral(",;|").contains(text))
        return text.at(0);
    return std::nullopt;
}

//! Progress on stderr, at most every half second, for big files only.
gis::ImportProgress progressPrinter(bool enabled)
{
    if (!enabled)
        return {};
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer](std::int64_t done, std::int64_t total) {
        if (timer->elapsed() < 500)
            return true;
        timer->restart();
        if (total > 0)
            err() << '\r' << Import::tr("importing… %1%").arg(100.0 * double(done) / double(total), 0, 'f', 0)
                  << Qt::flush;
        return true;
    };
}

int Import::run(const QStringList& args)
{
    const QString command = QStringLiteral("import");
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Imports people's tracks, events, assets, sensor readings or alarm thresholds from FILE (CSV, GeoJSON, "
        "GeoPackage, Shapefile or a PG: connection) into PROJECT. The kind and the column mapping are guessed "
        "from the file unless given. Without --append the kind's existing rows are replaced. Rows that cannot "
        "be read are listed and skipped; if no row can be imported, or on any other error, PROJECT is left "
        "unchanged.\n\nThresholds: one row per limit, for one sensor (asset=ID) or every sensor of a subtype "
        "(subtype=water_level), with min and/or max; e.g.\n"
        "  citytwin-cli import city.citytwin limits.csv --kind thresholds --map subtype=sensor_type "
        "--map max=alarm_high\n"
        "Assets files may carry min/max columns too: each asset with a limit gets its own threshold."));
    const QCommandLineOption kind(QStringLiteral("kind"),
                                  tr("What the rows are: tracks, events, assets, readings or thresholds."),
                                  QStringLiteral("KIND"));
    const QCommandLineOption map(
        QStringLiteral("map"),
        tr("Column for a role, e.g. time=timestamp, x=lon, y=lat, id=vehicle_id "
           "(repeatable; roles: id name role team time x y category severity "
           "description source reported dispatched on_site resolved closed staff type "
           "subtype asset value min max)."),
        QStringLiteral("ROLE=COLUMN"));
    const QCommandLineOption crs(QStringLiteral("crs"),
                                 tr("CRS of the x/y columns or geometry (default: EPSG:4326, "
                                    "or the file's own)."),
                                 QStringLiteral("CRS"));
    const QCommandLineOption timeFormat(QStringLiteral("time-format"),
                                        tr("auto, iso8601, epoch_s, epoch_ms or pattern."),
                                        QStringLiteral("F"));
    const QCommandLineOption timePattern(
        QStringLiteral("time-pattern"),
        tr("A Qt date-time pattern, e.g. \"MM/dd/yyyy hh:mm:ss AP\" (implies "
           "--time-format pattern)."),
        QStringLiteral("P"));
    const QCommandLineOption timeZone(QStringLiteral("time-zone"),
                                      tr("IANA zone of times written without one (default: the project's)."),
                                      QStringLiteral("Z"));
    const QCommandLineOption delimiter(QStringLiteral("delimiter"),
                                       tr("CSV delimiter: , ; | or tab (default: detected)."),
                                       QStringLiteral("C"));
    const QCommandLineOption append(QStringLiteral("append"),
                                    tr("Add to the existing rows instead of replacing them."));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    tr("Read and check everything, write nothing."));
    parser.addOptions({kind, map, crs, timeFormat, timePattern, timeZone, delimiter, append, dryRun});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), tr("The project file (*.citytwin)."));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The file to import."));
    const QString syntax =
        QStringLiteral("PROJECT FILE [--kind tracks|events|assets|readings|thresholds] [--map ROLE=COLUMN]... [--crs "
                       "CRS] [--time-format F] "
                       "[--time-pattern P] [--time-zone Z] [--delimiter C] [--append] [--dry-run]");
    if (auto exit = parseCommandLine(parser, command, syntax, args))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return usageError(command, tr("expected PROJECT and FILE, got %1 arguments").arg(positional.size()));
    const QString projectPath = positional[0];
    const QString file = positional[1];

    // Everything that can be wrong with the command line is found before the project is opened.
    std::optional<data::OverlayKind> givenKind;
    if (parser.isSet(kind)) {
        data::OverlayKind k{};
        if (!data::fromString(parser.value(kind), k))
            return usageError(
                command,
                tr("--kind: '%1' is not tracks, events, assets, readings or thresholds").arg(parser.value(kind)));
        givenKind = k;
    }
    std::optional<data::TimeFormat> givenFormat;
    if (parser.isSet(timeFormat)) {
        data::TimeFormat f{};
        if (!data::fromString(parser.value(timeFormat), f))
            return usageError(command,
                              tr("--time-format: '%1' is not auto, iso8601, epoch_s, epoch_ms or pattern")
                                  .arg(parser.value(timeFormat)));
        givenFormat = f;
    }
    std::optional<QChar> givenDelimiter;
    if (parser.isSet(delimiter)) {
        givenDelimiter = parseDelimiter(parser.value(delimiter));
        if (!givenDelimiter)
            return usageError(command,
                              tr("--delimiter: '%1' is not , ; | or tab").arg(parser.value(delimiter)));
    }
    QMap<QString, QString> givenColumns;
    for (const QString& m : parser.values(map)) {
        const qsizetype eq = m.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == m.size() - 1)
            return usageError(command, tr("--map: '%1' is not ROLE=COLUMN").arg(m));
        givenColumns.insert(m.left(eq).trimmed(), m.mid(eq + 1).trimmed());
    }

    if (!QFileInfo(projectPath).isFile())
        return failure(command, tr("%1: file not found").arg(QDir::toNativeSeparators(projectPath)));
    data::Project project;
    {
        auto store = data::ProjectStore::open(projectPath, data::ProjectStore::Mode::ReadOnly);
        if (!store)
            return failure(command, store.status().message());
        auto loaded = (*store)->loadProject();
        if (!loaded)
            return failure(command, loaded.status().message());
        project = std::move(loaded).value();
    }

    auto preview = gis::previewOverlayFile(file);
    if (!preview)
        return failure(command, preview.status().message());
    data::OverlayKind k = data::OverlayKind::Events;
    if (givenKind) {
        k = *givenKind;
    } else if (const auto guess = gis::guessOverlayKind(*preview)) {
        k = *guess;
        out() << tr("kind: %1 (guessed; --kind to change)").arg(data::toString(k)) << '\n';
    } else {
        return failure(command, tr("%1: cannot tell what the rows are (columns: %2); give --kind")
                                    .arg(file, preview->columns.join(QStringLiteral(", "))));
    }
    data::OverlayMapping mapping = gis::guessOverlayMapping(*preview, k);
    mapping.timeZone = project.timeZone.isEmpty() ? QStringLiteral("UTC") : project.timeZone;
    const std::vector<QString> known = data::knownColumns(k);
    for (auto it = givenColumns.cbegin(); it != givenColumns.cend(); ++it) {
        if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
            QStringList roles(known.begin(), known.end());
            return usageError(command,
                              tr("--map: %1 has no role '%2' (roles: %3)")
                                  .arg(data::toString(k), it.key(), roles.join(QStringLiteral(" "))));
        }
        mapping.columns.insert(it.key(), it.value());
    }
    if (parser.isSet(crs))
        mapping.sourceCrs = parser.value(crs);
    if (givenFormat)
        mapping.timeFormat = *givenFormat;
    if (parser.isSet(timePattern)) {
        mapping.timePattern = parser.value(timePattern);
        if (!givenFormat)
            mapping.timeFormat = data::TimeFormat::Pattern;
    }
    if (parser.isSet(timeZone))
        mapping.timeZone = parser.value(timeZone);
    if (givenDelimiter)
        mapping.delimiter = *givenDelimiter;
    out() << tr("mapping: %1").arg(describeMapping(mapping)) << '\n';
    if (k == data::OverlayKind::Thresholds) // limits have neither positions nor times
        out() << Qt::flush;
    else
        out() << tr("positions: %1 → %2; times: %3, zone-less ones in %4")
                     .arg(mapping.sourceCrs.isEmpty() ? preview->crs : mapping.sourceCrs, project.crs,
                          describeTime(mapping), mapping.timeZone)
              << Qt::endl;
    // With another delimiter than the detected one the preview's columns are not the file's: the
    // importer checks the mapping against the real header instead.
    if (!givenDelimiter || *givenDelimiter == preview->delimiter) {
        if (const QString problem = gis::checkOverlayMapping(*preview, mapping); !problem.isEmpty())
            return failure(command, tr("%1: %2 (columns: %3); see --map, --crs, --time-format")
                                        .arg(file, problem, preview->columns.join(QStringLiteral(", "))));
    }

    std::unique_ptr<data::ProjectStore> store;
    std::unique_ptr<data::OverlayWriter> writer;
    if (!parser.isSet(dryRun)) {
        auto opened = data::ProjectStore::open(projectPath, data::ProjectStore::Mode::ReadWrite);
        if (!opened)
            return failure(command, opened.status().message());
        store = std::move(opened).value();
        auto begun = store->beginOverlayImport();
        if (!begun)
            return failure(command, begun.status().message());
        writer = std::move(begun).value();
    }
    gis::ImportTarget target{project.crs, writer.get(), parser.isSet(append)};
    const bool big = QFileInfo(file).size() >= kProgressBytes || preview->approxRows > 200000;
    auto report = gis::importOverlayFile(file, mapping, target, progressPrinter(big));
    if (big)
        err() << '\r' << Qt::flush;
    if (!report)
        return failure(command, report.status().message()); // the writer rolls back as it goes
    if (writer) {
        if (const data::Status s = writer->commit(); !s)
            return failure(command, s.message());
    }
    out() << report->summary() << '\n';
    if (report->firstTime != data::kNoTime)
        out() << tr("time range: %1 – %2")
                     .arg(formatLocal(report->firstTime, mapping.timeZone),
                          formatLocal(report->lastTime, mapping.timeZone))
              << '\n';
    const int listed = std::min<int>(kListedRejects, static_cast<int>(report->rejected.size()));
    for (int i = 0; i < listed; ++i)
        out() << tr("  row %1: %2")
                     .arg(report->rejected[static_cast<std::size_t>(i)].row)
                     .arg(translatedReason(report->rejected[static_cast<std::size_t>(i)].reason))
              << '\n';
    if (report->rowsRejected > listed)
        out() << tr("  … and %1 more rejected rows").arg(report->rowsRejected - listed) << '\n';
    if (parser.isSet(dryRun))
        out() << tr("dry run: nothing was written to %1").arg(QDir::toNativeSeparators(projectPath)) << '\n';
    out() << Qt::flush;
    return kExitOk;
}

} // namespace

int runImport(const QStringList& args)
{
    return Import::run(args);
}

} // namespace citytwin::app::cli
