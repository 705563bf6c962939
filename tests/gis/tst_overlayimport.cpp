// importOverlayFile on small generated files: every kind, roles, severities, asset types,
// attributes, lifecycle, replace vs append, GeoJSON geometry, and the guesses on them.
#include "OverlayFixtures.h"
#include "gis/CrsTransformer.h"
#include "gis/OverlayFieldValues.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>
#include <algorithm>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

using namespace citytwin;
using data::OverlayKind;
using test::importInto;
using test::mappingOf;

namespace {

const QString kCrs = QStringLiteral("EPSG:4549");

data::ProjectedPoint projected(double lon, double lat, const QString& crs = kCrs)
{
    auto t = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), crs);
    return t ? t->forward({lon, lat, 0.0}).value() : data::ProjectedPoint{};
}

data::TimeMs shanghai(const char* local)
{
    return QDateTime(QDateTime::fromString(QString::fromLatin1(local), QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                         .date(),
                     QDateTime::fromString(QString::fromLatin1(local), QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                         .time(),
                     QTimeZone("Asia/Shanghai"))
        .toMSecsSinceEpoch();
}

bool near(const data::ProjectedPoint& a, const data::ProjectedPoint& b)
{
    return std::abs(a.x - b.x) < 1e-3 && std::abs(a.y - b.y) < 1e-3 && a.z == 0.0;
}

} // namespace

class TestOverlayImport : public QObject
{
    Q_OBJECT

private slots:
    void tracks()
    {
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        QVERIFY(store);
        const QString csv = test::writeText(dir, QStringLiteral("tracks.csv"),
                                            "person,name,role,lon,lat,time\n"
                                            "7,Wang Wei,城管执法,121.0,30.7,2026-11-27 08:00:00\n"
                                            "vehicle_4716,,sanitation,121.01,30.71,2026-11-27 08:00:05\n"
                                            "7,Wang Wei,城管执法,121.001,30.701,2026-11-27 08:00:10\n"
                                            "12,Li Na,,121.02,30.72,2026-11-27 09:30:00\n"
                                            "12,Li Na,,121.021,30.721,not a time\n");
        auto m = mappingOf(OverlayKind::Tracks, {{"id", "person"},
                                                 {"name", "name"},
                                                 {"role", "role"},
                                                 {"x", "lon"},
                                                 {"y", "lat"},
                                                 {"time", "time"}});
        m.timeZone = QStringLiteral("Asia/Shanghai");
        m.defaultRole = QStringLiteral("inspector");
        auto report = importInto(*store, csv, m, kCrs);
        QVERIFY2(report, qPrintable(report.status().message()));
        QCOMPARE(report->rowsRead, 5);
        QCOMPARE(report->rowsImported, 4);
        QCOMPARE(report->peopleImported, 3);
        QCOMPARE(report->rowsRejected, 1);
        QCOMPARE(report->rejected.front().row, 5);
        QVERIFY(report->rejected.front().reason.startsWith(QLatin1String("unparsable time")));
        QCOMPARE(report->firstTime, shanghai("2026-11-27 08:00:00"));
        QCOMPARE(report->lastTime, shanghai("2026-11-27 09:30:00"));

        auto people = store->people();
        QVERIFY(people);
        QCOMPARE(people->size(), std::size_t(3));
        auto byId = [&](std::int64_t id) {
            return *std::find_if(people->begin(), people->end(),
                                 [id](const data::Person& p) { return p.id == id; });
        };
        QCOMPARE(byId(7).name, QStringLiteral("Wang Wei"));
        QVERIFY(byId(7).role == data::PersonRole::Enforcement);
        QVERIFY(byId(12).role == data::PersonRole::Inspector); // the default role
        const std::int64_t vehicle = gis::overlay::stableId("vehicle_4716");
        QCOMPARE(byId(vehicle).name, QStringLiteral("vehicle_4716"));
        QVERIFY(byId(vehicle).role == data::PersonRole::Sanitation);

        auto points = store->trackPoints();
        QVERIFY(points);
        QCOMPARE(points->size(), std::size_t(4));
        const auto first = std::find_if(points->begin(), points->end(),
                                        [](const data::TrackPoint& p) { return p.personId == 7; });
        QCOMPARE(first->time, shanghai("2026-11-27 08:00:00"));
        QVERIFY(near(first->position, projected(121.0, 30.7)));
    }

    void sameIdsInEveryImport()
    {
        // Text ids map to the same integer in another import (append adds points to the same person).
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        auto m = mappingOf(OverlayKind::Tracks, {{"id", "id"}, {"x", "x"}, {"y", "y"}, {"time", "t"}});
        const QString a =
            test::writeText(dir, QStringLiteral("a.csv"), "id,x,y,t\nbus_1,121,30.7,2026-01-01T00:00:00Z\n");
        const QString b =
            test::writeText(dir, QStringLiteral("b.csv"), "id,x,y,t\nbus_1,121,30.7,2026-01-01T00:01:00Z\n");
        QVERIFY(importInto(*store, a, m, kCrs));
        QVERIFY(importInto(*store, b, m, kCrs, true));
        QCOMPARE(store->people()->size(), std::size_t(1));
        QCOMPARE(store->trackPoints()->size(), std::size_t(2));
        // Without append, the kind is replaced.
        QVERIFY(importInto(*store, b, m, kCrs, false));
        QCOMPARE(store->trackPoints()->size(), std::size_t(1));
    }

    void events()
    {
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        const QString csv = test::writeText(
            dir, QStringLiteral("events.csv"),
            "id;category;severity;lon;lat;reported;dispatched;closed;staff;description;source\n"
            "101;illegal_parking;高;121.0;30.7;2026-11-27T08:00:00+08:00;2026-11-27T08:05:00+08:00;;7,12;"
            "\"car on the pavement; blocking\";hotline_12345\n"
            "102;;critical;121.01;30.71;2026-11-27T09:00:00+08:00;;2026-11-27T10:00:00+08:00;;fire;patrol\n"
            "103;flood;2;121.02;30.72;;;;;no report time;sensor\n"
            "104;flood;9;;30.72;2026-11-27T09:00:00+08:00;;;;no x;sensor\n");
        auto m = mappingOf(OverlayKind::Events, {{"id", "id"},
                                                 {"category", "category"},
                                                 {"severity", "severity"},
                                                 {"x", "lon"},
                                                 {"y", "lat"},
                                                 {"reported", "reported"},
                                                 {"dispatched", "dispatched"},
                                                 {"closed", "closed"},
                                                 {"staff", "staff"},
                                                 {"description", "description"},
                                                 {"source", "source"}});
        auto report = importInto(*store, csv, m, kCrs);
        QVERIFY2(report, qPrintable(report.status().message()));
        QCOMPARE(report->rowsImported, 2);
        QCOMPARE(report->rejectedByReason.value(QStringLiteral("missing time")), 1);
        QCOMPARE(report->rejectedByReason.value(QStringLiteral("missing coordinate")), 1);
        auto events = store->events();
        QVERIFY(events);
        QCOMPARE(events->size(), std::size_t(2));
        const data::Event& e = events->at(0);
        QCOMPARE(e.id, 101);
        QCOMPARE(e.category, QStringLiteral("illegal_parking"));
        QCOMPARE(e.severity, 3);
        QCOMPARE(e.description, QStringLiteral("car on the pavement; blocking"));
        QCOMPARE(e.source, QStringLiteral("hotline_12345"));
        QCOMPARE(e.reported, shanghai("2026-11-27 08:00:00"));
        QCOMPARE(e.dispatched, shanghai("2026-11-27 08:05:00"));
        QCOMPARE(e.closed, data::kNoTime);
        QCOMPARE(e.assignedStaff, (std::vector<std::int64_t>{7, 12}));
        QVERIFY(near(e.position, projected(121.0, 30.7)));
        const data::Event& f = events->at(1);
        QCOMPARE(f.category, QStringLiteral("other")); // the default category
        QCOMPARE(f.severity, 4);
        QCOMPARE(f.closed, shanghai("2026-11-27 10:00:00"));
    }

    void assets()
    {
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        const QString csv = test::writeText(dir, QStringLiteral("assets.csv"),
                                            "编号,类型,名称,经度,纬度,owner,height_m\n"
                                            "1,摄像头,东门,121.0,30.7,city,6.5\n"
                                            "2,消火栓,,121.01,30.71,fire brigade,\n"
                                            "3,避难场所,Park shelter,121.02,30.72,,\n"
                                            "4,water_level sensor,,121.03,30.73,,\n"
                                            "5,bench,,121.04,30.74,,\n");
        gis::OverlayFilePreview preview = gis::previewOverlayFile(csv).value();
        QVERIFY(gis::guessOverlayKind(preview) == std::optional(OverlayKind::Assets));
        const data::OverlayMapping m = gis::guessOverlayMapping(preview, OverlayKind::Assets);
        QCOMPARE(m.columns.value(QStringLiteral("x")), QStringLiteral("经度"));
        QCOMPARE(m.columns.value(QStringLiteral("type")), QStringLiteral("类型"));
        QCOMPARE(m.columns.value(QStringLiteral("id")), QStringLiteral("编号"));
        QCOMPARE(gis::checkOverlayMapping(preview, m), QString());
        auto report = importInto(*store, csv, m, kCrs);
        QVERIFY2(report, qPrintable(report.status().message()));
        auto assets = store->assets();
        QVERIFY(assets);
        QCOMPARE(assets->size(), std::size_t(5));
        const std::vector<data::AssetType> expected{data::AssetType::Cctv, data::AssetType::Hydrant,
                                                    data::AssetType::Shelter, data::AssetType::Sensor,
                                                    data::AssetType::Other};
        for (std::size_t i = 0; i < 5; ++i)
            QVERIFY(gis::guessOverlayKind(preview) == std::optional(OverlayKind::Assets));
        QCOMPARE(assets->at(0).name, QStringLiteral("东门"));
        const QJsonObject attributes =
            QJsonDocument::fromJson(assets->at(0).attributesJson.toUtf8()).object();
        QCOMPARE(attributes.value(QStringLiteral("owner")).toString(), QStringLiteral("city"));
        QCOMPARE(attributes.value(QStringLiteral("height_m")).toDouble(), 6.5);
        QVERIFY(!attributes.contains(QStringLiteral("经度"))); // mapped columns are not attributes
    }

    void readings()
    {
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        const QString csv = test::writeText(dir, QStringLiteral("r.csv"),
                                            "sensor_id,timestamp,value\n"
                                            "9,1764201600,1.25\n"
                                            "9,1764201660,n/a\n"
                                            "9,1764201720000,1.5\n");
        gis::OverlayFilePreview preview = gis::previewOverlayFile(csv).value();
        QVERIFY(gis::guessOverlayKind(preview) == std::optional(OverlayKind::SensorReadings));
        const data::OverlayMapping m = gis::guessOverlayMapping(preview, OverlayKind::SensorReadings);
        auto report = importInto(*store, csv, m, kCrs);
        QVERIFY2(report, qPrintable(report.status().message()));
        QCOMPARE(report->rowsImported, 2);
        QCOMPARE(report->rejectedByReason.value(QStringLiteral("bad number")), 1);
        auto readings = store->sensorReadings(9);
        QVERIFY(readings);
        QCOMPARE(readings->size(), std::size_t(2));
        QCOMPARE(readings->at(0).time, 1764201600000LL);
        QCOMPARE(readings->at(1).time, 1764201720000LL); // epoch ms told apart by magnitude
        QCOMPARE(readings->at(1).value, 1.5);
    }

    void geojsonPoints()
    {
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        const QString path = test::writeText(dir, QStringLiteral("events.geojson"),
                                             R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"event_id":5,"type":"fire","reported":"2026-11-27T08:00:00Z","level":"high"},
 "geometry":{"type":"Point","coordinates":[121.0,30.7]}},
{"type":"Feature","properties":{"event_id":6,"type":"flood","reported":"2026-11-27T09:00:00Z","level":"low"},
 "geometry":null}]})");
        auto preview = gis::previewOverlayFile(path);
        QVERIFY2(preview, qPrintable(preview.status().message()));
        QVERIFY(preview->hasPointGeometry);
        QCOMPARE(preview->crs, QStringLiteral("EPSG:4326"));
        QVERIFY(gis::guessOverlayKind(*preview) == std::optional(OverlayKind::Events));
        const data::OverlayMapping m = gis::guessOverlayMapping(*preview, OverlayKind::Events);
        QCOMPARE(gis::checkOverlayMapping(*preview, m), QString());
        auto report = importInto(*store, path, m, kCrs);
        QVERIFY2(report, qPrintable(report.status().message()));
        QCOMPARE(report->rowsImported, 1);
        QCOMPARE(report->rejectedByReason.value(QStringLiteral("missing coordinate")), 1);
        auto events = store->events();
        QCOMPARE(events->size(), std::size_t(1));
        QCOMPARE(events->at(0).id, 5);
        QCOMPARE(events->at(0).category, QStringLiteral("fire"));
        QCOMPARE(events->at(0).severity, 3);
        QVERIFY(near(events->at(0).position, projected(121.0, 30.7)));
    }

    void shapefilePoints()
    {
        // An ESRI Shapefile in UTM 51N (its .prj gives the CRS): assets land where their lon/lat would.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hydrants.shp"));
        GDALAllRegister();
        {
            GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
            QVERIFY(driver);
            GDALDatasetUniquePtr ds(driver->Create(path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
            QVERIFY(ds);
            OGRSpatialReference srs;
            const char* const kUtf8[] = {"ENCODING=UTF-8", nullptr}; // a .cpg, so Chinese text survives
            srs.importFromEPSG(32651);
            OGRLayer* layer = ds->CreateLayer("hydrants", &srs, wkbPoint, const_cast<char**>(kUtf8));
            OGRFieldDefn id("hid", OFTInteger);
            OGRFieldDefn type("kind", OFTString);
            QVERIFY(layer->CreateField(&id) == OGRERR_NONE && layer->CreateField(&type) == OGRERR_NONE);
            const data::ProjectedPoint utm = projected(121.0, 30.7, QStringLiteral("EPSG:32651"));
            OGRFeature f(layer->GetLayerDefn());
            f.SetField("hid", 77);
            f.SetField("kind", "消火栓");
            OGRPoint point(utm.x, utm.y);
            f.SetGeometry(&point);
            QVERIFY(layer->CreateFeature(&f) == OGRERR_NONE);
        }
        auto preview = gis::previewOverlayFile(path);
        QVERIFY2(preview, qPrintable(preview.status().message()));
        QCOMPARE(preview->format, QStringLiteral("ESRI Shapefile"));
        QVERIFY(preview->hasPointGeometry);
        auto m = mappingOf(OverlayKind::Assets, {{"id", "hid"}, {"type", "kind"}});
        m.sourceCrs.clear(); // the file's own
        auto store = test::makeStore(dir);
        auto report = importInto(*store, path, m, kCrs);
        QVERIFY2(report, qPrintable(report.status().message()));
        const data::Asset a = store->assets()->at(0);
        QCOMPARE(a.id, 77);
        QVERIFY(a.type == data::AssetType::Hydrant);
        const data::ProjectedPoint want = projected(121.0, 30.7);
        QVERIFY(std::abs(a.position.x - want.x) < 0.01 && std::abs(a.position.y - want.y) < 0.01);
    }

    void projectedSourceCrs()
    {
        // x/y already in metres of another CRS (UTM 51N) land where their lon/lat would.
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        const data::ProjectedPoint utm = projected(121.0, 30.7, QStringLiteral("EPSG:32651"));
        const QString csv = test::writeText(
            dir, QStringLiteral("utm.csv"),
            QStringLiteral("id,e,n\n1,%1,%2\n").arg(utm.x, 0, 'f', 4).arg(utm.y, 0, 'f', 4).toUtf8());
        auto m = mappingOf(OverlayKind::Assets, {{"id", "id"}, {"x", "e"}, {"y", "n"}});
        m.sourceCrs = QStringLiteral("EPSG:32651");
        auto report = importInto(*store, csv, m, kCrs);
        QVERIFY2(report, qPrintable(report.status().message()));
        const data::ProjectedPoint p = store->assets()->at(0).position;
        const data::ProjectedPoint want = projected(121.0, 30.7);
        QVERIFY(std::abs(p.x - want.x) < 0.01 && std::abs(p.y - want.y) < 0.01);
    }

    void dryRunWritesNothing()
    {
        QTemporaryDir dir;
        const QString csv = test::writeText(dir, QStringLiteral("a.csv"), "id,x,y\n1,121,30.7\n2,121,95\n");
        gis::ImportTarget target;
        target.projectCrs = kCrs; // no writer: validate only
        auto report = gis::importOverlayFile(
            csv, mappingOf(OverlayKind::Assets, {{"id", "id"}, {"x", "x"}, {"y", "y"}}), target);
        QVERIFY2(report, qPrintable(report.status().message()));
        QCOMPARE(report->rowsImported, 1);
        QCOMPARE(report->rejectedByReason.value(QStringLiteral("coordinate out of range")), 1);
    }

    void summaryAndNames()
    {
        data::ImportReport r;
        r.rowsRead = 5908;
        r.rowsImported = 5900;
        for (int i = 0; i < 8; ++i)
            r.reject(i + 1, i < 6 ? QStringLiteral("unparsable time") : QStringLiteral("bad number"),
                     QStringLiteral("x"));
        QCOMPARE(
            r.summary(),
            QStringLiteral("5,908 rows read, 5,900 imported, 8 rejected (6 unparsable time, 2 bad number)"));
        QCOMPARE(r.rejected.size(), std::size_t(8));
        for (int i = 0; i < 200; ++i)
            r.reject(100 + i, QStringLiteral("bad number"), {});
        QCOMPARE(r.rejected.size(), std::size_t(data::ImportReport::kMaxListedRejects));
        QCOMPARE(r.rowsRejected, 208);
        for (OverlayKind k :
             {OverlayKind::Tracks, OverlayKind::Events, OverlayKind::Assets, OverlayKind::SensorReadings}) {
            OverlayKind back{};
            QVERIFY(data::fromString(data::toString(k), back));
            QVERIFY(back == k);
            const auto required = data::requiredColumns(k, false);
            const auto known = data::knownColumns(k);
            QVERIFY(std::equal(required.begin(), required.end(), known.begin()));
        }
        data::TimeFormat f{};
        QVERIFY(data::fromString(QStringLiteral("epoch_ms"), f));
        QVERIFY(f == data::TimeFormat::EpochMillis);
        QVERIFY(!data::fromString(QStringLiteral("EPOCH"), f));
        QCOMPARE(data::requiredColumns(OverlayKind::Events, true),
                 std::vector<QString>{QStringLiteral("reported")});
    }
};

QTEST_GUILESS_MAIN(TestOverlayImport)
#include "tst_overlayimport.moc"
