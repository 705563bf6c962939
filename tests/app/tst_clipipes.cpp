// citytwin-cli pipes on the small demo, run as a process: the counts of the ageing-network query
// equal an independent count of pipes.gpkg read with OGR (age at --year, materials any of,
// networks), --csv writes the same rows, --clearance between two demo pipes that cross gives their
// depth difference less their radii, and bad command lines exit 2 with a message.
#include "app/LayerLoader.h"
#include "data/PipeClearance.h"
#include "data/PipeMapping.h"
#include "data/ProjectStore.h"
#include "gis/GdalEnvironment.h"
#include "gis/PipeReader.h"
#include "tests/app/CliFixtures.h"
#include "tests/app/SmallDemo.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

using namespace citytwin;
using test::runCli;
using test::show;

namespace {

//! One feature of pipes.gpkg as OGR reads it.
struct Row
{
    QString network;
    QString material;
    int installYear = 0;
};

std::vector<Row> readRows(const QString& path)
{
    std::vector<Row> rows;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds || ds->GetLayerCount() < 1)
        return rows;
    OGRLayer* layer = ds->GetLayer(0);
    for (const auto& f : *layer)
        rows.push_back({QString::fromUtf8(f->GetFieldAsString("network")),
                        QString::fromUtf8(f->GetFieldAsString("material")),
                        f->GetFieldAsInteger("install_year")});
    return rows;
}

//! "N of M pipes, X.X km" from the summary line.
std::optional<std::pair<int, int>> summaryCounts(const QString& out)
{
    static const QRegularExpression re(QStringLiteral("^(\\d+) of (\\d+) pipes, [0-9.]+ km"),
                                       QRegularExpression::MultilineOption);
    const auto m = re.match(out);
    if (!m.hasMatch())
        return std::nullopt;
    return std::make_pair(m.captured(1).toInt(), m.captured(2).toInt());
}

} // namespace

class TstCliPipes : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void countsMatchOgr_data();
    void countsMatchOgr();
    void csvHasTheListedRows();
    void clearanceOfCrossingPipes();
    void badArguments_data();
    void badArguments();

private:
    QTemporaryDir m_dir;
    QString m_project;
    QString m_pipesFile;
    QString m_crs;
    data::LayerId m_pipesLayer;
    std::vector<Row> m_rows;
};

void TstCliPipes::initTestCase()
{
    gis::ensureGdalRegistered();
    QVERIFY(m_dir.isValid());
    auto demo = test::makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
    m_project = demo.value();
    auto store = data::ProjectStore::open(m_project, data::ProjectStore::Mode::ReadOnly);
    QVERIFY(store.isOk());
    auto project = (*store)->loadProject();
    QVERIFY(project.isOk());
    m_pipesLayer = test::firstLayerOf(*project, data::LayerKind::Pipes);
    QVERIFY(m_pipesLayer.isValid());
    m_pipesFile = app::loader::resolveSource(project->layer(m_pipesLayer)->sourceUri, m_project);
    m_crs = project->crs;
    m_rows = readRows(m_pipesFile);
    QVERIFY(m_rows.size() >= 10);
}

void TstCliPipes::countsMatchOgr_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("minAge");
    QTest::addColumn<QStringList>("materials");
    QTest::addColumn<QStringList>("networks");
    QTest::addColumn<int>("year");
    QTest::newRow("all") << QStringList{} << 0 << QStringList{} << QStringList{} << 2026;
    QTest::newRow("older than 20 in 2026") << QStringList{"--older-than", "20", "--year", "2026"} << 20
                                           << QStringList{} << QStringList{} << 2026;
    QTest::newRow("older than 10 in 2015") << QStringList{"--older-than", "10", "--year", "2015"} << 10
                                           << QStringList{} << QStringList{} << 2015;
    QTest::newRow("steel or PE, any case") << QStringList{"--material", "STEEL", "--material", "pe"} << 0
                                           << QStringList{"steel", "pe"} << QStringList{} << 2026;
    QTest::newRow("old gas") << QStringList{"--older-than", "10", "--network", "燃气", "--year", "2024"} << 10
                             << QStringList{} << QStringList{"gas"} << 2024;
    QTest::newRow("water or drainage concrete")
        << QStringList{"--network", "water", "--network", "drainage", "--material", "concrete"} << 0
        << QStringList{"concrete"} << QStringList{"water_supply", "drainage"} << 2026;
}

void TstCliPipes::countsMatchOgr()
{
    QFETCH(QStringList, args);
    QFETCH(int, minAge);
    QFETCH(QStringList, materials);
    QFETCH(QStringList, networks);
    QFETCH(int, year);
    int expected = 0;
    for (const Row& r : m_rows) {
        const bool oldEnough =
            minAge == 0 || (r.installYear > 0 && r.installYear <= year && year - r.installYear >= minAge);
        const bool material = materials.isEmpty() || materials.contains(r.material, Qt::CaseInsensitive);
        const bool network = networks.isEmpty() || networks.contains(r.network);
        expected += oldEnough && material && network;
    }
    const auto run = runCli(QStringList{QStringLiteral("pipes"), m_project} + args);
    QVERIFY2(run.exitCode == 0, qPrintable(show(run)));
    const auto counts = summaryCounts(run.out);
    QVERIFY2(counts, qPrintable(show(run)));
    QCOMPARE(counts->second, int(m_rows.size()));
    QCOMPARE(counts->first, expected);
    if (expected > 0 && expected < int(m_rows.size()))
        QVERIFY(counts->first < counts->second); // the filter does select
    // One line per pipe, plus the header and the summary.
    QCOMPARE(run.out.trimmed().split(QLatin1Char('\n')).size(), expected + 2);
}

void TstCliPipes::csvHasTheListedRows()
{
    const QString csv = m_dir.filePath(QStringLiteral("old.csv"));
    const auto run =
        runCli({QStringLiteral("pipes"), m_project, QStringLiteral("--older-than"), QStringLiteral("25"),
                QStringLiteral("--year"), QStringLiteral("2025"), QStringLiteral("--csv"), csv});
    QVERIFY2(run.exitCode == 0, qPrintable(show(run)));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.first(), QStringLiteral("layer,id,network,material,install_year,age,length_m,depth_m"));
    const auto counts = summaryCounts(run.out);
    QVERIFY(counts);
    QCOMPARE(lines.size() - 1, counts->first);
    for (const QString& line : lines.mid(1)) {
        const QStringList cells = line.split(QLatin1Char(','));
        QCOMPARE(cells.size(), 8);
        QVERIFY(cells[4].toInt() <= 2000);
        QCOMPARE(cells[5].toInt(), 2025 - cells[4].toInt());
        QVERIFY(cells[6].toDouble() > 0.0);
        QVERIFY(cells[7].toDouble() > 0.5 && cells[7].toDouble() < 4.0); // the demo's depths: 0.9 … 3.5 m
    }
}

void TstCliPipes::clearanceOfCrossingPipes()
{
    // Find two pipes that cross in plan (read flat, z = −depth, so only the plan matters here).
    auto read = gis::readPipes(m_pipesFile, m_crs, data::PipeMapping{});
    QVERIFY2(read.isOk(), qPrintable(read.status().message()));
    std::vector<data::PipeLine> pipes = read->pipes;
    for (data::PipeLine& p : pipes)
        for (data::ProjectedPoint& pt : p.points)
            pt.z = -p.depthM;
    const data::PipeLine* a = nullptr;
    const data::PipeLine* b = nullptr;
    for (size_t i = 0; i < pipes.size() && !a; ++i)
        for (size_t j = i + 1; j < pipes.size() && !a; ++j) {
            const auto c = data::pipeClearance(pipes[i], pipes[j]);
            // A clear crossing of two networks, away from the pipes' ends (where runs meet).
            if (c && c->crossing && pipes[i].network != pipes[j].network &&
                c->crossing->verticalClearanceM > 0.2) {
                a = &pipes[i];
                b = &pipes[j];
            }
        }
    QVERIFY2(a && b, "the demo has no crossing pipes");
    const QString layer = QString::number(m_pipesLayer.value);
    const auto run = runCli({QStringLiteral("pipes"), m_project, QStringLiteral("--clearance"),
                             layer + QLatin1Char(':') + QString::number(a->id),
                             layer + QLatin1Char(':') + QString::number(b->id)});
    QVERIFY2(run.exitCode == 0, qPrintable(show(run)));
    static const QRegularExpression re(
        QStringLiteral("crossing at .*: ([AB]) above, vertical clearance ([0-9.-]+) m"));
    const auto m = re.match(run.out);
    QVERIFY2(m.hasMatch(), qPrintable(show(run)));
    // Both hang under the same ground at the crossing: the clearance is the depth difference less
    // the radii (give or take the ground's change between the 5 m steps each pipe follows).
    const double expected = std::abs(a->depthM - b->depthM) - 0.5 * (a->diameterM + b->diameterM);
    QVERIFY2(std::abs(m.captured(2).toDouble() - expected) < 0.05,
             qPrintable(QStringLiteral("%1 vs %2").arg(m.captured(2)).arg(expected)));
    QCOMPARE(m.captured(1), a->depthM < b->depthM ? QStringLiteral("A") : QStringLiteral("B"));
    QVERIFY(run.out.contains(QStringLiteral("minimum distance")));
}

void TstCliPipes::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no project") << QStringList{} << 2 << "missing the project file";
    QTest::newRow("negative age") << QStringList{"@", "--older-than", "-3"} << 2 << "--older-than";
    QTest::newRow("bad year") << QStringList{"@", "--year", "twenty"} << 2 << "--year";
    QTest::newRow("unknown network") << QStringList{"@", "--network", "lava"} << 2
                                     << "unknown network 'lava'";
    QTest::newRow("one clearance pipe") << QStringList{"@", "--clearance", "1:1"} << 2 << "two pipes";
    QTest::newRow("clearance with filter")
        << QStringList{"@", "--clearance", "1:1", "1:2", "--older-than", "3"} << 2 << "filter";
    QTest::newRow("bad pipe ref") << QStringList{"@", "--clearance", "x", "y"} << 1 << "is not LAYER:ID";
    QTest::newRow("unknown pipe") << QStringList{"@", "--clearance", "@L:1", "@L:999999"} << 1
                                  << "has no pipe 999999";
    QTest::newRow("no such file") << QStringList{"/nonexistent/x.citytwin"} << 1 << "file not found";
}

void TstCliPipes::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    for (QString& a : args) {
        if (a == QLatin1String("@"))
            a = m_project;
        a.replace(QStringLiteral("@L"), QString::number(m_pipesLayer.value));
    }
    const auto run = runCli(QStringList{QStringLiteral("pipes")} + args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message), qPrintable(show(run)));
}

QTEST_GUILESS_MAIN(TstCliPipes)
#include "tst_clipipes.moc"
