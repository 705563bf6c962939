#pragma once

#include "data/TimeRange.h"

namespace citytwin::data {

//! The one clock that drives all time-aware layers. Emits nothing; app/ wraps it for signals.
class Clock
{
public:
    enum class State { Paused, Playing, Live };

    static constexpr double kMinRate = 1.0;
    //! A year (365.25 days) per second: feature layers replay decades of construction dates.
    static constexpr double kMaxRate = 365.25 * 86400.0;

    TimeMs currentTime() const { return m_current; }
    //! Moves to T, clamped into the range (if the range is not empty).
    void seek(TimeMs t);

    const TimeRange& range() const { return m_range; }
    //! Sets the playback range and clamps the current time into it (not while Live: live time is wall time).
    void setRange(const TimeRange& range);

    double rate() const { return m_rate; }
    //! Playback speed (simulated ms per wall ms), clamped to [kMinRate, kMaxRate].
    void setRate(double rate);

    bool loop() const { return m_loop; }
    void setLoop(bool loop) { m_loop = loop; }

    State state() const { return m_state; }
    //! Starts playback; at the end of the range (or outside it) playback restarts from the range start.
    void play();
    void pause();
    //! Live: the clock follows the wall clock; advance() then takes the wall time, not a delta.
    void goLive(TimeMs wallNow);

    //! Moves the clock by WALLDELTAMS of real time (Playing: × rate; Paused: nothing).
    //! At the end of the range it wraps (loop) or stops and pauses. Returns true if the time changed.
    bool advance(TimeMs wallDeltaMs);
    //! Live mode: sets the time to WALLNOW. Returns true if it changed.
    bool followWallClock(TimeMs wallNow);

private:
    TimeMs m_current = 0;
    TimeRange m_range;
    double m_rate = 60.0;
    double m_fraction = 0.0; //!< sub-millisecond remainder so slow rates still move
    bool m_loop = false;
    State m_state = State::Paused;
};

} // namespace citytwin::data
