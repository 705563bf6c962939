#include "app/TimelineDock.h"

#include "app/ClockController.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <climits>
#include <cmath>

namespace citytwin::app {

TimelineDock::TimelineDock(ClockController* clock, QWidget* parent) : QDockWidget(parent), m_clock(clock)
{
    setObjectName(QStringLiteral("timelineDock"));
    auto* body = new QWidget(this);
    auto* grid = new QGridLayout(body);
    grid->setContentsMargins(4, 4, 4, 4);

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
        m_rate->addItem(QStringLiteral("×%1").arg(r, 0, 'f', 0), r);
    m_loop = new QCheckBox(body);
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
    setWidget(body);

    connect(m_play, &QToolButton::clicked, m_clock, &ClockController::setPlaying);
    connect(m_back, &QToolButton::clicked, m_clock, [this] { m_clock->step(-1); });
    connect(m_forward, &QToolButton::clicked, m_clock, [this] { m_clock->step(+1); });
    connect(m_rate, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (!m_updating && i >= 0)
            m_clock->setRate(m_rate->itemData(i).toDouble());
    });
    connect(m_loop, &QCheckBox::toggled, m_clock, &ClockController::setLoop);
    connect(m_slider, &QSlider::valueChanged, this, &TimelineDock::onSliderMoved);

    connect(m_clock, &ClockController::rangeChanged, this, &TimelineDock::onRangeChanged);
    connect(m_clock, &ClockController::timeChanged, this, &TimelineDock::onTimeChanged);
    connect(m_clock, &ClockController::playingChanged, this, &TimelineDock::onPlayingChanged);
    connect(m_clock, &ClockController::rateChanged, this, &TimelineDock::onRateChanged);

    retranslate();
    m_loop->setChecked(m_clock->loop());
    onRateChanged(m_clock->rate());
    onPlayingChanged(m_clock->isPlaying());
    onRangeChanged(m_clock->range());
}

void TimelineDock::retranslate()
{
    setWindowTitle(tr("Timeline"));
    m_back->setToolTip(tr("Step back"));
    m_forward->setToolTip(tr("Step forward"));
    m_rate->setToolTip(tr("Playback speed (simulated time per real second)"));
    m_loop->setText(tr("Loop"));
    m_loop->setToolTip(tr("Start over at the end of the time range"));
    m_slider->setToolTip(tr("Current time"));
    onPlayingChanged(m_clock->isPlaying());
}

void TimelineDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void TimelineDock::setTimeZone(const QByteArray& zone)
{
    QTimeZone tz(zone);
    m_zone = tz.isValid() ? tz : QTimeZone::utc();
    onRangeChanged(m_clock->range());
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

void TimelineDock::onRangeChanged(const data::TimeRange& range)
{
    m_updating = true;
    // Whole seconds per slider step, coarser only if the range would overflow an int.
    m_msPerStep = std::max<data::TimeMs>(data::kSecondMs, range.duration() / (INT_MAX / 2) + 1);
    m_slider->setEnabled(!range.isEmpty());
    m_slider->setRange(0, range.isEmpty() ? 0 : int((range.duration() - 1) / m_msPerStep));
    m_slider->setPageStep(std::max(1, int(data::kHourMs / m_msPerStep)));
    const QString fmt = QStringLiteral("yyyy-MM-dd HH:mm");
    m_start->setText(range.isEmpty() ? QString()
                                     : QDateTime::fromMSecsSinceEpoch(range.start, m_zone).toString(fmt));
    m_end->setText(range.isEmpty() ? QString()
                                   : QDateTime::fromMSecsSinceEpoch(range.end, m_zone).toString(fmt));
    m_updating = false;
    onTimeChanged(m_clock->currentTime());
}

void TimelineDock::onTimeChanged(data::TimeMs t)
{
    m_updating = true;
    m_slider->setValue(sliderValue(t));
    m_updating = false;
    // Without a time range (no project, or a project without time) there is no meaningful "now".
    m_time->setText(m_clock->range().isEmpty() ? QStringLiteral("—") : formatTime(t));
}

void TimelineDock::onPlayingChanged(bool playing)
{
    m_play->setChecked(playing);
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setToolTip(playing ? tr("Pause") : tr("Play"));
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
