#include "scene/OrbitMath.h"

#include <algorithm>
#include <cmath>

namespace citytwin::scene::orbit {

osg::Vec3d lookDirection(double headingDeg, double pitchDeg)
{
    const double h = osg::DegreesToRadians(headingDeg);
    const double p = osg::DegreesToRadians(pitchDeg);
    return {std::sin(h) * std::cos(p), std::cos(h) * std::cos(p), std::sin(p)};
}

osg::Vec3d upDirection(double headingDeg, double pitchDeg)
{
    const double h = osg::DegreesToRadians(headingDeg);
    const double p = osg::DegreesToRadians(pitchDeg);
    return {-std::sin(p) * std::sin(h), -std::sin(p) * std::cos(h), std::cos(p)};
}

osg::Vec3d toVec(const data::LocalPoint& p)
{
    return {p.x, p.y, p.z};
}

data::LocalPoint toLocal(const osg::Vec3d& v)
{
    return {v.x(), v.y(), v.z()};
}

osg::Vec3d eyePosition(const data::SavedView& view)
{
    return toVec(view.target) - lookDirection(view.headingDeg, view.pitchDeg) * view.rangeM;
}

osg::Matrixd viewMatrix(const data::SavedView& view)
{
    return osg::Matrixd::lookAt(eyePosition(view), toVec(view.target),
                                upDirection(view.headingDeg, view.pitchDeg));
}

osg::Matrixd cameraMatrix(const data::SavedView& view)
{
    return osg::Matrixd::inverse(viewMatrix(view));
}

data::SavedView viewFromCameraMatrix(const osg::Matrixd& camera, double rangeM)
{
    const osg::Vec3d eye = camera.getTrans();
    // OSG cameras look down their local -Z.
    osg::Vec3d dir = osg::Matrixd::transform3x3(osg::Vec3d(0.0, 0.0, -1.0), camera);
    dir.normalize();
    data::SavedView view;
    view.pitchDeg = osg::RadiansToDegrees(std::asin(std::clamp(dir.z(), -1.0, 1.0)));
    if (std::abs(dir.z()) > 1.0 - 1e-12) {
        // Straight down/up: the heading lives in the camera's up vector instead.
        const osg::Vec3d up = osg::Matrixd::transform3x3(osg::Vec3d(0.0, 1.0, 0.0), camera);
        const double sign = dir.z() < 0.0 ? 1.0 : -1.0;
        view.headingDeg = normalizedHeading(osg::RadiansToDegrees(std::atan2(sign * up.x(), sign * up.y())));
    } else {
        view.headingDeg = normalizedHeading(osg::RadiansToDegrees(std::atan2(dir.x(), dir.y())));
    }
    view.rangeM = rangeM;
    view.target = toLocal(eye + dir * rangeM);
    return view;
}

data::SavedView zoomedTowards(const data::SavedView& view, const data::LocalPoint& point, double factor)
{
    data::SavedView out = view;
    const osg::Vec3d p = toVec(point);
    out.target = toLocal(p + (toVec(view.target) - p) * factor);
    out.rangeM = view.rangeM * factor;
    return out;
}

data::SavedView panned(const data::SavedView& view, double rightM, double forwardM)
{
    const double h = osg::DegreesToRadians(view.headingDeg);
    const osg::Vec3d forward(std::sin(h), std::cos(h), 0.0);
    const osg::Vec3d right(std::cos(h), -std::sin(h), 0.0);
    data::SavedView out = view;
    out.target = toLocal(toVec(view.target) + right * rightM + forward * forwardM);
    return out;
}

double normalizedHeading(double headingDeg)
{
    double h = std::fmod(headingDeg, 360.0);
    if (h < 0.0)
        h += 360.0;
    return h;
}

data::SavedView interpolated(const data::SavedView& a, const data::SavedView& b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    const double s = t * t * (3.0 - 2.0 * t); // smoothstep: no jerk at either end
    data::SavedView out = b;
    out.target = toLocal(toVec(a.target) * (1.0 - s) + toVec(b.target) * s);
    double dh = normalizedHeading(b.headingDeg - a.headingDeg);
    if (dh > 180.0)
        dh -= 360.0;
    out.headingDeg = normalizedHeading(a.headingDeg + dh * s);
    out.pitchDeg = a.pitchDeg + (b.pitchDeg - a.pitchDeg) * s;
    // Range in log space, so long flights zoom out and in at a steady apparent speed.
    out.rangeM =
        std::exp(std::log(std::max(a.rangeM, 1e-3)) * (1.0 - s) + std::log(std::max(b.rangeM, 1e-3)) * s);
    return out;
}

std::optional<osg::Vec3d> intersectHorizontalPlane(const osg::Vec3d& origin, const osg::Vec3d& dir,
                                                   double planeZ)
{
    if (std::abs(dir.z()) < 1e-12)
        return std::nullopt;
    const double s = (planeZ - origin.z()) / dir.z();
    if (s <= 0.0)
        return std::nullopt;
    return origin + dir * s;
}

} // namespace citytwin::scene::orbit
