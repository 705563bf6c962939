// Basemap sources (gis/RasterSourceFactory.h) given bad input or untrusted services, cancelled,
// and shared between threads.

#include "RasterSourceFixtures.h"
#include "gis/ServiceDescription.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>
#include <thread>

using namespace citytwin;
using namespace citytwin::test;
using data::Status;

class TestRasterSourceErrors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void badInput_data();
    void badInput();
    void untrustedNetworkRefused();
    void gdalWmsFileNeedsTrust();
    void cancelledReadStopsQuickly();
    void concurrentReadsAgree();

private:
    QString orthophoto() { return writeOrthophoto(m_dir.path()); }
    QTemporaryDir m_dir;
};

void TestRasterSourceErrors::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestRasterSourceErrors::badInput_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("wording");
    QTest::newRow("missing file") << "missing" << int(Status::Code::NotFound) << "does not exist";
    QTest::newRow("truncated GeoTIFF") << "truncated" << int(Status::Code::FormatError) << "truncated";
    QTest::newRow("no CRS") << "nocrs" << int(Status::Code::Unsupported) << "no coordinate reference system";
    QTest::newRow("CRS that cannot reach the project")
        << "localcrs" << int(Status::Code::Unsupported) << "transform";
    QTest::newRow("empty MBTiles") << "emptymbtiles" << int(Status::Code::FormatError) << "empty.mbtiles";
    QTest::newRow("DEM as imagery") << "dem" << int(Status::Code::Unsupported) << "8-bit";
}

void TestRasterSourceErrors::badInput()
{
    QFETCH(QString, kind);
    QFETCH(int, code);
    QFETCH(QString, wording);
    QString path = m_dir.filePath(kind + QStringLiteral(".tif"));
    RasterSpec spec{QString::fromLatin1(kProjectCrs), kE0, kN0, 1, 1, 64, 64, 1, GDT_Byte};
    if (kind == QLatin1String("missing")) {
        path = m_dir.filePath(QStringLiteral("nowhere.tif"));
    } else if (kind == QLatin1String("truncated")) {
        const char* opts[] = {"TILED=YES", nullptr};
        spec.width = spec.height = 1024;
        spec.createOptions = opts;
        createGeoTiff(path, spec, [](int, int c, int r) { return double((c * 7 + r * 13) % 251); }).reset();
        QFile f(path);
        QVERIFY(f.resize(f.size() / 2));
    } else if (kind == QLatin1String("nocrs")) {
        spec.crs.clear();
        createGeoTiff(path, spec, [](int, int, int) { return 1.0; }).reset();
    } else if (kind == QLatin1String("localcrs")) {
        spec.crs = QStringLiteral("LOCAL_CS[\"site grid\",UNIT[\"metre\",1]]");
        createGeoTiff(path, spec, [](int, int, int) { return 1.0; }).reset();
    } else if (kind == QLatin1String("emptymbtiles")) {
        path = m_dir.filePath(QStringLiteral("empty.mbtiles"));
        GDALDriver* sqlite = GetGDALDriverManager()->GetDriverByName("SQLite");
        GDALDatasetUniquePtr db(sqlite->Create(path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
        QVERIFY(db);
        db->ExecuteSQL("CREATE TABLE metadata (name text, value text)", nullptr, nullptr);
        db->ExecuteSQL("CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, "
                       "tile_data blob)",
                       nullptr, nullptr);
    } else if (kind == QLatin1String("dem")) {
        spec.type = GDT_Float32;
        createGeoTiff(path, spec, [](int, int, int) { return 12.5; }).reset();
    }
    QElapsedTimer timer;
    timer.start();
    auto source = gis::openImagerySource(path, projectOptions());
    QVERIFY(!source);
    QVERIFY2(int(source.status().code()) == code, qPrintable(source.status().message()));
    QVERIFY2(source.status().message().contains(wording, Qt::CaseInsensitive),
             qPrintable(source.status().message()));
    QVERIFY2(source.status().message().contains(QFileInfo(path).fileName()),
             qPrintable(source.status().message()));
    QVERIFY(timer.elapsed() < 5000);
}

void TestRasterSourceErrors::untrustedNetworkRefused()
{
    const QStringList uris = {QStringLiteral("https://tile.example.org/{z}/{x}/{y}.png"),
                              QStringLiteral("https://example.org/wmts/1.0.0/WMTSCapabilities.xml"),
                              QStringLiteral("/vsicurl/https://example.org/ortho.tif")};
    for (const QString& uri : uris) {
        auto source = gis::openImagerySource(uri, projectOptions()); // allowNetwork = false
        QVERIFY(!source);
        QCOMPARE(source.status().code(), Status::Code::Unsupported);
        QVERIFY2(source.status().message().contains(QLatin1String("trusted")),
                 qPrintable(source.status().message()));
    }
}

void TestRasterSourceErrors::gdalWmsFileNeedsTrust()
{
    // A GDAL WMS description over a local tile folder (file://): one level-0 tile in the colour red.
    const QString folder = m_dir.filePath(QStringLiteral("wmstiles/0/0"));
    QDir().mkpath(folder);
    RasterSpec tile{QStringLiteral("EPSG:3857"), 0, 0, 1, 1, 256, 256, 3, GDT_Byte};
    const QString tif = m_dir.filePath(QStringLiteral("tile.tif"));
    createGeoTiff(tif, tile, [](int band, int, int) { return band == 1 ? 200.0 : 10.0; }).reset();
    QVERIFY(
        translate(tif, folder + QStringLiteral("/0.png"), {QStringLiteral("-of"), QStringLiteral("PNG")}));
    const QString xml = m_dir.filePath(QStringLiteral("basemap.xml"));
    QFile f(xml);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(gis::xyzToGdalWmsXml(QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("wmstiles"))).toString() +
                                     QStringLiteral("/{z}/{x}/{y}.png"),
                                 projectOptions(), 0)
                .toUtf8());
    f.close();
    QCOMPARE(gis::classifyRasterSource(xml), gis::RasterSourceType::GdalWms);
    // Not trusted: neither the factory nor the one-shot reader opens it.
    auto refused = gis::openImagerySource(xml, projectOptions());
    QVERIFY(!refused);
    QVERIFY2(refused.status().message().contains(QLatin1String("trusted")),
             qPrintable(refused.status().message()));
    auto reader = gis::readImagery(xml, QString::fromLatin1(kProjectCrs), gridAround(kE0, kN0, 1000, 4));
    QVERIFY(!reader);
    QCOMPARE(reader.status().code(), Status::Code::Unsupported);
    // Trusted: it reads.
    auto options = projectOptions();
    options.allowNetwork = true;
    auto source = gis::openImagerySource(xml, options);
    QVERIFY2(source, qPrintable(source.status().message()));
    auto img = (*source)->readImage(gridAround(kE0, kN0, 50000, 4), {});
    QVERIFY2(img, qPrintable(img.status().message()));
    const std::uint8_t* p = pixelAt(*img, 2, 2);
    QVERIFY2(std::abs(p[0] - 200) <= 2 && std::abs(p[1] - 10) <= 2 && p[3] == 255,
             qPrintable(QStringLiteral("%1 %2 %3 %4").arg(p[0]).arg(p[1]).arg(p[2]).arg(p[3])));
}

void TestRasterSourceErrors::cancelledReadStopsQuickly()
{
    auto source = gis::openImagerySource(orthophoto(), projectOptions());
    QVERIFY(source);
    auto token = data::CancelToken::create();
    token.cancel();
    QElapsedTimer timer;
    timer.start();
    auto img = (*source)->readImage(gridAround(kE0, kN0, 0.25, 4096), token);
    QVERIFY(!img);
    QCOMPARE(img.status().code(), Status::Code::Cancelled);
    QVERIFY(timer.elapsed() < 200);
    // Cancelled from another thread while a big read runs: stops early or finishes, never hangs.
    auto running = data::CancelToken::create();
    std::thread canceller([running] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        running.cancel();
    });
    timer.restart();
    auto big = (*source)->readImage(gridAround(kE0, kN0, 0.25, 4096), running);
    canceller.join();
    QVERIFY(big || big.status().code() == Status::Code::Cancelled);
}

void TestRasterSourceErrors::concurrentReadsAgree()
{
    auto source = gis::openImagerySource(orthophoto(), projectOptions());
    QVERIFY(source);
    const auto grid = gridAround(kE0 + 13, kN0 - 7, 3.3, 128);
    auto reference = (*source)->readImage(grid, {});
    QVERIFY(reference);
    std::vector<std::vector<std::uint8_t>> results(6);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < results.size(); ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) {
                auto img = (*source)->readImage(grid, {});
                if (!img)
                    return;
                results[t] = img->rgba;
            }
        });
    for (auto& t : threads)
        t.join();
    for (const auto& r : results)
        QVERIFY(r == reference->rgba);
}

QTEST_GUILESS_MAIN(TestRasterSourceErrors)
#include "tst_rastersourceerrors.moc"
