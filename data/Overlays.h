#pragma once

#include "data/Points.h"
#include "data/Time.h"
#include "data/TimeRange.h"

#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

namespace citytwin::data {

//! Field staff roles in a county-level city (城管执法, 网格协调, 巡查, 环卫).
enum class PersonRole { Enforcement, Coordinator, Inspector, Sanitation, Other };

struct Person
{
    std::int64_t id = 0;
    QString name;
    PersonRole role = PersonRole::Other;
    QString team;
};

//! One GPS fix of a person, position in the project CRS.
struct TrackPoint
{
    std::int64_t personId = 0;
    TimeMs time = 0;
    ProjectedPoint position;
};

//! Where an incident is in its lifecycle (reported → dispatched → on site → resolved → closed).
enum class EventState { Reported, Dispatched, OnSite, Resolved, Closed };

//! An incident (12345 hotline complaint, illegal parking, flood, fire, …).
//! Lifecycle instants are kNoTime when the step has not happened.
struct Event
{
    std::int64_t id = 0;
    QString category; //!< e.g. "illegal_parking", "hotline_complaint", "flood", "fire"
    int severity = 1; //!< 1 (low) … 4 (critical)
    QString description;
    QString source; //!< "hotline_12345", "patrol", "sensor", "camera"
    ProjectedPoint position;
    TimeMs reported = kNoTime;
    TimeMs dispatched = kNoTime;
    TimeMs onSite = kNoTime;
    TimeMs resolved = kNoTime;
    TimeMs closed = kNoTime;
    std::vector<std::int64_t> assignedStaff;

    //! The span during which the event exists on the map: [reported, closed) (open-ended if not closed).
    TimeRange lifetime() const;
    //! Lifecycle state at time T (meaningful only inside lifetime()).
    EventState stateAt(TimeMs t) const;
};

enum class AssetType { Cctv, Sensor, Hydrant, Shelter, Other };

struct Asset
{
    std::int64_t id = 0;
    AssetType type = AssetType::Other;
    QString name;
    QString subtype; //!< sensors: "water_level", "smoke", "gas", "manhole_cover"
    ProjectedPoint position;
    QString attributesJson; //!< free attributes as a JSON object text
};

//! One sample of a sensor asset (water level in m, gas in ppm, …) at TIME.
struct SensorReading
{
    std::int64_t assetId = 0;
    TimeMs time = 0;
    double value = 0.0;
    bool operator==(const SensorReading&) const = default;
};

//! Alarm limits for one sensor asset (assetId != 0) or for every sensor of a subtype (assetId == 0).
struct Threshold
{
    std::int64_t id = 0;
    std::int64_t assetId = 0;  //!< 0: applies to all sensors of `subtype`
    QString subtype;           //!< used when assetId == 0
    std::optional<double> min; //!< a value below min is an alarm; nullopt: no lower limit
    std::optional<double> max; //!< a value above max is an alarm; nullopt: no upper limit

    //! True when VALUE lies outside [min, max].
    bool isExceeded(double value) const { return (min && value < *min) || (max && value > *max); }
    bool operator==(const Threshold&) const = default;
};

QString toString(PersonRole role);
QString toString(EventState state);
QString toString(AssetType type);
bool fromString(const QString& s, PersonRole& out);
bool fromString(const QString& s, EventState& out);
bool fromString(const QString& s, AssetType& out);

} // namespace citytwin::data
