#pragma once

#include "data/Model.h"
#include "data/RasterSource.h"
#include "data/Result.h"

#include <QStringList>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace tinygltf {
class Model;
struct Image;
} // namespace tinygltf

namespace citytwin::gis::gltf {

//! One glTF primitive of one node instance, triangulated, in the glTF scene's own axes (y up)
//! with the node's world transform applied. Frames (placement, ECEF) are the caller's business.
struct ScenePrimitive
{
    int node = -1;                      //!< the glTF node that instanced it
    std::vector<double> positions;      //!< x,y,z per vertex
    std::vector<float> normals;         //!< x,y,z per vertex, unit length; empty: none
    std::vector<float> texCoords;       //!< u,v per vertex; empty: untextured
    std::vector<float> batchIds;        //!< _BATCHID (or _FEATURE_ID_0) per vertex; empty: none
    std::vector<std::uint32_t> indices; //!< triangles, counter-clockwise
    std::array<float, 4> colour{1.0f, 1.0f, 1.0f, 1.0f}; //!< base colour factor
    int image = -1;                                      //!< glTF image of the base colour texture, -1: none
};

//! The triangles of a glTF scene and which nodes carry meshes.
struct GltfScene
{
    std::vector<ScenePrimitive> primitives;
    std::vector<int> meshNodes; //!< nodes with a mesh, in traversal order (one feature each)
    QStringList warnings;
    int skipped = 0; //!< primitives without triangles (points, lines, no POSITION)
};

//! Walks the default scene (else scene 0, else every root node), applying node transforms
//! (matrix or TRS), and triangulates every primitive (triangles, strips, fans; indexed or not).
//! Accessor problems and indices past the vertex count are errors naming NAME, the mesh and
//! the primitive.
data::Result<GltfScene> collectScene(const tinygltf::Model& model, const QString& name,
                                     const data::CancelToken& cancel);

//! IMAGE as an RGBA8 texture (1–4 channels, 8 or 16 bits); nullopt when it was not decoded.
std::optional<data::ModelTexture> toTexture(const tinygltf::Image& image);

} // namespace citytwin::gis::gltf
