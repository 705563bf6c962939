#include "scene/Picker.h"

#include "scene/CityScene.h"
#include "scene/FeatureId.h"

#include <osg/Viewport>
#include <osgUtil/IntersectionVisitor>
#include <osgUtil/LineSegmentIntersector>

namespace citytwin::scene {

std::optional<PickResult> Picker::pick(const osg::Camera& camera, osg::Node* scene, double x, double yFromTop)
{
    const osg::Viewport* viewport = camera.getViewport();
    if (!scene || !viewport)
        return std::nullopt;

    // Project a window point back through the camera: near and far plane points in the world.
    const double winX = viewport->x() + x;
    const double winY = viewport->y() + viewport->height() - yFromTop;
    const osg::Matrixd toWindow = camera.getViewMatrix() * camera.getProjectionMatrix() * viewport->computeWindowMatrix();
    const osg::Matrixd fromWindow = osg::Matrixd::inverse(toWindow);
    const osg::Vec3d start = osg::Vec3d(winX, winY, 0.0) * fromWindow;
    const osg::Vec3d end = osg::Vec3d(winX, winY, 1.0) * fromWindow;

    osg::ref_ptr<osgUtil::LineSegmentIntersector> intersector =
        new osgUtil::LineSegmentIntersector(osgUtil::Intersector::MODEL, start, end);
    intersector->setIntersectionLimit(osgUtil::Intersector::LIMIT_NEAREST);
    osgUtil::IntersectionVisitor visitor(intersector.get());
    scene->accept(visitor);
    if (!intersector->containsIntersections())
        return std::nullopt;

    const osgUtil::LineSegmentIntersector::Intersection& hit = intersector->getFirstIntersection();
    PickResult result;
    const osg::Vec3d p = hit.getWorldIntersectPoint();
    result.point = {p.x(), p.y(), p.z()};
    result.layer = CityScene::layerIdOf(hit.nodePath);
    if (!hit.indexList.empty())
        result.featureId = featureIdAt(hit.drawable.get(), hit.indexList.front());
    return result;
}

} // namespace citytwin::scene
