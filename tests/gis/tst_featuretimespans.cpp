// Feature layers' time spans from attribute fields (Layer Properties → Time, "start/end fields or a
// timestamp + duration"): parseFeatureTime's accepted forms in UTC, Asia/Shanghai (incl. its 1988
// DST) and Europe/Berlin, ends as the end of the named period, featureTimeSpans' counts and extent,
// and readFeatureTimeSpans on GeoPackage, GeoJSON and Shapefile fixtures (Integer, Real, Date,
// DateTime and String fields as OGR gives them), with errors naming the file and the field.
#include "PipeFixtures.h"
#include "gis/FeatureTimeSpans.h"
#include "gis/FieldValues.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace citytwin;
using data::TimeMs;
using data::TimeRange;
namespace fx = citytwin::test::pipes;

namespace {

TimeMs utc(const char* iso)
{
    const QDateTime dt = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
    Q_ASSERT(dt.isValid());
    return dt.toMSecsSinceEpoch();
}

QString square(double e, double n)
{
    return QStringLiteral("POLYGON ((%1 %2, %3 %2, %3 %4, %1 %4, %1 %2))")
        .arg(fx::kE0 + e, 0, 'f', 2)
        .arg(fx::kN0 + n, 0, 'f', 2)
        .arg(fx::kE0 + e + 10, 0, 'f', 2)
        .arg(fx::kN0 + n + 10, 0, 'f', 2);
}

using Values = std::vector<std::pair<std::int64_t, QString>>;

} // namespace

class TstFeatureTimeSpans : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QTimeZone(QByteArrayLiteral("Asia/Shanghai")).isValid(),
                 "the system has no Asia/Shanghai zone");
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<bool>("asEnd");
        QTest::addColumn<QString>("expected"); // UTC ISO; empty: unreadable

        const QByteArray u = "UTC";
        const QByteArray sh = "Asia/Shanghai";
        const QByteArray be = "Europe/Berlin";
        QTest::newRow("year") << "1998" << u << false << "1998-01-01T00:00:00Z";
        QTest::newRow("year end") << "1998" << u << true << "1999-01-01T00:00:00Z";
        QTest::newRow("year Shanghai") << "1998" << sh << false << "1997-12-31T16:00:00Z";
        QTest::newRow("year of a Real field") << "1998.0" << u << false << "1998-01-01T00:00:00Z";
        QTest::newRow("year padded") << " 2010 " << sh << true << "2010-12-31T16:00:00Z";
        QTest::newRow("year-month") << "1998-06" << sh << false << "1998-05-31T16:00:00Z";
        QTest::newRow("year-month end") << "1998-06" << sh << true << "1998-06-30T16:00:00Z";
        QTest::newRow("December end") << "1998/12" << u << true << "1999-01-01T00:00:00Z";
        QTest::newRow("date") << "2015-06-01" << u << false << "2015-06-01T00:00:00Z";
        QTest::newRow("date end") << "2015-06-01" << u << true << "2015-06-02T00:00:00Z";
        QTest::newRow("date Shanghai") << "2015-06-01" << sh << false << "2015-05-31T16:00:00Z";
        QTest::newRow("OGR date") << "2015/06/01" << sh << true << "2015-06-01T16:00:00Z";
        QTest::newRow("short date") << "2015/6/1" << u << false << "2015-06-01T00:00:00Z";
        QTest::newRow("dotted date") << "2015.06.01" << u << false << "2015-06-01T00:00:00Z";
        QTest::newRow("month end leap") << "2016-02" << u << true << "2016-03-01T00:00:00Z";
        QTest::newRow("year end day") << "2015-12-31" << u << true << "2016-01-01T00:00:00Z";
        QTest::newRow("date-time T") << "2015-06-01T08:30:00" << sh << false << "2015-06-01T00:30:00Z";
        QTest::newRow("date-time space") << "2015-06-01 08:30" << sh << false << "2015-06-01T00:30:00Z";
        QTest::newRow("date-time as end is itself")
            << "2015-06-01 08:30:00" << sh << true << "2015-06-01T00:30:00Z";
        QTest::newRow("OGR date-time +08")
            << "2015/06/01 08:30:00+08" << u << false << "2015-06-01T00:30:00Z";
        QTest::newRow("Z in another zone") << "2015-06-01T08:30:00Z" << sh << false << "2015-06-01T08:30:00Z";
        QTest::newRow("fraction and offset")
            << "2015-06-01T08:30:00.250+08:00" << be << false << "2015-06-01T00:30:00.250Z";
        QTest::newRow("Shanghai DST 1988") << "1988-06-01" << sh << false << "1988-05-31T15:00:00Z";
        QTest::newRow("Shanghai DST 1988 end") << "1988-06-01" << sh << true << "1988-06-01T15:00:00Z";
        QTest::newRow("Shanghai DST time") << "1988-06-01 12:00" << sh << false << "1988-06-01T03:00:00Z";
        QTest::newRow("Berlin spring-forward day") << "2021-03-28" << be << false << "2021-03-27T23:00:00Z";
        QTest::newRow("Berlin spring-forward end") << "2021-03-28" << be << true << "2021-03-28T22:00:00Z";
        QTest::newRow("Berlin summer year-month") << "2021-07" << be << false << "2021-06-30T22:00:00Z";
        QTest::newRow("epoch seconds") << "1433116800" << sh << false << "2015-06-01T00:00:00Z";
        QTest::newRow("epoch seconds fraction") << "1433116800.5" << u << false << "2015-06-01T00:00:00.500Z";
        QTest::newRow("epoch milliseconds") << "1433116800000" << u << true << "2015-06-01T00:00:00Z";
        QTest::newRow("epoch 5 digits") << "86400" << u << false << "1970-01-02T00:00:00Z";
        QTest::newRow("empty") << "" << u << false << "";
        QTest::newRow("blank") << "   " << u << false << "";
        QTest::newRow("word") << "yesterday" << u << false << "";
        QTest::newRow("small number") << "12" << u << false << "";
        QTest::newRow("fractional year") << "1998.5" << u << false << "";
        QTest::newRow("year 3000") << "3000" << u << false << "";
        QTest::newRow("year 999") << "999" << u << false << "";
        QTest::newRow("month 13") << "2015-13" << u << false << "";
        QTest::newRow("February 30") << "2015-02-30" << u << false << "";
        QTest::newRow("mixed separators") << "2015-06/01" << u << false << "";
        QTest::newRow("trailing junk") << "2015-06-01X" << u << false << "";
        QTest::newRow("hour 25") << "2015-06-01T25:00" << u << false << "";
        QTest::newRow("5-digit year") << "19980-01" << u << false << "";
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, zone);
        QFETCH(bool, asEnd);
        QFETCH(QString, expected);
        const QTimeZone tz = zone == "UTC" ? QTimeZone::utc() : QTimeZone(zone);
        QVERIFY(tz.isValid());
        const std::optional<TimeMs> got = gis::parseFeatureTime(text, tz, asEnd);
        if (expected.isEmpty()) {
            QVERIFY2(
                !got,
                got ? qPrintable(QDateTime::fromMSecsSinceEpoch(*got, Qt::UTC).toString(Qt::ISODateWithMs))
                    : "");
            return;
        }
        QVERIFY2(got, qPrintable(text));
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(*got, Qt::UTC).toString(Qt::ISODateWithMs),
                 QDateTime::fromMSecsSinceEpoch(utc(expected.toLatin1().constData()), Qt::UTC)
                     .toString(Qt::ISODateWithMs));
    }

    void invalidZoneReadsNothing()
    {
        QVERIFY(!gis::parseFeatureTime(u"2015-06-01", QTimeZone(QByteArrayLiteral("Nowhere/Atlantis"))));
    }

    void spansWithEndField()
    {
        const Values start{{1, "1998"}, {2, "2000-05"}, {3, ""},          {4, "garbage"},
                           {5, "2010"}, {6, "2001"},    {7, "2003-01-01"}};
        const Values end{{1, "2010"}, {2, ""}, {4, "2000"}, {5, "2005"}, {6, "later"}, {99, "2020"}};
        const gis::FeatureTimeSpans s = gis::featureTimeSpans(start, end, 0, QTimeZone::utc());
        QCOMPARE(s.features, std::int64_t(7));
        QCOMPARE(s.withoutTime, std::int64_t(1));
        QCOMPARE(s.unparsable, std::int64_t(2)); // 4's start, 6's end
        QCOMPARE(s.firstUnparsable, QStringLiteral("garbage"));
        QCOMPARE(s.endBeforeStart, std::int64_t(1));
        QCOMPARE(s.spans.size(), std::size_t(4));
        QCOMPARE(s.spans.at(1), (TimeRange{utc("1998-01-01T00:00:00Z"), utc("2011-01-01T00:00:00Z")}));
        QCOMPARE(s.spans.at(2), (TimeRange{utc("2000-05-01T00:00:00Z"), data::kNoTime})); // null end: open
        QCOMPARE(s.spans.at(5), (TimeRange{utc("2010-01-01T00:00:00Z"), data::kNoTime})); // end ignored
        QCOMPARE(s.spans.at(7), (TimeRange{utc("2003-01-01T00:00:00Z"), data::kNoTime})); // no end row
        QVERIFY(!s.spans.count(3) && !s.spans.count(4) && !s.spans.count(6));
        // Earliest start to the latest end (1's 2011), past the latest start (2010).
        QCOMPARE(s.extent, (TimeRange{utc("1998-01-01T00:00:00Z"), utc("2011-01-01T00:00:00Z")}));
    }

    void spansInShanghai()
    {
        const Values start{{10, "2015-06-01"}};
        const Values end{{10, "2015-06-01"}};
        const gis::FeatureTimeSpans s =
            gis::featureTimeSpans(start, end, 0, QTimeZone(QByteArrayLiteral("Asia/Shanghai")));
        QCOMPARE(s.spans.at(10), (TimeRange{utc("2015-05-31T16:00:00Z"), utc("2015-06-01T16:00:00Z")}));
        QCOMPARE(s.endBeforeStart, std::int64_t(0));
    }

    void spansWithDuration()
    {
        const Values start{{1, "2015-06-01T00:00:00Z"}, {2, "2015-06-02T00:00:00Z"}, {3, "nope"}};
        const gis::FeatureTimeSpans s = gis::featureTimeSpans(start, {}, data::kHourMs, QTimeZone::utc());
        QCOMPARE(s.spans.size(), std::size_t(2));
        QCOMPARE(s.spans.at(1), (TimeRange{utc("2015-06-01T00:00:00Z"), utc("2015-06-01T01:00:00Z")}));
        QCOMPARE(s.spans.at(2), (TimeRange{utc("2015-06-02T00:00:00Z"), utc("2015-06-02T01:00:00Z")}));
        QCOMPARE(s.unparsable, std::int64_t(1));
        QCOMPARE(s.firstUnparsable, QStringLiteral("nope"));
        QCOMPARE(s.extent, (TimeRange{utc("2015-06-01T00:00:00Z"), utc("2015-06-02T01:00:00Z")}));
    }

    void openEnded()
    {
        const Values start{{1, "1998"}, {2, "2005"}};
        const gis::FeatureTimeSpans s = gis::featureTimeSpans(start, {}, 0, QTimeZone::utc());
        QCOMPARE(s.spans.at(1).end, data::kNoTime);
        QCOMPARE(s.spans.at(2).end, data::kNoTime);
        // No end anywhere: the extent reaches the latest start (and includes it).
        QCOMPARE(s.extent.start, utc("1998-01-01T00:00:00Z"));
        QCOMPARE(s.extent.end, utc("2005-01-01T00:00:00Z") + 1);
        QVERIFY(s.extent.contains(utc("2005-01-01T00:00:00Z")));

        const gis::FeatureTimeSpans single = gis::featureTimeSpans({{4, "2005"}}, {}, 0, QTimeZone::utc());
        QVERIFY(!single.extent.isEmpty());
    }

    void nothingToSpan()
    {
        const gis::FeatureTimeSpans none = gis::featureTimeSpans({}, {}, 0, QTimeZone::utc());
        QCOMPARE(none.features, std::int64_t(0));
        QVERIFY(none.extent.isEmpty());
        const gis::FeatureTimeSpans blank =
            gis::featureTimeSpans({{1, ""}, {2, "x"}}, {}, 0, QTimeZone::utc());
        QCOMPARE(blank.features, std::int64_t(2));
        QCOMPARE(blank.withoutTime, std::int64_t(1));
        QCOMPARE(blank.unparsable, std::int64_t(1));
        QVERIFY(blank.spans.empty());
        QVERIFY(blank.extent.isEmpty());
    }

    void geoPackageFields()
    {
        const QString path = m_dir.filePath(QStringLiteral("times.gpkg"));
        writeTypedLayer(path, "GPKG", true);
        QVERIFY(!QTest::currentTestFailed());
        checkTypedLayer(path, true);
    }

    void shapefileFields()
    {
        const QString path = m_dir.filePath(QStringLiteral("times.shp"));
        writeTypedLayer(path, "ESRI Shapefile", false); // a DBF has no date-time type
        QVERIFY(!QTest::currentTestFailed());
        checkTypedLayer(path, false);
    }

    void geoJsonFields()
    {
        // GeoJSON's reader types "2015-06-01" as a Date and an ISO date-time as a DateTime field.
        const QString path = m_dir.filePath(QStringLiteral("times.geojson"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"type":"FeatureCollection","features":[
{"type":"Feature","id":1,"properties":{"year":1998,"built":"2015-06-01","opened":"2015-06-01T08:30:00+08:00","label":"2001-03"},
 "geometry":{"type":"Polygon","coordinates":[[[121,30.7],[121.001,30.7],[121.001,30.701],[121,30.7]]]}},
{"type":"Feature","id":2,"properties":{"year":null,"built":null,"opened":null,"label":"soon"},
 "geometry":{"type":"Polygon","coordinates":[[[121.01,30.7],[121.011,30.7],[121.011,30.701],[121.01,30.7]]]}}]})");
        f.close();
        data::TemporalSettings t;
        t.mode = data::TemporalMode::FeatureFields;
        t.startField = QStringLiteral("year");
        t.endField = QStringLiteral("built");
        const QTimeZone sh(QByteArrayLiteral("Asia/Shanghai"));
        auto spans = gis::readFeatureTimeSpans(path, t, sh);
        QVERIFY2(spans.isOk(), qPrintable(spans.status().message()));
        QCOMPARE(spans->features, std::int64_t(2));
        QCOMPARE(spans->withoutTime, std::int64_t(1));
        QCOMPARE(spans->spans.at(1), (TimeRange{utc("1997-12-31T16:00:00Z"), utc("2015-06-01T16:00:00Z")}));

        t.startField = QStringLiteral("opened");
        t.endField.clear();
        t.durationMs = data::kDayMs;
        spans = gis::readFeatureTimeSpans(path, t, QTimeZone::utc());
        QVERIFY2(spans.isOk(), qPrintable(spans.status().message()));
        QCOMPARE(spans->spans.at(1), (TimeRange{utc("2015-06-01T00:30:00Z"), utc("2015-06-02T00:30:00Z")}));

        t.startField = QStringLiteral("label");
        t.durationMs = 0;
        spans = gis::readFeatureTimeSpans(path, t, QTimeZone::utc());
        QVERIFY(spans.isOk());
        QCOMPARE(spans->spans.at(1), (TimeRange{utc("2001-03-01T00:00:00Z"), data::kNoTime}));
        QCOMPARE(spans->unparsable, std::int64_t(1));
        QCOMPARE(spans->firstUnparsable, QStringLiteral("soon"));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("end");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing start field") << "times.gpkg"
                                             << "built_on"
                                             << ""
                                             << "built_on";
        QTest::newRow("missing end field") << "times.gpkg"
                                           << "year"
                                           << "demolished"
                                           << "demolished";
        QTest::newRow("nonexistent file") << "gone.gpkg"
                                          << "year"
                                          << ""
                                          << "gone.gpkg";
        QTest::newRow("no start field set") << "times.gpkg"
                                            << ""
                                            << ""
                                            << "start field";
    }
    void errors()
    {
        QFETCH(QString, file);
        QFETCH(QString, start);
        QFETCH(QString, end);
        QFETCH(QString, mentions);
        const QString path = m_dir.filePath(file);
        if (file == QLatin1String("times.gpkg") && !QFile::exists(path))
            writeTypedLayer(path, "GPKG", true);
        data::TemporalSettings t;
        t.mode = data::TemporalMode::FeatureFields;
        t.startField = start;
        t.endField = end;
        auto spans = gis::readFeatureTimeSpans(path, t, QTimeZone::utc());
        QVERIFY(!spans.isOk());
        const QString message = spans.status().message();
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(mentions), qPrintable(message));
    }

    void wrongModeIsAnError()
    {
        data::TemporalSettings t;
        t.mode = data::TemporalMode::FixedRange;
        t.startField = QStringLiteral("year");
        auto spans = gis::readFeatureTimeSpans(m_dir.filePath(QStringLiteral("x.gpkg")), t, QTimeZone::utc());
        QVERIFY(!spans.isOk());
        QVERIFY(spans.status().message().contains(QStringLiteral("x.gpkg")));
    }

private:
    //! Three features: 1 full, 2 with nulls, 3 a multipolygon of two parts (ids 3000, 3001).
    void writeTypedLayer(const QString& path, const char* driver, bool withDateTime)
    {
        fx::Fields fields{
            {"year", OFTInteger}, {"height", OFTReal}, {"built", OFTDate}, {"label", OFTString}};
        if (withDateTime)
            fields.emplace_back("opened", OFTDateTime);
        QVariantMap full{
            {"year", 1998}, {"height", 2004.0}, {"built", "2015/06/01"}, {"label", "2001-03-15 10:00"}};
        QVariantMap nulls{
            {"year", QVariant()}, {"height", 2010.0}, {"built", QVariant()}, {"label", "someday"}};
        QVariantMap multi{{"year", 2000}, {"height", QVariant()}, {"built", "2016-02-29"}, {"label", ""}};
        if (withDateTime) {
            full.insert(QStringLiteral("opened"), QStringLiteral("2015/06/01 08:30:00+08"));
            nulls.insert(QStringLiteral("opened"), QVariant());
            multi.insert(QStringLiteral("opened"), QStringLiteral("2016-02-29 23:00:00"));
        }
        const QString mp =
            QStringLiteral("MULTIPOLYGON (%1, %2)").arg(square(100, 0).mid(8), square(200, 0).mid(8));
        const QString error =
            fx::writeLayer(path, driver, fx::kProjectCrs, withDateTime ? wkbUnknown : wkbMultiPolygon, fields,
                           {{square(0, 0), full}, {square(50, 0), nulls}, {mp, multi}});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void checkTypedLayer(const QString& path, bool withDateTime)
    {
        // What OGR gives for the typed fields, as readFieldValues returns it.
        auto built = gis::readFieldValues(path, QStringLiteral("built"));
        QVERIFY2(built.isOk(), qPrintable(built.status().message()));
        QVERIFY(!built->empty());
        QCOMPARE(built->front().second, QStringLiteral("2015/06/01")); // OGR's form of a Date
        auto height = gis::readFieldValues(path, QStringLiteral("height"));
        QVERIFY(height.isOk());
        QCOMPARE(height->front().second, QStringLiteral("2004")); // a whole Real loses its ".0"
        if (withDateTime) {
            auto opened = gis::readFieldValues(path, QStringLiteral("opened"));
            QVERIFY(opened.isOk());
            QCOMPARE(opened->front().second, QStringLiteral("2015/06/01 08:30:00+08"));
        }

        const QTimeZone sh(QByteArrayLiteral("Asia/Shanghai"));
        data::TemporalSettings t;
        t.mode = data::TemporalMode::FeatureFields;
        t.startField = QStringLiteral("year");
        t.endField = QStringLiteral("built");
        auto spans = gis::readFeatureTimeSpans(path, t, sh);
        QVERIFY2(spans.isOk(), qPrintable(spans.status().message()));
        // Ids as the footprint reader numbers them: the multipolygon's parts are 3000 and 3001.
        const std::int64_t first = spans->spans.count(0) ? 0 : 1; // Shapefile FIDs count from 0
        QCOMPARE(spans->features, std::int64_t(4));
        QCOMPARE(spans->withoutTime, std::int64_t(1));
        QCOMPARE(spans->spans.at(first),
                 (TimeRange{utc("1997-12-31T16:00:00Z"), utc("2015-06-01T16:00:00Z")}));
        const std::int64_t multiFid = first + 2;
        for (std::int64_t part : {multiFid * 1000, multiFid * 1000 + 1})
            QCOMPARE(spans->spans.at(part),
                     (TimeRange{utc("1999-12-31T16:00:00Z"), utc("2016-02-29T16:00:00Z")}));
        QCOMPARE(spans->extent, (TimeRange{utc("1997-12-31T16:00:00Z"), utc("2016-02-29T16:00:00Z")}));

        // A Real field holding years, with a duration of a day.
        t.startField = QStringLiteral("height");
        t.endField.clear();
        t.durationMs = data::kDayMs;
        spans = gis::readFeatureTimeSpans(path, t, QTimeZone::utc());
        QVERIFY2(spans.isOk(), qPrintable(spans.status().message()));
        QCOMPARE(spans->spans.at(first),
                 (TimeRange{utc("2004-01-01T00:00:00Z"), utc("2004-01-02T00:00:00Z")}));
        QCOMPARE(spans->spans.at(first + 1).start, utc("2010-01-01T00:00:00Z"));
        QCOMPARE(spans->withoutTime, std::int64_t(2)); // the multipolygon's two parts

        // A String field: a date-time in the layer's zone, an unreadable word.
        t.startField = QStringLiteral("label");
        t.durationMs = 0;
        spans = gis::readFeatureTimeSpans(path, t, sh);
        QVERIFY(spans.isOk());
        QCOMPARE(spans->spans.at(first), (TimeRange{utc("2001-03-15T02:00:00Z"), data::kNoTime}));
        QCOMPARE(spans->unparsable, std::int64_t(1));
        QCOMPARE(spans->firstUnparsable, QStringLiteral("someday"));

        if (withDateTime) {
            t.startField = QStringLiteral("opened");
            t.endField = QStringLiteral("built");
            spans = gis::readFeatureTimeSpans(path, t, sh);
            QVERIFY(spans.isOk());
            // "+08" kept by the GeoPackage; the zone-less one is Shanghai time.
            QCOMPARE(spans->spans.at(first),
                     (TimeRange{utc("2015-06-01T00:30:00Z"), utc("2015-06-01T16:00:00Z")}));
            QCOMPARE(spans->spans.at(multiFid * 1000).start, utc("2016-02-29T15:00:00Z"));
        }
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TstFeatureTimeSpans)
#include "tst_featuretimespans.moc"
