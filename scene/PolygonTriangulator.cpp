#include "scene/PolygonTriangulator.h"

#include <osg/Geometry>
#include <osg/TriangleIndexFunctor>
#include <osgUtil/Tessellator>

namespace citytwin::scene {

namespace {

struct TriangleCollector
{
    std::vector<unsigned> indices;
    void operator()(unsigned a, unsigned b, unsigned c) { indices.insert(indices.end(), {a, b, c}); }
};

} // namespace

double signedArea2(const std::vector<osg::Vec2d>& ring)
{
    double area = 0.0;
    for (size_t i = 0, n = ring.size(); i < n; ++i) {
        const osg::Vec2d& a = ring[i];
        const osg::Vec2d& b = ring[(i + 1) % n];
        area += a.x() * b.y() - b.x() * a.y();
    }
    return area;
}

std::vector<osg::Vec3f> triangulatePolygon(const std::vector<osg::Vec2d>& outer,
                                           const std::vector<std::vector<osg::Vec2d>>& holes)
{
    std::vector<osg::Vec3f> out;
    if (outer.size() < 3)
        return out;

    osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
    osg::ref_ptr<osg::Vec3Array> vertices = new osg::Vec3Array;
    auto addRing = [&](const std::vector<osg::Vec2d>& ring) {
        if (ring.size() < 3)
            return;
        const unsigned first = unsigned(vertices->size());
        for (const osg::Vec2d& p : ring)
            vertices->push_back(osg::Vec3f(float(p.x()), float(p.y()), 0.0f));
        geom->addPrimitiveSet(new osg::DrawArrays(GL_POLYGON, GLint(first), GLsizei(ring.size())));
    };
    addRing(outer);
    for (const auto& hole : holes)
        addRing(hole);
    geom->setVertexArray(vertices);

    // A plain convex ring (the common case: rectangles) needs no GLU round trip: fan it.
    if (holes.empty() && outer.size() == 4) {
        bool convex = true;
        const double sign = signedArea2(outer) >= 0.0 ? 1.0 : -1.0;
        for (size_t i = 0; i < 4 && convex; ++i) {
            const osg::Vec2d e0 = outer[(i + 1) % 4] - outer[i];
            const osg::Vec2d e1 = outer[(i + 2) % 4] - outer[(i + 1) % 4];
            convex = sign * (e0.x() * e1.y() - e0.y() * e1.x()) > 0.0;
        }
        if (convex) {
            geom->removePrimitiveSet(0, geom->getNumPrimitiveSets());
            geom->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLE_FAN, 0, 4));
        }
    }
    if (geom->getPrimitiveSet(0)->getMode() == GL_POLYGON) {
        osg::ref_ptr<osgUtil::Tessellator> tess = new osgUtil::Tessellator;
        tess->setTessellationType(osgUtil::Tessellator::TESS_TYPE_GEOMETRY);
        tess->setWindingType(osgUtil::Tessellator::TESS_WINDING_ODD);
        tess->setBoundaryOnly(false);
        tess->setTessellationNormal(osg::Vec3(0.0f, 0.0f, 1.0f));
        tess->retessellatePolygons(*geom);
    }

    osg::TriangleIndexFunctor<TriangleCollector> collector;
    geom->accept(collector);
    const auto* verts = static_cast<const osg::Vec3Array*>(geom->getVertexArray()); // may have grown
    out.reserve(collector.indices.size());
    for (size_t i = 0; i + 2 < collector.indices.size(); i += 3) {
        osg::Vec3f a = (*verts)[collector.indices[i]];
        osg::Vec3f b = (*verts)[collector.indices[i + 1]];
        osg::Vec3f c = (*verts)[collector.indices[i + 2]];
        const float cross = (b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x());
        if (cross == 0.0f)
            continue; // degenerate sliver from collinear points
        if (cross < 0.0f)
            std::swap(b, c);
        out.insert(out.end(), {a, b, c});
    }
    return out;
}

} // namespace citytwin::scene
