#pragma once

#include <algorithm>

namespace citytwin::gis::demo {

//! A point in the demo's local frame.
struct XY
{
    double x = 0.0;
    double y = 0.0;
};

//! Axis-aligned rectangle in the demo's local frame (metres from the origin, x east, y north).
struct Rect
{
    double x0 = 0.0;
    double y0 = 0.0;
    double x1 = 0.0;
    double y1 = 0.0;

    double width() const { return x1 - x0; }
    double height() const { return y1 - y0; }
    double area() const { return width() * height(); }
    double cx() const { return 0.5 * (x0 + x1); }
    double cy() const { return 0.5 * (y0 + y1); }
    bool isEmpty() const { return !(x1 > x0 && y1 > y0); }
    bool contains(double x, double y) const { return x >= x0 && x <= x1 && y >= y0 && y <= y1; }
    //! True when the interiors overlap (touching edges do not count).
    bool overlaps(const Rect& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
    Rect inflated(double d) const { return {x0 - d, y0 - d, x1 + d, y1 + d}; }
    Rect united(const Rect& o) const
    {
        return {std::min(x0, o.x0), std::min(y0, o.y0), std::max(x1, o.x1), std::max(y1, o.y1)};
    }
};

//! Smooth 0..1 ramp between EDGE0 and EDGE1.
inline double smoothstep(double edge0, double edge1, double x)
{
    const double t = std::clamp((x - edge0) / (edge1 - edge0), 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

} // namespace citytwin::gis::demo
