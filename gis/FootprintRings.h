#pragma once

// Ring extraction for FootprintReader; internal to gis/.

#include "data/Features.h"

#include <ogr_geometry.h>
#include <vector>

namespace citytwin::gis {

//! Ring points without the closing point and without consecutive duplicates.
std::vector<data::ProjectedPoint> ringPoints(const OGRLinearRing& ring);

//! Shoelace area, positive for counter-clockwise (x east, y north).
double signedArea(const std::vector<data::ProjectedPoint>& ring);

//! Fills OUT.outer (counter-clockwise) and OUT.holes (clockwise) from POLYGON. False when the
//! outer ring is degenerate; degenerate holes are dropped.
bool ringsOf(const OGRPolygon& polygon, data::Footprint& out);

} // namespace citytwin::gis
