// detectModelFormat (declared in gis/ModelReader.h): kept apart from readModel so that code which
// only classifies sources does not pull every reader in.
#include "gis/ModelReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QXmlStreamReader>

namespace citytwin::gis {

using data::ModelFormat;

namespace {

constexpr qint64 kSniffBytes = 1024;
// A tileset.json may put "root" after a long "properties"/"extensions" block.
constexpr qint64 kJsonSniffBytes = 64 * 1024;

QByteArray head(const QString& path, qint64 bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(bytes);
}

bool isCityGml(const QByteArray& start)
{
    return start.contains("CityModel") && start.contains('<');
}

//! The local name of PATH's root element: however long the comments or DOCTYPE before it (the
//! reader stops at the root, so this costs only the prolog); empty when the XML breaks first.
QString xmlRootName(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&f);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement)
            return xml.name().toString();
    }
    return {};
}

bool isIfc(const QByteArray& start)
{
    return start.trimmed().startsWith("ISO-10303-21");
}

bool isGlb(const QByteArray& start)
{
    return start.startsWith("glTF");
}

bool isTilesetJson(const QByteArray& start)
{
    return start.trimmed().startsWith('{') && start.contains("\"asset\"") && start.contains("\"root\"");
}

//! glTF JSON: an object; "asset" is required but may come after the first KB of a large scene.
bool isGltfJson(const QByteArray& start)
{
    return start.trimmed().startsWith('{');
}

//! An oblique photogrammetry export: metadata.xml and/or Data/Tile_* folders (or being that Data folder).
bool isObliqueFolder(const QDir& dir)
{
    if (dir.exists(QStringLiteral("metadata.xml")))
        return true;
    auto hasTiles = [](const QDir& d) {
        return !d.entryList({QStringLiteral("Tile_*")}, QDir::Dirs | QDir::NoDotAndDotDot).isEmpty();
    };
    return (dir.exists(QStringLiteral("Data")) && hasTiles(QDir(dir.filePath(QStringLiteral("Data"))))) ||
           (dir.dirName() == QLatin1String("Data") && hasTiles(dir));
}

} // namespace

std::optional<ModelFormat> detectModelFormat(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        const QDir dir(path);
        if (isObliqueFolder(dir))
            return ModelFormat::Osgb;
        if (dir.exists(QStringLiteral("tileset.json")))
            return ModelFormat::Tiles3d;
        return std::nullopt;
    }
    if (!info.isFile())
        return std::nullopt;
    const QString ext = info.suffix().toLower();
    if (ext == QLatin1String("b3dm"))
        return std::nullopt; // one tile of a tileset: its tileset.json is the layer source
    if (ext == QLatin1String("osgb"))
        return ModelFormat::Osgb;
    if (ext == QLatin1String("json")) {
        const QByteArray start = head(path, kJsonSniffBytes);
        if (isTilesetJson(start))
            return ModelFormat::Tiles3d;
        return std::nullopt;
    }
    const QByteArray start = head(path, kSniffBytes);
    if (ext == QLatin1String("gml") || ext == QLatin1String("citygml") || ext == QLatin1String("xml")) {
        if (xmlRootName(path) == QLatin1String("CityModel") || isCityGml(start))
            return ModelFormat::CityGml;
        if (info.fileName().compare(QLatin1String("metadata.xml"), Qt::CaseInsensitive) == 0 &&
            isObliqueFolder(info.dir()))
            return ModelFormat::Osgb;
        return std::nullopt;
    }
    if (ext == QLatin1String("ifc"))
        return isIfc(start) ? std::optional(ModelFormat::Ifc) : std::nullopt;
    if (ext == QLatin1String("glb"))
        return isGlb(start) ? std::optional(ModelFormat::Gltf) : std::nullopt;
    if (ext == QLatin1String("gltf"))
        return isGltfJson(start) ? std::optional(ModelFormat::Gltf) : std::nullopt;
    // An unexpected extension: trust only unmistakable content.
    if (isGlb(start))
        return ModelFormat::Gltf;
    if (isIfc(start))
        return ModelFormat::Ifc;
    if (isCityGml(start) && start.trimmed().startsWith('<'))
        return ModelFormat::CityGml;
    return std::nullopt;
}

} // namespace citytwin::gis
