#include "scene/FeatureId.h"

#include <algorithm>
#include <cassert>
#include <osg/NodeVisitor>

namespace citytwin::scene {

void FeatureIdTable::beginFeature(unsigned firstVertex, std::int64_t id)
{
    assert(m_ranges.empty() || m_ranges.back().firstVertex <= firstVertex);
    m_ranges.push_back({firstVertex, id});
}

std::optional<std::int64_t> FeatureIdTable::featureAtVertex(unsigned vertexIndex) const
{
    const auto it = std::upper_bound(m_ranges.begin(), m_ranges.end(), vertexIndex,
                                     [](unsigned v, const Range& r) { return v < r.firstVertex; });
    if (it == m_ranges.begin())
        return std::nullopt;
    return std::prev(it)->id;
}

std::vector<std::int64_t> FeatureIdTable::ids() const
{
    std::vector<std::int64_t> out;
    out.reserve(m_ranges.size());
    for (const Range& r : m_ranges)
        out.push_back(r.id);
    return out;
}

const FeatureIdTable* featureIdTable(const osg::Drawable* drawable)
{
    return drawable ? dynamic_cast<const FeatureIdTable*>(drawable->getUserData()) : nullptr;
}

std::optional<std::int64_t> featureIdAt(const osg::Drawable* drawable, unsigned vertexIndex)
{
    const FeatureIdTable* table = featureIdTable(drawable);
    return table ? table->featureAtVertex(vertexIndex) : std::nullopt;
}

std::vector<osg::Geometry*> featureGeometries(osg::Node& node)
{
    class Collector : public osg::NodeVisitor
    {
    public:
        Collector() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
        void apply(osg::Geometry& geometry) override
        {
            if (featureIdTable(&geometry) && geometry.getVertexArray())
                geometries.push_back(&geometry);
        }
        std::vector<osg::Geometry*> geometries;
    } collector;
    node.accept(collector);
    return std::move(collector.geometries);
}

} // namespace citytwin::scene
