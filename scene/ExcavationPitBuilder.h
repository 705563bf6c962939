#pragma once

#include "scene/CutAway.h"

#include <functional>
#include <osg/Node>
#include <osg/Vec3f>
#include <osg/ref_ptr>

namespace citytwin::scene {

//! Ground height (local frame z) at local (x, y).
using SurfaceHeight = std::function<double(double x, double y)>;

//! Longest wall column step along a pit edge: the wall's top follows the surface at this spacing.
inline constexpr double kPitWallStepM = 2.0;

//! The soil colour DEPTHM metres below the surface (bands: topsoil, clay, silty clay, sand, ...).
osg::Vec3f pitSoilColour(double depthM);
//! The depths (metres below the surface) where the soil bands change, ascending, 0 first; below
//! the last one the two deepest bands alternate every 3 m.
const std::vector<double>& pitSoilBandTops();

//! The walls and floor of excavation PIT: vertical walls along every ring edge from SURFACE's
//! height down to pit.bottomZ, coloured in soil bands by depth below the local surface, and the
//! floor at bottomZ. A Group named "excavationPit" with Geometries "pitWalls" and "pitFloor"
//! (unlit vertex colours, both sides drawn, never cut away). Empty group for an invalid pit.
osg::ref_ptr<osg::Group> buildExcavationPit(const ExcavationPit& pit, const SurfaceHeight& surface);

} // namespace citytwin::scene
