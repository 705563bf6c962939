#pragma once

// The walk the docks share over a session's layers: the project's layers of one kind whose scene
// node has been built (loaded), with the typed scene layer behind each node.
#include "data/LayerId.h"
#include "data/LayerSettings.h"

#include <vector>

namespace osg {
class Node;
}

namespace citytwin::app {

class ProjectSession;

//! A project layer and its scene node.
struct SessionLayerNode
{
    data::LayerId id;
    osg::Node* node = nullptr;
};

//! The layers of KIND in SESSION's project that have a scene node now, in project order.
std::vector<SessionLayerNode> loadedLayerNodes(ProjectSession& session, data::LayerKind kind);

//! A loaded layer seen as its scene type LAYER (AssetAlarmLayer, EventMarkerLayer, …).
template <typename Layer> struct LoadedLayer
{
    data::LayerId id;
    Layer* layer = nullptr;
};

//! The layers of KIND in SESSION whose node is a LAYER (LAYER::of(node) finds it), in project order.
template <typename Layer>
std::vector<LoadedLayer<Layer>> loadedLayersOf(ProjectSession& session, data::LayerKind kind)
{
    std::vector<LoadedLayer<Layer>> out;
    for (const SessionLayerNode& l : loadedLayerNodes(session, kind))
        if (Layer* layer = Layer::of(l.node))
            out.push_back({l.id, layer});
    return out;
}

//! The settings of the first layer of KIND in SESSION's project; null when it has none.
const data::LayerSettings* firstLayerOfKind(const ProjectSession& session, data::LayerKind kind);

//! Whether SESSION's project has a layer ID of KIND.
bool isLayerOfKind(const ProjectSession& session, data::LayerId id, data::LayerKind kind);

} // namespace citytwin::app
