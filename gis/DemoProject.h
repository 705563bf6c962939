#pragma once

#include "data/Project.h"
#include "data/TimeRange.h"
#include "gis/DemoBuildings.h"

#include <vector>

namespace citytwin::gis::demo {

//! The Pinghu demo project: metadata, layers (relative file sources and store: overlays) and
//! the saved views "home", "top" and "centre" (close on the tallest landmark near the origin).
data::Project makeDemoProject(const data::ProjectedPoint& origin, double sizeM, const data::TimeRange& period,
                              data::TimeMs initialTime, const std::vector<DemoBuilding>& buildings);

} // namespace citytwin::gis::demo
