#pragma once

#include <memory>
#include <vector>

class BuildingModel;
class IfcObjectDefinition;

namespace citytwin::gis {

//! One object of an IFC model in containment order, with the index of its container.
struct IfcTreeNode
{
    std::shared_ptr<IfcObjectDefinition> object;
    int parent = -1;      //!< index into the tree, -1: a root
    bool spatial = false; //!< IfcProject or a spatial element (site, building, storey, space)
};

//! The IfcProject, everything it decomposes into (IfcRelAggregates: site → building → storey →
//! space, element → parts) and what spatial elements contain (IfcRelContainedInSpatialStructure),
//! depth first so that a container precedes its contents; then every IfcProduct the structure
//! does not reach (as roots, with their parts). Openings (IfcFeatureElementSubtraction) are left
//! out: their volume is already cut from their hosts. Each object appears once.
std::vector<IfcTreeNode> ifcSpatialTree(const BuildingModel& model);

} // namespace citytwin::gis
