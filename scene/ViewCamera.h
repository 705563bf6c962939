#pragma once

#include "data/SavedView.h"

#include <osg/Camera>
#include <osg/Node>

namespace citytwin::scene {

//! Points CAMERA along VIEW with a FOVYDEG perspective of ASPECT whose near/far planes enclose
//! ROOT's bound (with a sane ratio for a 24-bit depth buffer). Shared by every renderer that
//! draws a saved view without a manipulator (offscreen renders, benchmarks).
void applyViewToCamera(osg::Camera& camera, const osg::Node& root, const data::SavedView& view, double fovyDeg,
                       double aspect);

} // namespace citytwin::scene
