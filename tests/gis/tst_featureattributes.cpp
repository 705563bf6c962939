// readFeatureAttributes/readFootprintAttributes: every OGR field of one feature by its FID, on the
// generated demo buildings.gpkg (the landmark tower, agreement with FootprintReader's ids), a
// multipolygon's part ids, errors that name the file, and the shared Honolulu OSM GeoJSON.
#include "gis/DemoCity.h"
#include "gis/FeatureAttributes.h"
#include "gis/FootprintReader.h"
#include "tests/common/TestPaths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace citytwin;

namespace {

QString valueOf(const gis::FeatureAttributes& a, const QString& field)
{
    for (const auto& [name, value] : a.fields)
        if (name == field)
            return value;
    return QStringLiteral("<missing>");
}

} // namespace

class TstFeatureAttributes : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void towerHasAllFields();
    void footprintIdsResolveToTheirFeature();
    void multipolygonPartsResolveToTheFeature();
    void errorsNameTheFile_data();
    void errorsNameTheFile();
    void honoluluOsm();

private:
    QTemporaryDir m_dir;
    QString m_buildings;
};

void TstFeatureAttributes::initTestCase()
{
    QVERIFY(m_dir.isValid());
    gis::DemoCityOptions o;
    o.sizeM = 2000.0;
    o.buildings = 300;
    o.people = 5;
    o.events = 100;
    o.eventDays = 2;
    o.pipeKm = 0.5;
    auto project = gis::makeDemoCity(m_dir.filePath(QStringLiteral("demo")), o);
    QVERIFY2(project.isOk(), qPrintable(project.status().message()));
    m_buildings = m_dir.filePath(QStringLiteral("demo/buildings.gpkg"));
    QVERIFY(QFile::exists(m_buildings));
}

void TstFeatureAttributes::towerHasAllFields()
{
    auto a = gis::readFeatureAttributes(m_buildings, 1);
    QVERIFY2(a.isOk(), qPrintable(a.status().message()));
    QCOMPARE(a.value().fid, std::int64_t(1));
    QCOMPARE(a.value().layerName, QStringLiteral("buildings"));
    QCOMPARE(a.value().geometryType, QStringLiteral("Polygon"));
    QVERIFY(a.value().areaM2.has_value());
    const double side = gis::kDemoTower.maxX - gis::kDemoTower.minX;
    QVERIFY2(std::abs(*a.value().areaM2 - side * side) < 1.0, qPrintable(QString::number(*a.value().areaM2)));
    QCOMPARE(valueOf(a.value(), QStringLiteral("name")), QString::fromUtf8(gis::kDemoTower.name));
    QCOMPARE(valueOf(a.value(), QStringLiteral("height")).toDouble(), gis::kDemoTower.heightM);
    QCOMPARE(valueOf(a.value(), QStringLiteral("floors")), QString::number(gis::kDemoTower.floors));
    QVERIFY(valueOf(a.value(), QStringLiteral("year_built")).toInt() > 1900);
    QVERIFY(valueOf(a.value(), QStringLiteral("use")) != QStringLiteral("<missing>"));
    QCOMPARE(int(a.value().fields.size()), 5);
}

void TstFeatureAttributes::footprintIdsResolveToTheirFeature()
{
    auto footprints = gis::readFootprints(m_buildings, QStringLiteral("EPSG:4549"));
    QVERIFY2(footprints.isOk(), qPrintable(footprints.status().message()));
    QVERIFY(footprints.value().size() > 100);
    int checked = 0;
    for (std::size_t i = 0; i < footprints.value().size(); i += 37) {
        const data::Footprint& fp = footprints.value()[i];
        auto a = gis::readFootprintAttributes(m_buildings, fp.id);
        QVERIFY2(a.isOk(), qPrintable(a.status().message()));
        QCOMPARE(valueOf(a.value(), QStringLiteral("name")), fp.name);
        QCOMPARE(valueOf(a.value(), QStringLiteral("height")).toDouble(), fp.height);
        ++checked;
    }
    QVERIFY(checked >= 3);
}

void TstFeatureAttributes::multipolygonPartsResolveToTheFeature()
{
    const QString path = m_dir.filePath(QStringLiteral("multi.geojson"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"type":"FeatureCollection","features":[
{"type":"Feature","id":7,"properties":{"name":"twin","height":12.5},"geometry":{"type":"MultiPolygon",
 "coordinates":[[[[121,30.7],[121.001,30.7],[121.001,30.701],[121,30.7]]],
                [[[121.002,30.7],[121.003,30.7],[121.003,30.701],[121.002,30.7]]]]}}]})");
    f.close();
    auto footprints = gis::readFootprints(path, QStringLiteral("EPSG:4549"));
    QVERIFY2(footprints.isOk(), qPrintable(footprints.status().message()));
    QCOMPARE(int(footprints.value().size()), 2);
    for (const data::Footprint& fp : footprints.value()) {
        QVERIFY(fp.id >= 7000);
        auto a = gis::readFootprintAttributes(path, fp.id);
        QVERIFY2(a.isOk(), qPrintable(a.status().message()));
        QCOMPARE(a.value().fid, std::int64_t(7));
        QCOMPARE(a.value().geometryType, QStringLiteral("Multi Polygon"));
        QCOMPARE(valueOf(a.value(), QStringLiteral("name")), QStringLiteral("twin"));
        QCOMPARE(valueOf(a.value(), QStringLiteral("height")), QStringLiteral("12.5"));
    }
    // A plain id without such a feature stays an error.
    QVERIFY(!gis::readFootprintAttributes(path, 9001).isOk());
}

void TstFeatureAttributes::errorsNameTheFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<qint64>("fid");
    QTest::addColumn<QString>("layer");
    QTest::newRow("missing feature") << QString() << qint64(999999) << QString();
    QTest::newRow("missing layer") << QString() << qint64(1) << QStringLiteral("nope");
    QTest::newRow("missing file") << QStringLiteral("gone.gpkg") << qint64(1) << QString();
}

void TstFeatureAttributes::errorsNameTheFile()
{
    QFETCH(QString, file);
    QFETCH(qint64, fid);
    QFETCH(QString, layer);
    const QString path = file.isEmpty() ? m_buildings : m_dir.filePath(file);
    auto a = gis::readFeatureAttributes(path, fid, layer);
    QVERIFY(!a.isOk());
    QVERIFY2(a.status().message().contains(path), qPrintable(a.status().message()));
}

void TstFeatureAttributes::honoluluOsm()
{
    const QString path =
        test::sharedDataFile("buildings/honolulu_osm/honolulu_buildings_with_height.DERIVED.geojson");
    if (!QFile::exists(path))
        QSKIP("shared Honolulu OSM buildings absent");
    auto a = gis::readFeatureAttributes(path, 0);
    QVERIFY2(a.isOk(), qPrintable(a.status().message()));
    QCOMPARE(a.value().layerName, QStringLiteral("osm"));
    QCOMPARE(a.value().geometryType, QStringLiteral("Polygon"));
    QCOMPARE(valueOf(a.value(), QStringLiteral("building")), QStringLiteral("hangar"));
    QCOMPARE(valueOf(a.value(), QStringLiteral("height")), QStringLiteral("7"));
    QCOMPARE(valueOf(a.value(), QStringLiteral("name")), QString()); // null field: empty text
    QCOMPARE(int(a.value().fields.size()), 6);
}

QTEST_GUILESS_MAIN(TstFeatureAttributes)
#include "tst_featureattributes.moc"
