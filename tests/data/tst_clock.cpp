#include "data/Clock.h"

#include <QTest>

using namespace citytwin::data;

class TstClock : public QObject
{
    Q_OBJECT

private:
    static Clock playingClock(TimeRange range, double rate, bool loop)
    {
        Clock c;
        c.setRange(range);
        c.seek(range.start);
        c.setRate(rate);
        c.setLoop(loop);
        c.play();
        return c;
    }

private slots:
    void startsPaused()
    {
        Clock c;
        QCOMPARE(c.state(), Clock::State::Paused);
        QVERIFY(!c.advance(1000));
        QCOMPARE(c.currentTime(), TimeMs(0));
    }

    void rateIsClamped_data()
    {
        QTest::addColumn<double>("requested");
        QTest::addColumn<double>("expected");
        QTest::newRow("below") << 0.1 << 1.0;
        QTest::newRow("negative") << -5.0 << 1.0;
        QTest::newRow("inside") << 600.0 << 600.0;
        QTest::newRow("a year per second") << 31557600.0 << 31557600.0;
        QTest::newRow("above") << 1e9 << 31557600.0;
    }
    void rateIsClamped()
    {
        QFETCH(double, requested);
        QFETCH(double, expected);
        Clock c;
        c.setRate(requested);
        QCOMPARE(c.rate(), expected);
    }

    void seekAndRangeClamp()
    {
        Clock c;
        c.seek(5000); // no range yet: anything goes
        QCOMPARE(c.currentTime(), TimeMs(5000));
        c.setRange({0, 1000});
        QCOMPARE(c.currentTime(), TimeMs(999));
        c.seek(-20);
        QCOMPARE(c.currentTime(), TimeMs(0));
    }

    void playAdvancesByRate()
    {
        Clock c = playingClock({0, kHourMs}, 60.0, false);
        QCOMPARE(c.state(), Clock::State::Playing);
        QVERIFY(c.advance(1000));
        QCOMPARE(c.currentTime(), TimeMs(60000));
        c.pause();
        QVERIFY(!c.advance(1000));
        QCOMPARE(c.currentTime(), TimeMs(60000));
    }

    void fractionalMillisecondsAccumulate()
    {
        Clock c = playingClock({0, kHourMs}, 1.5, false);
        // 1.5 ms per 1 ms tick: 1, then 3 (carry), ... 10 ticks = 15 ms exactly.
        for (int i = 0; i < 10; ++i)
            c.advance(1);
        QCOMPARE(c.currentTime(), TimeMs(15));
    }

    void stopsAndPausesAtEnd()
    {
        Clock c = playingClock({1000, 2000}, 10.0, false);
        QVERIFY(c.advance(50));
        QCOMPARE(c.currentTime(), TimeMs(1500));
        QVERIFY(c.advance(500));
        QCOMPARE(c.currentTime(), TimeMs(1999));
        QCOMPARE(c.state(), Clock::State::Paused);
        QVERIFY(!c.advance(10));
        // Play at the end restarts from the beginning.
        c.play();
        QCOMPARE(c.currentTime(), TimeMs(1000));
    }

    void loopWraps_data()
    {
        QTest::addColumn<qint64>("wallDelta");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("inside") << qint64(30) << qint64(1300);
        QTest::newRow("exactly end wraps to start") << qint64(100) << qint64(1000);
        QTest::newRow("past end") << qint64(125) << qint64(1250);
        QTest::newRow("several laps") << qint64(1030) << qint64(1300);
    }
    void loopWraps()
    {
        QFETCH(qint64, wallDelta);
        QFETCH(qint64, expected);
        Clock c = playingClock({1000, 2000}, 10.0, true);
        c.advance(wallDelta);
        QCOMPARE(c.currentTime(), expected);
        QCOMPARE(c.state(), Clock::State::Playing);
    }

    void liveFollowsWallClock()
    {
        Clock c = playingClock({0, 1000}, 10.0, false);
        c.goLive(1'700'000'000'000);
        QCOMPARE(c.state(), Clock::State::Live);
        QCOMPARE(c.currentTime(), TimeMs(1'700'000'000'000)); // not clamped to the recorded range
        QVERIFY(!c.advance(100));                             // advance is for playback only
        QVERIFY(c.followWallClock(1'700'000'000'500));
        QCOMPARE(c.currentTime(), TimeMs(1'700'000'000'500));
        QVERIFY(!c.followWallClock(1'700'000'000'500));
        c.pause();
        QVERIFY(!c.followWallClock(1'700'000'001'000));
    }

    void noRangeRunsFreely()
    {
        Clock c;
        c.seek(100);
        c.setRate(2.0);
        c.play();
        QVERIFY(c.advance(50));
        QCOMPARE(c.currentTime(), TimeMs(200));
    }
};

QTEST_APPLESS_MAIN(TstClock)
#include "tst_clock.moc"
