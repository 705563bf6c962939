#include "gis/DemoLots.h"

#include "gis/DemoRandom.h"

#include <algorithm>
#include <cmath>

namespace citytwin::gis::demo {

namespace {

constexpr double kMinScale = 0.5;
constexpr double kMaxScale = 1.8;
//! Buildings keep this far from any water edge (quays, towpaths).
constexpr double kWaterMarginM = 4.0;

std::int64_t countLots(const DemoLayout& layout, double scale)
{
    std::int64_t n = 0;
    for (size_t b = 0; b < layout.blocks().size(); ++b)
        n += std::int64_t(lotsInBlock(layout, int(b), layout.blocks()[b].zone, scale).size());
    return n;
}

//! The next denser land use for a block, or the same zone when there is none.
Zone denser(Zone z)
{
    switch (z) {
    case Zone::Field:
        return Zone::Village;
    case Zone::Residential:
        return Zone::LowRise;
    case Zone::Village:
        return Zone::LowRise;
    case Zone::Commercial:
        return Zone::LowRise;
    case Zone::Public:
        return Zone::LowRise;
    default:
        return z;
    }
}

} // namespace

const ZonePlan& zonePlan(Zone zone)
{
    static const ZonePlan none{};
    static const ZonePlan oldTown{14, 12, 2, 0.75, 0.92, 0.72, 0.90, 0.25, 14, 12};
    static const ZonePlan lowRise{16, 14, 3, 0.62, 0.85, 0.60, 0.82, 0.15, 18, 15};
    static const ZonePlan village{22, 19, 4, 0.45, 0.62, 0.45, 0.62, 0.10, 15, 13};
    static const ZonePlan residential{40, 34, 8, 0.70, 0.90, 0.34, 0.42, 0.0, 40, 15};
    static const ZonePlan commercial{45, 40, 6, 0.55, 0.85, 0.55, 0.85, 0.15, 60, 50};
    static const ZonePlan industrial{70, 50, 8, 0.55, 0.85, 0.50, 0.80, 0.10, 120, 80};
    static const ZonePlan publicUse{70, 55, 8, 0.50, 0.75, 0.40, 0.65, 0.40, 80, 50};
    switch (zone) {
    case Zone::OldTown:
        return oldTown;
    case Zone::LowRise:
        return lowRise;
    case Zone::Village:
        return village;
    case Zone::Residential:
        return residential;
    case Zone::Commercial:
        return commercial;
    case Zone::Industrial:
        return industrial;
    case Zone::Public:
        return publicUse;
    default:
        return none;
    }
}

std::vector<Lot> lotsInBlock(const DemoLayout& layout, int block, Zone zone, double scale)
{
    const ZonePlan& plan = zonePlan(zone);
    std::vector<Lot> out;
    if (plan.lotW <= 0.0)
        return out;
    const Rect in = layout.blocks()[size_t(block)].rect.inflated(-plan.setback);
    const double lw = plan.lotW * scale;
    const double ld = plan.lotD * scale;
    if (in.width() < 0.6 * lw || in.height() < 0.6 * ld)
        return out;
    const int nx = std::max(1, int(in.width() / lw));
    const int ny = std::max(1, int(in.height() / ld));
    const double w = in.width() / nx;
    const double d = in.height() / ny;
    int index = 0;
    for (int j = 0; j < ny; ++j) {
        for (int i = 0; i < nx; ++i, ++index) {
            const Rect r{in.x0 + i * w, in.y0 + j * d, in.x0 + (i + 1) * w, in.y0 + (j + 1) * d};
            if (!layout.water().touches(r, kWaterMarginM))
                out.push_back({block, index, r});
        }
    }
    return out;
}

std::vector<Lot> tileLots(const DemoLayout& layout, double scale)
{
    std::vector<Lot> out;
    for (size_t b = 0; b < layout.blocks().size(); ++b) {
        std::vector<Lot> lots = lotsInBlock(layout, int(b), layout.blocks()[b].zone, scale);
        out.insert(out.end(), lots.begin(), lots.end());
    }
    return out;
}

double densifyForCount(DemoLayout& layout, std::uint64_t seed, int wanted, double surplus, double maxSurplus)
{
    double scale = 1.0;
    std::int64_t have = countLots(layout, scale);
    const auto low = std::int64_t(std::ceil(wanted * surplus));
    const auto high = std::int64_t(std::floor(wanted * maxSurplus));

    // Short of lots: turn blocks into denser land use one step at a time, the outskirts first
    // (urban villages grow at the edge; the centre keeps its towers and compounds).
    if (have < low) {
        std::vector<Block>& blocks = layout.blocks();
        std::vector<std::pair<double, size_t>> keyed;
        DemoRandom rng(DemoRandom::hash(seed, 0xDE45));
        for (size_t i = 0; i < blocks.size(); ++i) {
            const Rect& r = blocks[i].rect;
            keyed.push_back({-(std::max(std::abs(r.cx()), std::abs(r.cy())) + rng.uniform(0.0, 600.0)), i});
        }
        std::sort(keyed.begin(), keyed.end());
        std::vector<size_t> order;
        for (const auto& k : keyed)
            order.push_back(k.second);
        for (int pass = 0; pass < 2 && have < low; ++pass) {
            for (const size_t b : order) {
                const Zone next = denser(blocks[b].zone);
                if (next == blocks[b].zone)
                    continue;
                const auto before = std::int64_t(lotsInBlock(layout, int(b), blocks[b].zone, scale).size());
                const auto after = std::int64_t(lotsInBlock(layout, int(b), next, scale).size());
                if (after <= before)
                    continue;
                blocks[b].zone = next;
                have += after - before;
                if (have >= low)
                    break;
            }
        }
    }
    // Still short (or far over): shrink or grow the lots.
    for (int iter = 0; iter < 8 && (have < low || have > high); ++iter) {
        const double target = have < low ? low * 1.03 : 0.5 * (low + high);
        const double next = std::clamp(scale * std::sqrt(double(have) / target), kMinScale, kMaxScale);
        if (std::abs(next - scale) < 1e-6)
            break;
        scale = next;
        have = countLots(layout, scale);
    }
    return scale;
}

} // namespace citytwin::gis::demo
