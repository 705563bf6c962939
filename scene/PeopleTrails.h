#pragma once

#include "scene/PersonTrack.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <osg/Array>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/StateSet>
#include <osg/Uniform>
#include <osg/observer_ptr>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

//! The fading trails of the people layer: GL_LINES whose vertices carry their sample time
//! (attribute ct_trailTime, seconds since the layer epoch). The shader (people_trail.*) hides
//! what is newer than ct_time or older than ct_trailLength and fades the rest by age, so a
//! trail ends exactly at the moving marker. Segments across gaps longer than the max gap are
//! never emitted. Geometry is cut into time chunks of kChunkSeconds holding every person's
//! segments clipped to the chunk (one draw call per chunk), sorted by start time into
//! one-second buckets: update() draws only the chunks and the bucket range that can be visible
//! in [t - trail, t], so the vertices drawn grow with the trail, not with the history. Chunks
//! are built when first needed and a bounded number stay cached, so a day of 10,000 tracks is
//! never held as trail geometry at once; appending samples rebuilds only the chunks they touch.
//! Main thread (update, settings, invalidation); the drawables live in HOST (the layer's Geode).
class PeopleTrails
{
public:
    static constexpr double kChunkSeconds = 60.0;
    //! Chunks kept built beyond those drawn (scrubbing back and forth does not rebuild them).
    static constexpr std::size_t kSpareChunks = 16;

    //! Trails of TRACKS (owned by the layer, indexed like COLOURS) drawn into HOST.
    PeopleTrails(osg::Geode* host, const std::vector<PersonTrack>* tracks,
                 const std::vector<osg::Vec4ub>* colours);

    //! Trail length in seconds; 0 (the default) draws no trails at all.
    void setTrailSeconds(double seconds);
    double trailSeconds() const { return m_trailSeconds; }
    //! Segments between samples further apart than this are not drawn.
    void setMaxGapSeconds(double seconds);
    double maxGapSeconds() const { return m_maxGapSeconds; }

    //! Samples at or after SECONDS changed (appended, inserted, a person added): chunks that hold
    //! segments ending there are dropped and rebuilt when next needed.
    void invalidateFrom(double seconds);
    void invalidateAll();

    //! Shows the trails for scene time SECONDS: attaches the chunks that can hold visible
    //! segments, narrows each one's draw range, detaches the rest. Returns the segments drawn.
    std::size_t update(double seconds);

    //! Whether a segment sampled at T0 and T1 shows any part at time T with trail length TRAIL.
    static bool isSegmentVisible(double t0, double t1, double t, double trail);
    //! Opacity of a trail vertex AGE seconds old (what people_trail.frag draws; 0: hidden).
    static float fadeAt(double age, double trail);

    // For tests and the bench.
    std::size_t attachedChunks() const { return m_attached.size(); }
    std::size_t cachedChunks() const { return m_chunks.size(); }
    std::size_t chunksBuilt() const { return m_chunksBuilt; }
    //! Segments (start time, end time, person) drawn by the last update(), in draw order.
    struct DrawnSegment
    {
        double t0 = 0, t1 = 0;
        std::size_t person = 0;
    };
    std::vector<DrawnSegment> drawnSegments() const;
    osg::StateSet* stateSet() const { return m_stateSet.get(); }

private:
    struct Chunk
    {
        osg::ref_ptr<osg::Geometry> geometry;
        osg::ref_ptr<osg::DrawArrays> draw;
        osg::ref_ptr<osg::FloatArray> times;    //!< per vertex
        std::vector<std::uint32_t> person;      //!< per segment
        std::vector<std::uint32_t> bucketStart; //!< first segment of each second, plus the end
        double longestSegment = 0;              //!< seconds; widens the range look-back
        std::uint64_t lastUsed = 0;
    };

    Chunk buildChunk(std::int64_t index) const;
    void attach(std::int64_t index, Chunk& chunk);
    void detachAll();
    void evict(std::int64_t firstNeeded, std::int64_t lastNeeded);

    osg::observer_ptr<osg::Geode> m_host;
    const std::vector<PersonTrack>* m_tracks;
    const std::vector<osg::Vec4ub>* m_colours;
    osg::ref_ptr<osg::StateSet> m_stateSet;
    osg::ref_ptr<osg::Uniform> m_trailUniform;
    double m_trailSeconds = 0.0;
    double m_maxGapSeconds = 600.0;
    double m_lastSeconds = 0.0;
    std::map<std::int64_t, Chunk> m_chunks;
    std::vector<std::int64_t> m_attached;
    std::uint64_t m_frame = 0;
    std::size_t m_chunksBuilt = 0;
};

} // namespace citytwin::scene
