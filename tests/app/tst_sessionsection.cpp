// The vertical section on the small demo project through the session: a line drawn across a road
// crosses the pipes under it, and every crossing's depth below the DEM equals the pipe's depth_m
// attribute within 5 cm; the CSV carries the same rows; a line of one point, a line missing every
// pipe and a project without pipe layers are reported.
#include "app/ProjectSession.h"
#include "app/SectionAnalysis.h"
#include "gis/GdalEnvironment.h"
#include "tests/app/SessionFixtures.h"
#include "tests/app/SmallDemo.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <map>
#include <set>

using namespace citytwin;
using app::ProjectSession;
using data::LayerKind;

class TstSessionSection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void linesAcrossRoadsMeetTheRecordedDepths();
    void csvHasOneRowPerCrossing();
    void lineParsing_data();
    void lineParsing();
    void badLinesAndNoPipesAreReported();

private:
    //! A 30 m section line across pipe P, perpendicular to its segment K, centred on its middle.
    static std::vector<data::ProjectedPoint> lineAcross(const data::PipeLine& p, size_t k);

    QTemporaryDir m_dir;
    QString m_project;
    std::unique_ptr<ProjectSession> m_session;
    data::LayerId m_pipes;
};

void TstSessionSection::initTestCase()
{
    gis::ensureGdalRegistered();
    auto demo = test::makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_project = *demo;
    auto opened = ProjectSession::open(m_project, ProjectSession::OpenMode::ReadOnly);
    QVERIFY2(opened, qPrintable(opened.status().message()));
    m_session = std::move(opened).value();
    QVERIFY(m_session->loadAllBlocking());
    m_pipes = test::firstLayerOf(m_session->project(), LayerKind::Pipes);
    QVERIFY(m_pipes.isValid());
    QVERIFY2(m_session->layerState(m_pipes) == ProjectSession::LayerState::Ready,
             qPrintable(m_session->layerError(m_pipes)));
    QVERIFY(m_session->terrain());
    QVERIFY(m_session->pipes(m_pipes).size() >= 12);
}

std::vector<data::ProjectedPoint> TstSessionSection::lineAcross(const data::PipeLine& p, size_t k)
{
    const data::ProjectedPoint& a = p.points[k];
    const data::ProjectedPoint& b = p.points[k + 1];
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    const double nx = -(b.y - a.y) / len;
    const double ny = (b.x - a.x) / len;
    const double mx = 0.5 * (a.x + b.x);
    const double my = 0.5 * (a.y + b.y);
    return {{mx - 15.0 * nx, my - 15.0 * ny, 0.0}, {mx + 15.0 * nx, my + 15.0 * ny, 0.0}};
}

void TstSessionSection::linesAcrossRoadsMeetTheRecordedDepths()
{
    const std::vector<data::PipeLine> pipes = m_session->pipes(m_pipes);
    std::map<std::int64_t, const data::PipeLine*> byId;
    for (const data::PipeLine& p : pipes)
        byId[p.id] = &p;
    int checked = 0;
    std::set<data::PipeNetwork> networks;
    for (size_t i = 0; i < pipes.size() && checked < 12; i += std::max<size_t>(1, pipes.size() / 12)) {
        const data::PipeLine& p = pipes[i];
        if (p.points.size() < 2)
            continue;
        const auto section = app::computeSection(*m_session, lineAcross(p, (p.points.size() - 2) / 2));
        QVERIFY2(section, qPrintable(section.status().message()));
        QVERIFY(section->hasGround);
        QVERIFY(std::abs(section->lengthM - 30.0) < 1e-6);
        QCOMPARE(section->layerName(m_pipes), m_session->project().layer(m_pipes)->name);
        bool found = false;
        for (const data::PipeCrossing& c : section->crossings) {
            const data::PipeLine* crossed = byId.at(c.pipeId);
            // Every pipe under the road, not only the one aimed at, sits at its recorded depth.
            QVERIFY2(std::abs(c.depthCentreM - crossed->depthM) < 0.05,
                     qPrintable(QStringLiteral("pipe %1: section depth %2, depth_m %3")
                                    .arg(c.pipeId)
                                    .arg(c.depthCentreM)
                                    .arg(crossed->depthM)));
            QVERIFY(std::abs(c.depthTopM - (c.depthCentreM - 0.5 * crossed->diameterM)) < 1e-9);
            QVERIFY(c.network == crossed->network);
            QCOMPARE(c.material, crossed->material);
            QCOMPARE(c.installYear, crossed->installYear);
            networks.insert(c.network);
            if (c.pipeId == p.id) {
                found = true;
                QVERIFY2(std::abs(c.distanceM - 15.0) < 1e-3, qPrintable(QString::number(c.distanceM)));
            }
        }
        QVERIFY2(found, qPrintable(QStringLiteral("pipe %1 not crossed").arg(p.id)));
        ++checked;
    }
    QVERIFY(checked >= 10);
    QVERIFY(networks.size() >= 2);
}

void TstSessionSection::csvHasOneRowPerCrossing()
{
    const std::vector<data::PipeLine> pipes = m_session->pipes(m_pipes);
    const auto section = app::computeSection(*m_session, lineAcross(pipes.front(), 0));
    QVERIFY(section);
    QVERIFY(!section->crossings.empty());
    const QStringList lines =
        QString::fromUtf8(app::sectionCsv(*section)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), int(section->crossings.size()) + 1);
    QVERIFY(lines.first().startsWith(QStringLiteral("distance_m,x,y,layer_id,layer,pipe_id,network")));
    const QStringList header = lines.first().split(QLatin1Char(','));
    const QStringList first = lines[1].split(QLatin1Char(','));
    QCOMPARE(first.size(), header.size());
    const data::PipeCrossing& c = section->crossings.front();
    QCOMPARE(first[header.indexOf(QStringLiteral("pipe_id"))].toLongLong(), c.pipeId);
    QCOMPARE(first[header.indexOf(QStringLiteral("network"))], data::toString(c.network));
    QVERIFY(std::abs(first[header.indexOf(QStringLiteral("depth_centre_m"))].toDouble() - c.depthCentreM) <
            1e-3);
}

void TstSessionSection::lineParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("points");
    QTest::newRow("two") << QStringLiteral("1,2 3,4") << 2;
    QTest::newRow("semicolons") << QStringLiteral("1.5,2;3,4;5,-6") << 3;
    QTest::newRow("extra spaces") << QStringLiteral("  1,2    3,4 ") << 2;
    QTest::newRow("one point") << QStringLiteral("1,2") << 0;
    QTest::newRow("three numbers") << QStringLiteral("1,2,3 4,5") << 0;
    QTest::newRow("text") << QStringLiteral("a,b c,d") << 0;
    QTest::newRow("empty") << QString() << 0;
}

void TstSessionSection::lineParsing()
{
    QFETCH(QString, text);
    QFETCH(int, points);
    const auto line = app::parseSectionLine(text);
    QCOMPARE(line ? int(line->size()) : 0, points);
}

void TstSessionSection::badLinesAndNoPipesAreReported()
{
    const data::ProjectedPoint o = m_session->project().origin;
    const auto single = app::computeSection(*m_session, {o, o});
    QVERIFY(!single);
    QVERIFY(single.status().code() == data::Status::Code::InvalidArgument);

    // Far outside the demo: no crossing, no ground, still a section.
    const auto far = app::computeSection(*m_session, {{o.x + 1e5, o.y, 0}, {o.x + 1e5 + 50.0, o.y, 0}});
    QVERIFY(far);
    QVERIFY(far->crossings.empty());
    QVERIFY(std::isnan(far->ground.front().z));

    auto opened = ProjectSession::open(m_project, ProjectSession::OpenMode::ReadOnly);
    QVERIFY(opened);
    ProjectSession& bare = **opened;
    QVERIFY(bare.removeLayer(test::firstLayerOf(bare.project(), LayerKind::Pipes)));
    const auto none = app::computeSection(bare, {o, {o.x + 10.0, o.y, 0}});
    QVERIFY(!none);
    QVERIFY(none.status().message().contains(QStringLiteral("pipe layer")));
}

QTEST_GUILESS_MAIN(TstSessionSection)
#include "tst_sessionsection.moc"
