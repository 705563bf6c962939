#include "gis/FootprintRings.h"

#include <algorithm>

namespace citytwin::gis {

using data::ProjectedPoint;

std::vector<ProjectedPoint> ringPoints(const OGRLinearRing& ring)
{
    std::vector<ProjectedPoint> pts;
    const int n = ring.getNumPoints();
    pts.reserve(size_t(std::max(n, 0)));
    const bool hasZ = ring.Is3D();
    for (int i = 0; i < n; ++i) {
        const ProjectedPoint p{ring.getX(i), ring.getY(i), hasZ ? ring.getZ(i) : 0.0};
        if (!pts.empty() && pts.back().x == p.x && pts.back().y == p.y)
            continue;
        pts.push_back(p);
    }
    while (pts.size() > 1 && pts.front().x == pts.back().x && pts.front().y == pts.back().y)
        pts.pop_back();
    return pts;
}

double signedArea(const std::vector<ProjectedPoint>& ring)
{
    if (ring.size() < 3)
        return 0.0;
    // Relative to the first point: projected coordinates are ~1e6, their products would lose
    // the centimetres that small footprints are made of.
    const double x0 = ring.front().x;
    const double y0 = ring.front().y;
    double twice = 0.0;
    for (size_t i = 0; i < ring.size(); ++i) {
        const ProjectedPoint& a = ring[i];
        const ProjectedPoint& b = ring[(i + 1) % ring.size()];
        twice += (a.x - x0) * (b.y - y0) - (b.x - x0) * (a.y - y0);
    }
    return 0.5 * twice;
}

bool ringsOf(const OGRPolygon& polygon, data::Footprint& out)
{
    const OGRLinearRing* exterior = polygon.getExteriorRing();
    if (!exterior)
        return false;
    out.outer = ringPoints(*exterior);
    const double area = signedArea(out.outer);
    if (out.outer.size() < 3 || area == 0.0)
        return false;
    if (area < 0)
        std::reverse(out.outer.begin(), out.outer.end());
    out.holes.clear();
    for (int i = 0; i < polygon.getNumInteriorRings(); ++i) {
        std::vector<ProjectedPoint> hole = ringPoints(*polygon.getInteriorRing(i));
        const double holeArea = signedArea(hole);
        if (hole.size() < 3 || holeArea == 0.0)
            continue;
        if (holeArea > 0)
            std::reverse(hole.begin(), hole.end());
        out.holes.push_back(std::move(hole));
    }
    return true;
}

} // namespace citytwin::gis
