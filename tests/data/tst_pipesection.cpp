// Section lines across known pipes: exact crossing distances and depths, round vs box sections,
// interpolation along sloped pipes, multi-segment section lines, no crossing (far away, parallel,
// collinear), touching ends, unknown ground and the ground profile samples.
#include "data/PipeSection.h"

#include <QtTest>
#include <cmath>

using namespace citytwin::data;

Q_DECLARE_METATYPE(citytwin::data::PipeSection)
Q_DECLARE_METATYPE(citytwin::data::PipeLine)

namespace {

// Real projected coordinates (EPSG:4549 around Pinghu): the maths must keep millimetres there.
constexpr double kX0 = 595800.0;
constexpr double kY0 = 3398140.0;

ProjectedPoint at(double x, double y, double z = 0.0)
{
    return {kX0 + x, kY0 + y, z};
}

PipeLine pipe(std::int64_t id, std::vector<ProjectedPoint> points, double diameter = 0.4)
{
    PipeLine p;
    p.id = id;
    p.points = std::move(points);
    p.diameterM = diameter;
    p.network = PipeNetwork::WaterSupply;
    p.material = QStringLiteral("pe");
    p.installYear = 2001;
    return p;
}

//! Flat ground at 10 m.
std::optional<double> flatGround(double, double)
{
    return 10.0;
}

const LayerId kLayer{7};

} // namespace

class TstPipeSection : public QObject
{
    Q_OBJECT

private slots:
    void roundAndBoxDepths_data();
    void roundAndBoxDepths();
    void slopedPipeIsInterpolated();
    void multiSegmentSectionLine();
    void crossingAtASectionVertexIsReportedOnce();
    void noCrossing_data();
    void noCrossing();
    void touchingAnEnd_data();
    void touchingAnEnd();
    void sortedByDistance();
    void unknownGroundGivesNaNDepths();
    void pipeWithoutElevationHangsUnderTheGround();
    void groundProfileSamples();
    void lengthAndPointAlong();
};

void TstPipeSection::roundAndBoxDepths_data()
{
    QTest::addColumn<PipeSection>("section");
    QTest::addColumn<double>("diameter");
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("height");
    QTest::addColumn<double>("top");
    QTest::addColumn<double>("invert");
    // Centre at z = 8 under ground at 10: centre depth 2.
    QTest::newRow("round 0.4") << PipeSection::Round << 0.4 << 0.0 << 0.0 << 1.8 << 2.2;
    QTest::newRow("round 1.2") << PipeSection::Round << 1.2 << 0.0 << 0.0 << 1.4 << 2.6;
    QTest::newRow("box 2x1") << PipeSection::Box << 0.0 << 2.0 << 1.0 << 1.5 << 2.5;
    QTest::newRow("box 3x2.5") << PipeSection::Box << 0.0 << 3.0 << 2.5 << 0.75 << 3.25;
}

void TstPipeSection::roundAndBoxDepths()
{
    QFETCH(PipeSection, section);
    QFETCH(double, diameter);
    QFETCH(double, width);
    QFETCH(double, height);
    QFETCH(double, top);
    QFETCH(double, invert);
    PipeLine p = pipe(42, {at(30, -10, 8.0), at(30, 10, 8.0)}, diameter);
    p.section = section;
    p.widthM = width;
    p.heightM = height;
    p.network = PipeNetwork::Gas;
    const auto crossings = sectionCrossings({at(0, 0), at(100, 0)}, {p}, kLayer, flatGround);
    QCOMPARE(crossings.size(), size_t(1));
    const PipeCrossing& c = crossings.front();
    QCOMPARE(c.pipeId, std::int64_t(42));
    QCOMPARE(c.layer, kLayer);
    QVERIFY(c.network == PipeNetwork::Gas);
    QCOMPARE(c.material, QStringLiteral("pe"));
    QCOMPARE(c.installYear, 2001);
    QVERIFY(c.section == section);
    QVERIFY(std::abs(c.distanceM - 30.0) < 1e-6);
    QVERIFY(std::abs(c.point.x - (kX0 + 30.0)) < 1e-6);
    QVERIFY(std::abs(c.point.y - kY0) < 1e-6);
    QCOMPARE(c.centreZ, 8.0);
    QCOMPARE(c.point.z, 8.0);
    QCOMPARE(c.groundZ, 10.0);
    QVERIFY(std::abs(c.depthCentreM - 2.0) < 1e-9);
    QVERIFY2(std::abs(c.depthTopM - top) < 1e-9, qPrintable(QString::number(c.depthTopM)));
    QVERIFY2(std::abs(c.depthInvertM - invert) < 1e-9, qPrintable(QString::number(c.depthInvertM)));
    QCOMPARE(c.verticalSizeM(), section == PipeSection::Box ? height : diameter);
    QCOMPARE(c.horizontalSizeM(), section == PipeSection::Box ? width : diameter);
}

void TstPipeSection::slopedPipeIsInterpolated()
{
    // The pipe falls 4 m over 40 m; the section crosses a quarter of the way along → z = 5 + 1.
    const PipeLine p = pipe(1, {at(50, -10, 5.0), at(50, 30, 9.0)});
    const auto c = sectionCrossings({at(0, 0), at(100, 0)}, {p}, kLayer, flatGround);
    QCOMPARE(c.size(), size_t(1));
    QVERIFY(std::abs(c[0].centreZ - 6.0) < 1e-9);
    QVERIFY(std::abs(c[0].depthCentreM - 4.0) < 1e-9);
    // A multi-vertex pipe: the crossing is interpolated on the segment it falls in.
    const PipeLine bent = pipe(2, {at(20, -30, 0.0), at(20, -10, 2.0), at(20, 10, 6.0)});
    const auto d = sectionCrossings({at(0, 0), at(100, 0)}, {bent}, kLayer, flatGround);
    QCOMPARE(d.size(), size_t(1));
    QVERIFY(std::abs(d[0].centreZ - 4.0) < 1e-9);
}

void TstPipeSection::multiSegmentSectionLine()
{
    // An L-shaped section: east 100 m, then north 100 m.
    const std::vector<ProjectedPoint> line{at(0, 0), at(100, 0), at(100, 100)};
    const PipeLine a = pipe(1, {at(30, -5, 7.0), at(30, 5, 7.0)});
    const PipeLine b = pipe(2, {at(90, 50, 6.5), at(110, 50, 6.5)});
    const PipeLine c = pipe(3, {at(95, 80, 9.0), at(105, 80, 9.0)});
    const auto crossings = sectionCrossings(line, {c, b, a}, kLayer, flatGround);
    QCOMPARE(crossings.size(), size_t(3));
    QCOMPARE(crossings[0].pipeId, std::int64_t(1));
    QVERIFY(std::abs(crossings[0].distanceM - 30.0) < 1e-6);
    QCOMPARE(crossings[1].pipeId, std::int64_t(2));
    QVERIFY(std::abs(crossings[1].distanceM - 150.0) < 1e-6);
    QVERIFY(std::abs(crossings[1].depthCentreM - 3.5) < 1e-9);
    QCOMPARE(crossings[2].pipeId, std::int64_t(3));
    QVERIFY(std::abs(crossings[2].distanceM - 180.0) < 1e-6);
    QVERIFY(std::abs(crossings[2].point.y - (kY0 + 80.0)) < 1e-6);
}

void TstPipeSection::crossingAtASectionVertexIsReportedOnce()
{
    // The pipe passes exactly through the corner shared by both section segments, and a pipe
    // vertex lies on the section line: each is still one crossing.
    const std::vector<ProjectedPoint> line{at(0, 0), at(100, 0), at(100, 100)};
    const PipeLine diagonal = pipe(5, {at(90, -10, 7.0), at(110, 10, 7.0)});
    const PipeLine kinked = pipe(6, {at(40, -10, 7.0), at(40, 0, 7.0), at(45, 10, 7.0)});
    const auto crossings = sectionCrossings(line, {diagonal, kinked}, kLayer, flatGround);
    QCOMPARE(crossings.size(), size_t(2));
    QCOMPARE(crossings[0].pipeId, std::int64_t(6));
    QVERIFY(std::abs(crossings[0].distanceM - 40.0) < 1e-6);
    QCOMPARE(crossings[1].pipeId, std::int64_t(5));
    QVERIFY(std::abs(crossings[1].distanceM - 100.0) < 1e-6);
}

void TstPipeSection::noCrossing_data()
{
    QTest::addColumn<PipeLine>("p");
    QTest::newRow("far away") << pipe(1, {at(30, 20, 7.0), at(30, 40, 7.0)});
    QTest::newRow("beyond the end") << pipe(1, {at(101, -5, 7.0), at(101, 5, 7.0)});
    QTest::newRow("parallel") << pipe(1, {at(10, 2, 7.0), at(90, 2, 7.0)});
    QTest::newRow("collinear overlap") << pipe(1, {at(10, 0, 7.0), at(90, 0, 7.0)});
    QTest::newRow("collinear beyond") << pipe(1, {at(110, 0, 7.0), at(190, 0, 7.0)});
    QTest::newRow("degenerate pipe") << pipe(1, {at(30, 0, 7.0), at(30, 0, 7.0)});
    QTest::newRow("single vertex") << pipe(1, {at(30, 0, 7.0)});
}

void TstPipeSection::noCrossing()
{
    QFETCH(PipeLine, p);
    QVERIFY(sectionCrossings({at(0, 0), at(100, 0)}, {p}, kLayer, flatGround).empty());
    // A section line of one point crosses nothing either.
    const PipeLine across = pipe(2, {at(30, -5, 7.0), at(30, 5, 7.0)});
    QVERIFY(sectionCrossings({at(30, 0)}, {across}, kLayer, flatGround).empty());
}

void TstPipeSection::touchingAnEnd_data()
{
    QTest::addColumn<PipeLine>("p");
    QTest::addColumn<double>("distance");
    QTest::newRow("pipe ends on the section") << pipe(1, {at(60, 0, 7.0), at(60, 10, 7.0)}) << 60.0;
    QTest::newRow("pipe starts on the section") << pipe(1, {at(60, -10, 7.0), at(60, 0, 7.0)}) << 60.0;
    QTest::newRow("section ends on the pipe") << pipe(1, {at(100, -10, 7.0), at(100, 10, 7.0)}) << 100.0;
    QTest::newRow("section starts on the pipe") << pipe(1, {at(0, -10, 7.0), at(0, 10, 7.0)}) << 0.0;
    QTest::newRow("end to end") << pipe(1, {at(100, 0, 7.0), at(100, 10, 7.0)}) << 100.0;
}

void TstPipeSection::touchingAnEnd()
{
    QFETCH(PipeLine, p);
    QFETCH(double, distance);
    const auto c = sectionCrossings({at(0, 0), at(100, 0)}, {p}, kLayer, flatGround);
    QCOMPARE(c.size(), size_t(1));
    QVERIFY2(std::abs(c[0].distanceM - distance) < 1e-6, qPrintable(QString::number(c[0].distanceM)));
    QVERIFY(std::abs(c[0].depthCentreM - 3.0) < 1e-9);
}

void TstPipeSection::sortedByDistance()
{
    std::vector<PipeLine> pipes;
    for (int i = 0; i < 9; ++i) {
        const double x = 10.0 * ((i * 7) % 9 + 1); // 10 … 90, shuffled
        pipes.push_back(pipe(100 + i, {at(x, -5, 7.0), at(x, 5, 7.0)}));
    }
    const auto c = sectionCrossings({at(0, 0), at(100, 0)}, pipes, kLayer, flatGround);
    QCOMPARE(c.size(), size_t(9));
    for (size_t i = 0; i < c.size(); ++i)
        QVERIFY(std::abs(c[i].distanceM - 10.0 * double(i + 1)) < 1e-6);

    // Crossings of two layers gathered into one list sort together.
    auto other = sectionCrossings({at(0, 0), at(100, 0)}, {pipe(1, {at(55, -5, 7.0), at(55, 5, 7.0)})},
                                  LayerId{3}, flatGround);
    std::vector<PipeCrossing> all = c;
    all.insert(all.end(), other.begin(), other.end());
    sortCrossings(all);
    QCOMPARE(all.size(), size_t(10));
    QCOMPARE(all[5].layer, LayerId{3});
    QVERIFY(std::abs(all[5].distanceM - 55.0) < 1e-6);
}

void TstPipeSection::unknownGroundGivesNaNDepths()
{
    const PipeLine p = pipe(1, {at(30, -5, 7.0), at(30, 5, 7.0)});
    for (const SurfaceHeightFunction& ground :
         {SurfaceHeightFunction{},
          SurfaceHeightFunction([](double, double) { return std::optional<double>{}; })}) {
        const auto c = sectionCrossings({at(0, 0), at(100, 0)}, {p}, kLayer, ground);
        QCOMPARE(c.size(), size_t(1));
        QCOMPARE(c[0].centreZ, 7.0);
        QVERIFY(std::isnan(c[0].groundZ));
        QVERIFY(std::isnan(c[0].depthTopM));
        QVERIFY(std::isnan(c[0].depthCentreM));
        QVERIFY(std::isnan(c[0].depthInvertM));
    }
}

void TstPipeSection::pipeWithoutElevationHangsUnderTheGround()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    PipeLine p = pipe(1, {at(30, -5, nan), at(30, 5, nan)});
    p.depthM = 1.7;
    // Ground rising to the east: 10 + x/10 → 13 at x = 30.
    const auto slope = [](double x, double) { return std::optional<double>(10.0 + (x - kX0) / 10.0); };
    const auto c = sectionCrossings({at(0, 0), at(100, 0)}, {p}, kLayer, slope);
    QCOMPARE(c.size(), size_t(1));
    QVERIFY(std::abs(c[0].groundZ - 13.0) < 1e-9);
    QVERIFY(std::abs(c[0].centreZ - 11.3) < 1e-9);
    QVERIFY(std::abs(c[0].depthCentreM - 1.7) < 1e-9);
}

void TstPipeSection::groundProfileSamples()
{
    const auto slope = [](double x, double y) { return std::optional<double>((x - kX0) + 2.0 * (y - kY0)); };
    // 100 m at most 30 m apart → 4 even steps of 25 m; then 50 m north → 2 steps of 25 m.
    const auto samples = sectionGroundProfile({at(0, 0), at(100, 0), at(100, 50)}, slope, 30.0);
    const std::vector<double> distances{0, 25, 50, 75, 100, 125, 150};
    const std::vector<double> heights{0, 25, 50, 75, 100, 150, 200};
    QCOMPARE(samples.size(), distances.size());
    for (size_t i = 0; i < samples.size(); ++i) {
        QVERIFY(std::abs(samples[i].distanceM - distances[i]) < 1e-9);
        QVERIFY2(std::abs(samples[i].z - heights[i]) < 1e-6, qPrintable(QString::number(samples[i].z)));
    }
    QVERIFY(std::abs(samples.back().x - (kX0 + 100.0)) < 1e-9);
    QVERIFY(std::abs(samples.back().y - (kY0 + 50.0)) < 1e-9);

    // Outside the surface: NaN samples; step 0: vertices only.
    const auto none = sectionGroundProfile({at(0, 0), at(100, 0)}, {}, 0.0);
    QCOMPARE(none.size(), size_t(2));
    QVERIFY(std::isnan(none[0].z) && std::isnan(none[1].z));
    QVERIFY(sectionGroundProfile({}, slope, 10.0).empty());
}

void TstPipeSection::lengthAndPointAlong()
{
    const std::vector<ProjectedPoint> line{at(0, 0), at(30, 40), at(30, 100)};
    QVERIFY(std::abs(sectionLength(line) - 110.0) < 1e-9);
    const ProjectedPoint mid = pointAlongSection(line, 25.0);
    QVERIFY(std::abs(mid.x - (kX0 + 15.0)) < 1e-9 && std::abs(mid.y - (kY0 + 20.0)) < 1e-9);
    const ProjectedPoint second = pointAlongSection(line, 80.0);
    QVERIFY(std::abs(second.x - (kX0 + 30.0)) < 1e-9 && std::abs(second.y - (kY0 + 70.0)) < 1e-9);
    QCOMPARE(pointAlongSection(line, -5.0).x, kX0);
    QCOMPARE(pointAlongSection(line, 500.0).y, kY0 + 100.0);
}

QTEST_APPLESS_MAIN(TstPipeSection)
#include "tst_pipesection.moc"
