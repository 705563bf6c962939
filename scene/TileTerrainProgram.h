#pragma once

#include <osg/Program>
#include <osg/State>
#include <osg/ref_ptr>

namespace citytwin::scene {

//! The paged terrain program (shaders/tileterrain.*) compiled for LAYERCOUNT imagery slots
//! (0..kMaxImageryLayers): slots above it are not in the shader at all. Cached per count.
osg::ref_ptr<osg::Program> tileTerrainProgram(int layerCount);

//! Frees every cached variant's GL program of STATE's context. The cache outlives contexts and a
//! variant the scene no longer uses is not reached by releaseGLObjects() on the scene: a later
//! context that reuses the id would otherwise get a dead program name.
void releaseTileTerrainPrograms(osg::State* state);

} // namespace citytwin::scene
