#include "scene/Picker.h"

#include "scene/CityScene.h"
#include "scene/CutAway.h"
#include "scene/FeatureId.h"
#include "scene/FeatureStyler.h"
#include "scene/FeatureTimes.h"
#include "scene/Shaders.h"
#include "scene/TimeChunkCallback.h"

#include <osg/Geometry>
#include <osg/Viewport>
#include <osgUtil/IntersectionVisitor>
#include <osgUtil/LineSegmentIntersector>

namespace citytwin::scene {

namespace {

//! The ct_time the shaders see at the end of PATH (seconds since the epoch), resolved like OSG's
//! state inheritance: the nearest uniform wins unless one above it is OVERRIDE (CityScene's root
//! is; a builder root's default 0 is not). 0, the GL default, when none is on the path.
double sceneSecondsOn(const osg::NodePath& path)
{
    const osg::Uniform* current = nullptr;
    bool overridden = false;
    for (const osg::Node* node : path) {
        const osg::StateSet* ss = node->getStateSet();
        const osg::StateSet::RefUniformPair* pair = ss ? ss->getUniformPair("ct_time") : nullptr;
        if (!pair || (overridden && !(pair->second & osg::StateAttribute::PROTECTED)))
            continue;
        current = pair->first.get();
        overridden = (pair->second & osg::StateAttribute::OVERRIDE) != 0;
    }
    float seconds = 0.0f;
    if (current)
        current->get(seconds);
    return seconds;
}

} // namespace

std::optional<PickResult> Picker::pick(const osg::Camera& camera, osg::Node* scene, double x, double yFromTop)
{
    const osg::Viewport* viewport = camera.getViewport();
    if (!scene || !viewport)
        return std::nullopt;

    // Project a window point back through the camera: near and far plane points in the world.
    const double winX = viewport->x() + x;
    const double winY = viewport->y() + viewport->height() - yFromTop;
    const osg::Matrixd toWindow =
        camera.getViewMatrix() * camera.getProjectionMatrix() * viewport->computeWindowMatrix();
    const osg::Matrixd fromWindow = osg::Matrixd::inverse(toWindow);
    const osg::Vec3d start = osg::Vec3d(winX, winY, 0.0) * fromWindow;
    const osg::Vec3d end = osg::Vec3d(winX, winY, 1.0) * fromWindow;

    using Intersection = osgUtil::LineSegmentIntersector::Intersection;
    auto intersect = [&](osgUtil::Intersector::IntersectionLimit limit) {
        osg::ref_ptr<osgUtil::LineSegmentIntersector> intersector =
            new osgUtil::LineSegmentIntersector(osgUtil::Intersector::MODEL, start, end);
        intersector->setIntersectionLimit(limit);
        osgUtil::IntersectionVisitor visitor(intersector.get());
        scene->accept(visitor);
        return intersector;
    };
    // Not on screen: features the user hid or that do not exist at the scene time
    // (scene/FeatureTimes.h), and terrain/buildings/models inside the cut-away (scene/CutAway.h),
    // all discarded by their shaders, so a click reaches what shows behind.
    auto hidden = [](const Intersection& i) {
        if (!i.indexList.empty()) {
            const osg::Drawable* drawable = i.drawable.get();
            const unsigned vertex = i.indexList.front();
            if (featureHiddenAt(drawable, vertex) ||
                featureTimedOutAt(drawable, vertex, sceneSecondsOn(i.nodePath)))
                return true;
        }
        return cutAwayOnPath(i.nodePath, i.getWorldIntersectPoint());
    };
    // The nearest hit is the usual answer; only when it is not on screen are all hits along the
    // ray collected to find what shows.
    osg::ref_ptr<osgUtil::LineSegmentIntersector> intersector = intersect(osgUtil::Intersector::LIMIT_NEAREST);
    if (!intersector->containsIntersections())
        return std::nullopt;
    std::optional<Intersection> found = intersector->getFirstIntersection();
    if (hidden(*found)) {
        intersector = intersect(osgUtil::Intersector::NO_LIMIT);
        found.reset();
        for (const Intersection& i : intersector->getIntersections()) {
            if (!hidden(i)) {
                found = i;
                break;
            }
        }
        if (!found)
            return std::nullopt;
    }
    const Intersection& hit = *found;
    PickResult result;
    const osg::Vec3d p = hit.getWorldIntersectPoint();
    result.point = {p.x(), p.y(), p.z()};
    result.layer = CityScene::layerIdOf(hit.nodePath);
    if (!hit.indexList.empty())
        result.featureId = featureIdAt(hit.drawable.get(), hit.indexList.front());
    for (auto it = hit.nodePath.rbegin(); it != hit.nodePath.rend(); ++it) {
        double layerValue = 0;
        if ((*it)->getUserValue("citytwin.layerId", layerValue))
            break; // the layer group itself is named after the kind
        if (!(*it)->getName().empty()) {
            result.nodeName = QString::fromStdString((*it)->getName());
            break;
        }
    }
    return result;
}

} // namespace citytwin::scene

namespace citytwin::scene {

namespace {

//! Walks visible nodes (node mask), skipping time chunks inactive at the given time, and tests
//! every marker vertex alive at that time against the cursor in window coordinates.
class MarkerPickVisitor : public osg::NodeVisitor
{
public:
    MarkerPickVisitor(const osg::Matrixd& toWindow, const osg::Vec2d& cursor, double seconds, double radiusPx)
        : osg::NodeVisitor(TRAVERSE_ACTIVE_CHILDREN), m_toWindow(toWindow), m_cursor(cursor),
          m_seconds(seconds), m_bestDistance2(radiusPx * radiusPx)
    {
    }

    void apply(osg::Node& node) override
    {
        if (auto* chunk = dynamic_cast<const TimeChunkCallback*>(node.getCullCallback());
            chunk && !chunk->isActiveAt(m_seconds))
            return;
        traverse(node);
    }

    void apply(osg::Geometry& geom) override
    {
        const FeatureIdTable* ids = featureIdTable(&geom);
        const auto* positions = dynamic_cast<const osg::Vec3Array*>(geom.getVertexArray());
        const auto* life =
            dynamic_cast<const osg::Vec4Array*>(geom.getVertexAttribArray(attrib::kEventLifecycle));
        const auto* close =
            dynamic_cast<const osg::Vec2Array*>(geom.getVertexAttribArray(attrib::kEventCloseSeverity));
        if (!ids || !positions || !life || !close || geom.getNumPrimitiveSets() == 0 ||
            geom.getPrimitiveSet(0)->getMode() != GL_POINTS)
            return;
        const osg::Matrixd toWorld = osg::computeLocalToWorld(getNodePath());
        const osg::Matrixd toWindow = toWorld * m_toWindow;
        const float t = float(m_seconds); // the shader compares in float too
        for (unsigned i = 0; i < positions->size(); ++i) {
            if (t < (*life)[i].x() || t >= (*close)[i].x())
                continue;
            const osg::Vec3d win = osg::Vec3d((*positions)[i]) * toWindow;
            if (win.z() < 0.0 || win.z() > 1.0)
                continue; // behind the eye or beyond the far plane
            const double d2 = (osg::Vec2d(win.x(), win.y()) - m_cursor).length2();
            if (d2 <= m_bestDistance2) {
                m_bestDistance2 = d2;
                PickResult r;
                const osg::Vec3d p = osg::Vec3d((*positions)[i]) * toWorld;
                r.point = {p.x(), p.y(), p.z()};
                r.layer = CityScene::layerIdOf(getNodePath());
                r.featureId = ids->featureAtVertex(i);
                best = r;
            }
        }
    }

    std::optional<PickResult> best;

private:
    osg::Matrixd m_toWindow;
    osg::Vec2d m_cursor;
    double m_seconds;
    double m_bestDistance2;
};

} // namespace

std::optional<PickResult> Picker::pickMarker(const osg::Camera& camera, osg::Node* scene, double x,
                                             double yFromTop, double seconds, double radiusPx)
{
    const osg::Viewport* viewport = camera.getViewport();
    if (!scene || !viewport)
        return std::nullopt;
    const osg::Matrixd toWindow =
        camera.getViewMatrix() * camera.getProjectionMatrix() * viewport->computeWindowMatrix();
    const osg::Vec2d cursor(viewport->x() + x, viewport->y() + viewport->height() - yFromTop);
    MarkerPickVisitor visitor(toWindow, cursor, seconds, radiusPx);
    scene->accept(visitor);
    return visitor.best;
}

} // namespace citytwin::scene
