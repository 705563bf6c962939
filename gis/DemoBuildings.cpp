#include "gis/DemoBuildings.h"

#include "gis/DemoCity.h"
#include "gis/DemoLots.h"
#include "gis/DemoNames.h"
#include "gis/DemoRandom.h"

#include <algorithm>
#include <cmath>

namespace citytwin::gis::demo {

namespace {

//! The lot count we aim for before thinning: a little surplus leaves random gaps (yards, car parks).
constexpr double kSurplus = 1.08;
constexpr double kMaxSurplus = 1.35;

std::vector<XY> rectangleRing(const Rect& r)
{
    return {{r.x0, r.y0}, {r.x1, r.y0}, {r.x1, r.y1}, {r.x0, r.y1}};
}

//! R with a notch (NX × NY) cut from one corner (CORNER 0..3), counter-clockwise.
std::vector<XY> lShapeRing(const Rect& r, double nx, double ny, int corner)
{
    // Build with the notch at the north-east corner, then mirror; a single mirror flips the winding.
    std::vector<XY> ring = {{r.x0, r.y0},           {r.x1, r.y0},      {r.x1, r.y1 - ny},
                            {r.x1 - nx, r.y1 - ny}, {r.x1 - nx, r.y1}, {r.x0, r.y1}};
    const bool mirrorX = corner == 1 || corner == 2;
    const bool mirrorY = corner == 2 || corner == 3;
    for (XY& p : ring) {
        if (mirrorX)
            p.x = r.x0 + r.x1 - p.x;
        if (mirrorY)
            p.y = r.y0 + r.y1 - p.y;
    }
    if (mirrorX != mirrorY)
        std::reverse(ring.begin(), ring.end());
    return ring;
}

DemoBuilding makeLandmark(const Rect& r, double height, int floors, const char* name, BuildingUse use,
                          int year)
{
    DemoBuilding b;
    b.ring = rectangleRing(r);
    b.bounds = r;
    b.height = height;
    b.floors = floors;
    b.name = QString::fromUtf8(name);
    b.use = use;
    b.yearBuilt = year;
    b.zone = Zone::Civic;
    b.tint = std::uint32_t(DemoRandom::hash(std::uint64_t(floors), std::uint64_t(year)));
    b.landmark = true;
    return b;
}

int pickFloors(DemoRandom& rng, const std::vector<std::pair<int, double>>& table)
{
    std::vector<double> w;
    for (const auto& e : table)
        w.push_back(e.second);
    return table[size_t(rng.weighted(w.data(), int(w.size())))].first;
}

//! Shapes one building inside LOT according to the block's land use.
DemoBuilding makeBuilding(const Lot& lot, const Block& block, const QString& compound, int indexInBlock)
{
    DemoRandom rng(DemoRandom::hash(block.seed, std::uint64_t(lot.index), 0xB1D));
    const ZonePlan& plan = zonePlan(block.zone);
    const Rect& l = lot.rect;
    DemoBuilding b;
    b.zone = block.zone;
    b.tint = std::uint32_t(rng.next());
    double w = std::min(plan.maxW, l.width() * rng.uniform(plan.fillMin, plan.fillMax));
    double d = std::min(plan.maxD, l.height() * rng.uniform(plan.depthMin, plan.depthMax));
    double storey = 3.0;
    bool tower = false;
    switch (block.zone) {
    case Zone::OldTown:
        b.floors = pickFloors(rng, {{1, 0.3}, {2, 0.5}, {3, 0.2}});
        storey = 3.2;
        b.use = rng.chance(0.2) ? BuildingUse::Commercial : BuildingUse::Residential;
        b.yearBuilt = rng.intIn(1930, 1995);
        break;
    case Zone::LowRise:
        b.floors = rng.intIn(2, 5);
        b.use = rng.chance(0.1) ? BuildingUse::Commercial : BuildingUse::Residential;
        b.yearBuilt = rng.intIn(1985, 2015);
        break;
    case Zone::Village:
        b.floors = rng.intIn(2, 4);
        storey = 3.1;
        b.yearBuilt = rng.intIn(1980, 2020);
        break;
    case Zone::Residential:
        tower = rng.chance(0.2);
        b.floors = tower ? rng.intIn(18, 33)
                         : pickFloors(rng, {{6, 0.35}, {11, 0.2}, {18, 0.25}, {26, 0.12}, {33, 0.08}});
        storey = 2.95;
        b.yearBuilt = rng.intIn(1995, 2023);
        b.name = compound + QString::number(indexInBlock + 1) + QStringLiteral("幢");
        if (tower) { // point towers: square-ish, 20-26 m
            w = std::min(l.width() - 4.0, rng.uniform(20.0, 26.0));
            d = std::min(l.height() - 4.0, w * rng.uniform(0.85, 1.0));
        }
        break;
    case Zone::Commercial:
        tower = std::hypot(l.cx(), l.cy()) < 900.0 && rng.chance(0.12);
        b.floors = tower ? rng.intIn(20, 38) : rng.intIn(3, 12);
        storey = 4.0;
        b.use = BuildingUse::Commercial;
        b.yearBuilt = rng.intIn(1998, 2024);
        if (rng.chance(0.45))
            b.name = names::commercial(rng);
        if (tower) {
            w = std::min(w, rng.uniform(28.0, 38.0));
            d = std::min(d, w * rng.uniform(0.8, 1.0));
        }
        break;
    case Zone::Industrial:
        b.floors = rng.intIn(1, 3);
        storey = rng.uniform(5.0, 7.0);
        b.use = BuildingUse::Industrial;
        b.yearBuilt = rng.intIn(1995, 2022);
        if (rng.chance(0.7))
            b.name = names::company(rng);
        break;
    default: // Public (civic, parks and fields hold no lots)
        b.floors = rng.intIn(2, 6);
        storey = 3.8;
        b.use = BuildingUse::Public;
        b.yearBuilt = rng.intIn(1980, 2022);
        if (rng.chance(0.85))
            b.name = names::publicBuilding(rng);
        break;
    }
    w = std::max(w, 4.0);
    d = std::max(d, 4.0);
    const double x0 = l.x0 + rng.uniform(0.0, l.width() - w);
    const double y0 = l.y0 + rng.uniform(0.0, l.height() - d);
    b.bounds = Rect{x0, y0, x0 + w, y0 + d};
    if (!tower && rng.chance(plan.lShape))
        b.ring =
            lShapeRing(b.bounds, w * rng.uniform(0.35, 0.55), d * rng.uniform(0.35, 0.55), rng.intIn(0, 3));
    else
        b.ring = rectangleRing(b.bounds);
    b.height = b.floors * storey + rng.uniform(0.3, 1.8);
    return b;
}

} // namespace

QString toString(BuildingUse use)
{
    switch (use) {
    case BuildingUse::Residential:
        return QStringLiteral("residential");
    case BuildingUse::Commercial:
        return QStringLiteral("commercial");
    case BuildingUse::Industrial:
        return QStringLiteral("industrial");
    case BuildingUse::Public:
        return QStringLiteral("public");
    }
    return QStringLiteral("residential");
}

std::vector<DemoBuilding> civicLandmarks(const Rect& civic)
{
    if (civic.isEmpty())
        return {};
    const double cx = civic.cx(), cy = civic.cy();
    const auto at = [cx, cy](double x0, double y0, double x1, double y1) {
        return Rect{cx + x0, cy + y0, cx + x1, cy + y1};
    };
    std::vector<DemoBuilding> out;
    out.push_back(
        makeLandmark(at(60, 100, 100, 140), 180.0, 45, "平湖国际金融中心", BuildingUse::Commercial, 2021));
    out.push_back(
        makeLandmark(at(130, 95, 165, 130), 112.0, 28, "平湖国贸大厦", BuildingUse::Commercial, 2016));
    DemoBuilding civicCentre =
        makeLandmark(at(-200, 80, -70, 180), 36.0, 8, "平湖市民中心", BuildingUse::Public, 2012);
    civicCentre.ring = lShapeRing(civicCentre.bounds, 60.0, 45.0, 0);
    out.push_back(civicCentre);
    out.push_back(
        makeLandmark(at(-200, -200, -120, -120), 24.0, 5, "平湖市图书馆", BuildingUse::Public, 2009));
    out.push_back(makeLandmark(at(70, -200, 190, -120), 30.0, 5, "平湖大剧院", BuildingUse::Public, 2015));
    out.push_back(
        makeLandmark(at(-200, -60, -100, 40), 28.0, 6, "当湖商业广场", BuildingUse::Commercial, 2018));
    out.push_back(
        makeLandmark(at(120, -60, 200, 40), 50.0, 12, "平湖市行政服务中心", BuildingUse::Public, 2010));
    return out;
}

std::vector<DemoBuilding> generateBuildings(DemoLayout& layout, std::uint64_t seed, int count)
{
    std::vector<DemoBuilding> out = civicLandmarks(layout.civicBlock());
    if (int(out.size()) >= count) {
        out.resize(size_t(std::max(count, 0)));
        return out;
    }
    const int wanted = count - int(out.size());
    const double scale = densifyForCount(layout, seed, wanted, kSurplus, kMaxSurplus);
    std::vector<Lot> lots = tileLots(layout, scale);

    // Drop the surplus uniformly at random (partial Fisher–Yates), then restore block order.
    DemoRandom rng(DemoRandom::hash(seed, 0x7417));
    if (int(lots.size()) > wanted) {
        for (int i = 0; i < wanted; ++i)
            std::swap(lots[size_t(i)], lots[size_t(i) + rng.below(lots.size() - size_t(i))]);
        lots.resize(size_t(wanted));
        std::sort(lots.begin(), lots.end(), [](const Lot& a, const Lot& b) {
            return a.block != b.block ? a.block < b.block : a.index < b.index;
        });
    }
    std::vector<int> perBlock(layout.blocks().size(), 0);
    for (const Lot& lot : lots) {
        const Block& block = layout.blocks()[size_t(lot.block)];
        DemoRandom nameRng(DemoRandom::hash(block.seed, 0xC0));
        const QString compound = block.zone == Zone::Residential ? names::compound(nameRng) : QString();
        out.push_back(makeBuilding(lot, block, compound, perBlock[size_t(lot.block)]++));
    }
    return out;
}

} // namespace citytwin::gis::demo
