#pragma once

// Helpers for the 3D Tiles suites: tileset JSON written into a temporary folder, the local
// east-north-up frame as a tile transform, and ECEF positions computed with PROJ.

#include "GltfFixtures.h"
#include "gis/ThreadCrsCache.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <array>
#include <cmath>
#include <numbers>

namespace citytwin::test {

//! ECEF (EPSG:4978) of lon/lat/height (WGS84 degrees, ellipsoidal metres) through PROJ.
inline data::ProjectedPoint ecefOf(double lon, double lat, double height)
{
    auto t = gis::threadCrsTransformer(QStringLiteral("EPSG:4979"), QStringLiteral("EPSG:4978"));
    auto p = t ? (*t)->forward({lon, lat, height}) : data::Result<data::ProjectedPoint>(t.status());
    return p ? *p : data::ProjectedPoint{std::nan(""), std::nan(""), std::nan("")};
}

//! The column-major transform from a local east-north-up frame at LON/LAT/HEIGHT to ECEF.
inline std::array<double, 16> enuToEcef(double lon, double lat, double height)
{
    const double l = lon * std::numbers::pi / 180.0;
    const double p = lat * std::numbers::pi / 180.0;
    const data::ProjectedPoint o = ecefOf(lon, lat, height);
    return {-std::sin(l),
            std::cos(l),
            0,
            0,
            -std::sin(p) * std::cos(l),
            -std::sin(p) * std::sin(l),
            std::cos(p),
            0,
            std::cos(p) * std::cos(l),
            std::cos(p) * std::sin(l),
            std::sin(p),
            0,
            o.x,
            o.y,
            o.z,
            1};
}

inline QJsonArray toJson(const std::array<double, 16>& m)
{
    QJsonArray a;
    for (const double v : m)
        a.append(v);
    return a;
}

//! A tile object: bounding VOLUME, geometric ERROR, optional content URI and children.
inline QJsonObject tileJson(const QJsonObject& volume, double error, const QString& uri = {},
                            const QJsonArray& children = {})
{
    QJsonObject tile{{"boundingVolume", volume}, {"geometricError", error}};
    if (!uri.isEmpty())
        tile.insert("content", QJsonObject{{"uri", uri}});
    if (!children.isEmpty())
        tile.insert("children", children);
    return tile;
}

//! Writes {"asset":{"version":"1.0"},"geometricError":…,"root":ROOT} to DIR/NAME; returns the path.
inline QString writeTileset(const QDir& dir, const QString& name, const QJsonObject& root)
{
    const QJsonObject tileset{{"asset", QJsonObject{{"version", "1.0"}}},
                              {"geometricError", root.value("geometricError")},
                              {"root", root}};
    const QString path = dir.filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    writeFile(path, QJsonDocument(tileset).toJson());
    return path;
}

//! A GLB with one triangle at glTF POSITIONS (9 floats) and _BATCHID per vertex.
inline QByteArray batchedTriangle(const std::vector<float>& positions, const std::vector<float>& batchIds)
{
    GlbBuilder b;
    const int pos = b.add(positions, kFloat, "VEC3", 3);
    const int batch = b.add(batchIds, kFloat, "SCALAR", 1);
    QJsonObject primitive = GlbBuilder::primitive(pos);
    QJsonObject attributes = primitive["attributes"].toObject();
    attributes.insert("_BATCHID", batch);
    primitive.insert("attributes", attributes);
    b.setSingleMesh(primitive);
    b.root().insert("nodes", QJsonArray{QJsonObject{{"mesh", 0}}});
    return b.glb();
}

} // namespace citytwin::test
