#pragma once

#include "data/LayerId.h"
#include "data/Points.h"

#include <QString>
#include <cstdint>
#include <optional>
#include <osg/Camera>

namespace citytwin::scene {

//! What lies under a window position.
struct PickResult
{
    data::LocalPoint point;                //!< nearest hit, local frame (z = terrain/roof height)
    std::optional<data::LayerId> layer;    //!< layer of the hit node (CityScene layer groups)
    std::optional<std::int64_t> featureId; //!< feature id when a merged building/model geometry was hit
    QString nodeName;                      //!< nearest named node on the hit path below the layer group (e.g. an OSGB tile "Tile_+000_+000")
};

//! Intersects the scene of a camera at a window position (osgUtil::LineSegmentIntersector).
//! Hidden layers (node mask 0), features hidden by scene/FeatureStyler.h, features outside their
//! time span (scene/FeatureTimes.h; the scene time is the ct_time uniform on the hit's path, e.g.
//! CityScene::root()'s) and what the cut-away (scene/CutAway.h) removes are never hit. No GL: works on any camera with a viewport and
//! matrices, e.g. the viewer's main camera or OffscreenRenderer::camera().
class Picker
{
public:
    //! Nearest hit in SCENE (the root CAMERA draws, e.g. CityScene::root()) at pixel (X, Y) of
    //! CAMERA's viewport, Y measured from the TOP: Qt widget coordinates in physical pixels,
    //! and the image rows of OffscreenRenderer.
    static std::optional<PickResult> pick(const osg::Camera& camera, osg::Node* scene, double x,
                                          double yFromTop);

    //! The event marker drawn nearest to pixel (X, Y from the top) within RADIUSPX, at scene
    //! time SECONDS since the epoch (CityScene::timeSeconds()): markers hidden at that time or
    //! in hidden layers are skipped, like time-culled chunks. Markers are points, which the
    //! ray of pick() does not hit; this tests them in screen space, O(markers in active chunks).
    //! The result's featureId is the event id, point its position.
    static std::optional<PickResult> pickMarker(const osg::Camera& camera, osg::Node* scene, double x,
                                                double yFromTop, double seconds, double radiusPx = 10.0);
};

} // namespace citytwin::scene
