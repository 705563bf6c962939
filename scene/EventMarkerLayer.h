#pragma once

#include "data/Overlays.h"
#include "data/Points.h"
#include "data/Time.h"
#include "scene/EventMarkerFilter.h"
#include "scene/SceneTime.h"

#include <QHash>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <osg/Array>
#include <osg/Group>
#include <osg/Uniform>
#include <osg/observer_ptr>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

//! The live state of an events layer built by buildEventMarkers(): the category table, the
//! filter and window/accumulate uniforms, and where each event's vertex is (so a live update
//! can hide an event's old marker). Installed as the user data of the layer's root group;
//! scene/SceneBuilders.h's setEventFilter/setEventAccumulate/appendEventMarkers use it.
//! Main thread only once the node is in a live scene.
class EventMarkerLayer : public osg::Referenced
{
public:
    //! The layer of NODE: the node buildEventMarkers() returned, or a CityScene layer group
    //! holding it. Nullptr for any other node.
    static EventMarkerLayer* of(osg::Node* node);

    //! Installs a new layer on ROOT (state set, uniforms, user data); no chunks yet.
    static EventMarkerLayer* install(osg::Group* root, bool accumulate, const EventFilter& filter);

    //! Adds one chunk (a Geode with a time-chunk callback) for EVENTS, which must all have a
    //! reported time. Events whose id is already in the layer hide their old marker. NEWIDS:
    //! the caller guarantees EVENTS' ids are distinct and not in the layer (a fresh build from a
    //! table keyed by id), so no lookup is made and the id index is built on its first use.
    void addChunk(const std::vector<const data::Event*>& events, const data::ProjectedPoint& origin,
                  data::TimeMs epoch, bool newIds = false);

    const EventFilter& filter() const { return m_filter; }
    void setFilter(const EventFilter& filter);
    bool accumulate() const { return m_accumulate; }
    //! Accumulate: events stay after they close (muted grey) and chunks stay drawn past their end.
    void setAccumulate(bool accumulate);

    //! Categories in first-seen order (index = the per-vertex category index).
    const std::vector<QString>& categories() const { return m_categories; }
    //! Index of CATEGORY in categories(), or -1.
    int categoryIndex(const QString& category) const { return m_categoryIndex.value(category, -1); }
    //! How many current (not replaced) events each category has.
    std::map<QString, int> categoryCounts() const;
    //! Current events: one per id (a replaced marker no longer counts).
    std::size_t eventCount() const { return m_current; }
    bool contains(std::int64_t id) const { return slotIndex().contains(id); }
    //! How many events the shader draws at SECONDS since the epoch (filter and mode applied).
    int countShownAt(double seconds) const { return countAt(seconds, m_filter); }
    //! How many events FILTER would let through at SECONDS in the layer's mode (e.g. an empty
    //! filter: every event existing then).
    int countAt(double seconds, const EventFilter& filter) const;
    //! Whether event ID is drawn at SECONDS (false for unknown ids).
    bool isShownAt(std::int64_t id, double seconds) const;

    //! The scene time a chunk was bound to (CityScene binds them); appended chunks follow it.
    const SceneTime* sceneTime() const { return m_time.get(); }
    void noteSceneTime(const SceneTime* time)
    {
        if (!m_time)
            m_time = time;
    }

private:
    //! One event as the shader sees it (float seconds, +inf never): compact, a million of them
    //! cost ~40 MB, and the CPU count then agrees with the GPU to the bit.
    struct Slot
    {
        std::int64_t id = 0;
        float reported = 0, dispatched = 0, onSite = 0, resolved = 0, closed = 0;
        std::int32_t category = 0;
        std::uint32_t chunk = 0;  //!< index into m_chunkLifecycles
        std::uint32_t vertex = 0; //!< vertex in that chunk
        std::int8_t severity = 1;
        bool replaced = false;
    };

    EventMarkerLayer() = default;
    int categoryFor(const QString& category);
    bool slotShownAt(const Slot& s, double seconds, const EventFilter& filter) const;
    void hideSlot(std::size_t slot);
    //! Id → slot, brought up to date with the slots added without a lookup (NEWIDS chunks).
    const QHash<std::int64_t, std::size_t>& slotIndex() const;

    osg::observer_ptr<osg::Group> m_root; // the root owns this layer (user data): no cycle
    EventFilter m_filter;
    bool m_accumulate = false;
    std::vector<QString> m_categories;
    QHash<QString, int> m_categoryIndex;
    std::vector<Slot> m_slots;
    std::vector<osg::ref_ptr<osg::Vec4Array>> m_chunkLifecycles; //!< per chunk, to hide a replaced vertex
    //! Lazily completed (slotIndex()): a 1M-event build would spend a tenth of its time on it.
    mutable QHash<std::int64_t, std::size_t> m_slotOfId;
    mutable std::size_t m_indexedSlots = 0; //!< m_slots[0, m_indexedSlots) are in m_slotOfId
    std::vector<float> m_categoryIcons;      //!< eventIconOf() of each category, as the shader reads it
    std::size_t m_current = 0;
    osg::ref_ptr<const SceneTime> m_time;
    osg::ref_ptr<osg::Uniform> m_categoryUniform, m_stateUniform, m_severityUniform, m_accumulateUniform;
};

} // namespace citytwin::scene
