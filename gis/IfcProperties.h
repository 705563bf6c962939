#pragma once

#include "data/Model.h"

#include <QString>
#include <vector>

class IfcObjectDefinition;

namespace citytwin::gis {

//! The GlobalId of OBJECT ("2O2Fr$t4X7Zf8NOew3FLOH"), empty when missing.
QString ifcGlobalId(const IfcObjectDefinition& object);
//! The Name of OBJECT, else its LongName (spatial elements), else empty.
QString ifcName(const IfcObjectDefinition& object);

//! What the inspector shows for OBJECT: its own Name, Description, ObjectType, Tag, LongName and
//! (storeys) Elevation, then every property of its property sets ("Pset_WallCommon.IsExternal")
//! and quantities ("Qto_WallBaseQuantities.Length"), then those of its type object that the
//! occurrence does not override. Lengths, areas and volumes are converted to metres with
//! LENGTHTOMETRE; other values are shown as the file states them.
std::vector<data::ModelAttribute> ifcAttributes(const IfcObjectDefinition& object, double lengthToMetre);

} // namespace citytwin::gis
