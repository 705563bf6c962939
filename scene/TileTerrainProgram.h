#pragma once

#include <osg/Program>
#include <osg/ref_ptr>

namespace citytwin::scene {

//! The paged terrain program (shaders/tileterrain.*) compiled for LAYERCOUNT imagery slots
//! (0..kMaxImageryLayers): slots above it are not in the shader at all. Cached per count.
osg::ref_ptr<osg::Program> tileTerrainProgram(int layerCount);

} // namespace citytwin::scene
