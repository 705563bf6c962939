#pragma once

#include "data/Points.h"
#include "data/Status.h"
#include "gis/DemoGeometry.h"
#include "gis/DemoLayout.h"

#include <QString>
#include <cstdint>
#include <functional>
#include <vector>

namespace citytwin::gis::demo {

class DemoTerrain;

enum class BuildingUse { Residential, Commercial, Industrial, Public };
QString toString(BuildingUse use);

//! One generated building: an axis-aligned rectangle or L-shape in the local frame.
struct DemoBuilding
{
    std::vector<XY> ring; //!< outer ring, counter-clockwise, not closed
    Rect bounds;
    double height = 10.0; //!< metres, ground to roof top
    int floors = 3;
    QString name;
    BuildingUse use = BuildingUse::Residential;
    int yearBuilt = 2000;
    Zone zone = Zone::Residential;
    std::uint32_t tint = 0; //!< per-building random bits for roof colour variation
    bool landmark = false;
};

//! Places exactly COUNT buildings inside the blocks of LAYOUT (never on roads or water): lots
//! tiled per land use, landmarks in the civic centre. To reach COUNT it densifies blocks
//! (more low-rise housing) or enlarges lots, then drops surplus lots at random. May change
//! block zones in LAYOUT accordingly.
std::vector<DemoBuilding> generateBuildings(DemoLayout& layout, std::uint64_t seed, int count);

//! The fixed landmarks of the civic centre (the first is the tall tower near the origin).
std::vector<DemoBuilding> civicLandmarks(const Rect& civicBlock);

//! Writes buildings.gpkg (layer "buildings", Polygon, EPSG:4549) with fields name, use, height,
//! floors, year_built. CANCELLED is polled every few thousand features.
data::Status writeBuildings(const QString& path, const std::vector<DemoBuilding>& buildings,
                            const data::ProjectedPoint& origin, const std::function<bool()>& cancelled);

} // namespace citytwin::gis::demo
