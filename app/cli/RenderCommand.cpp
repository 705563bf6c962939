#include "app/ProjectSession.h"
#include "app/ServiceSettings.h"
#include "app/cli/CliCommands.h"
#include "app/cli/CliCommon.h"
#include "app/cli/RenderCutAway.h"
#include "gis/LocalFrame.h"
#include "scene/OffscreenRenderer.h"
#include "scene/TileEngine.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <algorithm>
#include <cmath>
#include <cstring>

namespace citytwin::app::cli {

namespace {

class Render
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::cli::Render)
public:
    static int run(const QStringList& args);
};

//! Copies an RGBA/RGB 8-bit osg::Image whose row 0 is the top (OffscreenRenderer's contract).
QImage toQImage(const osg::Image& image)
{
    const GLenum format = image.getPixelFormat();
    if (image.getDataType() != GL_UNSIGNED_BYTE || (format != GL_RGBA && format != GL_RGB))
        return {};
    QImage out(image.s(), image.t(), format == GL_RGBA ? QImage::Format_RGBA8888 : QImage::Format_RGB888);
    const size_t rowBytes = std::min<size_t>(image.getRowSizeInBytes(), size_t(out.bytesPerLine()));
    for (int row = 0; row < image.t(); ++row)
        std::memcpy(out.scanLine(row), image.data(0, row), rowBytes);
    // The pbuffer has no alpha channel: make the PNG opaque whatever alpha came back.
    return out.convertToFormat(QImage::Format_RGB32);
}

//! "X,Y,Z[,HEADING,PITCH,RANGE]" → numbers (3 or 6), nullopt when malformed.
std::optional<QList<double>> parseNumbers(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 3 && parts.size() != 6)
        return std::nullopt;
    QList<double> values;
    for (const QString& p : parts) {
        bool ok = false;
        const double v = p.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v))
            return std::nullopt;
        values << v;
    }
    return values;
}

//! The layers of PROJECT named in LIST (ids or kind names, comma-separated); the error's message is
//! the word that matched nothing.
data::Result<std::vector<data::LayerId>> selectLayers(const data::Project& project, const QString& list)
{
    std::vector<data::LayerId> ids;
    for (const QString& raw : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString word = raw.trimmed();
        bool isNumber = false;
        const qint64 number = word.toLongLong(&isNumber);
        data::LayerKind kind{};
        const bool isKind = !isNumber && data::fromString(word, kind);
        bool found = false;
        for (const data::LayerSettings& layer : project.layers()) {
            if ((isNumber && layer.id.value == number) || (isKind && layer.kind == kind)) {
                ids.push_back(layer.id);
                found = true;
            }
        }
        if (!found)
            return data::Status::error(data::Status::Code::NotFound, word);
    }
    return ids;
}

int Render::run(const QStringList& args)
{
    const QString command = QStringLiteral("render");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Loads every layer of PROJECT, sets the time and renders one view offscreen to a PNG file.\n"
           "Needs an X display for OpenGL; on a headless machine run it under xvfb-run -a."));
    const QCommandLineOption view(QStringLiteral("view"), tr("Saved view to render (see 'info')."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption lookAt(
        QStringLiteral("look-at"),
        tr("Camera target X,Y,Z in the local frame (metres from the project origin), "
           "optionally with HEADING,PITCH,RANGE (degrees, degrees, metres; "
           "default 0,-45,1000)."),
        QStringLiteral("X,Y,Z[,H,P,R]"));
    const QCommandLineOption lonLat(QStringLiteral("lonlat"),
                                    tr("--look-at X,Y are longitude,latitude (CGCS2000) and Z a height; so are "
                                       "the X,Y of --clip-box and --pit."));
    const QCommandLineOption time(
        QStringLiteral("time"),
        tr("Scene time, ISO 8601 (e.g. 2026-11-02T08:30+08:00 or ...Z); without an "
           "offset it is in the project's time zone. Default: the view's time, else "
           "the project's initial time."),
        QStringLiteral("ISO8601"));
    const QCommandLineOption size(QStringLiteral("size"), tr("Image size (default 1280x720)."),
                                  QStringLiteral("WxH"), QStringLiteral("1280x720"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, tr("PNG file to write."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption stats(QStringLiteral("stats"),
                                   tr("Print first-frame time, draw calls and triangles."));
    const QCommandLineOption layers(QStringLiteral("layers"),
                                    tr("Draw only these layers: ids or kinds (e.g. elevation,imagery,3), "
                                       "comma-separated. Default: the layers the project shows."),
                                    QStringLiteral("LIST"));
    const QCommandLineOption hide(QStringLiteral("hide"),
                                  tr("Do not draw these layers: ids or kinds, comma-separated."),
                                  QStringLiteral("LIST"));
    const QCommandLineOption trust(
        QStringLiteral("trust-services"),
        tr("Contact the tile services (URLs) of the project's layers; without it they are not "
           "contacted and only local files are drawn."));
    const QCommandLineOption cacheDir(
        QStringLiteral("cache-dir"),
        tr("Tile cache folder for services (default: the app's, see 'cache seed')."), QStringLiteral("DIR"));
    const QCommandLineOption groundOpacity(
        QStringLiteral("ground-opacity"),
        tr("See-through ground for underground views: 0 (hidden) … 1 (opaque, the default)."), QStringLiteral("A"));
    const QCommandLineOption clipBox(
        QStringLiteral("clip-box"),
        tr("Cut away the ground, buildings and models inside this box (local frame like --look-at, "
           "metres; heights in the local frame); pipes, manholes and underground spaces inside stay."),
        QStringLiteral("XMIN,YMIN,ZMIN,XMAX,YMAX,ZMAX"));
    const QCommandLineOption pit(
        QStringLiteral("pit"),
        tr("Dig an excavation pit inside this polygon: 3 to 64 space-separated X,Y points in the local frame "
           "(like --look-at), e.g. \"-10,-10 10,-10 10,10\"; its soil walls are drawn."),
        QStringLiteral("\"X,Y X,Y X,Y ...\""));
    const QCommandLineOption pitDepth(
        QStringLiteral("pit-depth"), tr("Depth of --pit below its lowest ground point, metres (default 5)."),
        QStringLiteral("D"), QStringLiteral("5"));
    parser.addOptions({view, lookAt, lonLat, time, size, output, stats, layers, hide, trust, cacheDir, groundOpacity,
                       clipBox, pit, pitDepth});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), tr("The project file (*.citytwin)."));
    const QString syntax =
        QStringLiteral("PROJECT (--view NAME | --look-at X,Y,Z[,H,P,R] [--lonlat]) "
                       "[--time ISO8601] [--size WxH] [--layers LIST] [--hide LIST] [--trust-services] "
                       "[--cache-dir DIR] [--ground-opacity A] [--clip-box XMIN,YMIN,ZMIN,XMAX,YMAX,ZMAX] "
                       "[--pit \"X,Y X,Y X,Y ...\" [--pit-depth D]] -o FILE [--stats]");
    if (auto exit = parseCommandLine(parser, command, syntax, args))
        return *exit;

    // Check the whole command line before any slow work.
    double ground = 1.0;
    if (parser.isSet(groundOpacity)) {
        bool ok = false;
        ground = parser.value(groundOpacity).toDouble(&ok);
        if (!ok || ground < 0.0 || ground > 1.0)
            return usageError(command, tr("--ground-opacity wants a number from 0 to 1, not '%1'")
                                           .arg(parser.value(groundOpacity)));
    }
    CutAwayRequest cutAway;
    if (parser.isSet(clipBox)) {
        cutAway.box = parseClipBox(parser.value(clipBox));
        if (!cutAway.box)
            return usageError(command, tr("--clip-box wants 6 comma-separated numbers XMIN,YMIN,ZMIN,XMAX,YMAX,ZMAX "
                                          "with some extent on every axis, not '%1'")
                                           .arg(parser.value(clipBox)));
    }
    if (parser.isSet(pit)) {
        const auto ring = parsePitRing(parser.value(pit));
        if (!ring)
            return usageError(command, tr("--pit wants 3 to %1 space-separated X,Y points, not '%2'")
                                           .arg(scene::kMaxPitVertices)
                                           .arg(parser.value(pit)));
        cutAway.pitRing = *ring;
    }
    if (parser.isSet(pitDepth)) {
        bool ok = false;
        cutAway.pitDepthM = parser.value(pitDepth).toDouble(&ok);
        if (!ok || !(cutAway.pitDepthM > 0.0) || !std::isfinite(cutAway.pitDepthM))
            return usageError(command, tr("--pit-depth wants a positive number of metres, not '%1'")
                                           .arg(parser.value(pitDepth)));
        if (!parser.isSet(pit))
            return usageError(command, tr("--pit-depth only applies to --pit"));
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(command, positional.isEmpty()
                                       ? tr("missing the project file")
                                       : tr("expected one project file, got %1").arg(positional.size()));
    if (parser.isSet(view) == parser.isSet(lookAt))
        return usageError(command, tr("give exactly one of --view NAME or --look-at X,Y,Z"));
    if (parser.isSet(lonLat) && !parser.isSet(lookAt))
        return usageError(command, tr("--lonlat only applies to --look-at"));
    std::optional<QList<double>> lookAtValues;
    if (parser.isSet(lookAt)) {
        lookAtValues = parseNumbers(parser.value(lookAt));
        if (!lookAtValues)
            return usageError(
                command,
                tr("--look-at wants 3 or 6 comma-separated numbers, not '%1'").arg(parser.value(lookAt)));
    }
    const auto imageSize = parseSize(parser.value(size));
    if (!imageSize)
        return usageError(
            command, tr("--size wants WIDTHxHEIGHT (1 to 16384 each), not '%1'").arg(parser.value(size)));
    if (!parser.isSet(output))
        return usageError(command, tr("missing -o FILE (the PNG to write)"));
    const QString outFile = parser.value(output);
    const QString project = positional.first();
    if (!QFileInfo(project).isFile())
        return failure(command, tr("%1: file not found").arg(QDir::toNativeSeparators(project)));
    auto opened = ProjectSession::open(project, ProjectSession::OpenMode::ReadOnly);
    if (!opened)
        return failure(command, opened.status().message());
    ProjectSession& session = **opened;
    const data::Project& p = session.project();

    std::optional<data::TimeMs> sceneTime;
    if (parser.isSet(time)) {
        sceneTime = parseIsoTime(parser.value(time), p.timeZone);
        if (!sceneTime)
            return usageError(command,
                              tr("--time wants an ISO 8601 date-time such as 2026-11-02T08:30:00+08:00, "
                                 "not '%1'")
                                  .arg(parser.value(time)));
    }

    data::SavedView camera;
    if (parser.isSet(view)) {
        const data::SavedView* saved = p.view(parser.value(view));
        if (!saved) {
            QStringList names;
            for (const data::SavedView& v : p.views())
                names << v.name;
            return failure(command,
                           tr("%1 has no view '%2' (views: %3)")
                               .arg(QDir::toNativeSeparators(project), parser.value(view),
                                    names.isEmpty() ? tr("none") : names.join(QStringLiteral(", "))));
        }
        camera = *saved;
    } else {
        const QList<double>& v = *lookAtValues;
        camera.name = QStringLiteral("look-at");
        camera.target = {v[0], v[1], v[2]};
        if (v.size() == 6) {
            camera.headingDeg = v[3];
            camera.pitchDeg = v[4];
            camera.rangeM = v[5];
        }
        if (parser.isSet(lonLat)) {
            auto frame = gis::LocalFrame::create(p);
            if (!frame)
                return failure(command, frame.status().message());
            auto local = frame->fromGeographic({v[0], v[1], v[2]});
            if (!local)
                return failure(command, local.status().message());
            camera.target = *local;
        }
        if (!(camera.rangeM > 0.0))
            return usageError(command, tr("--look-at RANGE must be positive"));
    }
    if (!sceneTime && camera.time != data::kNoTime)
        sceneTime = camera.time;

    // Layer selection: the session is read-only, so these edits never reach the file.
    for (const auto& [option, show] : {std::pair{&layers, true}, std::pair{&hide, false}}) {
        if (!parser.isSet(*option))
            continue;
        const auto ids = selectLayers(p, parser.value(*option));
        if (!ids)
            return usageError(command, tr("--%1: '%2' is neither a layer id nor a layer kind of %3")
                                           .arg(option->names().constFirst(), ids.status().message(),
                                                QDir::toNativeSeparators(project)));
        for (const data::LayerSettings& layer : p.layers()) {
            const bool listed = std::find(ids->begin(), ids->end(), layer.id) != ids->end();
            if (show)
                session.setLayerVisible(layer.id, listed);
            else if (listed)
                session.setLayerVisible(layer.id, false);
        }
    }

    // Last check before the slow part, so a wrong command line is reported as such even without X.
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        return failure(command, tr("rendering needs an X display for OpenGL and DISPLAY is not set; "
                                   "on a headless machine run: xvfb-run -a %1 render ...")
                                    .arg(QLatin1String(kProgramName)));

    // Services: the app's key and cache (seeded tiles draw offline), contacted only when asked to.
    const ServiceSettings services = guiServiceSettings();
    session.setServiceOptions(services.apiKey,
                              parser.isSet(cacheDir) ? QFileInfo(parser.value(cacheDir)).absoluteFilePath()
                                                     : services.cacheDir,
                              services.cacheMaxBytes());
    if (parser.isSet(trust))
        session.setTrustPolicy([](const QString&) { return true; });
    const data::Status loaded = session.loadAllBlocking();
    const std::vector<data::LayerId> untrusted = session.untrustedLayers();
    for (const data::LayerSettings& layer : p.layersInDrawOrder()) {
        const bool shown = session.project().layer(layer.id)->visible;
        if (shown && session.layerState(layer.id) == ProjectSession::LayerState::Failed) {
            err() << tr("warning: layer '%1' not drawn: %2").arg(layer.name, session.layerError(layer.id));
            if (std::find(untrusted.begin(), untrusted.end(), layer.id) != untrusted.end())
                err() << tr(" (--trust-services contacts it)");
            err() << Qt::endl;
        }
    }
    if (!loaded)
        return failure(command, loaded.message());
    if (sceneTime)
        session.setTime(*sceneTime);
    if (ground < 1.0) {
        // Hidden ground is no ground at all (nothing to blend, nothing to hit).
        session.scene().setTerrainVisible(ground > 0.0);
        if (scene::TileEngine* engine = session.terrainEngine())
            scene::setTerrainGroundOpacity(engine, float(ground));
    }

    scene::CutAway cut; // its uniforms are on the scene root until the render is done
    if (const data::Status applied = applyCutAway(session, cutAway, parser.isSet(lonLat), cut); !applied)
        return failure(command, applied.message());

    scene::OffscreenRenderer::Stats renderStats;
    auto image = scene::OffscreenRenderer::render(session.scene().root(), camera, imageSize->width(),
                                                  imageSize->height(), &renderStats);
    if (!image)
        return failure(command, image.status().message());
    const QImage png = toQImage(**image);
    if (png.isNull())
        return failure(command, tr("the renderer returned an image in an unexpected pixel format"));
    if (!png.save(outFile, "PNG"))
        return failure(command, tr("%1: cannot write the PNG file").arg(QDir::toNativeSeparators(outFile)));

    if (parser.isSet(stats)) {
        out() << tr("first frame: %1 ms").arg(renderStats.firstFrameMs, 0, 'f', 1) << '\n'
              << tr("draw calls:  %1").arg(renderStats.drawCalls) << '\n'
              << tr("triangles:   %1").arg(renderStats.triangles) << '\n'
              << tr("time:        %1").arg(formatLocal(session.scene().time(), p.timeZone)) << Qt::endl;
    }
    return kExitOk;
}

} // namespace

int runRender(const QStringList& args)
{
    return Render::run(args);
}

} // namespace citytwin::app::cli
