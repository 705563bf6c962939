#pragma once

#include "data/Clock.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <functional>

namespace citytwin::app {

//! The application's one clock: data::Clock plus signals and a timer that advances it by the
//! measured wall time while playing, or follows the wall clock while live. Every time-aware
//! layer follows timeChanged (through ProjectSession::setTime), so layers never keep clocks of
//! their own. The extent is the span the timeline can show (the project's time extent, widened
//! to reach "now"); the range is the playback window inside it that the clock plays and loops.
class ClockController : public QObject
{
    Q_OBJECT
public:
    static constexpr int kTickIntervalMs = 30;
    //! Live time moves at wall speed: a few updates a second keep people moving smoothly
    //! without redrawing the scene 30 times a second for nothing.
    static constexpr int kLiveTickIntervalMs = 100;
    //! How far past "now" Now/Live widen the extent, so the live time has room before the end.
    static constexpr data::TimeMs kLiveHeadroomMs = data::kHourMs;

    using WallClock = std::function<data::TimeMs()>;

    explicit ClockController(QObject* parent = nullptr);

    const data::Clock& clock() const { return m_clock; }
    data::TimeMs currentTime() const { return m_clock.currentTime(); }
    const data::TimeRange& range() const { return m_clock.range(); }
    const data::TimeRange& extent() const { return m_extent; }
    double rate() const { return m_clock.rate(); }
    bool loop() const { return m_clock.loop(); }
    bool isPlaying() const { return m_clock.state() == data::Clock::State::Playing; }
    bool isLive() const { return m_clock.state() == data::Clock::State::Live; }

    //! The span the timeline shows (the project's time extent); the range becomes all of it.
    void setExtent(const data::TimeRange& extent);
    //! Sets the playback window (clamping the current time into it). A range inside the extent
    //! is a window of it; a range reaching outside the extent, or any range while the extent is
    //! empty, becomes the extent too (opening a project sets its time extent this way); an empty
    //! range empties both (no project).
    void setRange(const data::TimeRange& range);
    //! How far one step() moves: one wall second at the current rate, at least one second.
    data::TimeMs stepSize() const;

    //! Where "now" comes from (tests inject a fake clock); default: the system's UTC time.
    void setWallClock(WallClock wallClock);
    data::TimeMs wallNow() const;

public slots:
    //! Plays the window (leaves live mode).
    void play();
    void pause();
    void setPlaying(bool playing);
    void togglePlaying();
    //! Moves to T inside the range; a seek leaves live mode (the user looks at another time).
    void seek(citytwin::data::TimeMs t);
    //! Moves by one step forward (DIRECTION > 0) or backward (leaves live mode).
    void step(int direction);
    void setRate(double rate);
    void setLoop(bool loop);
    //! Jumps to the wall-clock time (paused), widening the extent and range to reach it.
    void goToNow();
    //! Live: the clock follows the wall clock (widening the range as it goes) until play, pause,
    //! step or seek. setLive(false) pauses at the current time.
    void setLive(bool live);

signals:
    void timeChanged(citytwin::data::TimeMs t);
    void playingChanged(bool playing);
    void liveChanged(bool live);
    void rateChanged(double rate);
    void rangeChanged(citytwin::data::TimeRange range);
    void extentChanged(citytwin::data::TimeRange extent);

private:
    void tick();
    //! Widens the extent and range so they contain T with kLiveHeadroomMs after it.
    void reach(data::TimeMs t);
    void applyRange(const data::TimeRange& range);
    struct Before
    {
        data::TimeMs time;
        bool playing;
        bool live;
    };
    Before snapshot() const { return {m_clock.currentTime(), isPlaying(), isLive()}; }
    void emitIfChanged(const Before& before);

    data::Clock m_clock;
    data::TimeRange m_extent;
    QTimer m_timer;
    QElapsedTimer m_wall;
    WallClock m_wallClock;
};

} // namespace citytwin::app
