// The disk tile cache of service layers (gis/RasterSourceFactory.h): seeding against the local
// tile server, reading offline from the cache, cancelling, failures, LRU trimming.

#include "ServiceFixtures.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace citytwin;
using namespace citytwin::test;
using data::Status;

class TestTileCache : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void seedThenReadOffline_data();
    void seedThenReadOffline();
    void seedCancels();
    void seedCountsMissingTiles_data();
    void seedCountsMissingTiles();
    void trimRemovesLeastRecentlyUsed();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<LocalTileServer> m_server;
};

void TestTileCache::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestTileCache::init()
{
    m_server = std::make_unique<LocalTileServer>();
    QVERIFY(m_server->isListening());
}

void TestTileCache::seedThenReadOffline_data()
{
    QTest::addColumn<bool>("wmts");
    QTest::newRow("XYZ") << false;
    QTest::newRow("WMTS") << true;
}

void TestTileCache::seedThenReadOffline()
{
    QFETCH(bool, wmts);
    QTemporaryDir cache;
    auto options = trusted();
    options.cacheDir = cache.path();
    gis::SeedRequest request;
    request.uri = wmts ? m_server->wmtsRestCapabilitiesUrl() : m_server->xyzTemplate();
    request.lonLatBox = {kLon - 0.05, kLat - 0.05, kLon + 0.05, kLat + 0.05};
    request.minLevel = 8;
    request.maxLevel = 11;
    qint64 lastDone = -1, lastTotal = -1;
    auto first = gis::seedTileCache(request, options, [&](qint64 done, qint64 total) {
        lastDone = done;
        lastTotal = total;
        return true;
    });
    QVERIFY2(first, qPrintable(first.status().message()));
    QVERIFY(first->tilesRequested >= 4);
    QCOMPARE(first->tilesFetched, first->tilesRequested);
    QCOMPARE(first->tilesFailed, 0);
    QCOMPARE(lastDone, first->tilesRequested);
    QCOMPARE(lastTotal, first->tilesRequested);
    QCOMPARE(qint64(m_server->tileRequests()), first->tilesFetched);
    QVERIFY(first->cacheBytes > 0);

    m_server->resetCounts();
    auto second = gis::seedTileCache(request, options);
    QVERIFY2(second, qPrintable(second.status().message()));
    QCOMPARE(second->tilesCached, first->tilesRequested);
    QCOMPARE(second->tilesFetched, 0);
    QCOMPARE(m_server->tileRequests(), 0);

    // One level deeper: the known levels come from the cache, only the new one is fetched.
    request.maxLevel = 12;
    auto deeper = gis::seedTileCache(request, options);
    QVERIFY2(deeper, qPrintable(deeper.status().message()));
    QCOMPARE(deeper->tilesCached, first->tilesRequested);
    QCOMPARE(deeper->tilesFetched, deeper->tilesRequested - first->tilesRequested);
    QVERIFY(deeper->tilesFetched > 0);
    QCOMPARE(qint64(m_server->tileRequests()), deeper->tilesFetched);

    // Offline: the server is gone, the seeded levels still draw from the cache.
    m_server->stop();
    auto source = gis::openImagerySource(request.uri, options);
    QVERIFY2(source, qPrintable(source.status().message()));
    const QString problem = checkTileColour(**source, 10);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestTileCache::seedCancels()
{
    QTemporaryDir cache;
    auto options = trusted();
    options.cacheDir = cache.path();
    gis::SeedRequest request{
        m_server->xyzTemplate(), {kLon - 0.1, kLat - 0.1, kLon + 0.1, kLat + 0.1}, 6, 12};
    auto report = gis::seedTileCache(request, options, [](qint64 done, qint64) { return done < 3; });
    QVERIFY(!report);
    QCOMPARE(report.status().code(), Status::Code::Cancelled);
    // Stopped after the read that passed 3 tiles (a read takes up to a row of 8).
    QVERIFY2(m_server->tileRequests() >= 3 && m_server->tileRequests() <= 3 + 8,
             qPrintable(QString::number(m_server->tileRequests())));
    // Without a cache directory there is nothing to seed into.
    options.cacheDir.clear();
    QCOMPARE(gis::seedTileCache(request, options).status().code(), Status::Code::InvalidArgument);
}

void TestTileCache::seedCountsMissingTiles_data()
{
    QTest::addColumn<int>("fault");
    QTest::newRow("404") << int(LocalTileServer::Fault::NotFound);
    QTest::newRow("500") << int(LocalTileServer::Fault::ServerError);
}

void TestTileCache::seedCountsMissingTiles()
{
    QFETCH(int, fault);
    QTemporaryDir cache;
    auto options = trusted();
    options.cacheDir = cache.path();
    m_server->setFault(LocalTileServer::Fault(fault));
    gis::SeedRequest request{
        m_server->xyzTemplate(), {kLon - 0.05, kLat - 0.05, kLon + 0.05, kLat + 0.05}, 9, 10};
    auto report = gis::seedTileCache(request, options);
    QVERIFY2(report, qPrintable(report.status().message()));
    QVERIFY(report->tilesRequested > 0);
    QCOMPARE(report->tilesFailed, report->tilesRequested); // none of them can be had
    QCOMPARE(report->tilesFetched, 0);
    QCOMPARE(report->tilesCached, 0);
}

void TestTileCache::trimRemovesLeastRecentlyUsed()
{
    QTemporaryDir cache;
    const QDateTime now = QDateTime::currentDateTime();
    QStringList paths;
    for (int i = 0; i < 10; ++i) {
        const QString dir = cache.filePath(QStringLiteral("ab/%1").arg(i % 3));
        QDir().mkpath(dir);
        const QString path = dir + QStringLiteral("/tile%1").arg(i);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1000, char('a' + i)));
        f.close();
        // Tile i was last used i hours ago … reversed: tile 9 is the oldest.
        const QDateTime used = now.addSecs(-3600 * i);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(used, QFileDevice::FileModificationTime) &&
                f.setFileTime(used, QFileDevice::FileAccessTime));
        f.close();
        paths << path;
    }
    QCOMPARE(gis::trimTileCache(cache.path(), 20000), qint64(10000)); // under the limit: nothing removed
    QCOMPARE(gis::trimTileCache(cache.path(), 6500), qint64(6000));
    for (int i = 0; i < 10; ++i)
        QCOMPARE(QFile::exists(paths[i]), i < 6);
}

QTEST_GUILESS_MAIN(TestTileCache)
#include "tst_tilecache.moc"
