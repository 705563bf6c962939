#pragma once

#include "data/Overlays.h"
#include "data/TimeRange.h"

#include <cstdint>
#include <vector>

namespace citytwin::gis::demo {

//! The demo day's rain storm (local times on that day): the water starts rising at 15:00, peaks
//! at 17:30 and is back to normal by 21:30. The river gauges of floodedGauges() cross their
//! warning level from about 16:30 to 19:00; nights stay quiet.
struct DemoStorm
{
    data::TimeMs start = 0;
    data::TimeMs peak = 0;
    data::TimeMs end = 0;
};

//! The storm of the day starting at DAYSTART (local midnight).
DemoStorm demoStorm(data::TimeMs dayStart);

//! Alarm limits of the demo sensors: one per subtype (water_level above 2.8 m, gas above
//! 1000 ppm, smoke above 0.15 dB/m, manhole_cover tilted over 10°) plus one per canal gauge at
//! its own warning level (attribute warning_level_m, 2.6 m), which wins over the subtype's.
std::vector<data::Threshold> generateThresholds(const std::vector<data::Asset>& assets);

//! The (at most two) river water-level gauges nearest ORIGIN, which the storm lifts over 2.8 m.
std::vector<std::int64_t> floodedGauges(const std::vector<data::Asset>& assets, const data::ProjectedPoint& origin);

//! A reading every 10 minutes over DAY for every sensor of ASSETS: water levels with a slow daily
//! swing and the storm's rise and fall (over the warning level at the flooded gauges only), gas
//! and smoke near zero, manhole covers flat. Deterministic for a SEED; by asset, then time.
std::vector<data::SensorReading> generateSensorReadings(const std::vector<data::Asset>& assets,
                                                        const data::ProjectedPoint& origin,
                                                        const data::TimeRange& day, std::uint64_t seed);

//! Makes the storm visible on the events layer too: the first event reported while GAUGE is in
//! alarm (ALARM) becomes a flood by the gauge (severity 3, reported by the sensor), keeping its
//! time, lifecycle and id so EVENTS stay sorted. Returns false when no event falls in ALARM.
bool placeStormFlood(std::vector<data::Event>& events, const data::Asset& gauge, const data::TimeRange& alarm,
                     std::uint64_t seed);

} // namespace citytwin::gis::demo
