#include "gis/DemoPeople.h"

#include "gis/DemoNames.h"
#include "gis/DemoRandom.h"
#include "gis/DemoTerrain.h"

#include <algorithm>
#include <cmath>
#include <queue>

namespace citytwin::gis::demo {

using data::PersonRole;

namespace {

constexpr double kHour = 3600.0;
constexpr double kDay = 24.0 * kHour;
constexpr int kStaffPerTeam = 40;
constexpr double kGpsSigmaM = 1.0;
//! Seconds to cross from one side of a street to the other between legs.
constexpr double kHopS = 5.0;

struct Keyframe
{
    double t;
    XY p;
    bool turn; //!< gets its own fix: heading changes, stops and starts (straight-through nodes do not)
};

QString teamSuffix(PersonRole role, int n)
{
    const QString o = names::ordinal(n);
    switch (role) {
    case PersonRole::Enforcement:
        return QStringLiteral("城管执法%1中队").arg(o);
    case PersonRole::Coordinator:
        return QStringLiteral("网格协调%1组").arg(o);
    case PersonRole::Inspector:
        return QStringLiteral("市政巡查%1组").arg(o);
    default:
        return QStringLiteral("环卫作业%1班").arg(o);
    }
}

XY stationPosition(const RoadNode& n)
{
    return {n.x + 18.0, n.y + 18.0};
}

//! Walks the road graph for one person; legs become keyframes with side offsets and turn flags.
class Walker
{
public:
    Walker(const DemoLayout& layout, const DemoStaff& staff, DemoRandom& rng, std::vector<Keyframe>& out)
        : m_layout(layout), m_staff(staff), m_rng(rng), m_out(out)
    {
    }

    //! Patrols from the station during [S0, S1), then goes back to it.
    void shift(double s0, double s1)
    {
        const XY station = stationPosition(m_layout.nodes()[size_t(m_staff.stationNode)]);
        m_out.push_back({s0, station, true});
        double t = s0 + 30.0;
        int node = m_staff.stationNode;
        int prevEdge = -1;
        std::vector<int> leg{node};
        while (t < s1) {
            if (leg.size() > 1 && m_rng.chance(m_staff.dwellChance)) {
                t = flush(leg, t);
                t += m_rng.uniform(60.0, m_staff.vehicle ? 600.0 : 1200.0);
                m_out.push_back({t, m_out.back().p, true});
                t += kHopS;
                leg = {node};
            }
            const int e = chooseEdge(node, prevEdge);
            if (e < 0)
                break;
            const RoadEdge& edge = m_layout.edges()[size_t(e)];
            node = edge.a == node ? edge.b : edge.a;
            prevEdge = e;
            leg.push_back(node);
            t += edge.length / m_staff.speedMps;
        }
        // Back to the station by the fewest blocks.
        t = flush(leg, t - pathLength(leg) / m_staff.speedMps);
        std::vector<int> home = pathTo(node, m_staff.stationNode);
        if (home.size() > 1)
            t = flush(home, t + kHopS);
        m_out.push_back({t + 30.0, station, true});
    }

private:
    double pathLength(const std::vector<int>& path) const
    {
        double len = 0.0;
        for (size_t i = 0; i + 1 < path.size(); ++i) {
            const RoadNode& a = m_layout.nodes()[size_t(path[i])];
            const RoadNode& b = m_layout.nodes()[size_t(path[i + 1])];
            len += std::hypot(b.x - a.x, b.y - a.y);
        }
        return len;
    }

    int chooseEdge(int node, int prevEdge)
    {
        const RoadNode& n = m_layout.nodes()[size_t(node)];
        std::vector<int> options;
        for (const int e : n.edges)
            if (e != prevEdge)
                options.push_back(e);
        if (options.empty())
            return prevEdge; // dead end: turn round
        const RoadNode& home = m_layout.nodes()[size_t(m_staff.stationNode)];
        const auto far = [&](int e) {
            const RoadEdge& edge = m_layout.edges()[size_t(e)];
            const RoadNode& o = m_layout.nodes()[size_t(edge.a == node ? edge.b : edge.a)];
            return std::hypot(o.x - home.x, o.y - home.y);
        };
        if (std::hypot(n.x - home.x, n.y - home.y) > m_staff.roamRadiusM && m_rng.chance(0.8))
            return *std::min_element(options.begin(), options.end(),
                                     [&](int a, int b) { return far(a) < far(b); });
        return options[m_rng.below(options.size())];
    }

    std::vector<int> pathTo(int from, int to) const
    {
        const auto& nodes = m_layout.nodes();
        std::vector<int> parent(nodes.size(), -1);
        std::queue<int> queue;
        queue.push(from);
        parent[size_t(from)] = from;
        while (!queue.empty() && parent[size_t(to)] < 0) {
            const int n = queue.front();
            queue.pop();
            for (const int e : nodes[size_t(n)].edges) {
                const RoadEdge& edge = m_layout.edges()[size_t(e)];
                const int o = edge.a == n ? edge.b : edge.a;
                if (parent[size_t(o)] < 0) {
                    parent[size_t(o)] = n;
                    queue.push(o);
                }
            }
        }
        std::vector<int> path;
        if (parent[size_t(to)] < 0)
            return path;
        for (int n = to; n != from; n = parent[size_t(n)])
            path.push_back(n);
        path.push_back(from);
        std::reverse(path.begin(), path.end());
        return path;
    }

    double sideOffset(int a, int b) const
    {
        for (const int e : m_layout.nodes()[size_t(a)].edges) {
            const RoadEdge& edge = m_layout.edges()[size_t(e)];
            if ((edge.a == a && edge.b == b) || (edge.a == b && edge.b == a)) {
                const Road& road = m_layout.roads()[size_t(edge.road)];
                return m_staff.vehicle ? 0.25 * road.carriageway : 0.5 * road.width - 1.5;
            }
        }
        return 0.0;
    }

    //! Turns the node path LEG starting at T into keyframes (right-hand side of each road);
    //! returns the time at its end.
    double flush(const std::vector<int>& leg, double t)
    {
        if (leg.size() < 2)
            return t;
        const auto& nodes = m_layout.nodes();
        std::vector<Keyframe> pts;
        XY prevDir{0, 0};
        double prevOff = 0.0;
        for (size_t i = 0; i + 1 < leg.size(); ++i) {
            const RoadNode& a = nodes[size_t(leg[i])];
            const RoadNode& b = nodes[size_t(leg[i + 1])];
            const double len = std::max(1e-9, std::hypot(b.x - a.x, b.y - a.y));
            const XY dir{(b.x - a.x) / len, (b.y - a.y) / len};
            const double off = sideOffset(leg[i], leg[i + 1]);
            const XY right{dir.y, -dir.x};
            if (i == 0) {
                pts.push_back({0, {a.x + right.x * off, a.y + right.y * off}, true});
            } else {
                const double dot = dir.x * prevDir.x + dir.y * prevDir.y;
                const XY prevRight{prevDir.y, -prevDir.x};
                if (dot > 0.99) {
                    pts.push_back({0, {a.x + prevRight.x * prevOff, a.y + prevRight.y * prevOff}, false});
                } else if (dot < -0.99) { // U-turn: both kerbs
                    pts.push_back({0, {a.x + prevRight.x * prevOff, a.y + prevRight.y * prevOff}, true});
                    pts.push_back({0, {a.x + right.x * off, a.y + right.y * off}, true});
                } else {
                    pts.push_back({0,
                                   {a.x + prevRight.x * prevOff + right.x * off,
                                    a.y + prevRight.y * prevOff + right.y * off},
                                   true});
                }
            }
            prevDir = dir;
            prevOff = off;
        }
        const RoadNode& last = nodes[size_t(leg.back())];
        pts.push_back({0, {last.x + prevDir.y * prevOff, last.y - prevDir.x * prevOff}, true});
        for (size_t i = 0; i < pts.size(); ++i) {
            if (i > 0)
                t += std::hypot(pts[i].p.x - pts[i - 1].p.x, pts[i].p.y - pts[i - 1].p.y) / m_staff.speedMps;
            pts[i].t = t;
            m_out.push_back(pts[i]);
        }
        return t;
    }

    const DemoLayout& m_layout;
    const DemoStaff& m_staff;
    DemoRandom& m_rng;
    std::vector<Keyframe>& m_out;
};

} // namespace

std::vector<DemoStaff> generateStaff(const DemoLayout& layout, std::uint64_t seed, int count)
{
    DemoRandom rng(DemoRandom::hash(seed, 0x57AF));
    const PersonRole roles[] = {PersonRole::Enforcement, PersonRole::Coordinator, PersonRole::Inspector,
                                PersonRole::Sanitation};
    const double roleWeights[] = {0.3, 0.15, 0.25, 0.3};

    // Stations sit at well-connected nodes inside the built-up area.
    std::vector<int> stationNodes;
    for (size_t i = 0; i < layout.nodes().size(); ++i) {
        const RoadNode& n = layout.nodes()[i];
        const XY st = stationPosition(n);
        if (n.edges.size() >= 3 && std::max(std::abs(n.x), std::abs(n.y)) < 0.75 * layout.half() &&
            layout.water().probe(st.x, st.y).distance > 5.0)
            stationNodes.push_back(int(i));
    }
    if (stationNodes.empty())
        for (size_t i = 0; i < layout.nodes().size(); ++i)
            stationNodes.push_back(int(i));
    struct Team
    {
        QString name;
        int node;
    };
    std::vector<Team> teams[4];
    for (int r = 0; r < 4; ++r) {
        const int n = std::max(1, int(std::lround(count * roleWeights[r] / kStaffPerTeam)));
        for (int k = 0; k < n; ++k) {
            const QString name = names::district(k) + teamSuffix(roles[r], k / names::districtCount() + 1);
            teams[r].push_back({name, stationNodes[rng.below(stationNodes.size())]});
        }
    }

    std::vector<DemoStaff> out;
    out.reserve(size_t(std::max(count, 0)));
    for (int i = 0; i < count; ++i) {
        DemoStaff s;
        const int r = rng.weighted(roleWeights, 4);
        const Team& team = teams[r][rng.below(teams[r].size())];
        s.person.id = i + 1;
        s.person.name = names::person(rng);
        s.person.role = roles[r];
        s.person.team = team.name;
        s.stationNode = team.node;
        switch (roles[r]) {
        case PersonRole::Enforcement:
            s.vehicle = rng.chance(0.6);
            s.speedMps = s.vehicle ? rng.uniform(5.5, 9.0) : rng.uniform(1.1, 1.5);
            s.roamRadiusM = s.vehicle ? 2000.0 : 800.0;
            s.dwellChance = s.vehicle ? 0.08 : 0.15;
            if (rng.chance(0.25))
                s.shifts = {{0.0, 8 * kHour}, {20 * kHour, kDay}};
            else
                s.shifts = {{8 * kHour, 20 * kHour}};
            break;
        case PersonRole::Coordinator:
            s.speedMps = rng.uniform(1.0, 1.4);
            s.roamRadiusM = 500.0;
            s.dwellChance = 0.45;
            s.shifts = {{8 * kHour, 18 * kHour}};
            break;
        case PersonRole::Inspector: {
            const bool ebike = rng.chance(0.6);
            s.speedMps = ebike ? rng.uniform(3.8, 5.2) : rng.uniform(1.1, 1.5);
            s.roamRadiusM = 1200.0;
            s.dwellChance = 0.2;
            s.shifts = {{8.5 * kHour, 17.5 * kHour}};
            break;
        }
        default: {
            const bool tricycle = rng.chance(0.3);
            s.speedMps = tricycle ? rng.uniform(2.5, 3.5) : rng.uniform(0.7, 1.1);
            s.roamRadiusM = 600.0;
            s.dwellChance = 0.3;
            s.shifts = rng.chance(0.5) ? std::vector<std::pair<double, double>>{{5 * kHour, 13 * kHour}}
                                       : std::vector<std::pair<double, double>>{{13 * kHour, 21 * kHour}};
            break;
        }
        }
        // Shifts start within a quarter of an hour of the nominal time.
        const double jitter = rng.uniform(-900.0, 900.0);
        for (auto& [a, b] : s.shifts) {
            if (a > 0.0)
                a += jitter;
            if (b < kDay)
                b += jitter;
        }
        out.push_back(std::move(s));
    }
    return out;
}

void generateTrack(const DemoLayout& layout, const DemoTerrain& terrain, const DemoStaff& staff,
                   data::TimeMs dayStart, int intervalS, const data::ProjectedPoint& origin,
                   std::vector<data::TrackPoint>& out)
{
    DemoRandom rng(
        DemoRandom::hash(std::uint64_t(staff.person.id), 0x7AC4, std::uint64_t(staff.stationNode)));
    std::vector<Keyframe> keys;
    const XY station = stationPosition(layout.nodes()[size_t(staff.stationNode)]);
    keys.push_back({0.0, station, false});
    Walker walker(layout, staff, rng, keys);
    for (const auto& [s0, s1] : staff.shifts)
        walker.shift(s0, s1);
    keys.push_back({kDay + 1.0, keys.back().p, false});

    // Regular fixes plus one at each turn, merged in time order.
    const double step = std::max(1, intervalS);
    size_t k = 0;
    double nextRegular = 0.0;
    double lastT = -1.0;
    const auto addFix = [&](double t) {
        while (k + 1 < keys.size() && keys[k + 1].t <= t)
            ++k;
        const Keyframe& a = keys[k];
        const Keyframe& b = keys[std::min(k + 1, keys.size() - 1)];
        const double f = b.t > a.t ? std::clamp((t - a.t) / (b.t - a.t), 0.0, 1.0) : 0.0;
        const double x = a.p.x + (b.p.x - a.p.x) * f + kGpsSigmaM * rng.normal();
        const double y = a.p.y + (b.p.y - a.p.y) * f + kGpsSigmaM * rng.normal();
        out.push_back({staff.person.id,
                       dayStart + data::TimeMs(std::llround(t * 1000.0)),
                       {origin.x + x, origin.y + y, terrain.heightAt(x, y)}});
        lastT = t;
    };
    size_t turn = 0;
    while (nextRegular < kDay) {
        while (turn < keys.size() && (!keys[turn].turn || keys[turn].t <= lastT))
            ++turn;
        if (turn < keys.size() && keys[turn].t < nextRegular && keys[turn].t < kDay) {
            addFix(keys[turn].t);
            ++turn;
            continue;
        }
        if (nextRegular > lastT)
            addFix(nextRegular);
        nextRegular += step;
    }
}

} // namespace citytwin::gis::demo
