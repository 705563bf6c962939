#pragma once

#include "data/Clock.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace citytwin::app {

//! The application's one clock: data::Clock plus signals and a timer that advances it by the
//! measured wall time while playing. Every time-aware layer follows timeChanged (through
//! ProjectSession::setTime), so layers never keep clocks of their own.
class ClockController : public QObject
{
    Q_OBJECT
public:
    static constexpr int kTickIntervalMs = 30;

    explicit ClockController(QObject* parent = nullptr);

    const data::Clock& clock() const { return m_clock; }
    data::TimeMs currentTime() const { return m_clock.currentTime(); }
    const data::TimeRange& range() const { return m_clock.range(); }
    double rate() const { return m_clock.rate(); }
    bool loop() const { return m_clock.loop(); }
    bool isPlaying() const { return m_clock.state() == data::Clock::State::Playing; }

    //! Sets the playback range (clamping the current time into it).
    void setRange(const data::TimeRange& range);
    //! How far one step() moves: one wall second at the current rate, at least one second.
    data::TimeMs stepSize() const;

public slots:
    void play();
    void pause();
    void setPlaying(bool playing);
    void togglePlaying();
    void seek(citytwin::data::TimeMs t);
    //! Moves by one step forward (DIRECTION > 0) or backward.
    void step(int direction);
    void setRate(double rate);
    void setLoop(bool loop);

signals:
    void timeChanged(citytwin::data::TimeMs t);
    void playingChanged(bool playing);
    void rateChanged(double rate);
    void rangeChanged(citytwin::data::TimeRange range);

private:
    void tick();
    void emitIfChanged(data::TimeMs before, bool wasPlaying);

    data::Clock m_clock;
    QTimer m_timer;
    QElapsedTimer m_wall;
};

} // namespace citytwin::app
