#include "gis/DemoAssets.h"

#include "gis/DemoRandom.h"
#include "gis/DemoTerrain.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace citytwin::gis::demo {

using data::Asset;
using data::AssetType;

namespace {

class AssetSink
{
public:
    AssetSink(const DemoTerrain& terrain, const data::ProjectedPoint& origin, std::vector<Asset>& out)
        : m_terrain(terrain), m_origin(origin), m_out(out)
    {
    }

    void add(AssetType type, const QString& name, const QString& subtype, const XY& p,
             const QJsonObject& attributes, double heightAboveGround = 0.0)
    {
        Asset a;
        a.id = std::int64_t(m_out.size()) + 1;
        a.type = type;
        a.name = name;
        a.subtype = subtype;
        a.position = {m_origin.x + p.x, m_origin.y + p.y, m_terrain.heightAt(p.x, p.y) + heightAboveGround};
        a.attributesJson = QString::fromUtf8(QJsonDocument(attributes).toJson(QJsonDocument::Compact));
        m_out.push_back(std::move(a));
    }

private:
    const DemoTerrain& m_terrain;
    data::ProjectedPoint m_origin;
    std::vector<Asset>& m_out;
};

QString status(DemoRandom& rng)
{
    return rng.chance(0.95) ? QStringLiteral("online") : QStringLiteral("offline");
}

} // namespace

std::vector<Asset> generateAssets(const DemoLayout& layout, const DemoTerrain& terrain,
                                  const std::vector<DemoBuilding>& buildings,
                                  const std::vector<DemoPipe>& pipes, const data::ProjectedPoint& origin,
                                  std::uint64_t seed)
{
    std::vector<Asset> out;
    AssetSink sink(terrain, origin, out);
    DemoRandom rng(DemoRandom::hash(seed, 0xA55E));
    const auto& roads = layout.roads();
    const auto& water = layout.water();

    // CCTV: a camera on a corner of every intersection with a main road, and along main roads.
    int camera = 0;
    for (const RoadNode& n : layout.nodes()) {
        bool main = false;
        QString where;
        for (const int e : n.edges) {
            const Road& r = roads[size_t(layout.edges()[size_t(e)].road)];
            main = main || r.cls == RoadClass::Main;
            if (!where.contains(r.name))
                where += where.isEmpty() ? r.name : QStringLiteral("/") + r.name;
        }
        if (!main || n.edges.size() < 3)
            continue;
        const XY p{n.x + (rng.chance(0.5) ? 16.0 : -16.0), n.y + (rng.chance(0.5) ? 16.0 : -16.0)};
        sink.add(AssetType::Cctv,
                 QStringLiteral("CCTV-%1 %2路口").arg(++camera, 4, 10, QLatin1Char('0')).arg(where),
                 rng.chance(0.3) ? QStringLiteral("anpr") : QStringLiteral("dome"), p,
                 {{"road", where},
                  {"heading_deg", double(rng.below(8) * 45)},
                  {"fov_deg", 90},
                  {"status", status(rng)},
                  {"install_year", rng.intIn(2012, 2024)}},
                 6.0);
    }
    for (const Road& r : roads) {
        if (r.cls != RoadClass::Main)
            continue;
        for (double a = r.from + 125.0; a < r.to - 60.0; a += 250.0) {
            const double side = rng.chance(0.5) ? 1.0 : -1.0;
            const double o = side * (0.5 * r.width - 1.0);
            const XY p = r.vertical ? XY{r.coord + o, a} : XY{a, r.coord + o};
            sink.add(AssetType::Cctv,
                     QStringLiteral("CCTV-%1 %2").arg(++camera, 4, 10, QLatin1Char('0')).arg(r.name),
                     QStringLiteral("bullet"), p,
                     {{"road", r.name},
                      {"heading_deg", r.vertical ? (side > 0 ? 270 : 90) : (side > 0 ? 180 : 0)},
                      {"fov_deg", 60},
                      {"status", status(rng)},
                      {"install_year", rng.intIn(2012, 2024)}},
                     6.0);
        }
    }

    // Water-level gauges on the river banks and the canals.
    int gauge = 0;
    for (double x = -layout.half() + 100.0; x < layout.half(); x += 200.0) {
        const XY p{x, water.riverCentreY(x) + water.riverHalfWidth(x) + 2.0};
        sink.add(
            AssetType::Sensor, QStringLiteral("水位站-%1").arg(++gauge), QStringLiteral("water_level"), p,
            {{"water_body", QStringLiteral("river")}, {"warning_level_m", 2.8}, {"status", status(rng)}});
    }
    for (const Canal& canal : water.canals()) {
        for (double a = canal.from + 100.0; a < canal.to - 50.0; a += 250.0) {
            const double across = canal.centre(a) + canal.halfWidth + 1.5;
            const XY p = canal.vertical ? XY{across, a} : XY{a, across};
            sink.add(AssetType::Sensor, QStringLiteral("水位站-%1").arg(++gauge),
                     QStringLiteral("water_level"), p,
                     {{"water_body", QString::fromUtf8(canal.name)},
                      {"warning_level_m", 2.6},
                      {"status", status(rng)}});
        }
    }

    // Smoke detectors report from inside commercial and public buildings.
    int smoke = 0;
    for (const DemoBuilding& b : buildings) {
        if ((b.use == BuildingUse::Commercial || b.use == BuildingUse::Public) &&
            (b.landmark || rng.chance(0.06)))
            sink.add(AssetType::Sensor, QStringLiteral("烟感-%1").arg(++smoke), QStringLiteral("smoke"),
                     {b.bounds.cx(), b.bounds.cy()},
                     {{"building", b.name.isEmpty() ? toString(b.use) : b.name},
                      {"floors", b.floors},
                      {"status", status(rng)}},
                     3.0);
    }

    // Gas detectors and manhole-cover sensors along the pipes they watch.
    int gas = 0, manhole = 0;
    for (const DemoPipe& pipe : pipes) {
        const bool isGas = pipe.network == data::PipeNetwork::Gas;
        const bool isDrain = pipe.network == data::PipeNetwork::Drainage;
        if (!isGas && !isDrain)
            continue;
        const size_t step = isGas ? 6 : 3; // vertices are 25 m apart
        for (size_t i = step / 2; i < pipe.points.size(); i += step) {
            if (isGas)
                sink.add(AssetType::Sensor, QStringLiteral("燃气监测-%1").arg(++gas), QStringLiteral("gas"),
                         pipe.points[i], {{"alarm_ppm", 1000}, {"status", status(rng)}});
            else
                sink.add(AssetType::Sensor, QStringLiteral("井盖-%1").arg(++manhole),
                         QStringLiteral("manhole_cover"), pipe.points[i],
                         {{"network", QStringLiteral("drainage")}, {"status", status(rng)}});
        }
    }

    // Hydrants every 250 m on the sidewalks of main and secondary roads, away from bridges.
    int hydrant = 0;
    for (const Road& r : roads) {
        if (r.cls == RoadClass::Lane)
            continue;
        for (double a = r.from + 60.0; a < r.to - 30.0; a += 250.0) {
            const double o = (hydrant % 2 ? 1.0 : -1.0) * (0.5 * r.width - 0.8);
            const XY p = r.vertical ? XY{r.coord + o, a} : XY{a, r.coord + o};
            if (water.probe(p.x, p.y).distance < 3.0)
                continue;
            sink.add(AssetType::Hydrant, QStringLiteral("消火栓-%1").arg(++hydrant), QStringLiteral("pillar"),
                     p,
                     {{"road", r.name},
                      {"pressure_mpa", std::round(rng.uniform(0.2, 0.45) * 100.0) / 100.0},
                      {"status", status(rng)}});
        }
    }

    // Emergency shelters: parks, the civic plaza and a few schools.
    int shelter = 0;
    for (const Block& b : layout.blocks()) {
        if (b.zone != Zone::Park && b.zone != Zone::LakePark && b.zone != Zone::Civic)
            continue;
        const XY p = b.zone == Zone::Civic ? XY{layout.plaza().cx(), layout.plaza().cy()}
                                           : XY{b.rect.x0 + 12.0, b.rect.y0 + 12.0};
        const double capacity = std::round(b.rect.area() * 0.5 / 100.0) * 100.0;
        sink.add(AssetType::Shelter, QStringLiteral("应急避难场所-%1").arg(++shelter),
                 QStringLiteral("outdoor"), p, {{"capacity", capacity}, {"status", QStringLiteral("ready")}});
    }
    int schools = 0;
    for (const DemoBuilding& b : buildings) {
        if (b.use != BuildingUse::Public || !b.name.contains(QStringLiteral("学")) || ++schools > 6)
            continue;
        sink.add(AssetType::Shelter, QStringLiteral("应急避难场所-%1 %2").arg(++shelter).arg(b.name),
                 QStringLiteral("indoor"), {b.bounds.cx(), b.bounds.cy()},
                 {{"capacity", b.floors * 300}, {"status", QStringLiteral("ready")}});
    }
    return out;
}

} // namespace citytwin::gis::demo
