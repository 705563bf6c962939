#pragma once

// Footprint layers written with OGR for tst_footprintreader and tst_footprintreadererrors: a few
// buildings around Pinghu (polygons with holes, a multipolygon, no geometry, a line) in any CRS.

#include "data/Features.h"
#include "data/Points.h"
#include "gis/CrsTransformer.h"
#include "gis/GdalEnvironment.h"

#include <QFile>
#include <QString>
#include <QTest>
#include <QVariant>
#include <algorithm>
#include <cmath>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <vector>

namespace citytwin::test::footprints {

using data::ProjectedPoint;

inline constexpr double kE0 = 595804.2829; // Pinghu in EPSG:4549
inline constexpr double kN0 = 3398141.1227;

using Ring = std::vector<ProjectedPoint>;

//! An axis-aligned rectangle in EPSG:4549, counter-clockwise unless CLOCKWISE.
inline Ring rect(double dx, double dy, double w, double h, bool clockwise = false)
{
    Ring r{{kE0 + dx, kN0 + dy, 0},
           {kE0 + dx + w, kN0 + dy, 0},
           {kE0 + dx + w, kN0 + dy + h, 0},
           {kE0 + dx, kN0 + dy + h, 0}};
    if (clockwise)
        std::reverse(r.begin(), r.end());
    return r;
}

inline double area(const Ring& r)
{
    double a = 0;
    for (size_t i = 0; i < r.size(); ++i) {
        const auto& p = r[i];
        const auto& q = r[(i + 1) % r.size()];
        a += (p.x - kE0) * (q.y - kN0) - (q.x - kE0) * (p.y - kN0);
    }
    return a / 2;
}

//! A feature to write: polygons (each a list of rings) in EPSG:4549 plus attribute values.
struct FixtureFeature
{
    QString geometry; // "polygon", "multi", "none", "line"
    std::vector<std::vector<Ring>> polygons;
    QVariant height; // invalid: null
    QVariant floors;
    QString name;
};

inline std::vector<FixtureFeature> fixtureFeatures(bool numericHeight)
{
    auto h = [&](double v, const char* text) {
        return numericHeight ? QVariant(v) : QVariant(QString::fromUtf8(text));
    };
    return {
        {"polygon", {{rect(0, 0, 20, 20, true)}}, h(12.0, "12"), {}, "clockwise square"},
        {"polygon", {{rect(50, 0, 40, 30), rect(60, 10, 10, 10)}}, h(12.5, "12.5m"), 3, "courtyard"},
        {"multi", {{rect(0, 60, 10, 10)}, {rect(30, 60, 10, 10)}}, {}, 4, "two parts"},
        {"polygon", {{rect(100, 100, 15, 15)}}, {}, {}, ""},
        {"none", {}, h(9.0, "9"), {}, "no geometry"},
        {"polygon",
         {{rect(-50, -50, 10, 10)}},
         numericHeight ? QVariant() : QVariant(QStringLiteral("unknown")),
         {},
         "bad height"},
        {"line", {}, h(5.0, "5"), {}, "a line"},
    };
}

inline QString ringWkt(const Ring& ring, const gis::CrsTransformer& toFixture)
{
    QStringList pts;
    Ring closed = ring;
    closed.push_back(ring.front());
    for (const auto& p : closed) {
        const auto q = toFixture.forward(p);
        pts << QStringLiteral("%1 %2").arg(q->x, 0, 'f', 10).arg(q->y, 0, 'f', 10);
    }
    return QLatin1Char('(') + pts.join(QLatin1Char(',')) + QLatin1Char(')');
}

inline QString polygonWkt(const std::vector<Ring>& rings, const gis::CrsTransformer& toFixture)
{
    QStringList parts;
    for (const auto& r : rings)
        parts << ringWkt(r, toFixture);
    return QLatin1Char('(') + parts.join(QLatin1Char(',')) + QLatin1Char(')');
}

//! Writes the fixture features with OGR into PATH (DRIVER) in CRS. Returns an error text or empty.
inline QString writeFixture(const QString& path, const char* driver, const QString& crs, bool numericHeight)
{
    gis::ensureGdalRegistered();
    auto toFixture = gis::CrsTransformer::create(QStringLiteral("EPSG:4549"), crs);
    if (!toFixture)
        return toFixture.status().message();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver);
    GDALDatasetUniquePtr ds(drv->Create(path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        return QStringLiteral("cannot create ") + path;
    OGRSpatialReference srs;
    srs.SetFromUserInput(crs.toUtf8().constData());
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const bool shapefile = QByteArray(driver) == "ESRI Shapefile";
    OGRLayer* layer = ds->CreateLayer("buildings", &srs, shapefile ? wkbPolygon : wkbUnknown, nullptr);
    OGRFieldDefn height("height", numericHeight ? OFTReal : OFTString);
    OGRFieldDefn floors("floors", OFTInteger);
    OGRFieldDefn name("name", OFTString);
    layer->CreateField(&height);
    layer->CreateField(&floors);
    layer->CreateField(&name);
    for (const auto& f : fixtureFeatures(numericHeight)) {
        if (shapefile && f.geometry == QLatin1String("line"))
            continue; // a Shapefile layer holds one geometry type
        OGRFeature feature(layer->GetLayerDefn());
        if (f.height.isValid())
            numericHeight ? feature.SetField("height", f.height.toDouble())
                          : feature.SetField("height", f.height.toString().toUtf8().constData());
        if (f.floors.isValid())
            feature.SetField("floors", f.floors.toInt());
        feature.SetField("name", f.name.toUtf8().constData());
        QString wkt;
        if (f.geometry == QLatin1String("polygon"))
            wkt = QStringLiteral("POLYGON ") + polygonWkt(f.polygons[0], *toFixture);
        else if (f.geometry == QLatin1String("multi"))
            wkt = QStringLiteral("MULTIPOLYGON (%1,%2)")
                      .arg(polygonWkt(f.polygons[0], *toFixture), polygonWkt(f.polygons[1], *toFixture));
        else if (f.geometry == QLatin1String("line"))
            wkt = QStringLiteral("LINESTRING (%1 %2, %3 %4)").arg(121.0).arg(30.7).arg(121.001).arg(30.701);
        if (!wkt.isEmpty()) {
            OGRGeometry* geom = nullptr;
            const QByteArray bytes = wkt.toUtf8();
            if (OGRGeometryFactory::createFromWkt(bytes.constData(), &srs, &geom) != OGRERR_NONE)
                return QStringLiteral("bad WKT ") + wkt;
            feature.SetGeometryDirectly(geom);
        }
        if (layer->CreateFeature(&feature) != OGRERR_NONE)
            return QStringLiteral("cannot write a feature to ") + path;
    }
    return {};
}

inline bool near(const ProjectedPoint& a, const ProjectedPoint& b, double tol)
{
    return std::abs(a.x - b.x) < tol && std::abs(a.y - b.y) < tol;
}

//! True when RING equals EXPECTED up to the starting vertex (and orientation if REVERSED).
inline bool sameRing(const Ring& ring, Ring expected, bool reversed)
{
    if (reversed)
        std::reverse(expected.begin(), expected.end());
    if (ring.size() != expected.size())
        return false;
    for (size_t start = 0; start < expected.size(); ++start) {
        bool all = true;
        for (size_t i = 0; i < ring.size() && all; ++i)
            all = near(ring[i], expected[(start + i) % expected.size()], 0.01);
        if (all)
            return true;
    }
    return false;
}

inline void writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace citytwin::test::footprints
