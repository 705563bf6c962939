#pragma once

// Builds glTF 2.0 / GLB / b3dm bytes in the tests (no fixture files): a growing BIN buffer with
// buffer views and accessors, plus whatever meshes, nodes and materials a test puts in.

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <cstring>
#include <vector>

namespace citytwin::test {

constexpr int kFloat = 5126;
constexpr int kUByte = 5121;
constexpr int kUShort = 5123;
constexpr int kUInt = 5125;
constexpr int kShort = 5122;

class GlbBuilder
{
public:
    //! Appends BYTES to the buffer (4-byte aligned) as a new buffer view; returns its index.
    int addView(const void* data, std::size_t bytes, int stride = 0)
    {
        while (m_bin.size() % 4)
            m_bin.append('\0');
        QJsonObject view{{"buffer", 0},
                         {"byteOffset", static_cast<double>(m_bin.size())},
                         {"byteLength", static_cast<double>(bytes)}};
        if (stride)
            view.insert("byteStride", stride);
        m_bin.append(static_cast<const char*>(data), static_cast<qsizetype>(bytes));
        m_views.append(view);
        return static_cast<int>(m_views.size() - 1);
    }
    int addAccessor(int view, int componentType, std::size_t count, const char* type,
                    std::size_t byteOffset = 0, bool normalized = false)
    {
        QJsonObject a{
            {"componentType", componentType}, {"count", static_cast<double>(count)}, {"type", type}};
        if (view >= 0)
            a.insert("bufferView", view);
        if (byteOffset)
            a.insert("byteOffset", static_cast<double>(byteOffset));
        if (normalized)
            a.insert("normalized", true);
        m_accessors.append(a);
        return static_cast<int>(m_accessors.size() - 1);
    }
    //! A tightly packed view plus its accessor.
    template <class T>
    int add(const std::vector<T>& values, int componentType, const char* type, int components)
    {
        const int view = addView(values.data(), values.size() * sizeof(T));
        return addAccessor(view, componentType, values.size() / static_cast<std::size_t>(components), type);
    }
    //! meshes = [ { primitives: [PRIMITIVE] } ]: one mesh with one primitive.
    void setSingleMesh(const QJsonObject& primitive)
    {
        m_root.insert("meshes", QJsonArray{QJsonObject{{"primitives", QJsonArray{primitive}}}});
    }
    static QJsonObject primitive(int position, int indices = -1)
    {
        QJsonObject p{{"attributes", QJsonObject{{"POSITION", position}}}};
        if (indices >= 0)
            p.insert("indices", indices);
        return p;
    }
    QJsonArray& accessors() { return m_accessors; }
    QJsonArray& views() { return m_views; }
    QJsonObject& root() { return m_root; } //!< meshes, nodes, scenes, materials, extensions…

    QJsonObject json(const QString& bufferUri = {}) const
    {
        QJsonObject root = m_root;
        if (!root.contains("asset"))
            root.insert("asset", QJsonObject{{"version", "2.0"}});
        QJsonObject buffer{{"byteLength", static_cast<double>(m_bin.size())}};
        if (!bufferUri.isEmpty())
            buffer.insert("uri", bufferUri);
        root.insert("buffers", QJsonArray{buffer});
        root.insert("bufferViews", m_views);
        root.insert("accessors", m_accessors);
        return root;
    }
    QByteArray glb() const
    {
        QByteArray json = QJsonDocument(this->json()).toJson(QJsonDocument::Compact);
        while (json.size() % 4)
            json.append(' ');
        QByteArray bin = m_bin;
        while (bin.size() % 4)
            bin.append('\0');
        QByteArray out("glTF");
        appendU32(out, 2);
        appendU32(out, static_cast<std::uint32_t>(12 + 8 + json.size() + 8 + bin.size()));
        appendU32(out, static_cast<std::uint32_t>(json.size()));
        out.append("JSON");
        out.append(json);
        appendU32(out, static_cast<std::uint32_t>(bin.size()));
        out.append("BIN", 4);
        out.append(bin);
        return out;
    }
    //! A .gltf whose single buffer is embedded as a data URI.
    QByteArray gltfEmbedded() const
    {
        const QString uri =
            QStringLiteral("data:application/octet-stream;base64,") + QString::fromLatin1(m_bin.toBase64());
        return QJsonDocument(json(uri)).toJson();
    }
    const QByteArray& bin() const { return m_bin; }

    static void appendU32(QByteArray& out, std::uint32_t v)
    {
        char b[4];
        std::memcpy(b, &v, 4);
        out.append(b, 4);
    }

private:
    QByteArray m_bin;
    QJsonArray m_views;
    QJsonArray m_accessors;
    QJsonObject m_root;
};

//! A b3dm (3D Tiles 1.0) around GLB with the given table JSONs (padded to 8 bytes as the spec asks).
inline QByteArray makeB3dm(const QByteArray& glb, QByteArray featureTable, QByteArray batchTable = {},
                           const QByteArray& batchBinary = {})
{
    while ((28 + featureTable.size()) % 8)
        featureTable.append(' ');
    while (!batchTable.isEmpty() && batchTable.size() % 8)
        batchTable.append(' ');
    QByteArray out("b3dm");
    GlbBuilder::appendU32(out, 1);
    GlbBuilder::appendU32(out, static_cast<std::uint32_t>(28 + featureTable.size() + batchTable.size() +
                                                          batchBinary.size() + glb.size()));
    GlbBuilder::appendU32(out, static_cast<std::uint32_t>(featureTable.size()));
    GlbBuilder::appendU32(out, 0);
    GlbBuilder::appendU32(out, static_cast<std::uint32_t>(batchTable.size()));
    GlbBuilder::appendU32(out, static_cast<std::uint32_t>(batchBinary.size()));
    out.append(featureTable);
    out.append(batchTable);
    out.append(batchBinary);
    out.append(glb);
    return out;
}

inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace citytwin::test
