#pragma once

#include "data/Features.h"
#include "data/Points.h"

#include <osg/Node>
#include <osg/Vec3f>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

struct PipesOptions
{
    double chunkSizeM = 500.0;   //!< pipes are merged into one geometry per chunk (by segment midpoint)
    int roundSegments = 12;      //!< sides of a round tube near the camera
    int farRoundSegments = 4;    //!< sides beyond nearRangeM
    double nearRangeM = 400.0;   //!< full-detail tubes closer than this (osg::LOD per chunk)
    double lineRangeM = 3000.0;  //!< beyond this a chunk draws its centre lines only
    osg::Vec3f highlightColour{1.00f, 0.85f, 0.20f};
};

//! Pipes as 3D tubes (round: a ring of ROUNDSEGMENTS vertices around the centre line, mitred at
//! the joints so consecutive segments share rings; box: four faces of width × height, flat
//! shaded) whose centre lines are the pipes' points (z must be set: absolute centre elevation).
//! Coloured by data::pipeNetworkColour(network). LOD ranges count from the chunk's centre,
//! widened by the chunk's horizontal half-diagonal, so every pipe within nearRangeM of the eye
//! is at full detail. Merged per chunk into one Geometry per level of
//! detail under an osg::LOD (near tubes, far tubes, lines), float vertices relative to the chunk
//! centre, each Geometry carrying a FeatureIdTable (PipeLine::id) so Picker, FeatureStyler
//! (colour by age/material, hide) and highlighting work as for buildings. Vertices of a round
//! tube lie on the cylinder of radius diameter/2 around the centre line (within float precision).
//! Pipes with fewer than 2 points or a non-finite z are skipped. No GL: runs on workers.
osg::ref_ptr<osg::Node> buildPipes(const std::vector<data::PipeLine>& pipes, const data::ProjectedPoint& origin,
                                   const PipesOptions& options = {});

} // namespace citytwin::scene
