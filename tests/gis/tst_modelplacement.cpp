#include "gis/CrsTransformer.h"
#include "gis/ModelPlacementFrame.h"

#include <QtTest>
#include <cmath>
#include <geodesic.h>
#include <limits>

using namespace citytwin;
using citytwin::data::ModelPlacement;
using citytwin::data::ProjectedPoint;
using citytwin::gis::CrsTransformer;
using citytwin::gis::ModelPlacementFrame;

namespace {

//! Where PROJ puts the point DISTANCE metres from (LON, LAT) along AZIMUTH (degrees clockwise
//! from true north) on the GRS80 ellipsoid (CGCS2000's; WGS84's differs by 0.1 mm in b): the
//! expected value, computed without the frame's convergence/scale arithmetic.
ProjectedPoint geodesicTarget(const QString& crs, double lon, double lat, double azimuth, double distance)
{
    geod_geodesic g;
    geod_init(&g, 6378137.0, 1.0 / 298.257222101);
    double lat2 = 0.0;
    double lon2 = 0.0;
    geod_direct(&g, lat, lon, azimuth, distance, &lat2, &lon2, nullptr);
    auto t = CrsTransformer::create(QStringLiteral("EPSG:4490"), crs);
    if (!t)
        return {std::nan(""), std::nan(""), 0.0};
    auto p = t->forward({lon2, lat2, 0.0});
    return p ? *p : ProjectedPoint{std::nan(""), std::nan(""), 0.0};
}

double horizontalDistance(const ProjectedPoint& a, const ProjectedPoint& b)
{
    return std::hypot(a.x - b.x, a.y - b.y);
}

} // namespace

class TestModelPlacement : public QObject
{
    Q_OBJECT

private slots:
    void originIsExact();
    void followsTrueNorth_data();
    void followsTrueNorth();
    void rotationTurnsNorthToEast();
    void scaleMultiplies();
    void directionsRotateWithoutScaling();
    void convergenceSign();
    void description();
    void badInput_data();
    void badInput();
};

void TestModelPlacement::originIsExact()
{
    ModelPlacement placement;
    placement.origin = {121.0, 30.7, 4.5};
    placement.rotationDeg = 33.0;
    placement.scale = 1.7;
    auto frame = ModelPlacementFrame::create(placement, QStringLiteral("EPSG:4549"));
    QVERIFY2(frame.isOk(), qPrintable(frame.status().message()));
    auto t = CrsTransformer::create(QStringLiteral("EPSG:4490"), QStringLiteral("EPSG:4549"));
    QVERIFY(t.isOk());
    auto expected = t->forward({121.0, 30.7, 0.0});
    QVERIFY(expected.isOk());
    const ProjectedPoint o = frame->toProjected(0.0, 0.0, 0.0);
    QCOMPARE(o.x, expected->x);
    QCOMPARE(o.y, expected->y);
    QCOMPARE(o.z, 4.5);
    QCOMPARE(frame->origin(), o);
}

void TestModelPlacement::followsTrueNorth_data()
{
    QTest::addColumn<QString>("crs");
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    // Pinghu lies 1° east of the zone's central meridian: convergence about 0.5°, i.e. 0.9 m
    // sideways over 100 m if ignored. The UTM case sits 1.4° west of its meridian with k < 1.
    QTest::newRow("pinghu EPSG:4549") << QStringLiteral("EPSG:4549") << 121.0 << 30.7;
    QTest::newRow("zone edge EPSG:4549") << QStringLiteral("EPSG:4549") << 121.45 << 31.2;
    QTest::newRow("utm 18N") << QStringLiteral("EPSG:32618") << -75.61 << 40.04;
    QTest::newRow("proj string") << QStringLiteral(
                                        "+proj=tmerc +lon_0=117 +k=0.9996 +x_0=500000 +ellps=GRS80")
                                 << 121.0 << 30.7;
}

void TestModelPlacement::followsTrueNorth()
{
    QFETCH(QString, crs);
    QFETCH(double, lon);
    QFETCH(double, lat);
    ModelPlacement placement;
    placement.origin = {lon, lat, 0.0};
    auto frame = ModelPlacementFrame::create(placement, crs);
    QVERIFY2(frame.isOk(), qPrintable(frame.status().message()));

    const struct
    {
        double x, y, azimuth;
    } cases[] = {{0, 100, 0}, {100, 0, 90}, {0, -100, 180}, {-100, 0, 270}, {70.710678, 70.710678, 45}};
    for (const auto& c : cases) {
        const ProjectedPoint got = frame->toProjected(c.x, c.y, 0.0);
        const ProjectedPoint want = geodesicTarget(crs, lon, lat, c.azimuth, 100.0);
        const double error = horizontalDistance(got, want);
        QVERIFY2(error < 0.01, qPrintable(QStringLiteral("azimuth %1: %2 m off").arg(c.azimuth).arg(error)));
    }
}

void TestModelPlacement::rotationTurnsNorthToEast()
{
    ModelPlacement placement;
    placement.origin = {121.0, 30.7, 0.0};
    placement.rotationDeg = 90.0;
    auto frame = ModelPlacementFrame::create(placement, QStringLiteral("EPSG:4549"));
    QVERIFY2(frame.isOk(), qPrintable(frame.status().message()));
    const ProjectedPoint north = frame->toProjected(0.0, 100.0, 0.0);
    const ProjectedPoint east = geodesicTarget(QStringLiteral("EPSG:4549"), 121.0, 30.7, 90.0, 100.0);
    QVERIFY2(horizontalDistance(north, east) < 0.01,
             qPrintable(QString::number(horizontalDistance(north, east))));
    // And +x now points true south.
    const ProjectedPoint south = geodesicTarget(QStringLiteral("EPSG:4549"), 121.0, 30.7, 180.0, 100.0);
    QVERIFY(horizontalDistance(frame->toProjected(100.0, 0.0, 0.0), south) < 0.01);
}

void TestModelPlacement::scaleMultiplies()
{
    ModelPlacement placement;
    placement.origin = {121.0, 30.7, 10.0};
    placement.scale = 2.0;
    auto frame = ModelPlacementFrame::create(placement, QStringLiteral("EPSG:4549"));
    QVERIFY2(frame.isOk(), qPrintable(frame.status().message()));
    const ProjectedPoint got = frame->toProjected(0.0, 50.0, 3.0);
    const ProjectedPoint want = geodesicTarget(QStringLiteral("EPSG:4549"), 121.0, 30.7, 0.0, 100.0);
    QVERIFY2(horizontalDistance(got, want) < 0.01,
             qPrintable(QString::number(horizontalDistance(got, want))));
    QCOMPARE(got.z, 16.0);
}

void TestModelPlacement::directionsRotateWithoutScaling()
{
    ModelPlacement placement;
    placement.origin = {121.0, 30.7, 0.0};
    placement.rotationDeg = 30.0;
    placement.scale = 5.0;
    auto frame = ModelPlacementFrame::create(placement, QStringLiteral("EPSG:4549"));
    QVERIFY(frame.isOk());
    float x = 0.0f, y = 1.0f, z = 0.0f;
    frame->rotateDirection(x, y, z);
    QVERIFY(std::abs(std::hypot(x, y) - 1.0f) < 1e-6f);
    // The direction agrees with where the model's +y axis goes.
    const ProjectedPoint o = frame->origin();
    const ProjectedPoint p = frame->toProjected(0.0, 1.0, 0.0);
    const double len = horizontalDistance(o, p);
    QVERIFY(std::abs(x - (p.x - o.x) / len) < 1e-6);
    QVERIFY(std::abs(y - (p.y - o.y) / len) < 1e-6);
    float ux = 0.0f, uy = 0.0f, uz = 1.0f;
    frame->rotateDirection(ux, uy, uz);
    QCOMPARE(uz, 1.0f);
    QCOMPARE(ux, 0.0f);
}

void TestModelPlacement::convergenceSign()
{
    // East of the central meridian in the northern hemisphere meridians lean towards the
    // meridian: true north is anticlockwise (negative) from grid north; west of it, positive.
    ModelPlacement east;
    east.origin = {121.0, 30.7, 0.0};
    auto e = ModelPlacementFrame::create(east, QStringLiteral("EPSG:4549"));
    QVERIFY(e.isOk());
    QVERIFY2(e->convergenceDeg() < -0.4 && e->convergenceDeg() > -0.6,
             qPrintable(QString::number(e->convergenceDeg())));
    ModelPlacement west = east;
    west.origin.lon = 119.0;
    auto w = ModelPlacementFrame::create(west, QStringLiteral("EPSG:4549"));
    QVERIFY(w.isOk());
    QVERIFY(std::abs(w->convergenceDeg() + e->convergenceDeg()) < 1e-6);
}

void TestModelPlacement::description()
{
    ModelPlacement placement;
    placement.origin = {121.0, 30.7, 4.0};
    auto frame = ModelPlacementFrame::create(placement, QStringLiteral("EPSG:4549"));
    QVERIFY(frame.isOk());
    QCOMPARE(frame->description(), QStringLiteral("placed: lon 121.000000 lat 30.700000 h 4.0 rot 0.0"));
}

void TestModelPlacement::badInput_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("height");
    QTest::addColumn<double>("rotation");
    QTest::addColumn<double>("scale");
    QTest::addColumn<QString>("crs");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const QString gk = QStringLiteral("EPSG:4549");
    QTest::newRow("lat 95") << 121.0 << 95.0 << 0.0 << 0.0 << 1.0 << gk;
    QTest::newRow("lon 200") << 200.0 << 30.0 << 0.0 << 0.0 << 1.0 << gk;
    QTest::newRow("lon NaN") << nan << 30.0 << 0.0 << 0.0 << 1.0 << gk;
    QTest::newRow("height inf") << 121.0 << 30.7 << inf << 0.0 << 1.0 << gk;
    QTest::newRow("rotation NaN") << 121.0 << 30.7 << 0.0 << nan << 1.0 << gk;
    QTest::newRow("scale 0") << 121.0 << 30.7 << 0.0 << 0.0 << 0.0 << gk;
    QTest::newRow("scale negative") << 121.0 << 30.7 << 0.0 << 0.0 << -2.0 << gk;
    QTest::newRow("unknown CRS") << 121.0 << 30.7 << 0.0 << 0.0 << 1.0 << QStringLiteral("EPSG:999999");
    QTest::newRow("geographic CRS") << 121.0 << 30.7 << 0.0 << 0.0 << 1.0 << QStringLiteral("EPSG:4326");
}

void TestModelPlacement::badInput()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(double, height);
    QFETCH(double, rotation);
    QFETCH(double, scale);
    QFETCH(QString, crs);
    ModelPlacement placement;
    placement.origin = {lon, lat, height};
    placement.rotationDeg = rotation;
    placement.scale = scale;
    auto frame = ModelPlacementFrame::create(placement, crs);
    QVERIFY(!frame.isOk());
    QVERIFY(!frame.status().message().isEmpty());
}

QTEST_GUILESS_MAIN(TestModelPlacement)
#include "tst_modelplacement.moc"
