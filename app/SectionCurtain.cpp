#include "app/SectionCurtain.h"

#include <algorithm>
#include <cmath>
#include <osg/BlendFunc>
#include <osg/Depth>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Group>
#include <osg/LineWidth>
#include <osg/Program>

namespace citytwin::app {

osg::ref_ptr<osg::Node> buildSectionCurtain(const SectionResult& section, const data::ProjectedPoint& origin)
{
    // Heights along the line: the ground where known, else the nearest known sample (or 0).
    std::vector<double> top(section.ground.size(), 0.0);
    double lowestGround = INFINITY;
    double last = NAN;
    for (size_t i = 0; i < section.ground.size(); ++i) {
        if (std::isfinite(section.ground[i].z)) {
            last = section.ground[i].z;
            lowestGround = std::min(lowestGround, last);
        }
        top[i] = last;
    }
    double next = std::isfinite(last) ? last : 0.0;
    for (size_t i = top.size(); i-- > 0;) {
        if (std::isfinite(top[i]))
            next = top[i];
        else
            top[i] = next;
    }
    double bottom = section.deepestInvertZ();
    bottom = std::isfinite(bottom) ? bottom - 1.0 : (std::isfinite(lowestGround) ? lowestGround : 0.0) - 10.0;

    auto* lineVertices = new osg::Vec3Array;
    auto* curtainVertices = new osg::Vec3Array;
    for (size_t i = 0; i < section.ground.size(); ++i) {
        const data::SectionGroundSample& s = section.ground[i];
        const osg::Vec3 up(float(s.x - origin.x), float(s.y - origin.y),
                           float(top[i] + kSectionLiftM - origin.z));
        const osg::Vec3 down(up.x(), up.y(), float(bottom - origin.z));
        lineVertices->push_back(up);
        curtainVertices->push_back(up);
        curtainVertices->push_back(down);
    }

    osg::ref_ptr<osg::Geometry> line = new osg::Geometry;
    line->setVertexArray(lineVertices);
    auto* lineColour = new osg::Vec4Array;
    lineColour->push_back({1.0f, 0.85f, 0.1f, 1.0f});
    line->setColorArray(lineColour, osg::Array::BIND_OVERALL);
    line->addPrimitiveSet(new osg::DrawArrays(GL_LINE_STRIP, 0, GLsizei(lineVertices->size())));
    line->getOrCreateStateSet()->setAttributeAndModes(new osg::LineWidth(3.0f));

    osg::ref_ptr<osg::Geometry> curtain = new osg::Geometry;
    curtain->setVertexArray(curtainVertices);
    auto* curtainColour = new osg::Vec4Array;
    curtainColour->push_back({1.0f, 0.9f, 0.3f, 0.25f});
    curtain->setColorArray(curtainColour, osg::Array::BIND_OVERALL);
    curtain->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLE_STRIP, 0, GLsizei(curtainVertices->size())));
    osg::StateSet* cs = curtain->getOrCreateStateSet();
    cs->setMode(GL_BLEND, osg::StateAttribute::ON);
    cs->setAttributeAndModes(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA));
    // See-through and not hiding the pipes drawn after it.
    cs->setAttributeAndModes(new osg::Depth(osg::Depth::LESS, 0.0, 1.0, false));
    cs->setRenderingHint(osg::StateSet::TRANSPARENT_BIN);

    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(curtain);
    geode->addDrawable(line);
    osg::ref_ptr<osg::Group> node = new osg::Group;
    node->setName("section");
    osg::StateSet* ss = node->getOrCreateStateSet();
    // Fixed-function colours: no scene shader, no lighting, both faces of the curtain.
    ss->setAttributeAndModes(new osg::Program, osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE);
    ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF | osg::StateAttribute::OVERRIDE);
    ss->setMode(GL_CULL_FACE, osg::StateAttribute::OFF | osg::StateAttribute::OVERRIDE);
    node->addChild(geode);
    return node;
}

} // namespace citytwin::app
