// `citytwin-cli section` as users run it, on the small demo: a line across a demo pipe lists it
// with its recorded depth, --csv writes the same rows, --png draws the profile with the pipe's
// network colour, --lonlat gives the same crossings, and bad command lines, a missing project and
// a project without pipe layers fail clearly and leave no output file behind.
#include "data/PipeMapping.h"
#include "gis/CrsTransformer.h"
#include "gis/GdalEnvironment.h"
#include "gis/PipeReader.h"
#include "tests/app/CliFixtures.h"
#include "app/ProjectSession.h"
#include "tests/app/SmallDemo.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace citytwin;
using test::Run;
using test::runCli;
using test::show;

class TstCliSection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void listsTheCrossedPipe();
    void lonLatGivesTheSameCrossings();
    void badArgumentsLeaveNothingBehind_data();
    void badArgumentsLeaveNothingBehind();
    void projectWithoutPipesFails();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    //! "X1,Y1 X2,Y2" of a 30 m line across the middle of the first segment of m_pipe.
    QString lineText(bool lonLat) const;
    //! The CSV rows (header first).
    static QList<QStringList> readCsv(const QString& file);

    QTemporaryDir m_dir;
    QString m_project;
    data::PipeLine m_pipe;
};

void TstCliSection::initTestCase()
{
    QVERIFY(m_dir.isValid());
    gis::ensureGdalRegistered();
    auto demo = test::makeSmallDemo(path(QStringLiteral("demo")));
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_project = *demo;
    auto pipes = gis::readPipes(path(QStringLiteral("demo/pipes.gpkg")), QStringLiteral("EPSG:4549"),
                                data::PipeMapping{});
    QVERIFY2(pipes, qPrintable(pipes.status().message()));
    QVERIFY(!pipes->pipes.empty());
    m_pipe = pipes->pipes[pipes->pipes.size() / 2];
}

QString TstCliSection::lineText(bool lonLat) const
{
    const data::ProjectedPoint& a = m_pipe.points[0];
    const data::ProjectedPoint& b = m_pipe.points[1];
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    const double nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
    const double mx = 0.5 * (a.x + b.x), my = 0.5 * (a.y + b.y);
    data::ProjectedPoint p1{mx - 15.0 * nx, my - 15.0 * ny, 0.0};
    data::ProjectedPoint p2{mx + 15.0 * nx, my + 15.0 * ny, 0.0};
    if (lonLat) {
        auto t = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:4549"));
        p1 = *t->inverse(p1);
        p2 = *t->inverse(p2);
        return QStringLiteral("%1,%2 %3,%4")
            .arg(p1.x, 0, 'f', 10)
            .arg(p1.y, 0, 'f', 10)
            .arg(p2.x, 0, 'f', 10)
            .arg(p2.y, 0, 'f', 10);
    }
    return QStringLiteral("%1,%2 %3,%4")
        .arg(p1.x, 0, 'f', 3)
        .arg(p1.y, 0, 'f', 3)
        .arg(p2.x, 0, 'f', 3)
        .arg(p2.y, 0, 'f', 3);
}

QList<QStringList> TstCliSection::readCsv(const QString& file)
{
    QFile f(file);
    QList<QStringList> rows;
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (!line.isEmpty())
            rows << QString::fromUtf8(line).split(QLatin1Char(','));
    return rows;
}

void TstCliSection::listsTheCrossedPipe()
{
    const QString csv = path(QStringLiteral("cross.csv"));
    const QString png = path(QStringLiteral("cross.png"));
    const Run r = runCli({QStringLiteral("section"), m_project, QStringLiteral("--line"), lineText(false),
                          QStringLiteral("--csv"), csv, QStringLiteral("--png"), png,
                          QStringLiteral("--size"), QStringLiteral("800x400")});
    QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
    QVERIFY2(r.out.startsWith(QStringLiteral("section: 30.0 m, ")), qPrintable(r.out));
    // The table row of the pipe: its id and recorded centre depth.
    const QString depth = QString::number(m_pipe.depthM, 'f', 2);
    bool rowFound = false;
    for (const QString& line : r.out.split(QLatin1Char('\n'))) {
        const QStringList words = line.simplified().split(QLatin1Char(' '));
        if (words.size() > 3 && words.contains(QString::number(m_pipe.id)) && words.contains(depth))
            rowFound = true;
    }
    QVERIFY2(rowFound, qPrintable(r.out));

    const QList<QStringList> rows = readCsv(csv);
    QVERIFY(rows.size() >= 2);
    const QStringList& header = rows.first();
    const int idCol = header.indexOf(QStringLiteral("pipe_id"));
    const int depthCol = header.indexOf(QStringLiteral("depth_centre_m"));
    const int distCol = header.indexOf(QStringLiteral("distance_m"));
    QVERIFY(idCol >= 0 && depthCol >= 0 && distCol >= 0);
    bool csvFound = false;
    for (int i = 1; i < rows.size(); ++i) {
        QCOMPARE(rows[i].size(), header.size());
        if (rows[i][idCol].toLongLong() == m_pipe.id) {
            csvFound = true;
            QVERIFY2(std::abs(rows[i][depthCol].toDouble() - m_pipe.depthM) < 0.05,
                     qPrintable(rows[i].join(',')));
            QVERIFY(std::abs(rows[i][distCol].toDouble() - 15.0) < 0.01);
        }
    }
    QVERIFY(csvFound);

    const QImage image(png);
    QCOMPARE(image.size(), QSize(800, 400));
    const auto rgb = data::pipeNetworkColour(m_pipe.network);
    const QColor want = QColor::fromRgbF(rgb[0], rgb[1], rgb[2]);
    int matching = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - want.red()) <= 2 && std::abs(c.green() - want.green()) <= 2 &&
                std::abs(c.blue() - want.blue()) <= 2)
                ++matching;
        }
    QVERIFY2(matching >= 9, qPrintable(QString::number(matching))); // at least the pipe's inner pixels
}

void TstCliSection::lonLatGivesTheSameCrossings()
{
    const QString projected = path(QStringLiteral("projected.csv"));
    const QString geographic = path(QStringLiteral("geographic.csv"));
    const Run a = runCli({QStringLiteral("section"), m_project, QStringLiteral("--line"), lineText(false),
                          QStringLiteral("--csv"), projected});
    QVERIFY2(a.exitCode == 0, qPrintable(show(a)));
    const Run b = runCli({QStringLiteral("section"), m_project, QStringLiteral("--lonlat"),
                          QStringLiteral("--line"), lineText(true), QStringLiteral("--csv"), geographic});
    QVERIFY2(b.exitCode == 0, qPrintable(show(b)));
    const auto rowsA = readCsv(projected);
    const auto rowsB = readCsv(geographic);
    QCOMPARE(rowsB.size(), rowsA.size());
    for (int i = 1; i < rowsA.size(); ++i) {
        QCOMPARE(rowsB[i][5], rowsA[i][5]);                                        // pipe_id
        QVERIFY(std::abs(rowsB[i][0].toDouble() - rowsA[i][0].toDouble()) < 0.01); // distance
    }
}

void TstCliSection::badArgumentsLeaveNothingBehind_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString p = QStringLiteral("PROJECT");
    QTest::newRow("no line") << QStringList{p} << 2 << QStringLiteral("missing --line");
    QTest::newRow("one point") << QStringList{p, QStringLiteral("--line"), QStringLiteral("1,2")} << 2
                               << QStringLiteral("--line wants two or more points");
    QTest::newRow("not numbers") << QStringList{p, QStringLiteral("--line"), QStringLiteral("a,b c,d")} << 2
                                 << QStringLiteral("--line wants");
    QTest::newRow("no length") << QStringList{p, QStringLiteral("--line"), QStringLiteral("5,5 5,5")} << 2
                               << QStringLiteral("no length");
    QTest::newRow("bad lonlat") << QStringList{p, QStringLiteral("--lonlat"), QStringLiteral("--line"),
                                               QStringLiteral("595800,3398140 595900,3398140")}
                                << 2 << QStringLiteral("not a longitude,latitude");
    QTest::newRow("bad size") << QStringList{p, QStringLiteral("--line"), QStringLiteral("1,2 3,4"),
                                             QStringLiteral("--size"), QStringLiteral("0x5")}
                              << 2 << QStringLiteral("--size");
    QTest::newRow("no project") << QStringList{QStringLiteral("--line"), QStringLiteral("1,2 3,4")} << 2
                                << QStringLiteral("missing the project file");
    QTest::newRow("missing project") << QStringList{QStringLiteral("MISSING"), QStringLiteral("--line"),
                                                    QStringLiteral("1,2 3,4")}
                                     << 1 << QStringLiteral("file not found");
    QTest::newRow("not a project") << QStringList{QStringLiteral("GARBAGE"), QStringLiteral("--line"),
                                                  QStringLiteral("1,2 3,4")}
                                   << 1 << QStringLiteral("garbage.citytwin");
}

void TstCliSection::badArgumentsLeaveNothingBehind()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString garbage = path(QStringLiteral("garbage.citytwin"));
    {
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a project");
    }
    const QString csv = path(QStringLiteral("bad.csv"));
    const QString png = path(QStringLiteral("bad.png"));
    args.replaceInStrings(QStringLiteral("PROJECT"), m_project);
    args.replaceInStrings(QStringLiteral("MISSING"), path(QStringLiteral("missing.citytwin")));
    args.replaceInStrings(QStringLiteral("GARBAGE"), garbage);
    const QByteArray before = test::fileHash(m_project);
    const Run r = runCli(QStringList{QStringLiteral("section")} + args +
                         QStringList{QStringLiteral("--csv"), csv, QStringLiteral("--png"), png});
    QVERIFY2(r.exitCode == exitCode, qPrintable(show(r)));
    QVERIFY2(r.err.contains(message), qPrintable(show(r)));
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(csv));
    QVERIFY(!QFile::exists(png));
    QCOMPARE(test::fileHash(m_project), before);
}

void TstCliSection::projectWithoutPipesFails()
{
    // The demo's DEM alone: a valid project with nothing to cut.
    auto demoSession = app::ProjectSession::open(m_project, app::ProjectSession::OpenMode::ReadOnly);
    QVERIFY(demoSession);
    const data::Project& demo = (*demoSession)->project();
    const data::LayerSettings* dem = demo.layer(test::firstLayerOf(demo, data::LayerKind::Elevation));
    QVERIFY(dem);
    data::LayerSettings elevation = *dem;
    elevation.sourceUri = path(QStringLiteral("demo/dem.tif"));
    const QString project = path(QStringLiteral("nopipes.citytwin"));
    {
        data::Project bare;
        bare.name = QStringLiteral("no pipes");
        bare.crs = demo.crs;
        bare.origin = demo.origin;
        bare.addLayer(elevation);
        auto created = app::ProjectSession::create(project, bare);
        QVERIFY2(created, qPrintable(created.status().message()));
    }
    const QString csv = path(QStringLiteral("nopipes.csv"));
    const Run r = runCli({QStringLiteral("section"), project, QStringLiteral("--line"), lineText(false),
                          QStringLiteral("--csv"), csv});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("has no pipe layers")), qPrintable(show(r)));
    QVERIFY(!QFile::exists(csv));
}

QTEST_GUILESS_MAIN(TstCliSection)
#include "tst_clisection.moc"
