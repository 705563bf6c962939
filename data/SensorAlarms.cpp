#include "data/SensorAlarms.h"

#include <algorithm>
#include <numeric>

namespace citytwin::data {

namespace {

//! Of two thresholds for the same target, the later written (higher id) applies.
bool supersedes(const Threshold& candidate, const std::optional<Threshold>& current)
{
    return !current || candidate.id >= current->id;
}

} // namespace

SensorAlarms::SensorAlarms(const std::vector<Asset>& assets, const std::vector<Threshold>& thresholds)
{
    QHash<std::int64_t, Threshold> byAsset;
    QHash<QString, Threshold> bySubtype;
    for (const Threshold& t : thresholds) {
        if (t.assetId != 0) {
            if (supersedes(t, byAsset.contains(t.assetId) ? std::optional(byAsset.value(t.assetId)) : std::nullopt))
                byAsset.insert(t.assetId, t);
        } else if (!t.subtype.isEmpty()) {
            if (supersedes(t, bySubtype.contains(t.subtype) ? std::optional(bySubtype.value(t.subtype)) : std::nullopt))
                bySubtype.insert(t.subtype, t);
        }
    }
    for (const Asset& a : assets) {
        if (a.type != AssetType::Sensor || m_sensors.contains(a.id))
            continue;
        std::optional<Threshold> threshold;
        if (const auto it = byAsset.constFind(a.id); it != byAsset.constEnd())
            threshold = it.value();
        else if (const auto st = bySubtype.constFind(a.subtype); st != bySubtype.constEnd())
            threshold = st.value();
        if (!threshold || (!threshold->min && !threshold->max))
            continue; // no limits: never in alarm
        Sensor s;
        s.threshold = *threshold;
        m_sensors.insert(a.id, std::move(s));
        m_watched.push_back(a.id);
    }
}

std::optional<Threshold> SensorAlarms::thresholdFor(std::int64_t assetId) const
{
    const auto it = m_sensors.constFind(assetId);
    if (it == m_sensors.constEnd())
        return std::nullopt;
    return it->threshold;
}

void SensorAlarms::addReadings(const std::vector<SensorReading>& readings)
{
    QHash<std::int64_t, bool> touched;
    for (const SensorReading& r : readings) {
        const auto it = m_sensors.find(r.assetId);
        if (it == m_sensors.end())
            continue;
        it->times.push_back(r.time);
        it->values.push_back(r.value);
        touched.insert(r.assetId, true);
    }
    for (auto it = touched.constBegin(); it != touched.constEnd(); ++it)
        rebuildIntervals(m_sensors[it.key()]);
}

void SensorAlarms::rebuildIntervals(Sensor& s)
{
    if (!std::is_sorted(s.times.begin(), s.times.end())) {
        std::vector<std::size_t> order(s.times.size());
        std::iota(order.begin(), order.end(), std::size_t(0));
        std::stable_sort(order.begin(), order.end(), [&s](std::size_t a, std::size_t b) { return s.times[a] < s.times[b]; });
        std::vector<TimeMs> times(order.size());
        std::vector<double> values(order.size());
        for (std::size_t i = 0; i < order.size(); ++i) {
            times[i] = s.times[order[i]];
            values[i] = s.values[order[i]];
        }
        s.times = std::move(times);
        s.values = std::move(values);
    }
    // One pass: an out-of-limits reading opens an interval, the next in-limits one closes it.
    s.alarms.clear();
    for (std::size_t i = 0; i < s.times.size(); ++i) {
        const bool out = s.threshold.isExceeded(s.values[i]);
        const bool open = !s.alarms.empty() && s.alarms.back().end == kNoTime;
        if (out && !open)
            s.alarms.push_back({s.times[i], kNoTime});
        else if (!out && open)
            s.alarms.back().end = s.times[i];
    }
}

std::size_t SensorAlarms::readingCount(std::int64_t assetId) const
{
    const auto it = m_sensors.constFind(assetId);
    return it == m_sensors.constEnd() ? 0 : it->times.size();
}

std::vector<AlarmInterval> SensorAlarms::intervals(std::int64_t assetId) const
{
    const auto it = m_sensors.constFind(assetId);
    return it == m_sensors.constEnd() ? std::vector<AlarmInterval>{} : it->alarms;
}

bool SensorAlarms::isInAlarmAt(std::int64_t assetId, TimeMs t) const
{
    const auto it = m_sensors.constFind(assetId);
    if (it == m_sensors.constEnd() || it->alarms.empty())
        return false;
    // The last interval starting at or before T is the only candidate.
    const auto next = std::upper_bound(it->alarms.begin(), it->alarms.end(), t,
                                       [](TimeMs v, const AlarmInterval& a) { return v < a.start; });
    return next != it->alarms.begin() && std::prev(next)->contains(t);
}

std::optional<SensorAlarm> SensorAlarms::alarmAt(std::int64_t assetId, TimeMs t) const
{
    const auto it = m_sensors.constFind(assetId);
    if (it == m_sensors.constEnd() || it->alarms.empty())
        return std::nullopt;
    const auto next = std::upper_bound(it->alarms.begin(), it->alarms.end(), t,
                                       [](TimeMs v, const AlarmInterval& a) { return v < a.start; });
    if (next == it->alarms.begin() || !std::prev(next)->contains(t))
        return std::nullopt;
    // The latest reading at or before T: inside the interval, so out of limits.
    const auto reading = std::upper_bound(it->times.begin(), it->times.end(), t);
    const std::size_t i = std::size_t(reading - it->times.begin()) - 1;
    SensorAlarm alarm;
    alarm.assetId = assetId;
    alarm.value = it->values[i];
    alarm.readingTime = it->times[i];
    alarm.threshold = it->threshold;
    alarm.since = std::prev(next)->start;
    alarm.above = it->threshold.max && alarm.value > *it->threshold.max;
    return alarm;
}

std::vector<SensorAlarm> SensorAlarms::alarmsAt(TimeMs t) const
{
    std::vector<SensorAlarm> out;
    for (std::int64_t id : m_watched)
        if (auto alarm = alarmAt(id, t))
            out.push_back(*alarm);
    return out;
}

} // namespace citytwin::data
