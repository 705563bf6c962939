// ClockController: the one application clock (no display needed).
#include "app/ClockController.h"

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
    QCOMPARE(clock.rate(), 10000.0);
    clock.setRate(20000);
    QCOMPARE(rate.size(), 1); // clamped to the same value: no second signal
    clock.setRate(0.001);
    QCOMPARE(clock.rate(), 1.0);
    QCOMPARE(rate.size(), 2);
}

QTEST_GUILESS_MAIN(TstClockController)
#include "tst_clockcontroller.moc"
