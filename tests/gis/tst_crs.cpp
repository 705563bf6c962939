#include "data/Project.h"
#include "gis/CrsTransformer.h"
#include "gis/LocalFrame.h"

#include <QtTest>
#include <cmath>
#include <thread>

using namespace citytwin;
using citytwin::data::ProjectedPoint;
using citytwin::gis::CrsTransformer;

class TestCrs : public QObject
{
    Q_OBJECT

private slots:
    void knownValuePinghu();
    void roundTrip_data();
    void roundTrip();
    void acceptsWktAndProjStrings();
    void badCrs_data();
    void badCrs();
    void vectorTransformMatchesSingle();
    void cloneWorksOnAnotherThread();
    void localFrameRoundTrip();
    void localFrameBadCrs();
};

// Verified with cs2cs (TOOLCHAIN.md): (121.0, 30.7) in CGCS2000 geographic -> EPSG:4549.
void TestCrs::knownValuePinghu()
{
    auto t = CrsTransformer::create(QStringLiteral("EPSG:4490"), QStringLiteral("EPSG:4549"));
    QVERIFY2(t.isOk(), qPrintable(t.status().message()));
    auto p = t->forward({121.0, 30.7, 0.0});
    QVERIFY2(p.isOk(), qPrintable(p.status().message()));
    QVERIFY2(std::abs(p->x - 595804.2829) < 0.01, qPrintable(QString::number(p->x, 'f', 4)));
    QVERIFY2(std::abs(p->y - 3398141.1227) < 0.01, qPrintable(QString::number(p->y, 'f', 4)));
    QCOMPARE(t->sourceCrs(), QStringLiteral("EPSG:4490"));
    QCOMPARE(t->targetCrs(), QStringLiteral("EPSG:4549"));
}

void TestCrs::roundTrip_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    // Pinghu centre and a point at the edge of the demo area, in each source CRS.
    QTest::newRow("4326 centre") << "EPSG:4326" << 121.0 << 30.7;
    QTest::newRow("4326 corner") << "EPSG:4326" << 121.02 << 30.72;
    QTest::newRow("4490 centre") << "EPSG:4490" << 121.0 << 30.7;
    QTest::newRow("4490 corner") << "EPSG:4490" << 120.98 << 30.68;
    QTest::newRow("3857 centre") << "EPSG:3857" << 13469658.0 << 3593567.0;
    QTest::newRow("3857 corner") << "EPSG:3857" << 13472000.0 << 3596000.0;
}

void TestCrs::roundTrip()
{
    QFETCH(QString, source);
    QFETCH(double, x);
    QFETCH(double, y);
    auto t = CrsTransformer::create(source, QStringLiteral("EPSG:4549"));
    QVERIFY2(t.isOk(), qPrintable(t.status().message()));
    auto projected = t->forward({x, y, 12.5});
    QVERIFY2(projected.isOk(), qPrintable(projected.status().message()));
    // x = easting, y = northing whatever EPSG says about axis order: Pinghu is ~596 km E, ~3398 km N.
    QVERIFY2(projected->x > 550000 && projected->x < 650000, qPrintable(QString::number(projected->x)));
    QVERIFY2(projected->y > 3350000 && projected->y < 3450000, qPrintable(QString::number(projected->y)));
    auto back = t->inverse(*projected);
    QVERIFY2(back.isOk(), qPrintable(back.status().message()));
    // Compare in metres: 5 cm. Degrees: 1e-7 deg is ~1 cm here.
    const bool geographic = source != QLatin1String("EPSG:3857");
    const double tol = geographic ? 5e-7 : 0.05;
    QVERIFY2(std::abs(back->x - x) < tol, qPrintable(QString::number(back->x - x, 'g', 10)));
    QVERIFY2(std::abs(back->y - y) < tol, qPrintable(QString::number(back->y - y, 'g', 10)));
    QCOMPARE(back->z, 12.5);

    // The reverse transformer lands on the same projected point within 5 cm.
    auto reverse = CrsTransformer::create(QStringLiteral("EPSG:4549"), source);
    QVERIFY(reverse.isOk());
    auto again = reverse->inverse({x, y, 0});
    QVERIFY2(again.isOk(), qPrintable(again.status().message()));
    QVERIFY(std::abs(again->x - projected->x) < 0.05);
    QVERIFY(std::abs(again->y - projected->y) < 0.05);
}

void TestCrs::acceptsWktAndProjStrings()
{
    // The same EPSG:4549 written as a PROJ string (without +type=crs) and as the 4490 WKT.
    const QString projString =
        QStringLiteral("+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m");
    static const char* const kWkt4490 =
        R"wkt(GEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],CS[ellipsoidal,2],AXIS["geodetic latitude (Lat)",north,ORDER[1],ANGLEUNIT["degree",0.0174532925199433]],AXIS["geodetic longitude (Lon)",east,ORDER[2],ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4490]])wkt";
    const QString wkt4490 = QString::fromUtf8(kWkt4490);
    auto t = CrsTransformer::create(wkt4490, projString);
    QVERIFY2(t.isOk(), qPrintable(t.status().message()));
    auto p = t->forward({121.0, 30.7, 0});
    QVERIFY2(p.isOk(), qPrintable(p.status().message()));
    QVERIFY2(std::abs(p->x - 595804.2829) < 0.01, qPrintable(QString::number(p->x, 'f', 4)));
    QVERIFY2(std::abs(p->y - 3398141.1227) < 0.01, qPrintable(QString::number(p->y, 'f', 4)));
}

void TestCrs::badCrs_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("named"); // what the message must name
    QTest::newRow("unknown EPSG source") << "EPSG:999999"
                                         << "EPSG:4549"
                                         << "EPSG:999999";
    QTest::newRow("garbage target") << "EPSG:4326"
                                    << "not a crs"
                                    << "not a crs";
    QTest::newRow("empty source") << ""
                                  << "EPSG:4549"
                                  << "source";
    QTest::newRow("operation, not CRS") << "EPSG:4326"
                                        << "+proj=pipeline +step +proj=unitconvert"
                                        << "target";
}

void TestCrs::badCrs()
{
    QFETCH(QString, source);
    QFETCH(QString, target);
    QFETCH(QString, named);
    auto t = CrsTransformer::create(source, target);
    QVERIFY(!t.isOk());
    QVERIFY2(t.status().message().contains(named), qPrintable(t.status().message()));
    QVERIFY(t.status().code() == data::Status::Code::Unsupported ||
            t.status().code() == data::Status::Code::InvalidArgument);
}

void TestCrs::vectorTransformMatchesSingle()
{
    auto t = CrsTransformer::create(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:4549"));
    QVERIFY(t.isOk());
    std::vector<ProjectedPoint> pts;
    for (int i = 0; i < 50; ++i)
        pts.push_back({120.98 + i * 0.001, 30.68 + i * 0.0005, double(i)});
    std::vector<ProjectedPoint> single;
    for (const auto& p : pts)
        single.push_back(*t->forward(p));
    QVERIFY(t->forwardInPlace(pts).isOk());
    for (size_t i = 0; i < pts.size(); ++i) {
        QVERIFY(std::abs(pts[i].x - single[i].x) < 1e-6);
        QVERIFY(std::abs(pts[i].y - single[i].y) < 1e-6);
        QCOMPARE(pts[i].z, double(i));
    }
    // A point PROJ cannot transform fails the whole call with a message naming the CRSs.
    std::vector<ProjectedPoint> bad{{121.0, 30.7, 0}, {121.0, 95.0, 0}};
    const data::Status s = t->forwardInPlace(bad);
    QVERIFY(!s.isOk());
    QVERIFY2(s.message().contains(QLatin1String("EPSG:4326")), qPrintable(s.message()));
}

void TestCrs::cloneWorksOnAnotherThread()
{
    auto t = CrsTransformer::create(QStringLiteral("EPSG:4490"), QStringLiteral("EPSG:4549"));
    QVERIFY(t.isOk());
    auto copy = t->clone();
    QVERIFY(copy.isOk());
    double x = 0;
    std::thread worker([&] { x = copy->forward({121.0, 30.7, 0})->x; });
    worker.join();
    QVERIFY(std::abs(x - 595804.2829) < 0.01);
    // Moving keeps the transformation working.
    CrsTransformer moved = std::move(t).value();
    QVERIFY(std::abs(moved.forward({121.0, 30.7, 0})->x - 595804.2829) < 0.01);
}

void TestCrs::localFrameRoundTrip()
{
    data::Project project;
    project.crs = QStringLiteral("EPSG:4549");
    project.origin = {595800.0, 3398140.0, 5.0};
    auto frame = gis::LocalFrame::create(project);
    QVERIFY2(frame.isOk(), qPrintable(frame.status().message()));
    QCOMPARE(frame->projectCrs(), QStringLiteral("EPSG:4549"));

    auto local = frame->fromGeographic({121.0, 30.7, 10.0});
    QVERIFY2(local.isOk(), qPrintable(local.status().message()));
    QVERIFY(std::abs(local->x - 4.2829) < 0.01);
    QVERIFY(std::abs(local->y - 1.1227) < 0.01);
    QVERIFY(std::abs(local->z - 5.0) < 1e-9);

    auto geo = frame->toGeographic({1000.0, -2000.0, 0.0});
    QVERIFY(geo.isOk());
    auto back = frame->fromGeographic(*geo);
    QVERIFY(back.isOk());
    QVERIFY(std::abs(back->x - 1000.0) < 0.001);
    QVERIFY(std::abs(back->y + 2000.0) < 0.001);

    const data::ProjectedPoint projected = frame->toProjected({1.0, 2.0, 3.0});
    QCOMPARE(projected, (data::ProjectedPoint{595801.0, 3398142.0, 8.0}));
    QCOMPARE(frame->toLocal(projected), (data::LocalPoint{1.0, 2.0, 3.0}));
}

void TestCrs::localFrameBadCrs()
{
    data::Project project;
    project.name = QStringLiteral("broken");
    project.crs = QStringLiteral("EPSG:123456789");
    auto frame = gis::LocalFrame::create(project);
    QVERIFY(!frame.isOk());
    QVERIFY2(frame.status().message().contains(QLatin1String("broken")),
             qPrintable(frame.status().message()));
    QVERIFY2(frame.status().message().contains(QLatin1String("EPSG:123456789")),
             qPrintable(frame.status().message()));
}

QTEST_GUILESS_MAIN(TestCrs)
#include "tst_crs.moc"
