// data::pipeClearance: crossing pipes at known depths (vertical clearance exact, which is above),
// box sections, pipes that do not cross (horizontal and 3D clear distances), parallel pipes,
// overlapping pipes and unusable input.
#include "data/PipeClearance.h"

#include <QTest>
#include <cmath>

using namespace citytwin::data;

namespace {

constexpr double kTol = 1e-9;

PipeLine round(std::vector<ProjectedPoint> points, double diameter)
{
    PipeLine p;
    p.points = std::move(points);
    p.diameterM = diameter;
    return p;
}

PipeLine box(std::vector<ProjectedPoint> points, double width, double height)
{
    PipeLine p = round(std::move(points), 0.0);
    p.section = PipeSection::Box;
    p.widthM = width;
    p.heightM = height;
    return p;
}

bool near(double a, double b)
{
    return std::abs(a - b) < kTol;
}

} // namespace

class TstPipeClearance : public QObject
{
    Q_OBJECT
private slots:
    void crossingRoundPipes_data();
    void crossingRoundPipes();
    void crossingOnSlopesInterpolatesZ();
    void crossingBoxUnderRoundPipe();
    void boxSideBySide();
    void notCrossing();
    void parallel();
    void overlappingInPlan();
    void leastClearanceOfSeveralCrossings();
    void unusableInput();
};

void TstPipeClearance::crossingRoundPipes_data()
{
    QTest::addColumn<double>("zA");
    QTest::addColumn<double>("diameterA");
    QTest::addColumn<double>("zB");
    QTest::addColumn<double>("diameterB");
    QTest::addColumn<double>("clearance");
    QTest::addColumn<bool>("aAbove");
    // Surface 10 m: water at 1.2 m depth (DN300), gas at 2.0 m (DN200): 0.8 − 0.15 − 0.1 = 0.55.
    QTest::newRow("a above") << 8.8 << 0.3 << 8.0 << 0.2 << 0.55 << true;
    QTest::newRow("b above") << 8.0 << 0.2 << 8.8 << 0.3 << 0.55 << false;
    QTest::newRow("touching") << 10.0 << 1.0 << 9.0 << 1.0 << 0.0 << true;
    QTest::newRow("clashing") << 10.0 << 1.0 << 9.5 << 1.0 << -0.5 << true;
}

void TstPipeClearance::crossingRoundPipes()
{
    QFETCH(double, zA);
    QFETCH(double, diameterA);
    QFETCH(double, zB);
    QFETCH(double, diameterB);
    QFETCH(double, clearance);
    QFETCH(bool, aAbove);
    // Real projected coordinates: precision must hold at 3.4e6 m northings.
    const double x0 = 500000.0, y0 = 3400000.0;
    const PipeLine a = round({{x0 - 50, y0, zA}, {x0 + 50, y0, zA}}, diameterA);
    const PipeLine b = round({{x0 + 10, y0 - 40, zB}, {x0 + 10, y0 + 40, zB}}, diameterB);
    const auto c = pipeClearance(a, b);
    QVERIFY(c);
    QVERIFY(c->crossing);
    QVERIFY(near(c->crossing->point.x, x0 + 10));
    QVERIFY(near(c->crossing->point.y, y0));
    QVERIFY2(near(c->crossing->verticalClearanceM, clearance),
             qPrintable(QString::number(c->crossing->verticalClearanceM, 'g', 17)));
    QCOMPARE(c->crossing->upper, aAbove ? UpperPipe::A : UpperPipe::B);
    QVERIFY(near(c->minDistanceM, clearance));
    QVERIFY(near(c->horizontalClearanceM, -0.5 * (diameterA + diameterB))); // centre lines meet in plan
    // The measuring points: straight above each other at the crossing, on the facing surfaces.
    QVERIFY(near(c->pointA.x, x0 + 10) && near(c->pointB.x, x0 + 10));
    QVERIFY(near(std::abs(c->pointA.z - c->pointB.z), std::abs(clearance)));
    QVERIFY(near(c->pointA.z, aAbove ? zA - diameterA / 2 : zA + diameterA / 2));
}

void TstPipeClearance::crossingOnSlopesInterpolatesZ()
{
    // A falls 2 m over 100 m (z 9 at the crossing at x = 50); B is level at 7.
    const PipeLine a = round({{0, 0, 10}, {100, 0, 8}}, 0.4);
    const PipeLine b = round({{50, -20, 7}, {50, 20, 7}}, 0.6);
    const auto c = pipeClearance(a, b);
    QVERIFY(c && c->crossing);
    QVERIFY(near(c->crossing->verticalClearanceM, 9.0 - 0.2 - (7.0 + 0.3)));
    QVERIFY(near(c->crossing->point.z, 0.5 * (8.8 + 7.3)));
    // The 3D closest approach on a slope is a little shorter than the vertical measure.
    QVERIFY(c->minDistanceM <= c->crossing->verticalClearanceM + kTol);
    QVERIFY(c->minDistanceM > 1.4);
}

void TstPipeClearance::crossingBoxUnderRoundPipe()
{
    // A 2 m wide × 1.5 m high box culvert, centre z 5, under a DN400 at z 7: 7 − 0.2 − (5 + 0.75).
    const PipeLine culvert = box({{0, 0, 5}, {0, 100, 5}}, 2.0, 1.5);
    const PipeLine water = round({{-30, 50, 7}, {30, 50, 7}}, 0.4);
    const auto c = pipeClearance(culvert, water);
    QVERIFY(c && c->crossing);
    QVERIFY(near(c->crossing->verticalClearanceM, 1.05));
    QCOMPARE(c->crossing->upper, UpperPipe::B);
    QVERIFY(near(c->minDistanceM, 1.05));
    QVERIFY(near(c->pointA.z, 5.75));
    QVERIFY(near(c->pointB.z, 6.8));
}

void TstPipeClearance::boxSideBySide()
{
    // Two boxes side by side at one level, 5 m apart centre to centre: 5 − 1 − 1.5 between the walls.
    const PipeLine a = box({{0, 0, 3}, {0, 50, 3}}, 2.0, 1.0);
    const PipeLine b = box({{5, 0, 3}, {5, 50, 3}}, 3.0, 2.0);
    const auto c = pipeClearance(a, b);
    QVERIFY(c);
    QVERIFY(!c->crossing);
    QVERIFY(near(c->horizontalClearanceM, 2.5));
    QVERIFY(near(c->minDistanceM, 2.5)); // the height plays no part met from the side
    QVERIFY(near(c->pointA.x, 1.0));
    QVERIFY(near(c->pointB.x, 3.5));
}

void TstPipeClearance::notCrossing()
{
    // B stops 3 m short of A in plan (a T that does not connect) and lies 4 m lower.
    const PipeLine a = round({{0, 0, 10}, {100, 0, 10}}, 0.5);
    const PipeLine b = round({{40, -30, 6}, {40, -3, 6}}, 0.3);
    const auto c = pipeClearance(a, b);
    QVERIFY(c);
    QVERIFY(!c->crossing);
    QVERIFY(near(c->horizontalClearanceM, 3.0 - 0.25 - 0.15));
    QVERIFY(near(c->minDistanceM, 5.0 - 0.25 - 0.15)); // 3-4-5 between the centre lines
    // The closest points lie on the two surfaces, along the line between the centres.
    QVERIFY(near(c->pointA.x, 40) && near(c->pointA.y, -0.25 * 3 / 5) &&
            near(c->pointA.z, 10 - 0.25 * 4 / 5));
    QVERIFY(near(c->pointB.y, -3 + 0.15 * 3 / 5) && near(c->pointB.z, 6 + 0.15 * 4 / 5));
    // Symmetric.
    const auto back = pipeClearance(b, a);
    QVERIFY(back && near(back->minDistanceM, c->minDistanceM) && near(back->pointA.z, c->pointB.z));
}

void TstPipeClearance::parallel()
{
    // Parallel in plan, 2 m apart, overlapping along 50 m, one 1 m deeper.
    const PipeLine a = round({{0, 0, 10}, {100, 0, 10}}, 0.4);
    const PipeLine b = round({{50, 2, 9}, {200, 2, 9}}, 0.2);
    const auto c = pipeClearance(a, b);
    QVERIFY(c);
    QVERIFY(!c->crossing);
    QVERIFY(near(c->horizontalClearanceM, 2.0 - 0.3));
    QVERIFY(near(c->minDistanceM, std::sqrt(5.0) - 0.3));
    // Directly on top of each other in plan: no crossing point, horizontal overlap, vertical gap.
    const PipeLine above = round({{0, 0, 12}, {100, 0, 12}}, 0.4);
    const auto stacked = pipeClearance(a, above);
    QVERIFY(stacked && !stacked->crossing);
    QVERIFY(near(stacked->horizontalClearanceM, -0.4));
    QVERIFY(near(stacked->minDistanceM, 2.0 - 0.4));
}

void TstPipeClearance::overlappingInPlan()
{
    // Closer than their radii side by side: negative horizontal and 3D clearances.
    const PipeLine a = round({{0, 0, 0}, {10, 0, 0}}, 1.0);
    const PipeLine b = round({{0, 0.6, 0}, {10, 0.6, 0}}, 1.0);
    const auto c = pipeClearance(a, b);
    QVERIFY(c);
    QVERIFY(near(c->horizontalClearanceM, -0.4));
    QVERIFY(near(c->minDistanceM, -0.4));
}

void TstPipeClearance::leastClearanceOfSeveralCrossings()
{
    // A zig-zags across B twice; the second crossing is deeper (closer to B below).
    const PipeLine a = round({{0, -10, 10}, {10, 10, 10}, {20, -10, 6}}, 0.2);
    const PipeLine b = round({{-5, 0, 4}, {30, 0, 4}}, 0.2);
    const auto c = pipeClearance(a, b);
    QVERIFY(c && c->crossing);
    QVERIFY(near(c->crossing->point.x, 15.0));
    QVERIFY(near(c->crossing->verticalClearanceM, 8.0 - 4.0 - 0.2));
}

void TstPipeClearance::unusableInput()
{
    const PipeLine good = round({{0, 0, 0}, {10, 0, 0}}, 0.3);
    QVERIFY(!pipeClearance(good, round({{0, 0, 0}}, 0.3)));
    QVERIFY(!pipeClearance(round({{0, 0, std::nan("")}, {1, 1, std::nan("")}}, 0.3), good));
    QVERIFY(pipeClearance(good, good)); // the same pipe: fully overlapping, still a value
}

QTEST_APPLESS_MAIN(TstPipeClearance)
#include "tst_pipeclearance.moc"
