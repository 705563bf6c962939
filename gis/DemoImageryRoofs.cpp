#include "gis/DemoImagery.h"

#include <array>

namespace citytwin::gis::demo {

namespace {

//! Shadows fall north-north-east: the afternoon sun of a clear day stands in the south-south-west.
constexpr double kShadowDirX = 0.38;
constexpr double kShadowDirY = 0.925;
constexpr double kShadowPerMetre = 0.55; //!< shadow length per metre of height
constexpr double kMaxShadowM = 140.0;
constexpr float kShadowDarkening = 0.52f;

//! Convex hull (monotone chain), counter-clockwise.
std::vector<XY> convexHull(std::vector<XY> pts)
{
    std::sort(pts.begin(), pts.end(),
              [](const XY& a, const XY& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    const auto cross = [](const XY& o, const XY& a, const XY& b) {
        return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
    };
    std::vector<XY> hull(2 * pts.size());
    size_t k = 0;
    for (const XY& p : pts) {
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0)
            --k;
        hull[k++] = p;
    }
    for (size_t i = pts.size() - 1, t = k + 1; i-- > 0;) {
        while (k >= t && cross(hull[k - 2], hull[k - 1], pts[i]) <= 0)
            --k;
        hull[k++] = pts[i];
    }
    hull.resize(k - 1);
    return hull;
}

//! RING (orthogonal, counter-clockwise) moved inwards by D.
std::vector<XY> insetOrthogonal(const std::vector<XY>& ring, double d)
{
    const size_t n = ring.size();
    std::vector<XY> out(n);
    const auto normal = [&](size_t i) { // left normal of edge i -> i+1
        const XY& a = ring[i];
        const XY& b = ring[(i + 1) % n];
        const double len = std::hypot(b.x - a.x, b.y - a.y);
        return XY{-(b.y - a.y) / len, (b.x - a.x) / len};
    };
    for (size_t i = 0; i < n; ++i) {
        const XY nPrev = normal((i + n - 1) % n);
        const XY nNext = normal(i);
        out[i] = {ring[i].x + d * (nPrev.x + nNext.x), ring[i].y + d * (nPrev.y + nNext.y)};
    }
    return out;
}

Rgb roofColour(const DemoBuilding& b)
{
    DemoRandom rng(b.tint);
    const auto pick = [&rng](std::initializer_list<Rgb> list) {
        return *(list.begin() + rng.below(list.size()));
    };
    Rgb c;
    if (b.landmark) {
        c = b.height > 100.0 ? Rgb{104, 128, 152} : Rgb{178, 172, 160};
    } else {
        switch (b.zone) {
        case Zone::OldTown:
            c = pick({{74, 76, 82}, {84, 84, 88}, {96, 92, 90}, {70, 72, 78}});
            break;
        case Zone::LowRise:
        case Zone::Village:
            c = pick({{150, 86, 70}, {168, 108, 78}, {128, 128, 134}, {92, 108, 130}, {176, 170, 160}});
            break;
        case Zone::Residential:
            c = pick({{168, 166, 160}, {150, 154, 160}, {182, 176, 166}, {120, 124, 132}});
            break;
        case Zone::Commercial:
            c = pick({{192, 192, 194}, {120, 140, 160}, {170, 174, 178}, {150, 146, 140}});
            break;
        case Zone::Industrial:
            c = pick({{80, 120, 170}, {214, 214, 208}, {168, 170, 172}, {100, 140, 180}});
            break;
        default:
            c = pick({{176, 160, 140}, {160, 84, 64}, {188, 184, 176}});
            break;
        }
    }
    return c.plus(float(rng.uniform(-10.0, 10.0)));
}

bool pitchedRoof(const DemoBuilding& b)
{
    return b.zone == Zone::OldTown || b.zone == Zone::Village ||
           (b.zone == Zone::LowRise && (b.tint & 3u) != 0);
}

} // namespace

void DemoImagery::paintShadows()
{
    const int n = m_canvas.size();
    std::vector<std::uint8_t> mask(size_t(n) * size_t(n), 0);
    for (const DemoBuilding& b : m_buildings) {
        const double len = std::min(b.height * kShadowPerMetre, kMaxShadowM);
        const double dx = kShadowDirX * len, dy = kShadowDirY * len;
        const Rect& r = b.bounds;
        const std::vector<XY> hull = convexHull({{r.x0, r.y0},
                                                 {r.x1, r.y0},
                                                 {r.x1, r.y1},
                                                 {r.x0, r.y1},
                                                 {r.x0 + dx, r.y0 + dy},
                                                 {r.x1 + dx, r.y0 + dy},
                                                 {r.x1 + dx, r.y1 + dy},
                                                 {r.x0 + dx, r.y1 + dy}});
        m_canvas.forPolygon(
            hull, [&](int col, int row, double, double) { mask[size_t(row) * size_t(n) + size_t(col)] = 1; });
    }
    for (int row = 0; row < n; ++row)
        for (int col = 0; col < n; ++col)
            if (mask[size_t(row) * size_t(n) + size_t(col)])
                m_canvas.set(col, row,
                             m_canvas.get(col, row).scaled(kShadowDarkening).mixed(Rgb{30, 40, 60}, 0.12f));
}

void DemoImagery::paintRoofs()
{
    for (const DemoBuilding& b : m_buildings) {
        const Rgb roof = roofColour(b);
        const Rgb parapet = roof.scaled(0.78f);
        m_canvas.forPolygon(b.ring,
                            [&](int col, int row, double, double) { m_canvas.set(col, row, parapet); });
        const bool pitched = pitchedRoof(b);
        const bool ridgeAlongX = b.bounds.width() >= b.bounds.height();
        const std::vector<XY> inner =
            insetOrthogonal(b.ring, std::min(1.2, 0.15 * std::min(b.bounds.width(), b.bounds.height())));
        m_canvas.forPolygon(inner, [&](int col, int row, double x, double y) {
            float shade = 1.0f;
            if (pitched) // sunlit south/west slope, shaded north/east slope
                shade = (ridgeAlongX ? y < b.bounds.cy() : x < b.bounds.cx()) ? 1.08f : 0.84f;
            m_canvas.set(col, row, roof.scaled(shade).plus(4.0f * DemoCanvas::grain(b.tint, col, row)));
        });
        // Flat roofs carry plant: a few lighter boxes (rectangular roofs only, to stay on the roof).
        if (!pitched && b.ring.size() == 4 && b.bounds.width() > 12.0 && b.bounds.height() > 12.0) {
            DemoRandom rng(b.tint ^ 0xAC);
            const int units = 2 + int(rng.below(4));
            for (int i = 0; i < units; ++i) {
                const double ux = rng.uniform(b.bounds.x0 + 3.0, b.bounds.x1 - 5.0);
                const double uy = rng.uniform(b.bounds.y0 + 3.0, b.bounds.y1 - 5.0);
                m_canvas.forRect(Rect{ux, uy, ux + 2.5, uy + 2.5}, [&](int col, int row, double, double) {
                    m_canvas.set(col, row, roof.plus(28.0f));
                });
            }
        }
    }
}

} // namespace citytwin::gis::demo
