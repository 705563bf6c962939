#pragma once

#include "data/LayerId.h"
#include "data/LayerSettings.h"
#include "data/Time.h"
#include "scene/SceneTime.h"
#include "scene/SceneTimeListener.h"

#include <map>
#include <optional>
#include <osg/Group>
#include <osg/Uniform>
#include <osg/Vec4>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

//! The live scene: one root with the terrain and a subgraph per layer, the time and opacity uniforms.
//! Main thread only. Changing visibility, opacity or time never rebuilds geometry.
//! Each layer is a Group (named after the kind, user value "citytwin.layerId") holding the
//! builder's node; hidden layers have node mask 0 (skipped by cull and picking alike).
class CityScene
{
public:
    //! Sky blue, the clear colour a viewer/renderer of this scene should use.
    static osg::Vec4 clearColour() { return {0.62f, 0.78f, 0.93f, 1.0f}; }

    explicit CityScene(data::TimeMs epoch = 0);

    osg::Group* root() const { return m_root.get(); }
    data::TimeMs epoch() const { return m_epoch; }

    //! Attaches NODE (built by a scene builder) as the layer ID, replacing any previous node.
    //! Time-aware chunks in NODE are bound to the scene time; SceneTimeListeners in NODE (node
    //! user data) are told the current time now and on every setTime() while the layer is
    //! visible; visibility/opacity already set for ID are kept.
    void setLayerNode(data::LayerId id, data::LayerKind kind, osg::ref_ptr<osg::Node> node);
    void removeLayer(data::LayerId id);
    bool hasLayer(data::LayerId id) const;
    osg::Node* layerNode(data::LayerId id) const;
    std::optional<data::LayerKind> layerKind(data::LayerId id) const;

    void setLayerVisible(data::LayerId id, bool visible);
    bool isLayerVisible(data::LayerId id) const;
    //! 1 opaque; below 1 the layer blends (uniform ct_opacity, alpha blending, transparent bin).
    void setLayerOpacity(data::LayerId id, double opacity);
    double layerOpacity(data::LayerId id) const;

    //! Sets the scene time (UTC ms); time-aware layers read it from a uniform and their chunk
    //! culling; the time listeners of visible layers (e.g. people) update their positions.
    void setTime(data::TimeMs t);
    data::TimeMs time() const { return m_time; }
    //! Seconds since epoch() as the shaders see it (uniform ct_time).
    double timeSeconds() const { return m_sceneTime->seconds(); }

    //! The layer of the innermost layer group on PATH (e.g. an intersection's node path).
    //! Nullopt over the terrain, which is no layer.
    static std::optional<data::LayerId> layerIdOf(const osg::NodePath& path);

    //! The basemap terrain (a paged scene::TileEngine): the only child of a group named "terrain",
    //! the root's first child while there is a terrain. It is not a layer: the basemap layers live inside it,
    //! so picking reports no layer for it. Null removes it.
    void setTerrain(osg::ref_ptr<osg::Node> terrain);
    osg::Node* terrain() const;
    //! Hides the whole terrain (node mask 0, skipped by cull and picking) without dropping it.
    void setTerrainVisible(bool visible);
    bool isTerrainVisible() const;

    //! Analysis graphics that are no layer: sketch lines, section lines, the clip box and its
    //! handles, excavation pit walls, clearance measurements. Always the root's last child, so it
    //! draws after the layers; picking reports no layer for it. Owners add and remove their own
    //! children (named, e.g. "sketch", "clipBox").
    osg::Group* analysisGroup() const { return m_analysis.get(); }

private:
    osg::Group* layerGroup(data::LayerId id) const;
    osg::Group* ensureLayerGroup(data::LayerId id, data::LayerKind kind);
    void notifyTimeListeners(data::LayerId id) const;

    data::TimeMs m_epoch = 0;
    data::TimeMs m_time = 0;
    osg::ref_ptr<osg::Group> m_root;
    osg::ref_ptr<osg::Group> m_terrain; //!< child 0 of m_root while there is a terrain
    osg::ref_ptr<osg::Group> m_analysis; //!< the root's last child
    bool m_terrainVisible = true;
    osg::ref_ptr<osg::Uniform> m_timeUniform;
    osg::ref_ptr<SceneTime> m_sceneTime;
    std::map<data::LayerId, osg::ref_ptr<osg::Group>> m_layers;
    std::map<data::LayerId, std::vector<osg::ref_ptr<SceneTimeListener>>> m_timeListeners;
};

} // namespace citytwin::scene
