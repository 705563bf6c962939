#include "gis/GltfModelBuilder.h"
#include "gis/GltfReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstring>

namespace citytwin::gis {

using data::Model;
using data::Result;
using data::Status;

namespace {

constexpr std::uint32_t kHeaderBytes = 28;
//! Cesium's test for the pre-1.0 headers: a length field this large is really "glTF" magic.
constexpr std::uint32_t kLegacyMarker = 570425344;

std::uint32_t u32(const QByteArray& bytes, qsizetype offset)
{
    std::uint32_t v;
    std::memcpy(&v, bytes.constData() + offset, sizeof v);
    return v;
}

//! A table's JSON without the NUL padding some writers use instead of spaces.
QByteArray tableJson(const QByteArray& bytes, std::uint64_t offset, std::uint64_t length)
{
    QByteArray json = bytes.mid(static_cast<qsizetype>(offset), static_cast<qsizetype>(length));
    while (!json.isEmpty() && (json.back() == '\0' || json.back() == ' ' || json.back() == '\n'))
        json.chop(1);
    return json;
}

Status truncated(const QString& name, qsizetype at, const QString& what)
{
    return Status::error(Status::Code::FormatError,
                         QStringLiteral("%1: b3dm truncated at byte %2: %3").arg(name).arg(at).arg(what));
}

//! Size in bytes of a batch-table binary component type, 0 for an unknown one.
int componentBytes(const QString& type)
{
    if (type == QLatin1String("BYTE") || type == QLatin1String("UNSIGNED_BYTE"))
        return 1;
    if (type == QLatin1String("SHORT") || type == QLatin1String("UNSIGNED_SHORT"))
        return 2;
    if (type == QLatin1String("INT") || type == QLatin1String("UNSIGNED_INT") ||
        type == QLatin1String("FLOAT"))
        return 4;
    return type == QLatin1String("DOUBLE") ? 8 : 0;
}

double component(const char* p, const QString& type)
{
    auto get = [p](auto v) {
        std::memcpy(&v, p, sizeof v);
        return static_cast<double>(v);
    };
    if (type == QLatin1String("BYTE"))
        return get(std::int8_t{});
    if (type == QLatin1String("UNSIGNED_BYTE"))
        return get(std::uint8_t{});
    if (type == QLatin1String("SHORT"))
        return get(std::int16_t{});
    if (type == QLatin1String("UNSIGNED_SHORT"))
        return get(std::uint16_t{});
    if (type == QLatin1String("INT"))
        return get(std::int32_t{});
    if (type == QLatin1String("UNSIGNED_INT"))
        return get(std::uint32_t{});
    if (type == QLatin1String("FLOAT"))
        return get(float{});
    return get(double{});
}

int elementComponents(const QString& type)
{
    if (type == QLatin1String("SCALAR"))
        return 1;
    if (type == QLatin1String("VEC2"))
        return 2;
    if (type == QLatin1String("VEC3"))
        return 3;
    return type == QLatin1String("VEC4") ? 4 : 0;
}

//! Replaces the binary-body references of TABLE ({"byteOffset", "componentType", "type"}) by
//! JSON arrays of COUNT values read from BINARY, so the attribute code sees one layout.
//! References it cannot read (bad type, out of range) are left for the caller's warning.
void inlineBinaryProperties(QJsonObject& table, const QByteArray& binary, std::size_t count)
{
    for (auto it = table.begin(); it != table.end(); ++it) {
        const QJsonObject ref = it.value().toObject();
        if (!ref.contains(QLatin1String("byteOffset")))
            continue;
        const QString componentType = ref.value(QLatin1String("componentType")).toString();
        const int size = componentBytes(componentType);
        const int components = elementComponents(ref.value(QLatin1String("type")).toString());
        const double offset = ref.value(QLatin1String("byteOffset")).toDouble(-1.0);
        const double needed = offset + static_cast<double>(count) * size * components;
        if (size == 0 || components == 0 || offset < 0.0 || needed > static_cast<double>(binary.size()))
            continue;
        QJsonArray values;
        const char* p = binary.constData() + static_cast<qsizetype>(offset);
        for (std::size_t i = 0; i < count; ++i) {
            if (components == 1) {
                values.append(component(p, componentType));
                p += size;
                continue;
            }
            QJsonArray element;
            for (int c = 0; c < components; ++c, p += size)
                element.append(component(p, componentType));
            values.append(element);
        }
        it.value() = values;
    }
}

} // namespace

Result<Model> readB3dm(const QByteArray& bytes, const QString& name, const EcefContentFrame& frame)
{
    if (bytes.size() < kHeaderBytes)
        return truncated(name, bytes.size(), QStringLiteral("the header needs %1 bytes").arg(kHeaderBytes));
    if (std::memcmp(bytes.constData(), "b3dm", 4) != 0)
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("%1: not a b3dm (no 'b3dm' magic at byte 0)").arg(name));
    if (const std::uint32_t version = u32(bytes, 4); version != 1)
        return Status::error(
            Status::Code::Unsupported,
            QStringLiteral("%1: b3dm version %2 is not supported (only 1)").arg(name).arg(version));
    const std::uint32_t byteLength = u32(bytes, 8);
    if (byteLength > static_cast<std::uint64_t>(bytes.size()))
        return truncated(name, bytes.size(), QStringLiteral("the header declares %1 bytes").arg(byteLength));

    // The two pre-1.0 layouts (batch length and batch-table length only) are still produced by
    // old exporters; Cesium tells them apart by where the GLB magic would sit.
    std::uint32_t header = kHeaderBytes;
    std::uint32_t featureJson = 0, featureBinary = 0, batchJson = 0, batchBinary = 0;
    QJsonObject featureTable;
    if (u32(bytes, 20) >= kLegacyMarker) {
        header = 20;
        featureTable.insert(QStringLiteral("BATCH_LENGTH"), static_cast<double>(u32(bytes, 12)));
        batchJson = u32(bytes, 16);
    } else if (u32(bytes, 24) >= kLegacyMarker) {
        header = 24;
        batchJson = u32(bytes, 12);
        batchBinary = u32(bytes, 16);
        featureTable.insert(QStringLiteral("BATCH_LENGTH"), static_cast<double>(u32(bytes, 20)));
    } else {
        featureJson = u32(bytes, 12);
        featureBinary = u32(bytes, 16);
        batchJson = u32(bytes, 20);
        batchBinary = u32(bytes, 24);
    }
    if (byteLength < header)
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("%1: b3dm byteLength %2 is smaller than its %3-byte header")
                                 .arg(name)
                                 .arg(byteLength)
                                 .arg(header));

    // Section by section, each must end within byteLength; the error names where it started.
    std::uint64_t at = header;
    const std::uint64_t sizes[4] = {featureJson, featureBinary, batchJson, batchBinary};
    const char* names[4] = {"feature table JSON", "feature table binary", "batch table JSON",
                            "batch table binary"};
    std::uint64_t starts[4];
    for (int i = 0; i < 4; ++i) {
        starts[i] = at;
        if (at + sizes[i] > byteLength)
            return truncated(name, byteLength,
                             QStringLiteral("the %1 of %2 bytes at byte %3 runs past the end")
                                 .arg(QLatin1String(names[i]))
                                 .arg(sizes[i])
                                 .arg(at));
        at += sizes[i];
    }
    if (at >= byteLength)
        return truncated(name, byteLength, QStringLiteral("no glTF after the tables (byte %1)").arg(at));

    const QByteArray featureBin =
        bytes.mid(static_cast<qsizetype>(starts[1]), static_cast<qsizetype>(featureBinary));
    if (featureJson > 0) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(tableJson(bytes, starts[0], featureJson), &error);
        if (!doc.isObject())
            return Status::error(
                Status::Code::FormatError,
                QStringLiteral("%1: the feature table JSON at byte %2 is not a JSON object (%3)")
                    .arg(name)
                    .arg(starts[0] + static_cast<std::uint64_t>(error.offset))
                    .arg(error.errorString()));
        featureTable = doc.object();
    }
    // RTC_CENTER may sit in the binary body as three float32.
    if (const QJsonObject ref = featureTable.value(QLatin1String("RTC_CENTER")).toObject();
        ref.contains(QLatin1String("byteOffset"))) {
        const double offset = ref.value(QLatin1String("byteOffset")).toDouble(-1.0);
        if (offset < 0.0 || offset + 12.0 > static_cast<double>(featureBin.size()))
            return Status::error(
                Status::Code::FormatError,
                QStringLiteral("%1: RTC_CENTER points outside the feature table binary").arg(name));
        float c[3];
        std::memcpy(c, featureBin.constData() + static_cast<qsizetype>(offset), sizeof c);
        featureTable.insert(QStringLiteral("RTC_CENTER"), QJsonArray{c[0], c[1], c[2]});
    }

    QByteArray batchTable = tableJson(bytes, starts[2], batchJson);
    if (batchBinary > 0 && !batchTable.trimmed().isEmpty()) {
        const QJsonDocument parsed = QJsonDocument::fromJson(batchTable);
        QJsonObject table = parsed.object();
        const double length = featureTable.value(QLatin1String("BATCH_LENGTH")).toDouble(0.0);
        // A broken batch table JSON is left as it is for readGlbContent to report.
        if (parsed.isObject() && length > 0.0 && length <= 16777216.0) {
            inlineBinaryProperties(
                table, bytes.mid(static_cast<qsizetype>(starts[3]), static_cast<qsizetype>(batchBinary)),
                static_cast<std::size_t>(length));
            batchTable = QJsonDocument(table).toJson(QJsonDocument::Compact);
        }
    }
    const QByteArray glb = bytes.mid(static_cast<qsizetype>(at), static_cast<qsizetype>(byteLength - at));
    return readGlbContent(glb, name, frame, batchTable,
                          QJsonDocument(featureTable).toJson(QJsonDocument::Compact));
}

} // namespace citytwin::gis
