#include "gis/CrsTransformer.h"
#include "gis/FootprintReader.h"
#include "gis/GdalEnvironment.h"
#include "tests/common/TestPaths.h"
#include "tests/gis/FootprintFixtures.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

using namespace citytwin;
using citytwin::data::Footprint;
using citytwin::data::ProjectedPoint;
using citytwin::data::Status;
using namespace citytwin::test::footprints;

class TestFootprintReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void formats_data();
    void formats();
    void parseHeight_data();
    void parseHeight();
    void layerByName();
    void shapefileWithoutCrs();
    void realHonolulu();

private:
    QTemporaryDir m_dir;
};

void TestFootprintReader::formats_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("crs");
    QTest::addColumn<bool>("numericHeight");
    QTest::addColumn<int>("firstFid");
    QTest::newRow("GPKG, CGCS2000 lon/lat, numeric heights") << "b.gpkg"
                                                             << "GPKG"
                                                             << "EPSG:4490" << true << 1;
    QTest::newRow("GeoJSON, WGS84, string heights") << "b.geojson"
                                                    << "GeoJSON"
                                                    << "EPSG:4326" << false << 0;
    QTest::newRow("Shapefile, web mercator, string heights") << "b.shp"
                                                             << "ESRI Shapefile"
                                                             << "EPSG:3857" << false << 0;
    QTest::newRow("GPKG, project CRS itself") << "p.gpkg"
                                              << "GPKG"
                                              << "EPSG:4549" << false << 1;
}

void TestFootprintReader::formats()
{
    QFETCH(QString, file);
    QFETCH(QString, driver);
    QFETCH(QString, crs);
    QFETCH(bool, numericHeight);
    QFETCH(int, firstFid);
    const QString path = m_dir.filePath(file);
    const QString written = writeFixture(path, driver.toUtf8().constData(), crs, numericHeight);
    QVERIFY2(written.isEmpty(), qPrintable(written));
    const bool shapefile = driver == QLatin1String("ESRI Shapefile");

    auto result = gis::readFootprintsWithReport(path, QStringLiteral("EPSG:4549"));
    QVERIFY2(result.isOk(), qPrintable(result.status().message()));
    const auto& fps = result->footprints;
    const auto& report = result->report;
    QCOMPARE(report.featuresRead, shapefile ? 6 : 7);
    QCOMPARE(report.skippedFeatures, shapefile ? 1 : 2);
    QCOMPARE(report.skipReasons.size(), shapefile ? 1 : 2);
    QVERIFY2(report.skipReasons.join(QLatin1Char('|')).contains(QLatin1String("no geometry")) ||
                 report.skipReasons.join(QLatin1Char('|')).contains(QLatin1String("empty geometry")),
             qPrintable(report.skipReasons.join(QLatin1Char('|'))));
    if (!shapefile)
        QVERIFY(
            report.skipReasons.join(QLatin1Char('|')).contains(QLatin1String("not a polygon (LINESTRING)")));
    QCOMPARE(int(fps.size()), 6);
    QCOMPARE(report.footprints, 6);
    QCOMPARE(report.heightsFromField, 2);
    QCOMPARE(report.heightsFromFloors, 1);
    QCOMPARE(report.heightsDefaulted, 2);

    const auto features = fixtureFeatures(numericHeight);
    // Clockwise square: ids are FIDs, ring turned counter-clockwise, same vertices (CRS round trip < 1 cm).
    QCOMPARE(fps[0].id, std::int64_t(firstFid));
    QCOMPARE(fps[0].height, 12.0);
    QCOMPARE(fps[0].name, QStringLiteral("clockwise square"));
    QVERIFY(sameRing(fps[0].outer, features[0].polygons[0][0], true));
    QVERIFY(fps[0].holes.empty());
    // Courtyard: hole kept, clockwise.
    QCOMPARE(fps[1].id, std::int64_t(firstFid + 1));
    QCOMPARE(fps[1].height, 12.5);
    QVERIFY(sameRing(fps[1].outer, features[1].polygons[0][0], false));
    QCOMPARE(fps[1].holes.size(), size_t(1));
    QVERIFY(sameRing(fps[1].holes[0], features[1].polygons[0][1], true));
    // Two-part multipolygon: FID * 1000 + part, floors × 3 m.
    QCOMPARE(fps[2].id, std::int64_t(firstFid + 2) * 1000);
    QCOMPARE(fps[3].id, std::int64_t(firstFid + 2) * 1000 + 1);
    QCOMPARE(fps[2].height, 12.0);
    QCOMPARE(fps[3].height, 12.0);
    QVERIFY(sameRing(fps[2].outer, features[2].polygons[0][0], false));
    QVERIFY(sameRing(fps[3].outer, features[2].polygons[1][0], false));
    // No height, no floors: the default; an unparseable height also falls back to it.
    QCOMPARE(fps[4].height, 10.0);
    QCOMPARE(fps[5].height, 10.0);
    QCOMPARE(fps[5].id, std::int64_t(firstFid + 5));

    for (const Footprint& fp : fps) {
        QVERIFY(area(fp.outer) > 0);
        QVERIFY(!near(fp.outer.front(), fp.outer.back(), 1e-9));
        for (const auto& hole : fp.holes)
            QVERIFY(area(hole) < 0);
    }

    // Options: another storey height and default.
    gis::FootprintOptions options;
    options.storeyHeightM = 4.0;
    options.defaultHeightM = 7.0;
    auto custom = gis::readFootprints(path, QStringLiteral("EPSG:4549"), options);
    QVERIFY(custom.isOk());
    QCOMPARE((*custom)[2].height, 16.0);
    QCOMPARE((*custom)[4].height, 7.0);

    // Same file into another CRS: the points agree with CrsTransformer from 4549.
    auto inUtm = gis::readFootprints(path, QStringLiteral("EPSG:32651"));
    QVERIFY2(inUtm.isOk(), qPrintable(inUtm.status().message()));
    auto toUtm = gis::CrsTransformer::create(QStringLiteral("EPSG:4549"), QStringLiteral("EPSG:32651"));
    QVERIFY(toUtm.isOk());
    Ring expected = features[3].polygons[0][0];
    QVERIFY(toUtm->forwardInPlace(expected).isOk());
    QVERIFY(sameRing((*inUtm)[4].outer, expected, false));
}

void TestFootprintReader::parseHeight_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("metres"); // < 0: not a height
    QTest::newRow("integer") << "12" << 12.0;
    QTest::newRow("metres with space") << "12 m" << 12.0;
    QTest::newRow("metres glued") << "12.5m" << 12.5;
    QTest::newRow("comma decimal") << "12,5" << 12.5;
    QTest::newRow("padded") << "  7.25  " << 7.25;
    QTest::newRow("words") << "20 metres" << 20.0;
    QTest::newRow("feet") << "40 ft" << 12.192;
    QTest::newRow("feet and inches") << "12'6\"" << 3.81;
    QTest::newRow("empty") << "" << -1.0;
    QTest::newRow("text") << "tall" << -1.0;
    QTest::newRow("negative") << "-3" << -1.0;
    QTest::newRow("zero") << "0" << -1.0;
    QTest::newRow("range") << "10-12" << -1.0;
}

void TestFootprintReader::parseHeight()
{
    QFETCH(QString, text);
    QFETCH(double, metres);
    const auto h = gis::parseHeightM(text);
    if (metres < 0) {
        QVERIFY(!h.has_value());
    } else {
        QVERIFY(h.has_value());
        QVERIFY2(std::abs(*h - metres) < 1e-9, qPrintable(QString::number(*h)));
    }
}

void TestFootprintReader::layerByName()
{
    const QString path = m_dir.filePath(QStringLiteral("named.gpkg"));
    QVERIFY(writeFixture(path, "GPKG", QStringLiteral("EPSG:4490"), true).isEmpty());
    gis::FootprintOptions options;
    options.layerName = QStringLiteral("buildings");
    QVERIFY(gis::readFootprints(path, QStringLiteral("EPSG:4549"), options).isOk());
    options.layerName = QStringLiteral("roads");
    auto missing = gis::readFootprints(path, QStringLiteral("EPSG:4549"), options);
    QVERIFY(!missing.isOk());
    QCOMPARE(missing.status().code(), Status::Code::NotFound);
    QVERIFY2(missing.status().message().contains(QLatin1String("roads")) &&
                 missing.status().message().contains(QLatin1String("buildings")) &&
                 missing.status().message().contains(path),
             qPrintable(missing.status().message()));
}

void TestFootprintReader::shapefileWithoutCrs()
{
    const QString path = m_dir.filePath(QStringLiteral("noprj.shp"));
    QVERIFY(writeFixture(path, "ESRI Shapefile", QStringLiteral("EPSG:4549"), false).isEmpty());
    QVERIFY(QFile::remove(m_dir.filePath(QStringLiteral("noprj.prj"))));
    auto noCrs = gis::readFootprints(path, QStringLiteral("EPSG:4549"));
    QVERIFY(!noCrs.isOk());
    QVERIFY2(noCrs.status().message().contains(QLatin1String("no coordinate reference system")) &&
                 noCrs.status().message().contains(path),
             qPrintable(noCrs.status().message()));
    gis::FootprintOptions options;
    options.assumedSourceCrs = QStringLiteral("EPSG:4549");
    auto assumed = gis::readFootprints(path, QStringLiteral("EPSG:4549"), options);
    QVERIFY2(assumed.isOk(), qPrintable(assumed.status().message()));
    QCOMPARE(assumed->size(), size_t(6));
    QVERIFY(sameRing((*assumed)[0].outer, rect(0, 0, 20, 20), false));
}

void TestFootprintReader::realHonolulu()
{
    const QString path = test::sharedDataFile(
        QStringLiteral("buildings/honolulu_osm/honolulu_buildings_with_height.DERIVED.geojson"));
    if (path.isEmpty())
        QSKIP("shared data buildings/honolulu_osm/honolulu_buildings_with_height.DERIVED.geojson is not "
              "available");
    gis::FootprintOptions options;
    options.floorsField = QStringLiteral("building:levels"); // OSM tag names
    auto result = gis::readFootprintsWithReport(path, QStringLiteral("EPSG:32604"), options);
    QVERIFY2(result.isOk(), qPrintable(result.status().message()));
    const auto& report = result->report;
    qInfo("Honolulu: %d features, %d footprints, %d skipped, heights %d field / %d floors / %d default",
          report.featuresRead, report.footprints, report.skippedFeatures, report.heightsFromField,
          report.heightsFromFloors, report.heightsDefaulted);
    QCOMPARE(report.featuresRead, 2955);
    QVERIFY(report.footprints >= report.featuresRead - report.skippedFeatures);
    QVERIFY(report.skippedFeatures < 30);
    QVERIFY(report.skipReasons.join(QLatin1Char('|')).contains(QLatin1String("not a polygon (POINT)")));
    // The file keeps only buildings with a height or levels tag, so most parse; the rest are
    // "0", negative, or levels strings garbled by the vector-tile conversion ("2YA7FG-...").
    QVERIFY(report.heightsFromField > 1000);
    QVERIFY(report.heightsFromField + report.heightsFromFloors > report.featuresRead * 90 / 100);

    // Every vertex inside the layer extent (from ogrinfo) seen in UTM 4N, plus a few metres.
    auto toUtm = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:32604"));
    QVERIFY(toUtm.isOk());
    std::vector<ProjectedPoint> corners{{-158.209037, 21.262176, 0},
                                        {-157.679445, 21.262176, 0},
                                        {-158.209037, 21.706021, 0},
                                        {-157.679445, 21.706021, 0}};
    QVERIFY(toUtm->forwardInPlace(corners).isOk());
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    for (const auto& c : corners) {
        minX = std::min(minX, c.x);
        maxX = std::max(maxX, c.x);
        minY = std::min(minY, c.y);
        maxY = std::max(maxY, c.y);
    }
    double tallest = 0;
    for (const Footprint& fp : result->footprints) {
        QVERIFY(fp.outer.size() >= 3);
        QVERIFY(area(fp.outer) != 0);
        QVERIFY(fp.height > 0);
        tallest = std::max(tallest, fp.height);
        for (const auto& p : fp.outer)
            QVERIFY2(p.x > minX - 500 && p.x < maxX + 500 && p.y > minY - 500 && p.y < maxY + 500,
                     qPrintable(QStringLiteral("%1 %2").arg(p.x).arg(p.y)));
    }
    // Honolulu's towers: the tallest OSM building is well above 100 m but not absurd.
    QVERIFY2(tallest > 100 && tallest < 300, qPrintable(QString::number(tallest)));
}

QTEST_GUILESS_MAIN(TestFootprintReader)
#include "tst_footprintreader.moc"
