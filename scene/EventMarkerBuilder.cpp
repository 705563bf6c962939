// buildEventMarkers() (declared in scene/SceneBuilders.h).
#include "scene/FeatureId.h"
#include "scene/SceneBuilders.h"
#include "scene/Shaders.h"
#include "scene/TimeChunkCallback.h"

#include <algorithm>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/PointSprite>
#include <utility>

namespace citytwin::scene {

namespace {

//! "Not happened" in the shader: later than any scene time.
constexpr float kNever = 1e30f;
//! Markers float above the draped ground so the sprite is not half buried.
constexpr double kLiftM = 3.0;
constexpr float kPointSizePx = kEventMarkerSizePx;

double secondsSince(data::TimeMs t, data::TimeMs epoch)
{
    return double(t - epoch) / 1000.0;
}

float shaderTime(data::TimeMs t, data::TimeMs epoch)
{
    return t == data::kNoTime ? kNever : float(secondsSince(t, epoch));
}

osg::ref_ptr<osg::Node> buildChunk(const std::vector<const data::Event*>& events, size_t begin, size_t end,
                                   const data::ProjectedPoint& origin, data::TimeMs epoch)
{
    auto positions = new osg::Vec3Array;
    auto lifecycle = new osg::Vec4Array;
    auto closeSeverity = new osg::Vec2Array;
    osg::ref_ptr<FeatureIdTable> ids = new FeatureIdTable; // one vertex per event: picking maps back
    double start = TimeChunkCallback::kOpenEnd;
    double stop = -TimeChunkCallback::kOpenEnd;
    for (size_t i = begin; i < end; ++i) {
        const data::Event& e = *events[i];
        ids->beginFeature(unsigned(positions->size()), e.id);
        positions->push_back(osg::Vec3f(float(e.position.x - origin.x), float(e.position.y - origin.y),
                                        float(e.position.z - origin.z + kLiftM)));
        lifecycle->push_back(osg::Vec4f(shaderTime(e.reported, epoch), shaderTime(e.dispatched, epoch),
                                        shaderTime(e.onSite, epoch), shaderTime(e.resolved, epoch)));
        closeSeverity->push_back(osg::Vec2f(shaderTime(e.closed, epoch), float(e.severity)));
        start = std::min(start, secondsSince(e.reported, epoch));
        stop = std::max(stop, e.closed == data::kNoTime ? TimeChunkCallback::kOpenEnd
                                                        : secondsSince(e.closed, epoch));
    }

    osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
    geom->setName("event-markers");
    geom->setUseDisplayList(false);
    geom->setUseVertexBufferObjects(true);
    geom->setVertexArray(positions);
    geom->setVertexAttribArray(attrib::kEventLifecycle, lifecycle, osg::Array::BIND_PER_VERTEX);
    geom->setVertexAttribArray(attrib::kEventCloseSeverity, closeSeverity, osg::Array::BIND_PER_VERTEX);
    geom->addPrimitiveSet(new osg::DrawArrays(GL_POINTS, 0, GLsizei(positions->size())));
    geom->setUserData(ids);

    // Points have a zero-size bound that small-feature culling always drops, and their screen
    // size does not follow any world bound: the time test below is their culling.
    geom->setCullingActive(false);
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(geom);
    geode->setCullingActive(false);
    geode->setCullCallback(new TimeChunkCallback(start, stop));
    return geode;
}

} // namespace

osg::ref_ptr<osg::Node> buildEventMarkers(const std::vector<data::Event>& events,
                                          const data::ProjectedPoint& origin, data::TimeMs epoch)
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
    const size_t split = size_t(openBegin - sorted.begin());
    for (const auto& [first, last] : {std::pair{size_t(0), split}, std::pair{split, sorted.size()}})
        for (size_t begin = first; begin < last; begin += kEventsPerChunk)
            root->addChild(
                buildChunk(sorted, begin, std::min(last, begin + size_t(kEventsPerChunk)), origin, epoch));

    osg::StateSet* ss = root->getOrCreateStateSet();
    ss->setAttributeAndModes(makeProgram("event_markers.vert", "event_markers.frag"));
    ss->setMode(GL_VERTEX_PROGRAM_POINT_SIZE, osg::StateAttribute::ON);
    osg::ref_ptr<osg::PointSprite> sprite = new osg::PointSprite;
    sprite->setCoordOriginMode(osg::PointSprite::UPPER_LEFT);
    ss->setTextureAttributeAndModes(0, sprite, osg::StateAttribute::ON);
    ss->addUniform(new osg::Uniform("ct_pointSize", kPointSizePx));
    ss->addUniform(new osg::Uniform("ct_time", 0.0f));
    ss->addUniform(new osg::Uniform("ct_opacity", 1.0f));
    // A sprite has one depth (its centre's), so sloping ground in front of it would cut it in
    // half; like billboards in other 3D GIS, markers are overlays: drawn last, never hidden.
    ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
    ss->setRenderBinDetails(10, "RenderBin");
    return root;
}

} // namespace citytwin::scene
