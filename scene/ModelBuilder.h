#pragma once

#include "data/Model.h"
#include "data/Points.h"

#include <osg/Node>
#include <osg/Vec3f>
#include <osg/ref_ptr>

namespace citytwin::scene {

struct ModelBuildOptions
{
    double chunkSizeM = 500.0; //!< meshes are merged into one geometry per (chunk, texture, translucency)
    osg::Vec3f highlightColour{1.00f, 0.85f, 0.20f}; //!< same amber as buildings
};

//! A model (CityGML/IFC/glTF/3D Tiles content) as few merged geometries: meshes are grouped by
//! spatial chunk (their anchor), texture and opaque/translucent, each group one osg::Geometry
//! under a MatrixTransform at the group's centre (float vertices relative to it) with
//! per-vertex normals, colours (mesh colour), texture coordinates when textured, and a
//! FeatureIdTable (scene/FeatureId.h; vertices are ordered by feature so ranges are contiguous)
//! for Picker and highlighting. Translucent groups go to the transparent bin without depth writes.
//! Lighting, highlight (setFeatureHighlight) and feature styling (scene/FeatureStyler.h) are
//! done by the model shader (shaders/model.*), which honours the ct_opacity uniform like every
//! layer. The returned node carries a ModelFeatureIndex with MODEL's features as user data.
//! No GL calls: runs on worker threads.
osg::ref_ptr<osg::Node> buildModel(const data::Model& model, const data::ProjectedPoint& origin,
                                   const ModelBuildOptions& options = {});

} // namespace citytwin::scene
