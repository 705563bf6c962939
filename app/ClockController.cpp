#include "app/ClockController.h"

#include <algorithm>
#include <cmath>

namespace citytwin::app {

ClockController::ClockController(QObject* parent) : QObject(parent)
{
    m_timer.setInterval(kTickIntervalMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ClockController::tick);
}

void ClockController::setRange(const data::TimeRange& range)
{
    const data::TimeMs before = m_clock.currentTime();
    const bool wasPlaying = isPlaying();
    m_clock.setRange(range);
    emit rangeChanged(range);
    emitIfChanged(before, wasPlaying);
}

data::TimeMs ClockController::stepSize() const
{
    return std::max<data::TimeMs>(data::kSecondMs,
                                  data::TimeMs(std::llround(m_clock.rate() * data::kSecondMs)));
}

void ClockController::play()
{
    const bool wasPlaying = isPlaying();
    const data::TimeMs before = m_clock.currentTime();
    // Pressing play at the end of a range starts over instead of stopping again at once.
    const data::TimeRange& r = m_clock.range();
    if (!r.isEmpty() && m_clock.currentTime() >= r.end - 1)
        m_clock.seek(r.start);
    m_clock.play();
    m_wall.start();
    m_timer.start();
    emitIfChanged(before, wasPlaying);
}

void ClockController::pause()
{
    const bool wasPlaying = isPlaying();
    m_clock.pause();
    m_timer.stop();
    emitIfChanged(m_clock.currentTime(), wasPlaying);
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
    const data::TimeMs before = m_clock.currentTime();
    m_clock.seek(t);
    emitIfChanged(before, isPlaying());
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

void ClockController::tick()
{
    const data::TimeMs before = m_clock.currentTime();
    // Measured, not nominal, wall time: a slow frame must not slow the simulated clock down.
    const data::TimeMs wallDelta = m_wall.restart();
    m_clock.advance(wallDelta);
    if (!isPlaying())
        m_timer.stop(); // reached the end of the range without loop
    emitIfChanged(before, true);
}

void ClockController::emitIfChanged(data::TimeMs before, bool wasPlaying)
{
    if (m_clock.currentTime() != before)
        emit timeChanged(m_clock.currentTime());
    if (isPlaying() != wasPlaying)
        emit playingChanged(isPlaying());
}

} // namespace citytwin::app
