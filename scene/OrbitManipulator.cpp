#include "scene/OrbitManipulator.h"

#include "scene/OrbitMath.h"

#include <algorithm>
#include <cmath>
#include <osgUtil/IntersectionVisitor>
#include <osgUtil/LineSegmentIntersector>
#include <osgViewer/View>

namespace citytwin::scene {

namespace {

constexpr double kOrbitDegPerUnit = 90.0; // a drag across the full window width turns 180 deg
constexpr double kWheelFactor = 0.8;      // one wheel notch closes 20 % of the distance
constexpr double kKeyPanFraction = 0.1;   // arrow keys pan 10 % of the range
constexpr double kDefaultFovyDeg = 30.0;

} // namespace

OrbitManipulator::OrbitManipulator()
{
    m_view.pitchDeg = -45.0;
}

void OrbitManipulator::setView(const data::SavedView& view)
{
    m_flight.reset();
    m_view = view;
    m_view.headingDeg = orbit::normalizedHeading(view.headingDeg);
    m_view.rangeM = std::max(view.rangeM, kMinRangeM);
}

void OrbitManipulator::setHomeView(const data::SavedView& view)
{
    m_home = view;
}

data::SavedView OrbitManipulator::sceneHomeView() const
{
    data::SavedView v;
    v.name = QStringLiteral("home");
    if (osg::ref_ptr<osg::Node> node; m_node.lock(node)) {
        const osg::BoundingSphere bs = node->getBound();
        if (bs.valid()) {
            v.target = orbit::toLocal(bs.center());
            v.rangeM = std::max(double(bs.radius()) * 2.5, kMinRangeM);
        }
    }
    return v;
}

void OrbitManipulator::home()
{
    setView(m_home ? *m_home : sceneHomeView());
}

void OrbitManipulator::northUp()
{
    m_flight.reset();
    m_view.headingDeg = 0.0;
}

void OrbitManipulator::flyTo(const data::LocalPoint& target, double rangeM, double seconds)
{
    data::SavedView to = m_view;
    to.target = target;
    to.rangeM = std::max(rangeM, kMinRangeM);
    if (seconds <= 0.0) {
        setView(to);
        return;
    }
    m_flight = Flight{m_view, to, seconds, std::nullopt};
}

void OrbitManipulator::advanceFlight(double now)
{
    if (!m_flight)
        return;
    if (!m_flight->start)
        m_flight->start = now; // the first frame after flyTo() starts the clock
    const double t = (now - *m_flight->start) / m_flight->seconds;
    m_view = orbit::interpolated(m_flight->from, m_flight->to, t);
    if (t >= 1.0)
        m_flight.reset();
}

void OrbitManipulator::setAllowBelowGround(bool allow)
{
    if (allow == m_allowBelowGround)
        return;
    m_allowBelowGround = allow;
    keepAboveGround(); // leaving the mode brings the camera back up
}

void OrbitManipulator::keepAboveGround()
{
    if (m_allowBelowGround)
        return;
    m_view.pitchDeg = std::clamp(m_view.pitchDeg, kMinPitchDeg, kMaxPitchDeg);
    if (!m_groundHeight)
        return;
    if (const auto ground = m_groundHeight(m_view.target.x, m_view.target.y); ground && m_view.target.z < *ground)
        m_view.target.z = *ground;
    const osg::Vec3d eye = orbit::eyePosition(m_view);
    if (const auto ground = m_groundHeight(eye.x(), eye.y()); ground && eye.z() < *ground + kMinEyeClearanceM)
        m_view.target.z += *ground + kMinEyeClearanceM - eye.z(); // lift the whole orbit, keep the angles
}

OrbitManipulator::GroundHeightFunction OrbitManipulator::groundOf(osg::Node* ground)
{
    osg::observer_ptr<osg::Node> weak(ground);
    return [weak](double x, double y) -> std::optional<double> {
        osg::ref_ptr<osg::Node> node;
        if (!weak.lock(node))
            return std::nullopt;
        // Far enough for any city terrain (Everest included) with vertical exaggeration.
        constexpr double kReach = 1.0e5;
        osg::ref_ptr<osgUtil::LineSegmentIntersector> line =
            new osgUtil::LineSegmentIntersector(osg::Vec3d(x, y, kReach), osg::Vec3d(x, y, -kReach));
        osgUtil::IntersectionVisitor iv(line.get());
        node->accept(iv);
        if (!line->containsIntersections())
            return std::nullopt;
        return line->getFirstIntersection().getWorldIntersectPoint().z();
    };
}

void OrbitManipulator::moveVertically(double dz)
{
    m_flight.reset();
    m_view.target.z += dz;
    keepAboveGround();
}

void OrbitManipulator::rotate(double dxNormalized, double dyNormalized)
{
    m_flight.reset();
    m_view.headingDeg = orbit::normalizedHeading(m_view.headingDeg - dxNormalized * kOrbitDegPerUnit);
    m_view.pitchDeg =
        std::clamp(m_view.pitchDeg + dyNormalized * kOrbitDegPerUnit * 0.5, kMinPitchDeg, maxPitchDeg());
    keepAboveGround();
}

void OrbitManipulator::pan(double dxNormalized, double dyNormalized, double fovyDeg, double aspect)
{
    m_flight.reset();
    // Half the window height spans range*tan(fovy/2) at the target; normalized units are halves.
    const double metresPerUnitY = m_view.rangeM * std::tan(osg::DegreesToRadians(fovyDeg) * 0.5);
    const double metresPerUnitX = metresPerUnitY * aspect;
    // Ground seen obliquely is foreshortened on screen: a vertical drag covers more metres.
    const double foreshortening = std::max(std::sin(osg::DegreesToRadians(-m_view.pitchDeg)), 0.2);
    // The grabbed ground follows the cursor: the target moves against the drag.
    m_view = orbit::panned(m_view, -dxNormalized * metresPerUnitX,
                           -dyNormalized * metresPerUnitY / foreshortening);
    keepAboveGround();
}

void OrbitManipulator::zoomTowards(const data::LocalPoint& point, double factor)
{
    m_flight.reset();
    if (m_view.rangeM * factor < kMinRangeM)
        factor = kMinRangeM / m_view.rangeM;
    m_view = orbit::zoomedTowards(m_view, point, factor);
    keepAboveGround();
}

void OrbitManipulator::setByMatrix(const osg::Matrixd& matrix)
{
    m_view = orbit::viewFromCameraMatrix(matrix, m_view.rangeM);
}

void OrbitManipulator::setByInverseMatrix(const osg::Matrixd& matrix)
{
    setByMatrix(osg::Matrixd::inverse(matrix));
}

osg::Matrixd OrbitManipulator::getMatrix() const
{
    return orbit::cameraMatrix(m_view);
}

osg::Matrixd OrbitManipulator::getInverseMatrix() const
{
    return orbit::viewMatrix(m_view);
}

void OrbitManipulator::home(const osgGA::GUIEventAdapter&, osgGA::GUIActionAdapter& aa)
{
    home();
    aa.requestRedraw();
}

void OrbitManipulator::home(double)
{
    home();
}

std::optional<data::LocalPoint> OrbitManipulator::pointUnderCursor(const osgGA::GUIEventAdapter& ea,
                                                                   osgGA::GUIActionAdapter& aa) const
{
    if (m_intersect)
        if (auto p = m_intersect(ea, aa))
            return p;
    auto* view = dynamic_cast<osgViewer::View*>(aa.asView());
    if (!view)
        return std::nullopt;
    osgUtil::LineSegmentIntersector::Intersections hits;
    if (view->computeIntersections(ea, hits) && !hits.empty())
        return orbit::toLocal(hits.begin()->getWorldIntersectPoint());
    // Nothing under the cursor (sky, or no scene yet): use the horizontal plane through the target.
    const osg::Camera* camera = view->getCamera();
    const osg::Matrixd inv = osg::Matrixd::inverse(camera->getViewMatrix() * camera->getProjectionMatrix());
    const osg::Vec3d nearPt = osg::Vec3d(ea.getXnormalized(), ea.getYnormalized(), -1.0) * inv;
    const osg::Vec3d farPt = osg::Vec3d(ea.getXnormalized(), ea.getYnormalized(), 1.0) * inv;
    if (auto p = orbit::intersectHorizontalPlane(nearPt, farPt - nearPt, m_view.target.z))
        return orbit::toLocal(*p);
    return std::nullopt;
}

bool OrbitManipulator::handleKey(int key, osgGA::GUIActionAdapter& aa)
{
    const double step = m_view.rangeM * kKeyPanFraction;
    switch (key) {
    case osgGA::GUIEventAdapter::KEY_Space:
    case 'h':
    case 'H':
        home();
        break;
    case 'n':
    case 'N':
        northUp();
        break;
    case osgGA::GUIEventAdapter::KEY_Left:
        m_view = orbit::panned(m_view, -step, 0.0);
        break;
    case osgGA::GUIEventAdapter::KEY_Right:
        m_view = orbit::panned(m_view, step, 0.0);
        break;
    case osgGA::GUIEventAdapter::KEY_Up:
        m_view = orbit::panned(m_view, 0.0, step);
        break;
    case osgGA::GUIEventAdapter::KEY_Down:
        m_view = orbit::panned(m_view, 0.0, -step);
        break;
    case osgGA::GUIEventAdapter::KEY_Page_Up:
        m_view.target.z += step;
        break;
    case osgGA::GUIEventAdapter::KEY_Page_Down:
        m_view.target.z -= step;
        break;
    default:
        return false;
    }
    keepAboveGround();
    aa.requestRedraw();
    return true;
}

bool OrbitManipulator::handle(const osgGA::GUIEventAdapter& ea, osgGA::GUIActionAdapter& aa)
{
    using E = osgGA::GUIEventAdapter;
    switch (ea.getEventType()) {
    case E::FRAME:
        if (m_flight) {
            advanceFlight(ea.getTime());
            aa.requestRedraw();
        }
        return false;
    case E::PUSH:
        m_lastX = ea.getXnormalized();
        m_lastY = ea.getYnormalized();
        return true;
    case E::DRAG: {
        const double x = ea.getXnormalized(), y = ea.getYnormalized();
        const double dx = x - m_lastX, dy = y - m_lastY;
        m_lastX = x;
        m_lastY = y;
        const unsigned buttons = ea.getButtonMask();
        if (buttons & E::LEFT_MOUSE_BUTTON) {
            rotate(dx, dy);
        } else if (buttons & (E::RIGHT_MOUSE_BUTTON | E::MIDDLE_MOUSE_BUTTON)) {
            double fovy = kDefaultFovyDeg, aspect = 1.0, zNear = 0.0, zFar = 0.0;
            if (aa.asView() && aa.asView()->getCamera())
                aa.asView()->getCamera()->getProjectionMatrixAsPerspective(fovy, aspect, zNear, zFar);
            pan(dx, dy, fovy, aspect);
        } else {
            return false;
        }
        aa.requestRedraw();
        return true;
    }
    case E::SCROLL: {
        const auto motion = ea.getScrollingMotion();
        if (motion != E::SCROLL_UP && motion != E::SCROLL_DOWN)
            return false;
        const double factor = motion == E::SCROLL_UP ? kWheelFactor : 1.0 / kWheelFactor;
        const std::optional<data::LocalPoint> p = pointUnderCursor(ea, aa);
        zoomTowards(p ? *p : m_view.target, factor);
        aa.requestRedraw();
        return true;
    }
    case E::KEYDOWN:
        return handleKey(ea.getKey(), aa);
    default:
        return false;
    }
}

} // namespace citytwin::scene
