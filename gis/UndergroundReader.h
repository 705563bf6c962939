#pragma once

#include "data/Result.h"
#include "data/UndergroundFeatures.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace citytwin::gis {

//! What a point facility or underground space read did besides returning features: features
//! skipped and why, like PipeReadReport ("feature 12: negative depth (-1.5 m)").
struct UndergroundReadReport
{
    int featuresRead = 0;
    int features = 0; //!< facilities / spaces returned
    int skipped = 0;
    QStringList skipReasons; //!< the first 50
};

struct PointFacilityReadResult
{
    std::vector<data::PointFacility> facilities;
    UndergroundReadReport report;
};

struct UndergroundSpaceReadResult
{
    std::vector<data::UndergroundSpace> spaces;
    UndergroundReadReport report;
};

//! Reads point facilities (Point/MultiPoint, 2D or 3D: a 3D point's z is the surface elevation)
//! from any OGR source into PROJECTCRS. Fields are guessed from their names in English or Chinese:
//! kind (kind/type/facility_type/类型/设施类型/附属物, see pointFacilityKindFromText; no field:
//! manholes), depth (depth_m/depth/well_depth/井深/埋深/井底埋深), diameter (diameter_m/diameter/
//! 井径/直径; above 20 read as mm), network (network/管线类型/管类; else the kind text's network,
//! e.g. 雨水井 → drainage), name (name/名称/编号). Ids: FID (point P of a multi-point with several:
//! FID * 1000 + P). Skipped per feature: null/empty/non-point geometry, non-finite coordinates,
//! depth < 0 or > 100 m, diameter <= 0 or > 20 m, untransformable coordinates. Errors: file
//! missing/unreadable, no layer, no CRS and no ASSUMEDSOURCECRS, a corrupt file.
data::Result<PointFacilityReadResult> readPointFacilities(const QString& path, const QString& projectCrs,
                                                          const QString& assumedSourceCrs = {});

//! Reads underground spaces (Polygon/MultiPolygon; z ignored) into PROJECTCRS. Fields guessed:
//! kind (kind/type/类型/用途, see undergroundSpaceKindFromText; else from the name), top depth
//! (top_depth/depth/顶板埋深/覆土深度/埋深), height (height/净高/高度/层高), bottom depth
//! (bottom_depth/底板埋深: height = bottom − top when no height), name (name/名称). Defaults:
//! UndergroundSpace's. Ids like footprints (FID, part P: FID * 1000 + P). Skipped per feature:
//! null/empty/non-polygon geometry, a ring with fewer than 3 distinct points, top depth < 0 or
//! > 100 m, height <= 0 or > 100 m, bottom above top, untransformable coordinates.
data::Result<UndergroundSpaceReadResult> readUndergroundSpaces(const QString& path, const QString& projectCrs,
                                                               const QString& assumedSourceCrs = {});

//! Whether PATH's first layer has a field only underground spaces have (top_depth, bottom_depth,
//! 顶板埋深, 底板埋深, 覆土深度, 净高…): how a polygon file is told from building footprints.
//! Field names only, no values read. Errors: file missing/unreadable, no layer.
data::Result<bool> hasUndergroundSpaceFields(const QString& path);

} // namespace citytwin::gis
