#pragma once

#include "app/SectionAnalysis.h"
#include "data/Points.h"

#include <osg/Node>
#include <osg/ref_ptr>

namespace citytwin::app {

//! How high the section line floats over the ground in 3D, so it stays visible over buildings' feet.
inline constexpr double kSectionLiftM = 2.0;

//! The section in 3D for the scene's analysis group: node "section" holding the line lifted
//! kSectionLiftM above the ground and a translucent vertical curtain from it down to 1 m below the
//! deepest crossing (10 m below the lowest ground without any). Local frame (projected − ORIGIN).
osg::ref_ptr<osg::Node> buildSectionCurtain(const SectionResult& section, const data::ProjectedPoint& origin);

} // namespace citytwin::app
