#include "gis/GltfDocument.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <cstring>

namespace citytwin::gis::gltf {

using data::Result;
using data::Status;

namespace {

constexpr std::uint32_t kChunkJson = 0x4E4F534A; // "JSON"
constexpr std::uint32_t kChunkBin = 0x004E4942;  // "BIN\0"
constexpr int kMaxWarnings = 8;

//! Required extensions whose meaning the reader honours (quantized attributes are plain
//! accessors to it; unlit only changes shading; CESIUM_RTC is applied by the content reader).
bool understood(const QString& extension)
{
    return extension == QLatin1String("KHR_mesh_quantization") ||
           extension == QLatin1String("KHR_materials_unlit") || extension == QLatin1String("CESIUM_RTC");
}

std::uint32_t readU32(const QByteArray& bytes, qsizetype offset)
{
    std::uint32_t v;
    std::memcpy(&v, bytes.constData() + offset, sizeof v);
    return v; // GLB is little-endian, as is every platform we build for
}

Status formatError(const QString& name, const QString& problem)
{
    return Status::error(Status::Code::FormatError, QStringLiteral("%1: %2").arg(name, problem));
}

//! Checks the JSON part before tinygltf sees it: its messages for broken JSON carry no offset,
//! and a required Draco/meshopt extension must be reported as such, not as a missing buffer.
Status inspectJson(const QByteArray& json, const QString& name, GltfDocument& doc)
{
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return formatError(name, QStringLiteral("glTF JSON is not valid at byte %1 of the JSON: %2")
                                     .arg(error.offset)
                                     .arg(error.errorString()));
    if (!parsed.isObject())
        return formatError(name, QStringLiteral("glTF JSON is not an object"));
    const QJsonObject root = parsed.object();
    const QString version =
        root.value(QLatin1String("asset")).toObject().value(QLatin1String("version")).toString();
    if (version.isEmpty())
        return formatError(name, QStringLiteral("no asset.version: not a glTF file"));
    if (!version.startsWith(QLatin1String("2.")))
        return Status::error(
            Status::Code::Unsupported,
            QStringLiteral("%1: glTF version %2 is not supported (only 2.x)").arg(name, version));
    for (const QJsonValue& v : root.value(QLatin1String("extensionsRequired")).toArray()) {
        const QString extension = v.toString();
        if (!understood(extension))
            return Status::error(
                Status::Code::Unsupported,
                QStringLiteral("%1: requires the glTF extension %2, which this reader cannot decode")
                    .arg(name, extension));
    }
    const QJsonArray centre = root.value(QLatin1String("extensions"))
                                  .toObject()
                                  .value(QLatin1String("CESIUM_RTC"))
                                  .toObject()
                                  .value(QLatin1String("center"))
                                  .toArray();
    if (!centre.isEmpty()) {
        if (centre.size() != 3 || !centre[0].isDouble() || !centre[1].isDouble() || !centre[2].isDouble())
            return formatError(name, QStringLiteral("CESIUM_RTC center is not three numbers"));
        doc.rtcCentre =
            std::array<double, 3>{centre[0].toDouble(), centre[1].toDouble(), centre[2].toDouble()};
    }
    return Status::ok();
}

//! Decodes with tinygltf's stb_image loader but turns a failure into a warning: tinygltf would
//! otherwise refuse the whole model over one unreadable texture.
bool tolerantImageLoader(tinygltf::Image* image, const int index, std::string* err, std::string* warn,
                         int width, int height, const unsigned char* bytes, int size, void* userData)
{
    std::string problem;
    if (tinygltf::LoadImageData(image, index, &problem, warn, width, height, bytes, size, nullptr))
        return true;
    auto* warnings = static_cast<QStringList*>(userData);
    if (warnings->size() < kMaxWarnings)
        warnings->append(QStringLiteral("image %1 not decoded: %2")
                             .arg(index)
                             .arg(QString::fromStdString(problem).trimmed()));
    image->image.clear();
    image->width = image->height = 0;
    (void)err;
    return true;
}

Result<GltfDocument> parse(const QByteArray& bytes, bool binary, const QString& name, const QString& baseDir)
{
    GltfDocument doc;
    tinygltf::TinyGLTF loader;
    loader.SetStoreOriginalJSONForExtrasAndExtensions(true);
    QStringList imageWarnings;
    loader.SetImageLoader(&tolerantImageLoader, &imageWarnings);
    std::string err;
    std::string warn;
    const std::string dir = QFile::encodeName(baseDir).toStdString();
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.constData());
    const bool ok = binary ? loader.LoadBinaryFromMemory(&doc.model, &err, &warn, data,
                                                         static_cast<unsigned int>(bytes.size()), dir)
                           : loader.LoadASCIIFromString(&doc.model, &err, &warn, bytes.constData(),
                                                        static_cast<unsigned int>(bytes.size()), dir);
    if (!ok)
        return formatError(name, QString::fromStdString(err.empty() ? warn : err)
                                     .trimmed()
                                     .replace(QLatin1Char('\n'), QStringLiteral("; ")));
    doc.warnings = imageWarnings;
    for (const QString& line : QString::fromStdString(warn).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (doc.warnings.size() < kMaxWarnings)
            doc.warnings.append(line);
    return doc;
}

} // namespace

Result<GltfDocument> loadGlbBytes(const QByteArray& glb, const QString& name, const QString& baseDir)
{
    if (glb.isEmpty())
        return formatError(name, QStringLiteral("the GLB is empty"));
    if (glb.size() < 12)
        return formatError(
            name, QStringLiteral("GLB truncated at byte %1: the header needs 12 bytes").arg(glb.size()));
    if (std::memcmp(glb.constData(), "glTF", 4) != 0)
        return formatError(name, QStringLiteral("not a GLB (no 'glTF' magic at byte 0)"));
    if (const std::uint32_t version = readU32(glb, 4); version != 2)
        return Status::error(
            Status::Code::Unsupported,
            QStringLiteral("%1: GLB version %2 is not supported (only 2)").arg(name).arg(version));
    const std::uint32_t length = readU32(glb, 8);
    if (length > static_cast<std::uint64_t>(glb.size()))
        return formatError(name, QStringLiteral("GLB truncated at byte %1: its header declares %2 bytes")
                                     .arg(glb.size())
                                     .arg(length));
    if (length < 20)
        return formatError(name,
                           QStringLiteral("GLB declares %1 bytes, too few for a JSON chunk").arg(length));
    const std::uint32_t jsonLength = readU32(glb, 12);
    if (readU32(glb, 16) != kChunkJson)
        return formatError(name, QStringLiteral("the GLB chunk at byte 12 is not JSON"));
    if (jsonLength > length - 20)
        return formatError(
            name, QStringLiteral("GLB truncated at byte %1: the JSON chunk needs %2 bytes from byte 20")
                      .arg(length)
                      .arg(jsonLength));
    const qsizetype binHeader = 20 + static_cast<qsizetype>(jsonLength);
    if (binHeader + 8 <= static_cast<qsizetype>(length)) {
        const std::uint32_t binLength = readU32(glb, binHeader);
        if (readU32(glb, binHeader + 4) == kChunkBin && binLength > length - binHeader - 8)
            return formatError(
                name, QStringLiteral("GLB truncated at byte %1: the BIN chunk at byte %2 needs %3 bytes")
                          .arg(length)
                          .arg(binHeader)
                          .arg(binLength));
    }
    GltfDocument header;
    // Some exporters pad the JSON chunk with NULs instead of spaces; the JSON parser would call
    // them garbage.
    QByteArray json = glb.mid(20, jsonLength);
    while (!json.isEmpty() && (json.back() == '\0' || json.back() == ' ' || json.back() == '\n'))
        json.chop(1);
    if (Status s = inspectJson(json, name, header); !s)
        return s;
    // b3dm content is often padded after the GLB: tinygltf is given exactly what the header declares.
    auto doc = parse(glb.left(length), true, name, baseDir);
    if (doc)
        doc->rtcCentre = header.rtcCentre;
    return doc;
}

Result<GltfDocument> loadGltfFile(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::error(file.exists() ? Status::Code::IoError : Status::Code::NotFound,
                             QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (bytes.isEmpty())
        return formatError(name, QStringLiteral("the file is empty"));
    const QString dir = QFileInfo(path).absolutePath();
    if (bytes.startsWith("glTF"))
        return loadGlbBytes(bytes, name, dir);
    GltfDocument header;
    if (Status s = inspectJson(bytes, name, header); !s)
        return s;
    auto doc = parse(bytes, false, name, dir);
    if (doc)
        doc->rtcCentre = header.rtcCentre;
    return doc;
}

} // namespace citytwin::gis::gltf
