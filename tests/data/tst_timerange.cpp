#include "data/TimeRange.h"

#include <QTest>

using namespace citytwin::data;

Q_DECLARE_METATYPE(citytwin::data::TimeRange)

class TstTimeRange : public QObject
{
    Q_OBJECT

private slots:
    void emptiness_data()
    {
        QTest::addColumn<TimeRange>("range");
        QTest::addColumn<bool>("empty");
        QTest::addColumn<qint64>("duration");
        QTest::newRow("default") << TimeRange{} << true << qint64(0);
        QTest::newRow("one ms") << TimeRange{5, 6} << false << qint64(1);
        QTest::newRow("reversed") << TimeRange{10, 5} << true << qint64(0);
        QTest::newRow("day") << TimeRange{0, kDayMs} << false << qint64(86400000);
    }
    void emptiness()
    {
        QFETCH(TimeRange, range);
        QFETCH(bool, empty);
        QFETCH(qint64, duration);
        QCOMPARE(range.isEmpty(), empty);
        QCOMPARE(range.duration(), duration);
    }

    void containsIsHalfOpen_data()
    {
        QTest::addColumn<qint64>("t");
        QTest::addColumn<bool>("inside");
        QTest::newRow("before") << qint64(99) << false;
        QTest::newRow("start") << qint64(100) << true;
        QTest::newRow("middle") << qint64(150) << true;
        QTest::newRow("last") << qint64(199) << true;
        QTest::newRow("end") << qint64(200) << false;
    }
    void containsIsHalfOpen()
    {
        QFETCH(qint64, t);
        QFETCH(bool, inside);
        QCOMPARE(TimeRange({100, 200}).contains(t), inside);
    }

    void intersects_data()
    {
        QTest::addColumn<TimeRange>("a");
        QTest::addColumn<TimeRange>("b");
        QTest::addColumn<bool>("expected");
        QTest::newRow("overlap") << TimeRange{0, 10} << TimeRange{5, 15} << true;
        QTest::newRow("touching") << TimeRange{0, 10} << TimeRange{10, 20} << false;
        QTest::newRow("inside") << TimeRange{0, 100} << TimeRange{40, 50} << true;
        QTest::newRow("disjoint") << TimeRange{0, 10} << TimeRange{20, 30} << false;
        QTest::newRow("unbounded") << TimeRange::unbounded() << TimeRange{-5, 5} << true;
    }
    void intersects()
    {
        QFETCH(TimeRange, a);
        QFETCH(TimeRange, b);
        QFETCH(bool, expected);
        QCOMPARE(a.intersects(b), expected);
        QCOMPARE(b.intersects(a), expected);
        QCOMPARE(!a.intersected(b).isEmpty(), expected);
    }

    void unitedIgnoresEmpty()
    {
        QCOMPARE(TimeRange({0, 10}).united({20, 30}), (TimeRange{0, 30}));
        QCOMPARE(TimeRange{}.united({20, 30}), (TimeRange{20, 30}));
        QCOMPARE(TimeRange({20, 30}).united(TimeRange{50, 40}), (TimeRange{20, 30}));
    }

    void clamp()
    {
        const TimeRange r{100, 200};
        QCOMPARE(r.clamp(50), TimeMs(100));
        QCOMPARE(r.clamp(150), TimeMs(150));
        QCOMPARE(r.clamp(200), TimeMs(199)); // end is exclusive
        QCOMPARE(r.clamp(1000), TimeMs(199));
        QCOMPARE(TimeRange({7, 7}).clamp(1000), TimeMs(7));
    }
};

QTEST_APPLESS_MAIN(TstTimeRange)
#include "tst_timerange.moc"
