#pragma once

// Small OGR helpers shared by the attribute readers; internal to gis/.

#include "data/Result.h"

#include <QString>
#include <cstdint>

class GDALDataset;
class OGRFeature;
class OGRGeometry;
class OGRLayer;

namespace citytwin::gis {

//! The layer LAYERNAME of DS, or its first layer when LAYERNAME is empty; NotFound (naming PATH
//! and, for a wrong name, the layers it does have) otherwise.
data::Result<OGRLayer*> pickVectorLayer(GDALDataset& ds, const QString& layerName, const QString& path);

//! Field INDEX of FEATURE as text: "" for null/unset, reals in their shortest round-trip form.
QString ogrFieldText(OGRFeature& feature, int index);

//! How many footprints readFootprints() derives ids for from GEOM: the polygon (or curve
//! polygon) members of a multi-geometry, 1 for a single polygon, 0 for anything else.
int polygonPartCount(const OGRGeometry* geom);

//! FootprintReader's id of part P of a multipolygon feature F: F * 1000 + P.
inline constexpr std::int64_t kFootprintPartIdFactor = 1000;

} // namespace citytwin::gis
