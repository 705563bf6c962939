#pragma once

#include "data/Overlays.h"
#include "data/Time.h"
#include "gis/DemoLayout.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace citytwin::gis::demo {

class DemoTerrain;

//! Field staff with their team, its station (a road node) and how they move on duty.
struct DemoStaff
{
    data::Person person;
    int stationNode = 0;
    double speedMps = 1.3;
    double roamRadiusM = 800.0;
    double dwellChance = 0.2;
    bool vehicle = false;
    //! On-duty spans in seconds from the start of the track day (night shifts give two).
    std::vector<std::pair<double, double>> shifts;
};

//! COUNT staff: roles enforcement/coordinator/inspector/sanitation, Chinese names, teams per
//! sub-district with a station each, shifts and modes (walking, e-bike, patrol car) per role.
std::vector<DemoStaff> generateStaff(const DemoLayout& layout, std::uint64_t seed, int count);

//! The 24 h GPS track of STAFF from DAYSTART: a fix every INTERVALS seconds plus one at every
//! turn (as trackers that log on heading change do), so straight-line interpolation between
//! fixes stays on the roads. Positions in the project CRS (ORIGIN + local), z on the terrain.
void generateTrack(const DemoLayout& layout, const DemoTerrain& terrain, const DemoStaff& staff,
                   data::TimeMs dayStart, int intervalS, const data::ProjectedPoint& origin,
                   std::vector<data::TrackPoint>& out);

} // namespace citytwin::gis::demo
