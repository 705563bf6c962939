#pragma once

#include "data/Features.h"
#include "data/Overlays.h"
#include "data/Points.h"
#include "data/Rasters.h"
#include "data/Time.h"

#include <osg/Node>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

//! Builders turn data/ values into detached OSG subgraphs. They make no GL calls and touch no
//! live graph, so they run on worker threads; app/ merges the result on the main thread.
//! Vertices are floats relative to ORIGIN (the project origin) or to a chunk's own transform.

struct TerrainOptions
{
    int maxGridSize = 512;         //!< decimate the DEM to at most this many vertices a side
    double verticalScale = 1.0;
    double skirtDepthM = 20.0;
};
//! Terrain mesh from the DEM, draped with IMAGERY (may be null: shaded by height).
osg::ref_ptr<osg::Node> buildTerrain(const data::ElevationGrid& dem, const data::ImageRaster* imagery,
                                     const data::ProjectedPoint& origin, const TerrainOptions& options = {});

struct BuildingsOptions
{
    double chunkSizeM = 500.0; //!< buildings are merged into one geometry per chunk of this size
};
//! Extruded buildings merged per spatial chunk, with a per-vertex feature id (Footprint::id)
//! for picking/highlighting; walls and roofs shaded differently. Footprint baseZ must be draped.
osg::ref_ptr<osg::Node> buildBuildings(const std::vector<data::Footprint>& footprints,
                                       const data::ProjectedPoint& origin, const BuildingsOptions& options = {});

//! Event markers: point sprites chunked by reported time, each vertex carrying its lifecycle
//! times relative to EPOCH; the shader hides/colours them against the scene time uniform and
//! chunks outside the current time are culled. Event positions must have their z draped.
osg::ref_ptr<osg::Node> buildEventMarkers(const std::vector<data::Event>& events,
                                          const data::ProjectedPoint& origin, data::TimeMs epoch);

} // namespace citytwin::scene
