#include "scene/PersonTrack.h"

#include <algorithm>

namespace citytwin::scene {

std::size_t PersonTrack::insert(double seconds, const osg::Vec3f& point)
{
    if (times.empty() || seconds > times.back()) {
        times.push_back(seconds);
        points.push_back(point);
        return times.size() - 1;
    }
    const std::size_t i = lowerBound(seconds);
    if (i < times.size() && times[i] == seconds) {
        points[i] = point;
        return i;
    }
    times.insert(times.begin() + std::ptrdiff_t(i), seconds);
    points.insert(points.begin() + std::ptrdiff_t(i), point);
    if (cursor >= i && cursor + 1 < times.size())
        ++cursor; // keep it on the same sample
    return i;
}

std::size_t PersonTrack::lowerBound(double seconds) const
{
    return std::size_t(std::lower_bound(times.begin(), times.end(), seconds) - times.begin());
}

bool PersonTrack::positionAt(double seconds, double maxGapSeconds, osg::Vec3f& out)
{
    const std::size_t n = times.size();
    if (n == 0 || seconds < times.front() || seconds > times.back())
        return false;
    if (n == 1) {
        out = points[0];
        return true;
    }
    // The pair [a, a + 1] with times[a] <= seconds <= times[a + 1]: playback moves forward by
    // less than a sample per frame, so the cursor or its successor nearly always holds it.
    std::size_t a = std::min(cursor, n - 2);
    if (!(times[a] <= seconds && seconds <= times[a + 1])) {
        if (a + 2 < n && times[a + 1] <= seconds && seconds <= times[a + 2]) {
            ++a;
        } else {
            const auto next = std::upper_bound(times.begin(), times.end(), seconds);
            // At the last sample's own time upper_bound is end(): the last pair.
            a = std::min(std::size_t(next - times.begin()), n - 1) - 1;
        }
    }
    cursor = a;
    const double t0 = times[a], t1 = times[a + 1];
    if (seconds == t0) {
        out = points[a];
        return true;
    }
    if (seconds == t1) {
        out = points[a + 1];
        return true;
    }
    if (t1 - t0 > maxGapSeconds)
        return false; // no teleporting: hidden until the next fix
    const float f = float((seconds - t0) / (t1 - t0));
    out = points[a] * (1.0f - f) + points[a + 1] * f;
    return true;
}

} // namespace citytwin::scene
