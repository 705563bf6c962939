#pragma once

#include "data/LayerId.h"
#include "data/Points.h"

#include <osg/Camera>
#include <cstdint>
#include <optional>

namespace citytwin::scene {

//! What lies under a window position.
struct PickResult
{
    data::LocalPoint point;               //!< nearest hit, local frame (z = terrain/roof height)
    std::optional<data::LayerId> layer;   //!< layer of the hit node (CityScene layer groups)
    std::optional<std::int64_t> featureId; //!< building feature id when a building was hit
};

//! Intersects the scene of a camera at a window position (osgUtil::LineSegmentIntersector).
//! Hidden layers (node mask 0) are never hit. No GL: works on any camera with a viewport and
//! matrices, e.g. the viewer's main camera or OffscreenRenderer::camera().
class Picker
{
public:
    //! Nearest hit in SCENE (the root CAMERA draws, e.g. CityScene::root()) at pixel (X, Y) of
    //! CAMERA's viewport, Y measured from the TOP: Qt widget coordinates in physical pixels,
    //! and the image rows of OffscreenRenderer.
    static std::optional<PickResult> pick(const osg::Camera& camera, osg::Node* scene, double x, double yFromTop);
};

} // namespace citytwin::scene
