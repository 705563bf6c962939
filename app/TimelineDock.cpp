#include "app/TimelineDock.h"

#include "app/ClockController.h"
#include "app/EventHistogramWidget.h"
#include "app/TimeRangeSlider.h"
#include "data/Project.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <climits>
#include <cmath>

namespace citytwin::app {

QString TimelineDock::rateLabel(double rate)
{
    constexpr double kDayS = 86400.0;
    if (rate < kDayS)
        return QStringLiteral("×%1").arg(rate, 0, 'f', 0);
    if (std::abs(rate - data::Clock::kMaxRate) < 1.0)
        return tr("1 year/s");
    const long days = std::lround(rate / kDayS);
    return days == 1 ? tr("1 day/s") : tr("%1 days/s").arg(days);
}

TimelineDock::TimelineDock(ClockController* clock, QWidget* parent) : QDockWidget(parent), m_clock(clock)
{
    setObjectName(QStringLiteral("timelineDock"));
    auto* body = new QWidget(this);
    auto* grid = new QGridLayout(body);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->setVerticalSpacing(2);

    auto* controls = new QHBoxLayout;
    m_back = new QToolButton(body);
    m_back->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
    m_play = new QToolButton(body);
    m_play->setObjectName(QStringLiteral("timelinePlay"));
    m_play->setCheckable(true);
    m_forward = new QToolButton(body);
    m_forward->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    m_rate = new QComboBox(body);
    m_rate->setObjectName(QStringLiteral("timelineRate"));
    for (double r : kRates)
        m_rate->addItem(rateLabel(r), r);
    m_loop = new QCheckBox(body);
    m_now = new QToolButton(body);
    m_now->setObjectName(QStringLiteral("timelineNow"));
    m_live = new QToolButton(body);
    m_live->setObjectName(QStringLiteral("timelineLive"));
    m_live->setCheckable(true);
    m_time = new QLabel(body);
    m_time->setObjectName(QStringLiteral("timelineTime"));
    m_time->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_time->font();
    bold.setBold(true);
    m_time->setFont(bold);
    controls->addWidget(m_back);
    controls->addWidget(m_play);
    controls->addWidget(m_forward);
    controls->addWidget(m_rate);
    controls->addWidget(m_loop);
    controls->addSpacing(8);
    controls->addWidget(m_now);
    controls->addWidget(m_live);
    controls->addStretch(1);
    controls->addWidget(m_time);
    grid->addLayout(controls, 0, 0, 1, 3);

    m_start = new QLabel(body);
    m_end = new QLabel(body);
    m_slider = new QSlider(Qt::Horizontal, body);
    m_slider->setObjectName(QStringLiteral("timelineSlider"));
    grid->addWidget(m_start, 1, 0);
    grid->addWidget(m_slider, 1, 1);
    grid->addWidget(m_end, 1, 2);
    m_histogram = new EventHistogramWidget(body);
    grid->addWidget(m_histogram, 2, 1);
    // The window inside the extent: smaller labels, the extent is context, the window is the focus.
    m_extentStart = new QLabel(body);
    m_extentEnd = new QLabel(body);
    QFont small = m_extentStart->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_extentStart->setFont(small);
    m_extentEnd->setFont(small);
    m_rangeSlider = new TimeRangeSlider(body);
    grid->addWidget(m_extentStart, 3, 0);
    grid->addWidget(m_rangeSlider, 3, 1);
    grid->addWidget(m_extentEnd, 3, 2);
    grid->setColumnStretch(1, 1);
    setWidget(body);

    connect(m_play, &QToolButton::clicked, m_clock, &ClockController::setPlaying);
    connect(m_back, &QToolButton::clicked, m_clock, [this] { m_clock->step(-1); });
    connect(m_forward, &QToolButton::clicked, m_clock, [this] { m_clock->step(+1); });
    connect(m_rate, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (!m_updating && i >= 0)
            m_clock->setRate(m_rate->itemData(i).toDouble());
    });
    connect(m_loop, &QCheckBox::toggled, m_clock, &ClockController::setLoop);
    connect(m_now, &QToolButton::clicked, m_clock, &ClockController::goToNow);
    connect(m_live, &QToolButton::toggled, m_clock, &ClockController::setLive);
    connect(m_slider, &QSlider::valueChanged, this, &TimelineDock::onSliderMoved);
    connect(m_rangeSlider, &TimeRangeSlider::rangeEdited, m_clock, &ClockController::setRange);

    connect(m_clock, &ClockController::extentChanged, this, &TimelineDock::onExtentChanged);
    connect(m_clock, &ClockController::rangeChanged, this, &TimelineDock::onRangeChanged);
    connect(m_clock, &ClockController::timeChanged, this, &TimelineDock::onTimeChanged);
    connect(m_clock, &ClockController::playingChanged, this, &TimelineDock::onPlayingChanged);
    connect(m_clock, &ClockController::liveChanged, this, &TimelineDock::onLiveChanged);
    connect(m_clock, &ClockController::rateChanged, this, &TimelineDock::onRateChanged);

    buildShortcuts();
    retranslate();
    m_loop->setChecked(m_clock->loop());
    onRateChanged(m_clock->rate());
    onPlayingChanged(m_clock->isPlaying());
    onLiveChanged(m_clock->isLive());
    onExtentChanged(m_clock->extent());
    onRangeChanged(m_clock->range());
}

void TimelineDock::buildShortcuts()
{
    // Dock-wide only: window-wide Space/arrows would take keys from the layer tree and the view.
    const auto make = [this](QKeySequence key, auto slot) {
        auto* a = new QAction(this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, m_clock, slot);
        addAction(a);
        return a;
    };
    m_playPauseAction = make(QKeySequence(Qt::Key_Space), [this] { m_clock->togglePlaying(); });
    m_stepBackAction = make(QKeySequence(Qt::Key_Left), [this] { m_clock->step(-1); });
    m_stepForwardAction = make(QKeySequence(Qt::Key_Right), [this] { m_clock->step(+1); });
}

void TimelineDock::retranslate()
{
    setWindowTitle(tr("Timeline"));
    m_back->setToolTip(tr("Step back (Left)"));
    m_forward->setToolTip(tr("Step forward (Right)"));
    m_rate->setToolTip(tr("Playback speed (simulated time per real second)"));
    m_loop->setText(tr("Loop"));
    m_loop->setToolTip(tr("Start over at the end of the time range"));
    m_now->setText(tr("Now"));
    m_now->setToolTip(tr("Jump to the current date and time"));
    m_live->setText(tr("Live"));
    m_live->setToolTip(tr("Follow the wall clock; new data appears as it arrives"));
    m_slider->setToolTip(tr("Current time"));
    m_rangeSlider->setToolTip(tr("Playback window: drag the ends or the window; double-click for all"));
    m_histogram->setToolTip(QString()); // per-bar tooltips
    m_playPauseAction->setText(tr("Play/Pause"));
    m_stepBackAction->setText(tr("Step Back"));
    m_stepForwardAction->setText(tr("Step Forward"));
    onPlayingChanged(m_clock->isPlaying());
    onTimeChanged(m_clock->currentTime());
}

void TimelineDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void TimelineDock::setTimeZone(const QByteArray& zone)
{
    m_zone = data::timeZoneOrUtc(QString::fromUtf8(zone));
    onExtentChanged(m_clock->extent());
    onRangeChanged(m_clock->range());
}

void TimelineDock::setProjectFile(const QString& path)
{
    m_histogram->setStorePath(path);
}

void TimelineDock::refreshHistogram()
{
    m_histogram->refresh();
}

QString TimelineDock::formatTime(data::TimeMs t) const
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(t, m_zone);
    const int offsetMin = m_zone.offsetFromUtc(local) / 60;
    const QString offset = QStringLiteral("UTC%1%2:%3")
                               .arg(offsetMin < 0 ? QLatin1Char('-') : QLatin1Char('+'))
                               .arg(std::abs(offsetMin) / 60, 2, 10, QLatin1Char('0'))
                               .arg(std::abs(offsetMin) % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 %2 (%3)")
        .arg(local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), QString::fromUtf8(m_zone.id()), offset);
}

int TimelineDock::sliderValue(data::TimeMs t) const
{
    const data::TimeRange& r = m_clock->range();
    return r.isEmpty() ? 0 : int((r.clamp(t) - r.start) / m_msPerStep);
}

void TimelineDock::onExtentChanged(const data::TimeRange& extent)
{
    m_rangeSlider->setExtent(extent);
    m_rangeSlider->setRange(m_clock->range());
    const QString fmt = QStringLiteral("yyyy-MM-dd");
    m_extentStart->setText(extent.isEmpty() ? QString()
                                            : QDateTime::fromMSecsSinceEpoch(extent.start, m_zone).toString(fmt));
    m_extentEnd->setText(extent.isEmpty() ? QString()
                                          : QDateTime::fromMSecsSinceEpoch(extent.end, m_zone).toString(fmt));
}

void TimelineDock::onRangeChanged(const data::TimeRange& range)
{
    m_updating = true;
    // Whole seconds per slider step, coarser only if the range would overflow an int.
    m_msPerStep = std::max<data::TimeMs>(data::kSecondMs, range.duration() / (INT_MAX / 2) + 1);
    m_slider->setEnabled(!range.isEmpty());
    m_slider->setRange(0, range.isEmpty() ? 0 : int((range.duration() - 1) / m_msPerStep));
    // Page Up/Down: an hour of a few days' replay, a 100th of a decades-long one (building years).
    const data::TimeMs page = std::max(data::kHourMs, range.duration() / 100);
    m_slider->setPageStep(std::max(1, int(page / m_msPerStep)));
    const QString fmt = QStringLiteral("yyyy-MM-dd HH:mm");
    m_start->setText(range.isEmpty() ? QString()
                                     : QDateTime::fromMSecsSinceEpoch(range.start, m_zone).toString(fmt));
    m_end->setText(range.isEmpty() ? QString()
                                   : QDateTime::fromMSecsSinceEpoch(range.end, m_zone).toString(fmt));
    m_updating = false;
    m_rangeSlider->setRange(range);
    m_histogram->setRange(range);
    m_now->setEnabled(!range.isEmpty());
    m_live->setEnabled(!range.isEmpty() || m_clock->isLive());
    onTimeChanged(m_clock->currentTime());
}

void TimelineDock::onTimeChanged(data::TimeMs t)
{
    m_updating = true;
    m_slider->setValue(sliderValue(t));
    m_updating = false;
    m_histogram->setCurrentTime(t);
    // Without a time range (no project, or a project without time) there is no meaningful "now".
    if (m_clock->range().isEmpty())
        m_time->setText(QStringLiteral("—"));
    else if (m_clock->isLive())
        m_time->setText(tr("%1 · live").arg(formatTime(t)));
    else
        m_time->setText(formatTime(t));
}

void TimelineDock::onPlayingChanged(bool playing)
{
    m_play->setChecked(playing);
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setToolTip(playing ? tr("Pause (Space)") : tr("Play (Space)"));
}

void TimelineDock::onLiveChanged(bool live)
{
    const QSignalBlocker block(m_live);
    m_live->setChecked(live);
    onTimeChanged(m_clock->currentTime());
}

void TimelineDock::onRateChanged(double rate)
{
    m_updating = true;
    int best = 0;
    for (int i = 0; i < m_rate->count(); ++i)
        if (std::abs(m_rate->itemData(i).toDouble() - rate) <
            std::abs(m_rate->itemData(best).toDouble() - rate))
            best = i;
    m_rate->setCurrentIndex(best);
    m_updating = false;
}

void TimelineDock::onSliderMoved(int value)
{
    if (m_updating)
        return;
    const data::TimeRange& r = m_clock->range();
    if (!r.isEmpty())
        m_clock->seek(r.start + data::TimeMs(value) * m_msPerStep);
}

} // namespace citytwin::app
