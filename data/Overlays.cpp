#include "data/Overlays.h"

#include "data/EnumNames.h"

namespace citytwin::data {

namespace {

constexpr detail::EnumNameTable<PersonRole, 5> kRoleNames{{
    {PersonRole::Enforcement, "enforcement"},
    {PersonRole::Coordinator, "coordinator"},
    {PersonRole::Inspector, "inspector"},
    {PersonRole::Sanitation, "sanitation"},
    {PersonRole::Other, "other"},
}};

constexpr detail::EnumNameTable<EventState, 5> kStateNames{{
    {EventState::Reported, "reported"},
    {EventState::Dispatched, "dispatched"},
    {EventState::OnSite, "on_site"},
    {EventState::Resolved, "resolved"},
    {EventState::Closed, "closed"},
}};

constexpr detail::EnumNameTable<AssetType, 5> kAssetNames{{
    {AssetType::Cctv, "cctv"},
    {AssetType::Sensor, "sensor"},
    {AssetType::Hydrant, "hydrant"},
    {AssetType::Shelter, "shelter"},
    {AssetType::Other, "other"},
}};

bool reachedBy(TimeMs instant, TimeMs t)
{
    return instant != kNoTime && t >= instant;
}

} // namespace

TimeRange Event::lifetime() const
{
    // An event never reported does not exist on the map: an empty range, not "since forever".
    if (reported == kNoTime)
        return {};
    const TimeMs end = closed == kNoTime ? std::numeric_limits<TimeMs>::max() : closed;
    return {reported, end};
}

EventState Event::stateAt(TimeMs t) const
{
    // Latest step reached wins, so a skipped step (closed without on_site) still reads correctly.
    if (reachedBy(closed, t))
        return EventState::Closed;
    if (reachedBy(resolved, t))
        return EventState::Resolved;
    if (reachedBy(onSite, t))
        return EventState::OnSite;
    if (reachedBy(dispatched, t))
        return EventState::Dispatched;
    return EventState::Reported;
}

QString toString(PersonRole role)
{
    return detail::enumToString(kRoleNames, role);
}
QString toString(EventState state)
{
    return detail::enumToString(kStateNames, state);
}
QString toString(AssetType type)
{
    return detail::enumToString(kAssetNames, type);
}
bool fromString(const QString& s, PersonRole& out)
{
    return detail::enumFromString(kRoleNames, s, out);
}
bool fromString(const QString& s, EventState& out)
{
    return detail::enumFromString(kStateNames, s, out);
}
bool fromString(const QString& s, AssetType& out)
{
    return detail::enumFromString(kAssetNames, s, out);
}

} // namespace citytwin::data
