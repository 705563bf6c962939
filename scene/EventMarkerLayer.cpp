#include "scene/EventMarkerLayer.h"

#include "scene/FeatureId.h"
#include "scene/SceneBuilders.h"
#include "scene/Shaders.h"
#include "scene/TimeChunkCallback.h"

#include <algorithm>
#include <limits>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/NodeVisitor>
#include <osg/PointSprite>

namespace citytwin::scene {

namespace {

//! Location of ct_eventStyle (category index, icon). 6 and 7 are the lifecycle arrays; 8 is
//! free in every program makeProgram() builds (scene/Shaders.h keeps 0..5 for aliasing).
constexpr unsigned kEventStyleAttrib = 8;
//! "Not happened" in the shader: later than any scene time.
constexpr float kNever = 1e30f;
constexpr float kNeverSeconds = std::numeric_limits<float>::infinity();
//! Up to this many categories, addChunk finds an event's by comparing names.
constexpr std::size_t kLinearCategories = 16;
//! Events addChunk reads ahead of the one it converts.
constexpr std::size_t kPrefetchAhead = 8;
//! Markers float above the draped ground so the sprite is not half buried.
constexpr double kLiftM = 3.0;

float seconds(data::TimeMs t, data::TimeMs epoch)
{
    return t == data::kNoTime ? kNeverSeconds : float(double(t - epoch) / 1000.0);
}

float shaderTime(float s)
{
    return s == kNeverSeconds ? kNever : s;
}

//! The events program with ct_eventStyle bound too; one shared copy (makeProgram's cache keeps
//! the base, whose binding table other layers share, untouched).
osg::ref_ptr<osg::Program> eventProgram()
{
    static const osg::ref_ptr<osg::Program> program = [] {
        osg::ref_ptr<osg::Program> base = makeProgram("event_markers.vert", "event_markers.frag");
        osg::ref_ptr<osg::Program> own = new osg::Program(*base, osg::CopyOp::SHALLOW_COPY);
        own->addBindAttribLocation("ct_eventStyle", kEventStyleAttrib);
        return own;
    }();
    return program;
}

//! A chunk's time culling: like TimeChunkCallback (CityScene binds it the same way), but in
//! accumulate mode a chunk stays drawn after its end: closed events remain, greyed by the shader.
class EventChunkCallback : public TimeChunkCallback
{
public:
    EventChunkCallback(double start, double end, EventMarkerLayer* layer)
        : TimeChunkCallback(start, end), m_layer(layer)
    {
    }

    void operator()(osg::Node* node, osg::NodeVisitor* nv) override
    {
        osg::ref_ptr<EventMarkerLayer> layer;
        const SceneTime* time = boundTime();
        if (m_layer.lock(layer)) {
            if (time)
                layer->noteSceneTime(time);
            else
                time = layer->sceneTime(); // a chunk appended after CityScene bound the others
        }
        const bool accumulate = layer && layer->accumulate();
        if (!time || (accumulate ? time->seconds() >= start() : isActiveAt(time->seconds())))
            traverse(node, nv);
    }

private:
    osg::observer_ptr<EventMarkerLayer> m_layer; // the layer outlives its chunks' callbacks only via the root
};

} // namespace

EventMarkerLayer* EventMarkerLayer::of(osg::Node* node)
{
    if (!node)
        return nullptr;
    if (auto* layer = dynamic_cast<EventMarkerLayer*>(node->getUserData()))
        return layer;
    // A CityScene layer group holds the builder's node as its child.
    if (osg::Group* group = node->asGroup(); group && group->getNumChildren() == 1)
        return dynamic_cast<EventMarkerLayer*>(group->getChild(0)->getUserData());
    return nullptr;
}

EventMarkerLayer* EventMarkerLayer::install(osg::Group* root, bool accumulate, const EventFilter& filter)
{
    osg::ref_ptr<EventMarkerLayer> layer = new EventMarkerLayer;
    layer->m_root = root;
    root->setUserData(layer);

    osg::StateSet* ss = root->getOrCreateStateSet();
    ss->setAttributeAndModes(eventProgram());
    ss->setMode(GL_VERTEX_PROGRAM_POINT_SIZE, osg::StateAttribute::ON);
    osg::ref_ptr<osg::PointSprite> sprite = new osg::PointSprite;
    sprite->setCoordOriginMode(osg::PointSprite::UPPER_LEFT);
    ss->setTextureAttributeAndModes(0, sprite, osg::StateAttribute::ON);
    ss->addUniform(new osg::Uniform("ct_pointSize", kEventMarkerSizePx));
    ss->addUniform(new osg::Uniform("ct_time", 0.0f));
    ss->addUniform(new osg::Uniform("ct_opacity", 1.0f));
    // The filter uniforms change while the layer is drawn: DYNAMIC keeps a threaded viewer in step.
    layer->m_categoryUniform = new osg::Uniform(osg::Uniform::FLOAT, "ct_categoryVisible", kMaxEventCategories);
    layer->m_stateUniform = new osg::Uniform(osg::Uniform::FLOAT, "ct_stateVisible", 5);
    layer->m_severityUniform = new osg::Uniform("ct_minSeverity", 1.0f);
    layer->m_accumulateUniform = new osg::Uniform("ct_accumulate", 0.0f);
    for (osg::Uniform* u : {layer->m_categoryUniform.get(), layer->m_stateUniform.get(),
                            layer->m_severityUniform.get(), layer->m_accumulateUniform.get()}) {
        u->setDataVariance(osg::Object::DYNAMIC);
        ss->addUniform(u);
    }
    // A sprite has one depth (its centre's), so sloping ground in front of it would cut it in
    // half; like billboards in other 3D GIS, markers are overlays: drawn last, never hidden.
    ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
    ss->setRenderBinDetails(10, "RenderBin");

    layer->setFilter(filter);
    layer->setAccumulate(accumulate);
    return layer.get(); // the root holds it
}

int EventMarkerLayer::categoryFor(const QString& category)
{
    const auto it = m_categoryIndex.constFind(category);
    if (it != m_categoryIndex.constEnd())
        return it.value();
    const int index = int(m_categories.size());
    m_categories.push_back(category);
    m_categoryIcons.push_back(float(eventIconOf(category)));
    m_categoryIndex.insert(category, index);
    return index;
}

const QHash<std::int64_t, std::size_t>& EventMarkerLayer::slotIndex() const
{
    if (m_indexedSlots < m_slots.size()) {
        m_slotOfId.reserve(qsizetype(m_slots.size()));
        for (; m_indexedSlots < m_slots.size(); ++m_indexedSlots) // later slots of an id win
            m_slotOfId.insert(m_slots[m_indexedSlots].id, m_indexedSlots);
    }
    return m_slotOfId;
}

void EventMarkerLayer::hideSlot(std::size_t slot)
{
    Slot& s = m_slots[slot];
    if (s.replaced)
        return;
    s.replaced = true;
    --m_current;
    // Reported "never": the shader hides the vertex at every time, in both modes.
    osg::Vec4Array& lifecycle = *m_chunkLifecycles[s.chunk];
    lifecycle[s.vertex].x() = kNever;
    lifecycle.dirty();
}

void EventMarkerLayer::addChunk(const std::vector<const data::Event*>& events, const data::ProjectedPoint& origin,
                                data::TimeMs epoch, bool newIds)
{
    osg::ref_ptr<osg::Group> root;
    if (events.empty() || !m_root.lock(root))
        return;
    const std::size_t categoriesBefore = m_categories.size();
    auto positions = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec4Array> lifecycle = new osg::Vec4Array;
    auto closeSeverity = new osg::Vec2Array;
    auto style = new osg::Vec2Array;
    osg::ref_ptr<FeatureIdTable> ids = new FeatureIdTable; // one vertex per event: picking maps back
    lifecycle->setDataVariance(osg::Object::DYNAMIC);      // a live update may hide a vertex
    double start = TimeChunkCallback::kOpenEnd;
    double stop = -TimeChunkCallback::kOpenEnd;
    const auto chunk = std::uint32_t(m_chunkLifecycles.size());
    m_chunkLifecycles.push_back(lifecycle);
    for (osg::Array* array : {static_cast<osg::Array*>(positions), static_cast<osg::Array*>(lifecycle.get()),
                              static_cast<osg::Array*>(closeSeverity), static_cast<osg::Array*>(style)})
        array->reserveArray(unsigned(events.size()));
    if (!newIds)
        slotIndex(); // the lookups below need every earlier slot
    // Categories are few: comparing names (length first) is cheaper than hashing one per event,
    // and the icon is looked up once per category, not by eventIconOf's substring search.
    auto indexOf = [this](const QString& name) {
        if (m_categories.size() <= kLinearCategories)
            for (std::size_t i = 0; i < m_categories.size(); ++i)
                if (m_categories[i] == name)
                    return int(i);
        return categoryFor(name);
    };
    for (std::size_t i = 0; i < events.size(); ++i) {
        // EVENTS are in time order, their rows usually not: fetching the rows a few events ahead
        // keeps several cache misses in flight (one at a time, they were most of a big build).
        if (i + kPrefetchAhead < events.size()) {
            const auto* ahead = reinterpret_cast<const char*>(events[i + kPrefetchAhead]);
            for (std::size_t line = 0; line < sizeof(data::Event); line += 64)
                __builtin_prefetch(ahead + line);
        }
        const data::Event* e = events[i];
        Slot s;
        s.id = e->id;
        s.reported = seconds(e->reported, epoch);
        s.dispatched = seconds(e->dispatched, epoch);
        s.onSite = seconds(e->onSite, epoch);
        s.resolved = seconds(e->resolved, epoch);
        s.closed = seconds(e->closed, epoch);
        s.severity = std::int8_t(std::clamp(e->severity, -100, 100));
        s.category = indexOf(e->category);
        s.chunk = chunk;
        s.vertex = std::uint32_t(positions->size());

        ids->beginFeature(s.vertex, e->id);
        positions->push_back(osg::Vec3f(float(e->position.x - origin.x), float(e->position.y - origin.y),
                                        float(e->position.z - origin.z + kLiftM)));
        lifecycle->push_back(osg::Vec4f(shaderTime(s.reported), shaderTime(s.dispatched),
                                        shaderTime(s.onSite), shaderTime(s.resolved)));
        closeSeverity->push_back(osg::Vec2f(shaderTime(s.closed), float(s.severity)));
        style->push_back(osg::Vec2f(float(eventCategorySlot(s.category)), m_categoryIcons[std::size_t(s.category)]));
        // Chunk bounds in double seconds, as TimeChunkCallback compares them with the scene time.
        start = std::min(start, double(e->reported - epoch) / 1000.0);
        stop = std::max(stop, e->closed == data::kNoTime ? TimeChunkCallback::kOpenEnd
                                                         : double(e->closed - epoch) / 1000.0);

        // A known id is a lifecycle update: its old marker goes, this one replaces it.
        if (!newIds) {
            if (const auto it = m_slotOfId.constFind(e->id); it != m_slotOfId.constEnd())
                hideSlot(it.value());
            m_slotOfId.insert(e->id, m_slots.size());
            m_indexedSlots = m_slots.size() + 1;
        }
        m_slots.push_back(std::move(s));
        ++m_current;
    }

    osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
    geom->setName("event-markers");
    geom->setUseDisplayList(false);
    geom->setUseVertexBufferObjects(true);
    geom->setVertexArray(positions);
    geom->setVertexAttribArray(attrib::kEventLifecycle, lifecycle, osg::Array::BIND_PER_VERTEX);
    geom->setVertexAttribArray(attrib::kEventCloseSeverity, closeSeverity, osg::Array::BIND_PER_VERTEX);
    geom->setVertexAttribArray(kEventStyleAttrib, style, osg::Array::BIND_PER_VERTEX);
    geom->addPrimitiveSet(new osg::DrawArrays(GL_POINTS, 0, GLsizei(positions->size())));
    geom->setUserData(ids);
    // Points have a zero-size bound that small-feature culling always drops, and their screen
    // size does not follow any world bound: the time test below is their culling.
    geom->setCullingActive(false);
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(geom);
    geode->setCullingActive(false);
    geode->setCullCallback(new EventChunkCallback(start, stop, this));
    root->addChild(geode);
    if (m_categories.size() != categoriesBefore)
        setFilter(m_filter); // new categories take their slots' mask values
}

void EventMarkerLayer::setFilter(const EventFilter& filter)
{
    m_filter = filter;
    const auto categories = eventCategoryMask(filter, m_categories);
    for (unsigned i = 0; i < categories.size(); ++i)
        m_categoryUniform->setElement(i, categories[i]);
    const auto states = eventStateMask(filter);
    for (unsigned i = 0; i < states.size(); ++i)
        m_stateUniform->setElement(i, states[i]);
    m_severityUniform->set(float(filter.minSeverity));
}

void EventMarkerLayer::setAccumulate(bool accumulate)
{
    m_accumulate = accumulate;
    m_accumulateUniform->set(accumulate ? 1.0f : 0.0f);
}

std::map<QString, int> EventMarkerLayer::categoryCounts() const
{
    std::vector<int> counts(m_categories.size(), 0);
    for (const Slot& s : m_slots)
        if (!s.replaced)
            ++counts[std::size_t(s.category)];
    std::map<QString, int> out;
    for (std::size_t i = 0; i < counts.size(); ++i)
        out[m_categories[i]] = counts[i];
    return out;
}

bool EventMarkerLayer::slotShownAt(const Slot& s, double seconds, const EventFilter& filter) const
{
    // Mirrors shaders/event_markers.vert, in its float precision.
    const float t = float(seconds);
    if (s.replaced || t < s.reported)
        return false;
    const bool closed = t >= s.closed;
    if (closed && !m_accumulate)
        return false;
    const data::EventState state = closed           ? data::EventState::Closed
                                   : t >= s.resolved ? data::EventState::Resolved
                                   : t >= s.onSite   ? data::EventState::OnSite
                                   : t >= s.dispatched ? data::EventState::Dispatched
                                                       : data::EventState::Reported;
    return s.severity >= filter.minSeverity && filter.showsState(state);
}

int EventMarkerLayer::countAt(double seconds, const EventFilter& filter) const
{
    const auto mask = eventCategoryMask(filter, m_categories);
    int shown = 0;
    for (const Slot& s : m_slots)
        if (mask[std::size_t(eventCategorySlot(s.category))] > 0.5f && slotShownAt(s, seconds, filter))
            ++shown;
    return shown;
}

bool EventMarkerLayer::isShownAt(std::int64_t id, double seconds) const
{
    const auto& index = slotIndex();
    const auto it = index.constFind(id);
    if (it == index.constEnd())
        return false;
    const Slot& s = m_slots[it.value()];
    const auto mask = eventCategoryMask(m_filter, m_categories);
    return mask[std::size_t(eventCategorySlot(s.category))] > 0.5f && slotShownAt(s, seconds, m_filter);
}

} // namespace citytwin::scene
