#include "scene/FeatureTimes.h"

#include "scene/FeatureId.h"
#include "scene/NodeState.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <osg/Geometry>
#include <osg/Uniform>
#include <vector>

namespace citytwin::scene {

namespace {

const char* const kStateName = "citytwin.featureTimes";
const char* const kTimedUniform = "ct_timed";
const char* const kAccumulateUniform = "ct_timeAccumulate";
//! "Since ever" / "for ever": finite, so comparisons against any scene time stay ordinary
//! float comparisons on every GPU (no infinities in attributes), yet beyond any real time.
constexpr float kNever = 3.0e38f;

//! The uniforms shared by every timed geometry under a node: switching the rule or clearing the
//! times sets one value instead of walking the geometries.
class FeatureTimesState : public osg::Object
{
public:
    FeatureTimesState()
        : timed(new osg::Uniform(kTimedUniform, false)), accumulate(new osg::Uniform(kAccumulateUniform, false))
    {
    }
    FeatureTimesState(const FeatureTimesState& other, const osg::CopyOp& op = osg::CopyOp::SHALLOW_COPY)
        : osg::Object(other, op), timed(other.timed), accumulate(other.accumulate), spans(other.spans),
          epoch(other.epoch)
    {
    }
    META_Object(citytwin, FeatureTimesState); // the ';' only keeps clang-format from indenting on

    osg::ref_ptr<osg::Uniform> timed;
    osg::ref_ptr<osg::Uniform> accumulate;
    //! Kept for content merged later (inheritFeatureTimes(), e.g. TilesetNode tiles); empty: untimed.
    std::unordered_map<std::int64_t, data::TimeRange> spans;
    data::TimeMs epoch = 0;
};

const FeatureTimesState* findState(const osg::Node& node)
{
    return findNodeState<FeatureTimesState>(node, kStateName);
}

FeatureTimesState& timesState(osg::Node& node)
{
    return nodeState<FeatureTimesState>(node, kStateName);
}

//! The (start, end) seconds a vertex carries for SPAN: open ends become ±kNever.
osg::Vec2 spanSeconds(const data::TimeRange& span, data::TimeMs epoch)
{
    const auto seconds = [epoch](data::TimeMs t) { return float(double(t - epoch) / 1000.0); };
    const bool openStart = span.start == data::kNoTime;
    const bool openEnd = span.end == data::kNoTime || span.end == std::numeric_limits<data::TimeMs>::max();
    return {openStart ? -kNever : seconds(span.start), openEnd ? kNever : seconds(span.end)};
}

//! The times array of GEOMETRY, created when absent or of the wrong size.
osg::Vec2Array* timesArray(osg::Geometry& geometry)
{
    const unsigned n = geometry.getVertexArray()->getNumElements();
    auto* array = dynamic_cast<osg::Vec2Array*>(geometry.getTexCoordArray(kFeatureTimeUnit));
    if (array && array->size() == n)
        return array;
    osg::ref_ptr<osg::Vec2Array> created = new osg::Vec2Array(n);
    geometry.setTexCoordArray(kFeatureTimeUnit, created, osg::Array::BIND_PER_VERTEX);
    return created.get();
}

void clearTimes(osg::Node& node, FeatureTimesState& state)
{
    state.timed->set(false);
    state.spans.clear();
    const std::vector<osg::Geometry*> geometries = featureGeometries(node);
    for (osg::Geometry* geometry : geometries) {
        // The array only costs memory and upload bandwidth once ct_timed is false: drop it.
        if (geometry->getTexCoordArray(kFeatureTimeUnit))
            geometry->setTexCoordArray(kFeatureTimeUnit, nullptr);
    }
}

//! Writes STATE's spans into every feature geometry under SUBGRAPH and gives them STATE's uniforms.
void applyTimes(osg::Node& subgraph, const FeatureTimesState& state)
{
    const std::unordered_map<std::int64_t, data::TimeRange>& spans = state.spans;
    const data::TimeMs epoch = state.epoch;
    const std::vector<osg::Geometry*> geometries = featureGeometries(subgraph);
    const osg::Vec2 always(-kNever, kNever);
    for (osg::Geometry* geometry : geometries) {
        osg::Vec2Array* array = timesArray(*geometry);
        featureIdTable(geometry)->forEachRun(
            unsigned(array->size()), [&](unsigned first, unsigned last, std::optional<std::int64_t> id) {
                const auto span = id ? spans.find(*id) : spans.end();
                const osg::Vec2 value = span == spans.end() ? always : spanSeconds(span->second, epoch);
                std::fill(array->begin() + first, array->begin() + last, value);
            });
        array->dirty();
        // On the geometry itself: OSG keeps a program's uniform values between draws, and the
        // builder's root says false for every geometry that carries no times.
        osg::StateSet* ss = geometry->getOrCreateStateSet();
        ss->addUniform(state.timed);
        ss->addUniform(state.accumulate);
    }
}

} // namespace

void setFeatureTimes(osg::Node* node, const std::unordered_map<std::int64_t, data::TimeRange>& spans,
                     data::TimeMs epoch, bool accumulate)
{
    if (!node)
        return;
    FeatureTimesState& state = timesState(*node);
    state.accumulate->set(accumulate);
    if (spans.empty()) {
        clearTimes(*node, state);
        return;
    }
    state.spans = spans;
    state.epoch = epoch;
    applyTimes(*node, state);
    state.timed->set(true);
}

void inheritFeatureTimes(const osg::Node* node, osg::Node* subgraph)
{
    const FeatureTimesState* state = node ? findState(*node) : nullptr;
    if (state && subgraph && !state->spans.empty())
        applyTimes(*subgraph, *state);
}

void setFeatureTimeAccumulate(osg::Node* node, bool accumulate)
{
    if (!node)
        return;
    // The timed geometries share this uniform: one value switches them all.
    timesState(*node).accumulate->set(accumulate);
}

bool hasFeatureTimes(const osg::Node* node)
{
    const FeatureTimesState* state = node ? findState(*node) : nullptr;
    return state && !state->spans.empty();
}

bool featureTimedOutAt(const osg::Drawable* drawable, unsigned vertexIndex, double sceneSeconds)
{
    const osg::Geometry* geometry = drawable ? drawable->asGeometry() : nullptr;
    const osg::StateSet* ss = geometry ? geometry->getStateSet() : nullptr;
    if (!ss)
        return false;
    const osg::Uniform* timed = ss->getUniform(kTimedUniform);
    bool isTimed = false;
    if (!timed || !timed->get(isTimed) || !isTimed)
        return false;
    const auto* times = dynamic_cast<const osg::Vec2Array*>(geometry->getTexCoordArray(kFeatureTimeUnit));
    if (!times || vertexIndex >= times->size())
        return false;
    bool accumulate = false;
    if (const osg::Uniform* rule = ss->getUniform(kAccumulateUniform))
        rule->get(accumulate);
    const float t = float(sceneSeconds); // the shader compares the float uniform ct_time
    const osg::Vec2& span = (*times)[vertexIndex];
    return t < span.x() || (!accumulate && t >= span.y());
}

} // namespace citytwin::scene
