#pragma once

// Reading colours out of rendered images (OffscreenRenderer captures) for render tests.
#include <QPoint>
#include <QString>
#include <algorithm>
#include <cmath>
#include <osg/Image>

namespace citytwin::test {

//! A colour, 0..255 per channel; double so expected colours can be computed (lighting, blending).
struct Rgb
{
    double r = 0, g = 0, b = 0;
};

//! The colour at pixel P of IMG (y from the top, as OffscreenRenderer returns its images);
//! positions off the image are clamped to its edge.
inline Rgb pixelAt(const osg::Image& img, const QPoint& p)
{
    const unsigned char* d = img.data(std::clamp(p.x(), 0, img.s() - 1), std::clamp(p.y(), 0, img.t() - 1));
    return {double(d[0]), double(d[1]), double(d[2])};
}

inline Rgb pixelAt(const osg::Image& img, int x, int yFromTop)
{
    return pixelAt(img, QPoint(x, yFromTop));
}

//! "(r, g, b)" for failure messages.
inline QString str(const Rgb& c)
{
    return QStringLiteral("(%1, %2, %3)").arg(c.r, 0, 'f', 0).arg(c.g, 0, 'f', 0).arg(c.b, 0, 'f', 0);
}

//! Whether A is B within TOLERANCE per channel (8-bit rounding, blending).
inline bool near(const Rgb& a, const Rgb& b, double tolerance = 4)
{
    return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance && std::abs(a.b - b.b) <= tolerance;
}

} // namespace citytwin::test
