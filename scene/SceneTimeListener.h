#pragma once

#include <osg/Node>
#include <osg/Referenced>

namespace citytwin::scene {

//! Something in a layer's subgraph that must do CPU work when the scene time moves (e.g.
//! PeopleLayer interpolating positions). A builder installs it as the user data of the layer's
//! node (or a node below it); CityScene finds it in setLayerNode() and calls it from setTime()
//! while the layer is visible (and once more when the layer is shown again).
class SceneTimeListener : public osg::Referenced
{
public:
    //! The scene time is now SECONDS since the scene epoch. Main thread, between frames.
    virtual void sceneTimeChanged(double seconds) = 0;
};

//! The listener installed on NODE (its user data), or nullptr.
inline SceneTimeListener* sceneTimeListenerOf(osg::Node* node)
{
    return node ? dynamic_cast<SceneTimeListener*>(node->getUserData()) : nullptr;
}

} // namespace citytwin::scene
