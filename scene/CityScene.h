#pragma once

#include "data/LayerId.h"
#include "data/LayerSettings.h"
#include "data/Time.h"

#include <osg/Group>
#include <osg/Uniform>
#include <osg/ref_ptr>
#include <map>

namespace citytwin::scene {

//! The live scene: one root with a subgraph per layer, the time and opacity uniforms.
//! Main thread only. Changing visibility, opacity or time never rebuilds geometry.
class CityScene
{
public:
    explicit CityScene(data::TimeMs epoch = 0);

    osg::Group* root() const { return m_root.get(); }
    data::TimeMs epoch() const { return m_epoch; }

    //! Attaches NODE (built by a scene builder) as the layer ID, replacing any previous node.
    void setLayerNode(data::LayerId id, data::LayerKind kind, osg::ref_ptr<osg::Node> node);
    void removeLayer(data::LayerId id);
    bool hasLayer(data::LayerId id) const;
    osg::Node* layerNode(data::LayerId id) const;

    void setLayerVisible(data::LayerId id, bool visible);
    void setLayerOpacity(data::LayerId id, double opacity);

    //! Sets the scene time (UTC ms); time-aware layers read it from a uniform and their chunk culling.
    void setTime(data::TimeMs t);
    data::TimeMs time() const { return m_time; }

private:
    struct LayerEntry;
    data::TimeMs m_epoch = 0;
    data::TimeMs m_time = 0;
    osg::ref_ptr<osg::Group> m_root;
    osg::ref_ptr<osg::Uniform> m_timeUniform;
    std::map<data::LayerId, osg::ref_ptr<osg::Group>> m_layers;
};

} // namespace citytwin::scene
