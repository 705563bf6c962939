#pragma once

#include "data/Overlays.h"
#include "data/Time.h"

#include <QHash>
#include <cstdint>
#include <optional>
#include <vector>

namespace citytwin::data {

//! A span during which a sensor is in alarm: from a reading outside its limits to the next
//! reading inside them ([start, end); end kNoTime while no in-limit reading followed).
struct AlarmInterval
{
    TimeMs start = kNoTime;
    TimeMs end = kNoTime;
    bool contains(TimeMs t) const { return t >= start && (end == kNoTime || t < end); }
    bool operator==(const AlarmInterval&) const = default;
};

//! A sensor in alarm at some time: its latest reading then, the limit it crosses, since when.
struct SensorAlarm
{
    std::int64_t assetId = 0;
    double value = 0.0;  //!< the latest reading at that time (out of limits)
    TimeMs readingTime = kNoTime;
    Threshold threshold; //!< the limits that apply to this sensor
    TimeMs since = kNoTime; //!< start of the alarm interval
    bool above = true;      //!< above max (true) or below min (false)
};

//! Alarm intervals of sensor assets from their readings and thresholds. A threshold of the
//! asset itself wins over one of its subtype; of several for the same target the one with the
//! highest id (the latest written) applies. Sensors without a threshold never alarm.
//! Readings may come in any order and in several batches (live mode): each batch re-derives the
//! intervals of the sensors it touches only.
class SensorAlarms
{
public:
    SensorAlarms() = default;
    //! Resolves THRESHOLDS for the sensor assets among ASSETS (type Sensor).
    SensorAlarms(const std::vector<Asset>& assets, const std::vector<Threshold>& thresholds);

    //! The sensors that have a threshold, in asset order.
    const std::vector<std::int64_t>& watchedSensors() const { return m_watched; }
    //! The threshold that applies to asset ID, if any.
    std::optional<Threshold> thresholdFor(std::int64_t assetId) const;

    //! Adds READINGS (any sensors, any order; readings of unwatched assets are ignored).
    void addReadings(const std::vector<SensorReading>& readings);
    //! Readings kept for sensor ID, by time.
    std::size_t readingCount(std::int64_t assetId) const;

    //! Alarm intervals of sensor ID, by time.
    std::vector<AlarmInterval> intervals(std::int64_t assetId) const;
    //! Whether sensor ID is in alarm at T (binary search over its intervals).
    bool isInAlarmAt(std::int64_t assetId, TimeMs t) const;
    //! The alarm of sensor ID at T, or nullopt.
    std::optional<SensorAlarm> alarmAt(std::int64_t assetId, TimeMs t) const;
    //! Every sensor in alarm at T, in watchedSensors() order.
    std::vector<SensorAlarm> alarmsAt(TimeMs t) const;

private:
    struct Sensor
    {
        Threshold threshold;
        std::vector<TimeMs> times; //!< readings, ascending
        std::vector<double> values;
        std::vector<AlarmInterval> alarms;
    };
    void rebuildIntervals(Sensor& sensor);

    std::vector<std::int64_t> m_watched;
    QHash<std::int64_t, Sensor> m_sensors;
};

} // namespace citytwin::data
