#pragma once

#include <cstdint>
#include <optional>
#include <osg/Vec4f>
#include <unordered_map>
#include <unordered_set>

namespace osg {
class Drawable;
class Node;
} // namespace osg

namespace citytwin::scene {

//! Styling of merged feature geometry without a rebuild: works on every geometry under NODE that
//! carries a FeatureIdTable (buildBuildings() and buildModel() output, TilesetNode tiles).
//! Colours and hiding write one per-vertex RGBA8 attribute ("ct_style": rgb = colour, a = 255
//! override / 128 keep the base colour / 0 hidden, discarded by the shader) created on first
//! use; the uniform ct_styled turns it on. O(vertices) per call, main thread only.

//! Gives the features in COLOURS (RGBA 0..1) those colours; every other feature keeps its base
//! colour. An empty map restores every base colour. Hidden features stay hidden.
void setFeatureColours(osg::Node* node, const std::unordered_map<std::int64_t, osg::Vec4f>& colours);
//! Hides exactly the features in HIDDEN (an empty set shows all). Colours are kept.
void setFeaturesHidden(osg::Node* node, const std::unordered_set<std::int64_t>& hidden);
//! Draws NODE's polygons as lines (polygon mode) or filled again.
void setWireframe(osg::Node* node, bool wireframe);
//! Highlights feature ID under NODE (buildings or models; uniform, no rebuild); nullopt clears.
void setFeatureHighlight(osg::Node* node, std::optional<std::int64_t> id);
//! Whether vertex VERTEXINDEX of DRAWABLE belongs to a feature that setFeaturesHidden() hid
//! (for pickers: a ray should pass through hidden features, e.g. other storeys).
bool featureHiddenAt(const osg::Drawable* drawable, unsigned vertexIndex);

} // namespace citytwin::scene
