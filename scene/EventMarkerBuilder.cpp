// buildEventMarkers(), appendEventMarkers(), setEventFilter(), setEventAccumulate()
// (declared in scene/SceneBuilders.h); the layer state lives in scene/EventMarkerLayer.
#include "scene/EventMarkerLayer.h"
#include "scene/SceneBuilders.h"

#include <QHash>
#include <algorithm>
#include <utility>

namespace citytwin::scene {

namespace {

void addChunks(EventMarkerLayer& layer, const std::vector<const data::Event*>& sorted, size_t first, size_t last,
               const data::ProjectedPoint& origin, data::TimeMs epoch)
{
    for (size_t begin = first; begin < last; begin += kEventsPerChunk) {
        const size_t end = std::min(last, begin + size_t(kEventsPerChunk));
        layer.addChunk(std::vector<const data::Event*>(sorted.begin() + std::ptrdiff_t(begin),
                                                       sorted.begin() + std::ptrdiff_t(end)),
                       origin, epoch);
    }
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
    std::vector<const data::Event*> sorted;
    sorted.reserve(events.size());
    for (const data::Event& e : events)
        if (e.reported != data::kNoTime)
            sorted.push_back(&e);
    const auto openBegin = std::stable_partition(
        sorted.begin(), sorted.end(), [](const data::Event* e) { return e->closed != data::kNoTime; });
    const auto byReported = [](const data::Event* a, const data::Event* b) {
        return a->reported < b->reported;
    };
    std::stable_sort(sorted.begin(), openBegin, byReported);
    std::stable_sort(openBegin, sorted.end(), byReported);

    osg::ref_ptr<osg::Group> root = new osg::Group;
    root->setName("event-markers");
    EventMarkerLayer* layer = EventMarkerLayer::install(root.get(), options.accumulate, options.filter);
    const size_t split = size_t(openBegin - sorted.begin());
    addChunks(*layer, sorted, 0, split, origin, epoch);
    addChunks(*layer, sorted, split, sorted.size(), origin, epoch);
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
