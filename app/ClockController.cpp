#include "app/ClockController.h"

#include <QDateTime>
#include <algorithm>
#include <cmath>

namespace citytwin::app {

ClockController::ClockController(QObject* parent) : QObject(parent)
{
    m_timer.setInterval(kTickIntervalMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ClockController::tick);
}

void ClockController::setExtent(const data::TimeRange& extent)
{
    const Before before = snapshot();
    const bool changed = !(extent == m_extent);
    m_extent = extent.isEmpty() ? data::TimeRange{} : extent;
    if (changed)
        emit extentChanged(m_extent);
    applyRange(m_extent);
    emitIfChanged(before);
}

void ClockController::setRange(const data::TimeRange& range)
{
    const Before before = snapshot();
    const bool inside = !m_extent.isEmpty() && range.start >= m_extent.start && range.end <= m_extent.end;
    if (range.isEmpty() || !inside) {
        const data::TimeRange extent = range.isEmpty() ? data::TimeRange{} : range;
        if (!(extent == m_extent)) {
            m_extent = extent;
            emit extentChanged(m_extent);
        }
    }
    applyRange(range.isEmpty() ? data::TimeRange{} : range);
    emitIfChanged(before);
}

void ClockController::applyRange(const data::TimeRange& range)
{
    m_clock.setRange(range);
    emit rangeChanged(range);
}

data::TimeMs ClockController::stepSize() const
{
    return std::max<data::TimeMs>(data::kSecondMs,
                                  data::TimeMs(std::llround(m_clock.rate() * data::kSecondMs)));
}

void ClockController::setWallClock(WallClock wallClock)
{
    m_wallClock = std::move(wallClock);
}

data::TimeMs ClockController::wallNow() const
{
    return m_wallClock ? m_wallClock() : QDateTime::currentMSecsSinceEpoch();
}

void ClockController::play()
{
    const Before before = snapshot();
    // Pressing play at the end of a range starts over instead of stopping again at once.
    const data::TimeRange& r = m_clock.range();
    if (!r.isEmpty() && m_clock.currentTime() >= r.end - 1)
        m_clock.seek(r.start);
    m_clock.play();
    m_wall.start();
    m_timer.setInterval(kTickIntervalMs);
    m_timer.start();
    emitIfChanged(before);
}

void ClockController::pause()
{
    const Before before = snapshot();
    m_clock.pause();
    m_timer.stop();
    emitIfChanged(before);
}

void ClockController::setPlaying(bool playing)
{
    playing ? play() : pause();
}

void ClockController::togglePlaying()
{
    setPlaying(!isPlaying());
}

void ClockController::seek(data::TimeMs t)
{
    const Before before = snapshot();
    if (isLive()) {
        m_clock.pause();
        m_timer.stop();
    }
    m_clock.seek(t);
    emitIfChanged(before);
}

void ClockController::step(int direction)
{
    if (direction == 0)
        return;
    seek(m_clock.currentTime() + (direction > 0 ? stepSize() : -stepSize()));
}

void ClockController::setRate(double rate)
{
    const double before = m_clock.rate();
    m_clock.setRate(rate);
    if (m_clock.rate() != before)
        emit rateChanged(m_clock.rate());
}

void ClockController::setLoop(bool loop)
{
    m_clock.setLoop(loop);
}

void ClockController::reach(data::TimeMs t)
{
    const data::TimeRange need{t, t + kLiveHeadroomMs};
    if (!m_extent.contains(t)) {
        m_extent = m_extent.united(need);
        emit extentChanged(m_extent);
    }
    const data::TimeRange& range = m_clock.range();
    if (!range.contains(t))
        applyRange(range.united(need).intersected(m_extent));
}

void ClockController::goToNow()
{
    const Before before = snapshot();
    const data::TimeMs now = wallNow();
    if (isLive() || isPlaying()) {
        m_clock.pause();
        m_timer.stop();
    }
    reach(now);
    m_clock.seek(now);
    emitIfChanged(before);
}

void ClockController::setLive(bool live)
{
    if (live == isLive())
        return;
    if (!live) {
        pause();
        return;
    }
    const Before before = snapshot();
    const data::TimeMs now = wallNow();
    reach(now);
    m_clock.goLive(now);
    m_timer.setInterval(kLiveTickIntervalMs);
    m_timer.start();
    emitIfChanged(before);
}

void ClockController::tick()
{
    const Before before = snapshot();
    if (isLive()) {
        const data::TimeMs now = wallNow();
        // The recorded range ends, live time does not: keep the window (and slider) around now.
        if (!m_clock.range().contains(now))
            reach(now);
        m_clock.followWallClock(now);
    } else {
        // Measured, not nominal, wall time: a slow frame must not slow the simulated clock down.
        const data::TimeMs wallDelta = m_wall.restart();
        m_clock.advance(wallDelta);
        if (!isPlaying())
            m_timer.stop(); // reached the end of the range without loop
    }
    emitIfChanged(before);
}

void ClockController::emitIfChanged(const Before& before)
{
    if (m_clock.currentTime() != before.time)
        emit timeChanged(m_clock.currentTime());
    if (isPlaying() != before.playing)
        emit playingChanged(isPlaying());
    if (isLive() != before.live)
        emit liveChanged(isLive());
}

} // namespace citytwin::app
