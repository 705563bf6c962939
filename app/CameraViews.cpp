#include "app/CameraViews.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace citytwin::app {

namespace {
constexpr double kDeg = std::numbers::pi / 180.0;
// Below this |sin(pitch)| the view direction alone cannot tell the heading: use the up vector.
constexpr double kNearVertical = 0.9999;
} // namespace

LookAt lookAtFromView(const data::SavedView& view)
{
    const double h = view.headingDeg * kDeg;
    const double p = std::clamp(view.pitchDeg, -90.0, 90.0) * kDeg;
    const osg::Vec3d dir(std::sin(h) * std::cos(p), std::cos(h) * std::cos(p), std::sin(p));
    const osg::Vec3d right(std::cos(h), -std::sin(h), 0.0);
    osg::Vec3d up = right ^ dir;
    up.normalize();
    const osg::Vec3d center(view.target.x, view.target.y, view.target.z);
    const double range = std::max(view.rangeM, 0.01);
    return {center - dir * range, center, up};
}

data::SavedView viewFromLookAt(const LookAt& lookAt)
{
    data::SavedView v;
    osg::Vec3d dir = lookAt.center - lookAt.eye;
    v.rangeM = dir.normalize();
    v.target = {lookAt.center.x(), lookAt.center.y(), lookAt.center.z()};
    v.pitchDeg = std::asin(std::clamp(dir.z(), -1.0, 1.0)) / kDeg;
    if (std::abs(dir.z()) < kNearVertical) {
        v.headingDeg = std::atan2(dir.x(), dir.y()) / kDeg;
    } else {
        // Looking straight down the screen's up vector points where a level view would look.
        const double sign = dir.z() < 0.0 ? 1.0 : -1.0;
        v.headingDeg = std::atan2(sign * lookAt.up.x(), sign * lookAt.up.y()) / kDeg;
    }
    if (v.headingDeg < 0.0)
        v.headingDeg += 360.0;
    return v;
}

data::SavedView overviewOf(const osg::BoundingSphere& bound)
{
    data::SavedView v;
    v.name = QStringLiteral("home");
    if (bound.valid()) {
        v.target = {bound.center().x(), bound.center().y(), bound.center().z()};
        v.rangeM = std::max(2.2 * bound.radius(), 10.0);
    }
    v.headingDeg = 0.0;
    v.pitchDeg = -50.0;
    return v;
}

data::SavedView interpolate(const data::SavedView& a, const data::SavedView& b, double f)
{
    f = std::clamp(f, 0.0, 1.0);
    auto lerp = [f](double x, double y) { return x + (y - x) * f; };
    data::SavedView v = b;
    v.target = {lerp(a.target.x, b.target.x), lerp(a.target.y, b.target.y), lerp(a.target.z, b.target.z)};
    double dh = std::fmod(b.headingDeg - a.headingDeg + 540.0, 360.0) - 180.0;
    v.headingDeg = std::fmod(a.headingDeg + dh * f + 360.0, 360.0);
    v.pitchDeg = lerp(a.pitchDeg, b.pitchDeg);
    // Range in log space so zooming feels uniform from street to city scale.
    v.rangeM = std::exp(lerp(std::log(std::max(a.rangeM, 0.01)), std::log(std::max(b.rangeM, 0.01))));
    return v;
}

} // namespace citytwin::app
