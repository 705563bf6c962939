#include "gis/DemoImagery.h"

#include "gis/DemoGdal.h"

namespace citytwin::gis::demo {

namespace {

const Rgb kFarmland{118, 128, 82};
const Rgb kGrass{92, 126, 66};
const Rgb kTree{44, 76, 42};
const Rgb kPaving{188, 182, 170};
const Rgb kWaterShallow{70, 104, 100};
const Rgb kWaterDeep{44, 74, 80};
const Rgb kEmbankment{150, 146, 136};

//! Ground colour of a land use before trees and buildings.
Rgb zoneGround(Zone zone)
{
    switch (zone) {
    case Zone::Residential:
        return {138, 142, 126};
    case Zone::LowRise:
        return {128, 123, 112};
    case Zone::OldTown:
        return {118, 114, 106};
    case Zone::Village:
        return {112, 122, 84};
    case Zone::Commercial:
        return {162, 160, 154};
    case Zone::Industrial:
        return {170, 168, 160};
    case Zone::Public:
        return {146, 148, 132};
    case Zone::Park:
    case Zone::LakePark:
    case Zone::Civic:
        return kGrass;
    case Zone::Field:
        return kFarmland;
    }
    return kFarmland;
}

//! Share of the ground under tree canopy per land use (parks are wooded, streets of old towns are not).
double treeCover(Zone zone)
{
    switch (zone) {
    case Zone::Residential:
        return 0.35;
    case Zone::Park:
    case Zone::LakePark:
        return 0.45;
    case Zone::Civic:
        return 0.25;
    case Zone::Public:
        return 0.25;
    case Zone::Village:
        return 0.3;
    case Zone::LowRise:
        return 0.12;
    case Zone::Commercial:
        return 0.08;
    default:
        return 0.04;
    }
}

} // namespace

DemoImagery::DemoImagery(const DemoLayout& layout, const std::vector<DemoBuilding>& buildings,
                         std::uint64_t seed, double pixelM, const std::atomic<bool>* stop)
    : m_layout(layout), m_buildings(buildings), m_seed(seed), m_canvas(layout.half(), pixelM), m_stop(stop)
{
    // Layers in painting order: later ones cover earlier ones (roads bridge the water, roofs
    // cover shadows).
    void (DemoImagery::*const steps[])() = {&DemoImagery::paintGround,  &DemoImagery::paintBlocks,
                                            &DemoImagery::paintWater,   &DemoImagery::paintRoads,
                                            &DemoImagery::paintShadows, &DemoImagery::paintRoofs};
    for (const auto step : steps) {
        if (stopped())
            return;
        (this->*step)();
    }
}

void DemoImagery::paintGround()
{
    // Outside the blocks (the margins of the area): farmland with broad colour variation.
    const int n = m_canvas.size();
    for (int row = 0; row < n; ++row) {
        const double y = m_canvas.yOf(row);
        for (int col = 0; col < n; ++col) {
            const double x = m_canvas.xOf(col);
            const float v = float(fbm(m_seed, x / 180.0, y / 180.0, 3));
            m_canvas.set(col, row, kFarmland.plus(14.0f * v + 4.0f * DemoCanvas::grain(m_seed, col, row)));
        }
    }
}

void DemoImagery::paintBlocks()
{
    const std::uint64_t treeSeed = m_seed ^ 0x7EE5;
    for (const Block& block : m_layout.blocks()) {
        if (block.zone == Zone::Civic) {
            paintCivic(block);
            continue;
        }
        const Rgb ground = zoneGround(block.zone);
        const double cover = treeCover(block.zone);
        const float tone = float(DemoRandom(block.seed).uniform(-8.0, 8.0));
        if (block.zone == Zone::Field) {
            // Crop strips 20-40 m wide along the block's long side, each its own crop.
            DemoRandom rng(block.seed);
            const bool alongX = block.rect.width() >= block.rect.height();
            const Rgb crops[] = {
                {96, 128, 60}, {140, 146, 82}, {152, 132, 96}, {110, 138, 70}, {196, 200, 198}};
            const double cropWeights[] = {0.35, 0.25, 0.2, 0.15, 0.05};
            std::vector<std::pair<double, Rgb>> strips;
            const double span = alongX ? block.rect.height() : block.rect.width();
            for (double a = 0.0; a < span;) {
                const double w = rng.uniform(20.0, 40.0);
                strips.push_back({a + w, crops[rng.weighted(cropWeights, 5)]});
                a += w;
            }
            m_canvas.forRect(block.rect, [&](int col, int row, double x, double y) {
                const double a = alongX ? y - block.rect.y0 : x - block.rect.x0;
                size_t k = 0;
                while (k + 1 < strips.size() && a > strips[k].first)
                    ++k;
                const bool furrow = strips[k].first - a < m_canvas.pixelM();
                const Rgb c = furrow ? Rgb{92, 98, 70} : strips[k].second;
                m_canvas.set(col, row, c.plus(6.0f * DemoCanvas::grain(block.seed, col, row)));
            });
            continue;
        }
        m_canvas.forRect(block.rect, [&](int col, int row, double x, double y) {
            const double t = valueNoise(treeSeed, x / 14.0, y / 14.0) * 0.7 +
                             valueNoise(treeSeed + 1, x / 5.0, y / 5.0) * 0.3;
            const float g = DemoCanvas::grain(m_seed, col, row);
            if (t > 1.0 - 2.2 * cover)
                m_canvas.set(col, row, kTree.plus(10.0f * float(t) + 8.0f * g));
            else
                m_canvas.set(col, row, ground.plus(tone + 7.0f * g));
        });
    }
}

void DemoImagery::paintCivic(const Block& block)
{
    const Rect plaza = m_layout.plaza();
    m_canvas.forRect(block.rect, [&](int col, int row, double x, double y) {
        const float g = DemoCanvas::grain(m_seed, col, row);
        const bool inPlaza = plaza.contains(x, y);
        // Lawns with rows of trees around the plaza; paving in the plaza with a 10 m joint grid.
        if (inPlaza) {
            const bool joint =
                std::fmod(std::abs(x) + 0.5, 10.0) < 1.0 || std::fmod(std::abs(y) + 0.5, 10.0) < 1.0;
            const double r = std::hypot(x - plaza.cx(), y - plaza.cy());
            if (r < 9.0)
                m_canvas.set(col, row, r < 7.0 ? Rgb{90, 140, 160} : Rgb{210, 206, 198});
            else
                m_canvas.set(col, row, (joint ? kPaving.plus(-14.0f) : kPaving).plus(5.0f * g));
            return;
        }
        const bool treeRow = std::fmod(std::abs(x), 12.0) < 4.0 && std::fmod(std::abs(y), 12.0) < 4.0;
        const bool walk = std::abs(x - plaza.cx()) < 4.0 || std::abs(y - plaza.cy()) < 4.0;
        if (walk)
            m_canvas.set(col, row, kPaving.plus(-6.0f + 5.0f * g));
        else
            m_canvas.set(col, row, (treeRow ? kTree : kGrass).plus(6.0f * g));
    });
}

void DemoImagery::paintWater()
{
    const int n = m_canvas.size();
    for (int row = 0; row < n; ++row) {
        const double y = m_canvas.yOf(row);
        for (int col = 0; col < n; ++col) {
            const double x = m_canvas.xOf(col);
            const WaterProbe w = m_layout.water().probe(x, y);
            if (w.distance >= 2.5)
                continue;
            const float g = DemoCanvas::grain(m_seed ^ 0x3A7E, col, row);
            if (w.distance >= 0.0) { // stone embankment along the water
                m_canvas.set(col, row, kEmbankment.plus(8.0f * g));
                continue;
            }
            const float depth = float(std::min(1.0, -w.distance / (0.6 * w.halfWidth)));
            const float ripple = float(valueNoise(m_seed ^ 0x3A7E, x / 9.0, y / 3.0));
            m_canvas.set(col, row, kWaterShallow.mixed(kWaterDeep, depth).plus(4.0f * ripple + 2.0f * g));
        }
    }
}

data::Status DemoImagery::write(const QString& path, const data::ProjectedPoint& origin) const
{
    if (stopped())
        return data::Status::error(data::Status::Code::Cancelled, path + QStringLiteral(": cancelled"));
    GeoTiffSpec spec;
    spec.width = m_canvas.size();
    spec.height = m_canvas.size();
    spec.bands = 3;
    spec.type = GDT_Byte;
    spec.rgb = true;
    spec.minX = origin.x - m_canvas.half();
    spec.maxY = origin.y + m_canvas.half();
    spec.cellM = m_canvas.pixelM();
    spec.creationOptions = {QStringLiteral("TILED=YES"),         QStringLiteral("BLOCKXSIZE=256"),
                            QStringLiteral("BLOCKYSIZE=256"),    QStringLiteral("COMPRESS=JPEG"),
                            QStringLiteral("PHOTOMETRIC=YCBCR"), QStringLiteral("JPEG_QUALITY=85")};
    spec.overviews = {2, 4, 8, 16};
    return writeGeoTiff(path, spec, m_canvas.data().data());
}

} // namespace citytwin::gis::demo
