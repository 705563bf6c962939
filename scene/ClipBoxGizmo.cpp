#include "scene/ClipBoxGizmo.h"

#include <algorithm>
#include <array>
#include <osg/Depth>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/LineWidth>
#include <osg/Program>

namespace citytwin::scene {

namespace {

constexpr std::array<BoxFace, 6> kFaces = {BoxFace::MinX, BoxFace::MaxX, BoxFace::MinY,
                                           BoxFace::MaxY, BoxFace::MinZ, BoxFace::MaxZ};
const osg::Vec4f kEdgeColour(1.0f, 0.62f, 0.10f, 1.0f);   // amber: clear over ground, sky and soil
const osg::Vec4f kHandleColour(1.0f, 0.85f, 0.20f, 1.0f);

int axisOf(BoxFace face)
{
    return int(face) / 2;
}

bool isMax(BoxFace face)
{
    return int(face) % 2 == 1;
}

//! A cube of edge SIZE around CENTRE as 12 triangles, shaded per face so it reads as a solid.
osg::ref_ptr<osg::Geometry> cube(const osg::Vec3d& centre, double size)
{
    osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec4Array> c = new osg::Vec4Array;
    const float h = float(size / 2);
    for (int axis = 0; axis < 3; ++axis) {
        for (float sign : {-1.0f, 1.0f}) {
            const int u = (axis + 1) % 3, w = (axis + 2) % 3;
            osg::Vec3f corners[4];
            const float uv[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
            for (int k = 0; k < 4; ++k) {
                corners[k][axis] = sign * h;
                corners[k][u] = uv[k][0] * h;
                corners[k][w] = uv[k][1] * h;
                corners[k] += osg::Vec3f(centre);
            }
            const float shade = axis == 2 ? (sign > 0 ? 1.0f : 0.6f) : 0.8f;
            for (int k : {0, 1, 2, 0, 2, 3}) {
                v->push_back(corners[k]);
                c->push_back(osg::Vec4f(osg::Vec3f(kHandleColour.r(), kHandleColour.g(), kHandleColour.b()) * shade, 1.0f));
            }
        }
    }
    osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
    g->setVertexArray(v);
    g->setColorArray(c, osg::Array::BIND_PER_VERTEX);
    g->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLES, 0, GLsizei(v->size())));
    return g;
}

} // namespace

std::string boxFaceName(BoxFace face)
{
    static const char* const kNames[] = {"minX", "maxX", "minY", "maxY", "minZ", "maxZ"};
    return kNames[int(face)];
}

std::optional<BoxFace> boxFaceFromNodeName(const std::string& name)
{
    for (BoxFace face : kFaces)
        if (name == kClipBoxHandlePrefix + boxFaceName(face))
            return face;
    return std::nullopt;
}

osg::Vec3d boxFaceCentre(const ClipBox& box, BoxFace face)
{
    osg::Vec3d c = (box.min + box.max) * 0.5;
    const int axis = axisOf(face);
    c[axis] = isMax(face) ? box.max[axis] : box.min[axis];
    return c;
}

osg::Vec3d boxFaceNormal(BoxFace face)
{
    osg::Vec3d n;
    n[axisOf(face)] = isMax(face) ? 1.0 : -1.0;
    return n;
}

ClipBox moveBoxFace(const ClipBox& box, BoxFace face, double offset, double minSize)
{
    ClipBox moved = box;
    const int axis = axisOf(face);
    if (isMax(face))
        moved.max[axis] = std::max(box.max[axis] + offset, box.min[axis] + minSize);
    else
        moved.min[axis] = std::min(box.min[axis] - offset, box.max[axis] - minSize);
    return moved;
}

ClipBoxGizmo::ClipBoxGizmo() : m_node(new osg::Group)
{
    m_node->setName("clipBox");
    osg::StateSet* ss = m_node->getOrCreateStateSet();
    ss->setAttributeAndModes(new osg::Program); // fixed function, vertex colours
    ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF);
    ss->setMode(GL_CULL_FACE, osg::StateAttribute::OFF);
    // On top: the box reaches under the ground and behind buildings, and its handles must stay grabbable.
    ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
    ss->setRenderBinDetails(20, "RenderBin");
    ss->setAttributeAndModes(new osg::LineWidth(2.0f));
    setCutApplies(*ss, false);
}

double ClipBoxGizmo::handleSize() const
{
    const osg::Vec3d size = m_box.max - m_box.min;
    return std::clamp(0.1 * std::min({size.x(), size.y(), size.z()}), 0.3, 20.0);
}

void ClipBoxGizmo::setBox(const ClipBox& box)
{
    m_box = box;
    m_node->removeChildren(0, m_node->getNumChildren());

    osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
    const osg::Vec3d& a = box.min;
    const osg::Vec3d& b = box.max;
    auto corner = [&](int i) { return osg::Vec3f(float(i & 1 ? b.x() : a.x()), float(i & 2 ? b.y() : a.y()), float(i & 4 ? b.z() : a.z())); };
    // Corners differing in exactly one bit share an edge.
    for (int i = 0; i < 8; ++i)
        for (int bit : {1, 2, 4})
            if (!(i & bit)) {
                v->push_back(corner(i));
                v->push_back(corner(i | bit));
            }
    osg::ref_ptr<osg::Vec4Array> c = new osg::Vec4Array;
    c->push_back(kEdgeColour);
    osg::ref_ptr<osg::Geometry> edges = new osg::Geometry;
    edges->setName("clipBoxEdges");
    edges->setVertexArray(v);
    edges->setColorArray(c, osg::Array::BIND_OVERALL);
    edges->addPrimitiveSet(new osg::DrawArrays(GL_LINES, 0, GLsizei(v->size())));
    osg::ref_ptr<osg::Geode> edgeGeode = new osg::Geode;
    edgeGeode->setName("clipBoxEdges");
    edgeGeode->addDrawable(edges);
    m_node->addChild(edgeGeode);

    const double size = handleSize();
    for (BoxFace face : kFaces) {
        const std::string name = kClipBoxHandlePrefix + boxFaceName(face);
        osg::ref_ptr<osg::Geometry> handle = cube(boxFaceCentre(box, face), size);
        handle->setName(name);
        osg::ref_ptr<osg::Geode> geode = new osg::Geode;
        geode->setName(name);
        geode->addDrawable(handle);
        m_node->addChild(geode);
    }
}

} // namespace citytwin::scene
