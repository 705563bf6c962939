#include "scene/CityScene.h"

#include "scene/CutAway.h"
#include "scene/TimeChunkCallback.h"

#include <algorithm>
#include <osg/BlendFunc>
#include <osg/NodeVisitor>
#include <string>

namespace citytwin::scene {

namespace {

const char* const kLayerIdKey = "citytwin.layerId";
const char* const kLayerKindKey = "citytwin.layerKind";
const char* const kOpacityKey = "citytwin.opacity";
//! Scene-level state that must win over the defaults builders put on their own nodes.
const osg::StateAttribute::GLModeValue kForce = osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE;

//! Collects the SceneTimeListeners installed as user data anywhere in a subgraph.
class ListenerVisitor : public osg::NodeVisitor
{
public:
    ListenerVisitor() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) { setNodeMaskOverride(~0u); }

    void apply(osg::Node& node) override
    {
        if (SceneTimeListener* listener = sceneTimeListenerOf(&node))
            found.push_back(listener);
        traverse(node);
    }

    std::vector<osg::ref_ptr<SceneTimeListener>> found;
};

} // namespace

CityScene::CityScene(data::TimeMs epoch)
    : m_epoch(epoch), m_time(epoch), m_root(new osg::Group), m_sceneTime(new SceneTime)
{
    m_root->setName("citytwin");
    // OVERRIDE: builders carry their own default ct_time so they render standalone; ours wins here.
    m_timeUniform = new osg::Uniform("ct_time", 0.0f);
    m_root->getOrCreateStateSet()->addUniform(m_timeUniform, kForce);
    m_analysis = new osg::Group;
    m_analysis->setName("analysis");
    setCutApplies(*m_analysis->getOrCreateStateSet(), false); // clip box handles, pit walls
    m_root->addChild(m_analysis);
}

void CityScene::setTerrain(osg::ref_ptr<osg::Node> terrain)
{
    if (!terrain) {
        if (m_terrain)
            m_root->removeChild(m_terrain);
        m_terrain = nullptr;
        return;
    }
    if (!m_terrain) {
        m_terrain = new osg::Group;
        m_terrain->setName("terrain");
        // Child 0: the ground is drawn (and depth-tested against) before what stands on it.
        m_root->insertChild(0, m_terrain);
        m_terrain->setNodeMask(m_terrainVisible ? ~0u : 0u);
    }
    m_terrain->removeChildren(0, m_terrain->getNumChildren());
    m_terrain->addChild(terrain);
}

osg::Node* CityScene::terrain() const
{
    return m_terrain && m_terrain->getNumChildren() > 0 ? m_terrain->getChild(0) : nullptr;
}

void CityScene::setTerrainVisible(bool visible)
{
    m_terrainVisible = visible;
    if (m_terrain)
        m_terrain->setNodeMask(visible ? ~0u : 0u);
}

bool CityScene::isTerrainVisible() const
{
    return m_terrainVisible;
}

osg::Group* CityScene::layerGroup(data::LayerId id) const
{
    const auto it = m_layers.find(id);
    return it == m_layers.end() ? nullptr : it->second.get();
}

osg::Group* CityScene::ensureLayerGroup(data::LayerId id, data::LayerKind kind)
{
    osg::ref_ptr<osg::Group>& group = m_layers[id];
    if (!group) {
        group = new osg::Group;
        group->setUserValue(kLayerIdKey, double(id.value)); // ValueObject has no int64; ids stay < 2^53
        group->getOrCreateStateSet()->addUniform(new osg::Uniform("ct_opacity", 1.0f), kForce);
        // Layers go before the analysis group, which stays the last child.
        m_root->insertChild(m_root->getChildIndex(m_analysis.get()), group);
    }
    group->setName("layer-" + std::to_string(id.value));
    group->setUserValue(kLayerKindKey, int(kind));
    // The cut-away (scene/CutAway.h) opens the ground to show what is under it: never these.
    const bool underground = kind == data::LayerKind::Pipes || kind == data::LayerKind::Manholes ||
                             kind == data::LayerKind::UndergroundSpaces;
    setCutApplies(*group->getOrCreateStateSet(), !underground);
    return group.get();
}

void CityScene::setLayerNode(data::LayerId id, data::LayerKind kind, osg::ref_ptr<osg::Node> node)
{
    osg::Group* group = ensureLayerGroup(id, kind);
    group->removeChildren(0, group->getNumChildren());
    m_timeListeners.erase(id);
    if (node) {
        bindTimeChunks(node.get(), m_sceneTime.get());
        ListenerVisitor listeners;
        node->accept(listeners);
        if (!listeners.found.empty())
            m_timeListeners[id] = std::move(listeners.found);
        group->addChild(node);
        notifyTimeListeners(id);
    }
}

void CityScene::notifyTimeListeners(data::LayerId id) const
{
    const auto it = m_timeListeners.find(id);
    // Hidden layers skip the CPU work; setLayerVisible(true) catches them up.
    if (it == m_timeListeners.end() || !isLayerVisible(id))
        return;
    for (const osg::ref_ptr<SceneTimeListener>& listener : it->second)
        listener->sceneTimeChanged(m_sceneTime->seconds());
}

void CityScene::removeLayer(data::LayerId id)
{
    if (osg::Group* group = layerGroup(id)) {
        m_root->removeChild(group);
        m_layers.erase(id);
        m_timeListeners.erase(id);
    }
}

bool CityScene::hasLayer(data::LayerId id) const
{
    return m_layers.count(id) != 0;
}

osg::Node* CityScene::layerNode(data::LayerId id) const
{
    osg::Group* group = layerGroup(id);
    return group && group->getNumChildren() > 0 ? group->getChild(0) : nullptr;
}

std::optional<data::LayerKind> CityScene::layerKind(data::LayerId id) const
{
    int kind = 0;
    if (osg::Group* group = layerGroup(id); group && group->getUserValue(kLayerKindKey, kind))
        return data::LayerKind(kind);
    return std::nullopt;
}

void CityScene::setLayerVisible(data::LayerId id, bool visible)
{
    osg::Group* group = layerGroup(id);
    if (!group)
        return;
    const bool wasVisible = group->getNodeMask() != 0u;
    group->setNodeMask(visible ? ~0u : 0u);
    if (visible && !wasVisible)
        notifyTimeListeners(id);
}

bool CityScene::isLayerVisible(data::LayerId id) const
{
    osg::Group* group = layerGroup(id);
    return group && group->getNodeMask() != 0u;
}

void CityScene::setLayerOpacity(data::LayerId id, double opacity)
{
    osg::Group* group = layerGroup(id);
    if (!group)
        return;
    const float alpha = float(std::clamp(opacity, 0.0, 1.0));
    group->setUserValue(kOpacityKey, double(alpha));
    osg::StateSet* ss = group->getOrCreateStateSet();
    ss->getUniform("ct_opacity")->set(alpha);
    if (alpha < 1.0f) {
        ss->setAttributeAndModes(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA), kForce);
        // Depth-sorted and after the opaque layers, whatever bin the builder chose.
        ss->setRenderBinDetails(20, "DepthSortedBin", osg::StateSet::OVERRIDE_RENDERBIN_DETAILS);
    } else {
        ss->removeAttribute(osg::StateAttribute::BLENDFUNC);
        ss->removeMode(GL_BLEND);
        ss->setRenderBinToInherit();
    }
}

double CityScene::layerOpacity(data::LayerId id) const
{
    double opacity = 1.0;
    if (osg::Group* group = layerGroup(id))
        group->getUserValue(kOpacityKey, opacity);
    return opacity;
}

void CityScene::setTime(data::TimeMs t)
{
    m_time = t;
    const double seconds = double(t - m_epoch) / 1000.0;
    m_sceneTime->setSeconds(seconds);
    m_timeUniform->set(float(seconds));
    for (const auto& entry : m_timeListeners)
        notifyTimeListeners(entry.first);
}

std::optional<data::LayerId> CityScene::layerIdOf(const osg::NodePath& path)
{
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
        double value = 0.0;
        if ((*it)->getUserValue(kLayerIdKey, value))
            return data::LayerId{static_cast<std::int64_t>(value)};
    }
    return std::nullopt;
}

} // namespace citytwin::scene
