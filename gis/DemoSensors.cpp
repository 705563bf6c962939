#include "gis/DemoSensors.h"

#include "gis/DemoEventCatalog.h"
#include "gis/DemoRandom.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace citytwin::gis::demo {

using data::Asset;
using data::TimeMs;

namespace {

constexpr TimeMs kReadingInterval = 10 * data::kMinuteMs;
constexpr double kRiverWarningM = 2.8;
constexpr double kCanalWarningM = 2.6;
//! How far the storm lifts the water: the flooded gauges (low-lying, at the outfalls) go well over
//! their warning level, the rest of the river and the canals stay clear of theirs.
constexpr double kFloodedRiseM = 1.2;
constexpr double kRiverRiseM = 0.4;
constexpr double kCanalRiseM = 0.3;

bool isGauge(const Asset& a)
{
    return a.type == data::AssetType::Sensor && a.subtype == QLatin1String("water_level");
}

QJsonObject attributes(const Asset& a)
{
    return QJsonDocument::fromJson(a.attributesJson.toUtf8()).object();
}

bool onRiver(const Asset& a)
{
    return attributes(a).value(QLatin1String("water_body")).toString() == QLatin1String("river");
}

double smoothstep(double u)
{
    u = std::clamp(u, 0.0, 1.0);
    return u * u * (3.0 - 2.0 * u);
}

//! 0..1: how much of its storm rise the water has at T (rain-fed rise, slower recession).
double stormShare(const DemoStorm& s, TimeMs t)
{
    if (t <= s.start || t >= s.end)
        return 0.0;
    if (t <= s.peak)
        return smoothstep(double(t - s.start) / double(s.peak - s.start));
    return 1.0 - smoothstep(double(t - s.peak) / double(s.end - s.peak));
}

} // namespace

DemoStorm demoStorm(TimeMs dayStart)
{
    return {dayStart + 15 * data::kHourMs, dayStart + 17 * data::kHourMs + 30 * data::kMinuteMs,
            dayStart + 21 * data::kHourMs + 30 * data::kMinuteMs};
}

std::vector<data::Threshold> generateThresholds(const std::vector<Asset>& assets)
{
    std::vector<data::Threshold> out;
    const auto subtype = [&out](const char* name, double max) {
        data::Threshold t;
        t.id = std::int64_t(out.size()) + 1;
        t.subtype = QString::fromLatin1(name);
        t.max = max;
        out.push_back(std::move(t));
    };
    subtype("water_level", kRiverWarningM);
    subtype("gas", 1000.0);
    subtype("smoke", 0.15);
    subtype("manhole_cover", 10.0);
    for (const Asset& a : assets) {
        if (!isGauge(a) || onRiver(a))
            continue;
        data::Threshold t;
        t.id = std::int64_t(out.size()) + 1;
        t.assetId = a.id;
        t.max = attributes(a).value(QLatin1String("warning_level_m")).toDouble(kCanalWarningM);
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<std::int64_t> floodedGauges(const std::vector<Asset>& assets, const data::ProjectedPoint& origin)
{
    std::vector<const Asset*> river;
    for (const Asset& a : assets)
        if (isGauge(a) && onRiver(a))
            river.push_back(&a);
    const auto distance = [&origin](const Asset* a) {
        return std::hypot(a->position.x - origin.x, a->position.y - origin.y);
    };
    std::stable_sort(river.begin(), river.end(),
                     [&](const Asset* a, const Asset* b) { return distance(a) < distance(b); });
    std::vector<std::int64_t> ids;
    for (size_t i = 0; i < std::min<size_t>(2, river.size()); ++i)
        ids.push_back(river[i]->id);
    return ids;
}

std::vector<data::SensorReading> generateSensorReadings(const std::vector<Asset>& assets,
                                                        const data::ProjectedPoint& origin,
                                                        const data::TimeRange& day, std::uint64_t seed)
{
    std::vector<data::SensorReading> out;
    const DemoStorm storm = demoStorm(day.start);
    const std::vector<std::int64_t> flooded = floodedGauges(assets, origin);
    for (const Asset& a : assets) {
        if (a.type != data::AssetType::Sensor)
            continue;
        DemoRandom rng(DemoRandom::hash(seed, 0x5E45, std::uint64_t(a.id)));
        const bool gauge = isGauge(a);
        const bool river = gauge && onRiver(a);
        const bool floods = std::find(flooded.begin(), flooded.end(), a.id) != flooded.end();
        // Each sensor's own normal: a gauge's datum, a detector's background.
        const double base = river ? rng.uniform(1.95, 2.15) : gauge ? rng.uniform(1.75, 1.9) : rng.uniform(0.0, 1.0);
        const double rise = floods ? kFloodedRiseM : river ? kRiverRiseM : kCanalRiseM;
        const double phase = rng.uniform(0.0, 2.0 * std::numbers::pi);
        for (TimeMs t = day.start; t < day.end; t += kReadingInterval) {
            const double hours = double(t - day.start) / double(data::kHourMs);
            double v = 0.0;
            if (gauge) {
                v = base + 0.04 * std::sin(2.0 * std::numbers::pi * hours / 24.0 + phase) +
                    rise * stormShare(storm, t) + 0.005 * rng.normal();
                v = std::round(v * 1000.0) / 1000.0; // gauges report millimetres
            } else if (a.subtype == QLatin1String("gas")) {
                v = std::round(std::max(0.0, 5.0 + 10.0 * base + 2.0 * rng.normal()));
            } else if (a.subtype == QLatin1String("smoke")) {
                v = std::round(std::max(0.0, 0.01 + 0.02 * base + 0.003 * rng.normal()) * 1000.0) / 1000.0;
            } else if (a.subtype == QLatin1String("manhole_cover")) {
                v = std::round(std::max(0.0, 0.5 + base + 0.2 * rng.normal()) * 10.0) / 10.0;
            } else {
                continue;
            }
            out.push_back({a.id, t, v});
        }
    }
    return out;
}

bool placeStormFlood(std::vector<data::Event>& events, const Asset& gauge, const data::TimeRange& alarm,
                     std::uint64_t seed)
{
    const EventCategory& flood = eventCategories()[size_t(floodCategory())];
    // Preferably an event handled by the same role as floods: its crew then fits the job.
    const auto sameRole = [&flood](const data::Event& e) {
        for (const EventCategory& c : eventCategories())
            if (e.category == QLatin1String(c.name))
                return c.role == flood.role;
        return false;
    };
    auto it = std::find_if(events.begin(), events.end(),
                           [&](const data::Event& e) { return alarm.contains(e.reported) && sameRole(e); });
    if (it == events.end())
        it = std::find_if(events.begin(), events.end(),
                          [&alarm](const data::Event& e) { return alarm.contains(e.reported); });
    if (it == events.end())
        return false;
    DemoRandom rng(DemoRandom::hash(seed, 0xF100D, std::uint64_t(gauge.id)));
    data::Event& e = *it;
    e.category = QString::fromLatin1(flood.name);
    e.severity = 3;
    e.source = QString::fromLatin1(eventSourceName(2)); // the gauge raised it
    // The gauges stand on the river's north bank: the water comes over the road just inland.
    e.position = {gauge.position.x + rng.uniform(-10.0, 10.0), gauge.position.y + rng.uniform(12.0, 25.0),
                  gauge.position.z};
    e.description = eventDescription(flood, gauge.name + QStringLiteral("附近"), rng);
    return true;
}

} // namespace citytwin::gis::demo
