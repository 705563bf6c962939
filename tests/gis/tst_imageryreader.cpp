// RasterReader for imagery: an RGB square in EPSG:3857 lands where it should, band layouts
// (grey, palette, RGBA…), inspect(), world-file and .aux.xml sidecars, and the real imagery of
// ../shared/data (Boston orthophoto, GeoPackage tiles).
#include "GdalFixtures.h"
#include "RasterReaderFixtures.h"
#include "gis/CrsTransformer.h"
#include "gis/RasterReader.h"
#include "tests/common/TestPaths.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <thread>

using namespace citytwin;
using citytwin::data::GridGeometry;
using citytwin::data::Status;
using citytwin::test::createGeoTiff;
using citytwin::test::RasterSpec;
using namespace citytwin::test;

namespace {

int cellOf(const GridGeometry& g, double x, double y, int* col, int* row)
{
    *col = int(std::floor((x - g.extent.minX) / g.cellX()));
    *row = int(std::floor((g.extent.maxY - y) / g.cellY()));
    return *col >= 0 && *col < g.width && *row >= 0 && *row < g.height;
}

} // namespace

class TestImageryReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void imageryRgbIn3857PlacesSquare();
    void imageryLayouts_data();
    void imageryLayouts();
    void inspect();
    void sidecarWorldFileAndAuxXml();
    void realBostonImagery();
    void realGeoPackageTiles();

private:
    QTemporaryDir m_dir;
};

void TestImageryReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestImageryReader::imageryRgbIn3857PlacesSquare()
{
    auto toMercator = gis::CrsTransformer::create(QStringLiteral("EPSG:4549"), QStringLiteral("EPSG:3857"));
    QVERIFY(toMercator.isOk());
    const auto centre = toMercator->forward({kE0, kN0, 0});
    QVERIFY(centre.isOk());
    // 200 x 200 px of 5 Mercator metres (~4.3 m on the ground here); a red 20 x 20 px square whose
    // centre is the Pinghu point, grey elsewhere.
    const QString path = m_dir.filePath(QStringLiteral("rgb3857.tif"));
    RasterSpec spec{
        QStringLiteral("EPSG:3857"), centre->x - 500, centre->y + 500, 5, 5, 200, 200, 3, GDT_Byte};
    auto ds = createGeoTiff(path, spec, [](int band, int col, int row) {
        const bool square = col >= 90 && col < 110 && row >= 90 && row < 110;
        return square ? (band == 1 ? 255.0 : 0.0) : 100.0;
    });
    QVERIFY(ds);
    ds->GetRasterBand(1)->SetColorInterpretation(GCI_RedBand);
    ds.reset();

    GridGeometry target{{kE0 - 600, kN0 - 600, kE0 + 600, kN0 + 600}, 300, 300}; // 4 m, wider than the source
    auto img = gis::readImagery(path, QStringLiteral("EPSG:4549"), target);
    QVERIFY2(img.isOk(), qPrintable(img.status().message()));
    QCOMPARE(img->rgba.size(), size_t(300 * 300 * 4));

    int col = 0, row = 0;
    QVERIFY(cellOf(img->grid, kE0, kN0, &col, &row));
    const std::uint8_t* c = pixel(*img, col, row);
    QCOMPARE(int(c[0]), 255);
    QCOMPARE(int(c[1]), 0);
    QCOMPARE(int(c[3]), 255);
    // The square is ~43 m across on the ground: 80 m east it is grey.
    QVERIFY(cellOf(img->grid, kE0 + 80, kN0, &col, &row));
    QCOMPARE(int(pixel(*img, col, row)[0]), 100);
    // Red centroid within one cell of the Pinghu point.
    double sx = 0, sy = 0;
    int count = 0;
    for (int r = 0; r < 300; ++r)
        for (int k = 0; k < 300; ++k)
            if (pixel(*img, k, r)[0] > 200 && pixel(*img, k, r)[1] < 50) {
                sx += k;
                sy += r;
                ++count;
            }
    QVERIFY(count > 50);
    const double cx = img->grid.extent.minX + (sx / count + 0.5) * img->grid.cellX();
    const double cy = img->grid.extent.maxY - (sy / count + 0.5) * img->grid.cellY();
    QVERIFY2(std::hypot(cx - kE0, cy - kN0) < 4.0,
             qPrintable(QStringLiteral("%1 %2").arg(cx - kE0).arg(cy - kN0)));
    // Outside the source (the target is wider): transparent.
    QCOMPARE(int(pixel(*img, 0, 0)[3]), 0);
    QCOMPARE(int(pixel(*img, 299, 299)[3]), 0);
}

void TestImageryReader::imageryLayouts_data()
{
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QList<int>>("west"); // expected RGBA in the west half
    QTest::addColumn<QList<int>>("east");
    QTest::addColumn<QString>("interpretation"); // band 1's, as inspectRaster reports it
    QTest::newRow("grey") << "grey" << QList<int>{40, 40, 40, 255} << QList<int>{200, 200, 200, 255}
                          << "Gray";
    QTest::newRow("paletted, index 0 no-data")
        << "palette" << QList<int>{0, 0, 255, 255} << QList<int>{0, 0, 0, 0} << "Palette";
    QTest::newRow("rgba, east transparent")
        << "rgba" << QList<int>{10, 20, 30, 255} << QList<int>{0, 0, 0, 0} << "Red";
}

void TestImageryReader::imageryLayouts()
{
    QFETCH(QString, layout);
    QFETCH(QList<int>, west);
    QFETCH(QList<int>, east);
    QFETCH(QString, interpretation);
    const QString path = m_dir.filePath(layout + QStringLiteral(".tif"));
    const int bands = layout == QLatin1String("rgba") ? 4 : 1;
    RasterSpec spec{QStringLiteral("EPSG:4549"), kE0, kN0 + 1000, 10, 10, 100, 100, bands, GDT_Byte};
    auto ds = createGeoTiff(path, spec, [&](int band, int col, int) {
        const bool w = col < 50;
        if (layout == QLatin1String("grey"))
            return w ? 40.0 : 200.0;
        if (layout == QLatin1String("palette"))
            return w ? 1.0 : 0.0;
        if (band == 4)
            return w ? 255.0 : 0.0;
        return w ? band * 10.0 : 77.0;
    });
    QVERIFY(ds);
    if (layout == QLatin1String("palette")) {
        GDALColorTable table;
        const GDALColorEntry black{0, 0, 0, 255}, blue{0, 0, 255, 255};
        table.SetColorEntry(0, &black);
        table.SetColorEntry(1, &blue);
        ds->GetRasterBand(1)->SetColorTable(&table);
        ds->GetRasterBand(1)->SetColorInterpretation(GCI_PaletteIndex);
        ds->GetRasterBand(1)->SetNoDataValue(0);
    } else if (layout == QLatin1String("rgba")) {
        const GDALColorInterp interp[4] = {GCI_RedBand, GCI_GreenBand, GCI_BlueBand, GCI_AlphaBand};
        for (int b = 0; b < 4; ++b)
            ds->GetRasterBand(b + 1)->SetColorInterpretation(interp[b]);
    }
    ds.reset();

    // What the layer guess reads: band 1's type, colour interpretation and palette.
    auto info = gis::inspectRaster(path);
    QVERIFY2(info.isOk(), qPrintable(info.status().message()));
    QCOMPARE(info->bands, bands);
    QCOMPARE(info->dataType, QStringLiteral("Byte"));
    QCOMPARE(info->colorInterpretation, interpretation);
    QCOMPARE(info->hasColorTable, layout == QLatin1String("palette"));
    QCOMPARE(info->isColourBand(), layout != QLatin1String("grey"));

    GridGeometry target{{kE0, kN0, kE0 + 1000, kN0 + 1000}, 100, 100}; // the source grid itself
    auto img = gis::readImagery(path, QStringLiteral("EPSG:4549"), target);
    QVERIFY2(img.isOk(), qPrintable(img.status().message()));
    for (int k = 0; k < 4; ++k) {
        QCOMPARE(int(pixel(*img, 20, 50)[k]), west[k]);
        QCOMPARE(int(pixel(*img, 80, 50)[k]), east[k]);
    }
}

void TestImageryReader::inspect()
{
    const QString local = writeLocalDem(m_dir.filePath(QStringLiteral("dem_inspect.tif")));
    auto info = gis::inspectRaster(local);
    QVERIFY2(info.isOk(), qPrintable(info.status().message()));
    QCOMPARE(info->driver, QStringLiteral("GTiff"));
    QCOMPARE(info->width, 200);
    QCOMPARE(info->height, 200);
    QCOMPARE(info->bands, 1);
    QCOMPARE(info->dataType, QStringLiteral("Float32"));
    QCOMPARE(info->colorInterpretation, QStringLiteral("Gray")); // GTiff's default for one band
    QVERIFY(!info->hasColorTable);
    QVERIFY(!info->isColourBand());
    QVERIFY(info->crsWkt.contains(QLatin1String("4549")));
    QVERIFY(std::abs(info->nativeExtent.minX - (kE0 - 1000)) < 1e-6);
    QVERIFY(std::abs(info->nativeExtent.maxY - (kN0 + 1000)) < 1e-6);
}

void TestImageryReader::sidecarWorldFileAndAuxXml()
{
    // Typical export from desktop GIS/CAD: image.png + image.pgw (world file) + image.png.aux.xml
    // (CRS). Both side-cars must be found, or the image cannot be placed.
    const QString tif = m_dir.filePath(QStringLiteral("sidecar_src.tif"));
    RasterSpec spec{QStringLiteral("EPSG:4549"), kE0, kN0 + 1000, 10, 10, 100, 100, 3, GDT_Byte};
    auto src = createGeoTiff(tif, spec, [](int band, int col, int) { return col < 50 ? band * 50.0 : 7.0; });
    QVERIFY(src);
    const QString png = m_dir.filePath(QStringLiteral("sidecar.png"));
    const char* options[] = {"WORLDFILE=YES", nullptr};
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("PNG");
    GDALDatasetUniquePtr out(driver->CreateCopy(png.toUtf8().constData(), src.get(), FALSE,
                                                const_cast<char**>(options), nullptr, nullptr));
    QVERIFY(out);
    out.reset();
    src.reset();
    QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("sidecar.wld"))) ||
            QFileInfo::exists(m_dir.filePath(QStringLiteral("sidecar.pgw"))));
    QVERIFY(QFileInfo::exists(png + QStringLiteral(".aux.xml")));

    GridGeometry target{{kE0, kN0, kE0 + 1000, kN0 + 1000}, 100, 100};
    auto img = gis::readImagery(png, QStringLiteral("EPSG:4549"), target);
    QVERIFY2(img.isOk(), qPrintable(img.status().message()));
    QCOMPARE(int(pixel(*img, 20, 50)[0]), 50);
    QCOMPARE(int(pixel(*img, 20, 50)[2]), 150);
    QCOMPARE(int(pixel(*img, 80, 50)[1]), 7);
}

void TestImageryReader::realBostonImagery()
{
    const QString path = test::sharedDataFile(QStringLiteral("imagery/osgearth/boston-inset.tif"));
    if (path.isEmpty())
        QSKIP("shared data imagery/osgearth/boston-inset.tif is not available");
    // Geographic output: the corners reported by gdalinfo (UTM 19N rectangle seen in lon/lat).
    auto geo = gis::readImagery(path, QStringLiteral("EPSG:4326"));
    QVERIFY2(geo.isOk(), qPrintable(geo.status().message()));
    const auto& e = geo->grid.extent;
    QVERIFY2(std::abs(e.minX - -71.5444) < 0.01 && std::abs(e.maxX - -70.6024) < 0.01,
             qPrintable(QStringLiteral("%1 %2").arg(e.minX).arg(e.maxX)));
    QVERIFY2(std::abs(e.minY - 42.0093) < 0.01 && std::abs(e.maxY - 42.6415) < 0.01,
             qPrintable(QStringLiteral("%1 %2").arg(e.minY).arg(e.maxY)));
    QCOMPARE(int(pixel(*geo, geo->grid.width / 2, geo->grid.height / 2)[3]), 255);
    QCOMPARE(int(pixel(*geo, 0, 0)[3]), 0); // the rotated UTM rectangle does not reach the NW corner

    // On its own grid the pixels come back unchanged.
    GridGeometry native{{291343.062716, 4653876.748551, 367343.062716, 4722276.748551}, 380, 342};
    auto same = gis::readImagery(path, QStringLiteral("EPSG:32619"), native);
    QVERIFY2(same.isOk(), qPrintable(same.status().message()));
    GDALDatasetUniquePtr src(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    QVERIFY(src);
    for (const auto& [col, row] : {std::pair{10, 10}, std::pair{190, 171}, std::pair{379, 341}}) {
        for (int b = 1; b <= 3; ++b) {
            std::uint8_t v = 0;
            QCOMPARE(
                src->GetRasterBand(b)->RasterIO(GF_Read, col, row, 1, 1, &v, 1, 1, GDT_Byte, 0, 0, nullptr),
                CE_None);
            QCOMPARE(int(pixel(*same, col, row)[b - 1]), int(v));
        }
        QCOMPARE(int(pixel(*same, col, row)[3]), 255);
    }
}

void TestImageryReader::realGeoPackageTiles()
{
    const QString path = test::sharedDataFile(QStringLiteral("imagery/geopackage_js/wgs84.gpkg"));
    if (path.isEmpty())
        QSKIP("shared data imagery/geopackage_js/wgs84.gpkg is not available");
    // RGBA tiles (alpha band): extent -180..-135.65 E, 45..90 N per PROVENANCE.md.
    auto img = gis::readImagery(path, QStringLiteral("EPSG:4326"));
    QVERIFY2(img.isOk(), qPrintable(img.status().message()));
    const auto& e = img->grid.extent;
    QVERIFY2(std::abs(e.minX + 180) < 0.06 && std::abs(e.maxX + 135.65) < 0.06 &&
                 std::abs(e.minY - 45) < 0.06 && std::abs(e.maxY - 90) < 0.06,
             qPrintable(QStringLiteral("%1 %2 %3 %4").arg(e.minX).arg(e.minY).arg(e.maxX).arg(e.maxY)));
    int opaque = 0;
    for (size_t i = 3; i < img->rgba.size(); i += 4)
        opaque += img->rgba[i] == 255;
    QVERIFY(opaque > int(img->rgba.size() / 4 / 10));
}

QTEST_GUILESS_MAIN(TestImageryReader)
#include "tst_imageryreader.moc"
