#include "gis/GdalEnvironment.h"
#include "gis/UndergroundReader.h"
#include "tests/common/TestPaths.h"
#include "tests/gis/PipeFixtures.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace citytwin;
using namespace citytwin::test::pipes;
using data::PipeNetwork;
using data::PointFacility;
using data::PointFacilityKind;
using data::UndergroundSpace;
using data::UndergroundSpaceKind;

namespace {

QString point(double dx, double dy)
{
    return QStringLiteral("POINT (%1 %2)").arg(kE0 + dx, 0, 'f', 4).arg(kN0 + dy, 0, 'f', 4);
}

QString rect(double x0, double y0, double x1, double y1)
{
    auto p = [](double x, double y) {
        return QStringLiteral("%1 %2").arg(kE0 + x, 0, 'f', 4).arg(kN0 + y, 0, 'f', 4);
    };
    return QStringLiteral("POLYGON ((%1, %2, %3, %4, %1))").arg(p(x0, y0), p(x1, y0), p(x1, y1), p(x0, y1));
}

const PointFacility* facilityWithId(const std::vector<PointFacility>& all, std::int64_t id)
{
    for (const PointFacility& f : all)
        if (f.id == id)
            return &f;
    return nullptr;
}

} // namespace

class TstUndergroundReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        gis::ensureGdalRegistered();
    }

    void facilitiesEnglishGpkg()
    {
        const QString file = path("facilities.gpkg");
        const QString err =
            writeLayer(file, "GPKG", kProjectCrs, wkbPoint,
                       {{"kind", OFTString},
                        {"depth", OFTReal},
                        {"diameter", OFTReal},
                        {"network", OFTString},
                        {"name", OFTString}},
                       {{point(10, 20),
                         {{"kind", "manhole"},
                          {"depth", 3.2},
                          {"diameter", 1000.0},
                          {"network", "sewage"},
                          {"name", "MH-1"}}},
                        {point(30, 40), {{"kind", "gate valve"}, {"network", "water"}}},
                        {point(50, 60), {{"kind", "hydrant"}}},
                        {QStringLiteral("POINT Z (%1 %2 4.5)").arg(kE0 + 70, 0, 'f', 4).arg(kN0, 0, 'f', 4),
                         {{"kind", "manhole"}, {"diameter", 1.2}}}});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        auto read = gis::readPointFacilities(file, kProjectCrs);
        QVERIFY2(read, qPrintable(read.status().message()));
        QCOMPARE(read->report.featuresRead, 4);
        QCOMPARE(read->report.skipped, 0);
        QCOMPARE(int(read->facilities.size()), 4);
        const PointFacility* mh = facilityWithId(read->facilities, 1);
        QVERIFY(mh);
        QCOMPARE(int(mh->kind), int(PointFacilityKind::Manhole));
        QCOMPARE(int(mh->network), int(PipeNetwork::Sewage));
        QCOMPARE(mh->depthM, 3.2);
        QCOMPARE(mh->diameterM, 1.0); // 1000 mm
        QCOMPARE(mh->name, QStringLiteral("MH-1"));
        QVERIFY(std::abs(mh->position.x - (kE0 + 10)) < 1e-6 && std::abs(mh->position.y - (kN0 + 20)) < 1e-6);
        QVERIFY(std::isnan(mh->position.z)); // 2D: the loader puts it on the DEM
        const PointFacility* valve = facilityWithId(read->facilities, 2);
        QCOMPARE(int(valve->kind), int(PointFacilityKind::Valve));
        QCOMPARE(int(valve->network), int(PipeNetwork::WaterSupply));
        QVERIFY(std::isnan(valve->depthM));
        QVERIFY(valve->diameterM < 1.0); // valves and hydrants are smaller than chambers
        QCOMPARE(int(facilityWithId(read->facilities, 3)->kind), int(PointFacilityKind::Hydrant));
        const PointFacility* threeD = facilityWithId(read->facilities, 4);
        QCOMPARE(threeD->position.z, 4.5);
        QCOMPARE(threeD->diameterM, 1.2);
    }

    void facilitiesChineseGeoJsonInWgs84()
    {
        // Chinese survey fields, in WGS 84: reprojected into the project CRS.
        const QString file = path("facilities_zh.geojson");
        const QString err = writeLayer(
            file, "GeoJSON", QStringLiteral("EPSG:4326"), wkbPoint,
            {{"设施类型", OFTString}, {"井深", OFTString}, {"井径", OFTString}, {"名称", OFTString}},
            {{QStringLiteral("POINT (121.0 30.7)"),
              {{"设施类型", QStringLiteral("雨水井")},
               {"井深", QStringLiteral("2.5米")},
               {"井径", QStringLiteral("700mm")},
               {"名称", QStringLiteral("YS-01")}}},
             {QStringLiteral("MULTIPOINT ((121.001 30.7), (121.002 30.7))"),
              {{"设施类型", QStringLiteral("消防栓")}}}});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        auto read = gis::readPointFacilities(file, kProjectCrs);
        QVERIFY2(read, qPrintable(read.status().message()));
        QCOMPARE(int(read->facilities.size()), 3);
        const PointFacility& ys = read->facilities[0];
        QCOMPARE(int(ys.kind), int(PointFacilityKind::Manhole));
        QCOMPARE(int(ys.network), int(PipeNetwork::Drainage)); // 雨水井 names its network
        QCOMPARE(ys.depthM, 2.5);
        QCOMPARE(ys.diameterM, 0.7);
        QCOMPARE(ys.name, QStringLiteral("YS-01"));
        // lon 121.0 / lat 30.7 is about (595 800, 3 398 140) in EPSG:4549.
        QVERIFY2(
            std::abs(ys.position.x - kE0) < 50 && std::abs(ys.position.y - kN0) < 50,
            qPrintable(QStringLiteral("%1 %2").arg(ys.position.x, 0, 'f', 1).arg(ys.position.y, 0, 'f', 1)));
        // Multi-point parts: FID * 1000 + part, about 96 m apart.
        QCOMPARE(int(read->facilities[1].kind), int(PointFacilityKind::Hydrant));
        QCOMPARE(read->facilities[2].id - read->facilities[1].id, std::int64_t(1));
        QVERIFY(std::abs(read->facilities[2].position.x - read->facilities[1].position.x - 95.7) < 2.0);
    }

    void facilitiesBadFeaturesSkipped()
    {
        const QString file = path("facilities_bad.gpkg");
        const QString err =
            writeLayer(file, "GPKG", kProjectCrs, wkbUnknown, {{"depth", OFTReal}, {"diameter", OFTString}},
                       {{point(0, 0), {{"depth", 1.5}}},
                        {QString(), {{"depth", 1.5}}},                        // no geometry
                        {point(1, 1), {{"depth", -1.0}}},                     // negative depth
                        {point(2, 2), {{"depth", 250.0}}},                    // absurd depth
                        {line({{0, 0}, {5, 0}}), {}},                         // a line
                        {point(3, 3), {{"diameter", QStringLiteral("big")}}}, // not a number
                        {point(4, 4), {{"diameter", 30000.0}}}});             // 30 m
        QVERIFY2(err.isEmpty(), qPrintable(err));
        auto read = gis::readPointFacilities(file, kProjectCrs);
        QVERIFY2(read, qPrintable(read.status().message()));
        QCOMPARE(int(read->facilities.size()), 1);
        QCOMPARE(read->report.featuresRead, 7);
        QCOMPARE(read->report.skipped, 6);
        const QString reasons = read->report.skipReasons.join(QLatin1Char('\n'));
        QVERIFY2(reasons.contains(QStringLiteral("feature 2: no geometry")), qPrintable(reasons));
        QVERIFY2(reasons.contains(QStringLiteral("feature 3: negative depth")), qPrintable(reasons));
        QVERIFY2(reasons.contains(QStringLiteral("feature 4: implausible depth")), qPrintable(reasons));
        QVERIFY2(reasons.contains(QStringLiteral("feature 5: not a point")), qPrintable(reasons));
        QVERIFY2(reasons.contains(QStringLiteral("feature 6: diameter is not a number")),
                 qPrintable(reasons));
        QVERIFY2(reasons.contains(QStringLiteral("feature 7: implausible diameter")), qPrintable(reasons));
    }

    void wholeReadErrors()
    {
        // Missing file, named.
        auto missing = gis::readPointFacilities(path("nope.gpkg"), kProjectCrs);
        QVERIFY(!missing);
        QVERIFY(missing.status().message().contains(QStringLiteral("nope.gpkg")));
        // Empty file: no layer.
        const QString empty = path("empty.geojson");
        {
            QFile f(empty);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        auto emptyRead = gis::readUndergroundSpaces(empty, kProjectCrs);
        QVERIFY(!emptyRead);
        QVERIFY(emptyRead.status().message().contains(QStringLiteral("empty.geojson")));
        // No CRS: refused, unless one is assumed.
        const QString noCrs = path("nocrs.shp");
        QVERIFY(writeLayer(noCrs, "ESRI Shapefile", QString(), wkbPoint, {{"id", OFTInteger}},
                           {{point(0, 0), {}}})
                    .isEmpty());
        auto refused = gis::readPointFacilities(noCrs, kProjectCrs);
        QVERIFY(!refused);
        QVERIFY2(refused.status().message().contains(QStringLiteral("nocrs.shp")),
                 qPrintable(refused.status().message()));
        auto assumed = gis::readPointFacilities(noCrs, kProjectCrs, kProjectCrs);
        QVERIFY2(assumed, qPrintable(assumed.status().message()));
        QCOMPARE(int(assumed->facilities.size()), 1);
        QCOMPARE(int(assumed->facilities[0].kind),
                 int(PointFacilityKind::Manhole)); // no kind field: manholes
    }

    void spacesEnglishAndChinese()
    {
        const QString file = path("spaces.gpkg");
        const QString err =
            writeLayer(file, "GPKG", kProjectCrs, wkbMultiPolygon,
                       {{"type", OFTString},
                        {"顶板埋深", OFTReal},
                        {"底板埋深", OFTReal},
                        {"净高", OFTReal},
                        {"名称", OFTString}},
                       {{rect(0, 0, 200, 8),
                         {{"type", QStringLiteral("综合管廊")}, {"顶板埋深", 3.0}, {"底板埋深", 7.5}}},
                        {rect(0, 50, 80, 120),
                         {{"顶板埋深", 1.0}, {"净高", 4.0}, {"名称", QStringLiteral("中心广场地下车库")}}},
                        {rect(100, 50, 150, 90), {{"type", QStringLiteral("人防工程")}}},
                        {rect(0, 0, 10, 10), {{"顶板埋深", 3.0}, {"底板埋深", 2.0}}}, // bottom above top
                        {rect(0, 0, 10, 10), {{"顶板埋深", -2.0}}},                   // negative
                        {point(0, 0), {}}});                                          // a point
        QVERIFY2(err.isEmpty(), qPrintable(err));
        auto has = gis::hasUndergroundSpaceFields(file);
        QVERIFY(has && *has);
        auto read = gis::readUndergroundSpaces(file, kProjectCrs);
        QVERIFY2(read, qPrintable(read.status().message()));
        QCOMPARE(int(read->spaces.size()), 3);
        QCOMPARE(read->report.skipped, 3);
        const UndergroundSpace& tunnel = read->spaces[0];
        QCOMPARE(int(tunnel.kind), int(UndergroundSpaceKind::UtilityTunnel));
        QCOMPARE(tunnel.topDepthM, 3.0);
        QCOMPARE(tunnel.heightM, 4.5);         // bottom − top
        QCOMPARE(int(tunnel.outer.size()), 4); // closing point dropped
        QVERIFY(std::isnan(tunnel.topZ));
        const UndergroundSpace& parking = read->spaces[1];
        QCOMPARE(int(parking.kind), int(UndergroundSpaceKind::Parking)); // from its name
        QCOMPARE(parking.heightM, 4.0);
        QCOMPARE(parking.topDepthM, 1.0);
        QCOMPARE(int(read->spaces[2].kind), int(UndergroundSpaceKind::Shelter));
        QCOMPARE(read->spaces[2].heightM, UndergroundSpace{}.heightM); // defaults
        const QString reasons = read->report.skipReasons.join(QLatin1Char('\n'));
        QVERIFY2(reasons.contains(QStringLiteral("feature 4: bottom depth")), qPrintable(reasons));
        QVERIFY2(reasons.contains(QStringLiteral("feature 5: negative top depth")), qPrintable(reasons));
        QVERIFY2(reasons.contains(QStringLiteral("feature 6: not a polygon")), qPrintable(reasons));

        // English names; a building layer's fields do not look like spaces.
        const QString en = path("spaces_en.geojson");
        QVERIFY(writeLayer(en, "GeoJSON", kProjectCrs, wkbPolygon,
                           {{"kind", OFTString}, {"top_depth", OFTReal}, {"height", OFTReal}},
                           {{rect(0, 0, 30, 30),
                             {{"kind", "underground parking"}, {"top_depth", 0.5}, {"height", 3.0}}}})
                    .isEmpty());
        auto enRead = gis::readUndergroundSpaces(en, kProjectCrs);
        QVERIFY(enRead);
        QCOMPARE(int(enRead->spaces.size()), 1);
        QCOMPARE(int(enRead->spaces[0].kind), int(UndergroundSpaceKind::Parking));
        QCOMPARE(enRead->spaces[0].topDepthM, 0.5);
        const QString buildings = path("buildings.geojson");
        QVERIFY(writeLayer(buildings, "GeoJSON", kProjectCrs, wkbPolygon,
                           {{"height", OFTReal}, {"name", OFTString}},
                           {{rect(0, 0, 30, 30), {{"height", 20.0}}}})
                    .isEmpty());
        auto notSpaces = gis::hasUndergroundSpaceFields(buildings);
        QVERIFY(notSpaces && !*notSpaces);
    }

    void realKy4Junctions_data()
    {
        QTest::addColumn<QString>("crs");
        QTest::addColumn<double>("unit"); // metres per project CRS unit
        QTest::newRow("EPSG:3547 (US ft)") << QStringLiteral("EPSG:3547") << 1200.0 / 3937.0;
        QTest::newRow("EPSG:32616 (UTM 16N)") << QStringLiteral("EPSG:32616") << 1.0;
    }
    void realKy4Junctions()
    {
        QFETCH(QString, crs);
        QFETCH(double, unit);
        const QString file = test::sharedDataFile(QStringLiteral("pipes/wntr_ky4/ky4_junctions.geojson"));
        if (file.isEmpty())
            QSKIP("shared data pipes/wntr_ky4/ky4_junctions.geojson is absent");
        auto read = gis::readPointFacilities(file, crs);
        QVERIFY2(read, qPrintable(read.status().message()));
        QCOMPARE(read->report.featuresRead, 959);
        QCOMPARE(int(read->facilities.size()), 959);
        QCOMPARE(read->report.skipped, 0);
        double minX = 1e300, maxX = -1e300, minY = 1e300, maxY = -1e300;
        for (const PointFacility& f : read->facilities) {
            minX = std::min(minX, f.position.x);
            maxX = std::max(maxX, f.position.x);
            minY = std::min(minY, f.position.y);
            maxY = std::max(maxY, f.position.y);
            QCOMPARE(int(f.kind), int(PointFacilityKind::Manhole)); // "junctions" with no kind field
        }
        // ogrinfo: extent (4942452.99, 3888731) - (4993232.24, 3917215) US ft: 15.5 km × 8.7 km.
        QVERIFY2(std::abs((maxX - minX) * unit - 50779.25 * 1200.0 / 3937.0) < 150.0,
                 qPrintable(QString::number((maxX - minX) * unit)));
        QVERIFY2(std::abs((maxY - minY) * unit - 28484.0 * 1200.0 / 3937.0) < 150.0,
                 qPrintable(QString::number((maxY - minY) * unit)));
        if (crs == QStringLiteral("EPSG:3547")) {
            QVERIFY(std::abs(minX - 4942452.99) < 0.01 && std::abs(maxY - 3917215.0) < 0.01);
        } else {
            // Kentucky in UTM 16N: easting ~ 600-700 km, northing ~ 4.1-4.2 Mm.
            QVERIFY2(minX > 550000 && maxX < 750000 && minY > 4000000 && maxY < 4300000,
                     qPrintable(QStringLiteral("%1 %2").arg(minX).arg(minY)));
        }
    }

private:
    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    QTemporaryDir m_dir;
};

QTEST_MAIN(TstUndergroundReader)
#include "tst_undergroundreader.moc"
