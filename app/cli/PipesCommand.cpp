#include "app/LayerLoader.h"
#include "app/cli/CliCommands.h"
#include "app/cli/CliCommon.h"
#include "data/PipeClearance.h"
#include "data/PipeFilter.h"
#include "data/PipeMapping.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cmath>

// citytwin-cli pipes: the ageing-network query and pipe clearances, on the pipes as the GUI draws
// them (read with each layer's mapping and hung under the project's DEM).
namespace citytwin::app::cli {

namespace {

class Pipes
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::cli::Pipes)
public:
    static int run(const QStringList& args);
};

//! One pipe layer's pipes as drawn.
struct LayerPipes
{
    data::LayerSettings layer; //!< a copy: layersInDrawOrder() returns a temporary
    std::vector<data::PipeLine> pipes;
};

//! The project's pipe layers with their pipes. Layers that fail are reported on stderr and left out.
std::vector<LayerPipes> readPipeLayers(const ProjectArgument& project, const data::ElevationGrid* dem)
{
    loader::JobContext ctx;
    ctx.projectFile = project.path;
    ctx.crs = project.project.crs;
    ctx.origin = project.project.origin;
    std::vector<LayerPipes> layers;
    for (const data::LayerSettings& layer : project.project.layersInDrawOrder()) {
        if (layer.kind != data::LayerKind::Pipes)
            continue;
        auto read = loader::readLayerPipes(layer, ctx, dem);
        if (!read) {
            err() << Pipes::tr("warning: layer %1 (%2) not read: %3")
                         .arg(layer.id.value)
                         .arg(layer.name, read.status().message())
                  << Qt::endl;
            continue;
        }
        layers.push_back({layer, std::move(read->pipes)});
    }
    return layers;
}

//! The DEM the GUI hangs pipes under: the first elevation layer that is a local file (nullopt: none).
std::optional<data::ElevationGrid> readDem(const ProjectArgument& project)
{
    loader::JobContext ctx;
    ctx.projectFile = project.path;
    ctx.crs = project.project.crs;
    ctx.origin = project.project.origin;
    for (const data::LayerSettings& layer : project.project.layersInDrawOrder()) {
        if (layer.kind != data::LayerKind::Elevation)
            continue;
        if (!QFileInfo(loader::resolveSource(layer.sourceUri, project.path)).isFile())
            continue;
        auto dem = loader::loadElevation(layer, ctx);
        if (dem)
            return std::move(dem).value();
        err() << Pipes::tr("warning: elevation layer %1 not read (pipes hang under height 0): %2")
                     .arg(layer.name, dem.status().message())
              << Qt::endl;
        return std::nullopt;
    }
    return std::nullopt;
}

//! Centre depth below the ground at the pipe's first point (the DEM, else height 0, as the loader).
double depthOf(const data::PipeLine& pipe, const data::ElevationGrid* dem)
{
    const data::ProjectedPoint& p = pipe.points.front();
    const double ground = (dem ? dem->heightAt(p.x, p.y) : std::nullopt).value_or(0.0);
    return ground - p.z;
}

QString csvField(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    return QLatin1Char('"') + QString(text).replace(QLatin1String("\""), QLatin1String("\"\"")) +
           QLatin1Char('"');
}

//! "LAYER:ID" with LAYER a layer id or name; the pipe found, or an error message.
std::variant<std::pair<const LayerPipes*, const data::PipeLine*>, QString>
findPipe(const std::vector<LayerPipes>& layers, const QString& ref)
{
    const int colon = ref.lastIndexOf(QLatin1Char(':'));
    bool idOk = false;
    const qint64 id = colon > 0 ? ref.mid(colon + 1).toLongLong(&idOk) : 0;
    if (!idOk)
        return Pipes::tr("'%1' is not LAYER:ID (a pipe layer's id or name, a colon, a pipe id)").arg(ref);
    const QString layerRef = ref.left(colon);
    bool layerIsNumber = false;
    const qint64 layerNumber = layerRef.toLongLong(&layerIsNumber);
    for (const LayerPipes& l : layers) {
        if ((layerIsNumber && l.layer.id.value == layerNumber) || l.layer.name == layerRef) {
            const auto it = std::lower_bound(l.pipes.begin(), l.pipes.end(), id,
                                             [](const data::PipeLine& p, qint64 v) { return p.id < v; });
            if (it != l.pipes.end() && it->id == id)
                return std::make_pair(&l, &*it);
            const auto linear = std::find_if(l.pipes.begin(), l.pipes.end(),
                                             [id](const data::PipeLine& p) { return p.id == id; });
            if (linear != l.pipes.end())
                return std::make_pair(&l, &*linear);
            return Pipes::tr("pipe layer '%1' has no pipe %2").arg(layerRef).arg(id);
        }
    }
    return Pipes::tr("no loaded pipe layer '%1'").arg(layerRef);
}

QString describePipe(const LayerPipes& layer, const data::PipeLine& pipe, const data::ElevationGrid* dem)
{
    const QString size =
        pipe.section == data::PipeSection::Box
            ? Pipes::tr("%1 × %2 m box").arg(pipe.widthM, 0, 'f', 2).arg(pipe.heightM, 0, 'f', 2)
            : Pipes::tr("Ø %1 m").arg(pipe.diameterM, 0, 'f', 2);
    return Pipes::tr("%1:%2 (%3, %4, %5, centre depth %6 m)")
        .arg(layer.layer.name)
        .arg(pipe.id)
        .arg(data::toString(pipe.network),
             pipe.material.isEmpty() ? Pipes::tr("material unknown") : pipe.material, size)
        .arg(depthOf(pipe, dem), 0, 'f', 2);
}

int printClearance(const std::vector<LayerPipes>& layers, const QStringList& refs,
                   const data::ElevationGrid* dem)
{
    const QString command = QStringLiteral("pipes");
    std::pair<const LayerPipes*, const data::PipeLine*> found[2];
    for (int i = 0; i < 2; ++i) {
        auto f = findPipe(layers, refs[i]);
        if (auto* message = std::get_if<QString>(&f))
            return failure(command, *message);
        found[i] = std::get<0>(f);
    }
    const auto c = data::pipeClearance(*found[0].second, *found[1].second);
    if (!c)
        return failure(command,
                       Pipes::tr("a pipe has no usable centre line (fewer than 2 points or no height)"));
    out() << Pipes::tr("A: %1").arg(describePipe(*found[0].first, *found[0].second, dem)) << '\n'
          << Pipes::tr("B: %1").arg(describePipe(*found[1].first, *found[1].second, dem)) << '\n';
    if (c->crossing) {
        out() << Pipes::tr("crossing at %1, %2: %3 above, vertical clearance %4 m")
                     .arg(c->crossing->point.x, 0, 'f', 2)
                     .arg(c->crossing->point.y, 0, 'f', 2)
                     .arg(c->crossing->upper == data::UpperPipe::A ? QStringLiteral("A")
                                                                   : QStringLiteral("B"))
                     .arg(c->crossing->verticalClearanceM, 0, 'f', 3)
              << '\n';
    } else {
        out() << Pipes::tr("no crossing in plan") << '\n'
              << Pipes::tr("horizontal clearance %1 m").arg(c->horizontalClearanceM, 0, 'f', 3) << '\n';
    }
    out() << Pipes::tr("minimum distance %1 m").arg(c->minDistanceM, 0, 'f', 3) << Qt::endl;
    return kExitOk;
}

int Pipes::run(const QStringList& args)
{
    const QString command = QStringLiteral("pipes");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the pipes of PROJECT that match a filter (all pipes without one), or the clearance between "
           "two pipes. Ages count at --year (default: this year)."));
    const QCommandLineOption olderThan(QStringLiteral("older-than"), tr("Pipes at least N years old."),
                                       QStringLiteral("N"));
    const QCommandLineOption material(
        QStringLiteral("material"), tr("Pipes of material M (case-insensitive; repeat for any of several)."),
        QStringLiteral("M"));
    const QCommandLineOption network(QStringLiteral("network"),
                                     tr("Pipes of network N (water, drainage, sewage, gas, power, telecom, "
                                        "heating, other or a Chinese name; "
                                        "repeat for any of several)."),
                                     QStringLiteral("N"));
    const QCommandLineOption year(QStringLiteral("year"), tr("Count ages at year Y."), QStringLiteral("Y"));
    const QCommandLineOption csv(QStringLiteral("csv"), tr("Also write the list to FILE as CSV."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption clearance(
        QStringLiteral("clearance"),
        tr("Print the clearance between two pipes, each LAYER:ID (a pipe layer's id or name and a pipe id)."),
        QStringLiteral("LAYER:ID"));
    parser.addOptions({olderThan, material, network, year, csv, clearance});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), tr("The project file (*.citytwin)."));
    const QString syntax = QStringLiteral("PROJECT [--older-than N] [--material M]... [--network N]... "
                                          "[--year Y] [--csv FILE] | PROJECT --clearance LAYER:ID LAYER:ID");
    if (auto exit = parseCommandLine(parser, command, syntax, args))
        return *exit;

    // The second pipe of --clearance A B arrives as a positional word.
    QStringList positional = parser.positionalArguments();
    QStringList refs = parser.values(clearance);
    if (!refs.isEmpty()) {
        while (refs.size() < 2 && positional.size() > 1)
            refs << positional.takeLast();
        if (refs.size() != 2)
            return usageError(command, tr("--clearance wants two pipes: LAYER:ID LAYER:ID"));
        if (parser.isSet(olderThan) || parser.isSet(material) || parser.isSet(network) || parser.isSet(csv))
            return usageError(command, tr("--clearance does not take filter options"));
    }
    data::PipeFilter filter;
    if (parser.isSet(olderThan)) {
        const auto n = parseCount(parser.value(olderThan), 1000);
        if (!n)
            return usageError(command, tr("--older-than wants a whole number of years (0 to 1000), not '%1'")
                                           .arg(parser.value(olderThan)));
        filter.minAgeYears = int(*n);
    }
    filter.materials = parser.values(material);
    for (const QString& n : parser.values(network)) {
        const auto parsed = data::pipeNetworkFromText(n);
        if (!parsed)
            return usageError(command, tr("unknown network '%1'").arg(n));
        filter.networks.push_back(*parsed);
    }
    int referenceYear = QDate::currentDate().year();
    if (parser.isSet(year)) {
        const auto y = parseCount(parser.value(year), 9999);
        if (!y || *y < 1000)
            return usageError(command,
                              tr("--year wants a four-digit year, not '%1'").arg(parser.value(year)));
        referenceYear = int(*y);
    }
    if (positional.size() != 1)
        return usageError(command, positional.isEmpty()
                                       ? tr("missing the project file")
                                       : tr("expected one project file, got %1").arg(positional.size()));
    QCommandLineParser projectOnly; // openProjectArgument reads the positional words of its parser
    projectOnly.addPositionalArgument(QStringLiteral("PROJECT"), QString());
    projectOnly.parse({QString::fromLatin1(kProgramName), positional.first()});
    auto opened = openProjectArgument(projectOnly, command);
    if (auto* exit = std::get_if<int>(&opened))
        return *exit;
    const ProjectArgument& project = std::get<ProjectArgument>(opened);

    const std::optional<data::ElevationGrid> dem = readDem(project);
    const data::ElevationGrid* demPtr = dem ? &*dem : nullptr;
    const std::vector<LayerPipes> layers = readPipeLayers(project, demPtr);
    if (layers.empty())
        return failure(command,
                       tr("%1 has no readable pipe layer").arg(QDir::toNativeSeparators(project.path)));
    if (!refs.isEmpty())
        return printClearance(layers, refs, demPtr);

    std::unique_ptr<QFile> csvFile;
    std::unique_ptr<QTextStream> csvOut;
    if (parser.isSet(csv)) {
        csvFile = std::make_unique<QFile>(parser.value(csv));
        if (!csvFile->open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
            return failure(command,
                           tr("%1: cannot write: %2")
                               .arg(QDir::toNativeSeparators(parser.value(csv)), csvFile->errorString()));
        csvOut = std::make_unique<QTextStream>(csvFile.get());
        *csvOut << "layer,id,network,material,install_year,age,length_m,depth_m\n";
    }
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                 .arg(tr("layer"), -16)
                 .arg(tr("id"), 8)
                 .arg(tr("network"), -12)
                 .arg(tr("material"), -14)
                 .arg(tr("installed"), 9)
                 .arg(tr("age"), 4)
                 .arg(tr("length m"), 9)
                 .arg(tr("depth m"), 8)
          << '\n';
    int total = 0, matched = 0;
    double lengthM = 0.0;
    for (const LayerPipes& l : layers) {
        for (const data::PipeLine& pipe : l.pipes) {
            ++total;
            if (!filter.matches(pipe, referenceYear))
                continue;
            ++matched;
            const double length = data::pipePlanLength(pipe);
            lengthM += length;
            const std::optional<int> age = data::pipeAge(pipe, referenceYear);
            const QString ageText = age ? QString::number(*age) : QStringLiteral("-");
            const QString installed =
                pipe.installYear > 0 ? QString::number(pipe.installYear) : QStringLiteral("-");
            const double depth = depthOf(pipe, demPtr);
            out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                         .arg(l.layer.name, -16)
                         .arg(pipe.id, 8)
                         .arg(data::toString(pipe.network), -12)
                         .arg(pipe.material, -14)
                         .arg(installed, 9)
                         .arg(ageText, 4)
                         .arg(length, 9, 'f', 1)
                         .arg(depth, 8, 'f', 2)
                  << '\n';
            if (csvOut)
                *csvOut << csvField(l.layer.name) << ',' << pipe.id << ',' << data::toString(pipe.network)
                        << ',' << csvField(pipe.material) << ','
                        << (pipe.installYear > 0 ? installed : QString()) << ','
                        << (age ? ageText : QString()) << ',' << QString::number(length, 'f', 2) << ','
                        << QString::number(depth, 'f', 2) << '\n';
        }
    }
    out() << tr("%1 of %2 pipes, %3 km (%4; ages as of %5)")
                 .arg(matched)
                 .arg(total)
                 .arg(lengthM / 1000.0, 0, 'f', 1)
                 .arg(filter.description())
                 .arg(referenceYear)
          << Qt::endl;
    if (csvOut) {
        csvOut->flush();
        if (csvFile->error() != QFile::NoError)
            return failure(command,
                           tr("%1: write failed: %2")
                               .arg(QDir::toNativeSeparators(csvFile->fileName()), csvFile->errorString()));
    }
    return kExitOk;
}

} // namespace

int runPipes(const QStringList& args)
{
    return Pipes::run(args);
}

} // namespace citytwin::app::cli
