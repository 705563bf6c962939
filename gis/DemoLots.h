#pragma once

#include "gis/DemoGeometry.h"
#include "gis/DemoLayout.h"

#include <cstdint>
#include <vector>

namespace citytwin::gis::demo {

//! How a land use divides a block into lots and fills them (fractions of the lot).
struct ZonePlan
{
    double lotW = 0.0; //!< nominal lot size, metres (0: no buildings)
    double lotD = 0.0;
    double setback = 5.0;                  //!< from the road wall
    double fillMin = 0.6, fillMax = 0.8;   //!< building width / lot width
    double depthMin = 0.6, depthMax = 0.8; //!< building depth / lot depth
    double lShape = 0.0;                   //!< share of L-shaped footprints
    double maxW = 1e9, maxD = 1e9;         //!< size caps, metres (big lots get yards, not giant buildings)
};

const ZonePlan& zonePlan(Zone zone);

//! A building plot inside block BLOCK (index into DemoLayout::blocks()).
struct Lot
{
    int block = 0;
    int index = 0; //!< within its block
    Rect rect;
};

//! Lots of one block for ZONE with lot sizes × SCALE; lots touching water are left out.
std::vector<Lot> lotsInBlock(const DemoLayout& layout, int block, Zone zone, double scale);
//! Lots of every block with its current zone.
std::vector<Lot> tileLots(const DemoLayout& layout, double scale);

//! Adjusts LAYOUT's zones and returns the lot scale so that tileLots() yields between
//! SURPLUS × WANTED and MAXSURPLUS × WANTED lots where possible: denser land use when short,
//! larger lots when far over.
double densifyForCount(DemoLayout& layout, std::uint64_t seed, int wanted, double surplus, double maxSurplus);

} // namespace citytwin::gis::demo
