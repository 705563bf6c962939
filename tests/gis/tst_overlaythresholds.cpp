// Importing alarm thresholds (issue 7): per asset and per sensor subtype from CSV and OGR files, the
// min/max columns of an asset file, bad limits rejected with their reason, replace vs append, and
// nothing written when an import fails.
#include "OverlayFixtures.h"

#include "data/SensorAlarms.h"

#include <QTest>
#include <algorithm>

using namespace citytwin;
using data::OverlayKind;
using data::Status;
using data::Threshold;
using test::mappingOf;

namespace {

const QString kCrs = QStringLiteral("EPSG:4549");

//! The preview of PATH, or a failed test.
gis::OverlayFilePreview previewOf(const QString& path)
{
    auto preview = gis::previewOverlayFile(path);
    if (!preview)
        qWarning() << preview.status().message();
    return preview ? *preview : gis::OverlayFilePreview{};
}

//! The store's thresholds, by target ("asset:12" / "subtype:water_level").
QMap<QString, Threshold> thresholdsByTarget(const data::ProjectStore& store)
{
    QMap<QString, Threshold> out;
    auto all = store.thresholds();
    if (!all)
        return out;
    for (const Threshold& t : *all)
        out.insert(t.assetId != 0 ? QStringLiteral("asset:%1").arg(t.assetId) : QStringLiteral("subtype:") + t.subtype,
                   t);
    return out;
}

data::OverlayMapping thresholdMapping()
{
    return mappingOf(OverlayKind::Thresholds,
                     {{"asset", "asset_id"}, {"subtype", "sensor_type"}, {"min", "min"}, {"max", "max"}});
}

} // namespace

class TestOverlayThresholds : public QObject
{
    Q_OBJECT

private slots:
    void kindAndRoles()
    {
        OverlayKind k{};
        QVERIFY(data::fromString(QStringLiteral("thresholds"), k));
        QVERIFY(k == OverlayKind::Thresholds);
        QCOMPARE(data::toString(OverlayKind::Thresholds), QStringLiteral("thresholds"));
        // Neither role of a pair is required on its own; one of each pair is.
        QVERIFY(data::requiredColumns(OverlayKind::Thresholds, false).empty());
        const auto groups = data::requiredColumnGroups(OverlayKind::Thresholds, false);
        QCOMPARE(groups.size(), std::size_t(2));
        QCOMPARE(groups[0], (std::vector<QString>{QStringLiteral("asset"), QStringLiteral("subtype")}));
        QCOMPARE(groups[1], (std::vector<QString>{QStringLiteral("min"), QStringLiteral("max")}));
        const auto known = data::knownColumns(OverlayKind::Thresholds);
        QCOMPARE(known.front(), QStringLiteral("asset"));
        QVERIFY(std::find(known.begin(), known.end(), QStringLiteral("id")) != known.end());
        const auto assetRoles = data::knownColumns(OverlayKind::Assets);
        QVERIFY(std::find(assetRoles.begin(), assetRoles.end(), QStringLiteral("max")) != assetRoles.end());
        // Other kinds: each required role is a group of its own.
        QCOMPARE(data::requiredColumnGroups(OverlayKind::SensorReadings, false).size(), std::size_t(3));

        data::OverlayMapping m = mappingOf(OverlayKind::Thresholds, {{"subtype", "t"}});
        QCOMPARE(data::missingRequiredColumns(m, false), QStringLiteral("no min or max column mapped"));
        m = mappingOf(OverlayKind::Thresholds, {{"max", "hi"}});
        QCOMPARE(data::missingRequiredColumns(m, false), QStringLiteral("no asset or subtype column mapped"));
        m = mappingOf(OverlayKind::Thresholds, {{"asset", "a"}, {"max", "hi"}});
        QCOMPARE(data::missingRequiredColumns(m, false), QString());
    }

    void guessesColumns_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("asset");
        QTest::addColumn<QString>("subtype");
        QTest::addColumn<QString>("min");
        QTest::addColumn<QString>("max");
        QTest::newRow("english") << QByteArray("asset_id,sensor_type,min,max") << "asset_id" << "sensor_type"
                                 << "min" << "max";
        QTest::newRow("lower/upper") << QByteArray("sensor,subtype,lower,upper") << "sensor" << "subtype"
                                     << "lower" << "upper";
        QTest::newRow("alarm low/high") << QByteArray("device_id,alarm_low,alarm_high") << "device_id" << ""
                                        << "alarm_low" << "alarm_high";
        QTest::newRow("threshold_min/max") << QByteArray("subtype,threshold_min,threshold_max") << ""
                                           << "subtype" << "threshold_min" << "threshold_max";
        QTest::newRow("chinese") << QByteArray("设备编号,传感器类型,报警下限,报警上限") << "设备编号"
                                 << "传感器类型" << "报警下限" << "报警上限";
        QTest::newRow("lone 阈值 is an upper limit") << QByteArray("监测类型,阈值") << "" << "监测类型" << ""
                                                    << "阈值";
    }

    void guessesColumns()
    {
        QFETCH(QByteArray, header);
        QTemporaryDir dir;
        const int columns = int(header.count(',')) + 1;
        QByteArray row;
        for (int i = 0; i < columns; ++i)
            row += (i ? "," : "") + QByteArray::number(i + 1);
        const QString path = test::writeText(dir, QStringLiteral("limits.csv"), header + '\n' + row + '\n');
        const gis::OverlayFilePreview preview = previewOf(path);
        QVERIFY(gis::guessOverlayKind(preview) == std::optional(OverlayKind::Thresholds));
        const data::OverlayMapping m = gis::guessOverlayMapping(preview, OverlayKind::Thresholds);
        QTEST(m.columns.value(QStringLiteral("asset")), "asset");
        QTEST(m.columns.value(QStringLiteral("subtype")), "subtype");
        QTEST(m.columns.value(QStringLiteral("min")), "min");
        QTEST(m.columns.value(QStringLiteral("max")), "max");
        QVERIFY(!m.columns.contains(QStringLiteral("x")));
        QCOMPARE(gis::checkOverlayMapping(preview, m), QString()); // no CRS needed: limits have no position
    }

    void perAssetAndPerSubtype()
    {
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        QVERIFY(store);
        const QString path = test::writeText(dir, QStringLiteral("limits.csv"),
                                             "asset_id,sensor_type,min,max\n"
                                             "1001,,0.5,3.2\n"
                                             ",water_level,,4.5\n"
                                             "gauge_7,,-1e3,\n"
                                             ",pm25,,75\n");
        const auto preview = previewOf(path);
        const auto guessed = gis::guessOverlayMapping(preview, OverlayKind::Thresholds);
        auto report = test::importInto(*store, path, guessed, kCrs);
        QVERIFY2(report, qPrintable(report.status().message()));
        QCOMPARE(report->rowsImported, 4);
        QCOMPARE(report->rowsRejected, 0);
        QVERIFY(report->firstTime == data::kNoTime); // limits carry no time

        const auto byTarget = thresholdsByTarget(*store);
        QCOMPARE(byTarget.size(), 4);
        const Threshold a = byTarget.value(QStringLiteral("asset:1001"));
        QCOMPARE(a.min, std::optional(0.5));
        QCOMPARE(a.max, std::optional(3.2));
        QVERIFY(a.subtype.isEmpty());
        const Threshold w = byTarget.value(QStringLiteral("subtype:water_level"));
        QVERIFY(!w.min);
        QCOMPARE(w.max, std::optional(4.5));
        // A text asset id becomes the same stable id the assets and readings imports give it.
        const auto gauge = std::find_if(byTarget.begin(), byTarget.end(),
                                        [](const Threshold& t) { return t.min == std::optional(-1000.0); });
        QVERIFY(gauge != byTarget.end());
        QVERIFY(gauge->assetId >= (std::int64_t(1) << 52));
        QVERIFY(!gauge->max);
    }

    void assetsWithLimitColumns()
    {
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        QVERIFY(store);
        const QString path = test::writeText(dir, QStringLiteral("gauges.csv"),
                                             "id,type,subtype,name,lon,lat,alarm_low,alarm_high\n"
                                             "1,sensor,water_level,Gauge 1,121.00,30.70,,4.2\n"
                                             "2,sensor,water_level,Gauge 2,121.01,30.70,,\n"
                                             "3,cctv,,Cam 3,121.02,30.70,,\n");
        const auto preview = previewOf(path);
        QVERIFY(gis::guessOverlayKind(preview) == std::optional(OverlayKind::Assets)); // positions: assets
        const auto m = gis::guessOverlayMapping(preview, OverlayKind::Assets);
        QCOMPARE(m.columns.value(QStringLiteral("min")), QStringLiteral("alarm_low"));
        QCOMPARE(m.columns.value(QStringLiteral("max")), QStringLiteral("alarm_high"));
        auto report = test::importInto(*store, path, m, kCrs);
        QVERIFY2(report, qPrintable(report.status().message()));
        QCOMPARE(report->rowsImported, 3);
        QCOMPARE(report->thresholdsImported, 1);
        QVERIFY(report->summary().contains(QStringLiteral("(1 thresholds)")));
        auto assets = store->assets();
        QVERIFY(assets);
        QCOMPARE(assets->size(), std::size_t(3));
        // The limit columns are roles, not attributes of the asset.
        for (const data::Asset& a : *assets)
            QVERIFY2(!a.attributesJson.contains(QStringLiteral("alarm")), qPrintable(a.attributesJson));
        auto thresholds = store->thresholds();
        QVERIFY(thresholds);
        QCOMPARE(thresholds->size(), std::size_t(1));
        QCOMPARE(thresholds->front().assetId, std::int64_t(1));
        QCOMPARE(thresholds->front().max, std::optional(4.2));

        // The alarms see it: gauge 1 above 4.2 alarms, gauge 2 (no limit) never does.
        data::SensorAlarms alarms(*assets, *thresholds);
        alarms.addReadings({{1, 1000, 3.0}, {1, 2000, 4.5}, {1, 3000, 4.0}, {2, 2000, 9.0}});
        QVERIFY(!alarms.isInAlarmAt(1, 1500));
        QVERIFY(alarms.isInAlarmAt(1, 2500));
        QVERIFY(!alarms.isInAlarmAt(1, 3500));
        QVERIFY(!alarms.isInAlarmAt(2, 2500));
    }

    void badRowsRejected_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("reason");
        QTest::newRow("text min") << QByteArray("1,,low,3") << "bad number: 'low' in min";
        QTest::newRow("text max") << QByteArray(",water_level,,4,5m") << "wrong column count";
        QTest::newRow("unit in max") << QByteArray(",water_level,,4.5m") << "bad number: '4.5m' in max";
        QTest::newRow("min above max") << QByteArray("7,,5,3") << "min above max: min 5 > max 3";
        QTest::newRow("no limit") << QByteArray("7,,,") << "missing limit";
        QTest::newRow("no target") << QByteArray(",,1,2") << "missing target";
    }

    void badRowsRejected()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        QVERIFY(store);
        const QString path = test::writeText(dir, QStringLiteral("limits.csv"),
                                             "asset_id,sensor_type,min,max\n1001,,0,10\n" + row + "\n");
        auto report = test::importInto(*store, path, thresholdMapping(), kCrs);
        QVERIFY2(report, qPrintable(report.status().message()));
        QCOMPARE(report->rowsRead, 2);
        QCOMPARE(report->rowsImported, 1);
        QCOMPARE(report->rowsRejected, 1);
        QCOMPARE(report->rejected.front().row, 2);
        QVERIFY2(report->rejected.front().reason.startsWith(reason), qPrintable(report->rejected.front().reason));
        QCOMPARE(store->thresholds()->size(), std::size_t(1));
    }

    void nothingWrittenOnFailure()
    {
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        QVERIFY(store);
        Threshold old;
        old.subtype = QStringLiteral("water_level");
        old.max = 3.0;
        QVERIFY(store->writeThresholds({old}));
        const auto before = store->thresholds();
        QVERIFY(before && before->size() == 1);

        // Every row bad: an error, and the replace import's clear is rolled back with it.
        const QString bad = test::writeText(dir, QStringLiteral("bad.csv"),
                                            "asset_id,sensor_type,min,max\n1,,x,\n2,,9,1\n");
        auto report = test::importInto(*store, bad, thresholdMapping(), kCrs);
        QVERIFY(!report);
        QCOMPARE(int(report.status().code()), int(Status::Code::FormatError));
        QVERIFY2(report.status().message().contains(QStringLiteral("bad.csv")), qPrintable(report.status().message()));
        QCOMPARE(*store->thresholds(), *before);

        // A mapping without limits fails before anything is read.
        const QString good = test::writeText(dir, QStringLiteral("good.csv"), "asset_id,min,max\n1,0,1\n");
        report = test::importInto(*store, good, mappingOf(OverlayKind::Thresholds, {{"asset", "asset_id"}}), kCrs);
        QVERIFY(!report);
        QCOMPARE(int(report.status().code()), int(Status::Code::InvalidArgument));
        QVERIFY2(report.status().message().contains(QStringLiteral("no min or max column mapped")),
                 qPrintable(report.status().message()));
        QCOMPARE(*store->thresholds(), *before);
    }

    void replaceAndAppend()
    {
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        QVERIFY(store);
        Threshold old;
        old.subtype = QStringLiteral("noise");
        old.max = 70.0;
        QVERIFY(store->writeThresholds({old}));
        const QString path = test::writeText(dir, QStringLiteral("limits.csv"),
                                             "asset_id,sensor_type,min,max\n,water_level,,4.5\n5,,1,2\n");
        // Append keeps the existing limit; importing the same file again replaces its own rows
        // (stable ids per target) instead of piling up duplicates.
        for (int i = 0; i < 2; ++i) {
            auto report = test::importInto(*store, path, thresholdMapping(), kCrs, true);
            QVERIFY2(report, qPrintable(report.status().message()));
            QCOMPARE(store->thresholds()->size(), std::size_t(3));
        }
        auto report = test::importInto(*store, path, thresholdMapping(), kCrs, false);
        QVERIFY2(report, qPrintable(report.status().message()));
        const auto byTarget = thresholdsByTarget(*store);
        QCOMPARE(byTarget.keys(), (QStringList{QStringLiteral("asset:5"), QStringLiteral("subtype:water_level")}));

        // An id column keeps the file's ids.
        const QString withIds = test::writeText(dir, QStringLiteral("ids.csv"), "id,subtype,max\n42,pm25,75\n");
        report = test::importInto(*store, withIds,
                                  mappingOf(OverlayKind::Thresholds, {{"id", "id"}, {"subtype", "subtype"}, {"max", "max"}}),
                                  kCrs);
        QVERIFY2(report, qPrintable(report.status().message()));
        QCOMPARE(store->thresholds()->size(), std::size_t(1));
        QCOMPARE(store->thresholds()->front().id, std::int64_t(42));
    }

    void ogrSource()
    {
        // GeoJSON features without geometry: the OGR path of the same importer.
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        QVERIFY(store);
        const QString path = test::writeText(
            dir, QStringLiteral("limits.geojson"),
            R"({"type":"FeatureCollection","features":[
{"type":"Feature","geometry":null,"properties":{"sensor_id":12,"下限":0.2,"上限":3.5}},
{"type":"Feature","geometry":null,"properties":{"sensor_id":13,"下限":"n/a","上限":3.5}}]})");
        const auto preview = previewOf(path);
        QVERIFY(!preview.hasPointGeometry);
        QVERIFY(gis::guessOverlayKind(preview) == std::optional(OverlayKind::Thresholds));
        const auto m = gis::guessOverlayMapping(preview, OverlayKind::Thresholds);
        QCOMPARE(m.columns.value(QStringLiteral("asset")), QStringLiteral("sensor_id"));
        auto report = test::importInto(*store, path, m, kCrs);
        QVERIFY2(report, qPrintable(report.status().message()));
        QCOMPARE(report->rowsImported, 1);
        QCOMPARE(report->rowsRejected, 1);
        QVERIFY2(report->rejected.front().reason.contains(QStringLiteral("'n/a' in 下限")),
                 qPrintable(report->rejected.front().reason));
        const auto t = store->thresholds();
        QVERIFY(t && t->size() == 1);
        QCOMPARE(t->front().assetId, std::int64_t(12));
        QCOMPARE(t->front().min, std::optional(0.2));
        QCOMPARE(t->front().max, std::optional(3.5));
    }
};

QTEST_GUILESS_MAIN(TestOverlayThresholds)
#include "tst_overlaythresholds.moc"
