#pragma once

#include <cstddef>
#include <osg/Vec3f>
#include <vector>

namespace citytwin::scene {

//! One person's samples as the people layer keeps them: times in seconds since the layer epoch
//! (ascending, double so long histories keep millisecond precision) and positions in local
//! coordinates (lift included). Shared by the markers, the trails and the day's track.
struct PersonTrack
{
    std::vector<double> times;
    std::vector<osg::Vec3f> points;
    //! Index of the sample at or before the last interpolated time: sequential playback finds the
    //! next pair in O(1) instead of a binary search per person and frame.
    std::size_t cursor = 0;

    bool empty() const { return times.empty(); }
    std::size_t size() const { return times.size(); }

    //! Inserts a sample in time order (usually at the end: live fixes arrive in order). A sample
    //! at the time of an existing one replaces it (a re-sent fix must not stack). Returns its index.
    std::size_t insert(double seconds, const osg::Vec3f& point);

    //! Interpolated position at SECONDS into OUT: false before the first sample, after the last
    //! and strictly inside a gap longer than MAXGAPSECONDS (at both ends of a gap the sample
    //! itself is shown). Moves the cursor.
    bool positionAt(double seconds, double maxGapSeconds, osg::Vec3f& out);

    //! First sample index at or after SECONDS (binary search; the cursor is not used).
    std::size_t lowerBound(double seconds) const;
};

} // namespace citytwin::scene
