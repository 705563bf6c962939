#include "gis/Tileset.h"

#include "gis/TilesetVolumes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <cmath>

namespace citytwin::gis {

using data::Result;
using data::Status;

namespace {

constexpr std::size_t kMaxTiles = 1000000;
constexpr int kMaxWarnings = 16;
constexpr int kMaxDepth = 256;

//! State of one readTileset() call across the external tilesets it follows.
struct TilesetReader
{
    QString projectCrs;
    data::CancelToken cancel;
    tiles::VolumeTransformers transformers;
    Tileset out;
    QStringList openFiles; //!< the chain of tileset files being read, for cycle detection
    QStringList missing;   //!< content files that do not exist

    Status readFile(const QString& path, int parent, const Matrix4d& parentTransform, bool parentRefineAdd);
    Status readTile(const QJsonObject& json, const QString& file, int parent, const Matrix4d& parentTransform,
                    bool parentRefineAdd, int depth);
    void warn(const QString& text)
    {
        if (out.warnings.size() < kMaxWarnings)
            out.warnings.append(text);
    }
};

Status fileError(const QString& file, const QString& problem, Status::Code code = Status::Code::FormatError)
{
    return Status::error(code, QStringLiteral("%1: %2").arg(QFileInfo(file).fileName(), problem));
}

//! The local file a content or tileset URI names, relative to the tileset's folder ("%20"
//! decoded, "?v=2" dropped); empty for network URIs.
QString resolveUri(const QString& uri, const QString& tilesetFile)
{
    const QUrl url(uri);
    if (!url.scheme().isEmpty() && url.scheme() != QLatin1String("file") && url.scheme().size() > 1)
        return {};
    const QString local = url.isLocalFile() ? url.toLocalFile() : url.path(QUrl::FullyDecoded);
    return QDir::cleanPath(QFileInfo(tilesetFile).absoluteDir().absoluteFilePath(local));
}

} // namespace

Status TilesetReader::readFile(const QString& path, int parent, const Matrix4d& parentTransform,
                               bool parentRefineAdd)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    if (canonical.isEmpty())
        return fileError(path, QStringLiteral("tileset file not found"), Status::Code::NotFound);
    if (openFiles.contains(canonical)) {
        QStringList chain;
        for (const QString& f : openFiles.mid(openFiles.indexOf(canonical)))
            chain.append(QFileInfo(f).fileName());
        chain.append(QFileInfo(canonical).fileName());
        return fileError(openFiles.front(),
                         QStringLiteral("external tilesets reference each other in a cycle: %1")
                             .arg(chain.join(QStringLiteral(" → "))));
    }
    QFile file(canonical);
    if (!file.open(QIODevice::ReadOnly))
        return fileError(path, QStringLiteral("cannot open: %1").arg(file.errorString()),
                         Status::Code::IoError);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        return fileError(path,
                         QStringLiteral("not JSON (byte %1: %2)").arg(error.offset).arg(error.errorString()));
    const QJsonObject root = doc.object();
    if (!root.value(QLatin1String("asset")).toObject().value(QLatin1String("version")).isString())
        return fileError(path, QStringLiteral("no asset.version: not a 3D Tiles tileset"));
    if (!root.value(QLatin1String("root")).isObject())
        return fileError(path, QStringLiteral("no \"root\" tile"));
    openFiles.append(canonical);
    Status s = readTile(root.value(QLatin1String("root")).toObject(), canonical, parent, parentTransform,
                        parentRefineAdd, 0);
    openFiles.removeLast();
    return s;
}

Status TilesetReader::readTile(const QJsonObject& json, const QString& file, int parent,
                               const Matrix4d& parentTransform, bool parentRefineAdd, int depth)
{
    if (cancel.isCancelled())
        return Status::error(Status::Code::Cancelled,
                             QStringLiteral("%1: cancelled").arg(QFileInfo(file).fileName()));
    if (out.tiles.size() >= kMaxTiles)
        return fileError(file, QStringLiteral("more than %1 tiles").arg(kMaxTiles));
    if (depth > kMaxDepth)
        return fileError(file, QStringLiteral("tiles nested deeper than %1 levels").arg(kMaxDepth));
    const int index = static_cast<int>(out.tiles.size());
    const QString where = QStringLiteral("tile %1").arg(index);

    TilesetTile tile;
    tile.parent = parent;
    tile.transform = parentTransform;
    if (const QJsonValue t = json.value(QLatin1String("transform")); !t.isUndefined()) {
        const QJsonArray array = t.toArray();
        Matrix4d local{};
        bool ok = array.size() == 16;
        for (int i = 0; ok && i < 16; ++i) {
            ok = array[i].isDouble() && std::isfinite(array[i].toDouble());
            local[static_cast<std::size_t>(i)] = array[i].toDouble();
        }
        if (!ok)
            return fileError(file, QStringLiteral("%1: transform is not 16 finite numbers").arg(where));
        tile.transform = multiply(parentTransform, local);
    }
    const QJsonValue error = json.value(QLatin1String("geometricError"));
    if (!error.isDouble() || !std::isfinite(error.toDouble()))
        return fileError(file, QStringLiteral("%1: geometricError is missing or not a number").arg(where));
    if (error.toDouble() < 0.0)
        return fileError(
            file, QStringLiteral("%1: geometricError %2 is negative").arg(where).arg(error.toDouble()));
    tile.geometricError = error.toDouble();
    const QString refine = json.value(QLatin1String("refine")).toString().toUpper();
    tile.refineAdd = refine.isEmpty() ? parentRefineAdd : refine == QLatin1String("ADD");

    auto sphere = tiles::projectedSphere(json.value(QLatin1String("boundingVolume")).toObject(),
                                         tile.transform, transformers);
    if (!sphere)
        return fileError(file, QStringLiteral("%1: %2").arg(where, sphere.status().message()));
    tile.centre = sphere->centre;
    tile.radius = sphere->radius;

    // 1.0 "content" (with the pre-1.0 "url"), 1.1 "contents" (only the first is used).
    QJsonObject content = json.value(QLatin1String("content")).toObject();
    if (const QJsonArray contents = json.value(QLatin1String("contents")).toArray();
        content.isEmpty() && !contents.isEmpty()) {
        content = contents.first().toObject();
        if (contents.size() > 1)
            warn(
                QStringLiteral("%1: only the first of %2 contents is shown").arg(where).arg(contents.size()));
    }
    QString externalTileset;
    const QString uri =
        content.value(QLatin1String("uri")).toString(content.value(QLatin1String("url")).toString());
    if (!uri.isEmpty()) {
        const QString local = resolveUri(uri, file);
        const QString suffix = QFileInfo(QUrl(uri).path()).suffix().toLower();
        if (local.isEmpty()) {
            warn(QStringLiteral("%1: network content '%2' skipped").arg(where, uri));
        } else if (suffix == QLatin1String("json")) {
            externalTileset = local;
        } else if (suffix == QLatin1String("pnts") || suffix == QLatin1String("i3dm") ||
                   suffix == QLatin1String("cmpt") || suffix == QLatin1String("subtree")) {
            warn(QStringLiteral("%1: unsupported content '%2' skipped").arg(where, uri));
        } else if (!QFileInfo::exists(local)) {
            missing.append(uri);
        } else {
            tile.contentPath = local;
        }
    }
    if (json.contains(QLatin1String("implicitTiling")))
        warn(QStringLiteral("%1: implicit tiling is not supported; its subtrees are not shown").arg(where));

    out.tiles.push_back(tile);
    if (parent >= 0)
        out.tiles[static_cast<std::size_t>(parent)].children.push_back(index);
    const Matrix4d transform = tile.transform;
    const bool refineAdd = tile.refineAdd;
    if (!externalTileset.isEmpty()) {
        if (!QFileInfo::exists(externalTileset))
            return fileError(file, QStringLiteral("%1: external tileset '%2' not found").arg(where, uri),
                             Status::Code::NotFound);
        if (Status s = readFile(externalTileset, index, transform, refineAdd); !s)
            return s;
    }
    for (const QJsonValue& child : json.value(QLatin1String("children")).toArray())
        if (Status s = readTile(child.toObject(), file, index, transform, refineAdd, depth + 1); !s)
            return s;
    return Status::ok();
}

Result<Tileset> readTileset(const QString& path, const QString& projectCrs, const data::CancelToken& cancel)
{
    auto transformers = tiles::createVolumeTransformers(projectCrs);
    if (!transformers)
        return transformers.status().withContext(QFileInfo(path).fileName());
    TilesetReader reader{projectCrs, cancel, std::move(*transformers), {}, {}, {}};
    reader.out.path = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo::exists(path))
        return fileError(path, QStringLiteral("tileset file not found"), Status::Code::NotFound);
    if (Status s = reader.readFile(path, -1, kIdentity4d, false); !s)
        return s;
    if (!reader.missing.isEmpty())
        return fileError(path,
                         reader.missing.size() == 1
                             ? QStringLiteral("content file '%1' is missing").arg(reader.missing.front())
                             : QStringLiteral("content file '%1' is missing, and %2 more")
                                   .arg(reader.missing.front())
                                   .arg(reader.missing.size() - 1),
                         Status::Code::NotFound);
    return std::move(reader.out);
}

} // namespace citytwin::gis
