#pragma once

#include "data/Status.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace tinygltf {
class Model;
}

namespace citytwin::gis::gltf {

//! Reads accessor ACCESSOR of MODEL as floats, COMPONENTS per element (1 = SCALAR, 2 = VEC2,
//! 3 = VEC3 …; a different accessor type is an error). Float, and integer components (normalised
//! to 0..1 / -1..1 when the accessor says so, else their plain value: KHR_mesh_quantization) are
//! accepted; byteStride and sparse substitution are honoured. Every byte read is checked against
//! its buffer view and buffer first, so a lying file gives an error, never an out-of-bounds read.
//! WHAT names the attribute in messages ("POSITION of mesh 2 primitive 0").
data::Status readFloatAccessor(const tinygltf::Model& model, int accessor, int components,
                               std::vector<float>& out, const QString& what);

//! Reads a SCALAR index accessor (unsigned byte, short or int) into OUT.
data::Status readIndexAccessor(const tinygltf::Model& model, int accessor, std::vector<std::uint32_t>& out,
                               const QString& what);

} // namespace citytwin::gis::gltf
