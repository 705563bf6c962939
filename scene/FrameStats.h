#pragma once

#include <osg/Camera>

namespace citytwin::scene {

//! What the last frame of a camera drew: what llvmpipe pays for (ARCHITECTURE.md "Rendering").
struct FrameStats
{
    unsigned drawCalls = 0;             //!< drawables that passed culling
    unsigned long long triangles = 0;   //!< triangles in those drawables (strips/fans/quads counted as triangles)
};

//! Statistics of CAMERA's last cull (its osgViewer::Renderer's scene view); zeros if it has none.
FrameStats frameStats(osg::Camera* camera);

} // namespace citytwin::scene
