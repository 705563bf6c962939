#pragma once

#include "data/Features.h"
#include "data/Overlays.h"
#include "data/Points.h"
#include "data/SensorAlarms.h"
#include "data/Time.h"
#include "scene/EventMarkerFilter.h"

#include <cstdint>
#include <optional>
#include <osg/Node>
#include <osg/Vec3f>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

//! Builders turn data/ values into detached OSG subgraphs. They make no GL calls and touch no
//! live graph, so they run on worker threads; app/ merges the result on the main thread.
//! Vertices are floats relative to ORIGIN (the project origin) or to a chunk's own transform.
//! Every builder's node carries its own default uniforms (ct_opacity 1, ct_time 0), so it also
//! renders outside a CityScene; CityScene overrides opacity and time from above.
//! The basemap terrain is no builder's: it is the paged scene::TileEngine (scene/TileEngine.h,
//! with setTerrainGroundOpacity), attached with CityScene::setTerrain().

struct BuildingsOptions
{
    double chunkSizeM = 1000.0;  //!< buildings are merged into one geometry per chunk of this size
    double defaultHeightM = 3.0; //!< used for footprints with no height (<= 0)
    osg::Vec3f wallColour{0.86f, 0.84f, 0.80f};
    osg::Vec3f roofColour{0.60f, 0.58f, 0.56f};
    osg::Vec3f highlightColour{1.00f, 0.85f, 0.20f}; //!< amber: stands out on imagery and sky
};
//! Extruded buildings merged per spatial chunk, with a per-vertex feature id (Footprint::id)
//! for picking/highlighting; walls and roofs shaded differently. Footprint baseZ must be draped.
//! Each chunk is a MatrixTransform (chunk centre) > Geode > one Geometry whose user data is a
//! FeatureIdTable (scene/FeatureId.h). Concave roofs and holes are tessellated.
osg::ref_ptr<osg::Node> buildBuildings(const std::vector<data::Footprint>& footprints,
                                       const data::ProjectedPoint& origin,
                                       const BuildingsOptions& options = {});
//! Highlights feature ID in a node from buildBuildings() (shader uniform; nullopt clears).
//! The GPU compares float ids: exact up to 2^24.
void setBuildingsHighlight(osg::Node* buildings, std::optional<std::int64_t> id);

//! Events per marker chunk: small enough that culling by time skips most of a long history,
//! large enough to keep draw calls low.
inline constexpr int kEventsPerChunk = 1024;
//! Base marker diameter in pixels (severity 1 is 100 %, severity 4 is 145 %); beyond 1.5 km from
//! the eye markers shrink with distance down to 40 %.
inline constexpr float kEventMarkerSizePx = 16.0f;

//! Event markers: point sprites chunked by reported time (closed and still-open events in
//! separate chunks, so an open event does not keep old chunks alive), each vertex carrying its lifecycle
//! times relative to EPOCH; the shader hides/colours them against the scene time uniform and
//! chunks outside the current time are culled. Event positions must have their z draped.
//! Events without a reported time are skipped. Each chunk is a Geode with a TimeChunkCallback.
//! Markers are overlays: drawn last without depth test, so buildings and slopes never hide them.
//! Each chunk geometry carries a FeatureIdTable (vertex i = one event id) for Picker::pickMarker().
osg::ref_ptr<osg::Node> buildEventMarkers(const std::vector<data::Event>& events,
                                          const data::ProjectedPoint& origin, data::TimeMs epoch);

//! How an events layer starts: window/accumulate (data::TemporalSettings::accumulate) and filter.
struct EventMarkerOptions
{
    bool accumulate = false; //!< true: events stay after they close, in a muted grey
    EventFilter filter;
};
//! buildEventMarkers() with OPTIONS. Markers have a sprite shape per category family
//! (eventIconOf()); the node's user data is a scene::EventMarkerLayer (scene/EventMarkerLayer.h),
//! which the functions below use. Filters and the mode are uniforms: changing them rebuilds nothing.
osg::ref_ptr<osg::Node> buildEventMarkers(const std::vector<data::Event>& events,
                                          const data::ProjectedPoint& origin, data::TimeMs epoch,
                                          const EventMarkerOptions& options);
//! Live mode: adds EVENTS to EVENTSLAYER (the node buildEventMarkers() returned, or the
//! CityScene layer group holding it) as new chunks. An id already in the layer (or repeated in
//! EVENTS: the last row wins) hides its old marker, so a lifecycle update replaces it. EPOCH
//! and ORIGIN must be the layer's. Main thread, between frames. False when EVENTSLAYER is no events layer.
bool appendEventMarkers(osg::Node* eventsLayer, const std::vector<data::Event>& events,
                        const data::ProjectedPoint& origin, data::TimeMs epoch);
//! Applies FILTER (categories, minimum severity, states) to an events layer on the GPU.
bool setEventFilter(osg::Node* eventsLayer, const EventFilter& filter);
//! Window (false: only events existing now) or accumulate (true: everything reported so far;
//! closed events in grey) for an events layer.
bool setEventAccumulate(osg::Node* eventsLayer, bool accumulate);

//! Base asset marker size in pixels (shrinks with distance like the event markers).
inline constexpr float kAssetMarkerSizePx = 12.0f;
//! Marker colour of an asset type: CCTV blue, sensor purple, hydrant crimson, shelter teal
//! green, other grey (all apart from the event state colours).
osg::Vec3f assetMarkerColour(data::AssetType type);
//! Asset markers: one point-sprite geometry for all ASSETS (one draw call), colour and shape by
//! type (CCTV square, sensor diamond, shelter triangle, hydrant/other circle, white rim).
//! Positions must have their z draped. Overlays like event markers (no depth test), drawn
//! before them. The geometry carries a FeatureIdTable (vertex i = asset i's id).
//! Structure: Geode (state, uniforms) > Geometry (absent when ASSETS is empty).
osg::ref_ptr<osg::Node> buildAssetMarkers(const std::vector<data::Asset>& assets,
                                          const data::ProjectedPoint& origin);
//! Asset markers whose sensors turn flashing red while in alarm (ALARMS, from their readings
//! and thresholds) at the scene time: the Geode's user data is a scene::AssetAlarmLayer
//! (scene/AssetAlarmLayer.h; a SceneTimeListener), which also takes live readings. Times are
//! relative to EPOCH (the scene's).
osg::ref_ptr<osg::Node> buildAssetMarkers(const std::vector<data::Asset>& assets,
                                          const data::ProjectedPoint& origin, data::SensorAlarms alarms,
                                          data::TimeMs epoch);

} // namespace citytwin::scene
