#pragma once

#include "data/Features.h"
#include "data/Points.h"
#include "data/Status.h"
#include "gis/DemoBuildings.h"
#include "gis/DemoLayout.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace citytwin::gis::demo {

class DemoTerrain;

//! A buried utility line following a road (local frame; z comes from the terrain on write).
struct DemoPipe
{
    std::vector<XY> points;
    data::PipeNetwork network = data::PipeNetwork::WaterSupply;
    double depthM = 1.5;
    double diameterM = 0.3;
    QString material;
    int installYear = 2000;
    int road = 0; //!< index into DemoLayout::roads()
};

//! About KM kilometres of water supply, drainage and gas lines under the main and secondary
//! roads (40/40/20 %), each run spanning one to four blocks at its network's offset across the road.
std::vector<DemoPipe> generatePipes(const DemoLayout& layout, std::uint64_t seed, double km);

//! Writes pipes.gpkg (layer "pipes", LineString Z, EPSG:4549; z = terrain − depth) with fields
//! network, depth_m, diameter_m, material, install_year, road.
data::Status writePipes(const QString& path, const std::vector<DemoPipe>& pipes, const DemoLayout& layout,
                        const DemoTerrain& terrain, const data::ProjectedPoint& origin);

} // namespace citytwin::gis::demo
