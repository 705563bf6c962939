#include "app/EventHistogramWidget.h"

#include "app/RunOnPool.h"
#include "data/ProjectStore.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QPainter>
#include <QThreadPool>
#include <QTimer>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace citytwin::app {

namespace {

struct HistogramRead
{
    QString path;
    data::TimeRange range;
    data::Result<std::vector<std::int64_t>> counts = data::Status::error(data::Status::Code::Internal, {});
};

//! Worker job: its own read-only connection (one ProjectStore per thread), closed again after.
HistogramRead readHistogram(const QString& path, const data::TimeRange& range, int bins)
{
    HistogramRead read{path, range};
    auto store = data::ProjectStore::open(path, data::ProjectStore::Mode::ReadOnly);
    if (!store) {
        read.counts = store.status();
        return read;
    }
    read.counts = (*store)->eventHistogram(range, bins);
    return read;
}

} // namespace

EventHistogramWidget::EventHistogramWidget(QWidget* parent)
    : QWidget(parent), m_resizeTimer(new QTimer(this)), m_pool(std::make_unique<QThreadPool>())
{
    setObjectName(QStringLiteral("timelineHistogram"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_pool->setMaxThreadCount(1);
    // A resize drag would otherwise ask for a new histogram on every pixel.
    m_resizeTimer->setSingleShot(true);
    m_resizeTimer->setInterval(150);
    connect(m_resizeTimer, &QTimer::timeout, this, [this] {
        if (binCount() != int(m_counts.size()))
            refresh();
    });
}

EventHistogramWidget::~EventHistogramWidget()
{
    m_pool->waitForDone(); // the running read must not outlive the widget it reports to
}

QSize EventHistogramWidget::sizeHint() const
{
    return {240, 36};
}

QSize EventHistogramWidget::minimumSizeHint() const
{
    return {60, 24};
}

int EventHistogramWidget::binCount() const
{
    return std::clamp(width() / kBinPx, kMinBins, kMaxBins);
}

void EventHistogramWidget::setStorePath(const QString& path)
{
    if (path == m_path)
        return;
    m_path = path;
    m_counts.clear();
    m_countsRange = {};
    m_error.clear();
    update();
    refresh();
}

void EventHistogramWidget::setRange(const data::TimeRange& range)
{
    if (range == m_range)
        return;
    m_range = range;
    refresh();
}

void EventHistogramWidget::setCurrentTime(data::TimeMs t)
{
    if (t == m_current)
        return;
    m_current = t;
    update();
}

void EventHistogramWidget::refresh()
{
    if (m_path.isEmpty() || m_range.isEmpty()) {
        const bool had = !m_counts.empty();
        m_counts.clear();
        m_countsRange = {};
        update();
        if (had)
            emit histogramChanged();
        return;
    }
    if (m_busy) {
        m_dirty = true; // read again once the running read is done
        return;
    }
    startRead();
}

void EventHistogramWidget::startRead()
{
    m_busy = true;
    m_dirty = false;
    const QString path = m_path;
    const data::TimeRange range = m_range;
    const int bins = binCount();
    runOnPool<HistogramRead>(
        this, m_pool.get(), [path, range, bins] { return readHistogram(path, range, bins); },
        [this](HistogramRead read) {
            m_busy = false;
            if (read.path == m_path && read.range == m_range) {
                if (read.counts) {
                    m_counts = std::move(read.counts).value();
                    m_countsRange = read.range;
                    m_error.clear();
                } else {
                    m_counts.clear();
                    m_countsRange = {};
                    m_error = read.counts.status().message();
                }
                update();
                emit histogramChanged();
            }
            if (m_dirty || read.path != m_path || read.range != m_range)
                refresh();
        });
}

void EventHistogramWidget::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    m_resizeTimer->start();
}

int EventHistogramWidget::binAt(int x) const
{
    if (m_counts.empty() || width() <= 0)
        return -1;
    return std::clamp(int(double(x) / width() * double(m_counts.size())), 0, int(m_counts.size()) - 1);
}

bool EventHistogramWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const int bin = binAt(help->pos().x());
        if (bin < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const double binMs = double(m_countsRange.duration()) / double(m_counts.size());
        const auto t0 = QDateTime::fromMSecsSinceEpoch(m_countsRange.start + data::TimeMs(bin * binMs));
        const auto t1 = QDateTime::fromMSecsSinceEpoch(m_countsRange.start + data::TimeMs((bin + 1) * binMs));
        const QString fmt = QStringLiteral("yyyy-MM-dd HH:mm");
        QToolTip::showText(help->globalPos(),
                           tr("%n event(s) reported %1 – %2", nullptr, int(m_counts[std::size_t(bin)]))
                               .arg(t0.toString(fmt), t1.toString(fmt)),
                           this);
        return true;
    }
    return QWidget::event(event);
}

void EventHistogramWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QPalette& pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    if (!m_counts.empty()) {
        const std::int64_t top = std::max<std::int64_t>(1, *std::max_element(m_counts.begin(), m_counts.end()));
        const double barW = double(width()) / double(m_counts.size());
        const QColor bar = pal.color(QPalette::Highlight);
        for (std::size_t i = 0; i < m_counts.size(); ++i) {
            if (m_counts[i] <= 0)
                continue;
            // At least one pixel for any bin with events: a single event must stay visible.
            const double h = std::max(1.0, double(m_counts[i]) / double(top) * (height() - 2));
            p.fillRect(QRectF(i * barW, height() - h, std::max(1.0, barW - 1.0), h), bar);
        }
    }
    if (m_countsRange.contains(m_current)) {
        const double x = double(m_current - m_countsRange.start) / double(m_countsRange.duration()) * width();
        p.setPen(QPen(QColor(220, 40, 40), 2));
        p.drawLine(QPointF(x, 0), QPointF(x, height()));
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(rect().adjusted(0, 0, -1, -1));
}

} // namespace citytwin::app
