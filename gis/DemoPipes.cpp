#include "gis/DemoPipes.h"

#include "gis/DemoGpkgWriter.h"
#include "gis/DemoRandom.h"
#include "gis/DemoTerrain.h"

#include <algorithm>
#include <cmath>

namespace citytwin::gis::demo {

using data::PipeNetwork;

namespace {

//! Extra vertices every so many metres so the line follows the terrain when draped.
constexpr double kVertexSpacingM = 25.0;

struct NetworkPlan
{
    PipeNetwork network;
    double share;
    double acrossFraction; //!< offset from the centreline as a fraction of the road width
    double depthMin, depthMax;
    const double* diameters;
    int diameterCount;
    const char* const* materials;
    int materialCount;
};

constexpr double kWaterDiameters[] = {0.2, 0.3, 0.4, 0.6};
constexpr double kDrainDiameters[] = {0.4, 0.6, 0.8, 1.0, 1.2};
constexpr double kGasDiameters[] = {0.1, 0.16, 0.2, 0.3};
constexpr const char* kWaterMaterials[] = {"ductile_iron", "pe", "steel"};
constexpr const char* kDrainMaterials[] = {"concrete", "hdpe", "reinforced_concrete"};
constexpr const char* kGasMaterials[] = {"pe", "steel"};

const NetworkPlan kPlans[] = {
    {PipeNetwork::WaterSupply, 0.4, 0.30, 1.2, 1.8, kWaterDiameters, 4, kWaterMaterials, 3},
    {PipeNetwork::Drainage, 0.4, -0.12, 2.0, 3.5, kDrainDiameters, 5, kDrainMaterials, 3},
    {PipeNetwork::Gas, 0.2, -0.38, 0.9, 1.3, kGasDiameters, 4, kGasMaterials, 2},
};

} // namespace

std::vector<DemoPipe> generatePipes(const DemoLayout& layout, std::uint64_t seed, double km)
{
    // Edges of each main/secondary road in order along it: runs extend along the same road.
    const auto& edges = layout.edges();
    const auto& roads = layout.roads();
    std::vector<std::vector<int>> roadEdges(roads.size());
    for (size_t e = 0; e < edges.size(); ++e)
        if (roads[size_t(edges[e].road)].cls != RoadClass::Lane)
            roadEdges[size_t(edges[e].road)].push_back(int(e));
    std::vector<int> candidates;
    for (size_t r = 0; r < roads.size(); ++r) {
        auto& list = roadEdges[r];
        const auto along = [&](int e) {
            const RoadNode& n = layout.nodes()[size_t(edges[size_t(e)].a)];
            return roads[r].vertical ? n.y : n.x;
        };
        std::sort(list.begin(), list.end(), [&](int a, int b) { return along(a) < along(b); });
        if (!list.empty())
            candidates.push_back(int(r));
    }
    std::vector<DemoPipe> out;
    if (candidates.empty() || km <= 0.0)
        return out;

    DemoRandom rng(DemoRandom::hash(seed, 0x919E));
    std::vector<std::vector<bool>> used(std::size(kPlans), std::vector<bool>(edges.size(), false));
    for (size_t p = 0; p < std::size(kPlans); ++p) {
        const NetworkPlan& plan = kPlans[p];
        double remaining = km * 1000.0 * plan.share;
        for (int attempt = 0; remaining > 1.0 && attempt < 2000; ++attempt) {
            const int r = candidates[rng.below(candidates.size())];
            const auto& list = roadEdges[size_t(r)];
            const size_t start = rng.below(list.size());
            const size_t count = 1 + rng.below(4);
            const Road& road = roads[size_t(r)];
            DemoPipe pipe;
            pipe.network = plan.network;
            pipe.road = r;
            pipe.depthM = std::round(rng.uniform(plan.depthMin, plan.depthMax) * 10.0) / 10.0;
            pipe.diameterM = plan.diameters[rng.below(std::uint64_t(plan.diameterCount))];
            if (road.cls == RoadClass::Main) // trunk lines run under the main roads
                pipe.diameterM = plan.diameters[plan.diameterCount - 1 - int(rng.below(2))];
            pipe.material = QString::fromLatin1(plan.materials[rng.below(std::uint64_t(plan.materialCount))]);
            pipe.installYear = rng.intIn(1995, 2024);
            const double across = road.coord + plan.acrossFraction * road.width;
            double a0 = 0.0, a1 = 0.0;
            bool any = false;
            for (size_t k = start; k < list.size() && k < start + count; ++k) {
                const int e = list[k];
                if (used[p][size_t(e)])
                    break;
                used[p][size_t(e)] = true;
                const RoadNode& na = layout.nodes()[size_t(edges[size_t(e)].a)];
                const RoadNode& nb = layout.nodes()[size_t(edges[size_t(e)].b)];
                const double ea = road.vertical ? std::min(na.y, nb.y) : std::min(na.x, nb.x);
                const double eb = road.vertical ? std::max(na.y, nb.y) : std::max(na.x, nb.x);
                a0 = any ? a0 : ea;
                a1 = eb;
                any = true;
            }
            if (!any)
                continue;
            a1 = std::min(a1, a0 + remaining); // the last run is trimmed to the wanted total
            const int steps = std::max(1, int(std::ceil((a1 - a0) / kVertexSpacingM)));
            for (int s = 0; s <= steps; ++s) {
                const double a = a0 + (a1 - a0) * s / steps;
                pipe.points.push_back(road.vertical ? XY{across, a} : XY{a, across});
            }
            remaining -= a1 - a0;
            out.push_back(std::move(pipe));
        }
    }
    return out;
}

data::Status writePipes(const QString& path, const std::vector<DemoPipe>& pipes, const DemoLayout& layout,
                        const DemoTerrain& terrain, const data::ProjectedPoint& origin)
{
    GpkgWriter writer;
    data::Status status = writer.open(path, "pipes", wkbLineString25D,
                                      {{"network", OFTString},
                                       {"depth_m", OFTReal},
                                       {"diameter_m", OFTReal},
                                       {"material", OFTString},
                                       {"install_year", OFTInteger},
                                       {"road", OFTString}});
    GIntBig fid = 0;
    for (size_t i = 0; status && i < pipes.size(); ++i) {
        const DemoPipe& p = pipes[i];
        OGRFeature* f = writer.newFeature();
        f->SetField("network", data::toString(p.network).toUtf8().constData());
        f->SetField("depth_m", p.depthM);
        f->SetField("diameter_m", p.diameterM);
        f->SetField("material", p.material.toUtf8().constData());
        f->SetField("install_year", p.installYear);
        f->SetField("road", layout.roads()[size_t(p.road)].name.toUtf8().constData());
        OGRLineString line;
        for (const XY& v : p.points)
            line.addPoint(origin.x + v.x, origin.y + v.y,
                          std::round((terrain.heightAt(v.x, v.y) - p.depthM) * 100.0) / 100.0);
        f->SetGeometry(&line);
        status = writer.add(f, ++fid);
    }
    if (status)
        status = writer.finish();
    if (!status)
        writer.abandon();
    return status;
}

} // namespace citytwin::gis::demo
