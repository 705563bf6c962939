#pragma once

// Small OGR helpers shared by the attribute readers; internal to gis/.

#include "data/Result.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <ogr_core.h>
#include <vector>

class GDALDataset;
class OGRFeature;
class OGRGeometry;
class OGRLayer;
class OGRCoordinateTransformation;

namespace citytwin::gis {

//! The layer LAYERNAME of DS, or its first layer when LAYERNAME is empty; NotFound (naming PATH
//! and, for a wrong name, the layers it does have) otherwise.
data::Result<OGRLayer*> pickVectorLayer(GDALDataset& ds, const QString& layerName, const QString& path);

//! Field INDEX of FEATURE as text: "" for null/unset, reals in their shortest round-trip form.
QString ogrFieldText(OGRFeature& feature, int index);

//! How many footprints readFootprints() derives ids for from GEOM: the polygon (or curve
//! polygon) members of a multi-geometry, 1 for a single polygon, 0 for anything else.
int polygonPartCount(const OGRGeometry* geom);
//! How many features the vector readers derive ids for from GEOM, whatever its dimension: its
//! polygon parts (footprints, underground spaces), else its line parts (pipes), else its points
//! (facilities). 0 for an empty or missing geometry.
int featurePartCount(const OGRGeometry* geom);

//! A feature's geometry ready to be transformed in place, or why the feature has none.
struct FeatureGeometry
{
    std::int64_t fid = 0;               //!< the feature's FID, or its read sequence number when it has none
    std::unique_ptr<OGRGeometry> geom;  //!< a linear copy (curves stroked); null when SKIPREASON says why (or OGR could not copy it)
    QString skipReason;                 //!< "no geometry" / "empty geometry"
};
//! FEATURE's FID and a linear copy of its geometry (the vector readers transform it in place).
//! SEQUENCE stands in for a missing FID.
FeatureGeometry linearGeometryOf(OGRFeature& feature, std::int64_t sequence);

//! The members of GEOM whose flat type is PARTTYPE (e.g. wkbPolygon): GEOM itself when it is one,
//! else those members of its multi-geometry or geometry collection; empty otherwise.
std::vector<const OGRGeometry*> geometryParts(const OGRGeometry& geom, OGRwkbGeometryType partType);
//! geometryParts() cast to the part class (OGRPoint, OGRLineString, OGRPolygon).
template <class Part>
std::vector<const Part*> geometryPartsAs(const OGRGeometry& geom, OGRwkbGeometryType partType)
{
    std::vector<const Part*> out;
    for (const OGRGeometry* part : geometryParts(geom, partType))
        out.push_back(static_cast<const Part*>(part));
    return out;
}
//! Transforms GEOM in place with CT (nothing to do when CT is null). A point PROJ cannot transform
//! is that feature's problem, not a corrupt file: PROJ's complaint is kept away from the read's
//! error capture. False when the transformation failed.
bool transformFeatureGeometry(OGRGeometry& geom, OGRCoordinateTransformation* ct);
//! The vector readers' skip report: counts one more skipped feature in SKIPPED and keeps
//! "feature FID: WHY" in REASONS while it holds fewer than MAXREASONS.
void recordSkip(int& skipped, QStringList& reasons, std::int64_t fid, const QString& why, int maxReasons);

//! FootprintReader's id of part P of a multipolygon feature F: F * 1000 + P.
inline constexpr std::int64_t kFootprintPartIdFactor = 1000;

} // namespace citytwin::gis
