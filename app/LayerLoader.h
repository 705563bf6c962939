#pragma once

#include "data/Features.h"
#include "data/LayerSettings.h"
#include "data/Model.h"
#include "data/Points.h"
#include "data/Rasters.h"
#include "data/Result.h"
#include "data/Time.h"
#include "gis/PipeReader.h"

#include <QString>
#include <atomic>
#include <memory>
#include <optional>
#include <osg/Node>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::data {
class ProjectStore;
}

namespace citytwin::app {

//! The per-kind load + build jobs of ProjectSession's pipeline. Every function here is a
//! self-contained job for a worker thread: it opens its own GDAL datasets / ProjectStore,
//! reads, builds a detached OSG subgraph and touches nothing shared.
namespace loader {

//! Largest whole-DEM grid loaded for draping buildings and the cursor height (cells a side).
inline constexpr int kMaxDemCells = 1024;

//! Everything a job needs to know about the project, copied so the job owns it.
struct JobContext
{
    QString projectFile;                      //!< the *.citytwin file (overlay jobs open it read-only)
    QString crs;                              //!< project CRS
    data::ProjectedPoint origin;              //!< local frame origin
    data::TimeMs epoch = 0;                   //!< scene epoch for time-aware builders
    std::shared_ptr<std::atomic_bool> cancel; //!< set when the session abandons the load

    bool cancelled() const { return cancel && cancel->load(); }
};

using NodeResult = data::Result<osg::ref_ptr<osg::Node>>;

//! A layer's source as a file path: relative URIs resolve against the project file's folder;
//! "store:…" URIs and URLs come back unchanged.
QString resolveSource(const QString& uri, const QString& projectFile);

//! Reads the DEM of an elevation layer (at most kMaxDemCells a side) in the project CRS.
data::Result<data::ElevationGrid> loadElevation(const data::LayerSettings& layer, const JobContext& ctx);

//! Reads footprints, drapes them on DEM (may be null: base 0) and builds the buildings node.
NodeResult loadBuildings(const data::LayerSettings& layer, const JobContext& ctx,
                         const data::ElevationGrid* dem);

// Overlays (people, events, assets) stand on the ground: imported rows carry no height (z 0) and
// are put on DEM (may be null); rows with a height (the demo's: terrain, or a camera's pole top)
// keep it.

//! Reads the events of the project store and builds the event markers node (LayerLoaderOverlays.cpp).
NodeResult loadEvents(const data::LayerSettings& layer, const JobContext& ctx, const data::ElevationGrid* dem);

//! Reads the assets of the project store (source 'store:assets') and builds their markers.
NodeResult loadAssets(const data::LayerSettings& layer, const JobContext& ctx, const data::ElevationGrid* dem);

//! Reads the people and their GPS tracks (source 'store:people') and builds the people layer
//! (scene::PeopleLayer, driven by the scene time; LayerLoaderPeople.cpp).
NodeResult loadPeople(const data::LayerSettings& layer, const JobContext& ctx, const data::ElevationGrid* dem);

//! The status of a job the user cancelled.
data::Status cancelledStatus();
//! Overlay tables live in the project file only: LAYER must name STOREURI (e.g. "store:assets");
//! WHAT names the kind in the error.
data::Status checkStoreSource(const data::LayerSettings& layer, const char* storeUri, const QString& what);
//! The prologue of every overlay job: checks LAYER's source is STOREURI (WHAT names the kind in
//! the error), then opens the project store read-only on this thread (SQLite connections are not
//! shared between threads, so each job has its own).
data::Result<std::unique_ptr<data::ProjectStore>> openStoreSource(const data::LayerSettings& layer,
                                                                  const JobContext& ctx, const char* storeUri,
                                                                  const QString& what);
//! Sets P's z to the height of DEM under it when P has none (z 0); unchanged without a DEM or off it.
void putOnGround(data::ProjectedPoint& p, const data::ElevationGrid* dem);

//! Reads a model layer's source and builds its node. The format comes from the style ("format")
//! or the file. CityGML/IFC/glTF are read whole and built with scene::buildModel (a
//! ModelFeatureIndex on the node); a 3D Tiles tileset becomes a paged scene::TilesetNode whose
//! content its own workers read later; an oblique (OSGB) dataset becomes its root tiles, paged
//! further by OSG. The style's "placement" (data::ModelPlacement) places local models; with
//! heightFromTerrain the height is DEM's at the placement origin (0 without a DEM).
NodeResult loadModel(const data::LayerSettings& layer, const JobContext& ctx, const data::ElevationGrid* dem);

//! Reads a pipe network (OGR lines, mapped by the style's "pipeMapping", see data/PipeMapping.h),
//! puts pipes without elevations at terrain − depth on DEM (0 − depth without a DEM) and builds
//! the tubes. Features the reader skipped are summed up in the node's user value
//! kLayerWarningKey ("12 of 1,156 pipes skipped: feature 3: negative depth …").
NodeResult loadPipes(const data::LayerSettings& layer, const JobContext& ctx, const data::ElevationGrid* dem);

//! Reads pipe layer LAYER and hangs it under DEM (what loadPipes draws): the centre lines with
//! absolute z. Fails like loadPipes (missing file, no pipes to draw).
data::Result<gis::PipeReadResult> readLayerPipes(const data::LayerSettings& layer, const JobContext& ctx,
                                                const data::ElevationGrid* dem);

//! Reads point facilities (manholes/wells, valves, hydrants: OGR points, fields guessed by
//! gis::readPointFacilities), puts them on DEM and builds their shafts: from the surface down to
//! the deepest pipe of PIPELAYERS (the project's pipe layers, read again here) connected to each,
//! else the facility's own depth, else 2 m. Skipped features are summed up in kLayerWarningKey.
NodeResult loadManholes(const data::LayerSettings& layer, const JobContext& ctx, const data::ElevationGrid* dem,
                        const std::vector<data::LayerSettings>& pipeLayers);

//! Reads underground spaces (utility tunnels, parking, shelters: OGR polygons, fields guessed by
//! gis::readUndergroundSpaces), sets their roofs at terrain − top depth on DEM and builds them.
NodeResult loadUndergroundSpaces(const data::LayerSettings& layer, const JobContext& ctx,
                                 const data::ElevationGrid* dem);

//! Pipes without elevations (NaN z) follow DEM (0 without one) at their depth, their segments cut
//! into steps of at most 5 m so the centre line follows the ground; pipes with elevations keep them.
void hangUnderTerrain(std::vector<data::PipeLine>& pipes, const data::ElevationGrid* dem);

//! Node user value (string) where a loader leaves a non-fatal note for the layer panel.
inline constexpr const char* kLayerWarningKey = "citytwin.layerWarning";

//! The placement kept in LAYER's style ("placement"), or nullopt.
std::optional<data::ModelPlacement> layerPlacement(const data::LayerSettings& layer);

//! Sets each footprint's baseZ to the lowest DEM height under it (its vertices and the DEM cells
//! inside it), so no building floats above a slope. Footprints off the DEM keep their baseZ.
void drapeFootprints(std::vector<data::Footprint>& footprints, const data::ElevationGrid& dem);

} // namespace loader
} // namespace citytwin::app
