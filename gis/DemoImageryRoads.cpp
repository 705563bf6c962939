#include "gis/DemoImagery.h"

namespace citytwin::gis::demo {

namespace {

const Rgb kSidewalk{172, 168, 160};
const Rgb kAsphalt{82, 84, 88};
const Rgb kMedian{72, 108, 60};
const Rgb kWhiteMark{236, 236, 230};
const Rgb kYellowMark{222, 192, 72};
const Rgb kStreetTree{50, 84, 44};

//! Intervals along ROAD occupied by the roads crossing it (intersections).
std::vector<std::pair<double, double>> crossings(const std::vector<Road>& roads, const Road& road)
{
    std::vector<std::pair<double, double>> out;
    for (const Road& p : roads) {
        if (p.vertical == road.vertical)
            continue;
        const double hw = 0.5 * p.width;
        if (p.coord + hw < road.from || p.coord - hw > road.to)
            continue;
        if (road.coord < p.from - 0.5 * road.width || road.coord > p.to + 0.5 * road.width)
            continue;
        out.push_back({p.coord - hw, p.coord + hw});
    }
    return out;
}

bool inAny(const std::vector<std::pair<double, double>>& intervals, double a, double pad = 0.0)
{
    for (const auto& [a0, a1] : intervals)
        if (a >= a0 - pad && a <= a1 + pad)
            return true;
    return false;
}

} // namespace

void DemoImagery::paintRoads()
{
    const auto& roads = m_layout.roads();
    // Every sidewalk first, then every carriageway, so crossing carriageways join up.
    for (const Road& road : roads)
        m_canvas.forRect(road.rect(), [&](int col, int row, double, double) {
            m_canvas.set(col, row, kSidewalk.plus(6.0f * DemoCanvas::grain(m_seed ^ 0x51DE, col, row)));
        });
    for (const Road& road : roads) {
        Road inner = road;
        inner.width = road.carriageway;
        m_canvas.forRect(inner.rect(), [&](int col, int row, double x, double y) {
            const float wear = float(valueNoise(m_seed ^ 0xA5F, x / 25.0, y / 25.0));
            m_canvas.set(col, row,
                         kAsphalt.plus(5.0f * wear + 5.0f * DemoCanvas::grain(m_seed ^ 0xA5, col, row)));
        });
    }
    for (size_t i = 0; i < roads.size(); ++i) {
        paintRoadMarks(i);
        paintStreetTrees(i);
    }
}

void DemoImagery::paintRoadMarks(size_t roadIndex)
{
    const Road& road = m_layout.roads()[roadIndex];
    const auto cross = crossings(m_layout.roads(), road);
    const double px = m_canvas.pixelM();
    // Calls F(col, row, along) for the one-pixel line at OFFSET across the road.
    const auto line = [&](double offset, auto&& f) {
        for (double a = road.from + 0.5 * px; a < road.to; a += px) {
            const double x = road.vertical ? road.coord + offset : a;
            const double y = road.vertical ? a : road.coord + offset;
            const int col = m_canvas.colOf(x), row = m_canvas.rowOf(y);
            if (m_canvas.inside(col, row) && !inAny(cross, a))
                f(col, row, a);
        }
    };
    const auto dashed = [&](double offset, const Rgb& c) {
        line(offset, [&](int col, int row, double a) {
            if (std::fmod(a - road.from, 15.0) < 6.0)
                m_canvas.blend(col, row, c, 0.6f);
        });
    };
    const auto solid = [&](double offset, const Rgb& c, float alpha) {
        line(offset, [&](int col, int row, double) { m_canvas.blend(col, row, c, alpha); });
    };
    switch (road.cls) {
    case RoadClass::Main: {
        // Dual carriageway: green median, three lanes each way, solid edge lines.
        for (double o = -1.5; o <= 1.5; o += px)
            line(o, [&](int col, int row, double) {
                m_canvas.set(col, row, kMedian.plus(8.0f * DemoCanvas::grain(m_seed, col, row)));
            });
        for (const double s : {-1.0, 1.0}) {
            dashed(s * 5.0, kWhiteMark);
            dashed(s * 8.5, kWhiteMark);
            solid(s * 11.4, kWhiteMark, 0.45f);
        }
        break;
    }
    case RoadClass::Secondary:
        solid(0.0, kYellowMark, 0.65f);
        dashed(-3.0, kWhiteMark);
        dashed(3.0, kWhiteMark);
        break;
    case RoadClass::Lane:
        dashed(0.0, kWhiteMark);
        break;
    }
    // Zebra crossings just outside each intersection, across the carriageway.
    if (road.cls == RoadClass::Lane)
        return;
    for (const auto& [a0, a1] : cross) {
        for (const double a : {a0 - 3.0, a1 + 3.0}) {
            if (a < road.from || a > road.to)
                continue;
            const double hc = 0.5 * road.carriageway;
            const Rect band = road.vertical ? Rect{road.coord - hc, a - 2.0, road.coord + hc, a + 2.0}
                                            : Rect{a - 2.0, road.coord - hc, a + 2.0, road.coord + hc};
            // 0.45 m stripes are below the 2 m pixel: they read as a light band.
            m_canvas.forRect(
                band, [&](int col, int row, double, double) { m_canvas.blend(col, row, kWhiteMark, 0.4f); });
        }
    }
}

void DemoImagery::paintStreetTrees(size_t roadIndex)
{
    const Road& road = m_layout.roads()[roadIndex];
    if (road.cls == RoadClass::Lane)
        return;
    const auto cross = crossings(m_layout.roads(), road);
    const double offset = 0.5 * road.width - 1.5;
    const double radius = 2.3;
    for (double a = road.from + 4.0; a < road.to; a += 8.0) {
        if (inAny(cross, a, 4.0))
            continue;
        for (const double s : {-1.0, 1.0}) {
            const double cx = road.vertical ? road.coord + s * offset : a;
            const double cy = road.vertical ? a : road.coord + s * offset;
            // Trees stand on land, not on bridges.
            if (m_layout.water().probe(cx, cy).distance < 3.0)
                continue;
            m_canvas.forRect(Rect{cx - radius, cy - radius, cx + radius, cy + radius},
                             [&](int col, int row, double x, double y) {
                                 const double r = std::hypot(x - cx, y - cy) / radius;
                                 if (r <= 1.0)
                                     m_canvas.blend(col, row, kStreetTree.plus(12.0f * float(1.0 - r)),
                                                    float(0.9 - 0.3 * r));
                             });
        }
    }
}

} // namespace citytwin::gis::demo
