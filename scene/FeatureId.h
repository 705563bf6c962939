#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <osg/Drawable>
#include <osg/Geometry>
#include <osg/Node>
#include <osg/Referenced>
#include <vector>

namespace citytwin::scene {

//! Maps vertex indices of a merged geometry back to feature ids. Features occupy contiguous
//! vertex ranges, so the table stores only (first vertex, id) pairs: O(features) memory,
//! O(log features) lookup. Attached to the geometry as user data by buildBuildings().
class FeatureIdTable : public osg::Referenced
{
public:
    //! Starts the range of feature ID at FIRSTVERTEX; ranges must be appended in vertex order.
    void beginFeature(unsigned firstVertex, std::int64_t id);
    //! Feature owning VERTEXINDEX, nullopt before the first range.
    std::optional<std::int64_t> featureAtVertex(unsigned vertexIndex) const;
    //! Every feature id in the table, in vertex order.
    std::vector<std::int64_t> ids() const;
    //! Calls F(first, last, id) for each run [first, last) of the VERTEXCOUNT vertices of the
    //! table's geometry that one feature owns, in vertex order; vertices before the first range
    //! come with nullopt. What per-vertex feature attributes (style, times) are written by:
    //! one call per feature, not one lookup per vertex.
    template <class F>
    void forEachRun(unsigned vertexCount, F&& f) const
    {
        const unsigned head = m_ranges.empty() ? vertexCount : std::min(m_ranges.front().firstVertex, vertexCount);
        if (head > 0)
            f(0u, head, std::optional<std::int64_t>());
        for (std::size_t i = 0; i < m_ranges.size(); ++i) {
            const unsigned first = std::min(m_ranges[i].firstVertex, vertexCount);
            const unsigned last =
                i + 1 < m_ranges.size() ? std::min(m_ranges[i + 1].firstVertex, vertexCount) : vertexCount;
            if (first < last) // a range given up before its first vertex owns nothing
                f(first, last, std::optional<std::int64_t>(m_ranges[i].id));
        }
    }
    std::size_t size() const { return m_ranges.size(); }

private:
    struct Range
    {
        unsigned firstVertex;
        std::int64_t id;
    };
    std::vector<Range> m_ranges;
};

//! The table attached to DRAWABLE by a builder, or nullptr.
const FeatureIdTable* featureIdTable(const osg::Drawable* drawable);
//! Feature id of VERTEXINDEX in DRAWABLE (e.g. an intersection's indexList[0]), or nullopt.
std::optional<std::int64_t> featureIdAt(const osg::Drawable* drawable, unsigned vertexIndex);
//! Every geometry with a FeatureIdTable and vertices under NODE, hidden (node mask 0) subgraphs
//! included: what per-feature styling and times rewrite.
std::vector<osg::Geometry*> featureGeometries(osg::Node& node);

} // namespace citytwin::scene
