#include "data/PipeClearance.h"

#include <algorithm>
#include <cmath>
#include <limits>

// Closest points between segments after Ericson, Real-Time Collision Detection, 5.1.9.
namespace citytwin::data {

namespace {

struct V3
{
    double x = 0.0, y = 0.0, z = 0.0;
};
V3 operator-(V3 a, V3 b)
{
    return {a.x - b.x, a.y - b.y, a.z - b.z};
}
V3 operator+(V3 a, V3 b)
{
    return {a.x + b.x, a.y + b.y, a.z + b.z};
}
V3 operator*(V3 a, double s)
{
    return {a.x * s, a.y * s, a.z * s};
}
double dot(V3 a, V3 b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}
double length(V3 a)
{
    return std::sqrt(dot(a, a));
}
V3 toV3(const ProjectedPoint& p)
{
    return {p.x, p.y, p.z};
}
ProjectedPoint toPoint(V3 v)
{
    return {v.x, v.y, v.z};
}
V3 flat(V3 v)
{
    return {v.x, v.y, 0.0};
}

//! Parameters s, t of the closest points of segments p1-q1 and p2-q2.
std::pair<double, double> closestParameters(V3 p1, V3 q1, V3 p2, V3 q2)
{
    constexpr double kEps = 1e-12;
    const V3 d1 = q1 - p1, d2 = q2 - p2, r = p1 - p2;
    const double a = dot(d1, d1), e = dot(d2, d2), f = dot(d2, r);
    if (a <= kEps && e <= kEps)
        return {0.0, 0.0};
    if (a <= kEps)
        return {0.0, std::clamp(f / e, 0.0, 1.0)};
    const double c = dot(d1, r);
    if (e <= kEps)
        return {std::clamp(-c / a, 0.0, 1.0), 0.0};
    const double b = dot(d1, d2), denom = a * e - b * b;
    double s = denom > kEps * a * e ? std::clamp((b * f - c * e) / denom, 0.0, 1.0) : 0.0;
    double t = (b * s + f) / e;
    if (t < 0.0) {
        t = 0.0;
        s = std::clamp(-c / a, 0.0, 1.0);
    } else if (t > 1.0) {
        t = 1.0;
        s = std::clamp((b - c) / a, 0.0, 1.0);
    }
    return {s, t};
}

//! Where segments p1-q1 and p2-q2 cross in plan (parameters), if they do.
std::optional<std::pair<double, double>> planCrossing(V3 p1, V3 q1, V3 p2, V3 q2)
{
    const double d1x = q1.x - p1.x, d1y = q1.y - p1.y, d2x = q2.x - p2.x, d2y = q2.y - p2.y;
    const double denom = d1x * d2y - d1y * d2x;
    if (std::abs(denom) < 1e-12)
        return std::nullopt; // parallel in plan: no single crossing point
    const double rx = p2.x - p1.x, ry = p2.y - p1.y;
    const double s = (rx * d2y - ry * d2x) / denom;
    const double t = (rx * d1y - ry * d1x) / denom;
    if (s < 0.0 || s > 1.0 || t < 0.0 || t > 1.0)
        return std::nullopt;
    return std::make_pair(s, t);
}

//! Extent of PIPE's cross-section (segment direction AXIS) in unit direction U: how far its
//! surface reaches from the centre line towards U.
double support(const PipeLine& pipe, V3 axis, V3 u)
{
    if (pipe.section == PipeSection::Round)
        return pipeHalfWidth(pipe);
    // The box's width lies horizontal and across the axis, its height vertical.
    V3 across{-axis.y, axis.x, 0.0};
    const double l = length(across);
    across = l > 0.0 ? across * (1.0 / l) : V3{1.0, 0.0, 0.0};
    return std::abs(dot(u, across)) * pipeHalfWidth(pipe) + std::abs(u.z) * pipeHalfHeight(pipe);
}

bool usable(const PipeLine& pipe)
{
    return pipe.points.size() >= 2 &&
           std::all_of(pipe.points.begin(), pipe.points.end(), [](const ProjectedPoint& p) {
               return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
           });
}

} // namespace

double pipeHalfWidth(const PipeLine& pipe)
{
    return 0.5 * (pipe.section == PipeSection::Box ? pipe.widthM : pipe.diameterM);
}

double pipeHalfHeight(const PipeLine& pipe)
{
    return 0.5 * (pipe.section == PipeSection::Box ? pipe.heightM : pipe.diameterM);
}

std::optional<PipeClearance> pipeClearance(const PipeLine& a, const PipeLine& b)
{
    if (!usable(a) || !usable(b))
        return std::nullopt;
    PipeClearance result;
    double bestPlan = std::numeric_limits<double>::infinity();
    double best3d = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i + 1 < a.points.size(); ++i) {
        const V3 p1 = toV3(a.points[i]), q1 = toV3(a.points[i + 1]);
        for (size_t j = 0; j + 1 < b.points.size(); ++j) {
            const V3 p2 = toV3(b.points[j]), q2 = toV3(b.points[j + 1]);
            if (const auto cross = planCrossing(p1, q1, p2, q2)) {
                const V3 ca = p1 + (q1 - p1) * cross->first;
                const V3 cb = p2 + (q2 - p2) * cross->second;
                const bool aUp = ca.z >= cb.z;
                const PipeLine& up = aUp ? a : b;
                const PipeLine& low = aUp ? b : a;
                const double upBottom = std::max(ca.z, cb.z) - pipeHalfHeight(up);
                const double lowTop = std::min(ca.z, cb.z) + pipeHalfHeight(low);
                const double clearance = upBottom - lowTop;
                if (!result.crossing || clearance < result.crossing->verticalClearanceM) {
                    result.crossing = ClearanceCrossing{{ca.x, ca.y, 0.5 * (upBottom + lowTop)},
                                                   clearance,
                                                   aUp ? UpperPipe::A : UpperPipe::B};
                    result.pointA = {ca.x, ca.y, aUp ? upBottom : lowTop};
                    result.pointB = {ca.x, ca.y, aUp ? lowTop : upBottom};
                }
            }
            // Plan: the same closest-point search with z flattened.
            const auto [sp, tp] = closestParameters(flat(p1), flat(q1), flat(p2), flat(q2));
            const double plan = length(flat(p1 + (q1 - p1) * sp) - flat(p2 + (q2 - p2) * tp));
            bestPlan = std::min(bestPlan, plan - pipeHalfWidth(a) - pipeHalfWidth(b));
            // 3D: centre-line distance less each section's reach towards the other.
            const auto [s, t] = closestParameters(p1, q1, p2, q2);
            const V3 ca = p1 + (q1 - p1) * s, cb = p2 + (q2 - p2) * t;
            const double d = length(cb - ca);
            V3 u = d > 1e-12 ? (cb - ca) * (1.0 / d) : V3{0.0, 0.0, 1.0};
            const double ra = support(a, q1 - p1, u), rb = support(b, q2 - p2, u);
            const double surface = d - ra - rb;
            if (surface < best3d) {
                best3d = surface;
                if (!result.crossing) {
                    result.pointA = toPoint(ca + u * ra);
                    result.pointB = toPoint(cb - u * rb);
                }
            }
        }
    }
    result.horizontalClearanceM = bestPlan;
    result.minDistanceM = best3d;
    return result;
}

} // namespace citytwin::data
