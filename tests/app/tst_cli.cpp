// citytwin-cli as users run it: a separate process, its exit status, stdout/stderr and files.
#include "CliFixtures.h"
#include "SmallDemo.h"
#include "data/ProjectStore.h"
#include "tests/common/TestPaths.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <cmath>

using namespace citytwin;
using namespace citytwin::test;

class TstCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void helpAndVersion();
    void commandHelp_data();
    void commandHelp();
    void info();
    void infoJson();
    void infoUnknownCrs();
    void messagesFollowTheLanguage();
    void badArguments_data();
    void badArguments();
    void corruptProjectIsReportedAndUntouched_data();
    void corruptProjectIsReportedAndUntouched();

private:
    QTemporaryDir m_dir;
    QString m_project;
};

void TstCli::initTestCase()
{
    QVERIFY(QFileInfo(QStringLiteral(CITYTWIN_CLI_PATH)).isExecutable());
    QVERIFY(m_dir.isValid());
    QString why;
    m_project = makeSmallDemoWithCli(m_dir.filePath(QStringLiteral("demo")), &why);
    QVERIFY2(!m_project.isEmpty(), qPrintable(why));
}

void TstCli::helpAndVersion()
{
    const Run help = runCli({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char* command : {"make-demo", "info", "render", "layer", "cache"})
        QVERIFY2(help.out.contains(QLatin1String(command)), qPrintable(show(help)));
    const Run version = runCli({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY2(version.out.contains(QRegularExpression(QStringLiteral("citytwin-cli \\d+\\.\\d+"))),
             qPrintable(show(version)));
}

void TstCli::commandHelp_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("make-demo") << "make-demo" << QStringList{"--seed",   "--buildings", "--events",
                                                             "--size-m", "--pipes-km",  "DIR"};
    QTest::newRow("info") << "info" << QStringList{"--json", "PROJECT"};
    QTest::newRow("layer") << "layer" << QStringList{"layer add", "layer list"};
    QTest::newRow("layer add") << "layer add"
                               << QStringList{"--kind", "--name", "FILE-OR-URL", "XYZ", "WMTS"};
    QTest::newRow("layer list") << "layer list" << QStringList{"PROJECT"};
    QTest::newRow("cache") << "cache" << QStringList{"cache seed"};
    QTest::newRow("cache seed") << "cache seed"
                                << QStringList{"--bbox", "--levels", "--cache-dir", "--max-tiles"};
    QTest::newRow("render") << "render" << QStringList{"--view", "--look-at", "--lonlat", "--time",
                                                       "--size", "--stats",   "-o"};
}

void TstCli::commandHelp()
{
    QFETCH(QString, command);
    QFETCH(QStringList, mentions);
    const Run r = runCli(command.split(QLatin1Char(' ')) << QStringLiteral("--help"));
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(QStringLiteral("Usage: citytwin-cli %1").arg(command)), qPrintable(show(r)));
    for (const QString& m : mentions)
        QVERIFY2(r.out.contains(m), qPrintable(m + QLatin1Char('\n') + show(r)));
}

void TstCli::info()
{
    const Run r = runCli({QStringLiteral("info"), m_project});
    QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
    QVERIFY2(r.out.contains(QLatin1String("EPSG:4549")), qPrintable(show(r)));
    QVERIFY2(r.out.contains(QLatin1String("known to PROJ")) && !r.out.contains(QLatin1String("NOT known")),
             qPrintable(show(r)));
    QVERIFY(r.out.contains(QLatin1String("Asia/Shanghai")));
    QVERIFY(r.out.contains(QLatin1String("+08:00"))); // local times
    QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("lon 12(0\\.9|1\\.0)\\d+  lat 30\\.(6|7)"))),
             qPrintable(show(r)));
    QVERIFY(r.out.contains(QLatin1String("home")));
    QVERIFY(!r.out.contains(QLatin1String("[MISSING]")));
    QVERIFY(r.out.contains(QLatin1String("3000 events")));
}

void TstCli::infoJson()
{
    const Run r = runCli({QStringLiteral("info"), m_project, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject info = doc.object();
    QVERIFY(!info[QStringLiteral("name")].toString().isEmpty());
    QCOMPARE(info[QStringLiteral("file")].toString(), QFileInfo(m_project).absoluteFilePath());
    QCOMPARE(info[QStringLiteral("crs")].toObject()[QStringLiteral("id")].toString(),
             QStringLiteral("EPSG:4549"));
    QVERIFY(info[QStringLiteral("crs")].toObject()[QStringLiteral("knownToProj")].toBool());
    const QJsonObject origin = info[QStringLiteral("origin")].toObject();
    QVERIFY2(std::abs(origin[QStringLiteral("lon")].toDouble() - 121.0) < 0.05, qPrintable(r.out));
    QVERIFY2(std::abs(origin[QStringLiteral("lat")].toDouble() - 30.7) < 0.05, qPrintable(r.out));
    QVERIFY(origin[QStringLiteral("x")].toDouble() > 500000.0); // projected easting, not local
    QCOMPARE(info[QStringLiteral("timeZone")].toString(), QStringLiteral("Asia/Shanghai"));

    const QJsonObject extent = info[QStringLiteral("timeExtent")].toObject();
    const qint64 start = extent[QStringLiteral("start")].toObject()[QStringLiteral("ms")].toInteger();
    const qint64 end = extent[QStringLiteral("end")].toObject()[QStringLiteral("ms")].toInteger();
    QVERIFY(end > start);
    QCOMPARE(QDateTime::fromString(
                 extent[QStringLiteral("start")].toObject()[QStringLiteral("utc")].toString(), Qt::ISODate)
                 .toMSecsSinceEpoch(),
             start);
    QVERIFY(extent[QStringLiteral("start")].toObject()[QStringLiteral("local")].toString().endsWith(
        QLatin1String("+08:00")));

    const QJsonArray layers = info[QStringLiteral("layers")].toArray();
    QSet<QString> kinds;
    for (const QJsonValue& v : layers) {
        const QJsonObject l = v.toObject();
        QVERIFY(l[QStringLiteral("id")].toInteger() > 0);
        QVERIFY(l.contains(QStringLiteral("visible")) && l.contains(QStringLiteral("opacity")));
        QVERIFY(!l[QStringLiteral("group")].toString().isEmpty());
        QVERIFY2(l[QStringLiteral("sourceExists")].toBool(),
                 qPrintable(l[QStringLiteral("source")].toString()));
        kinds.insert(l[QStringLiteral("kind")].toString());
    }
    for (const char* kind : {"elevation", "imagery", "buildings", "events"})
        QVERIFY2(kinds.contains(QLatin1String(kind)), kind);

    QStringList views;
    for (const QJsonValue& v : info[QStringLiteral("views")].toArray())
        views << v.toObject()[QStringLiteral("name")].toString();
    QVERIFY2(views.contains(QStringLiteral("home")), qPrintable(views.join(',')));

    const QJsonObject overlays = info[QStringLiteral("overlays")].toObject();
    QCOMPARE(overlays[QStringLiteral("events")].toInteger(), qint64(test::smallDemoOptions().events));
    QCOMPARE(overlays[QStringLiteral("people")].toInteger(), qint64(test::smallDemoOptions().people));
}

void TstCli::infoUnknownCrs()
{
    data::Project project;
    project.name = QStringLiteral("nowhere");
    project.crs = QStringLiteral("EPSG:999999");
    project.origin = {1000.0, 2000.0, 0.0};
    const QString path = m_dir.filePath(QStringLiteral("unknown-crs.citytwin"));
    QVERIFY(data::ProjectStore::create(path, project));

    const Run r = runCli({QStringLiteral("info"), path, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
    const QJsonObject info = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonObject crs = info[QStringLiteral("crs")].toObject();
    QCOMPARE(crs[QStringLiteral("knownToProj")].toBool(), false);
    QVERIFY(!crs[QStringLiteral("error")].toString().isEmpty());
    QVERIFY(!info[QStringLiteral("origin")].toObject().contains(QStringLiteral("lon")));
    const Run text = runCli({QStringLiteral("info"), path});
    QVERIFY2(text.out.contains(QLatin1String("NOT known to PROJ")), qPrintable(show(text)));
}

void TstCli::messagesFollowTheLanguage()
{
    // The CLI shares the GUI's zh_CN catalogue: a translated usage error, same exit status.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QProcess p;
    env.insert(QStringLiteral("CITYTWIN_LANG"), QStringLiteral("zh_CN"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CITYTWIN_CLI_PATH), {QStringLiteral("frobnicate")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("frobnicate")), qPrintable(err));
    QVERIFY2(!err.contains(QLatin1String("unknown command")), qPrintable(err));
}

void TstCli::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString project = QStringLiteral("@PROJECT@");
    const QString out = test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/bad.png");
    QTest::newRow("no command") << QStringList{} << 2 << "no command";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2 << "unknown command 'frobnicate'";
    QTest::newRow("unknown option") << QStringList{"--frobnicate"} << 2 << "--frobnicate";
    QTest::newRow("info: no project") << QStringList{"info"} << 2 << "missing the project file";
    QTest::newRow("info: unknown option") << QStringList{"info", project, "--xml"} << 2 << "xml";
    QTest::newRow("info: missing project")
        << QStringList{"info", "/nonexistent/gone.citytwin"} << 1 << "gone.citytwin";
    QTest::newRow("render: missing project")
        << QStringList{"render", "/nonexistent/gone.citytwin", "--view", "home", "-o", out} << 1
        << "gone.citytwin";
    QTest::newRow("render: bad size")
        << QStringList{"render", project, "--view", "home", "--size", "640by360", "-o", out} << 2 << "--size";
    QTest::newRow("render: zero size")
        << QStringList{"render", project, "--view", "home", "--size", "0x360", "-o", out} << 2 << "--size";
    QTest::newRow("render: bad time")
        << QStringList{"render", project, "--view", "home", "--time", "yesterday", "-o", out} << 2
        << "--time";
    QTest::newRow("render: no camera") << QStringList{"render", project, "-o", out} << 2 << "--view";
    QTest::newRow("render: two cameras")
        << QStringList{"render", project, "--view", "home", "--look-at", "0,0,0", "-o", out} << 2
        << "--look-at";
    QTest::newRow("render: bad look-at")
        << QStringList{"render", project, "--look-at", "1,2", "-o", out} << 2 << "--look-at";
    QTest::newRow("render: unknown layer")
        << QStringList{"render", project, "--view", "home", "--layers", "elevation,roads", "-o", out} << 2
        << "'roads'";
    QTest::newRow("render: no output") << QStringList{"render", project, "--view", "home"} << 2 << "-o";
    QTest::newRow("render: unknown view")
        << QStringList{"render", project, "--view", "nope", "-o", out} << 1 << "no view 'nope'";
    QTest::newRow("make-demo: negative count")
        << QStringList{"make-demo", "/tmp/never", "--buildings", "-5"} << 2 << "--buildings";
    QTest::newRow("make-demo: no folder") << QStringList{"make-demo"} << 2 << "DIR";
}

void TstCli::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    args.replaceInStrings(QStringLiteral("@PROJECT@"), m_project);
    const Run r = runCli(args);
    QVERIFY2(r.exitCode == exitCode, qPrintable(show(r)));
    QVERIFY2(r.err.contains(message), qPrintable(show(r)));
    QVERIFY2(r.out.isEmpty(), qPrintable(show(r)));
}

void TstCli::corruptProjectIsReportedAndUntouched_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<bool>("truncated"); // a cut-off copy of the real project, else plain garbage
    QTest::newRow("info, garbage") << "info" << false;
    QTest::newRow("info, truncated") << "info" << true;
    QTest::newRow("render, garbage") << "render" << false;
    QTest::newRow("render, truncated") << "render" << true;
}

void TstCli::corruptProjectIsReportedAndUntouched()
{
    QFETCH(QString, command);
    QFETCH(bool, truncated);
    const QString path = m_dir.filePath(QStringLiteral("corrupt-%1-%2.citytwin").arg(command).arg(truncated));
    {
        QByteArray bytes;
        if (truncated) {
            QFile f(m_project);
            QVERIFY(f.open(QIODevice::ReadOnly));
            bytes = f.read(3000);
        } else {
            bytes = QByteArray("this is not a citytwin project\n").repeated(100);
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    const QByteArray before = fileHash(path);
    QStringList args{command, path};
    if (command == QLatin1String("render"))
        args << QStringLiteral("--view") << QStringLiteral("home") << QStringLiteral("-o")
             << m_dir.filePath(QStringLiteral("corrupt.png"));
    const Run r = runCli(args);
    QVERIFY2(r.exitCode == 1, qPrintable(show(r)));
    QVERIFY2(r.err.contains(QFileInfo(path).fileName()), qPrintable(show(r)));
    QCOMPARE(fileHash(path), before);
    QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
}

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
