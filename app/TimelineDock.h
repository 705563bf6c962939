#pragma once

#include "data/Clock.h"
#include "data/Time.h"
#include "data/TimeRange.h"

#include <QDockWidget>
#include <QTimeZone>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace citytwin::app {

class ClockController;
class EventHistogramWidget;
class TimeRangeSlider;

//! The "Timeline" dock: play/pause, step, speed (×1 … ×10000), loop, Now and Live, a slider over
//! the playback window with the events-over-time histogram under it, a two-handle slider choosing
//! that window inside the project's time extent, and the current time in the project's time zone.
//! A view of ClockController only (plus the project file the histogram reads). Space plays or
//! pauses and Left/Right step while the dock has focus (the actions can be added to other widgets).
class TimelineDock : public QDockWidget
{
    Q_OBJECT
public:
    //! The speeds offered in the combo box (simulated seconds per wall second): real time to an
    //! hour per second for a day of incidents, a day, 30 days and a year per second for feature
    //! layers replayed over decades (buildings by construction year, pipes by install year).
    static constexpr double kRates[] = {1, 10, 60, 600, 3600, 10000, 86400, 2592000, data::Clock::kMaxRate};

    explicit TimelineDock(ClockController* clock, QWidget* parent = nullptr);

    //! How the speed combo names RATE: "×600" up to hours per second, then "1 day/s", "30 days/s", "1 year/s".
    static QString rateLabel(double rate);

    //! Shows times in ZONE (IANA id such as "Asia/Shanghai"); UTC when unknown.
    void setTimeZone(const QByteArray& zone);
    QTimeZone timeZone() const { return m_zone; }
    //! "2026-11-27 18:30:05 Asia/Shanghai (UTC+08:00)" — T as the dock shows it.
    QString formatTime(data::TimeMs t) const;

    //! The project file whose events the histogram counts (empty: none).
    void setProjectFile(const QString& path);
    //! Reads the histogram again (new events arrived, e.g. OverlayLiveWatcher::deltaArrived).
    void refreshHistogram();

    QSlider* slider() const { return m_slider; }
    TimeRangeSlider* rangeSlider() const { return m_rangeSlider; }
    EventHistogramWidget* histogram() const { return m_histogram; }
    QComboBox* rateCombo() const { return m_rate; }
    QToolButton* playButton() const { return m_play; }
    QToolButton* nowButton() const { return m_now; }
    QToolButton* liveButton() const { return m_live; }
    QLabel* timeLabel() const { return m_time; }
    QAction* playPauseAction() const { return m_playPauseAction; }
    QAction* stepBackAction() const { return m_stepBackAction; }
    QAction* stepForwardAction() const { return m_stepForwardAction; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildShortcuts();
    void retranslate();
    void onExtentChanged(const data::TimeRange& extent);
    void onRangeChanged(const data::TimeRange& range);
    void onTimeChanged(data::TimeMs t);
    void onPlayingChanged(bool playing);
    void onLiveChanged(bool live);
    void onRateChanged(double rate);
    void onSliderMoved(int value);
    int sliderValue(data::TimeMs t) const;

    ClockController* m_clock = nullptr;
    QTimeZone m_zone = QTimeZone::utc();
    data::TimeMs m_msPerStep = data::kSecondMs;
    QToolButton* m_play = nullptr;
    QToolButton* m_back = nullptr;
    QToolButton* m_forward = nullptr;
    QToolButton* m_now = nullptr;
    QToolButton* m_live = nullptr;
    QComboBox* m_rate = nullptr;
    QCheckBox* m_loop = nullptr;
    QSlider* m_slider = nullptr;
    EventHistogramWidget* m_histogram = nullptr;
    TimeRangeSlider* m_rangeSlider = nullptr;
    QLabel* m_time = nullptr;
    QLabel* m_start = nullptr;
    QLabel* m_end = nullptr;
    QLabel* m_extentStart = nullptr;
    QLabel* m_extentEnd = nullptr;
    QAction* m_playPauseAction = nullptr;
    QAction* m_stepBackAction = nullptr;
    QAction* m_stepForwardAction = nullptr;
    bool m_updating = false;
};

} // namespace citytwin::app
