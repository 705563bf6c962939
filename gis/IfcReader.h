#pragma once

#include "data/Model.h"
#include "data/Result.h"
#include "gis/ModelReader.h"

namespace citytwin::gis {

//! IFC 2x3 / IFC4 (IfcPlusPlus + carve): one feature per IfcProduct with geometry (type = the
//! IFC class, "IfcWall", name, GlobalId as externalId, attributes = its property sets
//! "Pset_WallCommon.IsExternal" and quantities) plus the spatial structure as features without
//! geometry (IfcProject → IfcSite → IfcBuilding → IfcBuildingStorey → IfcSpace); parent links
//! follow IfcRelAggregates / IfcRelContainedInSpatialStructure, so the inspector can show
//! storeys → spaces → elements. Colours from IfcStyledItem where present, else
//! data::defaultTypeColour(). Length units from IfcUnitAssignment (mm files become metres).
//! Georeference: options.placement when given; else IFC4 IfcMapConversion; else IfcSite
//! RefLatitude/RefLongitude/RefElevation (+ true north); else an error asking for a placement.
data::Result<data::Model> readIfc(const QString& path, const ModelReadOptions& options);

} // namespace citytwin::gis
