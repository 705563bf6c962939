#include "scene/FrameStats.h"

#include <algorithm>
#include <osgUtil/SceneView>
#include <osgUtil/Statistics>
#include <osgViewer/Renderer>

namespace citytwin::scene {

FrameStats frameStats(osg::Camera* camera)
{
    FrameStats out;
    auto* renderer = camera ? dynamic_cast<osgViewer::Renderer*>(camera->getRenderer()) : nullptr;
    osgUtil::SceneView* sceneView = renderer ? renderer->getSceneView(0) : nullptr;
    if (!sceneView)
        return out;
    osgUtil::Statistics st;
    st.setType(osgUtil::Statistics::STAT_PRIMS);
    sceneView->getStats(st);
    out.drawCalls = unsigned(std::max(st.numDrawables, 0));
    for (const auto& [mode, count] : st.getPrimitiveCountMap()) {
        switch (mode) {
        case GL_TRIANGLES:
        case GL_TRIANGLE_STRIP:
        case GL_TRIANGLE_FAN:
        case GL_QUADS:
        case GL_QUAD_STRIP:
        case GL_POLYGON:
            out.triangles += count;
            break;
        default:
            break;
        }
    }
    return out;
}

} // namespace citytwin::scene
