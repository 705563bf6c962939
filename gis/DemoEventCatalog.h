#pragma once

#include "data/Overlays.h"
#include "gis/DemoRandom.h"

#include <QString>
#include <array>

namespace citytwin::gis::demo {

//! Where an event of a category happens.
enum class EventPlace { Road, Kerb, Sidewalk, Intersection, Building, Waterside };

//! What a category of city-management event looks like: how often, when in the day, where,
//! how severe, who reports it, who handles it and how long handling takes.
struct EventCategory
{
    const char* name;
    double weight;                       //!< share of all events on an ordinary day
    const std::array<double, 24>* hours; //!< relative rate per local hour
    EventPlace place;
    std::array<double, 4> severity; //!< weights of severity 1..4
    std::array<double, 4> sources;  //!< weights of hotline_12345, patrol, sensor, camera
    data::PersonRole role;          //!< who is dispatched
    double workMedianMin;           //!< on-site time to resolve, median minutes
    double workSigma;               //!< log-normal spread of it
};

const std::array<EventCategory, 11>& eventCategories();
//! Index of the "flood" category (boosted on rain days).
int floodCategory();

//! The reporting channel for source index 0..3.
const char* eventSourceName(int index);

//! A Chinese description of an event of CATEGORY at PLACENAME (a road or building name).
QString eventDescription(const EventCategory& category, const QString& placeName, DemoRandom& rng);

} // namespace citytwin::gis::demo
