// citytwin-cli's layer and cache commands as users run them: `layer add` / `layer list` on a copy of
// the small demo, `cache seed` against the local tile server (tests/common/LocalTileServer.h).
#include "CliFixtures.h"
#include "SmallDemo.h"
#include "tests/common/LocalTileServer.h"
#include "tests/common/TestPaths.h"
#include "data/ProjectStore.h"
#include "gis/CrsTransformer.h"

#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace citytwin;
using namespace citytwin::test;

class TstCliLayers : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void layerAddThenInfoShowsIt();
    void layerAddRefusesBadInput_data();
    void layerAddRefusesBadInput();
    void cacheSeedFillsTheCache();
    void cacheSeedBadArguments_data();
    void cacheSeedBadArguments();
    void renderContactsServicesOnlyWhenTrusted();

private:
    QTemporaryDir m_dir;
    QString m_project;
};

void TstCliLayers::initTestCase()
{
    QVERIFY(QFileInfo(QStringLiteral(CITYTWIN_CLI_PATH)).isExecutable());
    QVERIFY(m_dir.isValid());
    auto demo = makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_project = *demo;
}

void TstCliLayers::layerAddThenInfoShowsIt()
{
    // A private copy: the other tests render the shared project as generated.
    const QString dir = m_dir.filePath(QStringLiteral("layers"));
    QVERIFY(copyFiles(QFileInfo(m_project).absolutePath(), dir));
    const QString project = dir + QLatin1Char('/') + QFileInfo(m_project).fileName();
    QVERIFY(QFile::copy(dir + QStringLiteral("/imagery.tif"), dir + QStringLiteral("/ortho2.tif")));
    const QString elsewhere = m_dir.filePath(QStringLiteral("elsewhere-dem.tif"));
    QVERIFY(QFile::copy(dir + QStringLiteral("/dem.tif"), elsewhere));

    const Run added = runCli(
        {QStringLiteral("layer"), QStringLiteral("add"), project, dir + QStringLiteral("/ortho2.tif")});
    QVERIFY2(added.exitCode == 0, qPrintable(show(added)));
    QVERIFY2(added.out.contains(QLatin1String("ortho2")) && added.out.contains(QLatin1String("imagery")),
             qPrintable(show(added)));
    const Run forced =
        runCli({QStringLiteral("layer"), QStringLiteral("add"), project, elsewhere, QStringLiteral("--kind"),
                QStringLiteral("elevation"), QStringLiteral("--name"), QStringLiteral("Survey DEM")});
    QVERIFY2(forced.exitCode == 0, qPrintable(show(forced)));

    const Run info = runCli({QStringLiteral("info"), project, QStringLiteral("--json")});
    QVERIFY2(info.exitCode == 0, qPrintable(show(info)));
    const QJsonObject ortho = layerNamed(info.out, QStringLiteral("ortho2"));
    QCOMPARE(ortho[QStringLiteral("kind")].toString(), QStringLiteral("imagery"));
    QCOMPARE(ortho[QStringLiteral("group")].toString(), QStringLiteral("basemap"));
    QCOMPARE(ortho[QStringLiteral("source")].toString(),
             QStringLiteral("ortho2.tif")); // inside the folder: relative
    QVERIFY(ortho[QStringLiteral("sourceExists")].toBool());
    const QJsonObject survey = layerNamed(info.out, QStringLiteral("Survey DEM"));
    QCOMPARE(survey[QStringLiteral("kind")].toString(), QStringLiteral("elevation"));
    QCOMPARE(survey[QStringLiteral("source")].toString(), elsewhere); // outside: absolute

    const Run list = runCli({QStringLiteral("layer"), QStringLiteral("list"), project});
    QVERIFY2(list.exitCode == 0, qPrintable(show(list)));
    QVERIFY2(list.out.contains(QLatin1String("ortho2.tif")) && list.out.contains(QLatin1String("Survey DEM")),
             qPrintable(show(list)));
    // Imagery added last is listed last of the basemap group (drawn on top).
    const int orthoLine = list.out.indexOf(QLatin1String("ortho2.tif"));
    const int demoImagery = list.out.indexOf(QLatin1String("imagery.tif"));
    QVERIFY2(demoImagery >= 0 && demoImagery < orthoLine, qPrintable(show(list)));

    if (!haveDisplay())
        return;
    const QString png = m_dir.filePath(QStringLiteral("layers.png"));
    const Run r = runCli({QStringLiteral("render"), project, QStringLiteral("--view"), QStringLiteral("home"),
                          QStringLiteral("--size"), QStringLiteral("160x90"), QStringLiteral("-o"), png});
    QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
    QVERIFY2(!r.err.contains(QLatin1String("ortho2")) && !r.err.contains(QLatin1String("Survey")),
             qPrintable(show(r)));
}

void TstCliLayers::layerAddRefusesBadInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing file") << QStringList{"@PROJECT@", "@DIR@/gone.tif"} << 1 << "gone.tif";
    QTest::newRow("truncated GeoTIFF") << QStringList{"@PROJECT@", "@DIR@/cut.tif"} << 1 << "cut.tif";
    QTest::newRow("truncated, kind given")
        << QStringList{"@PROJECT@", "@DIR@/cut.tif", "--kind", "imagery"} << 1 << "cut.tif";
    QTest::newRow("no footprints") << QStringList{"@PROJECT@", "@DIR@/dem.tif", "--kind", "buildings"} << 1
                                   << "dem.tif";
    QTest::newRow("service that does not answer")
        << QStringList{"@PROJECT@", "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"} << 1 << "127.0.0.1:9";
    QTest::newRow("bad kind") << QStringList{"@PROJECT@", "@DIR@/dem.tif", "--kind", "roads"} << 2
                              << "--kind";
    QTest::newRow("no source") << QStringList{"@PROJECT@"} << 2 << "one file or URL";
    QTest::newRow("missing project") << QStringList{"@DIR@/none.citytwin", "@DIR@/dem.tif"} << 1
                                     << "none.citytwin";
}

void TstCliLayers::layerAddRefusesBadInput()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString dir = m_dir.filePath(QStringLiteral("refuse"));
    if (!QFileInfo::exists(dir)) {
        QVERIFY(copyFiles(QFileInfo(m_project).absolutePath(), dir));
        QFile from(dir + QStringLiteral("/imagery.tif"));
        QVERIFY(from.open(QIODevice::ReadOnly));
        QFile cut(dir + QStringLiteral("/cut.tif"));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(from.read(600)); // the header and nothing else
    }
    const QString project = dir + QLatin1Char('/') + QFileInfo(m_project).fileName();
    args.replaceInStrings(QStringLiteral("@PROJECT@"), project);
    args.replaceInStrings(QStringLiteral("@DIR@"), dir);
    const QByteArray before = fileHash(project);
    const Run r = runCli(QStringList{QStringLiteral("layer"), QStringLiteral("add")} + args);
    QVERIFY2(r.exitCode == exitCode, qPrintable(show(r)));
    QVERIFY2(r.err.contains(message), qPrintable(show(r)));
    QVERIFY2(r.out.isEmpty(), qPrintable(show(r)));
    QCOMPARE(fileHash(project), before);
    QVERIFY(!QFileInfo::exists(project + QStringLiteral("-wal")));
}

void TstCliLayers::cacheSeedFillsTheCache()
{
    LocalTileServer server;
    QVERIFY(server.isListening());
    const QString cache = m_dir.filePath(QStringLiteral("tilecache"));
    // About 2 km around the demo origin, levels 12-14: a handful of tiles.
    const QStringList args{QStringLiteral("cache"),
                           QStringLiteral("seed"),
                           server.xyzTemplate(),
                           QStringLiteral("--bbox"),
                           QStringLiteral("120.99,30.69,121.01,30.71"),
                           QStringLiteral("--levels"),
                           QStringLiteral("12-14"),
                           QStringLiteral("--cache-dir"),
                           cache};
    const Run first = runCli(args);
    QVERIFY2(first.exitCode == 0, qPrintable(show(first)));
    auto number = [](const QString& out, const char* label) {
        const QRegularExpression re(QStringLiteral("%1:\\s+(\\d+)").arg(QLatin1String(label)));
        const auto m = re.match(out);
        return m.hasMatch() ? m.captured(1).toLongLong() : -1;
    };
    const qint64 requested = number(first.out, "tiles requested");
    QVERIFY2(requested >= 3 && requested < 100, qPrintable(show(first)));
    QCOMPARE(number(first.out, "fetched"), requested);
    QCOMPARE(number(first.out, "failed"), 0);
    QVERIFY2(first.out.contains(QLatin1String("MiB")), qPrintable(show(first)));
    QVERIFY2(first.err.contains(QStringLiteral("%1 / %1").arg(requested)), qPrintable(show(first)));
    QVERIFY(server.tileRequests() >= requested);
    QVERIFY(QDir(cache).exists());

    // Offline now: everything comes from the cache, nothing is fetched.
    server.stop();
    const Run second = runCli(args);
    QVERIFY2(second.exitCode == 0, qPrintable(show(second)));
    QCOMPARE(number(second.out, "fetched"), 0);
    QCOMPARE(number(second.out, "already cached"), requested);
}

void TstCliLayers::cacheSeedBadArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString url = QStringLiteral("http://127.0.0.1:9/{z}/{x}/{y}.png");
    const QString box = QStringLiteral("120.99,30.69,121.01,30.71");
    QTest::newRow("no source") << QStringList{"--bbox", box, "--levels", "1-2"} << 2 << "missing the service";
    QTest::newRow("no bbox") << QStringList{url, "--levels", "1-2"} << 2 << "--bbox";
    QTest::newRow("bad bbox") << QStringList{url, "--bbox", "1,2,3", "--levels", "1-2"} << 2 << "--bbox";
    QTest::newRow("bbox off the globe")
        << QStringList{url, "--bbox", "170,10,190,20", "--levels", "1"} << 2 << "--bbox";
    QTest::newRow("no levels") << QStringList{url, "--bbox", box} << 2 << "--levels";
    QTest::newRow("levels reversed") << QStringList{url, "--bbox", box, "--levels", "9-3"} << 2 << "--levels";
    QTest::newRow("a file") << QStringList{"/tmp/some.tif", "--bbox", box, "--levels", "1"} << 1
                            << "not a tile service";
    QTest::newRow("too many tiles") << QStringList{url,        "--bbox", "120,30,122,32",
                                                   "--levels", "0-12",   "--max-tiles",
                                                   "100"}
                                    << 1 << "--max-tiles";
    QTest::newRow("unknown subcommand") << QStringList{"purge"} << 2 << "purge";
}

void TstCliLayers::cacheSeedBadArguments()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QStringList full{QStringLiteral("cache")};
    if (args.value(0) != QLatin1String("purge"))
        full << QStringLiteral("seed");
    full += args;
    full << QStringLiteral("--cache-dir") << m_dir.filePath(QStringLiteral("badcache"));
    if (args.value(0) == QLatin1String("purge"))
        full = QStringList{QStringLiteral("cache"), QStringLiteral("purge")};
    const Run r = runCli(full);
    QVERIFY2(r.exitCode == exitCode, qPrintable(show(r)));
    QVERIFY2(r.err.contains(message), qPrintable(show(r)));
    QVERIFY2(r.out.isEmpty(), qPrintable(show(r)));
}

void TstCliLayers::renderContactsServicesOnlyWhenTrusted()
{
    if (!haveDisplay())
        QSKIP("render needs an X display (run the render label under Xvfb)");
    LocalTileServer server;
    QVERIFY(server.isListening());
    const QString dir = m_dir.filePath(QStringLiteral("service"));
    QVERIFY(copyFiles(QFileInfo(m_project).absolutePath(), dir));
    const QString project = dir + QLatin1Char('/') + QFileInfo(m_project).fileName();
    const Run added = runCli({QStringLiteral("layer"), QStringLiteral("add"), project, server.xyzTemplate(),
                              QStringLiteral("--name"), QStringLiteral("Web tiles")});
    QVERIFY2(added.exitCode == 0, qPrintable(show(added)));
    server.resetCounts();

    const QString png = m_dir.filePath(QStringLiteral("service.png"));
    const QStringList render{QStringLiteral("render"),      project,
                             QStringLiteral("--view"),      QStringLiteral("home"),
                             QStringLiteral("--size"),      QStringLiteral("160x90"),
                             QStringLiteral("--layers"),    QStringLiteral("elevation,imagery"),
                             QStringLiteral("--cache-dir"), m_dir.filePath(QStringLiteral("rendercache")),
                             QStringLiteral("-o"),          png};
    // A project file is no consent: the service is named, not contacted.
    const Run plain = runCli(render);
    QVERIFY2(plain.exitCode == 0, qPrintable(show(plain)));
    QVERIFY2(plain.err.contains(QLatin1String("Web tiles")) &&
                 plain.err.contains(QLatin1String("not contacted")) &&
                 plain.err.contains(QLatin1String("--trust-services")),
             qPrintable(show(plain)));
    QCOMPARE(server.requests(), 0);
    const QImage withoutTiles(png);
    QVERIFY(!withoutTiles.isNull());

    const Run trusted = runCli(render + QStringList{QStringLiteral("--trust-services")});
    QVERIFY2(trusted.exitCode == 0, qPrintable(show(trusted)));
    QVERIFY2(!trusted.err.contains(QLatin1String("Web tiles")), qPrintable(show(trusted)));
    QVERIFY(server.tileRequests() > 0);
    // The opaque web tiles cover the demo imagery: the two pictures differ.
    const QImage withTiles(png);
    QCOMPARE(withTiles.size(), withoutTiles.size());
    int differing = 0;
    for (int y = 0; y < withTiles.height(); ++y)
        for (int x = 0; x < withTiles.width(); ++x)
            differing += withTiles.pixel(x, y) != withoutTiles.pixel(x, y) ? 1 : 0;
    QVERIFY2(differing > withTiles.width() * withTiles.height() / 10, qPrintable(QString::number(differing)));

    // And they land where they belong: the screen centre (the home view's target, the project
    // origin) shows the colour of the web tile containing the origin's lon/lat at one of the
    // service's zoom levels (which one depends on refinement), dimmed only by the terrain shading.
    auto store = data::ProjectStore::open(project, data::ProjectStore::Mode::ReadOnly);
    QVERIFY(store);
    auto loaded = (*store)->loadProject();
    QVERIFY(loaded);
    auto toLonLat = gis::CrsTransformer::create(loaded->crs, QStringLiteral("EPSG:4326"));
    QVERIFY(toLonLat);
    const data::ProjectedPoint origin = loaded->origin;
    auto lonLat = toLonLat->forward(origin);
    QVERIFY(lonLat);
    const double lon = lonLat->x, lat = lonLat->y * M_PI / 180.0;
    const QColor drawn = withTiles.pixelColor(withTiles.width() / 2, withTiles.height() / 2);
    double best = 1e9;
    int bestZoom = -1;
    for (int z = 0; z <= 19; ++z) {
        const double n = std::ldexp(1.0, z);
        const int x = int((lon + 180.0) / 360.0 * n);
        const int y = int((1.0 - std::log(std::tan(lat) + 1.0 / std::cos(lat)) / M_PI) / 2.0 * n);
        const QColor t = LocalTileServer::tileColour(z, x, y);
        const double tt = t.red() * t.red() + t.green() * t.green() + t.blue() * t.blue();
        const double f = (drawn.red() * t.red() + drawn.green() * t.green() + drawn.blue() * t.blue()) / tt;
        if (f < 0.6 || f > 1.15)
            continue;
        const double residual = std::hypot(drawn.red() - f * t.red(), drawn.green() - f * t.green(),
                                           drawn.blue() - f * t.blue());
        if (residual < best) {
            best = residual;
            bestZoom = z;
        }
    }
    qInfo("screen centre %s: tile colour of z %d, residual %.1f", qPrintable(drawn.name()), bestZoom, best);
    QVERIFY2(best < 10.0, qPrintable(QStringLiteral("centre %1 matches no tile colour (best residual %2 at z %3)")
                                         .arg(drawn.name())
                                         .arg(best)
                                         .arg(bestZoom)));
    QVERIFY2(bestZoom >= 12, qPrintable(QStringLiteral("only a coarse level (z %1) was drawn").arg(bestZoom)));
}

QTEST_GUILESS_MAIN(TstCliLayers)
#include "tst_clilayers.moc"
