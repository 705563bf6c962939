#include "scene/PeopleLayer.h"

#include "scene/Shaders.h"

#include <algorithm>
#include <numeric>
#include <osg/PointSprite>
#include <unordered_map>

namespace citytwin::scene {

osg::Vec3f PeopleLayer::roleColour(data::PersonRole role)
{
    // Apart from the event states (red/orange/yellow/green) and the asset colours.
    switch (role) {
    case data::PersonRole::Enforcement:
        return {0.80f, 0.45f, 0.20f}; // brown-orange
    case data::PersonRole::Coordinator:
        return {0.10f, 0.80f, 0.90f}; // cyan
    case data::PersonRole::Inspector:
        return {0.35f, 0.30f, 0.90f}; // indigo
    case data::PersonRole::Sanitation:
        return {0.55f, 0.65f, 0.10f}; // olive
    case data::PersonRole::Other:
        break;
    }
    return {0.90f, 0.90f, 0.90f};
}

osg::ref_ptr<osg::Node> PeopleLayer::build(const std::vector<data::Person>& people,
                                           const std::vector<data::TrackPoint>& tracks,
                                           const data::ProjectedPoint& origin, data::TimeMs epoch,
                                           const PeopleOptions& options)
{
    osg::ref_ptr<PeopleLayer> layer = new PeopleLayer;
    layer->m_options = options;
    std::unordered_map<std::int64_t, std::size_t> indexOfId;
    auto colours = new osg::Vec4Array;
    for (const data::Person& p : people) {
        if (!indexOfId.emplace(p.id, layer->m_personIds.size()).second)
            continue; // a duplicate id would get a second, never-moving vertex
        layer->m_personIds.push_back(p.id);
        colours->push_back(osg::Vec4f(roleColour(p.role), 1.0f));
    }
    const std::size_t n = layer->m_personIds.size();

    // Counting sort by person, then by time within each track: O(points log track length).
    std::vector<std::size_t> counts(n + 1, 0);
    for (const data::TrackPoint& tp : tracks)
        if (const auto it = indexOfId.find(tp.personId); it != indexOfId.end())
            ++counts[it->second + 1];
    std::partial_sum(counts.begin(), counts.end(), counts.begin());
    layer->m_trackBegin = counts;
    std::vector<const data::TrackPoint*> ordered(counts[n]);
    for (const data::TrackPoint& tp : tracks)
        if (const auto it = indexOfId.find(tp.personId); it != indexOfId.end())
            ordered[counts[it->second]++] = &tp;
    layer->m_times.reserve(ordered.size());
    layer->m_samples.reserve(ordered.size());
    for (std::size_t i = 0; i < n; ++i) {
        const auto first = ordered.begin() + std::ptrdiff_t(layer->m_trackBegin[i]);
        const auto last = ordered.begin() + std::ptrdiff_t(layer->m_trackBegin[i + 1]);
        std::stable_sort(first, last, [](const data::TrackPoint* a, const data::TrackPoint* b) {
            return a->time < b->time;
        });
        for (auto it = first; it != last; ++it) {
            const data::TrackPoint& tp = **it;
            layer->m_times.push_back(double(tp.time - epoch) / 1000.0);
            layer->m_samples.emplace_back(float(tp.position.x - origin.x), float(tp.position.y - origin.y),
                                          float(tp.position.z - origin.z + options.liftM));
        }
    }

    layer->m_positions = new osg::Vec3Array(unsigned(n));
    layer->m_visible = new osg::FloatArray(unsigned(n));
    // Positions are rewritten by update(): VBOs, no display list, and DYNAMIC so a threaded
    // viewer does not draw the arrays while the next frame's update writes them.
    layer->m_positions->setDataVariance(osg::Object::DYNAMIC);
    layer->m_visible->setDataVariance(osg::Object::DYNAMIC);
    osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
    geom->setName("people");
    geom->setDataVariance(osg::Object::DYNAMIC);
    geom->setUseDisplayList(false);
    geom->setUseVertexBufferObjects(true);
    geom->setVertexArray(layer->m_positions);
    geom->setColorArray(colours, osg::Array::BIND_PER_VERTEX);
    geom->setVertexAttribArray(attrib::kPersonVisible, layer->m_visible, osg::Array::BIND_PER_VERTEX);
    geom->addPrimitiveSet(new osg::DrawArrays(GL_POINTS, 0, GLsizei(n)));
    // Points move every update and have a zero-size bound: culling them by bound is meaningless.
    geom->setCullingActive(false);
    layer->m_geometry = geom;

    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->setName("people");
    geode->setCullingActive(false);
    if (n > 0)
        geode->addDrawable(geom);
    geode->setUserData(layer); // the node owns the layer; CityScene finds it there
    osg::StateSet* ss = geode->getOrCreateStateSet();
    ss->setAttributeAndModes(makeProgram("people.vert", "people.frag"));
    ss->setMode(GL_VERTEX_PROGRAM_POINT_SIZE, osg::StateAttribute::ON);
    osg::ref_ptr<osg::PointSprite> sprite = new osg::PointSprite;
    sprite->setCoordOriginMode(osg::PointSprite::UPPER_LEFT);
    ss->setTextureAttributeAndModes(0, sprite, osg::StateAttribute::ON);
    ss->addUniform(new osg::Uniform("ct_pointSize", options.pointSizePx));
    ss->addUniform(new osg::Uniform("ct_time", 0.0f));
    ss->addUniform(new osg::Uniform("ct_opacity", 1.0f));
    // Overlay like the other markers: never hidden by buildings; between assets (8) and events (10).
    ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
    ss->setRenderBinDetails(9, "RenderBin");

    layer->update(0.0);
    return geode;
}

PeopleLayer* PeopleLayer::of(osg::Node* node)
{
    return dynamic_cast<PeopleLayer*>(sceneTimeListenerOf(node));
}

int PeopleLayer::indexOf(std::int64_t id) const
{
    const auto it = std::find(m_personIds.begin(), m_personIds.end(), id);
    return it == m_personIds.end() ? -1 : int(it - m_personIds.begin());
}

int PeopleLayer::update(double seconds)
{
    int shown = 0;
    for (std::size_t i = 0; i < m_personIds.size(); ++i) {
        const auto first = m_times.begin() + std::ptrdiff_t(m_trackBegin[i]);
        const auto last = m_times.begin() + std::ptrdiff_t(m_trackBegin[i + 1]);
        bool visible = false;
        if (first != last && seconds >= *first && seconds <= *(last - 1)) {
            // First sample after SECONDS; at the last sample's own time, the last sample.
            auto next = std::upper_bound(first, last, seconds);
            const std::size_t b =
                std::size_t(next == last ? next - 1 - m_times.begin() : next - m_times.begin());
            const std::size_t a = b > m_trackBegin[i] ? b - 1 : b;
            const double t0 = m_times[a], t1 = m_times[b];
            if (seconds == t0 || seconds == t1) {
                (*m_positions)[i] = m_samples[seconds == t1 ? b : a];
                visible = true;
            } else if (t1 - t0 <= m_options.maxGapSeconds) {
                const float f = float((seconds - t0) / (t1 - t0));
                (*m_positions)[i] = m_samples[a] * (1.0f - f) + m_samples[b] * f;
                visible = true;
            }
        }
        (*m_visible)[i] = visible ? 1.0f : 0.0f;
        shown += visible ? 1 : 0;
    }
    m_positions->dirty();
    m_visible->dirty();
    m_geometry->dirtyBound();
    return shown;
}

} // namespace citytwin::scene
