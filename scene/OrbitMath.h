#pragma once

#include "data/Points.h"
#include "data/SavedView.h"

#include <optional>
#include <osg/Matrixd>
#include <osg/Vec3d>

namespace citytwin::scene::orbit {

//! Orbit camera maths shared by OrbitManipulator and OffscreenRenderer (pure, no GL).
//! Local frame: x east, y north, z up. Heading 0 looks north, 90 east; pitch < 0 looks down.

//! Unit vector from the eye towards the target.
osg::Vec3d lookDirection(double headingDeg, double pitchDeg);
//! Camera up vector: perpendicular to the look direction, in its vertical plane (well defined
//! at pitch -90, where the screen top points along the heading).
osg::Vec3d upDirection(double headingDeg, double pitchDeg);
osg::Vec3d toVec(const data::LocalPoint& p);
data::LocalPoint toLocal(const osg::Vec3d& v);

osg::Vec3d eyePosition(const data::SavedView& view);
//! World (local frame) to eye: the camera's view matrix.
osg::Matrixd viewMatrix(const data::SavedView& view);
//! Eye to world: the camera's position/orientation (inverse of viewMatrix).
osg::Matrixd cameraMatrix(const data::SavedView& view);
//! The view whose cameraMatrix() is CAMERA, with its target RANGEM in front of the eye.
//! Name and time are left empty.
data::SavedView viewFromCameraMatrix(const osg::Matrixd& camera, double rangeM);

//! Scales the view about POINT by FACTOR (< 1 moves closer): POINT keeps its screen position.
data::SavedView zoomedTowards(const data::SavedView& view, const data::LocalPoint& point, double factor);
//! Moves the target on the horizontal plane by RIGHTM along the screen's right and FORWARDM
//! along the heading.
data::SavedView panned(const data::SavedView& view, double rightM, double forwardM);
//! Eased interpolation A→B at T in [0,1]; heading takes the short way round.
data::SavedView interpolated(const data::SavedView& a, const data::SavedView& b, double t);
//! Heading wrapped into [0, 360).
double normalizedHeading(double headingDeg);

//! Where the ray ORIGIN + s*DIR (s > 0) meets the plane z = PLANEZ.
std::optional<osg::Vec3d> intersectHorizontalPlane(const osg::Vec3d& origin, const osg::Vec3d& dir,
                                                   double planeZ);

} // namespace citytwin::scene::orbit
