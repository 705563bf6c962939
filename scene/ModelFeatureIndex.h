#pragma once

#include "data/Model.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include <osg/Referenced>

namespace osg {
class Node;
}

namespace citytwin::scene {

//! The features of a model layer, by id, for the inspector and styling: buildModel() fills it
//! once; a TilesetNode adds the features of each tile as it merges and removes them when the tile
//! is evicted. Attached as user data to the model layer's root node. Thread-safe.
class ModelFeatureIndex : public osg::Referenced
{
public:
    void add(const std::vector<data::ModelFeature>& features);
    void remove(const std::vector<std::int64_t>& ids);
    std::optional<data::ModelFeature> feature(std::int64_t id) const;
    //! Every feature, sorted by id (inspector trees, attribute lists for styling).
    std::vector<data::ModelFeature> features() const;
    std::size_t size() const;
    //! Attribute names over all features (plus "type" and "name"), sorted, for a style's field list.
    std::vector<QString> attributeNames() const;

private:
    mutable std::mutex m_mutex;
    std::unordered_map<std::int64_t, data::ModelFeature> m_features;
};

//! The index attached to NODE (user data) by buildModel()/TilesetNode, or nullptr.
ModelFeatureIndex* modelFeatureIndex(osg::Node* node);

} // namespace citytwin::scene
