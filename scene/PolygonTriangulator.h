#pragma once

#include <osg/Vec2d>
#include <osg/Vec3f>
#include <vector>

namespace citytwin::scene {

//! Triangulates a planar polygon with holes (concave allowed) in the xy plane, for roofs.
//! Rings are open (first != last), any orientation; overlapping rings follow the odd winding
//! rule. Returns triangles as vertex triples (z = 0), each counter-clockwise seen from +z.
//! Uses osgUtil::Tessellator (GLU), which also handles self-touching rings.
std::vector<osg::Vec3f> triangulatePolygon(const std::vector<osg::Vec2d>& outer,
                                           const std::vector<std::vector<osg::Vec2d>>& holes);

//! Twice the signed area of RING (positive when counter-clockwise seen from +z).
double signedArea2(const std::vector<osg::Vec2d>& ring);

} // namespace citytwin::scene
