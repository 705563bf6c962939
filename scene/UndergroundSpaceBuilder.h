#pragma once

#include "data/Points.h"
#include "data/UndergroundFeatures.h"

#include <osg/Node>
#include <osg/Vec3f>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

struct UndergroundSpacesOptions
{
    double defaultHeightM = 3.5; //!< for spaces whose heightM is not positive
    osg::Vec3f highlightColour{1.00f, 0.85f, 0.20f};
};

//! Underground spaces as closed prisms: each space's outer ring and holes extruded from its floor
//! (topZ − heightM) up to its roof (topZ, must be finite): walls, a roof facing up and a floor
//! facing down (scene/PolygonTriangulator.h), flat shaded, coloured by
//! data::undergroundSpaceColour(kind). All spaces of a layer are merged into one Geometry (float
//! vertices relative to their centre under an osg::MatrixTransform) with a FeatureIdTable
//! (UndergroundSpace::id) so Picker, FeatureStyler and highlighting work; model shaders like
//! buildPipes. Spaces with fewer than 3 distinct outer points or a non-finite topZ are skipped.
//! No GL: runs on workers.
osg::ref_ptr<osg::Node> buildUndergroundSpaces(const std::vector<data::UndergroundSpace>& spaces,
                                               const data::ProjectedPoint& origin,
                                               const UndergroundSpacesOptions& options = {});

} // namespace citytwin::scene
