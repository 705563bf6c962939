#pragma once

#include "data/Model.h"
#include "data/Points.h"
#include "data/Status.h"
#include "gis/GltfScene.h"

#include <QByteArray>
#include <QJsonValue>
#include <cstdint>
#include <vector>

namespace tinygltf {
class Model;
}

namespace citytwin::gis::gltf {

//! One feature per mesh node of SCENE (type "Node", the node's name or "node N", extras
//! entries as attributes), ids continuing after OUT's existing features. Returns the feature
//! id of each glTF node (-1 for nodes without a mesh).
std::vector<std::int64_t> addNodeFeatures(const tinygltf::Model& gltf, const GltfScene& scene,
                                          data::Model& out);

//! COUNT features (ids 0..COUNT-1 after OUT's existing ones) from a 3D Tiles batch table: the
//! values of every JSON array property at the batch id become attributes; binary-body
//! properties are skipped with a warning. A batch table that is not a JSON object is an error.
data::Status addBatchFeatures(const QByteArray& batchTableJson, std::size_t count, const QString& name,
                              data::Model& out);

//! Converts the decoded glTF images the primitives use into OUT's textures; returns the
//! texture index of each glTF image (-1: unused or not decodable).
std::vector<int> addTextures(const tinygltf::Model& gltf, const GltfScene& scene, data::Model& out);

//! Sets MESH's anchor (the centre of POINTS' bounding box) and float positions relative to it.
void setPositions(data::ModelMesh& mesh, const data::ProjectedPoint* points, std::size_t count);

//! Per-vertex feature ids from batch ids: a single id for the whole mesh goes into
//! mesh.feature; ids outside 0..COUNT-1 map to -1 and are counted in BADIDS.
void setBatchFeatures(data::ModelMesh& mesh, const std::vector<float>& batchIds, std::int64_t firstId,
                      std::size_t count, std::size_t& badIds);

//! An attribute's text for a JSON value: strings as they are, numbers without trailing zeros,
//! booleans "true"/"false", null empty, objects and arrays as compact JSON.
QString jsonValueText(const QJsonValue& value);

} // namespace citytwin::gis::gltf
