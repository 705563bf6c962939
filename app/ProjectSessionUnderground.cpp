#include "app/ProjectSession.h"

#include "scene/PipeNetworkIndex.h"

// The underground: what analysis (sections, clearances, filters) reads from the loaded pipe layers.
namespace citytwin::app {

using data::LayerId;
using data::LayerKind;

std::vector<data::PipeLine> ProjectSession::pipes(LayerId id) const
{
    const data::LayerSettings* layer = m_project.layer(id);
    if (!layer || layer->kind != LayerKind::Pipes || !m_scene->hasLayer(id))
        return {};
    const scene::PipeNetworkIndex* index = scene::pipeNetworkIndex(m_scene->layerNode(id));
    return index ? index->pipes() : std::vector<data::PipeLine>{};
}

std::vector<LayerId> ProjectSession::pipeLayers() const
{
    std::vector<LayerId> ids;
    for (const data::LayerSettings& layer : m_project.layersInDrawOrder()) {
        if (layer.kind == LayerKind::Pipes && m_scene->hasLayer(layer.id)
            && scene::pipeNetworkIndex(m_scene->layerNode(layer.id)))
            ids.push_back(layer.id);
    }
    return ids;
}

} // namespace citytwin::app
