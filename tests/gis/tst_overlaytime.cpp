// parseOverlayTime / OverlayTimeParser: ISO 8601 variants, epochs, patterns, zones with and without DST.
#include "gis/OverlayImporter.h"
#include "gis/OverlayTimeParser.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using citytwin::data::OverlayMapping;
using citytwin::data::TimeFormat;
using citytwin::data::TimeMs;
using citytwin::gis::OverlayTimeParser;
using citytwin::gis::parseOverlayTime;

namespace {

TimeMs utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc()).toMSecsSinceEpoch();
}

OverlayMapping mapping(TimeFormat format, const QString& zone = QStringLiteral("UTC"),
                       const QString& pattern = {})
{
    OverlayMapping m;
    m.timeFormat = format;
    m.timeZone = zone;
    m.timePattern = pattern;
    return m;
}

} // namespace

class TestOverlayTime : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<qint64>("expected"); // -1: must not parse
        const QString utcZone = QStringLiteral("UTC");
        const QString sh = QStringLiteral("Asia/Shanghai");
        const int iso = int(TimeFormat::Iso8601), autoF = int(TimeFormat::Auto);
        QTest::newRow("T Z") << "2026-11-27T08:30:00Z" << iso << sh << ""
                             << qint64(utc(2026, 11, 27, 8, 30, 0));
        QTest::newRow("space") << "2026-11-27 08:30:00" << iso << utcZone << ""
                               << qint64(utc(2026, 11, 27, 8, 30, 0));
        QTest::newRow("fraction") << "2026-11-27T08:30:00.25Z" << iso << utcZone << ""
                                  << qint64(utc(2026, 11, 27, 8, 30, 0, 250));
        QTest::newRow("microseconds") << "2026-11-27T08:30:00.123456Z" << iso << utcZone << ""
                                      << qint64(utc(2026, 11, 27, 8, 30, 0, 123));
        QTest::newRow("+08:00") << "2026-11-27T08:30:00+08:00" << iso << utcZone << ""
                                << qint64(utc(2026, 11, 27, 0, 30, 0));
        QTest::newRow("+0800") << "2026-11-27T08:30:00+0800" << iso << utcZone << ""
                               << qint64(utc(2026, 11, 27, 0, 30, 0));
        QTest::newRow("-05:30") << "2026-11-27T08:30:00-05:30" << iso << utcZone << ""
                                << qint64(utc(2026, 11, 27, 14, 0, 0));
        QTest::newRow("geolife +00") << "2008-12-11 04:42:14+00" << autoF << sh << ""
                                     << qint64(utc(2008, 12, 11, 4, 42, 14));
        QTest::newRow("no seconds") << "2026-11-27T08:30" << iso << utcZone << ""
                                    << qint64(utc(2026, 11, 27, 8, 30, 0));
        QTest::newRow("date only") << "2026-11-27" << iso << utcZone << ""
                                   << qint64(utc(2026, 11, 27, 0, 0, 0));
        QTest::newRow("slashes (OGR)")
            << "2008/12/11 04:42:14+00" << iso << utcZone << "" << qint64(utc(2008, 12, 11, 4, 42, 14));
        QTest::newRow("zone-less in Shanghai")
            << "2026-11-27 08:30:00" << iso << sh << "" << qint64(utc(2026, 11, 27, 0, 30, 0));
        QTest::newRow("Shanghai 1990 (no DST since 1991)")
            << "1990-01-15 12:00:00" << iso << sh << "" << qint64(utc(1990, 1, 15, 4, 0, 0));
        QTest::newRow("leap day") << "2024-02-29 00:00:00" << iso << utcZone << ""
                                  << qint64(utc(2024, 2, 29, 0, 0, 0));
        QTest::newRow("not a leap day") << "2026-02-29 00:00:00" << iso << utcZone << "" << qint64(-1);
        QTest::newRow("month 13") << "2026-13-01 00:00:00" << iso << utcZone << "" << qint64(-1);
        QTest::newRow("hour 25") << "2026-11-01 25:00:00" << iso << utcZone << "" << qint64(-1);
        QTest::newRow("garbage") << "yesterday" << autoF << utcZone << "" << qint64(-1);
        QTest::newRow("empty") << "" << autoF << utcZone << "" << qint64(-1);
        QTest::newRow("trailing junk")
            << "2026-11-27 08:30:00 tomorrow" << iso << utcZone << "" << qint64(-1);
        QTest::newRow("epoch s auto") << "1764232200" << autoF << sh << "" << qint64(1764232200000LL);
        QTest::newRow("epoch ms auto") << "1764232200123" << autoF << sh << "" << qint64(1764232200123LL);
        QTest::newRow("epoch s decimal")
            << "1764232200.5" << int(TimeFormat::EpochSeconds) << utcZone << "" << qint64(1764232200500LL);
        QTest::newRow("epoch ms forced")
            << "1000" << int(TimeFormat::EpochMillis) << utcZone << "" << qint64(1000);
        QTest::newRow("epoch not a number")
            << "12a" << int(TimeFormat::EpochSeconds) << utcZone << "" << qint64(-1);
        QTest::newRow("iso is not epoch") << "1764232200" << iso << utcZone << "" << qint64(-1);
        const QString nyc = QStringLiteral("MM/dd/yyyy hh:mm:ss AP");
        QTest::newRow("nyc pm") << "03/01/2011 02:27:57 PM" << int(TimeFormat::Pattern) << "America/New_York"
                                << nyc << qint64(utc(2011, 3, 1, 19, 27, 57));
        QTest::newRow("nyc am") << "03/01/2011 10:41:13 AM" << int(TimeFormat::Pattern) << "America/New_York"
                                << nyc << qint64(utc(2011, 3, 1, 15, 41, 13));
        QTest::newRow("nyc summer") << "07/04/2011 12:00:00 PM" << int(TimeFormat::Pattern)
                                    << "America/New_York" << nyc << qint64(utc(2011, 7, 4, 16, 0, 0));
        QTest::newRow("pattern mismatch")
            << "2011-03-01 14:27:57" << int(TimeFormat::Pattern) << "UTC" << nyc << qint64(-1);
        QTest::newRow("unknown zone") << "2026-11-27 08:30:00" << iso << "Mars/Olympus"
                                      << "" << qint64(-1);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(int, format);
        QFETCH(QString, zone);
        QFETCH(QString, pattern);
        QFETCH(qint64, expected);
        const auto t = parseOverlayTime(text, mapping(TimeFormat(format), zone, pattern));
        if (expected == -1) {
            QVERIFY2(!t, qPrintable(QStringLiteral("parsed as %1").arg(t.value_or(0))));
        } else {
            QVERIFY(t.has_value());
            QCOMPARE(*t, expected);
        }
    }

    void newYorkDstChanges_data()
    {
        QTest::addColumn<QString>("local");
        QTest::addColumn<qint64>("expected");
        // 2026-03-08: 02:00 EST → 03:00 EDT. 2026-11-01: 02:00 EDT → 01:00 EST.
        QTest::newRow("before spring forward") << "2026-03-08 01:59:59" << qint64(utc(2026, 3, 8, 6, 59, 59));
        QTest::newRow("after spring forward") << "2026-03-08 03:00:00" << qint64(utc(2026, 3, 8, 7, 0, 0));
        QTest::newRow("spring day evening") << "2026-03-08 20:00:00" << qint64(utc(2026, 3, 9, 0, 0, 0));
        QTest::newRow("before fall back") << "2026-11-01 00:59:59" << qint64(utc(2026, 11, 1, 4, 59, 59));
        QTest::newRow("after fall back") << "2026-11-01 02:00:00" << qint64(utc(2026, 11, 1, 7, 0, 0));
        QTest::newRow("winter") << "2026-01-15 12:00:00" << qint64(utc(2026, 1, 15, 17, 0, 0));
        QTest::newRow("summer") << "2026-07-15 12:00:00" << qint64(utc(2026, 7, 15, 16, 0, 0));
    }
    void newYorkDstChanges()
    {
        QFETCH(QString, local);
        QFETCH(qint64, expected);
        // One parser for all rows, as an import uses it: the per-hour offset cache must not leak
        // an offset across the change. Parse a neighbouring hour first to warm the cache.
        static OverlayTimeParser parser(mapping(TimeFormat::Auto, QStringLiteral("America/New_York")));
        const QByteArray warm = QByteArray("2026-03-08 01:00:00");
        QVERIFY(parser.parse(std::string_view(warm.constData(), warm.size())));
        const QByteArray u = local.toUtf8();
        const auto t = parser.parse(std::string_view(u.constData(), u.size()));
        QVERIFY(t.has_value());
        QCOMPARE(*t, expected);
        // And the same answer as QDateTime gives.
        const QDateTime reference = QDateTime::fromString(local, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        QCOMPARE(
            *t,
            QDateTime(reference.date(), reference.time(), QTimeZone("America/New_York")).toMSecsSinceEpoch());
    }

    void everyHourAcrossAYearMatchesQDateTime()
    {
        // The cache against QDateTime for every half hour of a DST year, both directions of travel.
        OverlayTimeParser parser(mapping(TimeFormat::Iso8601, QStringLiteral("America/New_York")));
        const QTimeZone ny("America/New_York");
        QDateTime local(QDate(2026, 1, 1), QTime(0, 15), QTimeZone::utc());
        for (int i = 0; i < 365 * 48; i += 7) {
            const QDateTime naive = local.addSecs(qint64(i) * 1800);
            const QByteArray text = naive.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toLatin1();
            const auto t = parser.parse(std::string_view(text.constData(), text.size()));
            QVERIFY(t.has_value());
            QCOMPARE(*t, QDateTime(naive.date(), naive.time(), ny).toMSecsSinceEpoch());
        }
    }

    void isoWithoutZoneReportsIt()
    {
        TimeMs naive = 0;
        bool hasZone = true;
        QVERIFY(OverlayTimeParser::parseIso("2026-11-27 08:30:00", naive, hasZone));
        QVERIFY(!hasZone);
        QCOMPARE(naive, utc(2026, 11, 27, 8, 30, 0));
        QVERIFY(OverlayTimeParser::parseIso("2026-11-27T08:30:00+01", naive, hasZone));
        QVERIFY(hasZone);
        QCOMPARE(naive, utc(2026, 11, 27, 7, 30, 0));
    }
};

QTEST_GUILESS_MAIN(TestOverlayTime)
#include "tst_overlaytime.moc"
