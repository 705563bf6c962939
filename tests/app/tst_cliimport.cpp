// citytwin-cli import run as a process: the kind and mapping guessed and printed, the report and
// rejected rows, --map/--kind/--time-zone/--append/--dry-run, and failures that exit non-zero
// with a clear message and leave the project file byte for byte as it was.
#include "data/ProjectStore.h"
#include "tests/app/CliFixtures.h"
#include "tests/common/TestPaths.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace citytwin;
using test::runCli;
using test::show;

namespace {

QString newProject(const QTemporaryDir& dir)
{
    data::Project project;
    project.name = QStringLiteral("cli import");
    project.crs = QStringLiteral("EPSG:4549");
    project.timeZone = QStringLiteral("Asia/Shanghai");
    const QString path = dir.filePath(QStringLiteral("p.citytwin"));
    auto store = data::ProjectStore::create(path, project);
    return store ? path : QString();
}

QString writeText(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text);
    return path;
}

data::ProjectStore::Counts counts(const QString& project)
{
    auto store = data::ProjectStore::open(project, data::ProjectStore::Mode::ReadOnly);
    return store ? (*store)->counts().value() : data::ProjectStore::Counts{};
}

const QByteArray kTracks = "vehicle_id,lon,lat,timestamp,role\n"
                           "bus_1,121.0,30.7,2026-11-27 08:00:00,巡查\n"
                           "bus_1,121.001,30.701,2026-11-27 08:00:10,巡查\n"
                           "bus_2,121.01,30.71,2026-11-27 08:00:00,环卫\n"
                           "bus_2,121.011,30.711,yesterday,环卫\n";

} // namespace

class TestCliImport : public QObject
{
    Q_OBJECT

private slots:
    void guessedTracks()
    {
        QTemporaryDir dir;
        const QString project = newProject(dir);
        const QString csv = writeText(dir, QStringLiteral("tracks.csv"), kTracks);
        const auto r = runCli({QStringLiteral("import"), project, csv});
        QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
        QVERIFY2(r.out.contains(QLatin1String("kind: tracks (guessed")), qPrintable(show(r)));
        QVERIFY2(r.out.contains(QLatin1String("id=vehicle_id")), qPrintable(show(r)));
        QVERIFY2(r.out.contains(QLatin1String("4 rows read, 3 imported (2 people), 1 rejected")),
                 qPrintable(show(r)));
        QVERIFY2(r.out.contains(QLatin1String("row 4: unparsable time")), qPrintable(show(r)));
        QVERIFY2(r.out.contains(QLatin1String("Asia/Shanghai")), qPrintable(show(r)));
        const auto c = counts(project);
        QCOMPARE(c.people, 2);
        QCOMPARE(c.trackPoints, 3);

        // --append adds; without it the kind is replaced.
        QCOMPARE(runCli({QStringLiteral("import"), project, csv, QStringLiteral("--append")}).exitCode, 0);
        QCOMPARE(counts(project).trackPoints, 3); // same keys (person + time) replace
        const QString more =
            writeText(dir, QStringLiteral("more.csv"),
                      "vehicle_id,lon,lat,timestamp\nbus_3,121.02,30.72,2026-11-27 09:00:00\n");
        QCOMPARE(runCli({QStringLiteral("import"), project, more, QStringLiteral("--append"),
                         QStringLiteral("--kind"), QStringLiteral("tracks")})
                     .exitCode,
                 0);
        QCOMPARE(counts(project).trackPoints, 4);
        QCOMPARE(runCli({QStringLiteral("import"), project, more, QStringLiteral("--kind"),
                         QStringLiteral("tracks")})
                     .exitCode,
                 0);
        QCOMPARE(counts(project).trackPoints, 1);
    }

    void explicitMappingAndOptions()
    {
        QTemporaryDir dir;
        const QString project = newProject(dir);
        const QString csv = writeText(dir, QStringLiteral("ev.txt"),
                                      "key|when|what|e|n\n"
                                      "1|11/27/2026 08:00:00 AM|fire|121.0|30.7\n"
                                      "2|11/27/2026 09:30:00 PM|flood|121.01|30.71\n");
        const auto r = runCli({QStringLiteral("import"),
                               project,
                               csv,
                               QStringLiteral("--kind"),
                               QStringLiteral("events"),
                               QStringLiteral("--map"),
                               QStringLiteral("reported=when"),
                               QStringLiteral("--map"),
                               QStringLiteral("category=what"),
                               QStringLiteral("--map"),
                               QStringLiteral("id=key"),
                               QStringLiteral("--map"),
                               QStringLiteral("x=e"),
                               QStringLiteral("--map"),
                               QStringLiteral("y=n"),
                               QStringLiteral("--time-pattern"),
                               QStringLiteral("MM/dd/yyyy hh:mm:ss AP"),
                               QStringLiteral("--time-zone"),
                               QStringLiteral("UTC"),
                               QStringLiteral("--delimiter"),
                               QStringLiteral("|"),
                               QStringLiteral("--crs"),
                               QStringLiteral("EPSG:4326")});
        QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
        QVERIFY2(r.out.contains(QLatin1String("2 rows read, 2 imported, 0 rejected")), qPrintable(show(r)));
        auto store = data::ProjectStore::open(project, data::ProjectStore::Mode::ReadOnly);
        auto events = (*store)->events();
        QCOMPARE(events->size(), std::size_t(2));
        QCOMPARE(
            events->at(1).reported,
            QDateTime::fromString(QStringLiteral("2026-11-27T21:30:00Z"), Qt::ISODate).toMSecsSinceEpoch());
        QCOMPARE(events->at(1).category, QStringLiteral("flood"));
    }

    void dryRunWritesNothing()
    {
        QTemporaryDir dir;
        const QString project = newProject(dir);
        const QString csv = writeText(dir, QStringLiteral("tracks.csv"), kTracks);
        const QByteArray before = test::fileHash(project);
        const auto r = runCli({QStringLiteral("import"), project, csv, QStringLiteral("--dry-run")});
        QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
        QVERIFY2(r.out.contains(QLatin1String("3 imported")), qPrintable(show(r)));
        QVERIFY2(r.out.contains(QLatin1String("dry run")), qPrintable(show(r)));
        QCOMPARE(test::fileHash(project), before);
        QCOMPARE(counts(project).trackPoints, 0);
    }

    void failuresLeaveTheProjectUnchanged_data()
    {
        QTest::addColumn<QByteArray>("content"); // "-" : no such file
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("words");
        QTest::newRow("no such file") << QByteArray("-") << QStringList{} << 1 << "does not exist";
        QTest::newRow("header only") << QByteArray("vehicle_id,lon,lat,timestamp\n")
                                     << QStringList{"--kind", "tracks"} << 1 << "no data rows";
        QTest::newRow("binary") << QByteArray("\x00\x01\x02garbage\x00", 11) << QStringList{} << 1
                                << "binary";
        QTest::newRow("missing column") << kTracks << QStringList{"--map", "time=when"} << 1 << "'when'";
        QTest::newRow("all rows out of range")
            << QByteArray("vehicle_id,lon,lat,timestamp\nbus,596000,3397000,2026-11-27 08:00:00\n")
            << QStringList{"--kind", "tracks", "--crs", "EPSG:4326"} << 1 << "coordinate out of range";
        QTest::newRow("unknown kind") << kTracks << QStringList{"--kind", "people"} << 2 << "--kind";
        QTest::newRow("unknown role") << kTracks << QStringList{"--map", "colour=role"} << 2 << "colour";
        QTest::newRow("bad time format")
            << kTracks << QStringList{"--time-format", "julian"} << 2 << "julian";
        QTest::newRow("bad delimiter") << kTracks << QStringList{"--delimiter", "::"} << 2 << "::";
        QTest::newRow("unknown zone")
            << kTracks << QStringList{"--time-zone", "Mars/Base"} << 1 << "Mars/Base";
        QTest::newRow("unknown CRS") << kTracks << QStringList{"--crs", "EPSG:999999"} << 1 << "999999";
    }
    void failuresLeaveTheProjectUnchanged()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, options);
        QFETCH(int, exitCode);
        QFETCH(QString, words);
        QTemporaryDir dir;
        const QString project = newProject(dir);
        // Something imported already, which a failed replace must keep.
        const QString good = writeText(dir, QStringLiteral("good.csv"), kTracks);
        QCOMPARE(runCli({QStringLiteral("import"), project, good}).exitCode, 0);
        const QByteArray before = test::fileHash(project);
        const QString file = content == "-" ? dir.filePath(QStringLiteral("nope.csv"))
                                            : writeText(dir, QStringLiteral("input.csv"), content);
        const auto r = runCli(QStringList{QStringLiteral("import"), project, file} + options);
        QVERIFY2(r.exitCode == exitCode, qPrintable(show(r)));
        QVERIFY2(r.err.contains(words), qPrintable(show(r)));
        QCOMPARE(test::fileHash(project), before);
        QCOMPARE(counts(project).trackPoints, 3);
    }

    void nyc311RealData()
    {
        const QString nyc =
            test::sharedDataFile(QStringLiteral("incidents/nyc311_tuplex/311_nyc_sample.csv"));
        if (nyc.isEmpty())
            QSKIP("NYC 311 sample data is not present");
        QTemporaryDir dir;
        const QString project = newProject(dir);
        const auto r = runCli({QStringLiteral("import"), project, nyc, QStringLiteral("--time-zone"),
                               QStringLiteral("America/New_York")});
        QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
        QVERIFY2(r.out.contains(QLatin1String("kind: events (guessed")), qPrintable(show(r)));
        QVERIFY2(r.out.contains(
                     QLatin1String("999 rows read, 705 imported, 294 rejected (294 missing coordinate)")),
                 qPrintable(show(r)));
        QCOMPARE(r.out.count(QLatin1String("  row ")), 20); // 20 listed …
        QVERIFY2(r.out.contains(QLatin1String("and 274 more rejected rows")), qPrintable(show(r)));
        QCOMPARE(counts(project).events, 705);
    }

    void thresholds()
    {
        QTemporaryDir dir;
        const QString project = newProject(dir);
        const QString csv = writeText(dir, QStringLiteral("limits.csv"),
                                      "sensor_id,sensor_type,alarm_low,alarm_high\n"
                                      ",water_level,,2.8\n"
                                      "17,,0.5,3.1\n"
                                      "18,,high,\n");
        auto r = runCli({QStringLiteral("import"), project, csv});
        QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
        QVERIFY2(r.out.contains(QLatin1String("kind: thresholds (guessed")), qPrintable(show(r)));
        QVERIFY2(r.out.contains(QLatin1String("asset=sensor_id, subtype=sensor_type, min=alarm_low, max=alarm_high")),
                 qPrintable(show(r)));
        QVERIFY2(r.out.contains(QLatin1String("3 rows read, 2 imported, 1 rejected (1 bad number)")),
                 qPrintable(show(r)));
        QVERIFY2(r.out.contains(QLatin1String("row 3: bad number: 'high' in alarm_low")), qPrintable(show(r)));
        const auto read = [&project] {
            auto store = data::ProjectStore::open(project, data::ProjectStore::Mode::ReadOnly);
            return store ? (*store)->thresholds().value() : std::vector<data::Threshold>{};
        };
        auto stored = read();
        QCOMPARE(stored.size(), std::size_t(2));
        const auto perAsset = std::find_if(stored.begin(), stored.end(), [](const auto& t) { return t.assetId == 17; });
        QVERIFY(perAsset != stored.end());
        QCOMPARE(perAsset->min, std::optional(0.5));
        QCOMPARE(perAsset->max, std::optional(3.1));

        // --append keeps them; a replace import keeps only the new file's limits.
        const QString more = writeText(dir, QStringLiteral("more.csv"), "subtype,max\ngas,1000\n");
        r = runCli({QStringLiteral("import"), project, more, QStringLiteral("--kind"), QStringLiteral("thresholds"),
                    QStringLiteral("--append")});
        QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
        QCOMPARE(read().size(), std::size_t(3));
        r = runCli({QStringLiteral("import"), project, more, QStringLiteral("--kind"), QStringLiteral("thresholds")});
        QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
        stored = read();
        QCOMPARE(stored.size(), std::size_t(1));
        QCOMPARE(stored.front().subtype, QStringLiteral("gas"));
        const auto info = runCli({QStringLiteral("info"), project});
        QVERIFY2(info.exitCode == 0 && info.out.contains(QLatin1String(" 1 thresholds")), qPrintable(show(info)));

        // No limit column: refused before anything is written.
        const QByteArray before = test::fileHash(project);
        r = runCli({QStringLiteral("import"), project, more, QStringLiteral("--kind"), QStringLiteral("thresholds"),
                    QStringLiteral("--map"), QStringLiteral("max=nope")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("'nope'")), qPrintable(show(r)));
        QCOMPARE(test::fileHash(project), before);
    }

    void helpListsTheCommand()
    {
        const auto r = runCli({QStringLiteral("--help")});
        QVERIFY(r.out.contains(QLatin1String("import")));
        const auto h = runCli({QStringLiteral("import"), QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains(QLatin1String("--time-pattern")));
        QVERIFY(h.out.contains(QLatin1String("--kind thresholds")));
    }
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_cliimport.moc"
