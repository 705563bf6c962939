#pragma once

#include "data/LayerId.h"

#include <cstddef>
#include <optional>
#include <osg/Camera>
#include <osg/Node>

namespace citytwin::scene {

class PeopleLayer;

//! A person's marker under a window position.
struct PersonPick
{
    PeopleLayer* layer = nullptr;         //!< the people layer drawing the marker
    std::size_t index = 0;                //!< person index in LAYER
    std::optional<data::LayerId> layerId; //!< its CityScene layer, when the layer is in one
    double distancePx = 0;                //!< from the position asked about to the marker's centre
};

//! The visible person marker nearest to pixel (X, Y from the top) of CAMERA's viewport within
//! RADIUSPX, in every people layer under SCENE that is not hidden (node mask 0). Markers are
//! points the ray of Picker::pick() never hits: this projects the positions of the last
//! PeopleLayer::update() to the screen, O(people). The camera needs a viewport, a view and a
//! projection matrix; only what lies in front of it counts.
std::optional<PersonPick> pickPerson(const osg::Camera& camera, osg::Node* scene, double x, double yFromTop,
                                     double radiusPx = 10.0);

} // namespace citytwin::scene
