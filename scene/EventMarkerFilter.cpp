#include "scene/EventMarkerFilter.h"

namespace citytwin::scene {

EventIcon eventIconOf(const QString& category)
{
    // Substrings, so "hotline_complaint", "complaint", "12345投诉" and "Illegal Parking" all match.
    const QString c = category.toLower();
    auto has = [&c](const char* word) { return c.contains(QString::fromUtf8(word)); };
    if (has("complaint") || has("hotline") || has("12345") || has("投诉") || has("热线"))
        return EventIcon::HotlineComplaint;
    if (has("parking") || has("停车") || has("停放"))
        return EventIcon::IllegalParking;
    if (has("flood") || has("waterlog") || has("内涝") || has("积水") || has("洪"))
        return EventIcon::Flood;
    if (has("fire") || has("火"))
        return EventIcon::Fire;
    return EventIcon::Other;
}

bool EventFilter::accepts(const QString& category, int severity, data::EventState state) const
{
    return severity >= minSeverity && showsState(state) && !hiddenCategories.contains(category);
}

std::array<float, kMaxEventCategories> eventCategoryMask(const EventFilter& filter,
                                                         const std::vector<QString>& categories)
{
    std::array<float, kMaxEventCategories> mask{};
    // Slots start hidden and are opened by any category mapped to them that is not hidden: the
    // shared last slot stays drawn while one of its categories is wanted.
    for (std::size_t i = 0; i < categories.size(); ++i)
        if (!filter.hiddenCategories.contains(categories[i]))
            mask[std::size_t(eventCategorySlot(int(i)))] = 1.0f;
    // Slots no category uses yet: drawn, so a category appended later shows until it is hidden.
    for (std::size_t s = categories.size(); s < mask.size(); ++s)
        mask[s] = 1.0f;
    return mask;
}

std::array<float, 5> eventStateMask(const EventFilter& filter)
{
    std::array<float, 5> mask{};
    for (unsigned s = 0; s < mask.size(); ++s)
        mask[s] = filter.showsState(data::EventState(s)) ? 1.0f : 0.0f;
    return mask;
}

} // namespace citytwin::scene
