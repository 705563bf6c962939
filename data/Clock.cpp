#include "data/Clock.h"

#include <algorithm>
#include <cmath>

namespace citytwin::data {

void Clock::seek(TimeMs t)
{
    m_current = m_range.isEmpty() ? t : m_range.clamp(t);
    m_fraction = 0.0;
}

void Clock::setRange(const TimeRange& range)
{
    m_range = range;
    if (!m_range.isEmpty() && m_state != State::Live)
        m_current = m_range.clamp(m_current);
}

void Clock::setRate(double rate)
{
    if (std::isnan(rate))
        return;
    m_rate = std::clamp(rate, kMinRate, kMaxRate);
}

void Clock::play()
{
    // Pressing play on a clock parked at the end of a non-looping range replays it from the start,
    // which is what every media timeline does; otherwise play would do nothing visible.
    if (!m_range.isEmpty())
        m_current = m_current >= m_range.end - 1 ? m_range.start : m_range.clamp(m_current);
    m_fraction = 0.0;
    m_state = State::Playing;
}

void Clock::pause()
{
    m_fraction = 0.0;
    m_state = State::Paused;
}

void Clock::goLive(TimeMs wallNow)
{
    // Live follows the wall clock even past the playback range: the range describes recorded history.
    m_state = State::Live;
    m_fraction = 0.0;
    m_current = wallNow;
}

bool Clock::advance(TimeMs wallDeltaMs)
{
    if (m_state != State::Playing || wallDeltaMs <= 0)
        return false;

    // Accumulate fractional milliseconds so that, e.g., ×1.5 at 1 ms ticks still advances 3 ms per 2 ticks.
    const double simulated = double(wallDeltaMs) * m_rate + m_fraction;
    // Capped far beyond any real range (about 30 000 years) so the cast below cannot overflow.
    const double whole = std::min(std::floor(simulated), 1e15);
    m_fraction = simulated - whole;
    const TimeMs step = TimeMs(whole);
    const TimeMs before = m_current;

    if (m_range.isEmpty()) {
        m_current += step;
        return m_current != before;
    }

    const TimeMs offset = (m_current - m_range.start) + step; // no overflow: both terms are range-sized
    if (offset < m_range.duration()) {
        m_current = m_range.start + offset;
    } else if (m_loop) {
        m_current = m_range.start + offset % m_range.duration();
    } else {
        m_current = m_range.end - 1;
        pause();
    }
    return m_current != before;
}

bool Clock::followWallClock(TimeMs wallNow)
{
    if (m_state != State::Live || wallNow == m_current)
        return false;
    m_current = wallNow;
    return true;
}

} // namespace citytwin::data
