#pragma once

#include "data/Time.h"
#include "data/TimeRange.h"

#include <QDockWidget>
#include <QTimeZone>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace citytwin::app {

class ClockController;

//! The "Timeline" dock: play/pause, step, speed (×1 … ×10000), loop, a slider over the project's
//! time extent and the current time in the project's time zone. A view of ClockController only.
class TimelineDock : public QDockWidget
{
    Q_OBJECT
public:
    //! The speeds offered in the combo box (simulated seconds per wall second).
    static constexpr double kRates[] = {1, 10, 60, 600, 3600, 10000};

    explicit TimelineDock(ClockController* clock, QWidget* parent = nullptr);

    //! Shows times in ZONE (IANA id such as "Asia/Shanghai"); UTC when unknown.
    void setTimeZone(const QByteArray& zone);
    QTimeZone timeZone() const { return m_zone; }
    //! "2026-11-27 18:30:05 Asia/Shanghai (UTC+08:00)" — T as the dock shows it.
    QString formatTime(data::TimeMs t) const;

    QSlider* slider() const { return m_slider; }
    QComboBox* rateCombo() const { return m_rate; }
    QToolButton* playButton() const { return m_play; }
    QLabel* timeLabel() const { return m_time; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void onRangeChanged(const data::TimeRange& range);
    void onTimeChanged(data::TimeMs t);
    void onPlayingChanged(bool playing);
    void onRateChanged(double rate);
    void onSliderMoved(int value);
    int sliderValue(data::TimeMs t) const;

    ClockController* m_clock = nullptr;
    QTimeZone m_zone = QTimeZone::utc();
    data::TimeMs m_msPerStep = data::kSecondMs;
    QToolButton* m_play = nullptr;
    QToolButton* m_back = nullptr;
    QToolButton* m_forward = nullptr;
    QComboBox* m_rate = nullptr;
    QCheckBox* m_loop = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_time = nullptr;
    QLabel* m_start = nullptr;
    QLabel* m_end = nullptr;
    bool m_updating = false;
};

} // namespace citytwin::app
