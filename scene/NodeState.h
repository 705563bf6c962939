#pragma once

#include <osg/Node>
#include <osg/UserDataContainer>
#include <osg/ref_ptr>

namespace citytwin::scene {

//! Per-node state kept in a node's user data container under NAME (FeatureStyler's colours and
//! hidden set, FeatureTimes' spans and uniforms), so it travels with the node it describes.
//! STATE is an osg::Object subclass with META_Object and a default constructor.

//! The state named NAME on NODE, or nullptr.
template <class State>
const State* findNodeState(const osg::Node& node, const char* name)
{
    const osg::UserDataContainer* udc = node.getUserDataContainer();
    return udc ? dynamic_cast<const State*>(udc->getUserObject(name)) : nullptr;
}

//! The state named NAME on NODE, created (default-constructed) on first use.
template <class State>
State& nodeState(osg::Node& node, const char* name)
{
    osg::UserDataContainer* udc = node.getOrCreateUserDataContainer();
    if (auto* state = dynamic_cast<State*>(udc->getUserObject(name)))
        return *state;
    osg::ref_ptr<State> state = new State;
    state->setName(name);
    udc->addUserObject(state);
    return *state;
}

} // namespace citytwin::scene
