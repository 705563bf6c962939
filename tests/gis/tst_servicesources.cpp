// Service basemap sources (gis/RasterSourceFactory.h) against a local HTTP tile server and a
// file:// tile folder: XYZ, WMTS (REST and KVP), faults and timeouts, trust. No outside network.
// The disk cache, seeding and trimming: tst_tilecache.

#include "ServiceFixtures.h"
#include "gis/ServiceDescription.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>
#include <thread>

using namespace citytwin;
using namespace citytwin::test;
using data::Status;

class TestServiceSources : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void xyzDescription_data();
    void xyzDescription();
    void xyzFromLocalFolder();
    void services_data();
    void services();
    void missingTilesAreTransparent_data();
    void missingTilesAreTransparent();
    void serverErrorNamesTheHost_data();
    void serverErrorNamesTheHost();
    void slowServerTimesOut_data();
    void slowServerTimesOut();
    void unreachableServiceNamesTheHost_data();
    void unreachableServiceNamesTheHost();
    void untrustedServiceIsNotContacted();
    void concurrentServiceReadsAgree();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<LocalTileServer> m_server;
};

void TestServiceSources::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestServiceSources::init()
{
    m_server = std::make_unique<LocalTileServer>();
    QVERIFY(m_server->isListening());
}

void TestServiceSources::xyzDescription_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("serverUrl");
    QTest::addColumn<QString>("yOrigin");
    QTest::newRow("plain") << "https://a.org/{z}/{x}/{y}.png"
                           << "https://a.org/${z}/${x}/${y}.png"
                           << "top";
    QTest::newRow("tms rows") << "https://a.org/{z}/{x}/{-y}.png"
                              << "https://a.org/${z}/${x}/${y}.png"
                              << "bottom";
    QTest::newRow("gdal form kept") << "https://a.org/${z}/${x}/${y}.png"
                                    << "https://a.org/${z}/${x}/${y}.png"
                                    << "top";
    QTest::newRow("tianditu key, subdomain, query")
        << "http://t{s}.tianditu.gov.cn/img_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={tk}"
        << "http://t0.tianditu.gov.cn/img_w/"
           "wmts?TILEMATRIX=${z}&amp;TILEROW=${y}&amp;TILECOL=${x}&amp;tk=KEY123"
        << "top";
    QTest::newRow("osm subdomain") << "https://{s}.tile.example.org/{z}/{x}/{y}.png"
                                   << "https://a.tile.example.org/${z}/${x}/${y}.png"
                                   << "top";
}

void TestServiceSources::xyzDescription()
{
    QFETCH(QString, uri);
    QFETCH(QString, serverUrl);
    QFETCH(QString, yOrigin);
    auto options = trusted();
    options.apiKey = QStringLiteral("KEY123");
    options.cacheDir = m_dir.filePath(QStringLiteral("cache"));
    options.timeoutS = 7;
    auto spec = gis::describeRasterSource(uri, options);
    QVERIFY2(spec, qPrintable(spec.status().message()));
    const QString xml = spec->gdalName;
    QVERIFY2(xml.contains(QStringLiteral("<ServerUrl>%1</ServerUrl>").arg(serverUrl)), qPrintable(xml));
    QVERIFY(xml.contains(QStringLiteral("<YOrigin>%1</YOrigin>").arg(yOrigin)));
    QVERIFY(xml.contains(QStringLiteral("<TileLevel>%1</TileLevel>").arg(gis::kDefaultXyzMaxLevel)));
    QVERIFY(xml.contains(QLatin1String("<Timeout>7</Timeout>")));
    QVERIFY(xml.contains(QLatin1String("<ZeroBlockHttpCodes>204,404</ZeroBlockHttpCodes>")));
    QVERIFY(xml.contains(QStringLiteral("<Cache><Path>%1</Path>").arg(options.cacheDir)));
    // The key never reaches messages or the project: the spec keeps the template as given.
    QCOMPARE(spec->uri, uri);
    if (uri.contains(QLatin1String("{tk}"))) {
        options.apiKey.clear();
        auto noKey = gis::describeRasterSource(uri, options);
        QVERIFY(!noKey);
        QVERIFY(noKey.status().message().contains(QLatin1String("API key")));
    }
}

void TestServiceSources::xyzFromLocalFolder()
{
    // Levels 6..12 around Pinghu, PNGs coloured like the server's.
    const QString root = m_dir.filePath(QStringLiteral("tiles"));
    for (int z = 6; z <= 12; ++z) {
        const Tile c = tileOf(kLon, kLat, z);
        for (int dx = -1; dx <= 1; ++dx)
            for (int dy = -1; dy <= 1; ++dy) {
                const QString dir = QStringLiteral("%1/%2/%3").arg(root).arg(z).arg(c.x + dx);
                QDir().mkpath(dir);
                QImage image(256, 256, QImage::Format_RGB32);
                image.fill(LocalTileServer::tileColour(z, c.x + dx, c.y + dy));
                QVERIFY(image.save(QStringLiteral("%1/%2.png").arg(dir).arg(c.y + dy)));
            }
    }
    const QString uri = QUrl::fromLocalFile(root).toString() + QStringLiteral("/{z}/{x}/{y}.png");
    QVERIFY(!gis::needsNetwork(uri));
    auto source = gis::openImagerySource(uri, projectOptions()); // no network needed
    QVERIFY2(source, qPrintable(source.status().message()));
    QVERIFY(!(*source)->info().network);
    // Native cells are level 12's (~32 m at 30.7N).
    QVERIFY2(std::abs((*source)->info().resolution - cellForLevel(12) / 1.4) < 2,
             qPrintable(QString::number((*source)->info().resolution)));
    for (int z : {9, 10, 12}) {
        const QString problem = checkTileColour(**source, z);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

void TestServiceSources::services_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("XYZ over HTTP") << "xyz";
    QTest::newRow("WMTS REST") << "wmts-rest";
    QTest::newRow("WMTS KVP") << "wmts-kvp";
    QTest::newRow("WMTS: prefix") << "wmts-prefix";
}

void TestServiceSources::services()
{
    QFETCH(QString, kind);
    const QString uri =
        kind == QLatin1String("xyz")         ? m_server->xyzTemplate()
        : kind == QLatin1String("wmts-rest") ? m_server->wmtsRestCapabilitiesUrl()
        : kind == QLatin1String("wmts-kvp")
            ? m_server->wmtsKvpCapabilitiesUrl()
            : QStringLiteral("WMTS:") + m_server->wmtsRestCapabilitiesUrl() + QStringLiteral(",layer=test");
    auto source = gis::openImagerySource(uri, trusted());
    QVERIFY2(source, qPrintable(source.status().message()));
    QVERIFY((*source)->info().network);
    QCOMPARE((*source)->info().name, QStringLiteral("127.0.0.1:%1").arg(m_server->port()));
    QVERIFY((*source)->info().extent.contains(kE0, kN0));
    for (int z : {9, 11, 13}) {
        const QString problem = checkTileColour(**source, z);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QVERIFY(m_server->tileRequests() > 0);
}

void TestServiceSources::missingTilesAreTransparent_data()
{
    QTest::addColumn<bool>("cached");
    QTest::newRow("no cache") << false;
    QTest::newRow("disk cache") << true;
}

void TestServiceSources::missingTilesAreTransparent()
{
    QFETCH(bool, cached);
    QTemporaryDir cache;
    auto options = trusted();
    if (cached)
        options.cacheDir = cache.path();
    m_server->setFault(LocalTileServer::Fault::NotFound);
    const data::ProjectedPoint c = tileCentre(tileOf(kLon, kLat, 11));
    // Twice, each time through a new source: a 404 must stay a transparent tile, also once the
    // cache has seen it.
    for (int pass = 0; pass < 2; ++pass) {
        auto source = gis::openImagerySource(m_server->xyzTemplate(), options);
        QVERIFY2(source, qPrintable(source.status().message()));
        for (int read = 0; read < 2; ++read) {
            auto img = (*source)->readImage(gridAround(c.x, c.y, cellForLevel(11), 8), {});
            QVERIFY2(img, qPrintable(img.status().message()));
            QVERIFY(std::all_of(img->rgba.begin(), img->rgba.end(), [](std::uint8_t v) { return v == 0; }));
        }
    }
    QVERIFY(m_server->tileRequests() > 0);
}

void TestServiceSources::serverErrorNamesTheHost_data()
{
    QTest::addColumn<bool>("wmts");
    QTest::newRow("XYZ") << false;
    QTest::newRow("WMTS") << true;
}

void TestServiceSources::serverErrorNamesTheHost()
{
    QFETCH(bool, wmts);
    const QString uri = wmts ? m_server->wmtsRestCapabilitiesUrl() : m_server->xyzTemplate();
    const QString host = QStringLiteral("127.0.0.1:%1").arg(m_server->port());
    // Failing from the start: opening fails.
    m_server->setFault(LocalTileServer::Fault::ServerError);
    auto broken = gis::openImagerySource(uri, trusted());
    QVERIFY(!broken);
    QCOMPARE(broken.status().code(), Status::Code::IoError);
    QVERIFY2(broken.status().message().contains(host), qPrintable(broken.status().message()));
    QVERIFY2(!broken.status().message().contains(QLatin1String("ZeroBlockHttpCodes")),
             qPrintable(broken.status().message()));
    // Failing later: the read fails, naming the host and the HTTP status.
    m_server->setFault(LocalTileServer::Fault::None);
    auto source = gis::openImagerySource(uri, trusted());
    QVERIFY2(source, qPrintable(source.status().message()));
    m_server->setFault(LocalTileServer::Fault::ServerError);
    const data::ProjectedPoint c = tileCentre(tileOf(kLon, kLat, 12));
    auto img = (*source)->readImage(gridAround(c.x, c.y, cellForLevel(12) / 8, 8), {});
    QVERIFY(!img);
    QCOMPARE(img.status().code(), Status::Code::IoError);
    QVERIFY2(img.status().message().contains(host) &&
                 img.status().message().contains(QLatin1String("HTTP 500")),
             qPrintable(img.status().message()));
}

void TestServiceSources::slowServerTimesOut_data()
{
    QTest::addColumn<bool>("wmts");
    QTest::newRow("XYZ") << false;
    QTest::newRow("WMTS") << true;
}

void TestServiceSources::slowServerTimesOut()
{
    QFETCH(bool, wmts);
    m_server->setFault(LocalTileServer::Fault::Slow);
    m_server->setSlowDelayMs(8000);
    auto options = trusted();
    options.timeoutS = 1;
    QElapsedTimer timer;
    timer.start();
    auto source =
        gis::openImagerySource(wmts ? m_server->wmtsRestCapabilitiesUrl() : m_server->xyzTemplate(), options);
    QVERIFY(!source);
    QVERIFY2(timer.elapsed() < 4000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(source.status().code(), Status::Code::IoError);
    QVERIFY2(source.status().message().contains(QStringLiteral("127.0.0.1:%1").arg(m_server->port())) &&
                 source.status().message().contains(QLatin1String("timed out")),
             qPrintable(source.status().message()));
}

void TestServiceSources::unreachableServiceNamesTheHost_data()
{
    QTest::addColumn<bool>("wmts");
    QTest::newRow("XYZ") << false;
    QTest::newRow("WMTS") << true;
}

void TestServiceSources::unreachableServiceNamesTheHost()
{
    QFETCH(bool, wmts);
    const QString uri = wmts ? m_server->wmtsRestCapabilitiesUrl() : m_server->xyzTemplate();
    m_server->stop(); // nothing listens on the port any more; no cache to fall back on
    QElapsedTimer timer;
    timer.start();
    auto source = gis::openImagerySource(uri, trusted());
    QVERIFY(!source);
    QVERIFY(timer.elapsed() < 3000);
    QCOMPARE(source.status().code(), Status::Code::IoError);
    QVERIFY2(source.status().message().contains(QStringLiteral("127.0.0.1:%1").arg(m_server->port())),
             qPrintable(source.status().message()));
}

void TestServiceSources::untrustedServiceIsNotContacted()
{
    for (const QString& uri : {m_server->xyzTemplate(), m_server->wmtsRestCapabilitiesUrl()}) {
        auto source = gis::openImagerySource(uri, projectOptions());
        QVERIFY(!source);
        QCOMPARE(source.status().code(), Status::Code::Unsupported);
        QVERIFY2(source.status().message().contains(QLatin1String("trusted")),
                 qPrintable(source.status().message()));
    }
    QCOMPARE(m_server->requests(), 0);
}

void TestServiceSources::concurrentServiceReadsAgree()
{
    auto source = gis::openImagerySource(m_server->xyzTemplate(), trusted());
    QVERIFY2(source, qPrintable(source.status().message()));
    // Spans tile edges at level 12 so each read stitches several tiles.
    const auto grid = gridAround(kE0 + 123, kN0 - 77, cellForLevel(12) / 1.4, 64);
    auto reference = (*source)->readImage(grid, {});
    QVERIFY2(reference, qPrintable(reference.status().message()));
    std::vector<std::vector<std::uint8_t>> results(4);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < results.size(); ++t)
        threads.emplace_back([&, t] {
            auto img = (*source)->readImage(grid, {});
            if (img)
                results[t] = img->rgba;
        });
    for (auto& t : threads)
        t.join();
    for (const auto& r : results)
        QVERIFY(r == reference->rgba);
}

QTEST_GUILESS_MAIN(TestServiceSources)
#include "tst_servicesources.moc"
