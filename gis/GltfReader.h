#pragma once

#include "data/Model.h"
#include "data/Result.h"
#include "gis/ModelReader.h"

#include <QByteArray>
#include <array>

namespace citytwin::gis {

//! glTF 2.0 (.gltf + .bin + images, or .glb) via tinygltf: one feature per node with a mesh
//! (type "Node", name, extras as attributes), one ModelMesh per primitive (triangles, strips and
//! fans; points/lines skipped with a warning), node transforms applied, base colour factor and
//! base colour texture kept. glTF is y-up: (x, y, z) → east x, north -z, up y, then placed with
//! options.placement (required: glTF has no georeference). Draco/meshopt-compressed or other
//! required extensions the reader cannot decode are an error naming the extension.
data::Result<data::Model> readGltf(const QString& path, const ModelReadOptions& options);

//! How 3D Tiles content (glTF in ECEF, y-up per the 3D Tiles spec) is brought into the project.
struct EcefContentFrame
{
    std::array<double, 16> tileTransform{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}; //!< accumulated tile transform, column-major, ECEF metres
    QString projectCrs = QStringLiteral("EPSG:4549");
};

//! A GLB held in memory (3D Tiles content): the glTF's y-up axes are turned z-up, the node
//! transforms, RTC_CENTER (CESIUM_RTC or the b3dm feature table's) and FRAME's tile transform
//! applied, then every vertex goes ECEF (EPSG:4978) → project CRS through PROJ. Features:
//! one per batch id (_BATCHID / CESIUM_primitive_outline ignored) with the batch table's
//! values as attributes when BATCHTABLE is a JSON object of arrays; else one per node.
//! NAME is used in messages.
data::Result<data::Model> readGlbContent(const QByteArray& glb, const QString& name, const EcefContentFrame& frame,
                                         const QByteArray& batchTableJson = {}, const QByteArray& featureTableJson = {});

//! A b3dm file's bytes (header, feature table, batch table, GLB) → readGlbContent().
//! Truncated or inconsistent headers are errors naming NAME and the byte offset.
data::Result<data::Model> readB3dm(const QByteArray& bytes, const QString& name, const EcefContentFrame& frame);

} // namespace citytwin::gis
