#include "scene/ExcavationPitBuilder.h"

#include "scene/PolygonTriangulator.h"

#include <algorithm>
#include <cmath>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Program>
#include <osg/StateSet>

namespace citytwin::scene {

namespace {

struct SoilBand
{
    double top; //!< metres below the surface
    osg::Vec3f colour;
};

// Typical strata of the Hangjiahu plain: dark topsoil, yellow-brown clay, grey silty clay, sand.
const std::vector<SoilBand>& bands()
{
    static const std::vector<SoilBand> kBands = {
        {0.0, {0.36f, 0.25f, 0.16f}}, // topsoil
        {0.4, {0.62f, 0.46f, 0.28f}}, // yellow-brown clay
        {1.5, {0.52f, 0.43f, 0.34f}}, // grey-brown silty clay
        {3.0, {0.72f, 0.60f, 0.40f}}, // silty sand
        {5.0, {0.45f, 0.37f, 0.29f}}, // dark grey clay
    };
    return kBands;
}

constexpr double kDeepBandM = 3.0; //!< thickness of the alternating bands below the last one

//! Index of the band DEPTHM falls in; beyond the table the last two alternate.
int bandIndex(double depthM)
{
    const auto& b = bands();
    const int n = int(b.size());
    if (depthM < b.back().top) {
        int i = 0;
        while (i + 1 < n && depthM >= b[size_t(i) + 1].top)
            ++i;
        return i;
    }
    const int extra = int(std::floor((depthM - b.back().top) / kDeepBandM));
    return extra % 2 == 0 ? n - 1 : n - 2;
}

//! Depth where the band containing DEPTHM ends.
double bandBottom(double depthM)
{
    const auto& b = bands();
    for (const SoilBand& band : b)
        if (band.top > depthM)
            return band.top;
    const double below = depthM - b.back().top;
    return b.back().top + (std::floor(below / kDeepBandM) + 1.0) * kDeepBandM;
}

void makeUnlit(osg::StateSet& ss)
{
    ss.setAttributeAndModes(new osg::Program); // fixed function: vertex colours as they are
    ss.setMode(GL_LIGHTING, osg::StateAttribute::OFF);
    ss.setMode(GL_CULL_FACE, osg::StateAttribute::OFF);
    setCutApplies(ss, false);
}

} // namespace

osg::Vec3f pitSoilColour(double depthM)
{
    return bands()[size_t(bandIndex(std::max(depthM, 0.0)))].colour;
}

const std::vector<double>& pitSoilBandTops()
{
    static const std::vector<double> tops = [] {
        std::vector<double> t;
        for (const SoilBand& b : bands())
            t.push_back(b.top);
        return t;
    }();
    return tops;
}

osg::ref_ptr<osg::Group> buildExcavationPit(const ExcavationPit& pit, const SurfaceHeight& surface)
{
    osg::ref_ptr<osg::Group> group = new osg::Group;
    group->setName("excavationPit");
    makeUnlit(*group->getOrCreateStateSet());
    if (!pit.isValid() || !surface)
        return group;

    osg::ref_ptr<osg::Vec3Array> vertices = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec4Array> colours = new osg::Vec4Array;
    const osg::Vec3f sun2d = osg::Vec3f(0.3487f, -0.4650f, 0.0f) / std::hypot(0.3487f, 0.4650f);
    const size_t n = pit.ring.size();
    for (size_t e = 0; e < n; ++e) {
        const osg::Vec2d a = pit.ring[e];
        const osg::Vec2d b = pit.ring[(e + 1) % n];
        const double length = (b - a).length();
        if (length <= 0.0)
            continue;
        // Walls facing the sun are lighter, so the pit's corners read in an unlit drawing.
        const osg::Vec2d dir = (b - a) / length;
        const float shade = 0.8f + 0.2f * std::abs(float(-dir.y()) * sun2d.x() + float(dir.x()) * sun2d.y());
        const int steps = std::max(1, int(std::ceil(length / kPitWallStepM)));
        for (int s = 0; s < steps; ++s) {
            const osg::Vec2d p0 = a + (b - a) * (double(s) / steps);
            const osg::Vec2d p1 = a + (b - a) * (double(s + 1) / steps);
            const double top0 = surface(p0.x(), p0.y());
            const double top1 = surface(p1.x(), p1.y());
            // One quad per soil band between the two columns, down to the floor.
            double depth = 0.0;
            const double deepest = std::max(top0, top1) - pit.bottomZ;
            while (depth < deepest) {
                const double next = bandBottom(depth);
                const osg::Vec3f c = pitSoilColour(depth) * shade;
                const double z0t = std::max(top0 - depth, pit.bottomZ), z0b = std::max(top0 - next, pit.bottomZ);
                const double z1t = std::max(top1 - depth, pit.bottomZ), z1b = std::max(top1 - next, pit.bottomZ);
                if (z0t > z0b || z1t > z1b) {
                    const osg::Vec3f q[4] = {{float(p0.x()), float(p0.y()), float(z0t)},
                                             {float(p0.x()), float(p0.y()), float(z0b)},
                                             {float(p1.x()), float(p1.y()), float(z1b)},
                                             {float(p1.x()), float(p1.y()), float(z1t)}};
                    for (int i : {0, 1, 2, 0, 2, 3}) {
                        vertices->push_back(q[i]);
                        colours->push_back(osg::Vec4f(c, 1.0f));
                    }
                }
                depth = next;
            }
        }
    }
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    osg::ref_ptr<osg::Geometry> walls = new osg::Geometry;
    walls->setName("pitWalls");
    walls->setVertexArray(vertices);
    walls->setColorArray(colours, osg::Array::BIND_PER_VERTEX);
    walls->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLES, 0, GLsizei(vertices->size())));
    geode->addDrawable(walls);

    // The floor: the ring triangulated at the bottom, in the colour of the soil there.
    const std::vector<osg::Vec3f> triangles = triangulatePolygon(pit.ring, {});
    if (!triangles.empty()) {
        double surfaceSum = 0.0;
        for (const osg::Vec2d& v : pit.ring)
            surfaceSum += surface(v.x(), v.y());
        const double floorDepth = surfaceSum / double(n) - pit.bottomZ;
        const osg::Vec3f c = pitSoilColour(floorDepth) * 0.7f; // in the pit's shadow
        osg::ref_ptr<osg::Vec3Array> fv = new osg::Vec3Array;
        for (const osg::Vec3f& t : triangles)
            fv->push_back({t.x(), t.y(), float(pit.bottomZ)});
        osg::ref_ptr<osg::Vec4Array> fc = new osg::Vec4Array;
        fc->push_back(osg::Vec4f(c, 1.0f));
        osg::ref_ptr<osg::Geometry> floor = new osg::Geometry;
        floor->setName("pitFloor");
        floor->setVertexArray(fv);
        floor->setColorArray(fc, osg::Array::BIND_OVERALL);
        floor->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLES, 0, GLsizei(fv->size())));
        geode->addDrawable(floor);
    }
    group->addChild(geode);
    return group;
}

} // namespace citytwin::scene
