#include "gis/DemoEvents.h"

#include "gis/DemoEventCatalog.h"
#include "gis/DemoRandom.h"
#include "gis/DemoTerrain.h"

#include <algorithm>
#include <cmath>

namespace citytwin::gis::demo {

using data::kMinuteMs;
using data::kNoTime;
using data::TimeMs;

namespace {

constexpr double kRainDayFloodBoost = 25.0;

struct Placed
{
    XY p;
    QString placeName;
};

class Placer
{
public:
    Placer(const EventContext& c) : m_c(c)
    {
        double total = 0.0;
        for (const Road& r : c.layout.roads())
            m_cumulative.push_back(total += r.length());
    }

    Placed place(EventPlace place, DemoRandom& rng) const
    {
        switch (place) {
        case EventPlace::Building:
            if (!m_c.buildings.empty())
                return nearBuilding(rng);
            [[fallthrough]];
        case EventPlace::Road:
            return onRoad(
                rng, [](const Road& r, DemoRandom& g) { return g.uniform(-0.45, 0.45) * r.carriageway; });
        case EventPlace::Kerb:
            return onRoad(rng, [](const Road& r, DemoRandom& g) {
                return (g.chance(0.5) ? 1.0 : -1.0) * (0.5 * r.carriageway - 1.2);
            });
        case EventPlace::Sidewalk:
            return onRoad(rng, [](const Road& r, DemoRandom& g) {
                return (g.chance(0.5) ? 1.0 : -1.0) * (0.5 * r.width - 1.5);
            });
        case EventPlace::Intersection: {
            const auto& nodes = m_c.layout.nodes();
            const RoadNode& n = nodes[rng.below(nodes.size())];
            const XY p{n.x + rng.uniform(-8.0, 8.0), n.y + rng.uniform(-8.0, 8.0)};
            return {p, roadName(p)};
        }
        case EventPlace::Waterside: {
            Placed best = onRoad(rng, [](const Road&, DemoRandom&) { return 0.0; });
            for (int i = 0; i < 30; ++i) {
                if (m_c.layout.water().probe(best.p.x, best.p.y).distance < 250.0 &&
                    !m_c.layout.water().isWater(best.p.x, best.p.y))
                    break;
                best = onRoad(
                    rng, [](const Road& r, DemoRandom& g) { return g.uniform(-0.4, 0.4) * r.carriageway; });
            }
            return best;
        }
        }
        return {};
    }

private:
    template <class Across> Placed onRoad(DemoRandom& rng, Across&& across) const
    {
        const double u = rng.uniform() * m_cumulative.back();
        const size_t i =
            size_t(std::upper_bound(m_cumulative.begin(), m_cumulative.end(), u) - m_cumulative.begin());
        const Road& r = m_c.layout.roads()[std::min(i, m_cumulative.size() - 1)];
        const double a = rng.uniform(r.from, r.to);
        const double o = across(r, rng);
        return {r.vertical ? XY{r.coord + o, a} : XY{a, r.coord + o}, r.name};
    }

    Placed nearBuilding(DemoRandom& rng) const
    {
        const DemoBuilding& b = m_c.buildings[rng.below(m_c.buildings.size())];
        const double d = rng.uniform(1.5, 4.0);
        const Rect& r = b.bounds;
        XY p;
        switch (rng.below(4)) {
        case 0:
            p = {rng.uniform(r.x0, r.x1), r.y0 - d};
            break;
        case 1:
            p = {rng.uniform(r.x0, r.x1), r.y1 + d};
            break;
        case 2:
            p = {r.x0 - d, rng.uniform(r.y0, r.y1)};
            break;
        default:
            p = {r.x1 + d, rng.uniform(r.y0, r.y1)};
            break;
        }
        return {p, b.name.isEmpty() ? roadName(p) : b.name};
    }

    QString roadName(const XY& p) const
    {
        const int r = m_c.layout.nearestRoad(p.x, p.y);
        return r >= 0 ? m_c.layout.roads()[size_t(r)].name : QString();
    }

    const EventContext& m_c;
    std::vector<double> m_cumulative;
};

//! Largest-remainder split of TOTAL into parts proportional to WEIGHTS.
std::vector<int> apportion(const std::vector<double>& weights, int total)
{
    double sum = 0.0;
    for (const double w : weights)
        sum += w;
    std::vector<int> out(weights.size(), 0);
    std::vector<std::pair<double, size_t>> remainders;
    int given = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
        const double exact = total * weights[i] / sum;
        out[i] = int(exact);
        given += out[i];
        remainders.push_back({exact - out[i], i});
    }
    std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (size_t k = 0; given < total; ++k, ++given)
        ++out[remainders[k % remainders.size()].second];
    return out;
}

} // namespace

std::vector<data::Event> generateEvents(const EventContext& c, std::uint64_t seed, int count)
{
    std::vector<data::Event> events;
    const int days = int(std::max<TimeMs>(1, c.period.duration() / data::kDayMs));
    if (count <= 0)
        return events;
    DemoRandom rng(DemoRandom::hash(seed, 0xE7E7));
    const auto& categories = eventCategories();

    std::vector<bool> rainy(size_t(days), false);
    for (int k = 0; k < std::min(2, days / 3); ++k)
        rainy[rng.below(std::uint64_t(days))] = true;
    std::vector<double> dayWeights;
    for (int d = 0; d < days; ++d) {
        const bool weekend = c.firstDay.addDays(d).dayOfWeek() >= 6;
        dayWeights.push_back((1.0 + 0.12 * rng.normal()) * (weekend ? 0.88 : 1.0) *
                             (rainy[size_t(d)] ? 1.15 : 1.0));
        dayWeights.back() = std::max(0.3, dayWeights.back());
    }
    const std::vector<int> perDay = apportion(dayWeights, count);

    std::vector<int> byRole[5];
    for (size_t i = 0; i < c.staff.size(); ++i)
        byRole[int(c.staff[i].person.role)].push_back(int(i));
    const Placer placer(c);
    events.reserve(size_t(count));
    for (int d = 0; d < days; ++d) {
        std::vector<double> weights;
        for (size_t k = 0; k < categories.size(); ++k)
            weights.push_back(categories[k].weight *
                              (rainy[size_t(d)] && int(k) == floodCategory() ? kRainDayFloodBoost : 1.0));
        for (int n = 0; n < perDay[size_t(d)]; ++n) {
            const EventCategory& cat = categories[size_t(rng.weighted(weights.data(), int(weights.size())))];
            const int hour = rng.weighted(cat.hours->data(), 24);
            data::Event e;
            e.category = QString::fromLatin1(cat.name);
            e.severity = 1 + rng.weighted(cat.severity.data(), 4);
            const int source = rng.weighted(cat.sources.data(), 4);
            e.source = QString::fromLatin1(eventSourceName(source));
            e.reported = c.period.start + d * data::kDayMs + hour * data::kHourMs +
                         TimeMs(rng.below(std::uint64_t(data::kHourMs / 1000))) * 1000;
            const Placed placed = placer.place(cat.place, rng);
            e.position = {c.origin.x + placed.p.x, c.origin.y + placed.p.y,
                          c.terrain.heightAt(placed.p.x, placed.p.y)};
            e.description = eventDescription(cat, placed.placeName, rng);

            // Lifecycle: urgent events move fast; nights and the hotline's intake add delay.
            static constexpr double kDispatchMedianMin[] = {25, 12, 6, 2};
            static constexpr double kTravelMedianMin[] = {25, 18, 12, 7};
            const double night = hour < 6 ? 1.8 : 1.0;
            const double intake = source == 0 ? 5.0 : 0.0;
            const int s = e.severity - 1;
            TimeMs t =
                e.reported + TimeMs((intake + rng.logNormal(kDispatchMedianMin[s], 0.6) * night) * kMinuteMs);
            const TimeMs dispatched = t;
            t += TimeMs(rng.logNormal(kTravelMedianMin[s], 0.5) * kMinuteMs);
            const TimeMs onSite = t;
            t += TimeMs(rng.logNormal(cat.workMedianMin, cat.workSigma) * kMinuteMs);
            const TimeMs resolved = t;
            t += TimeMs(rng.logNormal(90.0, 1.0) * kMinuteMs);
            const TimeMs closed = t;
            const auto happened = [&c](TimeMs when) { return when < c.period.end ? when : kNoTime; };
            e.dispatched = happened(dispatched);
            e.onSite = e.dispatched == kNoTime ? kNoTime : happened(onSite);
            e.resolved = e.onSite == kNoTime ? kNoTime : happened(resolved);
            e.closed = e.resolved == kNoTime ? kNoTime : happened(closed);

            const auto& pool = byRole[int(cat.role)];
            if (e.dispatched != kNoTime && !pool.empty()) {
                const double draw = rng.uniform();
                const int crew = (draw < 0.7 ? 1 : draw < 0.95 ? 2 : 3) + (e.severity == 4 ? 1 : 0);
                for (int m = 0; m < crew; ++m) {
                    // The nearest of a few on-call candidates goes: a dispatcher's choice.
                    int best = -1;
                    double bestD = 1e18;
                    for (int k = 0; k < 6; ++k) {
                        const int cand = pool[rng.below(pool.size())];
                        const RoadNode& st = c.layout.nodes()[size_t(c.staff[size_t(cand)].stationNode)];
                        const double dist = std::hypot(st.x - placed.p.x, st.y - placed.p.y);
                        const std::int64_t id = c.staff[size_t(cand)].person.id;
                        if (dist < bestD && std::find(e.assignedStaff.begin(), e.assignedStaff.end(), id) ==
                                                e.assignedStaff.end()) {
                            bestD = dist;
                            best = cand;
                        }
                    }
                    if (best >= 0)
                        e.assignedStaff.push_back(c.staff[size_t(best)].person.id);
                }
            }
            events.push_back(std::move(e));
        }
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const data::Event& a, const data::Event& b) { return a.reported < b.reported; });
    for (size_t i = 0; i < events.size(); ++i)
        events[i].id = std::int64_t(i) + 1;
    return events;
}

} // namespace citytwin::gis::demo
