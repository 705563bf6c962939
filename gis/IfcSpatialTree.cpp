#include "gis/IfcSpatialTree.h"

#include <ifcpp/IFC4/include/IfcContext.h>
#include <ifcpp/IFC4/include/IfcFeatureElementSubtraction.h>
#include <ifcpp/IFC4/include/IfcObjectDefinition.h>
#include <ifcpp/IFC4/include/IfcProduct.h>
#include <ifcpp/IFC4/include/IfcRelAggregates.h>
#include <ifcpp/IFC4/include/IfcRelContainedInSpatialStructure.h>
#include <ifcpp/IFC4/include/IfcSpatialElement.h>
#include <ifcpp/model/BuildingModel.h>
#include <unordered_set>

namespace citytwin::gis {

namespace {

class TreeBuilder
{
public:
    void add(const shared_ptr<IfcObjectDefinition>& object, int parent, int depth = 0)
    {
        // Depth guards against a cyclic aggregation in a broken file.
        if (!object || depth > 64 || dynamic_pointer_cast<IfcFeatureElementSubtraction>(object) ||
            !m_seen.insert(object.get()).second)
            return;
        const auto spatial = dynamic_pointer_cast<IfcSpatialElement>(object);
        const int index = int(m_nodes.size());
        m_nodes.push_back(IfcTreeNode{object, parent, spatial || dynamic_pointer_cast<IfcContext>(object)});
        for (const auto& weak : object->m_IsDecomposedBy_inverse)
            if (const auto rel = weak.lock())
                for (const auto& child : rel->m_RelatedObjects)
                    add(child, index, depth + 1);
        if (!spatial)
            return;
        for (const auto& weak : spatial->m_ContainsElements_inverse)
            if (const auto rel = weak.lock())
                for (const auto& child : rel->m_RelatedElements)
                    add(child, index, depth + 1);
    }

    std::vector<IfcTreeNode> take() { return std::move(m_nodes); }

private:
    std::vector<IfcTreeNode> m_nodes;
    std::unordered_set<const IfcObjectDefinition*> m_seen;
};

//! Whether OBJECT is a part of something (it is then reached from its whole).
bool isPart(const IfcObjectDefinition& object)
{
    for (const auto& weak : object.m_Decomposes_inverse)
        if (!weak.expired())
            return true;
    return false;
}

} // namespace

std::vector<IfcTreeNode> ifcSpatialTree(const BuildingModel& model)
{
    TreeBuilder builder;
    const auto& entities = model.getMapIfcEntities();
    for (const auto& [id, entity] : entities)
        if (const auto context = dynamic_pointer_cast<IfcContext>(entity))
            builder.add(context, -1);
    // Products outside the structure: wholes first, so their parts hang below them.
    for (const bool parts : {false, true})
        for (const auto& [id, entity] : entities)
            if (const auto product = dynamic_pointer_cast<IfcProduct>(entity);
                product && isPart(*product) == parts)
                builder.add(product, -1);
    return builder.take();
}

} // namespace citytwin::gis
