// ClockController: the one application clock (no display needed): playback, the window inside the
// extent, Now and Live with an injected wall clock.
#include "app/ClockController.h"
#include "data/Clock.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using citytwin::app::ClockController;
using namespace citytwin::data;

namespace {
constexpr TimeMs kStart = 1'764'201'600'000; // 2025-11-27 00:00 UTC
const TimeRange kDay{kStart, kStart + kDayMs};
} // namespace

class TstClockController : public QObject
{
    Q_OBJECT
private slots:
    void rangeClampsTime();
    void playAdvancesByMeasuredWallTime();
    void stopsAtTheEndWithoutLoop();
    void loopWraps();
    void playAtTheEndStartsOver();
    void stepMovesByOneWallSecondAtRate_data();
    void stepMovesByOneWallSecondAtRate();
    void rateIsClampedAndSignalledOnChange();
    void rangeInsideTheExtentIsAWindow();
    void nowWidensTheRangeToTheWallClock();
    void liveFollowsTheWallClock();
    void playPauseStepAndSeekLeaveLive_data();
    void playPauseStepAndSeekLeaveLive();
};

void TstClockController::rangeClampsTime()
{
    ClockController clock;
    QSignalSpy range(&clock, &ClockController::rangeChanged);
    QSignalSpy time(&clock, &ClockController::timeChanged);
    clock.setRange(kDay);
    QCOMPARE(range.size(), 1);
    QCOMPARE(clock.currentTime(), kStart); // 0 clamped up into the range
    QCOMPARE(time.size(), 1);
    clock.seek(kStart + 2 * kDayMs);
    QCOMPARE(clock.currentTime(), kDay.end - 1);
    clock.seek(kDay.end - 1); // no change, no signal
    QCOMPARE(time.size(), 2);
}

void TstClockController::playAdvancesByMeasuredWallTime()
{
    ClockController clock;
    clock.setRange(kDay);
    clock.setRate(600);
    QSignalSpy playing(&clock, &ClockController::playingChanged);
    QSignalSpy time(&clock, &ClockController::timeChanged);
    QElapsedTimer wall;
    wall.start();
    clock.play();
    QVERIFY(clock.isPlaying());
    QCOMPARE(playing.size(), 1);
    QTRY_VERIFY(time.size() >= 3);
    clock.pause();
    const TimeMs elapsed = wall.elapsed();
    QVERIFY(!clock.isPlaying());
    QCOMPARE(playing.size(), 2);
    const TimeMs moved = clock.currentTime() - kStart;
    // Simulated time = rate × measured wall time (ticks may come late; the delta is measured, not assumed).
    QVERIFY2(moved > 0 && moved <= 600 * elapsed,
             qPrintable(QStringLiteral("%1 ms in %2 ms").arg(moved).arg(elapsed)));
    QVERIFY2(moved >= 600 * (elapsed - 3 * ClockController::kTickIntervalMs) / 2,
             qPrintable(QStringLiteral("%1 ms in %2 ms").arg(moved).arg(elapsed)));
    const TimeMs paused = clock.currentTime();
    QTest::qWait(3 * ClockController::kTickIntervalMs);
    QCOMPARE(clock.currentTime(), paused);
}

void TstClockController::stopsAtTheEndWithoutLoop()
{
    ClockController clock;
    clock.setRange(kDay);
    clock.setRate(10000);
    clock.seek(kDay.end - 500);
    QSignalSpy playing(&clock, &ClockController::playingChanged);
    clock.play();
    QTRY_VERIFY(!clock.isPlaying());
    QCOMPARE(clock.currentTime(), kDay.end - 1);
    QCOMPARE(playing.size(), 2);
    QCOMPARE(playing.last().at(0).toBool(), false);
}

void TstClockController::loopWraps()
{
    ClockController clock;
    // A prime length, so ticks of whole wall milliseconds × 10000 never land exactly on the start again.
    const TimeRange shortRange{kStart, kStart + 7001};
    clock.setRange(shortRange);
    clock.setRate(10000);
    clock.setLoop(true);
    QVERIFY(clock.loop());
    QSignalSpy time(&clock, &ClockController::timeChanged);
    clock.play();
    // Each tick moves ≥ 30 ms × 10000 = 5 min, far past the 7 s range: it wraps instead of stopping.
    QTRY_VERIFY(time.size() >= 3);
    QVERIFY(clock.isPlaying());
    QVERIFY(shortRange.contains(clock.currentTime()));
    clock.pause();
}

void TstClockController::playAtTheEndStartsOver()
{
    ClockController clock;
    clock.setRange(kDay);
    clock.seek(kDay.end);
    clock.play();
    QVERIFY(clock.currentTime() < kStart + kHourMs);
    QVERIFY(clock.isPlaying());
    clock.pause();
}

void TstClockController::stepMovesByOneWallSecondAtRate_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<TimeMs>("step");
    QTest::newRow("x1") << 1.0 << kSecondMs;
    QTest::newRow("x60") << 60.0 << kMinuteMs;
    QTest::newRow("x3600") << 3600.0 << kHourMs;
}

void TstClockController::stepMovesByOneWallSecondAtRate()
{
    QFETCH(double, rate);
    QFETCH(TimeMs, step);
    ClockController clock;
    clock.setRange(kDay);
    clock.seek(kStart + 12 * kHourMs);
    clock.setRate(rate);
    QCOMPARE(clock.stepSize(), step);
    clock.step(+1);
    QCOMPARE(clock.currentTime(), kStart + 12 * kHourMs + step);
    clock.step(-1);
    clock.step(-1);
    QCOMPARE(clock.currentTime(), kStart + 12 * kHourMs - step);
}

void TstClockController::rateIsClampedAndSignalledOnChange()
{
    ClockController clock;
    QSignalSpy rate(&clock, &ClockController::rateChanged);
    clock.setRate(1e9);
    QCOMPARE(clock.rate(), citytwin::data::Clock::kMaxRate); // a year per second
    clock.setRate(2e9);
    QCOMPARE(rate.size(), 1); // clamped to the same value: no second signal
    clock.setRate(0.001);
    QCOMPARE(clock.rate(), 1.0);
    QCOMPARE(rate.size(), 2);
}

void TstClockController::rangeInsideTheExtentIsAWindow()
{
    ClockController clock;
    QSignalSpy extent(&clock, &ClockController::extentChanged);
    clock.setRange(kDay); // no extent yet: the range becomes the extent (a project opening)
    QCOMPARE(clock.extent(), kDay);
    QCOMPARE(extent.size(), 1);
    const TimeRange window{kStart + 6 * kHourMs, kStart + 8 * kHourMs};
    clock.setRange(window);
    QCOMPARE(clock.range(), window);
    QCOMPARE(clock.extent(), kDay);
    QCOMPARE(extent.size(), 1);
    QCOMPARE(clock.currentTime(), window.start); // clamped into the window
    // A range reaching outside the extent is a new extent (another project).
    const TimeRange other{kStart + kDayMs, kStart + 3 * kDayMs};
    clock.setRange(other);
    QCOMPARE(clock.extent(), other);
    QCOMPARE(clock.range(), other);
    // setExtent resets the window to all of it.
    clock.setRange({other.start, other.start + kHourMs});
    clock.setExtent(kDay);
    QCOMPARE(clock.range(), kDay);
    clock.setRange({});
    QVERIFY(clock.extent().isEmpty() && clock.range().isEmpty());
}

void TstClockController::nowWidensTheRangeToTheWallClock()
{
    ClockController clock;
    TimeMs wall = kStart - 5 * kDayMs; // before the recorded day
    clock.setWallClock([&wall] { return wall; });
    QCOMPARE(clock.wallNow(), wall);
    clock.setRange(kDay);
    clock.goToNow();
    QCOMPARE(clock.currentTime(), wall);
    QCOMPARE(clock.extent(), (TimeRange{wall, kDay.end}));
    QVERIFY(clock.range().contains(wall) && clock.range().end == kDay.end);
    QVERIFY(!clock.isLive());
    // Inside the window already: only the time moves.
    wall = kStart + kHourMs;
    QSignalSpy range(&clock, &ClockController::rangeChanged);
    clock.goToNow();
    QCOMPARE(clock.currentTime(), wall);
    QCOMPARE(range.size(), 0);
}

void TstClockController::liveFollowsTheWallClock()
{
    ClockController clock;
    TimeMs wall = kStart + 12 * kHourMs;
    clock.setWallClock([&wall] { return wall; });
    clock.setRange(kDay);
    QSignalSpy live(&clock, &ClockController::liveChanged);
    QSignalSpy time(&clock, &ClockController::timeChanged);
    clock.setLive(true);
    QVERIFY(clock.isLive());
    QVERIFY(!clock.isPlaying());
    QCOMPARE(live.size(), 1);
    QCOMPARE(clock.currentTime(), wall);
    wall += 1234;
    QTRY_COMPARE(clock.currentTime(), wall);
    // Past the end of the recorded range: the range and the extent grow with the wall clock.
    wall = kDay.end + 2 * kHourMs;
    QTRY_COMPARE(clock.currentTime(), wall);
    QVERIFY(clock.range().contains(wall));
    QVERIFY(clock.extent().contains(wall));
    QCOMPARE(clock.range().start, kDay.start);
    clock.setLive(false);
    QVERIFY(!clock.isLive());
    QCOMPARE(live.size(), 2);
    wall += kMinuteMs;
    QTest::qWait(3 * ClockController::kLiveTickIntervalMs);
    QCOMPARE(clock.currentTime(), wall - kMinuteMs);
}

void TstClockController::playPauseStepAndSeekLeaveLive_data()
{
    QTest::addColumn<QString>("action");
    QTest::newRow("play") << QStringLiteral("play");
    QTest::newRow("pause") << QStringLiteral("pause");
    QTest::newRow("step") << QStringLiteral("step");
    QTest::newRow("seek") << QStringLiteral("seek");
}

void TstClockController::playPauseStepAndSeekLeaveLive()
{
    QFETCH(QString, action);
    ClockController clock;
    TimeMs wall = kStart + 12 * kHourMs;
    clock.setWallClock([&wall] { return wall; });
    clock.setRange(kDay);
    clock.setRate(1);
    clock.setLive(true);
    QSignalSpy live(&clock, &ClockController::liveChanged);
    if (action == QLatin1String("play"))
        clock.play();
    else if (action == QLatin1String("pause"))
        clock.pause();
    else if (action == QLatin1String("step"))
        clock.step(+1);
    else
        clock.seek(kStart + kHourMs);
    QVERIFY(!clock.isLive());
    QCOMPARE(live.size(), 1);
    QCOMPARE(clock.isPlaying(), action == QLatin1String("play"));
    const TimeMs at = clock.currentTime();
    if (action == QLatin1String("step"))
        QCOMPARE(at, wall + kSecondMs);
    if (action == QLatin1String("seek"))
        QCOMPARE(at, kStart + kHourMs);
    clock.pause();
    const TimeMs paused = clock.currentTime();
    wall += kHourMs; // the wall clock no longer moves the clock
    QTest::qWait(3 * ClockController::kLiveTickIntervalMs);
    QCOMPARE(clock.currentTime(), paused);
}

QTEST_GUILESS_MAIN(TstClockController)
#include "tst_clockcontroller.moc"
