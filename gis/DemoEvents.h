#pragma once

#include "data/Overlays.h"
#include "data/TimeRange.h"
#include "gis/DemoBuildings.h"
#include "gis/DemoLayout.h"
#include "gis/DemoPeople.h"

#include <QDate>
#include <cstdint>
#include <vector>

namespace citytwin::gis::demo {

class DemoTerrain;

//! What the event generator places events on and hands them to.
struct EventContext
{
    const DemoLayout& layout;
    const DemoTerrain& terrain;
    const std::vector<DemoBuilding>& buildings;
    const std::vector<DemoStaff>& staff;
    data::ProjectedPoint origin;
    data::TimeRange period; //!< starts at local midnight; whole days
    QDate firstDay;         //!< local date of period.start (weekends are quieter)
};

//! COUNT city-management events over the period: daily and weekly rhythm, a couple of rain
//! days with floods, positions on roads / at buildings / by the water with z on the terrain,
//! lifecycle reported → dispatched → on site → resolved → closed with per-category delays
//! (steps after the period's end have not happened yet, so recent events are still open),
//! and staff of the right role from the nearest stations. Sorted by reported time, ids 1..COUNT.
std::vector<data::Event> generateEvents(const EventContext& context, std::uint64_t seed, int count);

} // namespace citytwin::gis::demo
