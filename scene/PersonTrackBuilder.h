#pragma once

#include "scene/PersonTrack.h"

#include <cstddef>
#include <osg/Node>
#include <osg/Vec3f>
#include <osg/ref_ptr>

namespace citytwin::scene {

//! What the day's track of a person holds (for the details panel).
struct PersonTrackSummary
{
    std::size_t samples = 0; //!< fixes in the time span
    int runs = 0;            //!< polylines: gaps longer than the max gap split the track
    double lengthM = 0;      //!< walked length, gaps excluded
    double firstSeconds = 0; //!< first and last fix (seconds since the layer epoch); 0 when none
    double lastSeconds = 0;
};

//! The track of one person over a time span (e.g. the local day) as a polyline node for the
//! scene's analysis group: one GL_LINE_STRIP per run of fixes not separated by a gap longer than
//! the max gap, in the person's colour, drawn over the ground and buildings like the markers.
class PersonTrackBuilder
{
public:
    //! Summary of TRACK's fixes in [FROMSECONDS, TOSECONDS).
    static PersonTrackSummary summarize(const PersonTrack& track, double fromSeconds, double toSeconds,
                                        double maxGapSeconds);
    //! The polyline node (named "personTrack"; geometry "personTrackLine") in the same local
    //! coordinates as TRACK; an empty Geode when the span holds fewer than two fixes.
    static osg::ref_ptr<osg::Node> build(const PersonTrack& track, double fromSeconds, double toSeconds,
                                         double maxGapSeconds, const osg::Vec3f& colour);
};

} // namespace citytwin::scene
