#pragma once

#include "scene/Shaders.h"

#include <osg/Program>
#include <osg/StateSet>
#include <osg/Vec3f>
#include <osg/ref_ptr>

namespace citytwin::scene {

//! Vertex attribute locations of the feature programs (buildings, models). 6 and 7 are the
//! only generic locations below the texture-coordinate aliases (8..15 on NVIDIA's
//! compatibility driver) that OSG's fixed-function aliases (0..5) leave free.
namespace featureAttrib {
inline constexpr unsigned kFeatureId = attrib::kFeatureId; //!< float feature id
inline constexpr unsigned kStyle = attrib::kFeatureStyle;  //!< RGBA8 normalised: ct_style
} // namespace featureAttrib

//! The program of the embedded shaders VERT+FRAG with ct_featureId and ct_style bound to their
//! locations. Cached by name pair and shared; safe from worker threads.
osg::ref_ptr<osg::Program> makeFeatureProgram(const char* vertName, const char* fragName);

//! The uniforms every feature program reads, at their defaults, on SS: ct_opacity 1,
//! ct_highlightId -1 (none), ct_highlightColour, ct_styled false, ct_timed false,
//! ct_timeAccumulate false, ct_time 0 (scene/FeatureTimes.h). ct_styled and ct_timed must be set
//! on a parent of every styled/timed geometry: OSG keeps a program's uniform values between draws.
void addFeatureUniforms(osg::StateSet& ss, const osg::Vec3f& highlightColour);

} // namespace citytwin::scene
