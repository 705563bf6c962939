#pragma once

#include <osg/Program>
#include <osg/ref_ptr>

namespace citytwin::scene {

//! Source of the embedded shader file NAME (e.g. "event_markers.vert"), or nullptr
//! (generated from shaders/ by cmake/EmbedShaders.cmake).
const char* embeddedShader(const char* name);

//! Generic vertex attribute locations of our shaders. OSG's compatibility build aliases 0..5
//! (vertex, weight, normal, colour, secondary colour, fog) on some drivers, so ours start at 6.
namespace attrib {
inline constexpr unsigned kFeatureId = 6;          //!< buildings: float feature id
inline constexpr unsigned kFeatureStyle = 7;       //!< buildings/models: RGBA8 ct_style, only once styled (FeatureStyler.h)
inline constexpr unsigned kEventLifecycle = 6;     //!< events: vec4 reported/dispatched/onSite/resolved
inline constexpr unsigned kEventCloseSeverity = 7; //!< events: vec2 closed/severity
inline constexpr unsigned kAssetShape = 6;         //!< assets: float shape code (AssetMarkerBuilder.cpp)
inline constexpr unsigned kPersonVisible = 6;      //!< people: float 1 shown, 0 hidden (PeopleLayer)
} // namespace attrib

//! Adds to PROGRAM the shared fragment shaders that fragment source FRAGSOURCE calls: cutaway.frag
//! when it declares ct_cutAway() (scene/CutAway.h). GLSL 1.20 has no #include, so a shared function
//! is a second shader object of the same stage, linked in.
void addSharedFragmentShaders(osg::Program& program, const char* fragSource);

//! Program from two embedded shader files with every custom attribute bound to its location.
//! Programs are cached by name pair and shared (safe to call from worker threads).
//! A missing file is a build bug: it is logged and the program has only the shaders found.
osg::ref_ptr<osg::Program> makeProgram(const char* vertName, const char* fragName);

} // namespace citytwin::scene
