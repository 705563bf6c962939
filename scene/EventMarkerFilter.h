#pragma once

#include "data/Overlays.h"

#include <QSet>
#include <QString>
#include <array>
#include <vector>

namespace citytwin::scene {

//! Sprite shapes of the event category families, drawn by shaders/event_markers.frag.
enum class EventIcon {
    Other = 0,            //!< circle
    HotlineComplaint = 1, //!< rounded square
    IllegalParking = 2,   //!< diamond
    Flood = 3,            //!< droplet
    Fire = 4              //!< triangle, apex up
};
//! The icon family of CATEGORY: English ids (as the demo and imports write them) and common
//! Chinese words, case-insensitive; anything unknown is Other (a circle).
EventIcon eventIconOf(const QString& category);

//! Categories an events layer tells apart on the GPU (one mask slot each); categories beyond
//! share the last slot, which is shown while any of them is.
inline constexpr int kMaxEventCategories = 64;
//! Bit of STATE in EventFilter::stateMask.
constexpr unsigned eventStateBit(data::EventState state)
{
    return 1u << unsigned(state);
}
inline constexpr unsigned kAllEventStates = 0x1fu;

//! What an events layer draws, applied on the GPU through uniforms (no rebuild):
//! setEventFilter() in scene/SceneBuilders.h.
struct EventFilter
{
    QSet<QString> hiddenCategories;       //!< categories not drawn; ones not listed (also new ones) are drawn
    int minSeverity = 1;                  //!< events of lower severity are hidden (1: all)
    unsigned stateMask = kAllEventStates; //!< eventStateBit()s drawn; Closed matters in accumulate mode only

    bool showsState(data::EventState state) const { return (stateMask & eventStateBit(state)) != 0; }
    //! Whether an event of CATEGORY and SEVERITY in STATE passes (the CPU twin of the shader test).
    bool accepts(const QString& category, int severity, data::EventState state) const;
    bool operator==(const EventFilter&) const = default;
};

//! Mask slot of the category at position INDEX of a layer's category table.
inline int eventCategorySlot(int index)
{
    return index < kMaxEventCategories - 1 ? index : kMaxEventCategories - 1;
}
//! The uniform values for FILTER over a layer's category table CATEGORIES (slot i = 1 drawn, 0 hidden).
std::array<float, kMaxEventCategories> eventCategoryMask(const EventFilter& filter,
                                                         const std::vector<QString>& categories);
//! The uniform values of the state mask (index = data::EventState).
std::array<float, 5> eventStateMask(const EventFilter& filter);

} // namespace citytwin::scene
