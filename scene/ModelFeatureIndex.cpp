#include "scene/ModelFeatureIndex.h"

#include <algorithm>
#include <osg/Node>
#include <set>

namespace citytwin::scene {

void ModelFeatureIndex::add(const std::vector<data::ModelFeature>& features)
{
    const std::lock_guard lock(m_mutex);
    m_features.reserve(m_features.size() + features.size());
    for (const data::ModelFeature& f : features)
        m_features.insert_or_assign(f.id, f); // a re-loaded tile replaces its features
}

void ModelFeatureIndex::remove(const std::vector<std::int64_t>& ids)
{
    const std::lock_guard lock(m_mutex);
    for (std::int64_t id : ids)
        m_features.erase(id);
}

std::optional<data::ModelFeature> ModelFeatureIndex::feature(std::int64_t id) const
{
    const std::lock_guard lock(m_mutex);
    const auto it = m_features.find(id);
    if (it == m_features.end())
        return std::nullopt;
    return it->second;
}

std::vector<data::ModelFeature> ModelFeatureIndex::features() const
{
    std::vector<data::ModelFeature> out;
    {
        const std::lock_guard lock(m_mutex);
        out.reserve(m_features.size());
        for (const auto& [id, f] : m_features)
            out.push_back(f);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
}

std::size_t ModelFeatureIndex::size() const
{
    const std::lock_guard lock(m_mutex);
    return m_features.size();
}

std::vector<QString> ModelFeatureIndex::attributeNames() const
{
    std::set<QString> names{QStringLiteral("name"), QStringLiteral("type")};
    {
        const std::lock_guard lock(m_mutex);
        for (const auto& [id, f] : m_features)
            for (const data::ModelAttribute& a : f.attributes)
                names.insert(a.name);
    }
    return {names.begin(), names.end()};
}

ModelFeatureIndex* modelFeatureIndex(osg::Node* node)
{
    return node ? dynamic_cast<ModelFeatureIndex*>(node->getUserData()) : nullptr;
}

} // namespace citytwin::scene
