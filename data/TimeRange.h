#pragma once

#include "data/Time.h"

#include <algorithm>

namespace citytwin::data {

//! Half-open interval [start, end) of UTC milliseconds. Empty when end <= start.
struct TimeRange
{
    TimeMs start = 0;
    TimeMs end = 0;

    static TimeRange unbounded()
    {
        return {std::numeric_limits<TimeMs>::min(), std::numeric_limits<TimeMs>::max()};
    }

    bool isEmpty() const { return end <= start; }
    TimeMs duration() const { return isEmpty() ? 0 : end - start; }
    bool contains(TimeMs t) const { return t >= start && t < end; }
    bool intersects(const TimeRange& o) const { return start < o.end && o.start < end; }
    TimeRange intersected(const TimeRange& o) const
    {
        return {std::max(start, o.start), std::min(end, o.end)};
    }
    //! Smallest range covering both (an empty operand is ignored).
    TimeRange united(const TimeRange& o) const
    {
        if (isEmpty()) return o;
        if (o.isEmpty()) return *this;
        return {std::min(start, o.start), std::max(end, o.end)};
    }
    //! T clamped into the range (end - 1 is the last instant inside).
    TimeMs clamp(TimeMs t) const
    {
        if (isEmpty()) return start;
        return std::clamp(t, start, end - 1);
    }
    bool operator==(const TimeRange&) const = default;
};

} // namespace citytwin::data
