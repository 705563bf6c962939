#pragma once

#include "data/Overlays.h"
#include "data/Points.h"
#include "data/Time.h"
#include "scene/SceneTimeListener.h"

#include <cstddef>
#include <cstdint>
#include <osg/Array>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Node>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

struct PeopleOptions
{
    double maxGapSeconds = 600.0; //!< a person is hidden between two samples further apart than this
    double liftM = 2.0;           //!< markers float this far above the track point
    float pointSizePx = 10.0f;    //!< base sprite size (shrinks with distance like other markers)
};

//! Field staff moving along their GPS tracks: one GL_POINTS geometry with one vertex per person
//! (colour by role). update() interpolates every person's position linearly between the two
//! samples around the time (binary search per track) and only rewrites the vertex and
//! visibility arrays: moving the timeline never rebuilds geometry. A person is hidden before
//! their first sample, after their last and inside gaps longer than maxGapSeconds.
//! Structure: Geode (state, uniforms, user data = this layer) > Geometry. As the Geode's user
//! data the layer is a SceneTimeListener: CityScene calls update() when its time moves.
class PeopleLayer : public SceneTimeListener
{
public:
    //! Builds the layer node for PEOPLE and their TRACKS (any order; points of unknown people are
    //! dropped), positions relative to ORIGIN, times relative to EPOCH. Worker-thread safe.
    //! The initial state is update(0). PeopleLayer::of(node) reaches the layer.
    static osg::ref_ptr<osg::Node> build(const std::vector<data::Person>& people,
                                         const std::vector<data::TrackPoint>& tracks,
                                         const data::ProjectedPoint& origin, data::TimeMs epoch,
                                         const PeopleOptions& options = {});
    //! The layer installed on NODE by build() (NODE = node()), or nullptr.
    static PeopleLayer* of(osg::Node* node);

    osg::Geometry* geometry() const { return m_geometry.get(); }

    //! Moves every person to SECONDS since the epoch; returns how many are visible.
    int update(double seconds);
    void sceneTimeChanged(double seconds) override { update(seconds); }

    std::size_t personCount() const { return m_personIds.size(); }
    std::int64_t personId(std::size_t index) const { return m_personIds[index]; }
    //! Vertex index of person ID, or -1.
    int indexOf(std::int64_t id) const;
    //! After update(): whether person INDEX is shown and where (local coordinates, lift included).
    bool isVisible(std::size_t index) const { return (*m_visible)[index] > 0.5f; }
    osg::Vec3f position(std::size_t index) const { return (*m_positions)[index]; }
    //! Marker colour of a role (enforcement orange-brown, coordinator cyan, inspector indigo,
    //! sanitation olive, other white-grey).
    static osg::Vec3f roleColour(data::PersonRole role);

private:
    PeopleLayer() = default;

    PeopleOptions m_options;
    std::vector<std::int64_t> m_personIds;
    //! Track of person i: samples [m_trackBegin[i], m_trackBegin[i + 1]) of m_times/m_samples.
    std::vector<std::size_t> m_trackBegin;
    std::vector<double> m_times; //!< seconds since the epoch, ascending per track
    std::vector<osg::Vec3f> m_samples;
    osg::ref_ptr<osg::Vec3Array> m_positions;
    osg::ref_ptr<osg::FloatArray> m_visible;
    osg::ref_ptr<osg::Geometry> m_geometry; // also a child of the node that owns this layer
};

} // namespace citytwin::scene
