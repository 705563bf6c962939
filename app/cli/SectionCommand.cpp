#include "app/ProjectSession.h"
#include "app/SectionAnalysis.h"
#include "app/SectionProfilePainter.h"
#include "app/cli/CliCommands.h"
#include "app/cli/CliCommon.h"
#include "gis/CrsTransformer.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <cmath>

namespace citytwin::app::cli {

namespace {

class Section
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::cli::Section)
public:
    static int run(const QStringList& args);

private:
    static void printTable(const SectionResult& section);
};

//! Writes BYTES to PATH atomically: a failed write leaves no partial file behind.
data::Status writeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return data::Status::error(data::Status::Code::IoError,
                                   Section::tr("%1: cannot write the file (%2)")
                                       .arg(QDir::toNativeSeparators(path), file.errorString()));
    return data::Status::ok();
}

//! The folder of PATH exists (so the output can be written once the slow work is done).
bool folderExists(const QString& path)
{
    return QFileInfo(QFileInfo(path).absolutePath()).isDir();
}

void Section::printTable(const SectionResult& section)
{
    QTextStream& o = out();
    o << tr("section: %1 m, %n crossing(s)", nullptr, int(section.crossings.size()))
             .arg(section.lengthM, 0, 'f', 1)
      << '\n';
    if (!section.hasGround)
        o << tr("no elevation layer: depths below ground are unknown (—)") << '\n';
    if (section.crossings.empty())
        return;
    const auto pad = [](const QString& s, int width) { return s.leftJustified(width); };
    const auto num = [](const QString& s, int width) { return s.rightJustified(width); };
    o << num(tr("dist m"), 9) << "  " << pad(tr("layer"), 14) << num(tr("pipe"), 7) << "  "
      << pad(tr("network"), 14) << pad(tr("material"), 20) << pad(tr("size"), 16) << num(tr("year"), 5)
      << num(tr("ground z"), 10) << num(tr("centre z"), 10) << num(tr("top"), 7) << num(tr("centre"), 8)
      << num(tr("bottom"), 8) << '\n';
    for (const data::PipeCrossing& c : section.crossings) {
        o << num(QString::number(c.distanceM, 'f', 2), 9) << "  " << pad(section.layerName(c.layer), 14)
          << num(QString::number(c.pipeId), 7) << "  " << pad(SectionText::network(c.network), 14)
          << pad(c.material.isEmpty() ? QStringLiteral("—") : c.material, 20) << pad(SectionText::size(c), 16)
          << num(c.installYear > 0 ? QString::number(c.installYear) : QStringLiteral("—"), 5)
          << num(SectionText::metres(c.groundZ), 10) << num(SectionText::metres(c.centreZ), 10)
          << num(SectionText::metres(c.depthTopM), 7) << num(SectionText::metres(c.depthCentreM), 8)
          << num(SectionText::metres(c.depthInvertM), 8) << '\n';
    }
    o.flush();
}

int Section::run(const QStringList& args)
{
    const QString command = QStringLiteral("section");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the pipes a vertical section line crosses: distance along the line, network, material, "
           "size, install year, elevation and depth below ground (top, centre, bottom of the pipe)."));
    const QCommandLineOption line(
        QStringLiteral("line"),
        tr("The section line: two or more points \"X1,Y1 X2,Y2 ...\" in the project CRS (metres)."),
        QStringLiteral("POINTS"));
    const QCommandLineOption lonLat(QStringLiteral("lonlat"),
                                    tr("--line points are longitude,latitude in degrees (EPSG:4326)."));
    const QCommandLineOption csv(QStringLiteral("csv"), tr("Also write the crossings as CSV to FILE."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption png(QStringLiteral("png"),
                                 tr("Also draw the section profile into the PNG FILE."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption size(QStringLiteral("size"), tr("Size of the --png image (default 1200x500)."),
                                  QStringLiteral("WxH"), QStringLiteral("1200x500"));
    parser.addOptions({line, lonLat, csv, png, size});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), tr("The project file (*.citytwin)."));
    const QString syntax = QStringLiteral(
        "PROJECT --line \"X1,Y1 X2,Y2 ...\" [--lonlat] [--csv FILE] [--png FILE] [--size WxH]");
    if (auto exit = parseCommandLine(parser, command, syntax, args))
        return *exit;

    // The whole command line is checked before the project is loaded.
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(command, positional.isEmpty()
                                       ? tr("missing the project file")
                                       : tr("expected one project file, got %1").arg(positional.size()));
    if (!parser.isSet(line))
        return usageError(command, tr("missing --line \"X1,Y1 X2,Y2 ...\""));
    auto points = parseSectionLine(parser.value(line));
    if (!points)
        return usageError(
            command,
            tr("--line wants two or more points \"X1,Y1 X2,Y2 ...\", not '%1'").arg(parser.value(line)));
    for (const data::ProjectedPoint& p : *points) {
        if (parser.isSet(lonLat) && (std::abs(p.x) > 180.0 || std::abs(p.y) > 90.0))
            return usageError(command, tr("--lonlat: %1,%2 is not a longitude,latitude").arg(p.x).arg(p.y));
    }
    const auto imageSize = parseSize(parser.value(size));
    if (!imageSize)
        return usageError(
            command, tr("--size wants WIDTHxHEIGHT (1 to 16384 each), not '%1'").arg(parser.value(size)));
    for (const QCommandLineOption* option : {&csv, &png}) {
        if (parser.isSet(*option) && !folderExists(parser.value(*option)))
            return failure(
                command,
                tr("%1: the folder does not exist").arg(QDir::toNativeSeparators(parser.value(*option))));
    }
    const QString projectPath = positional.first();
    if (!QFileInfo(projectPath).isFile())
        return failure(command, tr("%1: file not found").arg(QDir::toNativeSeparators(projectPath)));
    auto opened = ProjectSession::open(projectPath, ProjectSession::OpenMode::ReadOnly);
    if (!opened)
        return failure(command, opened.status().message());
    ProjectSession& session = **opened;
    const data::Project& project = session.project();

    if (parser.isSet(lonLat)) {
        auto transform = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), project.crs);
        if (!transform)
            return failure(command, transform.status().message());
        for (data::ProjectedPoint& p : *points) {
            auto projected = transform->forward(p);
            if (!projected)
                return failure(command, projected.status().message());
            p = {projected->x, projected->y, 0.0};
        }
    }
    if (!(data::sectionLength(*points) > 0.0))
        return usageError(command, tr("--line: the points are all the same, the line has no length"));

    bool anyPipes = false;
    std::vector<data::LayerId> unneeded;
    for (const data::LayerSettings& layer : project.layers()) {
        anyPipes = anyPipes || layer.kind == data::LayerKind::Pipes;
        if (layer.kind != data::LayerKind::Pipes && layer.kind != data::LayerKind::Elevation)
            unneeded.push_back(layer.id);
    }
    if (!anyPipes)
        return failure(command, tr("%1 has no pipe layers").arg(QDir::toNativeSeparators(projectPath)));
    // Only pipes and the ground matter here; the session is read-only, so this never reaches the file.
    for (data::LayerId id : unneeded)
        session.removeLayer(id);
    const data::Status loaded = session.loadAllBlocking();
    for (const data::LayerSettings& layer : session.project().layers()) {
        if (session.layerState(layer.id) == ProjectSession::LayerState::Failed)
            err() << tr("warning: layer '%1' not loaded: %2").arg(layer.name, session.layerError(layer.id))
                  << Qt::endl;
    }
    if (!loaded)
        return failure(command, loaded.message());
    auto section = computeSection(session, *points);
    if (!section)
        return failure(command, section.status().message());

    printTable(*section);
    if (parser.isSet(csv)) {
        if (const data::Status s = writeFile(parser.value(csv), sectionCsv(*section)); !s)
            return failure(command, s.message());
    }
    if (parser.isSet(png)) {
        QImage image(*imageSize, QImage::Format_RGB32);
        QPainter painter(&image);
        paintSectionProfile(painter, QRectF(image.rect()), *section);
        painter.end();
        QByteArray bytes;
        {
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly);
            image.save(&buffer, "PNG");
        }
        if (const data::Status s = writeFile(parser.value(png), bytes); !s)
            return failure(command, s.message());
        if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
            err() << tr("note: %1 has no text labels (fonts need a QGuiApplication; this process runs "
                        "without one)")
                         .arg(QDir::toNativeSeparators(parser.value(png)))
                  << Qt::endl;
    }
    return kExitOk;
}

} // namespace

int runSection(const QStringList& args)
{
    return Section::run(args);
}

} // namespace citytwin::app::cli
