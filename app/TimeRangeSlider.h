#pragma once

#include "data/TimeRange.h"

#include <QWidget>

namespace citytwin::app {

//! A two-handle slider choosing a window (range) inside an extent of time: drag a handle to move
//! one end, the span between them to move the window, click outside it to bring the nearer end
//! there; a double click selects the whole extent. Times are UTC milliseconds.
class TimeRangeSlider : public QWidget
{
    Q_OBJECT
public:
    //! Handles never come closer than this fraction of the extent (or one second).
    static constexpr double kMinSpanFraction = 1.0 / 1000.0;

    explicit TimeRangeSlider(QWidget* parent = nullptr);

    const data::TimeRange& extent() const { return m_extent; }
    //! Sets the span the slider covers (the window is clipped into it). Emits nothing.
    void setExtent(const data::TimeRange& extent);
    const data::TimeRange& range() const { return m_range; }
    //! Sets the window (clipped into the extent). Emits nothing.
    void setRange(const data::TimeRange& range);

    //! The x (widget pixels) where T lies and the time at X, along the track.
    int xOf(data::TimeMs t) const;
    data::TimeMs timeAt(int x) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    //! The user moved the window (also while dragging).
    void rangeEdited(citytwin::data::TimeRange range);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    enum class Drag { None, Start, End, Span };
    data::TimeMs minSpan() const;
    //! Clips R into the extent, keeping at least minSpan(); returns it.
    data::TimeRange fitted(data::TimeRange r) const;
    void edit(const data::TimeRange& r);
    QRect track() const;

    data::TimeRange m_extent;
    data::TimeRange m_range;
    Drag m_drag = Drag::None;
    data::TimeMs m_grabOffset = 0;       //!< Span drags: press time minus the window start
    data::TimeRange m_grabRange;         //!< the window when the drag began
};

} // namespace citytwin::app
