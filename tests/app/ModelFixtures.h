#pragma once

// Small model files written by the app suites (tst_featurestylegui, tst_modelinspector): a glTF
// triangle in local coordinates and a georeferenced CityGML building with named surfaces.
#include "data/Points.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <array>

namespace citytwin::test {

inline bool writeText(const QString& path, const QByteArray& text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

//! One glTF node "Triangle" (extras usage=test), a 10 m triangle; returns PATH or "" on failure.
inline QString writeTriangleGltf(const QString& path)
{
    const std::array<float, 9> positions{0, 0, 0, 10, 0, 0, 0, 10, 0};
    const QByteArray buffer(reinterpret_cast<const char*>(positions.data()), int(sizeof(positions)));
    const QByteArray json =
        QByteArrayLiteral(R"({"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],)"
                          R"("nodes":[{"name":"Triangle","mesh":0,"extras":{"usage":"test"}}],)"
                          R"("meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],)"
                          R"("accessors":[{"bufferView":0,"componentType":5126,"count":3,)"
                          R"("type":"VEC3","min":[0,0,0],"max":[10,10,0]}],)"
                          R"("bufferViews":[{"buffer":0,"byteLength":36}],)"
                          R"("buffers":[{"byteLength":36,"uri":"data:application/octet-stream;base64,)") +
        buffer.toBase64() + QByteArrayLiteral(R"("}]})");
    return writeText(path, json) ? path : QString();
}

//! The CityGML test hall's size: a box of kHallHalfM * 2 a side, kHallHeightM tall.
inline constexpr double kHallHalfM = 15.0;
inline constexpr double kHallHeightM = 40.0;

//! A CityGML 2.0 file (srsName EPSG:4549) with one Building "Test Hall" (gml:id HALL_1, generic
//! attribute usage=office) centred on CENTRE (project CRS), bounded by a RoofSurface, a
//! GroundSurface and four WallSurfaces; returns PATH or "" on failure.
inline QString writeHallCityGml(const QString& path, const data::ProjectedPoint& centre)
{
    const double x0 = centre.x - kHallHalfM, x1 = centre.x + kHallHalfM;
    const double y0 = centre.y - kHallHalfM, y1 = centre.y + kHallHalfM;
    const double z0 = centre.z, z1 = centre.z + kHallHeightM;
    auto pos = [](double x, double y, double z) {
        return QStringLiteral("%1 %2 %3 ").arg(x, 0, 'f', 3).arg(y, 0, 'f', 3).arg(z, 0, 'f', 3);
    };
    // Rings counter-clockwise seen from outside, closed.
    auto surface = [&](const char* type, const QString& id, const QString& ring) {
        return QStringLiteral(
                   "<bldg:boundedBy><bldg:%1 gml:id=\"%2\"><bldg:lod2MultiSurface><gml:MultiSurface>"
                   "<gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing>"
                   "<gml:posList srsDimension=\"3\">%3</gml:posList></gml:LinearRing></gml:exterior>"
                   "</gml:Polygon></gml:surfaceMember></gml:MultiSurface></bldg:lod2MultiSurface>"
                   "</bldg:%1></bldg:boundedBy>\n")
            .arg(QLatin1String(type), id, ring.trimmed());
    };
    QString surfaces;
    surfaces +=
        surface("RoofSurface", QStringLiteral("HALL_1_roof"),
                pos(x0, y0, z1) + pos(x1, y0, z1) + pos(x1, y1, z1) + pos(x0, y1, z1) + pos(x0, y0, z1));
    surfaces +=
        surface("GroundSurface", QStringLiteral("HALL_1_ground"),
                pos(x0, y0, z0) + pos(x0, y1, z0) + pos(x1, y1, z0) + pos(x1, y0, z0) + pos(x0, y0, z0));
    surfaces +=
        surface("WallSurface", QStringLiteral("HALL_1_wall_s"),
                pos(x0, y0, z0) + pos(x1, y0, z0) + pos(x1, y0, z1) + pos(x0, y0, z1) + pos(x0, y0, z0));
    surfaces +=
        surface("WallSurface", QStringLiteral("HALL_1_wall_e"),
                pos(x1, y0, z0) + pos(x1, y1, z0) + pos(x1, y1, z1) + pos(x1, y0, z1) + pos(x1, y0, z0));
    surfaces +=
        surface("WallSurface", QStringLiteral("HALL_1_wall_n"),
                pos(x1, y1, z0) + pos(x0, y1, z0) + pos(x0, y1, z1) + pos(x1, y1, z1) + pos(x1, y1, z0));
    surfaces +=
        surface("WallSurface", QStringLiteral("HALL_1_wall_w"),
                pos(x0, y1, z0) + pos(x0, y0, z0) + pos(x0, y0, z1) + pos(x0, y1, z1) + pos(x0, y1, z0));
    const QString doc =
        QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<core:CityModel xmlns:core=\"http://www.opengis.net/citygml/2.0\" "
            "xmlns:bldg=\"http://www.opengis.net/citygml/building/2.0\" "
            "xmlns:gen=\"http://www.opengis.net/citygml/generics/2.0\" "
            "xmlns:gml=\"http://www.opengis.net/gml\">\n"
            "<gml:boundedBy><gml:Envelope srsName=\"EPSG:4549\" "
            "srsDimension=\"3\"><gml:lowerCorner>%1</gml:lowerCorner>"
            "<gml:upperCorner>%2</gml:upperCorner></gml:Envelope></gml:boundedBy>\n"
            "<core:cityObjectMember><bldg:Building gml:id=\"HALL_1\"><gml:name>Test Hall</gml:name>\n"
            "<gen:stringAttribute name=\"usage\"><gen:value>office</gen:value></gen:stringAttribute>\n"
            "<bldg:measuredHeight uom=\"m\">%3</bldg:measuredHeight>\n%4"
            "</bldg:Building></core:cityObjectMember>\n</core:CityModel>\n")
            .arg(pos(x0, y0, z0).trimmed(), pos(x1, y1, z1).trimmed())
            .arg(kHallHeightM)
            .arg(surfaces);
    return writeText(path, doc.toUtf8()) ? path : QString();
}

} // namespace citytwin::test
