#pragma once

// Small CityGML 2.0 documents written by the CityGML reader tests: boxes and a gable-roofed LOD2
// building at known coordinates, rings counter-clockwise seen from outside as the standard says.

#include "data/Model.h"
#include "gis/ModelReader.h"

#include <QFile>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>
#include <algorithm>
#include <array>
#include <limits>

namespace citytwin::test {

using Point3 = std::array<double, 3>;

inline constexpr double kX = 595000.0; //!< near the Pinghu demo origin, EPSG:4549
inline constexpr double kY = 3398000.0;

inline gis::ModelReadOptions projectOptions(const QString& crs = QStringLiteral("EPSG:4549"))
{
    gis::ModelReadOptions o;
    o.projectCrs = crs;
    return o;
}

//! How many features of MODEL have TYPE.
inline int countType(const data::Model& model, const QString& type)
{
    return int(std::count_if(model.features.begin(), model.features.end(),
                             [&](const data::ModelFeature& f) { return f.type == type; }));
}

inline QString gmlPolygon(const std::vector<Point3>& ring)
{
    QStringList numbers;
    for (std::size_t i = 0; i <= ring.size(); ++i) { // closed: the first point again
        const Point3& p = ring[i % ring.size()];
        numbers << QString::number(p[0], 'f', 3) << QString::number(p[1], 'f', 3)
                << QString::number(p[2], 'f', 3);
    }
    return QStringLiteral(
               "<gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>%1"
               "</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember>\n")
        .arg(numbers.join(QLatin1Char(' ')));
}

inline QString cityModel(const QString& srsName, const QString& members)
{
    const QString srs = srsName.isEmpty() ? QString() : QStringLiteral(" srsName=\"%1\"").arg(srsName);
    return QStringLiteral(
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<core:CityModel xmlns:core=\"http://www.opengis.net/citygml/2.0\" "
               "xmlns:bldg=\"http://www.opengis.net/citygml/building/2.0\" "
               "xmlns:gen=\"http://www.opengis.net/citygml/generics/2.0\" "
               "xmlns:gml=\"http://www.opengis.net/gml\">\n"
               "<gml:boundedBy><gml:Envelope%1 srsDimension=\"3\"><gml:lowerCorner>0 0 0</gml:lowerCorner>"
               "<gml:upperCorner>1 1 "
               "1</gml:upperCorner></gml:Envelope></gml:boundedBy>\n%2</core:CityModel>\n")
        .arg(srs, members);
}

//! A LOD1 solid box: SIZE × SIZE from (X, Y), from Z up by HEIGHT.
inline QString lod1Solid(double x, double y, double z, double size, double height)
{
    const double x1 = x + size, y1 = y + size, z1 = z + height;
    QString surfaces;
    surfaces += gmlPolygon({{x, y, z}, {x, y1, z}, {x1, y1, z}, {x1, y, z}});     // bottom, facing down
    surfaces += gmlPolygon({{x, y, z1}, {x1, y, z1}, {x1, y1, z1}, {x, y1, z1}}); // top
    surfaces += gmlPolygon({{x, y, z}, {x1, y, z}, {x1, y, z1}, {x, y, z1}});     // south
    surfaces += gmlPolygon({{x1, y, z}, {x1, y1, z}, {x1, y1, z1}, {x1, y, z1}}); // east
    surfaces += gmlPolygon({{x1, y1, z}, {x, y1, z}, {x, y1, z1}, {x1, y1, z1}}); // north
    surfaces += gmlPolygon({{x, y1, z}, {x, y, z}, {x, y, z1}, {x, y1, z1}});     // west
    return QStringLiteral("<bldg:lod1Solid><gml:Solid><gml:exterior><gml:CompositeSurface>\n%1"
                          "</gml:CompositeSurface></gml:exterior></gml:Solid></bldg:lod1Solid>")
        .arg(surfaces);
}

//! A LOD1 box building: SIZE × SIZE from (X, Y), from Z up by HEIGHT.
inline QString lod1Box(const QString& id, double x, double y, double z, double size, double height)
{
    return QStringLiteral("<core:cityObjectMember><bldg:Building gml:id=\"%1\"><gml:name>%1</gml:name>"
                          "<bldg:measuredHeight uom=\"m\">%2</bldg:measuredHeight>%3</bldg:Building>"
                          "</core:cityObjectMember>\n")
        .arg(id)
        .arg(height)
        .arg(lod1Solid(x, y, z, size, height));
}

//! A building of two LOD1 box parts side by side (no geometry of its own).
inline QString twoPartBuilding(const QString& id, double x, double y)
{
    auto part = [&](const QString& partId, double px, double height) {
        return QStringLiteral(
                   "<bldg:consistsOfBuildingPart><bldg:BuildingPart gml:id=\"%1\">%2</bldg:BuildingPart>"
                   "</bldg:consistsOfBuildingPart>")
            .arg(partId, lod1Solid(px, y, 0, 10, height));
    };
    return QStringLiteral("<core:cityObjectMember><bldg:Building gml:id=\"%1\">%2%3</bldg:Building>"
                          "</core:cityObjectMember>\n")
        .arg(id, part(id + "_low", x, 6), part(id + "_high", x + 10, 30));
}

inline QString semanticSurface(const char* type, const QString& id, const QString& polygons)
{
    return QStringLiteral("<bldg:boundedBy><bldg:%1 gml:id=\"%2\"><bldg:lod2MultiSurface><gml:MultiSurface>%3"
                          "</gml:MultiSurface></bldg:lod2MultiSurface></bldg:%1></bldg:boundedBy>\n")
        .arg(QLatin1String(type), id, polygons);
}

//! A LOD2 house, 10 m (x) × 8 m (y) from (X, Y), ground at Z, eaves at Z+6, a gable roof with its
//! ridge along x at Z+RIDGE, with semantic ground, wall and roof surfaces.
inline QString lod2House(const QString& id, double x, double y, double z, double ridge)
{
    const double x1 = x + 10, y1 = y + 8, ym = y + 4, ze = z + 6, zr = z + ridge;
    QString s;
    s += semanticSurface("GroundSurface", id + "_ground",
                         gmlPolygon({{x, y, z}, {x, y1, z}, {x1, y1, z}, {x1, y, z}}));
    s += semanticSurface("WallSurface", id + "_south",
                         gmlPolygon({{x, y, z}, {x1, y, z}, {x1, y, ze}, {x, y, ze}}));
    s += semanticSurface("WallSurface", id + "_north",
                         gmlPolygon({{x1, y1, z}, {x, y1, z}, {x, y1, ze}, {x1, y1, ze}}));
    s += semanticSurface("WallSurface", id + "_west",
                         gmlPolygon({{x, y1, z}, {x, y, z}, {x, y, ze}, {x, ym, zr}, {x, y1, ze}}));
    s += semanticSurface("WallSurface", id + "_east",
                         gmlPolygon({{x1, y, z}, {x1, y1, z}, {x1, y1, ze}, {x1, ym, zr}, {x1, y, ze}}));
    s += semanticSurface("RoofSurface", id + "_roof_s",
                         gmlPolygon({{x, y, ze}, {x1, y, ze}, {x1, ym, zr}, {x, ym, zr}}));
    s += semanticSurface("RoofSurface", id + "_roof_n",
                         gmlPolygon({{x1, y1, ze}, {x, y1, ze}, {x, ym, zr}, {x1, ym, zr}}));
    return QStringLiteral("<core:cityObjectMember><bldg:Building gml:id=\"%1\"><gml:name>House %1</gml:name>"
                          "<gen:stringAttribute name=\"owner\"><gen:value>Pinghu Housing</gen:value>"
                          "</gen:stringAttribute><bldg:function>1000</bldg:function>"
                          "<bldg:measuredHeight uom=\"m\">%2</bldg:measuredHeight>\n%3</bldg:Building>"
                          "</core:cityObjectMember>\n")
        .arg(id)
        .arg(ridge)
        .arg(s);
}

inline bool writeText(const QString& path, const QString& text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) == text.toUtf8().size();
}

//! Min/max of every coordinate triple in the gml:posList/gml:pos elements of PATH, read
//! independently of libcitygml. False when the file has none or is not well-formed.
inline bool scanPosListBounds(const QString& path, Point3& lo, Point3& hi)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    lo = {std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
          std::numeric_limits<double>::max()};
    hi = {-lo[0], -lo[1], -lo[2]};
    QXmlStreamReader xml(&f);
    bool any = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() != QLatin1String("posList") && xml.name() != QLatin1String("pos"))
            continue;
        const QStringList numbers = xml.readElementText().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (int i = 0; i + 2 < numbers.size(); i += 3) {
            for (int k = 0; k < 3; ++k) {
                const double v = numbers[i + k].toDouble();
                lo[k] = std::min(lo[k], v);
                hi[k] = std::max(hi[k], v);
            }
            any = true;
        }
    }
    return any && !xml.hasError();
}

} // namespace citytwin::test
