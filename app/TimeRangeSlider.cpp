#include "app/TimeRangeSlider.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace citytwin::app {

namespace {
constexpr int kHandleW = 8;
constexpr int kGrabPx = 6; //!< a press this close to a handle takes the handle
} // namespace

TimeRangeSlider::TimeRangeSlider(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("timelineRangeSlider"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(false);
    setFocusPolicy(Qt::NoFocus);
}

QSize TimeRangeSlider::sizeHint() const
{
    return {240, 16};
}

QSize TimeRangeSlider::minimumSizeHint() const
{
    return {60, 16};
}

void TimeRangeSlider::setExtent(const data::TimeRange& extent)
{
    m_extent = extent.isEmpty() ? data::TimeRange{} : extent;
    m_range = fitted(m_range.isEmpty() ? m_extent : m_range);
    setEnabled(!m_extent.isEmpty());
    update();
}

void TimeRangeSlider::setRange(const data::TimeRange& range)
{
    m_range = fitted(range);
    update();
}

data::TimeMs TimeRangeSlider::minSpan() const
{
    return std::max<data::TimeMs>(data::kSecondMs, data::TimeMs(double(m_extent.duration()) * kMinSpanFraction));
}

data::TimeRange TimeRangeSlider::fitted(data::TimeRange r) const
{
    if (m_extent.isEmpty())
        return {};
    r = r.intersected(m_extent);
    if (r.isEmpty())
        return m_extent;
    const data::TimeMs span = std::min(minSpan(), m_extent.duration());
    if (r.duration() < span) {
        r.end = std::min(m_extent.end, r.start + span);
        r.start = r.end - span;
    }
    return r;
}

QRect TimeRangeSlider::track() const
{
    return rect().adjusted(kHandleW / 2, 0, -kHandleW / 2 - 1, 0);
}

int TimeRangeSlider::xOf(data::TimeMs t) const
{
    const QRect tr = track();
    if (m_extent.isEmpty())
        return tr.left();
    const double f = double(m_extent.clamp(t) - m_extent.start) / double(m_extent.duration());
    return tr.left() + int(std::lround(f * tr.width()));
}

data::TimeMs TimeRangeSlider::timeAt(int x) const
{
    const QRect tr = track();
    if (m_extent.isEmpty() || tr.width() <= 0)
        return m_extent.start;
    const double f = std::clamp(double(x - tr.left()) / double(tr.width()), 0.0, 1.0);
    return m_extent.start + data::TimeMs(std::llround(f * double(m_extent.duration())));
}

void TimeRangeSlider::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const QRect tr = track();
    const int mid = height() / 2;
    p.setPen(Qt::NoPen);
    p.setBrush(pal.color(QPalette::Mid));
    p.drawRoundedRect(QRectF(tr.left(), mid - 2, tr.width(), 4), 2, 2);
    if (m_extent.isEmpty())
        return;
    const int x0 = xOf(m_range.start);
    const int x1 = xOf(m_range.end);
    QColor span = pal.color(isEnabled() ? QPalette::Highlight : QPalette::Mid);
    p.setBrush(span);
    p.drawRect(QRectF(x0, mid - 3, std::max(1, x1 - x0), 6));
    p.setPen(pal.color(QPalette::Shadow));
    p.setBrush(pal.color(QPalette::Button));
    for (int x : {x0, x1})
        p.drawRoundedRect(QRectF(x - kHandleW / 2.0, 1.5, kHandleW, height() - 3), 2, 2);
}

void TimeRangeSlider::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_extent.isEmpty())
        return QWidget::mousePressEvent(event);
    const int x = int(event->position().x());
    const int x0 = xOf(m_range.start);
    const int x1 = xOf(m_range.end);
    m_grabRange = m_range;
    // Near both handles (a narrow window): the side of the press decides.
    if (std::abs(x - x0) <= kGrabPx && (std::abs(x - x0) < std::abs(x - x1) || x < x0)) {
        m_drag = Drag::Start;
    } else if (std::abs(x - x1) <= kGrabPx) {
        m_drag = Drag::End;
    } else if (x > x0 && x < x1) {
        m_drag = Drag::Span;
        m_grabOffset = timeAt(x) - m_range.start;
    } else {
        // Outside the window: the nearer end jumps here and follows the mouse.
        m_drag = x < x0 ? Drag::Start : Drag::End;
        mouseMoveEvent(event);
    }
    event->accept();
}

void TimeRangeSlider::mouseMoveEvent(QMouseEvent* event)
{
    if (m_drag == Drag::None)
        return QWidget::mouseMoveEvent(event);
    const data::TimeMs t = timeAt(int(event->position().x()));
    data::TimeRange r = m_range;
    switch (m_drag) {
    case Drag::Start:
        r.start = std::min(t, r.end - minSpan());
        break;
    case Drag::End:
        r.end = std::max(t, r.start + minSpan());
        break;
    case Drag::Span: {
        const data::TimeMs d = m_grabRange.duration();
        const data::TimeMs start = std::clamp(t - m_grabOffset, m_extent.start, m_extent.end - d);
        r = {start, start + d};
        break;
    }
    case Drag::None:
        break;
    }
    edit(fitted(r));
    event->accept();
}

void TimeRangeSlider::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag == Drag::None)
        return QWidget::mouseReleaseEvent(event);
    m_drag = Drag::None;
    event->accept();
}

void TimeRangeSlider::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (m_extent.isEmpty())
        return QWidget::mouseDoubleClickEvent(event);
    m_drag = Drag::None;
    edit(m_extent);
    event->accept();
}

void TimeRangeSlider::edit(const data::TimeRange& r)
{
    if (r == m_range)
        return;
    m_range = r;
    update();
    emit rangeEdited(m_range);
}

} // namespace citytwin::app
