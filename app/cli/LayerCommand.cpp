#include "app/LayerLoader.h"
#include "app/ProjectSession.h"
#include "app/ServiceSettings.h"
#include "app/cli/CliCommands.h"
#include "app/cli/CliCommon.h"
#include "data/ProjectStore.h"
#include "gis/FootprintReader.h"
#include "gis/GdalEnvironment.h"
#include "gis/PipeReader.h"
#include "gis/RasterSourceFactory.h"
#include "gis/UndergroundReader.h"

#include <QDir>
#include <QFileInfo>

// `citytwin-cli layer add|list`: the layer list of a project without the GUI.

namespace citytwin::app::cli {

namespace {

class Layer
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::cli::Layer)
public:
    static int run(const QStringList& args);

private:
    static int add(const QStringList& args);
    static int list(const QStringList& args);
    static data::Status validate(const data::LayerSettings& layer, const data::Project& project,
                                 const QString& uri);
};

//! A URL, a WMTS: source or a database connection ("PG:…"): nothing to resolve or stat as a file.
bool isUrl(const QString& uri)
{
    return uri.contains(QLatin1String("://")) || uri.startsWith(QLatin1String("WMTS:"), Qt::CaseInsensitive) ||
           gis::isNetworkSource(uri);
}

//! Opens the source the way the session will (the user typed it: network allowed), so a file or
//! service that cannot be drawn is refused before the project changes.
data::Status Layer::validate(const data::LayerSettings& layer, const data::Project& project,
                             const QString& uri)
{
    if (layer.kind == data::LayerKind::Model) {
        // Read it the way the session will (3D Tiles/OSGB: the tileset and root tiles only).
        loader::JobContext ctx;
        ctx.projectFile = uri; // the source is absolute here: nothing resolves against it
        ctx.crs = project.crs;
        ctx.origin = project.origin;
        data::LayerSettings absolute = layer;
        absolute.sourceUri = uri;
        auto node = loader::loadModel(absolute, ctx, nullptr);
        return node ? data::Status::ok() : node.status();
    }
    if (layer.kind == data::LayerKind::Pipes) {
        auto mapping = gis::guessPipeMapping(uri);
        if (!mapping)
            return mapping.status();
        auto pipes = gis::readPipes(uri, project.crs, *mapping);
        if (!pipes)
            return pipes.status();
        if (pipes->pipes.empty())
            return data::Status::error(data::Status::Code::FormatError,
                                       tr("%1: no usable pipe lines in it (%2 features skipped)")
                                           .arg(uri)
                                           .arg(pipes->report.skipped));
        return data::Status::ok();
    }
    if (layer.kind == data::LayerKind::Manholes) {
        auto facilities =
            gis::readPointFacilities(uri, project.crs, layer.style.value(QStringLiteral("sourceCrs")).toString());
        if (!facilities)
            return facilities.status();
        if (facilities->facilities.empty())
            return data::Status::error(data::Status::Code::FormatError,
                                       tr("%1: no usable manholes, valves or hydrants (points) in it (%2 features "
                                          "skipped)")
                                           .arg(uri)
                                           .arg(facilities->report.skipped));
        return data::Status::ok();
    }
    if (layer.kind == data::LayerKind::UndergroundSpaces) {
        auto spaces =
            gis::readUndergroundSpaces(uri, project.crs, layer.style.value(QStringLiteral("sourceCrs")).toString());
        if (!spaces)
            return spaces.status();
        if (spaces->spaces.empty())
            return data::Status::error(data::Status::Code::FormatError,
                                       tr("%1: no usable underground spaces (polygons) in it (%2 features skipped)")
                                           .arg(uri)
                                           .arg(spaces->report.skipped));
        return data::Status::ok();
    }
    if (layer.kind == data::LayerKind::Buildings) {
        if (gis::isNetworkSource(uri))
            gis::allowNetworkSource(uri); // typed on the command line: that is consent
        auto footprints = gis::readFootprints(uri, project.crs);
        if (!footprints)
            return footprints.status();
        if (footprints->empty())
            return data::Status::error(data::Status::Code::FormatError,
                                       tr("%1: no building footprints (polygons) in it").arg(uri));
        return data::Status::ok();
    }
    gis::RasterSourceOptions options;
    options.projectCrs = project.crs;
    options.origin = project.origin;
    options.allowNetwork = gis::needsNetwork(uri);
    // The app's key (a Tianditu-style service refuses requests without its tk), but no cache: a
    // cached service opens with the server down, and adding one must see that it answers.
    options.apiKey = guiServiceSettings().apiKey;
    if (layer.kind == data::LayerKind::Elevation) {
        auto source = gis::openElevationSource(uri, options);
        return source ? data::Status::ok() : source.status();
    }
    auto source = gis::openImagerySource(uri, options);
    return source ? data::Status::ok() : source.status();
}

int Layer::add(const QStringList& args)
{
    const QString command = QStringLiteral("layer add");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Adds a layer to PROJECT from a file (GeoTIFF/COG, VRT, MBTiles, GeoPackage, JPEG/PNG with a "
           "world file, footprint polygons, CityGML, IFC, glTF/GLB, a 3D Tiles tileset.json, an oblique OSGB "
           "dataset folder) or a service (XYZ URL template with {z}/{x}/{y}, WMTS "
           "capabilities URL, GDAL WMS XML) and saves the project. The source is opened first: one that "
           "cannot be drawn leaves the project unchanged. Without --kind, one-band rasters of a type wider "
           "than 8 bits without a palette are elevation, other rasters and services imagery, polygons "
           "buildings (underground spaces when their fields name top/bottom depths: top_depth, 顶板埋深…), lines pipes, points manholes, model formats models. Models in local coordinates (glTF, a lone .osgb) stand at the "
           "project origin on the terrain unless --placement says where."));
    const QCommandLineOption kind(QStringLiteral("kind"), tr("imagery, elevation, buildings, model, pipes, manholes or underground_spaces."),
                                  QStringLiteral("KIND"));
    const QCommandLineOption name(QStringLiteral("name"), tr("Layer name (default: file name or host)."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption placement(
        QStringLiteral("placement"),
        tr("Where a model's local origin goes: lon,lat[,height|terrain[,rotation[,scale]]] (degrees, "
           "metres; rotation clockwise from north). Overrides the file's own georeference."),
        QStringLiteral("LON,LAT[,H,ROT,SCALE]"));
    const QCommandLineOption sourceCrs(
        QStringLiteral("source-crs"),
        tr("CRS of a model file that declares none (e.g. a CityGML without srsName): EPSG:nnnn."),
        QStringLiteral("CRS"));
    parser.addOptions({kind, name, placement, sourceCrs});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), tr("The project file (*.citytwin)."));
    parser.addPositionalArgument(QStringLiteral("SOURCE"), tr("A raster/vector file or a service URL."));
    if (auto exit =
            parseCommandLine(parser, command,
                             QStringLiteral("PROJECT FILE-OR-URL [--kind imagery|elevation|buildings|model|pipes|manholes|underground_spaces] "
                                            "[--name NAME] [--placement LON,LAT[,H,ROT,SCALE]] [--source-crs CRS]"),
                             args))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return usageError(
            command,
            tr("expected the project file and one file or URL, got %1 argument(s)").arg(positional.size()));
    std::optional<data::LayerKind> forcedKind;
    if (parser.isSet(kind)) {
        data::LayerKind k{};
        const QString word = parser.value(kind).trimmed().toLower();
        if (!data::fromString(word, k) || (k != data::LayerKind::Imagery && k != data::LayerKind::Elevation &&
                                           k != data::LayerKind::Buildings && k != data::LayerKind::Model &&
                                           k != data::LayerKind::Pipes && k != data::LayerKind::Manholes &&
                                           k != data::LayerKind::UndergroundSpaces))
            return usageError(command, tr("--kind wants imagery, elevation, buildings, model, pipes, manholes or "
                                          "underground_spaces, not '%1'")
                                           .arg(parser.value(kind)));
        forcedKind = k;
    }
    const QString projectPath = positional.at(0);
    QString source = positional.at(1).trimmed();
    if (!isUrl(source))
        source = QFileInfo(source).absoluteFilePath(); // relative to where the user typed it
    if (!QFileInfo(projectPath).isFile())
        return failure(command, tr("%1: file not found").arg(QDir::toNativeSeparators(projectPath)));
    if (!isUrl(source) && !QFileInfo::exists(source))
        return failure(command, tr("%1: file not found").arg(QDir::toNativeSeparators(source)));

    data::LayerSettings layer;
    if (forcedKind) {
        layer.kind = *forcedKind;
        layer.group = data::defaultGroup(layer.kind);
        layer.sourceUri = source;
    } else {
        auto guessed = ProjectSession::layerForSource(source);
        if (!guessed)
            return failure(command, guessed.status().message());
        layer = *guessed;
    }
    if (parser.isSet(name))
        layer.name = parser.value(name).trimmed();
    // Points and spaces without a declared CRS (a shapefile without .prj) can be placed too.
    const bool underground =
        layer.kind == data::LayerKind::Manholes || layer.kind == data::LayerKind::UndergroundSpaces;
    if (underground && parser.isSet(sourceCrs) && !parser.isSet(placement))
        layer.style.insert(QStringLiteral("sourceCrs"), parser.value(sourceCrs).trimmed());
    else if (parser.isSet(placement) || parser.isSet(sourceCrs)) {
        if (layer.kind != data::LayerKind::Model)
            return usageError(command, tr("--placement and --source-crs apply to model layers only"));
        if (parser.isSet(placement)) {
            const auto parsed = data::parsePlacement(parser.value(placement));
            if (!parsed)
                return usageError(command, tr("--placement wants lon,lat[,height|terrain[,rotation[,scale]]] "
                                              "with lon -180…180, lat -90…90 and a positive scale, not '%1'")
                                               .arg(parser.value(placement)));
            layer.style.insert(QStringLiteral("placement"), data::toJson(*parsed));
        }
        if (parser.isSet(sourceCrs))
            layer.style.insert(QStringLiteral("sourceCrs"), parser.value(sourceCrs).trimmed());
    }

    auto opened = ProjectSession::open(projectPath);
    if (!opened)
        return failure(command, opened.status().message());
    ProjectSession& session = **opened;
    if (session.store().mode() != data::ProjectStore::Mode::ReadWrite)
        return failure(command,
                       tr("%1: the project file is read-only").arg(QDir::toNativeSeparators(projectPath)));
    const bool model = layer.kind == data::LayerKind::Model;
    if (!model) {
        if (const data::Status valid = validate(layer, session.project(), source); !valid)
            return failure(command, valid.message());
    }
    auto added = session.addLayer(layer);
    if (!added)
        return failure(command, added.status().message());
    if (model) { // validated as stored: with the default placement addLayer gave a local model
        if (const data::Status valid = validate(*session.project().layer(*added), session.project(), source); !valid)
            return failure(command, valid.message()); // not saved: the file is unchanged
    }
    if (const data::Status saved = session.save(); !saved)
        return failure(command, saved.message());
    const data::LayerSettings* stored = session.project().layer(*added);
    out() << tr("added layer %1 \"%2\" (%3) to %4")
                 .arg(added->value)
                 .arg(stored->name, data::toString(stored->kind), QDir::toNativeSeparators(projectPath))
          << Qt::endl;
    return kExitOk;
}

int Layer::list(const QStringList& args)
{
    const QString command = QStringLiteral("layer list");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the layers of PROJECT in draw order (bottom first within a group)."));
    parser.addPositionalArgument(QStringLiteral("PROJECT"), tr("The project file (*.citytwin)."));
    if (auto exit = parseCommandLine(parser, command, QStringLiteral("PROJECT"), args))
        return *exit;
    auto opened = openProjectArgument(parser, command);
    if (const int* exit = std::get_if<int>(&opened))
        return *exit;
    const data::Project& project = std::get<ProjectArgument>(opened).project;
    QTextStream& o = out();
    o << tr("id").leftJustified(4) << tr("kind").leftJustified(19) << tr("group").leftJustified(13)
      << tr("shown").leftJustified(7) << tr("opacity").leftJustified(9) << tr("name").leftJustified(24)
      << tr("source") << '\n';
    for (const data::LayerSettings& l : project.layersInDrawOrder()) {
        o << QString::number(l.id.value).leftJustified(4) << data::toString(l.kind).leftJustified(19)
          << data::toString(l.group).leftJustified(13) << (l.visible ? tr("yes") : tr("no")).leftJustified(7)
          << QString::number(l.opacity, 'f', 2).leftJustified(9) << l.name.leftJustified(24) << l.sourceUri
          << '\n';
    }
    o << Qt::flush;
    return kExitOk;
}

int Layer::run(const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("add"))
        return add(args.mid(1));
    if (sub == QLatin1String("list"))
        return list(args.mid(1));
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        out() << tr("Usage: %1 layer add PROJECT FILE-OR-URL [--kind imagery|elevation|buildings|model|pipes|manholes|underground_spaces] [--name "
                    "NAME]\n"
                    "       %1 layer list PROJECT\n\n"
                    "Adds a layer to a project (and saves it), or lists its layers.\n"
                    "Run '%1 layer add --help' for the details.")
                     .arg(QLatin1String(kProgramName))
              << Qt::endl;
        return kExitOk;
    }
    return usageError(QStringLiteral("layer"), sub.isEmpty() ? tr("missing 'add' or 'list'")
                                                             : tr("unknown layer command '%1'").arg(sub));
}

} // namespace

int runLayer(const QStringList& args)
{
    return Layer::run(args);
}

} // namespace citytwin::app::cli
