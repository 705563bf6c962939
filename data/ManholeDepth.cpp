#include "data/ManholeDepth.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

namespace citytwin::data {

namespace {

//! Plan grid cell: small enough that a position's cell holds few segments, large enough that a
//! long segment touches few cells.
constexpr double kCellM = 20.0;

struct Segment
{
    ProjectedPoint a, b;
    double halfWidth = 0.0;  //!< plan reach of the pipe's wall from its centre line
    double halfHeight = 0.0; //!< centre to bottom
};

std::int64_t cellKey(long long cx, long long cy)
{
    return (std::int64_t(cx) << 32) ^ (std::int64_t(cy) & 0xffffffffLL);
}

long long cellOf(double v)
{
    return (long long)std::floor(v / kCellM);
}

double halfWidthOf(const PipeLine& pipe)
{
    const double d = pipe.diameterM > 0.0 ? pipe.diameterM : 0.0;
    if (pipe.section == PipeSection::Box)
        return (pipe.widthM > 0.0 ? pipe.widthM : d) / 2.0;
    return d / 2.0;
}

double halfHeightOf(const PipeLine& pipe)
{
    const double d = pipe.diameterM > 0.0 ? pipe.diameterM : 0.0;
    if (pipe.section == PipeSection::Box)
        return (pipe.heightM > 0.0 ? pipe.heightM : d) / 2.0;
    return d / 2.0;
}

class SegmentGrid
{
public:
    void add(const Segment& s, double pad)
    {
        const auto index = std::uint32_t(m_segments.size());
        m_segments.push_back(s);
        // Walk the segment in pieces no longer than a cell, adding each piece's padded box: a
        // long diagonal segment then touches a band of cells, not its whole bounding box.
        const double length = std::hypot(s.b.x - s.a.x, s.b.y - s.a.y);
        const int pieces = std::max(1, int(std::ceil(length / kCellM)));
        for (int k = 0; k < pieces; ++k) {
            const double t0 = double(k) / pieces, t1 = double(k + 1) / pieces;
            const double x0 = s.a.x + (s.b.x - s.a.x) * t0, x1 = s.a.x + (s.b.x - s.a.x) * t1;
            const double y0 = s.a.y + (s.b.y - s.a.y) * t0, y1 = s.a.y + (s.b.y - s.a.y) * t1;
            for (long long cx = cellOf(std::min(x0, x1) - pad); cx <= cellOf(std::max(x0, x1) + pad); ++cx)
                for (long long cy = cellOf(std::min(y0, y1) - pad); cy <= cellOf(std::max(y0, y1) + pad);
                     ++cy) {
                    std::vector<std::uint32_t>& list = m_cells[cellKey(cx, cy)];
                    if (list.empty() || list.back() != index)
                        list.push_back(index);
                }
        }
    }

    const std::vector<std::uint32_t>* at(double x, double y) const
    {
        const auto it = m_cells.find(cellKey(cellOf(x), cellOf(y)));
        return it == m_cells.end() ? nullptr : &it->second;
    }

    const Segment& segment(std::uint32_t i) const { return m_segments[i]; }

private:
    std::vector<Segment> m_segments;
    std::unordered_map<std::int64_t, std::vector<std::uint32_t>> m_cells;
};

} // namespace

std::vector<std::optional<double>> deepestConnectedPipeBottoms(const std::vector<ProjectedPoint>& positions,
                                                               const std::vector<PipeLine>& pipes,
                                                               double toleranceM)
{
    const double tolerance = std::max(toleranceM, 0.0);
    SegmentGrid grid;
    for (const PipeLine& pipe : pipes) {
        const double halfWidth = halfWidthOf(pipe), halfHeight = halfHeightOf(pipe);
        for (std::size_t i = 0; i + 1 < pipe.points.size(); ++i) {
            const ProjectedPoint& a = pipe.points[i];
            const ProjectedPoint& b = pipe.points[i + 1];
            // A pipe without elevations has no bottom to reach down to.
            if (!std::isfinite(a.z) || !std::isfinite(b.z) || !std::isfinite(a.x) || !std::isfinite(a.y) ||
                !std::isfinite(b.x) || !std::isfinite(b.y))
                continue;
            grid.add({a, b, halfWidth, halfHeight}, tolerance + halfWidth);
        }
    }

    std::vector<std::optional<double>> out(positions.size());
    for (std::size_t p = 0; p < positions.size(); ++p) {
        const ProjectedPoint& q = positions[p];
        const std::vector<std::uint32_t>* candidates = grid.at(q.x, q.y);
        if (!candidates)
            continue;
        for (std::uint32_t i : *candidates) {
            const Segment& s = grid.segment(i);
            const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
            const double len2 = dx * dx + dy * dy;
            const double t =
                len2 > 0.0 ? std::clamp(((q.x - s.a.x) * dx + (q.y - s.a.y) * dy) / len2, 0.0, 1.0) : 0.0;
            const double dist = std::hypot(s.a.x + t * dx - q.x, s.a.y + t * dy - q.y);
            if (dist > tolerance + s.halfWidth)
                continue;
            const double bottom = s.a.z + t * (s.b.z - s.a.z) - s.halfHeight;
            if (!out[p] || bottom < *out[p])
                out[p] = bottom;
        }
    }
    return out;
}

} // namespace citytwin::data
