#include "data/ManholeDepth.h"
#include "data/PipeMapping.h"
#include "data/UndergroundFeatures.h"

#include <QtTest>
#include <chrono>
#include <cmath>

using namespace citytwin::data;

Q_DECLARE_METATYPE(citytwin::data::PointFacilityKind)
Q_DECLARE_METATYPE(citytwin::data::UndergroundSpaceKind)

namespace {

PipeLine roundPipe(std::vector<ProjectedPoint> points, double diameter)
{
    PipeLine p;
    p.points = std::move(points);
    p.diameterM = diameter;
    return p;
}

} // namespace

class TstUndergroundFeatures : public QObject
{
    Q_OBJECT

private slots:
    void kindNames()
    {
        for (PointFacilityKind k : {PointFacilityKind::Manhole, PointFacilityKind::Valve,
                                    PointFacilityKind::Hydrant, PointFacilityKind::Other}) {
            PointFacilityKind back =
                k == PointFacilityKind::Other ? PointFacilityKind::Manhole : PointFacilityKind::Other;
            QVERIFY(fromString(toString(k), back));
            QVERIFY(back == k);
        }
        for (UndergroundSpaceKind k : {UndergroundSpaceKind::UtilityTunnel, UndergroundSpaceKind::Parking,
                                       UndergroundSpaceKind::Shelter, UndergroundSpaceKind::Other}) {
            UndergroundSpaceKind back = k == UndergroundSpaceKind::Other ? UndergroundSpaceKind::Parking
                                                                         : UndergroundSpaceKind::Other;
            QVERIFY(fromString(toString(k), back));
            QVERIFY(back == k);
        }
        QCOMPARE(toString(UndergroundSpaceKind::UtilityTunnel), QStringLiteral("utility_tunnel"));
        PointFacilityKind k;
        QVERIFY(!fromString(QStringLiteral("Manhole"), k)); // tokens are exact; text goes through *FromText
    }

    void facilityKindFromText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("found");
        QTest::addColumn<PointFacilityKind>("kind");
        QTest::newRow("manhole") << "Manhole" << true << PointFacilityKind::Manhole;
        QTest::newRow("inspection chamber") << "inspection chamber" << true << PointFacilityKind::Manhole;
        QTest::newRow("检查井") << QStringLiteral("检查井") << true << PointFacilityKind::Manhole;
        QTest::newRow("雨水井") << QStringLiteral("雨水井") << true << PointFacilityKind::Manhole;
        QTest::newRow("污水井") << QStringLiteral("污水井") << true << PointFacilityKind::Manhole;
        QTest::newRow("窨井") << QStringLiteral("窨井") << true << PointFacilityKind::Manhole;
        QTest::newRow("valve") << " gate valve " << true << PointFacilityKind::Valve;
        QTest::newRow("阀门井 is a valve") << QStringLiteral("阀门井") << true << PointFacilityKind::Valve;
        QTest::newRow("hydrant") << "Fire Hydrant" << true << PointFacilityKind::Hydrant;
        QTest::newRow("消防栓井 is a hydrant")
            << QStringLiteral("消防栓井") << true << PointFacilityKind::Hydrant;
        QTest::newRow("消火栓") << QStringLiteral("消火栓") << true << PointFacilityKind::Hydrant;
        QTest::newRow("token other") << "other" << true << PointFacilityKind::Other;
        QTest::newRow("empty") << "  " << false << PointFacilityKind::Other;
        QTest::newRow("tree") << "tree" << false << PointFacilityKind::Other;
    }
    void facilityKindFromText()
    {
        QFETCH(QString, text);
        QFETCH(bool, found);
        QFETCH(PointFacilityKind, kind);
        const auto got = pointFacilityKindFromText(text);
        QCOMPARE(got.has_value(), found);
        if (found)
            QCOMPARE(int(*got), int(kind));
    }

    void spaceKindFromText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("found");
        QTest::addColumn<UndergroundSpaceKind>("kind");
        QTest::newRow("utility tunnel") << "Utility Tunnel" << true << UndergroundSpaceKind::UtilityTunnel;
        QTest::newRow("综合管廊") << QStringLiteral("综合管廊") << true
                                  << UndergroundSpaceKind::UtilityTunnel;
        QTest::newRow("管廊") << QStringLiteral("干线管廊") << true << UndergroundSpaceKind::UtilityTunnel;
        QTest::newRow("parking") << "underground parking" << true << UndergroundSpaceKind::Parking;
        QTest::newRow("garage") << "Garage" << true << UndergroundSpaceKind::Parking;
        QTest::newRow("地下车库") << QStringLiteral("地下车库") << true << UndergroundSpaceKind::Parking;
        QTest::newRow("停车场") << QStringLiteral("地下停车场") << true << UndergroundSpaceKind::Parking;
        QTest::newRow("shelter") << "civil air defence shelter" << true << UndergroundSpaceKind::Shelter;
        QTest::newRow("人防") << QStringLiteral("人防工程") << true << UndergroundSpaceKind::Shelter;
        QTest::newRow("避难") << QStringLiteral("避难所") << true << UndergroundSpaceKind::Shelter;
        QTest::newRow("token") << "parking" << true << UndergroundSpaceKind::Parking;
        QTest::newRow("empty") << "" << false << UndergroundSpaceKind::Other;
        QTest::newRow("mall") << "shopping mall" << false << UndergroundSpaceKind::Other;
    }
    void spaceKindFromText()
    {
        QFETCH(QString, text);
        QFETCH(bool, found);
        QFETCH(UndergroundSpaceKind, kind);
        const auto got = undergroundSpaceKindFromText(text);
        QCOMPARE(got.has_value(), found);
        if (found)
            QCOMPARE(int(*got), int(kind));
    }

    void colours()
    {
        PointFacility f;
        f.network = PipeNetwork::Gas;
        QVERIFY(pointFacilityColour(f) == pipeNetworkColour(PipeNetwork::Gas));
        f.kind = PointFacilityKind::Hydrant;
        const auto red = pointFacilityColour(f);
        QVERIFY(red[0] > 0.7f && red[1] < 0.2f && red[2] < 0.2f);
        // Every space kind is told apart by colour.
        const auto tunnel = undergroundSpaceColour(UndergroundSpaceKind::UtilityTunnel);
        const auto parking = undergroundSpaceColour(UndergroundSpaceKind::Parking);
        const auto shelter = undergroundSpaceColour(UndergroundSpaceKind::Shelter);
        const auto other = undergroundSpaceColour(UndergroundSpaceKind::Other);
        QVERIFY(tunnel != parking && tunnel != shelter && parking != shelter && other != tunnel);
        QVERIFY(tunnel[2] > tunnel[0]); // blue-grey
    }

    void connectedVersusAway()
    {
        // A 0.4 m pipe along x at centre z = 10: bottom 9.8.
        const std::vector<PipeLine> pipes{roundPipe({{0, 0, 10}, {100, 0, 10}}, 0.4)};
        const std::vector<ProjectedPoint> at{{50, 0, 0},    // on the line
                                             {50, 1.1, 0},  // 1.1 m away: within 1 m + 0.2 m half width
                                             {50, 1.25, 0}, // beyond 1.2 m
                                             {101.0, 0, 0}, // 1 m past the end
                                             {102.0, 0, 0}};
        const auto bottoms = deepestConnectedPipeBottoms(at, pipes, 1.0);
        QCOMPARE(bottoms.size(), at.size());
        QVERIFY(bottoms[0]);
        QCOMPARE(*bottoms[0], 9.8);
        QVERIFY(bottoms[1]);
        QVERIFY(!bottoms[2]);
        QVERIFY(bottoms[3]);
        QVERIFY(!bottoms[4]);
        // With a tighter tolerance 1.1 m is out of reach.
        QVERIFY(!deepestConnectedPipeBottoms({{50, 1.1, 0}}, pipes, 0.5)[0]);
    }

    void deepestOfSeveral()
    {
        PipeLine box;
        box.points = {{-20, 20, 8}, {20, -20, 8}}; // diagonal through (0, 0)
        box.section = PipeSection::Box;
        box.widthM = 2.0;
        box.heightM = 1.0;
        const std::vector<PipeLine> pipes{
            roundPipe({{-50, 0, 10}, {50, 0, 10}}, 0.3), roundPipe({{0, -50, 9}, {0, 50, 9}}, 0.6), box,
            roundPipe({{-50, 5, 2}, {50, 5, 2}}, 0.3)}; // 5 m away: not connected
        const auto bottoms = deepestConnectedPipeBottoms({{0.5, 0.5, 0}}, pipes);
        QVERIFY(bottoms[0]);
        QCOMPARE(*bottoms[0], 7.5); // the box: 8 − 1.0 / 2
        // The box's half width (1 m) extends its reach: 1.9 m from its centre line still connects.
        const double off = 1.9 / std::sqrt(2.0);
        const auto boxReach = deepestConnectedPipeBottoms({{10 + off, 10 + off - 20, 0}}, {box}, 1.0);
        QVERIFY(boxReach[0]);
        QCOMPARE(*boxReach[0], 7.5);
    }

    void slopedSegmentInterpolates()
    {
        // Centre z falls from 10 to 6 over 100 m; at x = 25: 9, bottom 9 − 0.25.
        const std::vector<PipeLine> pipes{roundPipe({{0, 0, 10}, {100, 0, 6}}, 0.5)};
        const auto bottoms = deepestConnectedPipeBottoms({{25, 0.3, 0}, {100, 0, 0}}, pipes);
        QVERIFY(bottoms[0] && bottoms[1]);
        QVERIFY(std::abs(*bottoms[0] - 8.75) < 1e-9);
        QVERIFY(std::abs(*bottoms[1] - 5.75) < 1e-9);
    }

    void pipesWithoutElevationsIgnored()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const auto bottoms =
            deepestConnectedPipeBottoms({{0, 0, 0}}, {roundPipe({{-5, 0, nan}, {5, 0, nan}}, 0.3)});
        QVERIFY(!bottoms[0]);
        QVERIFY(deepestConnectedPipeBottoms({}, {}).empty());
    }

    void longSegmentsAndManyPositionsAreFast()
    {
        // 10,000 segments on a 2 km grid and 1,000 positions: the grid index keeps this in ms.
        std::vector<PipeLine> pipes;
        for (int i = 0; i < 100; ++i) {
            PipeLine row = roundPipe({}, 0.3);
            PipeLine col = roundPipe({}, 0.3);
            for (int k = 0; k <= 50; ++k) {
                row.points.push_back({k * 40.0, i * 20.0, -2.0 - i * 0.01});
                col.points.push_back({i * 20.0, k * 40.0, -3.0});
            }
            pipes.push_back(row);
            pipes.push_back(col);
        }
        std::vector<ProjectedPoint> at;
        for (int i = 0; i < 1000; ++i)
            at.push_back({(i % 100) * 20.0, (i / 100) * 20.0, 0.0});
        const auto t0 = std::chrono::steady_clock::now();
        const auto bottoms = deepestConnectedPipeBottoms(at, pipes);
        const auto ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        QVERIFY2(ms < 500.0, qPrintable(QStringLiteral("%1 ms").arg(ms)));
        for (const auto& b : bottoms) {
            QVERIFY(b);
            QVERIFY(std::abs(*b - (-3.15)) < 1e-9); // the columns are deeper than every row
        }
        // Long diagonal segment: 2 km, crossing many cells, reached near its middle.
        const auto diagonal =
            deepestConnectedPipeBottoms({{1000.3, 1000, 0}}, {roundPipe({{0, 0, 0}, {2000, 2000, 0}}, 0.2)});
        QVERIFY(diagonal[0]);
    }
};

QTEST_APPLESS_MAIN(TstUndergroundFeatures)
#include "tst_undergroundfeatures.moc"
