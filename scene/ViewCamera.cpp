#include "scene/ViewCamera.h"

#include "scene/OrbitMath.h"

#include <algorithm>

namespace citytwin::scene {

void applyViewToCamera(osg::Camera& camera, const osg::Node& root, const data::SavedView& view, double fovyDeg,
                       double aspect)
{
    camera.setViewMatrix(orbit::viewMatrix(view));
    double zNear = 1.0, zFar = 1e5;
    if (const osg::BoundingSphere bs = root.getBound(); bs.valid()) {
        const double distance = (osg::Vec3d(bs.center()) - orbit::eyePosition(view)).length();
        zFar = std::max(distance + bs.radius(), 10.0) * 1.01;
        zNear = std::max(distance - bs.radius(), zFar * 1e-4);
    }
    camera.setProjectionMatrixAsPerspective(fovyDeg, aspect, zNear, zFar);
}

} // namespace citytwin::scene
