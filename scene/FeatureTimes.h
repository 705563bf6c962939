#pragma once

#include "data/Time.h"
#include "data/TimeRange.h"

#include <cstdint>
#include <unordered_map>

namespace osg {
class Drawable;
class Node;
} // namespace osg

namespace citytwin::scene {

//! Replaying feature layers (buildings, pipes, models, underground spaces): each feature
//! exists during its own time span, tested on the GPU against the scene time uniform ct_time,
//! so moving the timeline rebuilds nothing and touches no vertex.
//!
//! Works on every geometry under NODE carrying a FeatureIdTable (scene/FeatureId.h) and drawn
//! by the feature programs (buildings.vert, model.vert). The spans go into a per-vertex vec2 on
//! texture-coordinate unit kFeatureTimeUnit (start, end in seconds since the scene epoch, as
//! floats: exact to ~1 min across ±30 years, which is what construction/installation dates
//! need), created on first use; the uniform ct_timed turns the test on and
//! ct_timeAccumulate picks the rule. A feature outside its span is clipped whole in the vertex
//! stage, like a hidden feature (FeatureStyler.h), and pickers pass through it.

//! Texture unit holding the per-vertex (start, end) times; free in every feature geometry
//! (models texture on unit 0).
inline constexpr unsigned kFeatureTimeUnit = 3;

//! Sets the time spans of NODE's features: a feature is drawn while start <= ct_time < end
//! (ACCUMULATE: while start <= ct_time, i.e. everything begun so far). A span with
//! end == data::kNoTime is open-ended; a feature without an entry in SPANS is always drawn.
//! EPOCH is the scene's (CityScene::epoch()). O(vertices), main thread, between frames.
//! An empty SPANS clears the times (every feature drawn again, ct_timed false).
void setFeatureTimes(osg::Node* node, const std::unordered_map<std::int64_t, data::TimeRange>& spans,
                     data::TimeMs epoch, bool accumulate);
//! Gives the feature geometry under SUBGRAPH, content attached under NODE after setFeatureTimes()
//! (e.g. a TilesetNode tile merged later), NODE's spans; its rule follows NODE's from then on.
//! Nothing when NODE has no times.
void inheritFeatureTimes(const osg::Node* node, osg::Node* subgraph);
//! Switches NODE's rule between window and accumulate (a uniform: no vertex rewritten).
void setFeatureTimeAccumulate(osg::Node* node, bool accumulate);
//! Whether NODE's features carry times (setFeatureTimes() with a non-empty map).
bool hasFeatureTimes(const osg::Node* node);
//! Whether vertex VERTEXINDEX of DRAWABLE belongs to a feature that is not drawn at scene time
//! SCENESECONDS (seconds since the epoch) because of its span; false for untimed geometry.
//! For pickers, which must not return what the user cannot see.
bool featureTimedOutAt(const osg::Drawable* drawable, unsigned vertexIndex, double sceneSeconds);

} // namespace citytwin::scene
