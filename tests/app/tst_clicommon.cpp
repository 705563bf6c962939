// The argument parsers of citytwin-cli: sizes, counts, ISO 8601 times in the project's zone.
#include "app/cli/CliCommon.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace citytwin;
using namespace citytwin::app::cli;

class TstCliCommon : public QObject
{
    Q_OBJECT
private slots:
    void parseSize_data();
    void parseSize();
    void parseCount_data();
    void parseCount();
    void parseIsoTime_data();
    void parseIsoTime();
    void formatting();
};

void TstCliCommon::parseSize_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("width"); // 0: rejected
    QTest::addColumn<int>("height");
    QTest::newRow("plain") << "640x360" << 640 << 360;
    QTest::newRow("capital X") << "1280X720" << 1280 << 720;
    QTest::newRow("spaces trimmed") << " 32x16 " << 32 << 16;
    QTest::newRow("one pixel") << "1x1" << 1 << 1;
    QTest::newRow("zero width") << "0x100" << 0 << 0;
    QTest::newRow("too big") << "20000x100" << 0 << 0;
    QTest::newRow("words") << "640by360" << 0 << 0;
    QTest::newRow("negative") << "-640x360" << 0 << 0;
    QTest::newRow("one number") << "640" << 0 << 0;
    QTest::newRow("empty") << "" << 0 << 0;
}

void TstCliCommon::parseSize()
{
    QFETCH(QString, text);
    QFETCH(int, width);
    QFETCH(int, height);
    const auto size = citytwin::app::cli::parseSize(text);
    if (width == 0) {
        QVERIFY(!size);
    } else {
        QVERIFY(size);
        QCOMPARE(*size, QSize(width, height));
    }
}

void TstCliCommon::parseCount_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("max");
    QTest::addColumn<qint64>("expected"); // -1: rejected
    QTest::newRow("zero") << "0" << qint64(10) << qint64(0);
    QTest::newRow("max") << "10" << qint64(10) << qint64(10);
    QTest::newRow("over max") << "11" << qint64(10) << qint64(-1);
    QTest::newRow("negative") << "-5" << qint64(10) << qint64(-1);
    QTest::newRow("not a number") << "many" << qint64(10) << qint64(-1);
    QTest::newRow("fraction") << "1.5" << qint64(10) << qint64(-1);
}

void TstCliCommon::parseCount()
{
    QFETCH(QString, text);
    QFETCH(qint64, max);
    QFETCH(qint64, expected);
    const auto v = citytwin::app::cli::parseCount(text, max);
    if (expected < 0)
        QVERIFY(!v);
    else
        QCOMPARE(v.value_or(-1), expected);
}

void TstCliCommon::parseIsoTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<qint64>("expected"); // ms since epoch; -1: rejected
    const qint64 t0 = QDateTime(QDate(2026, 11, 2), QTime(0, 30), QTimeZone::utc()).toMSecsSinceEpoch();
    QTest::newRow("Z") << "2026-11-02T00:30:00Z"
                       << "Asia/Shanghai" << t0;
    QTest::newRow("offset") << "2026-11-02T08:30:00+08:00"
                            << "UTC" << t0;
    QTest::newRow("offset no colon") << "2026-11-02T08:30+0800"
                                     << "UTC" << t0;
    QTest::newRow("negative offset") << "2026-11-01T19:30:00-05:00"
                                     << "Asia/Shanghai" << t0;
    QTest::newRow("project zone") << "2026-11-02T08:30"
                                  << "Asia/Shanghai" << t0;
    QTest::newRow("project zone UTC") << "2026-11-02T00:30:00"
                                      << "UTC" << t0;
    QTest::newRow("space separator") << "2026-11-02 08:30:00"
                                     << "Asia/Shanghai" << t0;
    QTest::newRow("milliseconds") << "2026-11-02T00:30:00.250Z"
                                  << "UTC" << t0 + 250;
    QTest::newRow("tenths") << "2026-11-02T00:30:00.5Z"
                            << "UTC" << t0 + 500;
    QTest::newRow("date only, project zone") << "2026-11-02"
                                             << "Asia/Shanghai" << t0 - 8 * 3600 * 1000 - 30 * 60 * 1000;
    QTest::newRow("month 13") << "2026-13-02T08:30:00Z"
                              << "UTC" << qint64(-1);
    QTest::newRow("hour 25") << "2026-11-02T25:30:00Z"
                             << "UTC" << qint64(-1);
    QTest::newRow("words") << "yesterday"
                           << "UTC" << qint64(-1);
    QTest::newRow("trailing junk") << "2026-11-02T08:30:00Zulu"
                                   << "UTC" << qint64(-1);
    QTest::newRow("unknown project zone") << "2026-11-02T08:30"
                                          << "Mars/Olympus" << qint64(-1);
}

void TstCliCommon::parseIsoTime()
{
    QFETCH(QString, text);
    QFETCH(QString, zone);
    QFETCH(qint64, expected);
    const auto t = citytwin::app::cli::parseIsoTime(text, zone);
    if (expected < 0)
        QVERIFY2(!t, qPrintable(QStringLiteral("accepted %1").arg(t.value_or(0))));
    else
        QCOMPARE(t.value_or(-1), expected);
}

void TstCliCommon::formatting()
{
    const qint64 t = QDateTime(QDate(2026, 11, 2), QTime(0, 30), QTimeZone::utc()).toMSecsSinceEpoch();
    QCOMPARE(formatUtc(t), QStringLiteral("2026-11-02T00:30:00Z"));
    QCOMPARE(formatLocal(t, QStringLiteral("Asia/Shanghai")), QStringLiteral("2026-11-02T08:30:00+08:00"));
    // What formatLocal prints, parseIsoTime reads back.
    QCOMPARE(citytwin::app::cli::parseIsoTime(formatLocal(t, QStringLiteral("Asia/Shanghai")),
                                              QStringLiteral("UTC")),
             std::optional<data::TimeMs>(t));
}

QTEST_GUILESS_MAIN(TstCliCommon)
#include "tst_clicommon.moc"
