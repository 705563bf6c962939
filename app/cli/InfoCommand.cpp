#include "app/LayerLoader.h"
#include "app/cli/CliCommands.h"
#include "app/cli/CliCommon.h"
#include "data/ProjectStore.h"
#include "gis/CrsTransformer.h"
#include "gis/LocalFrame.h"
#include "gis/RasterSourceFactory.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace citytwin::app::cli {

namespace {

class Info
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::cli::Info)
public:
    static int run(const QStringList& args);

private:
    static QJsonObject describe(const data::ProjectStore& store, const data::Project& project);
    static void printText(const QJsonObject& info);
};

QJsonObject timeObject(data::TimeMs t, const QString& timeZone)
{
    if (t == data::kNoTime)
        return {};
    return {{QStringLiteral("ms"), double(t)},
            {QStringLiteral("utc"), formatUtc(t)},
            {QStringLiteral("local"), formatLocal(t, timeZone)}};
}

QJsonObject Info::describe(const data::ProjectStore& store, const data::Project& project)
{
    QJsonObject info;
    info[QStringLiteral("name")] = project.name;
    info[QStringLiteral("file")] = QFileInfo(store.path()).absoluteFilePath();

    // "Known to PROJ": it can be transformed to CGCS2000 lon/lat, which everything else relies on.
    auto toGeo = gis::CrsTransformer::create(project.crs, QLatin1String(gis::LocalFrame::kGeographicCrs));
    QJsonObject crs{{QStringLiteral("id"), project.crs}, {QStringLiteral("knownToProj"), toGeo.isOk()}};
    if (!toGeo)
        crs[QStringLiteral("error")] = toGeo.status().message();
    info[QStringLiteral("crs")] = crs;

    QJsonObject origin{{QStringLiteral("x"), project.origin.x},
                       {QStringLiteral("y"), project.origin.y},
                       {QStringLiteral("z"), project.origin.z}};
    if (auto frame = gis::LocalFrame::create(project)) {
        if (auto geo = frame->toGeographic({0.0, 0.0, 0.0})) {
            origin[QStringLiteral("lon")] = geo->lon;
            origin[QStringLiteral("lat")] = geo->lat;
        }
    }
    info[QStringLiteral("origin")] = origin;
    info[QStringLiteral("timeZone")] = project.timeZone;
    info[QStringLiteral("timeExtent")] =
        QJsonObject{{QStringLiteral("start"), timeObject(project.timeExtent.start, project.timeZone)},
                    {QStringLiteral("end"), timeObject(project.timeExtent.end, project.timeZone)}};
    if (project.initialTime != data::kNoTime)
        info[QStringLiteral("initialTime")] = timeObject(project.initialTime, project.timeZone);

    QJsonArray layers;
    for (const data::LayerSettings& layer : project.layersInDrawOrder()) {
        const bool inStore = layer.sourceUri.startsWith(QLatin1String("store:"));
        // A service is not checked: that would contact it, and info never goes on the network.
        const bool service = gis::classifyRasterSource(layer.sourceUri) != gis::RasterSourceType::File ||
                             layer.sourceUri.contains(QLatin1String("://"));
        const QString file =
            inStore || service ? QString() : loader::resolveSource(layer.sourceUri, store.path());
        QJsonObject l{{QStringLiteral("id"), double(layer.id.value)},
                      {QStringLiteral("name"), layer.name},
                      {QStringLiteral("kind"), data::toString(layer.kind)},
                      {QStringLiteral("group"), data::toString(layer.group)},
                      {QStringLiteral("visible"), layer.visible},
                      {QStringLiteral("opacity"), layer.opacity},
                      {QStringLiteral("source"), layer.sourceUri},
                      {QStringLiteral("sourceExists"), inStore || service || QFileInfo(file).isFile()}};
        if (!file.isEmpty())
            l[QStringLiteral("path")] = file;
        if (service)
            l[QStringLiteral("network")] = gis::needsNetwork(layer.sourceUri);
        layers.append(l);
    }
    info[QStringLiteral("layers")] = layers;

    QJsonArray views;
    for (const data::SavedView& v : project.views()) {
        views.append(QJsonObject{{QStringLiteral("name"), v.name},
                                 {QStringLiteral("target"), QJsonArray{v.target.x, v.target.y, v.target.z}},
                                 {QStringLiteral("heading"), v.headingDeg},
                                 {QStringLiteral("pitch"), v.pitchDeg},
                                 {QStringLiteral("range"), v.rangeM}});
    }
    info[QStringLiteral("views")] = views;

    if (auto counts = store.counts()) {
        info[QStringLiteral("overlays")] =
            QJsonObject{{QStringLiteral("people"), double(counts->people)},
                        {QStringLiteral("trackPoints"), double(counts->trackPoints)},
                        {QStringLiteral("events"), double(counts->events)},
                        {QStringLiteral("assets"), double(counts->assets)},
                        {QStringLiteral("sensorReadings"), double(counts->sensorReadings)},
                        {QStringLiteral("thresholds"), double(counts->thresholds)}};
    }
    return info;
}

void Info::printText(const QJsonObject& info)
{
    const auto yesNo = [](bool b) { return b ? tr("yes") : tr("no"); };
    const QJsonObject crs = info[QStringLiteral("crs")].toObject();
    const QJsonObject origin = info[QStringLiteral("origin")].toObject();
    const QString tz = info[QStringLiteral("timeZone")].toString();
    QTextStream& o = out();

    o << tr("Project:      %1").arg(info[QStringLiteral("name")].toString()) << '\n'
      << tr("File:         %1").arg(QDir::toNativeSeparators(info[QStringLiteral("file")].toString())) << '\n'
      << tr("CRS:          %1 (%2)")
             .arg(crs[QStringLiteral("id")].toString(),
                  crs[QStringLiteral("knownToProj")].toBool()
                      ? tr("known to PROJ")
                      : tr("NOT known to PROJ: %1").arg(crs[QStringLiteral("error")].toString()))
      << '\n'
      << tr("Origin:       E %1  N %2  H %3")
             .arg(origin[QStringLiteral("x")].toDouble(), 0, 'f', 3)
             .arg(origin[QStringLiteral("y")].toDouble(), 0, 'f', 3)
             .arg(origin[QStringLiteral("z")].toDouble(), 0, 'f', 2)
      << '\n';
    if (origin.contains(QStringLiteral("lon")))
        o << tr("              lon %1  lat %2 (CGCS2000)")
                 .arg(origin[QStringLiteral("lon")].toDouble(), 0, 'f', 6)
                 .arg(origin[QStringLiteral("lat")].toDouble(), 0, 'f', 6)
          << '\n';
    o << tr("Time zone:    %1").arg(tz) << '\n';
    const QJsonObject extent = info[QStringLiteral("timeExtent")].toObject();
    const QJsonObject start = extent[QStringLiteral("start")].toObject();
    const QJsonObject end = extent[QStringLiteral("end")].toObject();
    o << tr("Time extent:  %1 – %2 (UTC)")
             .arg(start[QStringLiteral("utc")].toString(), end[QStringLiteral("utc")].toString())
      << '\n'
      << tr("              %1 – %2 (local)")
             .arg(start[QStringLiteral("local")].toString(), end[QStringLiteral("local")].toString())
      << '\n';
    if (info.contains(QStringLiteral("initialTime")))
        o << tr("Initial time: %1")
                 .arg(info[QStringLiteral("initialTime")].toObject()[QStringLiteral("local")].toString())
          << '\n';

    const QJsonArray layers = info[QStringLiteral("layers")].toArray();
    o << '\n' << tr("Layers (%1):").arg(layers.size()) << '\n';
    o << "  " << tr("id").leftJustified(4) << tr("kind").leftJustified(11) << tr("group").leftJustified(13)
      << tr("visible").leftJustified(9) << tr("opacity").leftJustified(9) << tr("source") << '\n';
    for (const QJsonValue& v : layers) {
        const QJsonObject l = v.toObject();
        const bool exists = l[QStringLiteral("sourceExists")].toBool();
        o << "  " << QString::number(l[QStringLiteral("id")].toInteger()).leftJustified(4)
          << l[QStringLiteral("kind")].toString().leftJustified(11)
          << l[QStringLiteral("group")].toString().leftJustified(13)
          << yesNo(l[QStringLiteral("visible")].toBool()).leftJustified(9)
          << QString::number(l[QStringLiteral("opacity")].toDouble(), 'f', 2).leftJustified(9)
          << l[QStringLiteral("source")].toString() << (exists ? QString() : tr("  [MISSING]")) << "  \""
          << l[QStringLiteral("name")].toString() << "\"\n";
    }

    const QJsonArray views = info[QStringLiteral("views")].toArray();
    QStringList names;
    for (const QJsonValue& v : views)
        names << v.toObject()[QStringLiteral("name")].toString();
    o << '\n' << tr("Views (%1): %2").arg(views.size()).arg(names.join(QStringLiteral(", "))) << '\n';

    if (info.contains(QStringLiteral("overlays"))) {
        const QJsonObject c = info[QStringLiteral("overlays")].toObject();
        o << tr("Overlays:     %1 people, %2 track points, %3 events, %4 assets, %5 sensor readings, "
                "%6 thresholds")
                 .arg(c[QStringLiteral("people")].toInteger())
                 .arg(c[QStringLiteral("trackPoints")].toInteger())
                 .arg(c[QStringLiteral("events")].toInteger())
                 .arg(c[QStringLiteral("assets")].toInteger())
                 .arg(c[QStringLiteral("sensorReadings")].toInteger())
                 .arg(c[QStringLiteral("thresholds")].toInteger())
          << '\n';
    }
    o << Qt::flush;
}

int Info::run(const QStringList& args)
{
    const QString command = QStringLiteral("info");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Describes a citytwin project: name, CRS, origin, time zone and extent,"
           " layers (and whether their files exist), views and overlay counts."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object instead of text."));
    parser.addOption(json);
    parser.addPositionalArgument(QStringLiteral("PROJECT"), tr("The project file (*.citytwin)."));
    if (auto exit = parseCommandLine(parser, command, QStringLiteral("PROJECT"), args))
        return *exit;
    auto opened = openProjectArgument(parser, command);
    if (const int* exit = std::get_if<int>(&opened))
        return *exit;
    const ProjectArgument& arg = std::get<ProjectArgument>(opened);

    const QJsonObject info = describe(*arg.store, arg.project);
    if (parser.isSet(json))
        out() << QJsonDocument(info).toJson(QJsonDocument::Indented) << Qt::flush;
    else
        printText(info);
    return kExitOk;
}

} // namespace

int runInfo(const QStringList& args)
{
    return Info::run(args);
}

} // namespace citytwin::app::cli
