// ProjectSession::layerForSource, the guess behind Add Layer: the kind and name for a file or URL
// (DEM, imagery, footprints, XYZ, WMTS, GDAL WMS description) and the band-one reading of rasters.
#include "SessionFixtures.h"
#include "SmallDemo.h"
#include "tests/common/TestPaths.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace citytwin;
using namespace citytwin::test;

class TstLayerForSource : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void layerForSourceGuessesTheKind_data();
    void layerForSourceGuessesTheKind();
    void layerForSourceReadsBandOne_data();
    void layerForSourceReadsBandOne();

private:
    QTemporaryDir m_demoDir;
    QString m_demo;
};

void TstLayerForSource::initTestCase()
{
    QVERIFY(m_demoDir.isValid());
    auto demo = makeSmallDemo(m_demoDir.path());
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_demo = *demo;
}

void TstLayerForSource::layerForSourceGuessesTheKind_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("name");
    QTest::newRow("DEM GeoTIFF") << "@DEMO@/dem.tif"
                                 << "elevation"
                                 << "dem";
    QTest::newRow("RGB GeoTIFF") << "@DEMO@/imagery.tif"
                                 << "imagery"
                                 << "imagery";
    QTest::newRow("footprints") << "@DEMO@/buildings.gpkg"
                                << "buildings"
                                << "buildings";
    QTest::newRow("XYZ service") << "https://t0.tianditu.gov.cn/img_w/wmts?tk={tk}&x={x}&y={y}&l={z}"
                                 << "imagery"
                                 << "t0.tianditu.gov.cn";
    QTest::newRow("WMTS") << "WMTS:https://example.org/wmts/1.0.0/WMTSCapabilities.xml"
                          << "imagery"
                          << "example.org";
    QTest::newRow("GDAL WMS description") << "@DEMO@/osm_tiles.xml"
                                          << "imagery"
                                          << "osm_tiles";
}

void TstLayerForSource::layerForSourceGuessesTheKind()
{
    QFETCH(QString, source);
    QFETCH(QString, kind);
    QFETCH(QString, name);
    source.replace(QStringLiteral("@DEMO@"), m_demoDir.path());
    if (source.startsWith(m_demoDir.path()) && source.endsWith(QLatin1String(".xml"))) {
        QFile xml(source);
        QVERIFY(xml.open(QIODevice::WriteOnly));
        xml.write("<GDAL_WMS><Service name=\"TMS\"><ServerUrl>https://tile.example.org/${z}/${x}/${y}.png"
                  "</ServerUrl></Service></GDAL_WMS>\n");
    }
    const auto layer = ProjectSession::layerForSource(source);
    QVERIFY2(layer, qPrintable(layer.status().message()));
    QCOMPARE(data::toString(layer->kind), kind);
    QCOMPARE(layer->name, name);
    QCOMPARE(layer->sourceUri, source);
    QCOMPARE(data::toString(layer->group), data::toString(data::defaultGroup(layer->kind)));

    const auto missing = ProjectSession::layerForSource(m_demoDir.filePath(QStringLiteral("nothere.tif")));
    QVERIFY(!missing);
    QVERIFY(missing.status().message().contains(QLatin1String("nothere.tif")));
}

namespace {

//! A small georeferenced GDAL VRT (plain XML, no GDAL needed to write it): BANDS bands of TYPE
//! with the colour interpretations INTERP (one per band, "" for none), and a two-entry colour
//! table on band 1 if PALETTE. Pixels read as 0, which is all inspectRaster needs.
bool writeVrt(const QString& path, const QString& type, const QStringList& interp, bool palette)
{
    QString xml = QStringLiteral("<VRTDataset rasterXSize=\"8\" rasterYSize=\"8\">\n"
                                 "  <SRS>EPSG:4549</SRS>\n"
                                 "  <GeoTransform>595000, 10, 0, 3399000, 0, -10</GeoTransform>\n");
    for (int b = 0; b < interp.size(); ++b) {
        xml += QStringLiteral("  <VRTRasterBand dataType=\"%1\" band=\"%2\">\n").arg(type).arg(b + 1);
        if (!interp[b].isEmpty())
            xml += QStringLiteral("    <ColorInterp>%1</ColorInterp>\n").arg(interp[b]);
        if (palette && b == 0)
            xml += QStringLiteral("    <ColorTable><Entry c1=\"0\" c2=\"0\" c3=\"0\" c4=\"255\"/>"
                                  "<Entry c1=\"0\" c2=\"0\" c3=\"255\" c4=\"255\"/></ColorTable>\n");
        xml += QStringLiteral("  </VRTRasterBand>\n");
    }
    xml += QStringLiteral("</VRTDataset>\n");
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(xml.toUtf8()) == xml.toUtf8().size();
}

} // namespace

void TstLayerForSource::layerForSourceReadsBandOne_data()
{
    // The guess looks at band 1's sample type, colour interpretation and palette, not at the
    // driver: VRT is neither a picture nor a DEM format, so only the band can tell.
    QTest::addColumn<QString>("type");       // empty: the shared Mt Fuji DEM (Int16 GeoTIFF)
    QTest::addColumn<QStringList>("interp"); // one per band
    QTest::addColumn<bool>("palette");
    QTest::addColumn<QString>("kind");
    QTest::newRow("Float32 DEM") << "Float32" << QStringList{QStringLiteral("Gray")} << false << "elevation";
    QTest::newRow("Int16 DEM, no interpretation")
        << "Int16" << QStringList{QString()} << false << "elevation";
    QTest::newRow("UInt16 heightmap")
        << "UInt16" << QStringList{QStringLiteral("Gray")} << false << "elevation";
    QTest::newRow("Float64 DEM") << "Float64" << QStringList{QString()} << false << "elevation";
    QTest::newRow("Byte grey") << "Byte" << QStringList{QStringLiteral("Gray")} << false << "imagery";
    QTest::newRow("Byte paletted") << "Byte" << QStringList{QStringLiteral("Palette")} << true << "imagery";
    QTest::newRow("UInt16 with a colour table")
        << "UInt16" << QStringList{QStringLiteral("Palette")} << true << "imagery";
    QTest::newRow("RGB") << "Byte"
                         << QStringList{QStringLiteral("Red"), QStringLiteral("Green"),
                                        QStringLiteral("Blue")}
                         << false << "imagery";
    QTest::newRow("RGBA") << "Byte"
                          << QStringList{QStringLiteral("Red"), QStringLiteral("Green"),
                                         QStringLiteral("Blue"), QStringLiteral("Alpha")}
                          << false << "imagery";
    QTest::newRow("Mt Fuji Int16 GeoTIFF") << QString() << QStringList{} << false << "elevation";
}

void TstLayerForSource::layerForSourceReadsBandOne()
{
    QFETCH(QString, type);
    QFETCH(QStringList, interp);
    QFETCH(bool, palette);
    QFETCH(QString, kind);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString path;
    if (type.isEmpty()) {
        path = sharedDataFile(QStringLiteral("dem/osgearth/mt_fuji_90m.tif"));
        if (path.isEmpty())
            QSKIP("shared data dem/osgearth/mt_fuji_90m.tif is not available");
    } else {
        path = dir.filePath(QStringLiteral("raster.vrt"));
        QVERIFY(writeVrt(path, type, interp, palette));
    }
    const auto layer = ProjectSession::layerForSource(path);
    QVERIFY2(layer, qPrintable(layer.status().message()));
    QCOMPARE(data::toString(layer->kind), kind);
    QCOMPARE(data::toString(layer->group), data::toString(data::LayerGroup::Basemap));
}

QTEST_GUILESS_MAIN(TstLayerForSource)
#include "tst_layerforsource.moc"
