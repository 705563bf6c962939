#pragma once

#include "data/Points.h"
#include "data/Result.h"
#include "gis/CrsTransformer.h"
#include "gis/Matrix4d.h"

#include <QJsonObject>

namespace citytwin::gis::tiles {

//! A bounding sphere in the project CRS.
struct ProjectedSphere
{
    data::ProjectedPoint centre;
    double radius = 0.0;
};

//! The PROJ transforms a tileset's bounding volumes need (one set per reading thread).
struct VolumeTransformers
{
    const CrsTransformer* fromEcef = nullptr;       //!< EPSG:4978 → project CRS (box, sphere)
    const CrsTransformer* fromGeographic = nullptr; //!< EPSG:4979 lon/lat/h → project CRS (region)
};
//! The calling thread's cached transformers (gis/ThreadCrsCache.h): use them on this thread only.
data::Result<VolumeTransformers> createVolumeTransformers(const QString& projectCrs);

//! Spheres larger than this are absurd for a city model (and a sign of broken input).
inline constexpr double kMaxRadius = 1.0e7;

//! A 3D Tiles boundingVolume ("box": centre + three half-axis vectors, "region": west, south,
//! east, north in radians + min/max height, "sphere": centre + radius; box and sphere in the
//! TRANSFORM frame, region always geographic) as a project-CRS sphere that encloses it: the
//! volume is sampled (corners, edge and face midpoints) through PROJ and the sphere spans the
//! projected samples. Errors (messages without the file name): no known volume, wrong number
//! count, values not finite, a region outside ±π/±π/2 or upside down, a radius over kMaxRadius,
//! a volume PROJ cannot bring into the project CRS.
data::Result<ProjectedSphere> projectedSphere(const QJsonObject& boundingVolume, const Matrix4d& transform,
                                              const VolumeTransformers& transformers);

} // namespace citytwin::gis::tiles
