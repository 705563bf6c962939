#pragma once

#include "data/Overlays.h"
#include "gis/DemoBuildings.h"
#include "gis/DemoLayout.h"
#include "gis/DemoPipes.h"

#include <cstdint>
#include <vector>

namespace citytwin::gis::demo {

class DemoTerrain;

//! City assets: CCTV cameras at main-road intersections and along main roads, sensors
//! (water_level by the river and canals, smoke in commercial/public buildings, gas along gas
//! pipes, manhole_cover along drainage), hydrants along streets, emergency shelters in parks,
//! squares and schools. Positions in the project CRS with z on the terrain; ids from 1.
std::vector<data::Asset> generateAssets(const DemoLayout& layout, const DemoTerrain& terrain,
                                        const std::vector<DemoBuilding>& buildings,
                                        const std::vector<DemoPipe>& pipes,
                                        const data::ProjectedPoint& origin, std::uint64_t seed);

} // namespace citytwin::gis::demo
