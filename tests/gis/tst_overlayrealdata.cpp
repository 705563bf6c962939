// Real public data through preview → guess → import (QSKIP when /work/shared/data is absent):
// GeoLife (CSV and GeoPackage), a Liverpool bus route, NYC 311 requests, Luftdaten sensors.
#include "../common/TestPaths.h"
#include "OverlayFixtures.h"
#include "gis/CrsTransformer.h"

#include <QDir>
#include <QTest>
#include <algorithm>

using namespace citytwin;
using data::OverlayKind;

namespace {

data::ProjectedPoint projected(double lon, double lat, const QString& crs)
{
    auto t = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), crs);
    return t ? t->forward({lon, lat, 0.0}).value() : data::ProjectedPoint{};
}

//! True when every point of POINTS lies within RADIUS metres of CENTRE.
template <class T>
bool allWithin(const std::vector<T>& rows, const data::ProjectedPoint& centre, double radius)
{
    return std::all_of(rows.begin(), rows.end(), [&](const T& r) {
        return std::hypot(r.position.x - centre.x, r.position.y - centre.y) < radius && r.position.z == 0.0;
    });
}

#define REQUIRE_DATA(var, rel)                                                                               \
    const QString var = test::sharedDataFile(QStringLiteral(rel));                                           \
    if (var.isEmpty())                                                                                       \
        QSKIP("shared sample data " rel " is not present");

//! Preview + guessed mapping of PATH for KIND (the guess must be the kind the file is).
data::OverlayMapping guessed(const QString& path, OverlayKind kind, std::optional<OverlayKind> expectedGuess)
{
    auto preview = gis::previewOverlayFile(path);
    if (!preview)
        qFatal("%s", qPrintable(preview.status().message()));
    if (expectedGuess && gis::guessOverlayKind(*preview) != expectedGuess)
        qWarning("%s: guessed another kind", qPrintable(path));
    return gis::guessOverlayMapping(*preview, kind);
}

} // namespace

class TestOverlayRealData : public QObject
{
    Q_OBJECT

private slots:
    void geolife_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("csv") << "trajectories/geolife_beijing/geolife_small.csv";
        QTest::newRow("gpkg") << "trajectories/geolife_beijing/geolife_small.gpkg";
    }
    void geolife()
    {
        QFETCH(QString, file);
        const QString path = test::sharedDataFile(file);
        if (path.isEmpty())
            QSKIP("GeoLife sample data is not present");
        auto preview = gis::previewOverlayFile(path);
        QVERIFY2(preview, qPrintable(preview.status().message()));
        QVERIFY(gis::guessOverlayKind(*preview) == std::optional(OverlayKind::Tracks));
        data::OverlayMapping m = gis::guessOverlayMapping(*preview, OverlayKind::Tracks);
        QCOMPARE(m.columns.value(QStringLiteral("id")), QStringLiteral("trajectory_id"));
        QCOMPARE(m.columns.value(QStringLiteral("time")), QStringLiteral("t"));
        QCOMPARE(gis::checkOverlayMapping(*preview, m), QString());
        m.timeZone = QStringLiteral("Asia/Shanghai"); // the times carry "+00": the zone must not matter
        QTemporaryDir dir;
        const QString crs = QStringLiteral("EPSG:4549");
        auto store = test::makeStore(dir, crs);
        auto report = test::importInto(*store, path, m, crs);
        QVERIFY2(report, qPrintable(report.status().message()));
        qInfo().noquote() << report->summary();
        QCOMPARE(report->rowsRead, 5908);
        QCOMPARE(report->rowsImported, 5908);
        QCOMPARE(report->peopleImported, 5);
        QCOMPARE(
            report->firstTime,
            QDateTime::fromString(QStringLiteral("2008-12-11T04:42:14Z"), Qt::ISODate).toMSecsSinceEpoch());
        QCOMPARE(
            report->lastTime,
            QDateTime::fromString(QStringLiteral("2009-06-29T11:13:12Z"), Qt::ISODate).toMSecsSinceEpoch());
        auto points = store->trackPoints();
        QCOMPARE(points->size(), std::size_t(5908));
        // Beijing: within 30 km of Tiananmen.
        QVERIFY(allWithin(*points, projected(116.391, 39.905, crs), 30000.0));
    }

    void liverpoolBus()
    {
        REQUIRE_DATA(path, "trajectories/liverpool_bus/route14_outbound.csv");
        data::OverlayMapping m = guessed(path, OverlayKind::Tracks, OverlayKind::Tracks);
        QCOMPARE(m.columns.value(QStringLiteral("id")), QStringLiteral("vehicle_id"));
        QCOMPARE(m.columns.value(QStringLiteral("x")), QStringLiteral("longitude"));
        m.timeZone = QStringLiteral("Europe/London");
        QTemporaryDir dir;
        const QString crs = QStringLiteral("EPSG:32630");
        auto store = test::makeStore(dir, crs);
        auto report = test::importInto(*store, path, m, crs);
        QVERIFY2(report, qPrintable(report.status().message()));
        QCOMPARE(report->rowsImported, 1533);
        QCOMPARE(report->peopleImported, 8);
        // January: GMT = UTC.
        QCOMPARE(
            report->firstTime,
            QDateTime::fromString(QStringLiteral("2026-01-26T15:55:12Z"), Qt::ISODate).toMSecsSinceEpoch());
        auto points = store->trackPoints();
        QVERIFY(allWithin(*points, projected(-2.95, 53.42, crs), 20000.0));
        auto people = store->people();
        QVERIFY(
            std::any_of(people->begin(), people->end(), [](const data::Person& p) { return p.id == 4716; }));
    }

    void nyc311()
    {
        REQUIRE_DATA(path, "incidents/nyc311_tuplex/311_nyc_sample.csv");
        data::OverlayMapping m = guessed(path, OverlayKind::Events, OverlayKind::Events);
        QCOMPARE(m.columns.value(QStringLiteral("reported")), QStringLiteral("Created Date"));
        QCOMPARE(m.columns.value(QStringLiteral("closed")), QStringLiteral("Closed Date"));
        QCOMPARE(m.columns.value(QStringLiteral("category")), QStringLiteral("Complaint Type"));
        QCOMPARE(m.columns.value(QStringLiteral("id")), QStringLiteral("Unique Key"));
        QCOMPARE(m.columns.value(QStringLiteral("x")), QStringLiteral("Longitude"));
        QVERIFY(m.timeFormat == data::TimeFormat::Pattern);
        QCOMPARE(m.timePattern, QStringLiteral("MM/dd/yyyy hh:mm:ss AP"));
        m.timeZone = QStringLiteral("America/New_York");
        QTemporaryDir dir;
        const QString crs = QStringLiteral("EPSG:32618");
        auto store = test::makeStore(dir, crs);
        auto report = test::importInto(*store, path, m, crs);
        QVERIFY2(report, qPrintable(report.status().message()));
        qInfo().noquote() << report->summary();
        QCOMPARE(report->rowsRead, 999);
        QCOMPARE(report->rowsImported, 705);
        QCOMPARE(report->rejectedByReason.value(QStringLiteral("missing coordinate")), 294);
        QCOMPARE(report->firstTime, 1298964744000LL); // 2011-03-01 02:32:24 EST
        QCOMPARE(report->lastTime, 1425648720000LL);  // 2015-03-06 08:32:00 EST
        auto events = store->events();
        QCOMPARE(events->size(), std::size_t(705));
        QCOMPARE(std::count_if(events->begin(), events->end(),
                               [](const data::Event& e) { return e.closed == data::kNoTime; }),
                 9); // 10 rows have no Closed Date, one of them no position either
        QVERIFY(allWithin(*events, projected(-73.95, 40.72, crs), 40000.0));
        const auto first = std::find_if(events->begin(), events->end(),
                                        [](const data::Event& e) { return e.id == 19937901; });
        QVERIFY(first != events->end());
        QCOMPARE(first->category, QStringLiteral("Street Sign - Dangling"));
        QCOMPARE(
            first->reported,
            QDateTime::fromString(QStringLiteral("2011-03-01T15:41:13Z"), Qt::ISODate).toMSecsSinceEpoch());
    }

    void luftdaten()
    {
        const QString folder = test::sharedDataFile(QStringLiteral("sensors/luftdaten_aberdeen"));
        if (folder.isEmpty())
            QSKIP("Luftdaten sample data is not present");
        const QStringList files = QDir(folder).entryList({QStringLiteral("*.csv")}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 5);
        QTemporaryDir dir;
        const QString crs = QStringLiteral("EPSG:32630");
        auto store = test::makeStore(dir, crs);
        std::int64_t readings = 0;
        for (const QString& f : files) {
            const QString path = QDir(folder).filePath(f);
            data::OverlayMapping assets = guessed(path, OverlayKind::Assets, std::nullopt);
            QCOMPARE(assets.columns.value(QStringLiteral("id")), QStringLiteral("sensor_id"));
            auto a = test::importInto(*store, path, assets, crs, true);
            QVERIFY2(a, qPrintable(a.status().message()));
            data::OverlayMapping values =
                guessed(path, OverlayKind::SensorReadings, OverlayKind::SensorReadings);
            QCOMPARE(values.columns.value(QStringLiteral("value")), QStringLiteral("P1"));
            auto r = test::importInto(*store, path, values, crs, true);
            QVERIFY2(r, qPrintable(r.status().message()));
            QCOMPARE(r->rowsRejected, 0);
            readings += r->rowsImported;
        }
        QCOMPARE(readings, 581 + 573 + 574 + 298 + 550);
        auto assets = store->assets();
        QCOMPARE(assets->size(), std::size_t(5)); // one per sensor, whatever the rows repeat
        for (const data::Asset& a : *assets) {
            QVERIFY(a.type == data::AssetType::Sensor);
            QCOMPARE(a.subtype, QStringLiteral("SDS011"));
        }
        QVERIFY(allWithin(*assets, projected(-2.1, 57.1, crs), 30000.0));
        auto series = store->sensorReadings(15092);
        QCOMPARE(series->size(), std::size_t(581));
        QCOMPARE(
            series->front().time,
            QDateTime::fromString(QStringLiteral("2018-07-15T00:00:05Z"), Qt::ISODate).toMSecsSinceEpoch());
        QCOMPARE(series->front().value, 5.87);
    }
};

QTEST_GUILESS_MAIN(TestOverlayRealData)
#include "tst_overlayrealdata.moc"
