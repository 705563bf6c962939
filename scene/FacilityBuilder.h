#pragma once

#include "data/Points.h"
#include "data/UndergroundFeatures.h"

#include <osg/Node>
#include <osg/Vec3f>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

struct FacilitiesOptions
{
    double chunkSizeM = 1500.0;    //!< facilities are merged into one geometry per chunk and level
    int nearSides = 16;            //!< sides of a shaft near the camera
    int farSides = 6;              //!< sides beyond nearRangeM
    double nearRangeM = 400.0;     //!< full-detail shafts closer than this (osg::LOD per chunk)
    double coverOverhangM = 0.1;   //!< the cover disc is this much wider than the shaft on each side
    double coverThicknessM = 0.08; //!< half above, half below the surface
    double hydrantPostM = 0.75;    //!< a hydrant's riser above the surface
    osg::Vec3f coverColour{0.16f, 0.16f, 0.17f};
    osg::Vec3f highlightColour{1.00f, 0.85f, 0.20f};
};

//! Point facilities as vertical shafts: a cylinder of diameterM from the surface (position.z,
//! must be finite) down depthM (NaN or <= 0: 2 m), coloured by data::pointFacilityColour, under
//! a slightly wider dark cover disc centred on the surface; hydrants also get a riser above the
//! surface. Every facility of the layer is merged into one Geometry per chunk and level of detail
//! (an osg::LOD per chunk: nearSides near, farSides far; ranges widened by the chunk's half
//! diagonal like buildPipes), float vertices relative to the chunk centre, each Geometry with a
//! FeatureIdTable (PointFacility::id) so Picker, FeatureStyler and highlighting work. Shaft
//! vertices lie on the cylinder of radius diameterM/2 around the vertical through position.
//! Facilities with a non-finite position are skipped. No GL: runs on workers.
osg::ref_ptr<osg::Node> buildFacilities(const std::vector<data::PointFacility>& facilities,
                                        const data::ProjectedPoint& origin,
                                        const FacilitiesOptions& options = {});

//! Shaft depth buildFacilities() uses for FACILITY: depthM when positive and finite, else 2 m.
double shaftDepth(const data::PointFacility& facility);

} // namespace citytwin::scene
