#include "app/SessionLayerWalk.h"

#include "app/ProjectSession.h"
#include "scene/CityScene.h"

namespace citytwin::app {

std::vector<SessionLayerNode> loadedLayerNodes(ProjectSession& session, data::LayerKind kind)
{
    std::vector<SessionLayerNode> out;
    for (const data::LayerSettings& l : session.project().layers())
        if (l.kind == kind)
            if (osg::Node* node = session.scene().layerNode(l.id))
                out.push_back({l.id, node});
    return out;
}

const data::LayerSettings* firstLayerOfKind(const ProjectSession& session, data::LayerKind kind)
{
    for (const data::LayerSettings& l : session.project().layers())
        if (l.kind == kind)
            return &l;
    return nullptr;
}

bool isLayerOfKind(const ProjectSession& session, data::LayerId id, data::LayerKind kind)
{
    const data::LayerSettings* l = session.project().layer(id);
    return l && l->kind == kind;
}

} // namespace citytwin::app
