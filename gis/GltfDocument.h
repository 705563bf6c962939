#pragma once

#include "data/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <array>
#include <optional>
#include <tiny_gltf.h>

namespace citytwin::gis::gltf {

//! A parsed glTF 2.0 asset with its buffers loaded and images decoded to RGBA8 (or left empty
//! with a warning when they cannot be decoded: a missing texture is no reason to drop a model).
struct GltfDocument
{
    tinygltf::Model model;
    std::optional<std::array<double, 3>> rtcCentre; //!< CESIUM_RTC "center", ECEF metres
    QStringList warnings;
};

//! Reads a .gltf (JSON + external or data-URI buffers/images next to it) or a .glb file.
//! Errors name the file: empty, truncated GLB (with the byte offset), not JSON (with the
//! offset), not glTF 2.0, a required extension the reader cannot decode (named), a buffer that
//! cannot be loaded.
data::Result<GltfDocument> loadGltfFile(const QString& path);

//! Reads a GLB held in memory (3D Tiles content); external URIs resolve against BASEDIR.
data::Result<GltfDocument> loadGlbBytes(const QByteArray& glb, const QString& name,
                                        const QString& baseDir = {});

} // namespace citytwin::gis::gltf
