// File-backed basemap sources (gis/RasterSourceFactory.h): formats, reprojection, the project-CRS
// fast path, elevation. Bad input, trust, cancellation and threads: tst_rastersourceerrors;
// services: tst_servicesources.

#include "RasterSourceFixtures.h"
#include "tests/common/TestPaths.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace citytwin;
using namespace citytwin::test;
using data::Status;

class TestRasterSources : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void classify_data();
    void classify();
    void imageryFormats_data();
    void imageryFormats();
    void worldSourcesMatchReader_data();
    void worldSourcesMatchReader();
    void sourceAwayFromTheProjectIsEmpty();
    void reprojectedFeatureLandsOnItsPixel_data();
    void reprojectedFeatureLandsOnItsPixel();
    void projectCrsFastPathMatchesWarp_data();
    void projectCrsFastPathMatchesWarp();
    void elevationLocalDem();
    void elevationMtFuji();
    void outsideIsTransparentAndNaN();
    void maskedPixelsAreTransparent();

private:
    QString orthophoto() { return writeOrthophoto(m_dir.path()); }
    QTemporaryDir m_dir;
};

void TestRasterSources::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestRasterSources::classify_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<int>("type");
    QTest::addColumn<bool>("network");
    using T = gis::RasterSourceType;
    QTest::newRow("geotiff") << "/data/ortho.tif" << int(T::File) << false;
    QTest::newRow("mbtiles") << "/data/basemap.mbtiles" << int(T::File) << false;
    QTest::newRow("remote cog") << "/vsicurl/https://example.org/a.tif" << int(T::File) << true;
    QTest::newRow("xyz https") << "https://tile.example.org/{z}/{x}/{y}.png" << int(T::XyzTemplate) << true;
    QTest::newRow("xyz tianditu")
        << "http://t0.tianditu.gov.cn/img_w/"
           "wmts?SERVICE=WMTS&REQUEST=GetTile&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={tk}"
        << int(T::XyzTemplate) << true;
    QTest::newRow("xyz file") << "file:///data/tiles/{z}/{x}/{y}.png" << int(T::XyzTemplate) << false;
    QTest::newRow("xyz tms rows") << "https://a.org/{z}/{x}/{-y}.png" << int(T::XyzTemplate) << true;
    QTest::newRow("wmts rest") << "https://a.org/wmts/1.0.0/WMTSCapabilities.xml" << int(T::Wmts) << true;
    QTest::newRow("wmts kvp") << "https://a.org/wmts?SERVICE=WMTS&REQUEST=GetCapabilities" << int(T::Wmts)
                              << true;
    QTest::newRow("wmts prefix") << "WMTS:https://a.org/caps.xml,layer=img" << int(T::Wmts) << true;
    QTest::newRow("wmts local") << "/data/WMTSCapabilities.xml" << int(T::Wmts)
                                << true; // tiles come from its URLs
    QTest::newRow("gdal wms file") << "/data/osm.xml" << int(T::GdalWms) << true;
    QTest::newRow("gdal wms inline") << "<GDAL_WMS><Service name=\"TMS\"/></GDAL_WMS>" << int(T::GdalWms)
                                     << true;
}

void TestRasterSources::classify()
{
    QFETCH(QString, uri);
    QFETCH(int, type);
    QFETCH(bool, network);
    QCOMPARE(int(gis::classifyRasterSource(uri)), type);
    QCOMPARE(gis::needsNetwork(uri), network);
}

void TestRasterSources::imageryFormats_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("GeoTIFF") << "GTiff";
    QTest::newRow("COG") << "COG";
    QTest::newRow("GPKG tiles") << "GPKG";
    QTest::newRow("PNG + world file") << "PNG";
    QTest::newRow("JPEG + world file") << "JPEG";
    QTest::newRow("MBTiles") << "MBTiles";
}

void TestRasterSources::imageryFormats()
{
    QFETCH(QString, format);
    QString path = orthophoto();
    if (format != QLatin1String("GTiff")) {
        const QString ext = format == QLatin1String("JPEG") ? QStringLiteral("jpg") : format.toLower();
        const QString out = m_dir.filePath(QStringLiteral("ortho_%1.%2").arg(format, ext));
        QStringList args{QStringLiteral("-of"), format};
        if (format == QLatin1String("PNG") || format == QLatin1String("JPEG"))
            args << QStringLiteral("-co") << QStringLiteral("WORLDFILE=YES");
        if (format == QLatin1String("MBTiles") || format == QLatin1String("GPKG"))
            args << QStringLiteral("-co") << QStringLiteral("TILE_FORMAT=PNG");
        QVERIFY2(QFile::exists(out) || translate(path, out, args), qPrintable(format));
        path = out;
    }
    auto source = gis::openImagerySource(path, projectOptions());
    QVERIFY2(source, qPrintable(source.status().message()));
    const data::RasterSourceInfo& info = (*source)->info();
    QVERIFY(!info.network);
    QVERIFY(info.extent.contains(kE0, kN0));
    // MBTiles/GPKG resample into web-mercator tiles: allow their zoom level's cell size.
    QVERIFY2(info.resolution > 2 && info.resolution < 8, qPrintable(QString::number(info.resolution)));
    for (int q = 0; q < 4; ++q) {
        const double e = kE0 + (q % 2 ? 250 : -250);
        const double n = kN0 + (q >= 2 ? -250 : 250);
        for (double cell : {5.0, 40.0}) { // native and a reduced read (overviews)
            auto img = (*source)->readImage(gridAround(e, n, cell, 4), {});
            QVERIFY2(img, qPrintable(img.status().message()));
            const std::uint8_t* p = pixelAt(*img, 1, 1);
            const int tolerance = format == QLatin1String("JPEG") ? 12 : 2;
            for (int c = 0; c < 3; ++c)
                QVERIFY2(std::abs(int(p[c]) - int(kQuadrant[q][c])) <= tolerance,
                         qPrintable(QStringLiteral("quadrant %1 channel %2: %3 vs %4 at %5 m")
                                        .arg(q)
                                        .arg(c)
                                        .arg(p[c])
                                        .arg(kQuadrant[q][c])
                                        .arg(cell)));
            QCOMPARE(int(p[3]), 255);
        }
    }
}

void TestRasterSources::worldSourcesMatchReader_data()
{
    QTest::addColumn<QString>("relative");
    QTest::addColumn<QString>("crs");
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::newRow("MBTiles world, Pinghu") << "imagery/osgearth/world_countries.mbtiles"
                                           << "EPSG:4549" << 121.0 << 30.7;
    // The GeoPackage covers only -180..-135.65 E, 45..90 N: a project in Alaska Albers.
    QTest::newRow("GPKG wgs84, Alaska") << "imagery/geopackage_js/wgs84.gpkg"
                                        << "EPSG:3338" << -150.0 << 62.0;
}

void TestRasterSources::worldSourcesMatchReader()
{
    QFETCH(QString, relative);
    QFETCH(QString, crs);
    QFETCH(double, lon);
    QFETCH(double, lat);
    const QString path = sharedDataFile(relative);
    if (path.isEmpty())
        QSKIP("shared sample data absent (see ../shared/data/PROVENANCE.md)");
    auto options = projectOptions();
    options.projectCrs = crs;
    const data::ProjectedPoint centre = project(lon, lat, crs);
    options.origin = centre;
    auto source = gis::openImagerySource(path, options);
    QVERIFY2(source, qPrintable(source.status().message()));
    // World-wide: clipped to the project area.
    const data::Extent2D& e = (*source)->info().extent;
    QVERIFY(e.contains(centre.x, centre.y));
    QVERIFY(e.width() <= 2 * gis::kMaxSourceRadiusM + 1 && e.height() <= 2 * gis::kMaxSourceRadiusM + 1);
    const auto grid = gridAround(centre.x, centre.y, 2000, 64);
    auto img = (*source)->readImage(grid, {});
    QVERIFY2(img, qPrintable(img.status().message()));
    // The reference: the one-shot reader, a separate open and band path over the same warp.
    auto reference = gis::readImagery(path, crs, grid);
    QVERIFY2(reference, qPrintable(reference.status().message()));
    int opaque = 0;
    for (size_t i = 0; i < img->rgba.size(); ++i) {
        QVERIFY2(std::abs(int(img->rgba[i]) - int(reference->rgba[i])) <= 1, qPrintable(QString::number(i)));
        opaque += (i % 4 == 3 && img->rgba[i] == 255);
    }
    QVERIFY(opaque > 64 * 64 / 2); // on land: the basemap draws there
}

void TestRasterSources::sourceAwayFromTheProjectIsEmpty()
{
    const QString path = sharedDataFile(QStringLiteral("imagery/geopackage_js/wgs84.gpkg"));
    if (path.isEmpty())
        QSKIP("shared sample data absent (see ../shared/data/PROVENANCE.md)");
    auto source = gis::openImagerySource(path, projectOptions()); // Pinghu: the GeoPackage is far away
    QVERIFY2(source, qPrintable(source.status().message()));
    QVERIFY((*source)->info().extent.isEmpty());
    auto img = (*source)->readImage(gridAround(kE0, kN0, 100, 16), {});
    QVERIFY(img);
    QVERIFY(std::all_of(img->rgba.begin(), img->rgba.end(), [](std::uint8_t v) { return v == 0; }));
}

void TestRasterSources::reprojectedFeatureLandsOnItsPixel_data()
{
    QTest::addColumn<QString>("crs");
    QTest::newRow("EPSG:4326") << "EPSG:4326";
    QTest::newRow("EPSG:3857") << "EPSG:3857";
}

void TestRasterSources::reprojectedFeatureLandsOnItsPixel()
{
    QFETCH(QString, crs);
    // A red 30 m square centred on 121.0E 30.7N on grey, 400 x 400 cells of ~5 m in CRS.
    constexpr double kLon = 121.0, kLat = 30.7;
    double x0 = kLon, y0 = kLat, cell = 0.00005;
    if (crs == QLatin1String("EPSG:3857")) {
        x0 = kLon * 20037508.342789244 / 180.0;
        y0 = std::log(std::tan((90.0 + kLat) * M_PI / 360.0)) * 6378137.0;
        cell = 5.0;
    }
    const QString path = m_dir.filePath(QStringLiteral("square_%1.tif").arg(crs.mid(5)));
    RasterSpec spec{crs, x0 - 200 * cell, y0 + 200 * cell, cell, cell, 400, 400, 3, GDT_Byte};
    const double half = crs == QLatin1String("EPSG:3857") ? 3 : 3; // cells either side of the centre
    auto ds = createGeoTiff(path, spec, [&](int band, int col, int row) {
        const bool red = std::abs(col + 0.5 - 200) <= half && std::abs(row + 0.5 - 200) <= half;
        return red ? (band == 1 ? 255.0 : 0.0) : 128.0;
    });
    ds.reset();
    auto source = gis::openImagerySource(path, projectOptions());
    QVERIFY2(source, qPrintable(source.status().message()));
    const data::ProjectedPoint centre = project(kLon, kLat);
    // The 4549 grid is offset from the feature so the test cannot pass by symmetry.
    const auto grid = gridAround(centre.x + 37, centre.y - 23, 2.0, 100);
    auto img = (*source)->readImage(grid, {});
    QVERIFY2(img, qPrintable(img.status().message()));
    double sx = 0, sy = 0;
    int count = 0;
    for (int row = 0; row < 100; ++row)
        for (int col = 0; col < 100; ++col) {
            const std::uint8_t* p = pixelAt(*img, col, row);
            if (p[0] > 190 && p[1] < 70) {
                sx += col + 0.5;
                sy += row + 0.5;
                ++count;
            }
        }
    QVERIFY2(count > 20, qPrintable(QString::number(count)));
    const double expectedCol = (centre.x - grid.extent.minX) / grid.cellX();
    const double expectedRow = (grid.extent.maxY - centre.y) / grid.cellY();
    QVERIFY2(std::hypot(sx / count - expectedCol, sy / count - expectedRow) <= 1.0,
             qPrintable(QStringLiteral("red centroid (%1, %2), expected (%3, %4)")
                            .arg(sx / count)
                            .arg(sy / count)
                            .arg(expectedCol)
                            .arg(expectedRow)));
}

void TestRasterSources::projectCrsFastPathMatchesWarp_data()
{
    QTest::addColumn<double>("cell");
    QTest::addColumn<double>("dx");
    QTest::newRow("finer than the source, inside") << 3.3 << 13.0;
    QTest::newRow("native, half outside") << 5.0 << 450.0;
    QTest::newRow("reduced 7x (overview), crossing the edge") << 35.0 << 600.0;
}

void TestRasterSources::projectCrsFastPathMatchesWarp()
{
    QFETCH(double, cell);
    QFETCH(double, dx);
    // The same smooth gradient twice in the project CRS: plain (read as a window, no warp) and with
    // a no-data value nothing uses (which sends reads through the warper).
    auto gradient = [](int band, int col, int row) {
        return band == 1 ? col * 255.0 / 199 : band == 2 ? row * 255.0 / 199 : 90.0;
    };
    const int levels[] = {2, 4, 8};
    QString paths[2];
    for (int i = 0; i < 2; ++i) {
        paths[i] = m_dir.filePath(QStringLiteral("gradient%1.tif").arg(i));
        RasterSpec spec{QString::fromLatin1(kProjectCrs), kE0 - 500, kN0 + 500, 5, 5, 200, 200, 3, GDT_Byte};
        auto ds = createGeoTiff(paths[i], spec, gradient);
        if (i == 1)
            for (int b = 1; b <= 3; ++b)
                ds->GetRasterBand(b)->SetNoDataValue(-1);
        ds->BuildOverviews("AVERAGE", 3, levels, 0, nullptr, nullptr, nullptr);
    }
    auto direct = gis::openImagerySource(paths[0], projectOptions());
    auto warped = gis::openImagerySource(paths[1], projectOptions());
    QVERIFY(direct && warped);
    const auto grid = gridAround(kE0 + dx, kN0 - 17, cell, 64);
    auto a = (*direct)->readImage(grid, {});
    auto b = (*warped)->readImage(grid, {});
    QVERIFY(a && b);
    const data::Extent2D& source = (*direct)->info().extent;
    int compared = 0;
    for (int row = 0; row < 64; ++row)
        for (int col = 0; col < 64; ++col) {
            const double e = grid.extent.minX + (col + 0.5) * cell;
            const double n = grid.extent.maxY - (row + 0.5) * cell;
            // Pixels within a cell of the source's edge may differ (partial coverage).
            const double margin = std::max(cell, 5.0) * 1.01;
            const bool inside = e > source.minX + margin && e < source.maxX - margin &&
                                n > source.minY + margin && n < source.maxY - margin;
            const bool outside = e < source.minX - margin || e > source.maxX + margin ||
                                 n < source.minY - margin || n > source.maxY + margin;
            const std::uint8_t* p = pixelAt(*a, col, row);
            const std::uint8_t* q = pixelAt(*b, col, row);
            if (outside) {
                QCOMPARE(int(p[3]), 0);
                QCOMPARE(int(q[3]), 0);
            } else if (inside) {
                QCOMPARE(int(p[3]), 255);
                QCOMPARE(int(q[3]), 255);
                for (int c = 0; c < 3; ++c)
                    QVERIFY2(std::abs(int(p[c]) - int(q[c])) <= 3,
                             qPrintable(QStringLiteral("(%1, %2) channel %3: %4 vs %5")
                                            .arg(col)
                                            .arg(row)
                                            .arg(c)
                                            .arg(p[c])
                                            .arg(q[c])));
                ++compared;
            }
        }
    QVERIFY(compared > 100);
}

void TestRasterSources::elevationLocalDem()
{
    const QString path = m_dir.filePath(QStringLiteral("dem4549.tif"));
    auto plane = [](double e, double n) { return 20.0 + 0.02 * (e - kE0) - 0.01 * (n - kN0); };
    RasterSpec spec{
        QString::fromLatin1(kProjectCrs), kE0 - 1000, kN0 + 1000, 10, 10, 200, 200, 1, GDT_Float32};
    auto ds = createGeoTiff(path, spec, [&](int, int col, int row) {
        return plane(kE0 - 1000 + (col + 0.5) * 10, kN0 + 1000 - (row + 0.5) * 10);
    });
    ds.reset();
    auto source = gis::openElevationSource(path, projectOptions());
    QVERIFY2(source, qPrintable(source.status().message()));
    QCOMPARE((*source)->info().resolution, 10.0);
    const auto grid = gridAround(kE0 + 100, kN0 - 200, 7.0, 32);
    auto heights = (*source)->readHeights(grid, {});
    QVERIFY2(heights, qPrintable(heights.status().message()));
    for (int row = 0; row < 32; row += 5)
        for (int col = 0; col < 32; col += 5) {
            const double e = grid.extent.minX + (col + 0.5) * grid.cellX();
            const double n = grid.extent.maxY - (row + 0.5) * grid.cellY();
            QVERIFY(std::abs(heights->at(col, row) - plane(e, n)) < 0.01);
        }
    // Half outside (east edge at kE0 + 1000): NaN beyond the edge, the plane inside.
    const auto edge = gridAround(kE0 + 1000, kN0, 10.0, 20);
    auto partial = (*source)->readHeights(edge, {});
    QVERIFY2(partial, qPrintable(partial.status().message()));
    for (int row = 0; row < 20; ++row) {
        QVERIFY(std::isnan(partial->at(15, row)));
        const double e = edge.extent.minX + 4.5 * 10.0;
        const double n = edge.extent.maxY - (row + 0.5) * 10.0;
        QVERIFY(std::abs(partial->at(4, row) - plane(e, n)) < 0.01);
    }
    // Far away: all NaN.
    auto far = (*source)->readHeights(gridAround(kE0 - 30000, kN0, 10.0, 8), {});
    QVERIFY(far);
    QVERIFY(std::all_of(far->heights.begin(), far->heights.end(), [](float h) { return std::isnan(h); }));
}

void TestRasterSources::elevationMtFuji()
{
    const QString path = sharedDataFile(QStringLiteral("dem/osgearth/mt_fuji_90m.tif"));
    if (path.isEmpty())
        QSKIP("shared sample data absent (see ../shared/data/PROVENANCE.md)");
    // A project placed at Fuji (far outside the 3-degree zone still projects, distorted).
    auto options = projectOptions();
    const data::ProjectedPoint summit = project(138.7274, 35.3606);
    options.origin = summit;
    auto source = gis::openElevationSource(path, options);
    QVERIFY2(source, qPrintable(source.status().message()));
    QVERIFY((*source)->info().extent.contains(summit.x, summit.y));
    auto heights = (*source)->readHeights(gridAround(summit.x, summit.y, 90, 40), {});
    QVERIFY2(heights, qPrintable(heights.status().message()));
    float top = 0;
    for (float h : heights->heights)
        top = std::max(top, h);
    QVERIFY2(top > 3600 && top < 3800, qPrintable(QString::number(top))); // 3776 m, 90 m cells
}

void TestRasterSources::outsideIsTransparentAndNaN()
{
    auto source = gis::openImagerySource(orthophoto(), projectOptions());
    QVERIFY(source);
    // Half outside: the outer half is transparent, the inner half drawn.
    auto img = (*source)->readImage(gridAround(kE0 + 500, kN0, 5, 20), {});
    QVERIFY(img);
    QCOMPARE(int(pixelAt(*img, 2, 10)[3]), 255);
    QCOMPARE(int(pixelAt(*img, 17, 10)[3]), 0);
    // Far away: transparent without a read.
    auto far = (*source)->readImage(gridAround(kE0 + 50000, kN0, 5, 256), {});
    QVERIFY(far);
    QVERIFY(std::all_of(far->rgba.begin(), far->rgba.end(), [](std::uint8_t v) { return v == 0; }));
}

void TestRasterSources::maskedPixelsAreTransparent()
{
    // An orthophoto in the project CRS with an internal mask (like JPEG-compressed COGs): the
    // masked western half is transparent, the rest drawn.
    const QString path = m_dir.filePath(QStringLiteral("masked.tif"));
    RasterSpec spec{QString::fromLatin1(kProjectCrs), kE0 - 500, kN0 + 500, 5, 5, 200, 200, 3, GDT_Byte};
    auto ds = createGeoTiff(path, spec, [](int band, int, int) { return band * 60.0; });
    QVERIFY(ds->CreateMaskBand(GMF_PER_DATASET) == CE_None);
    std::vector<std::uint8_t> mask(200 * 200);
    for (int row = 0; row < 200; ++row)
        for (int col = 0; col < 200; ++col)
            mask[size_t(row) * 200 + size_t(col)] = col < 100 ? 0 : 255;
    QVERIFY(ds->GetRasterBand(1)->GetMaskBand()->RasterIO(GF_Write, 0, 0, 200, 200, mask.data(), 200, 200,
                                                          GDT_Byte, 0, 0, nullptr) == CE_None);
    ds.reset();
    auto source = gis::openImagerySource(path, projectOptions());
    QVERIFY2(source, qPrintable(source.status().message()));
    auto img = (*source)->readImage(gridAround(kE0, kN0, 5, 40), {});
    QVERIFY2(img, qPrintable(img.status().message()));
    QCOMPARE(int(pixelAt(*img, 5, 20)[3]), 0);
    QCOMPARE(int(pixelAt(*img, 35, 20)[3]), 255);
    QCOMPARE(int(pixelAt(*img, 35, 20)[1]), 120);
}

QTEST_GUILESS_MAIN(TestRasterSources)
#include "tst_rastersources.moc"
