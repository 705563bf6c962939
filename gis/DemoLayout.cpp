#include "gis/DemoLayout.h"

#include "gis/DemoNames.h"
#include "gis/DemoRandom.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace citytwin::gis::demo {

namespace {

constexpr double kMainSpacingM = 500.0;
constexpr double kMainWidthM = 30.0;
constexpr double kMainCarriagewayM = 24.0;
constexpr double kSecondaryWidthM = 18.0;
constexpr double kSecondaryCarriagewayM = 12.0;
constexpr double kLaneWidthM = 9.0;
constexpr double kLaneCarriagewayM = 6.0;
//! Roads keep this far from the area edge so the outermost blocks are not slivers.
constexpr double kEdgeClearanceM = 60.0;

struct Line
{
    double c;
    bool main;
};

double widthOf(bool main)
{
    return main ? kMainWidthM : kSecondaryWidthM;
}

bool hasLine(const std::vector<double>& lines, double c)
{
    return std::any_of(lines.begin(), lines.end(), [c](double l) { return std::abs(l - c) < 1e-6; });
}

Zone pickZone(const DemoWater& water, double half, double cx, double cy, DemoRandom& rng)
{
    const double size = 2.0 * half;
    const double u = std::max(std::abs(cx), std::abs(cy)) / half;
    if (water.probe(cx, cy).distance < 140.0 && cx > -0.45 * size && cx < 0.1 * size && u < 0.8 &&
        rng.chance(0.75))
        return Zone::OldTown;
    if (u > 0.8) {
        if (cy > 0 && cx > 0) {
            const double w[] = {0.7, 0.2, 0.1};
            return std::array{Zone::Industrial, Zone::Field, Zone::Village}[rng.weighted(w, 3)];
        }
        if (cy > 0) {
            const double w[] = {0.25, 0.3, 0.45};
            return std::array{Zone::Industrial, Zone::Village, Zone::Field}[rng.weighted(w, 3)];
        }
        const double w[] = {0.55, 0.35, 0.1};
        return std::array{Zone::Field, Zone::Village, Zone::Industrial}[rng.weighted(w, 3)];
    }
    if (u < 0.32) {
        const double w[] = {0.42, 0.3, 0.15, 0.08, 0.05};
        return std::array{Zone::Commercial, Zone::Residential, Zone::Public, Zone::Park,
                          Zone::LowRise}[rng.weighted(w, 5)];
    }
    const bool industrialQuarter = cx > 0.25 * size && cy > 0.2 * size;
    const double w[] = {0.45, 0.2, 0.1, 0.08, 0.07, industrialQuarter ? 0.9 : 0.05};
    return std::array{Zone::Residential, Zone::LowRise, Zone::Public,
                      Zone::Commercial,  Zone::Park,    Zone::Industrial}[rng.weighted(w, 6)];
}

} // namespace

Rect Road::rect() const
{
    const double h = 0.5 * width;
    return vertical ? Rect{coord - h, from, coord + h, to} : Rect{from, coord - h, to, coord + h};
}

DemoLayout::DemoLayout(std::uint64_t seed, double sizeM)
    : m_half(0.5 * sizeM), m_water(DemoRandom::hash(seed, 1), 0.5 * sizeM, -0.15625 * sizeM)
{
    buildGrid(seed);
    buildWater();
    buildBlocks(seed);
    buildGraph();
}

Rect DemoLayout::plaza() const
{
    return Rect{-50.0, -95.0, 45.0, 70.0};
}

void DemoLayout::buildGrid(std::uint64_t seed)
{
    DemoRandom rng(DemoRandom::hash(seed, 2));
    const double limit = m_half - kEdgeClearanceM;
    std::vector<Line> lines[2]; // [0]: x (north-south roads), [1]: y
    for (int axis = 0; axis < 2; ++axis) {
        for (int k = -20; k <= 20; ++k) {
            const double main = 0.5 * kMainSpacingM + kMainSpacingM * k;
            if (std::abs(main) < limit)
                lines[axis].push_back({main, true});
            const double jitter = k == 0 ? 0.0 : std::round(rng.uniform(-25.0, 25.0)); // whole metres
            const double secondary = kMainSpacingM * k + jitter;
            if (std::abs(kMainSpacingM * k) < limit)
                lines[axis].push_back({secondary, false});
        }
        std::sort(lines[axis].begin(), lines[axis].end(),
                  [](const Line& a, const Line& b) { return a.c < b.c; });
    }
    for (const Line& l : lines[0]) {
        m_xLines.push_back(l.c);
        if (l.main)
            m_mainLines.push_back(l.c);
    }
    for (const Line& l : lines[1])
        m_yLines.push_back(l.c);

    // Superblocks: the civic centre around the origin and the East Lake park; the secondary
    // roads that would cross them stop at their edges.
    const double m = 0.5 * kMainSpacingM;
    if (hasLine(m_mainLines, -m) && hasLine(m_mainLines, m))
        m_civic = Rect{-m, -m, m, m};
    if (hasLine(m_mainLines, 3 * m) && hasLine(m_mainLines, 5 * m))
        m_lakePark = Rect{3 * m, m, 5 * m, 3 * m};
    const Rect supers[] = {m_civic, m_lakePark};

    for (int axis = 0; axis < 2; ++axis) {
        int mainIndex = 0, secondaryIndex = 0;
        for (const Line& l : lines[axis]) {
            const bool vertical = axis == 0;
            Road road;
            road.vertical = vertical;
            road.coord = l.c;
            road.width = widthOf(l.main);
            road.carriageway = l.main ? kMainCarriagewayM : kSecondaryCarriagewayM;
            road.cls = l.main ? RoadClass::Main : RoadClass::Secondary;
            road.name = names::road(vertical, l.main, l.main ? mainIndex++ : secondaryIndex++);
            std::vector<std::pair<double, double>> gaps;
            for (const Rect& s : supers) {
                if (s.isEmpty())
                    continue;
                const double a0 = vertical ? s.x0 : s.y0, a1 = vertical ? s.x1 : s.y1;
                if (!l.main && l.c > a0 && l.c < a1)
                    gaps.push_back(vertical ? std::pair{s.y0, s.y1} : std::pair{s.x0, s.x1});
            }
            std::sort(gaps.begin(), gaps.end());
            double from = -m_half;
            for (const auto& [g0, g1] : gaps) {
                road.from = from;
                road.to = g0;
                m_roads.push_back(road);
                from = g1;
            }
            road.from = from;
            road.to = m_half;
            m_roads.push_back(road);
        }
    }
}

void DemoLayout::buildWater()
{
    // Canals run mid-block, between the two road lines nearest the wanted position.
    const auto midBetween = [](const std::vector<double>& lines, double want) {
        for (size_t i = 0; i + 1 < lines.size(); ++i)
            if (lines[i] <= want && want < lines[i + 1])
                return 0.5 * (lines[i] + lines[i + 1]);
        return want;
    };
    const double size = 2.0 * m_half;
    const double xa = midBetween(m_xLines, -0.15 * size);
    const double xb = midBetween(m_xLines, 0.15 * size);
    const double yc = midBetween(m_yLines, 0.28 * size);
    m_water.addCanal({true, xa, m_water.riverCentreY(xa), yc, 6.5, 4.0, 0.3, "市河"});
    m_water.addCanal({false, yc, -m_half - 10.0, xa, 6.0, 4.0, 1.7, "北门塘"});
    m_water.addCanal({true, xb, -m_half - 10.0, m_water.riverCentreY(xb), 6.0, 4.0, 2.9, "南河"});
    if (!m_lakePark.isEmpty()) {
        const Rect& p = m_lakePark;
        m_water.setLake(p.cx(), p.cy(), 0.33 * p.width(), 0.27 * p.height());
    }
}

void DemoLayout::buildBlocks(std::uint64_t seed)
{
    DemoRandom rng(DemoRandom::hash(seed, 3));
    std::vector<double> xs{-m_half}, xw{0.0}, ys{-m_half}, yw{0.0};
    for (const double c : m_xLines) {
        xs.push_back(c);
        xw.push_back(widthOf(hasLine(m_mainLines, c)));
    }
    for (const double c : m_yLines) {
        ys.push_back(c);
        yw.push_back(widthOf(hasLine(m_mainLines, c)));
    }
    xs.push_back(m_half);
    xw.push_back(0.0);
    ys.push_back(m_half);
    yw.push_back(0.0);

    struct Cell
    {
        Rect centrelines;
        Rect interior;
        Zone zone;
    };
    std::vector<Cell> cells;
    const double hm = 0.5 * kMainWidthM;
    if (!m_civic.isEmpty())
        cells.push_back({m_civic, m_civic.inflated(-hm), Zone::Civic});
    if (!m_lakePark.isEmpty())
        cells.push_back({m_lakePark, m_lakePark.inflated(-hm), Zone::LakePark});
    for (size_t j = 0; j + 1 < ys.size(); ++j) {
        for (size_t i = 0; i + 1 < xs.size(); ++i) {
            const Rect c{xs[i], ys[j], xs[i + 1], ys[j + 1]};
            if (m_civic.contains(c.cx(), c.cy()) || m_lakePark.contains(c.cx(), c.cy()))
                continue;
            const Rect in{xs[i] + 0.5 * xw[i], ys[j] + 0.5 * yw[j], xs[i + 1] - 0.5 * xw[i + 1],
                          ys[j + 1] - 0.5 * yw[j + 1]};
            if (in.width() < 30.0 || in.height() < 30.0)
                continue;
            cells.push_back({c, in, pickZone(m_water, m_half, in.cx(), in.cy(), rng)});
        }
    }

    // Lanes split some of the larger blocks, as alleys do in old towns and compounds.
    for (const Cell& cell : cells) {
        const Rect& in = cell.interior;
        const bool splittable =
            cell.zone != Zone::Civic && cell.zone != Zone::LakePark && cell.zone != Zone::Park;
        if (splittable && std::max(in.width(), in.height()) > 160.0 && rng.chance(0.45)) {
            Road lane;
            lane.vertical = in.width() >= in.height();
            lane.width = kLaneWidthM;
            lane.carriageway = kLaneCarriagewayM;
            lane.cls = RoadClass::Lane;
            lane.name = names::lane(rng);
            const double span = lane.vertical ? in.width() : in.height();
            lane.coord = (lane.vertical ? in.cx() : in.cy()) + rng.uniform(-0.1, 0.1) * span;
            lane.from = lane.vertical ? cell.centrelines.y0 : cell.centrelines.x0;
            lane.to = lane.vertical ? cell.centrelines.y1 : cell.centrelines.x1;
            // A lane must not cut through water: it would need a bridge per lane.
            if (!m_water.touches(lane.rect(), 2.0)) {
                m_roads.push_back(lane);
                const double h = 0.5 * kLaneWidthM;
                const Rect a = lane.vertical ? Rect{in.x0, in.y0, lane.coord - h, in.y1}
                                             : Rect{in.x0, in.y0, in.x1, lane.coord - h};
                const Rect b = lane.vertical ? Rect{lane.coord + h, in.y0, in.x1, in.y1}
                                             : Rect{in.x0, lane.coord + h, in.x1, in.y1};
                m_blocks.push_back({a, cell.zone, rng.next()});
                m_blocks.push_back({b, cell.zone, rng.next()});
                continue;
            }
        }
        m_blocks.push_back({in, cell.zone, rng.next()});
    }
}

void DemoLayout::buildGraph()
{
    std::map<std::pair<long long, long long>, int> index;
    const auto nodeAt = [&](double x, double y) {
        const auto key = std::pair{std::llround(x * 100.0), std::llround(y * 100.0)};
        const auto it = index.find(key);
        if (it != index.end())
            return it->second;
        m_nodes.push_back({x, y, {}});
        index.emplace(key, int(m_nodes.size()) - 1);
        return int(m_nodes.size()) - 1;
    };
    std::vector<std::vector<std::pair<double, int>>> onRoad(m_roads.size());
    const double eps = 1e-6;
    for (size_t i = 0; i < m_roads.size(); ++i) {
        const Road& v = m_roads[i];
        if (!v.vertical)
            continue;
        for (size_t j = 0; j < m_roads.size(); ++j) {
            const Road& h = m_roads[j];
            if (h.vertical || h.coord < v.from - eps || h.coord > v.to + eps || v.coord < h.from - eps ||
                v.coord > h.to + eps)
                continue;
            const int n = nodeAt(v.coord, h.coord);
            onRoad[i].push_back({h.coord, n});
            onRoad[j].push_back({v.coord, n});
        }
    }
    for (size_t i = 0; i < m_roads.size(); ++i) {
        const Road& r = m_roads[i];
        // Road ends inside the area are dead ends people can walk to; ends on the area's
        // edge are not (the city goes on beyond, but the demo does not).
        for (const double along : {r.from, r.to}) {
            const double x = r.vertical ? r.coord : along, y = r.vertical ? along : r.coord;
            if (std::max(std::abs(x), std::abs(y)) < m_half - 1.0)
                onRoad[i].push_back({along, nodeAt(x, y)});
        }
        auto& list = onRoad[i];
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end(),
                               [](const auto& a, const auto& b) { return a.second == b.second; }),
                   list.end());
        for (size_t k = 0; k + 1 < list.size(); ++k) {
            const double length = list[k + 1].first - list[k].first;
            if (length < 1.0)
                continue;
            const int e = int(m_edges.size());
            m_edges.push_back({list[k].second, list[k + 1].second, int(i), length});
            m_nodes[size_t(list[k].second)].edges.push_back(e);
            m_nodes[size_t(list[k + 1].second)].edges.push_back(e);
        }
    }
}

bool DemoLayout::overlapsRoad(const Rect& r) const
{
    return std::any_of(m_roads.begin(), m_roads.end(),
                       [&r](const Road& road) { return road.rect().overlaps(r); });
}

int DemoLayout::roadAt(double x, double y) const
{
    for (size_t i = 0; i < m_roads.size(); ++i)
        if (m_roads[i].rect().contains(x, y))
            return int(i);
    return -1;
}

int DemoLayout::nearestRoad(double x, double y, double* distance) const
{
    int best = -1;
    double bestD = 1e18;
    for (size_t i = 0; i < m_roads.size(); ++i) {
        const Rect r = m_roads[i].rect();
        const double dx = std::max({r.x0 - x, 0.0, x - r.x1});
        const double dy = std::max({r.y0 - y, 0.0, y - r.y1});
        const double d = std::hypot(dx, dy);
        if (d < bestD) {
            bestD = d;
            best = int(i);
        }
    }
    if (distance)
        *distance = bestD;
    return best;
}

int DemoLayout::nearestNode(double x, double y) const
{
    int best = 0;
    double bestD = 1e18;
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        const double d = std::hypot(m_nodes[i].x - x, m_nodes[i].y - y);
        if (d < bestD) {
            bestD = d;
            best = int(i);
        }
    }
    return best;
}

} // namespace citytwin::gis::demo
