#include "data/PipeSection.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace citytwin::data {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
//! Slack on the segment parameters so that a touch at an end survives rounding.
constexpr double kParamEps = 1e-9;
//! Two crossings of one pipe closer than this (along the section and in plan) are one.
constexpr double kSamePointM = 1e-3;

struct Vec2
{
    double x = 0.0;
    double y = 0.0;
};

double cross(Vec2 a, Vec2 b)
{
    return a.x * b.y - a.y * b.x;
}

double length(Vec2 v)
{
    return std::hypot(v.x, v.y);
}

std::optional<double> groundAt(const SurfaceHeightFunction& ground, double x, double y)
{
    if (!ground)
        return std::nullopt;
    const std::optional<double> z = ground(x, y);
    return z && std::isfinite(*z) ? z : std::nullopt;
}

PipeCrossing makeCrossing(const PipeLine& pipe, LayerId layer)
{
    PipeCrossing c;
    c.layer = layer;
    c.pipeId = pipe.id;
    c.network = pipe.network;
    c.material = pipe.material;
    c.installYear = pipe.installYear;
    c.section = pipe.section;
    c.diameterM = pipe.diameterM;
    c.widthM = pipe.widthM;
    c.heightM = pipe.heightM;
    return c;
}

//! Fills groundZ, centreZ (when the pipe had no z) and the three depths.
void setDepths(PipeCrossing& c, std::optional<double> ground, double pipeZ, double depthM)
{
    c.groundZ = ground ? *ground : kNaN;
    c.centreZ = std::isfinite(pipeZ) ? pipeZ : (ground ? *ground - depthM : kNaN);
    c.point.z = c.centreZ;
    const double half = 0.5 * c.verticalSizeM();
    c.depthCentreM = c.groundZ - c.centreZ; // NaN propagates when either is unknown
    c.depthTopM = c.depthCentreM - half;
    c.depthInvertM = c.depthCentreM + half;
}

bool isDuplicate(const std::vector<PipeCrossing>& found, const PipeCrossing& c)
{
    return std::any_of(found.begin(), found.end(), [&](const PipeCrossing& o) {
        return o.pipeId == c.pipeId && o.layer == c.layer &&
               std::abs(o.distanceM - c.distanceM) < kSamePointM &&
               std::hypot(o.point.x - c.point.x, o.point.y - c.point.y) < kSamePointM;
    });
}

} // namespace

double sectionLength(const std::vector<ProjectedPoint>& line)
{
    double total = 0.0;
    for (size_t i = 1; i < line.size(); ++i)
        total += std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
    return total;
}

ProjectedPoint pointAlongSection(const std::vector<ProjectedPoint>& line, double distanceM)
{
    if (line.empty())
        return {};
    double start = 0.0;
    for (size_t i = 1; i < line.size(); ++i) {
        const double len = std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
        if (distanceM <= start + len && len > 0.0) {
            const double t = std::clamp((distanceM - start) / len, 0.0, 1.0);
            return {line[i - 1].x + t * (line[i].x - line[i - 1].x),
                    line[i - 1].y + t * (line[i].y - line[i - 1].y), 0.0};
        }
        start += len;
    }
    return distanceM <= 0.0 ? ProjectedPoint{line.front().x, line.front().y, 0.0}
                            : ProjectedPoint{line.back().x, line.back().y, 0.0};
}

std::vector<PipeCrossing> sectionCrossings(const std::vector<ProjectedPoint>& line,
                                           const std::vector<PipeLine>& pipes, LayerId layer,
                                           const SurfaceHeightFunction& ground)
{
    std::vector<PipeCrossing> out;
    if (line.size() < 2)
        return out;
    // Work relative to the first section point: projected coordinates are ~10^6 m, and the
    // cross products of raw values would lose the millimetres.
    const double ox = line.front().x;
    const double oy = line.front().y;
    const auto rel = [&](const ProjectedPoint& p) { return Vec2{p.x - ox, p.y - oy}; };

    double segmentStart = 0.0;
    for (size_t i = 1; i < line.size(); ++i) {
        const Vec2 p = rel(line[i - 1]);
        const Vec2 r{line[i].x - line[i - 1].x, line[i].y - line[i - 1].y};
        const double rLen = length(r);
        if (rLen <= 0.0)
            continue;
        for (const PipeLine& pipe : pipes) {
            std::vector<PipeCrossing> ofPipe;
            for (size_t k = 1; k < pipe.points.size(); ++k) {
                const ProjectedPoint& a = pipe.points[k - 1];
                const ProjectedPoint& b = pipe.points[k];
                const Vec2 q = rel(a);
                const Vec2 s{b.x - a.x, b.y - a.y};
                const double sLen = length(s);
                const double denom = cross(r, s);
                if (sLen <= 0.0 || std::abs(denom) <= 1e-12 * rLen * sLen)
                    continue; // parallel or collinear: no single crossing point (see the header)
                const Vec2 qp{q.x - p.x, q.y - p.y};
                const double t = cross(qp, s) / denom; // along the section segment
                const double u = cross(qp, r) / denom; // along the pipe segment
                if (t < -kParamEps || t > 1.0 + kParamEps || u < -kParamEps || u > 1.0 + kParamEps)
                    continue;
                const double tc = std::clamp(t, 0.0, 1.0);
                const double uc = std::clamp(u, 0.0, 1.0);
                PipeCrossing c = makeCrossing(pipe, layer);
                c.distanceM = segmentStart + tc * rLen;
                c.point.x = line[i - 1].x + tc * r.x;
                c.point.y = line[i - 1].y + tc * r.y;
                const double pipeZ = a.z + uc * (b.z - a.z);
                setDepths(c, groundAt(ground, c.point.x, c.point.y), pipeZ, pipe.depthM);
                ofPipe.push_back(std::move(c));
            }
            for (PipeCrossing& c : ofPipe) {
                if (!isDuplicate(out, c))
                    out.push_back(std::move(c));
            }
        }
        segmentStart += rLen;
    }
    sortCrossings(out);
    return out;
}

void sortCrossings(std::vector<PipeCrossing>& crossings)
{
    std::stable_sort(crossings.begin(), crossings.end(), [](const PipeCrossing& a, const PipeCrossing& b) {
        if (a.distanceM != b.distanceM)
            return a.distanceM < b.distanceM;
        if (a.layer != b.layer)
            return a.layer < b.layer;
        return a.pipeId < b.pipeId;
    });
}

std::vector<SectionGroundSample> sectionGroundProfile(const std::vector<ProjectedPoint>& line,
                                                      const SurfaceHeightFunction& ground, double stepM)
{
    std::vector<SectionGroundSample> out;
    const auto add = [&](double distance, double x, double y) {
        const std::optional<double> z = groundAt(ground, x, y);
        out.push_back({distance, x, y, z ? *z : kNaN});
    };
    if (line.empty())
        return out;
    add(0.0, line.front().x, line.front().y);
    double segmentStart = 0.0;
    for (size_t i = 1; i < line.size(); ++i) {
        const double dx = line[i].x - line[i - 1].x;
        const double dy = line[i].y - line[i - 1].y;
        const double len = std::hypot(dx, dy);
        if (len <= 0.0)
            continue;
        // Evenly spaced within each segment so the vertex itself is always a sample.
        const int steps = stepM > 0.0 ? std::max(1, int(std::ceil(len / stepM - 1e-9))) : 1;
        for (int s = 1; s <= steps; ++s) {
            const double t = double(s) / steps;
            add(segmentStart + t * len, line[i - 1].x + t * dx, line[i - 1].y + t * dy);
        }
        segmentStart += len;
    }
    return out;
}

} // namespace citytwin::data
