// buildEventMarkers(), appendEventMarkers(), setEventFilter(), setEventAccumulate()
// (declared in scene/SceneBuilders.h); the layer state lives in scene/EventMarkerLayer.
#include "scene/EventMarkerLayer.h"
#include "scene/SceneBuilders.h"

#include <QHash>
#include <algorithm>
#include <cstdint>
#include <tuple>
#include <utility>

namespace citytwin::scene {

namespace {

void addChunks(EventMarkerLayer& layer, const std::vector<const data::Event*>& sorted, size_t first, size_t last,
               const data::ProjectedPoint& origin, data::TimeMs epoch, bool newIds)
{
    for (size_t begin = first; begin < last; begin += kEventsPerChunk) {
        const size_t end = std::min(last, begin + size_t(kEventsPerChunk));
        layer.addChunk(std::vector<const data::Event*>(sorted.begin() + std::ptrdiff_t(begin),
                                                       sorted.begin() + std::ptrdiff_t(end)),
                       origin, epoch, newIds);
    }
}

//! Closed events first, open-ended ones after, each group by report time, ties in EVENTS' order.
//! The keys are sorted, not pointers: a comparison never leaves the array (a 1M-event sort
//! through pointers spent most of its time on cache misses).
std::vector<const data::Event*> sortedForChunks(const std::vector<data::Event>& events, size_t& openBegin)
{
    struct Key
    {
        bool open;
        data::TimeMs reported;
        std::uint32_t index;
        bool operator<(const Key& o) const
        {
            return std::tie(open, reported, index) < std::tie(o.open, o.reported, o.index);
        }
    };
    std::vector<Key> keys;
    keys.reserve(events.size());
    for (size_t i = 0; i < events.size(); ++i)
        if (events[i].reported != data::kNoTime)
            keys.push_back({events[i].closed == data::kNoTime, events[i].reported, std::uint32_t(i)});
    std::sort(keys.begin(), keys.end()); // the index makes the order total: as stable as stable_sort
    std::vector<const data::Event*> sorted;
    sorted.reserve(keys.size());
    openBegin = keys.size();
    for (const Key& k : keys) {
        if (k.open && openBegin == keys.size())
            openBegin = sorted.size();
        sorted.push_back(&events[k.index]);
    }
    return sorted;
}

} // namespace

osg::ref_ptr<osg::Node> buildEventMarkers(const std::vector<data::Event>& events,
                                          const data::ProjectedPoint& origin, data::TimeMs epoch)
{
    return buildEventMarkers(events, origin, epoch, EventMarkerOptions{});
}

osg::ref_ptr<osg::Node> buildEventMarkers(const std::vector<data::Event>& events,
                                          const data::ProjectedPoint& origin, data::TimeMs epoch,
                                          const EventMarkerOptions& options)
{
    // Closed events first, open-ended ones after, each group sorted by report time. One open
    // event would keep its whole chunk active forever; grouped, the closed chunks get tight
    // [start, end) bounds and only the (few, recent) open chunks stay active at late times.
    size_t split = 0;
    const std::vector<const data::Event*> sorted = sortedForChunks(events, split);
    // Ids in strictly increasing order (a table read by id) are distinct: the layer need not
    // look each one up to replace an earlier marker.
    const auto notAscending = [](const data::Event& a, const data::Event& b) { return a.id >= b.id; };
    const bool newIds = std::adjacent_find(events.begin(), events.end(), notAscending) == events.end();

    osg::ref_ptr<osg::Group> root = new osg::Group;
    root->setName("event-markers");
    EventMarkerLayer* layer = EventMarkerLayer::install(root.get(), options.accumulate, options.filter);
    addChunks(*layer, sorted, 0, split, origin, epoch, newIds);
    addChunks(*layer, sorted, split, sorted.size(), origin, epoch, newIds);
    return root;
}

bool appendEventMarkers(osg::Node* eventsLayer, const std::vector<data::Event>& events,
                        const data::ProjectedPoint& origin, data::TimeMs epoch)
{
    EventMarkerLayer* layer = EventMarkerLayer::of(eventsLayer);
    if (!layer)
        return false;
    // One marker per id: the last row of an id in EVENTS is its latest lifecycle.
    QHash<std::int64_t, const data::Event*> latest;
    std::vector<const data::Event*> ordered;
    for (const data::Event& e : events) {
        if (e.reported == data::kNoTime)
            continue;
        if (!latest.contains(e.id))
            ordered.push_back(&e);
        latest.insert(e.id, &e);
    }
    for (const data::Event*& e : ordered)
        e = latest.value(e->id);
    for (size_t begin = 0; begin < ordered.size(); begin += kEventsPerChunk)
        layer->addChunk(std::vector<const data::Event*>(
                            ordered.begin() + std::ptrdiff_t(begin),
                            ordered.begin() + std::ptrdiff_t(std::min(ordered.size(), begin + kEventsPerChunk))),
                        origin, epoch);
    return true;
}

bool setEventFilter(osg::Node* eventsLayer, const EventFilter& filter)
{
    EventMarkerLayer* layer = EventMarkerLayer::of(eventsLayer);
    if (layer)
        layer->setFilter(filter);
    return layer != nullptr;
}

bool setEventAccumulate(osg::Node* eventsLayer, bool accumulate)
{
    EventMarkerLayer* layer = EventMarkerLayer::of(eventsLayer);
    if (layer)
        layer->setAccumulate(accumulate);
    return layer != nullptr;
}

} // namespace citytwin::scene
