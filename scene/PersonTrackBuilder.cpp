#include "scene/PersonTrackBuilder.h"

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/LineWidth>
#include <osg/Program>

namespace citytwin::scene {

namespace {

constexpr float kLineWidthPx = 3.0f;
//! Above the trails (7) and markers (8–10): the selected person's day is what the user asked for.
constexpr int kTrackBin = 11;

//! Calls RUN(first, end) for each run of TRACK's fixes in [FROM, TO) without a gap over MAXGAP.
template <typename Run>
void forEachRun(const PersonTrack& track, double from, double to, double maxGap, Run&& run)
{
    std::size_t first = track.lowerBound(from);
    const std::size_t end = track.lowerBound(to);
    for (std::size_t i = first; i < end; ++i) {
        const bool last = i + 1 == end;
        if (last || track.times[i + 1] - track.times[i] > maxGap) {
            run(first, i + 1);
            first = i + 1;
        }
    }
}

} // namespace

PersonTrackSummary PersonTrackBuilder::summarize(const PersonTrack& track, double fromSeconds,
                                                 double toSeconds, double maxGapSeconds)
{
    PersonTrackSummary s;
    forEachRun(track, fromSeconds, toSeconds, maxGapSeconds, [&](std::size_t first, std::size_t end) {
        if (s.samples == 0)
            s.firstSeconds = track.times[first];
        s.lastSeconds = track.times[end - 1];
        s.samples += end - first;
        ++s.runs;
        for (std::size_t i = first + 1; i < end; ++i)
            s.lengthM += double((track.points[i] - track.points[i - 1]).length());
    });
    return s;
}

osg::ref_ptr<osg::Node> PersonTrackBuilder::build(const PersonTrack& track, double fromSeconds,
                                                  double toSeconds, double maxGapSeconds,
                                                  const osg::Vec3f& colour)
{
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->setName("personTrack");
    osg::ref_ptr<osg::Vec3Array> vertices = new osg::Vec3Array;
    osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
    geom->setName("personTrackLine");
    forEachRun(track, fromSeconds, toSeconds, maxGapSeconds, [&](std::size_t first, std::size_t end) {
        if (end - first < 2)
            return; // a lone fix between gaps is no line
        geom->addPrimitiveSet(
            new osg::DrawArrays(GL_LINE_STRIP, GLint(vertices->size()), GLsizei(end - first)));
        vertices->insert(vertices->end(), track.points.begin() + std::ptrdiff_t(first),
                         track.points.begin() + std::ptrdiff_t(end));
    });
    if (geom->getNumPrimitiveSets() == 0)
        return geode;
    geom->setVertexArray(vertices);
    osg::ref_ptr<osg::Vec4Array> colours = new osg::Vec4Array;
    colours->push_back(osg::Vec4f(colour, 1.0f));
    geom->setColorArray(colours, osg::Array::BIND_OVERALL);
    geom->setUseVertexBufferObjects(true);
    geode->addDrawable(geom);
    osg::StateSet* ss = geode->getOrCreateStateSet();
    // Fixed function: an empty program switches off any shader an ancestor set.
    ss->setAttributeAndModes(new osg::Program, osg::StateAttribute::ON | osg::StateAttribute::PROTECTED);
    ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF | osg::StateAttribute::PROTECTED);
    ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
    ss->setAttributeAndModes(new osg::LineWidth(kLineWidthPx));
    ss->setRenderBinDetails(kTrackBin, "RenderBin");
    return geode;
}

} // namespace citytwin::scene
