#include "scene/PeopleLayer.h"

#include "scene/Shaders.h"

#include <algorithm>
#include <cmath>
#include <limits>
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

namespace {

osg::Vec4ub toUbyte(const osg::Vec3f& c)
{
    return {std::uint8_t(std::lround(c.x() * 255.0f)), std::uint8_t(std::lround(c.y() * 255.0f)),
            std::uint8_t(std::lround(c.z() * 255.0f)), 255};
}

} // namespace

osg::Vec3f PeopleLayer::localOf(const data::ProjectedPoint& p) const
{
    return {float(p.x - m_origin.x), float(p.y - m_origin.y), float(p.z - m_origin.z + m_options.liftM)};
}

std::size_t PeopleLayer::addPerson(const data::Person& person)
{
    const auto [it, added] = m_indexOfId.emplace(person.id, m_people.size());
    const osg::Vec3f colour = roleColour(person.role);
    if (added) {
        m_people.push_back(person);
        m_tracks.emplace_back();
        m_trailColours.push_back(toUbyte(colour));
        m_colours->push_back(osg::Vec4f(colour, 1.0f));
        m_positions->push_back(osg::Vec3f());
        m_visible->push_back(0.0f);
    } else {
        m_people[it->second] = person;
        m_trailColours[it->second] = toUbyte(colour);
        (*m_colours)[it->second] = osg::Vec4f(colour, 1.0f);
    }
    return it->second;
}

osg::ref_ptr<osg::Node> PeopleLayer::build(const std::vector<data::Person>& people,
                                           const std::vector<data::TrackPoint>& tracks,
                                           const data::ProjectedPoint& origin, data::TimeMs epoch,
                                           const PeopleOptions& options)
{
    osg::ref_ptr<PeopleLayer> layer = new PeopleLayer;
    layer->m_options = options;
    layer->m_origin = origin;
    layer->m_epoch = epoch;
    layer->m_colours = new osg::Vec4Array;
    layer->m_positions = new osg::Vec3Array;
    layer->m_visible = new osg::FloatArray;
    for (const data::Person& p : people)
        if (layer->m_indexOfId.count(p.id) == 0) // a duplicate id would get a second, never-moving vertex
            layer->addPerson(p);
    const std::size_t n = layer->m_people.size();

    // Counting sort by person, then by time within each track: O(points log track length).
    std::vector<std::size_t> begin(n + 1, 0);
    for (const data::TrackPoint& tp : tracks)
        if (const auto it = layer->m_indexOfId.find(tp.personId); it != layer->m_indexOfId.end())
            ++begin[it->second + 1];
    std::partial_sum(begin.begin(), begin.end(), begin.begin());
    std::vector<std::size_t> next(begin.begin(), begin.end() - 1);
    std::vector<const data::TrackPoint*> ordered(begin[n]);
    for (const data::TrackPoint& tp : tracks)
        if (const auto it = layer->m_indexOfId.find(tp.personId); it != layer->m_indexOfId.end())
            ordered[next[it->second]++] = &tp;
    for (std::size_t i = 0; i < n; ++i) {
        const auto first = ordered.begin() + std::ptrdiff_t(begin[i]);
        const auto last = ordered.begin() + std::ptrdiff_t(begin[i + 1]);
        std::stable_sort(first, last, [](const data::TrackPoint* a, const data::TrackPoint* b) {
            return a->time < b->time;
        });
        PersonTrack& track = layer->m_tracks[i];
        track.times.reserve(std::size_t(last - first));
        track.points.reserve(std::size_t(last - first));
        for (auto it = first; it != last; ++it) {
            const double t = double((*it)->time - epoch) / 1000.0;
            if (!track.times.empty() && track.times.back() == t) {
                track.points.back() = layer->localOf((*it)->position); // the later of two fixes wins
                continue;
            }
            track.times.push_back(t);
            track.points.push_back(layer->localOf((*it)->position));
        }
    }

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
    geom->setColorArray(layer->m_colours, osg::Array::BIND_PER_VERTEX);
    geom->setVertexAttribArray(attrib::kPersonVisible, layer->m_visible, osg::Array::BIND_PER_VERTEX);
    layer->m_points = new osg::DrawArrays(GL_POINTS, 0, GLsizei(n));
    geom->addPrimitiveSet(layer->m_points);
    // Points move every update and have a zero-size bound: culling them by bound is meaningless.
    geom->setCullingActive(false);
    layer->m_geometry = geom;

    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->setName("people");
    geode->setCullingActive(false);
    if (n > 0)
        geode->addDrawable(geom);
    geode->setUserData(layer); // the node owns the layer; CityScene finds it there
    layer->m_geode = geode;
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

    layer->m_trails = std::make_unique<PeopleTrails>(geode.get(), &layer->m_tracks, &layer->m_trailColours);
    layer->m_trails->setMaxGapSeconds(options.maxGapSeconds);
    layer->m_trails->setTrailSeconds(options.trailSeconds);
    layer->update(0.0);
    return geode;
}

PeopleLayer* PeopleLayer::of(osg::Node* node)
{
    return dynamic_cast<PeopleLayer*>(sceneTimeListenerOf(node));
}

int PeopleLayer::indexOf(std::int64_t id) const
{
    const auto it = m_indexOfId.find(id);
    return it == m_indexOfId.end() ? -1 : int(it->second);
}

void PeopleLayer::setTrailSeconds(double seconds)
{
    m_options.trailSeconds = std::max(0.0, seconds);
    m_trails->setTrailSeconds(m_options.trailSeconds);
}

void PeopleLayer::setMaxGapSeconds(double seconds)
{
    m_options.maxGapSeconds = std::max(0.0, seconds);
    m_trails->setMaxGapSeconds(m_options.maxGapSeconds);
    update(m_seconds);
}

std::size_t PeopleLayer::appendSamples(const std::vector<data::Person>& people,
                                       const std::vector<data::TrackPoint>& points)
{
    const std::size_t before = m_people.size();
    bool restyled = false;
    for (const data::Person& p : people) {
        const int known = indexOf(p.id);
        restyled = restyled || (known >= 0 && m_people[std::size_t(known)].role != p.role);
        addPerson(p);
    }
    double earliest = std::numeric_limits<double>::infinity();
    std::size_t taken = 0;
    for (const data::TrackPoint& tp : points) {
        const int index = indexOf(tp.personId);
        if (index < 0)
            continue;
        const double t = double(tp.time - m_epoch) / 1000.0;
        m_tracks[std::size_t(index)].insert(t, localOf(tp.position));
        earliest = std::min(earliest, t);
        ++taken;
    }
    if (m_people.size() != before) {
        m_points->setCount(GLsizei(m_people.size()));
        m_points->dirty();
        m_colours->dirty();
        if (osg::ref_ptr<osg::Geode> geode; m_geode.lock(geode) && !geode->containsDrawable(m_geometry.get()))
            geode->insertChild(0, m_geometry.get()); // the first people of a layer built empty
    }
    if (restyled) {
        m_colours->dirty();
        m_trails->invalidateAll(); // trail vertices carry the role colour
    } else if (taken > 0) {
        m_trails->invalidateFrom(earliest);
    }
    update(m_seconds);
    return taken;
}

int PeopleLayer::update(double seconds)
{
    m_seconds = seconds;
    int shown = 0;
    osg::Vec3f* positions = m_positions->empty() ? nullptr : &(*m_positions)[0];
    float* visible = m_visible->empty() ? nullptr : &(*m_visible)[0];
    for (std::size_t i = 0; i < m_tracks.size(); ++i) {
        // Tracks that do not span SECONDS are rejected in O(1); only the others interpolate.
        const bool shownNow = m_tracks[i].positionAt(seconds, m_options.maxGapSeconds, positions[i]);
        visible[i] = shownNow ? 1.0f : 0.0f;
        shown += shownNow ? 1 : 0;
    }
    m_positions->dirty();
    m_visible->dirty();
    m_geometry->dirtyBound();
    m_trails->update(seconds);
    return shown;
}

} // namespace citytwin::scene
