#pragma once

#include "data/Overlays.h"
#include "data/Points.h"
#include "data/Time.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace citytwin::bench {

//! The synthetic day bench_timeline plays: incidents and field staff inside a SIZEM square around
//! ORIGIN, starting at START (UTC ms), deterministic for a seed.
struct TimelineDay
{
    data::ProjectedPoint origin;
    double sizeM = 4000.0;
    data::TimeMs start = 0;
    data::TimeMs lengthMs = data::kDayMs;
};

//! COUNT incidents reported uniformly over DAY with a realistic lifecycle (dispatched 2–20 min
//! after the report, on site 5–40 min later, resolved 0.5–4 h later, closed 10–60 min after that;
//! one in ten still open at the end), severity 1–4, four categories.
std::vector<data::Event> makeBenchEvents(const TimelineDay& day, std::int64_t count, std::uint64_t seed = 1);

//! COUNT people (ids 1…COUNT, roles cycling) walking random streets over DAY, one fix every
//! SAMPLESECONDS (z 0), in TRACKS ordered by person then time.
void makeBenchPeople(const TimelineDay& day, int count, int sampleSeconds, std::vector<data::Person>& people,
                     std::vector<data::TrackPoint>& tracks, std::uint64_t seed = 2);

//! Writes ROWS track fixes as CSV (person_id,time,lon,lat — ISO 8601 UTC times, WGS 84 positions
//! around lon 121.0 / lat 30.7) to PATH; returns the file size in bytes, or -1 on failure.
std::int64_t writeBenchTrackCsv(const QString& path, std::int64_t rows, int people);

} // namespace citytwin::bench
