#pragma once

#include "data/SavedView.h"

#include <osg/BoundingSphere>
#include <osg/Vec3d>

namespace citytwin::app {

//! Eye/centre/up of a camera in the local frame (z up).
struct LookAt
{
    osg::Vec3d eye;
    osg::Vec3d center;
    osg::Vec3d up;
};

//! Orbit view (target, heading, pitch, range) → eye/centre/up. Heading 0 looks north (+y), 90 east (+x);
//! the up vector is derived from the heading so a straight-down view (pitch −90) keeps its heading.
LookAt lookAtFromView(const data::SavedView& view);

//! Inverse of lookAtFromView; NAME and time are left empty.
data::SavedView viewFromLookAt(const LookAt& lookAt);

//! A default overview of BOUND: looking north, 50° down, far enough to see all of it.
data::SavedView overviewOf(const osg::BoundingSphere& bound);

//! Linear/angular interpolation between two views (F in [0,1]) for fly-to animations; heading takes
//! the short way round.
data::SavedView interpolate(const data::SavedView& a, const data::SavedView& b, double f);

} // namespace citytwin::app
