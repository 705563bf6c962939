#include "data/LayerSettings.h"

#include "data/EnumNames.h"

#include <QJsonValue>
#include <cmath>

namespace citytwin::data {

namespace {

constexpr detail::EnumNameTable<LayerKind, 11> kKindNames{{
    {LayerKind::Imagery, "imagery"},
    {LayerKind::Elevation, "elevation"},
    {LayerKind::Buildings, "buildings"},
    {LayerKind::Model, "model"},
    {LayerKind::Pipes, "pipes"},
    {LayerKind::People, "people"},
    {LayerKind::Events, "events"},
    {LayerKind::Assets, "assets"},
    {LayerKind::Heatmap, "heatmap"},
    {LayerKind::Manholes, "manholes"},
    {LayerKind::UndergroundSpaces, "underground_spaces"},
}};

constexpr detail::EnumNameTable<LayerGroup, 7> kGroupNames{{
    {LayerGroup::Basemap, "basemap"},
    {LayerGroup::CityModels, "city_models"},
    {LayerGroup::Underground, "underground"},
    {LayerGroup::People, "people"},
    {LayerGroup::Events, "events"},
    {LayerGroup::Assets, "assets"},
    {LayerGroup::Analysis, "analysis"},
}};

constexpr detail::EnumNameTable<TemporalMode, 4> kTemporalNames{{
    {TemporalMode::None, "none"},
    {TemporalMode::FixedRange, "fixed_range"},
    {TemporalMode::FeatureFields, "feature_fields"},
    {TemporalMode::PointTimestamps, "point_timestamps"},
}};

// JSON numbers are doubles: instants beyond ±2^53 ms (e.g. TimeRange::unbounded()) travel as strings.
constexpr double kMaxExactJsonInteger = 9007199254740992.0;

QJsonValue timeToJson(TimeMs t)
{
    if (std::abs(double(t)) <= kMaxExactJsonInteger)
        return QJsonValue(double(t));
    return QJsonValue(QString::number(t));
}

bool timeFromJson(const QJsonValue& v, TimeMs& out)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (std::abs(d) > kMaxExactJsonInteger || d != std::floor(d))
            return false;
        out = TimeMs(d);
        return true;
    }
    if (v.isString()) {
        bool ok = false;
        out = v.toString().toLongLong(&ok);
        return ok;
    }
    return false;
}

} // namespace

QString toString(LayerKind kind)
{
    return detail::enumToString(kKindNames, kind);
}
QString toString(LayerGroup group)
{
    return detail::enumToString(kGroupNames, group);
}
QString toString(TemporalMode mode)
{
    return detail::enumToString(kTemporalNames, mode);
}
bool fromString(const QString& s, LayerKind& out)
{
    return detail::enumFromString(kKindNames, s, out);
}
bool fromString(const QString& s, LayerGroup& out)
{
    return detail::enumFromString(kGroupNames, s, out);
}
bool fromString(const QString& s, TemporalMode& out)
{
    return detail::enumFromString(kTemporalNames, s, out);
}

QJsonObject toJson(const TemporalSettings& temporal)
{
    QJsonObject o;
    o.insert(QStringLiteral("mode"), toString(temporal.mode));
    o.insert(QStringLiteral("start"), timeToJson(temporal.range.start));
    o.insert(QStringLiteral("end"), timeToJson(temporal.range.end));
    o.insert(QStringLiteral("startField"), temporal.startField);
    o.insert(QStringLiteral("endField"), temporal.endField);
    o.insert(QStringLiteral("trailLengthMs"), timeToJson(temporal.trailLengthMs));
    o.insert(QStringLiteral("accumulate"), temporal.accumulate);
    if (temporal.durationMs != 0) // absent in files written before durations existed
        o.insert(QStringLiteral("durationMs"), timeToJson(temporal.durationMs));
    return o;
}

bool fromJson(const QJsonObject& json, TemporalSettings& out)
{
    TemporalSettings t;
    if (json.contains(QStringLiteral("mode")) &&
        !fromString(json.value(QStringLiteral("mode")).toString(), t.mode))
        return false;
    for (auto [key, target] : {std::pair{"start", &t.range.start}, std::pair{"end", &t.range.end},
                               std::pair{"trailLengthMs", &t.trailLengthMs},
                               std::pair{"durationMs", &t.durationMs}}) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (!v.isUndefined() && !timeFromJson(v, *target))
            return false;
    }
    t.startField = json.value(QStringLiteral("startField")).toString();
    t.endField = json.value(QStringLiteral("endField")).toString();
    t.accumulate = json.value(QStringLiteral("accumulate")).toBool();
    out = t;
    return true;
}

LayerGroup defaultGroup(LayerKind kind)
{
    switch (kind) {
    case LayerKind::Imagery:
    case LayerKind::Elevation:
        return LayerGroup::Basemap;
    case LayerKind::Buildings:
    case LayerKind::Model:
        return LayerGroup::CityModels;
    case LayerKind::Pipes:
    case LayerKind::Manholes:
    case LayerKind::UndergroundSpaces:
        return LayerGroup::Underground;
    case LayerKind::People:
        return LayerGroup::People;
    case LayerKind::Events:
        return LayerGroup::Events;
    case LayerKind::Assets:
        return LayerGroup::Assets;
    case LayerKind::Heatmap:
        return LayerGroup::Analysis;
    }
    return LayerGroup::Analysis;
}

} // namespace citytwin::data
