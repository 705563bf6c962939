#pragma once

#include "data/Overlays.h"
#include "data/Points.h"
#include "data/Time.h"
#include "scene/PeopleTrails.h"
#include "scene/PersonTrack.h"
#include "scene/SceneTimeListener.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <osg/Array>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Node>
#include <osg/observer_ptr>
#include <osg/ref_ptr>
#include <unordered_map>
#include <vector>

namespace citytwin::scene {

struct PeopleOptions
{
    double maxGapSeconds = 600.0; //!< a person is hidden between two samples further apart than this
    double liftM = 2.0;           //!< markers float this far above the track point
    float pointSizePx = 10.0f;    //!< base sprite size (shrinks with distance like other markers)
    double trailSeconds = 0.0;    //!< length of the fading trails (0: none; PeopleTrails.h)
};

//! Field staff moving along their GPS tracks: one GL_POINTS geometry with one vertex per person
//! (colour by role). update() interpolates the position of every person whose track spans the
//! time linearly between the two samples around it (a per-track cursor makes sequential
//! playback O(1) per person; a jump falls back to a binary search) and only rewrites the vertex
//! and visibility arrays: moving the timeline never rebuilds geometry. A person is hidden
//! before their first sample, after their last and inside gaps longer than maxGapSeconds.
//! Fading trails (PeopleTrails) follow the markers when trailSeconds > 0.
//! Structure: Geode (state, uniforms, user data = this layer) > drawable 0 the markers'
//! Geometry, then the attached trail chunks. As the Geode's user data the layer is a
//! SceneTimeListener: CityScene calls update() when its time moves.
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

    //! Moves every person to SECONDS since the epoch and the trails with them; returns how many
    //! people are visible.
    int update(double seconds);
    void sceneTimeChanged(double seconds) override { update(seconds); }
    //! The time of the last update() (seconds since the epoch).
    double currentSeconds() const { return m_seconds; }

    //! Live mode (main thread): PEOPLE not in the layer yet get a marker (a known id takes the
    //! new name/role/team), POINTS are merged into their tracks in time order (points of people
    //! unknown to both are dropped; a fix at the time of an existing one replaces it), the trails
    //! rebuild only the chunks the new points touch, and the markers move to the current time.
    //! Positions are project CRS like build()'s. Returns how many points were taken.
    std::size_t appendSamples(const std::vector<data::Person>& people,
                              const std::vector<data::TrackPoint>& points);

    const PeopleOptions& options() const { return m_options; }
    //! Trail length in seconds (0: no trails); takes effect at once, nothing is rebuilt.
    void setTrailSeconds(double seconds);
    //! Gap limit for markers and trails; the trail chunks are rebuilt as they are next needed.
    void setMaxGapSeconds(double seconds);
    PeopleTrails& trails() { return *m_trails; }
    const PeopleTrails& trails() const { return *m_trails; }

    data::TimeMs epoch() const { return m_epoch; }
    const data::ProjectedPoint& origin() const { return m_origin; }

    std::size_t personCount() const { return m_people.size(); }
    std::int64_t personId(std::size_t index) const { return m_people[index].id; }
    const data::Person& person(std::size_t index) const { return m_people[index]; }
    //! Person INDEX's samples (seconds since the epoch, local positions with the lift).
    const PersonTrack& track(std::size_t index) const { return m_tracks[index]; }
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
    //! Adds PERSON's marker (or updates its role colour); returns its index.
    std::size_t addPerson(const data::Person& person);
    osg::Vec3f localOf(const data::ProjectedPoint& p) const;

    PeopleOptions m_options;
    data::ProjectedPoint m_origin;
    data::TimeMs m_epoch = 0;
    double m_seconds = 0.0;
    std::vector<data::Person> m_people;
    std::unordered_map<std::int64_t, std::size_t> m_indexOfId;
    std::vector<PersonTrack> m_tracks;
    std::vector<osg::Vec4ub> m_trailColours; //!< per person, for the trail chunks
    osg::ref_ptr<osg::Vec3Array> m_positions;
    osg::ref_ptr<osg::FloatArray> m_visible;
    osg::ref_ptr<osg::Vec4Array> m_colours;
    osg::ref_ptr<osg::DrawArrays> m_points;
    osg::ref_ptr<osg::Geometry> m_geometry; // also a child of the node that owns this layer
    osg::observer_ptr<osg::Geode> m_geode;  // the node that owns this layer
    std::unique_ptr<PeopleTrails> m_trails;
};

} // namespace citytwin::scene
