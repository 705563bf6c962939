// RasterReader for elevation: one DEM read in two CRSs agrees, no-data and outside are NaN, the
// reprojected extent, downsampling averages and uses overviews, parallel reads, bad inputs, and
// the real DEMs of ../shared/data (Mt Fuji, the world DEM under Pinghu).
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

class TestDemReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void demInTwoCrsAgree();
    void demNoDataAndOutsideAreNaN();
    void demWithoutTargetUsesReprojectedExtent();
    void downsamplingAveragesAndUsesOverviews_data();
    void downsamplingAveragesAndUsesOverviews();
    void parallelReads();
    void errors_data();
    void errors();
    void realMtFuji();
    void realWorldUnderPinghu();

private:
    QTemporaryDir m_dir;
};

void TestDemReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestDemReader::demInTwoCrsAgree()
{
    const QString local = writeLocalDem(m_dir.filePath(QStringLiteral("dem4549.tif")));
    QVERIFY(!local.isEmpty());

    // The same surface sampled on a lon/lat grid (EPSG:4326) covering the area with a margin.
    auto toProjected = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:4549"));
    QVERIFY(toProjected.isOk());
    const double lon0 = 120.985, lat0 = 30.715, step = 0.0001; // ~10 m
    const QString geographic = m_dir.filePath(QStringLiteral("dem4326.tif"));
    RasterSpec spec{QStringLiteral("EPSG:4326"), lon0, lat0, step, step, 300, 300};
    auto ds = createGeoTiff(geographic, spec, [&](int, int col, int row) {
        const auto p = toProjected->forward({lon0 + (col + 0.5) * step, lat0 - (row + 0.5) * step, 0});
        return surface(p->x, p->y);
    });
    QVERIFY(ds);
    ds.reset();

    GridGeometry target{{kE0 - 600, kN0 - 600, kE0 + 600, kN0 + 600}, 80, 80}; // 15 m cells
    auto a = gis::readElevation(local, QStringLiteral("EPSG:4549"), target);
    auto b = gis::readElevation(geographic, QStringLiteral("EPSG:4549"), target);
    QVERIFY2(a.isOk(), qPrintable(a.status().message()));
    QVERIFY2(b.isOk(), qPrintable(b.status().message()));
    QCOMPARE(a->grid.width, 80);
    QCOMPARE(b->heights.size(), size_t(80 * 80));
    double worst = 0;
    for (int row = 0; row < 80; ++row)
        for (int col = 0; col < 80; ++col) {
            const double e = target.extent.minX + (col + 0.5) * target.cellX();
            const double n = target.extent.maxY - (row + 0.5) * target.cellY();
            const double expected = surface(e, n);
            worst =
                std::max({worst, std::abs(a->at(col, row) - expected), std::abs(b->at(col, row) - expected)});
        }
    qInfo("DEM 4549 vs 4326 onto one grid: worst deviation %.4f m", worst);
    QVERIFY2(worst < 0.05, qPrintable(QStringLiteral("worst deviation %1 m").arg(worst)));
}

void TestDemReader::demNoDataAndOutsideAreNaN()
{
    const QString local = writeLocalDem(m_dir.filePath(QStringLiteral("dem_nodata.tif")));
    // Target reaches 500 m west of the DEM: the NW no-data block and the outside become NaN.
    GridGeometry target{{kE0 - 1500, kN0 - 500, kE0 + 500, kN0 + 1000}, 200, 150}; // 10 m cells
    auto grid = gis::readElevation(local, QStringLiteral("EPSG:4549"), target);
    QVERIFY2(grid.isOk(), qPrintable(grid.status().message()));
    QVERIFY(std::isnan(grid->at(10, 10))); // outside the source
    QVERIFY(std::isnan(grid->at(55, 5)));  // inside the no-data block (source col 5, row 5)
    QVERIFY(!std::isnan(grid->at(120, 80)));
    QVERIFY(std::abs(grid->at(120, 80) - surface(kE0 - 1500 + 1205, kN0 + 1000 - 805)) < 0.01);
    // Next to the no-data block, valid neighbours carry the value instead of -9999 bleeding in.
    for (float h : grid->heights)
        QVERIFY(std::isnan(h) || h > -100);
}

void TestDemReader::demWithoutTargetUsesReprojectedExtent()
{
    const QString local = writeLocalDem(m_dir.filePath(QStringLiteral("dem_native.tif")));
    auto same = gis::readElevation(local, QStringLiteral("EPSG:4549"));
    QVERIFY2(same.isOk(), qPrintable(same.status().message()));
    QCOMPARE(same->grid.width, 200);
    QCOMPARE(same->grid.height, 200);
    QVERIFY(std::abs(same->grid.extent.minX - (kE0 - 1000)) < 1e-6);
    QVERIFY(std::abs(same->grid.extent.maxY - (kN0 + 1000)) < 1e-6);

    auto capped = gis::readElevation(local, QStringLiteral("EPSG:4326"), std::nullopt, 64);
    QVERIFY2(capped.isOk(), qPrintable(capped.status().message()));
    QVERIFY(capped->grid.width <= 64 && capped->grid.height <= 64);
    QVERIFY(std::max(capped->grid.width, capped->grid.height) == 64);
    // In degrees around Pinghu.
    QVERIFY(capped->grid.extent.contains(121.0, 30.7));
    QVERIFY(capped->grid.extent.width() < 0.05);
}

void TestDemReader::downsamplingAveragesAndUsesOverviews_data()
{
    QTest::addColumn<int>("cells"); // target cells a side over the same 5120 m square
    QTest::addColumn<bool>("overviews");
    QTest::addColumn<double>("expected");
    // Full resolution: stripes 0,0,0,10 along x (mean 2.5); the overviews hold 100 (see below).
    QTest::newRow("native, bilinear") << 512 << true << -1.0;
    QTest::newRow("4x coarser, no overviews: averaged") << 128 << false << 2.5;
    QTest::newRow("2x coarser: overview 1 (factor 2)") << 256 << true << 100.0;
    QTest::newRow("4x coarser: overview 2 (factor 4)") << 128 << true << 400.0;
}

void TestDemReader::downsamplingAveragesAndUsesOverviews()
{
    QFETCH(int, cells);
    QFETCH(bool, overviews);
    QFETCH(double, expected);
    const QString path = m_dir.filePath(QStringLiteral("ovr_%1_%2.tif").arg(cells).arg(overviews));
    RasterSpec spec{QStringLiteral("EPSG:4549"), kE0, kN0 + 5120, 10, 10, 512, 512};
    auto ds = createGeoTiff(path, spec, [](int, int, int) { return 0.0; });
    QVERIFY(ds);
    if (overviews) {
        // Build overviews, then give each level its own constant so the test sees which one was read.
        int levels[2] = {2, 4};
        QCOMPARE(GDALBuildOverviews(GDALDataset::ToHandle(ds.get()), "AVERAGE", 2, levels, 0, nullptr,
                                    nullptr, nullptr),
                 CE_None);
        for (int i = 0; i < 2; ++i) {
            GDALRasterBand* ovr = ds->GetRasterBand(1)->GetOverview(i);
            std::vector<float> v(size_t(ovr->GetXSize()) * size_t(ovr->GetYSize()),
                                 100.0f * float(i * 3 + 1));
            QCOMPARE(ovr->RasterIO(GF_Write, 0, 0, ovr->GetXSize(), ovr->GetYSize(), v.data(),
                                   ovr->GetXSize(), ovr->GetYSize(), GDT_Float32, 0, 0, nullptr),
                     CE_None);
        }
    }
    std::vector<float> row(512);
    for (int x = 0; x < 512; ++x)
        row[size_t(x)] = x % 4 == 3 ? 10.0f : 0.0f;
    for (int y = 0; y < 512; ++y)
        QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, y, 512, 1, row.data(), 512, 1, GDT_Float32, 0, 0,
                                                nullptr),
                 CE_None);
    ds.reset();

    GridGeometry target{{kE0, kN0, kE0 + 5120, kN0 + 5120}, cells, cells};
    auto dem = gis::readElevation(path, QStringLiteral("EPSG:4549"), target);
    QVERIFY2(dem.isOk(), qPrintable(dem.status().message()));
    if (expected < 0) {
        QCOMPARE(dem->at(3, 100), 10.0f); // the stripes come through unchanged
        QCOMPARE(dem->at(4, 100), 0.0f);
    } else {
        for (int col : {10, 11, 12, 13})
            QVERIFY2(std::abs(dem->at(col, cells / 2) - expected) < 1e-4,
                     qPrintable(QString::number(dem->at(col, cells / 2))));
    }
}

void TestDemReader::parallelReads()
{
    // Workers read concurrently, each with its own dataset (ARCHITECTURE.md): results must not mix.
    const QString path = writeLocalDem(m_dir.filePath(QStringLiteral("dem_parallel.tif")));
    QVERIFY(!path.isEmpty());
    std::vector<double> centre(4, 0.0);
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; ++t)
        workers.emplace_back([&, t] {
            const double shift = 100.0 * t;
            GridGeometry g{{kE0 - 300 + shift, kN0 - 300, kE0 + 300 + shift, kN0 + 300}, 60, 60};
            for (int i = 0; i < 5; ++i) {
                auto dem = gis::readElevation(path, QStringLiteral("EPSG:4549"), g);
                centre[size_t(t)] = dem.isOk() ? dem->heightAt(kE0 + shift + 5, kN0 + 5).value_or(-1) : -1;
            }
        });
    for (auto& w : workers)
        w.join();
    for (int t = 0; t < 4; ++t)
        QVERIFY2(std::abs(centre[size_t(t)] - surface(kE0 + 100.0 * t + 5, kN0 + 5)) < 0.01,
                 qPrintable(QString::number(centre[size_t(t)])));
}

void TestDemReader::errors_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("projectCrs");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("says");
    QTest::newRow("missing") << "missing"
                             << "EPSG:4549" << int(Status::Code::NotFound) << "does not exist";
    QTest::newRow("text renamed .tif") << "text"
                                       << "EPSG:4549" << int(Status::Code::FormatError) << "not a raster";
    QTest::newRow("empty file") << "empty"
                                << "EPSG:4549" << int(Status::Code::FormatError) << "empty";
    QTest::newRow("truncated GeoTIFF") << "truncated"
                                       << "EPSG:4549" << int(Status::Code::FormatError) << "truncated";
    QTest::newRow("no CRS") << "nocrs"
                            << "EPSG:4549" << int(Status::Code::Unsupported)
                            << "no coordinate reference system";
    QTest::newRow("network URL") << "url"
                                 << "EPSG:4549" << int(Status::Code::Unsupported) << "need to be trusted";
    QTest::newRow("bad project CRS") << "good"
                                     << "EPSG:99999999" << int(Status::Code::Unsupported) << "EPSG:99999999";
    QTest::newRow("engineering CRS, no way to 4549")
        << "local"
        << "EPSG:4549" << int(Status::Code::Unsupported) << "cannot transform from arbitrary to EPSG:4549";
}

void TestDemReader::errors()
{
    QFETCH(QString, kind);
    QFETCH(QString, projectCrs);
    QFETCH(int, code);
    QFETCH(QString, says);
    QString path = m_dir.filePath(kind + QStringLiteral(".tif"));
    if (kind == QLatin1String("text")) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is a shopping list, not an image\neggs\nmilk\n");
    } else if (kind == QLatin1String("empty")) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
    } else if (kind == QLatin1String("truncated") || kind == QLatin1String("good") ||
               kind == QLatin1String("nocrs") || kind == QLatin1String("local")) {
        const QString crs = kind == QLatin1String("nocrs") ? QString()
                            : kind == QLatin1String("local")
                                ? QStringLiteral(R"(LOCAL_CS["arbitrary",UNIT["metre",1]])")
                                : QStringLiteral("EPSG:4549");
        RasterSpec spec{crs, kE0, kN0, 10, 10, 256, 256};
        QVERIFY(createGeoTiff(path, spec, [](int, int c, int r) { return c + r; }));
        if (kind == QLatin1String("truncated")) {
            QFile f(path);
            QVERIFY(f.resize(f.size() * 2 / 5));
        }
    } else if (kind == QLatin1String("url")) {
        path = QStringLiteral("https://example.com/dem.tif");
    }
    GridGeometry target{{kE0, kN0 - 2560, kE0 + 2560, kN0}, 64, 64};
    const auto dem = gis::readElevation(path, projectCrs, target);
    QVERIFY(!dem.isOk());
    QCOMPARE(int(dem.status().code()), code);
    QVERIFY2(dem.status().message().contains(says), qPrintable(dem.status().message()));
    if (kind != QLatin1String("good"))
        QVERIFY2(dem.status().message().contains(path), qPrintable(dem.status().message()));
    const auto img = gis::readImagery(path, projectCrs, target);
    QVERIFY(!img.isOk());
    // Float32 fixtures are refused as imagery before they are read or transformed.
    const bool float32 =
        kind == QLatin1String("good") || kind == QLatin1String("truncated") || kind == QLatin1String("local");
    if (!float32)
        QVERIFY2(img.status().message().contains(says), qPrintable(img.status().message()));
    if (kind != QLatin1String("nocrs") && kind != QLatin1String("good") && kind != QLatin1String("local")) {
        const auto info = gis::inspectRaster(path);
        QVERIFY(!info.isOk());
        QVERIFY2(info.status().message().contains(says), qPrintable(info.status().message()));
    }
}

void TestDemReader::realMtFuji()
{
    const QString path = test::sharedDataFile(QStringLiteral("dem/osgearth/mt_fuji_90m.tif"));
    if (path.isEmpty())
        QSKIP("shared data dem/osgearth/mt_fuji_90m.tif is not available");
    auto info = gis::inspectRaster(path);
    QVERIFY2(info.isOk(), qPrintable(info.status().message()));
    QCOMPARE(info->dataType, QStringLiteral("Int16")); // a packed DEM, no palette
    QVERIFY(!info->hasColorTable);
    auto dem = gis::readElevation(path, QStringLiteral("EPSG:32654"));
    QVERIFY2(dem.isOk(), qPrintable(dem.status().message()));
    const auto& g = dem->grid;
    QVERIFY(g.width > 1000 && g.height > 1000);
    size_t best = 0;
    for (size_t i = 0; i < dem->heights.size(); ++i)
        if (!std::isnan(dem->heights[i]) &&
            (std::isnan(dem->heights[best]) || dem->heights[i] > dem->heights[best]))
            best = i;
    const double top = dem->heights[best];
    QVERIFY2(top > 3600 && top < 3800, qPrintable(QString::number(top)));
    const int col = int(best % size_t(g.width));
    const int row = int(best / size_t(g.width));
    const double x = g.extent.minX + (col + 0.5) * g.cellX();
    const double y = g.extent.maxY - (row + 0.5) * g.cellY();
    auto toUtm = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:32654"));
    QVERIFY(toUtm.isOk());
    const auto summit = toUtm->forward({138.7274, 35.3606, 0});
    QVERIFY(summit.isOk());
    const double off = std::hypot(x - summit->x, y - summit->y);
    qInfo("Mt Fuji: highest cell %.1f m, %.0f m from the summit", top, off);
    QVERIFY2(off < 200, qPrintable(QStringLiteral("highest cell %1 m from the summit").arg(off)));
    // The corners of the reprojected bounding box lie outside the source: no data, not zero.
    QVERIFY(std::isnan(dem->at(0, 0)) || std::isnan(dem->at(g.width - 1, 0)));
}

void TestDemReader::realWorldUnderPinghu()
{
    const QString path = test::sharedDataFile(QStringLiteral("imagery/osgearth/world.tif"));
    if (path.isEmpty())
        QSKIP("shared data imagery/osgearth/world.tif is not available");
    // A global lon/lat basemap cut out under the city in the Gauss-Kruger project CRS.
    GridGeometry target{{kE0 - 10000, kN0 - 10000, kE0 + 10000, kN0 + 10000}, 64, 64};
    auto img = gis::readImagery(path, QStringLiteral("EPSG:4549"), target);
    QVERIFY2(img.isOk(), qPrintable(img.status().message()));
    for (size_t i = 3; i < img->rgba.size(); i += 4)
        QCOMPARE(int(img->rgba[i]), 255);
    // The same spot read in lon/lat from the file directly: a 20 km square is inside one ~19 km
    // source pixel or its neighbours, so the centre colour matches one of the 3 x 3 around it.
    GDALDatasetUniquePtr src(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    QVERIFY(src);
    const int col = int((121.0 + 180.0) / 0.17578125);
    const int row = int((90.0 - 30.7) / 0.17578125);
    const std::uint8_t* c = pixel(*img, 32, 32);
    bool found = false;
    for (int dy = -1; dy <= 1 && !found; ++dy)
        for (int dx = -1; dx <= 1 && !found; ++dx) {
            std::uint8_t rgb[3];
            for (int b = 0; b < 3; ++b)
                QCOMPARE(src->GetRasterBand(b + 1)->RasterIO(GF_Read, col + dx, row + dy, 1, 1, &rgb[b], 1, 1,
                                                             GDT_Byte, 0, 0, nullptr),
                         CE_None);
            found =
                std::abs(rgb[0] - c[0]) < 40 && std::abs(rgb[1] - c[1]) < 40 && std::abs(rgb[2] - c[2]) < 40;
        }
    QVERIFY(found);
}

QTEST_GUILESS_MAIN(TestDemReader)
#include "tst_demreader.moc"
