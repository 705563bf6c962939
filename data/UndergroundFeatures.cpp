#include "data/UndergroundFeatures.h"

#include "data/EnumNames.h"
#include "data/PipeMapping.h"

#include <initializer_list>

namespace citytwin::data {

namespace {

constexpr detail::EnumNameTable<PointFacilityKind, 4> kFacilityNames{{
    {PointFacilityKind::Manhole, "manhole"},
    {PointFacilityKind::Valve, "valve"},
    {PointFacilityKind::Hydrant, "hydrant"},
    {PointFacilityKind::Other, "other"},
}};

constexpr detail::EnumNameTable<UndergroundSpaceKind, 4> kSpaceNames{{
    {UndergroundSpaceKind::UtilityTunnel, "utility_tunnel"},
    {UndergroundSpaceKind::Parking, "parking"},
    {UndergroundSpaceKind::Shelter, "shelter"},
    {UndergroundSpaceKind::Other, "other"},
}};

//! Words naming a kind, most specific first: "消防栓井" is a hydrant, not a manhole, and
//! "阀门井" a valve (its chamber is what a survey draws), so hydrants and valves are tried before
//! the bare 井.
template <class E> struct KindWords
{
    E kind;
    std::initializer_list<const char*> words;
};

bool containsAny(const QString& text, std::initializer_list<const char*> words)
{
    for (const char* w : words)
        if (text.contains(QString::fromUtf8(w), Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace

QString toString(PointFacilityKind kind)
{
    return detail::enumToString(kFacilityNames, kind);
}
bool fromString(const QString& s, PointFacilityKind& out)
{
    return detail::enumFromString(kFacilityNames, s, out);
}

std::optional<PointFacilityKind> pointFacilityKindFromText(const QString& text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    PointFacilityKind exact;
    if (fromString(t.toLower(), exact))
        return exact;
    static const KindWords<PointFacilityKind> kWords[] = {
        {PointFacilityKind::Hydrant, {"hydrant", "消防栓", "消火栓"}},
        {PointFacilityKind::Valve, {"valve", "阀"}},
        {PointFacilityKind::Manhole,
         {"manhole", "well", "chamber", "inspection", "junction", "检查井", "窨井", "雨水井", "污水井",
          "井"}},
    };
    for (const auto& entry : kWords)
        if (containsAny(t, entry.words))
            return entry.kind;
    return std::nullopt;
}

QString toString(UndergroundSpaceKind kind)
{
    return detail::enumToString(kSpaceNames, kind);
}
bool fromString(const QString& s, UndergroundSpaceKind& out)
{
    return detail::enumFromString(kSpaceNames, s, out);
}

std::optional<UndergroundSpaceKind> undergroundSpaceKindFromText(const QString& text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    UndergroundSpaceKind exact;
    if (fromString(t.toLower(), exact))
        return exact;
    static const KindWords<UndergroundSpaceKind> kWords[] = {
        {UndergroundSpaceKind::UtilityTunnel,
         {"utility tunnel", "utility_tunnel", "tunnel", "综合管廊", "管廊"}},
        {UndergroundSpaceKind::Parking, {"parking", "garage", "car park", "停车", "车库"}},
        {UndergroundSpaceKind::Shelter,
         {"shelter", "civil air defen", "civil defen", "人防", "避难", "防空"}},
    };
    for (const auto& entry : kWords)
        if (containsAny(t, entry.words))
            return entry.kind;
    return std::nullopt;
}

std::array<float, 3> pointFacilityColour(const PointFacility& facility)
{
    if (facility.kind == PointFacilityKind::Hydrant)
        return {0.85f, 0.08f, 0.08f};
    return pipeNetworkColour(facility.network);
}

std::array<float, 3> undergroundSpaceColour(UndergroundSpaceKind kind)
{
    switch (kind) {
    case UndergroundSpaceKind::UtilityTunnel:
        return {0.45f, 0.55f, 0.68f};
    case UndergroundSpaceKind::Parking:
        return {0.85f, 0.74f, 0.50f};
    case UndergroundSpaceKind::Shelter:
        return {0.50f, 0.56f, 0.30f};
    case UndergroundSpaceKind::Other:
        break;
    }
    return {0.62f, 0.62f, 0.62f};
}

} // namespace citytwin::data
