// buildUndergroundSpaces() (scene/UndergroundSpaceBuilder.h): tunnels, parking and shelters as
// flat-shaded prisms in one merged geometry.
#include "scene/UndergroundSpaceBuilder.h"

#include "scene/FeatureId.h"
#include "scene/FeatureProgram.h"
#include "scene/PolygonTriangulator.h"
#include "scene/SceneLog.h"

#include <algorithm>
#include <cmath>
#include <osg/BoundingBox>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/MatrixTransform>

namespace citytwin::scene {

namespace {

osg::Vec4ub toUb(const std::array<float, 3>& c, float shade)
{
    auto b = [shade](float v) {
        return (unsigned char)std::lround(std::clamp(v * shade, 0.0f, 1.0f) * 255.0f);
    };
    return {b(c[0]), b(c[1]), b(c[2]), 255};
}

//! RING relative to OFFSET without repeated points or a closing duplicate, counter-clockwise
//! seen from above when COUNTERCLOCKWISE (outer rings), clockwise otherwise (holes).
std::vector<osg::Vec2d> cleanRing(const std::vector<data::ProjectedPoint>& ring, const osg::Vec2d& offset,
                                  bool counterClockwise)
{
    std::vector<osg::Vec2d> out;
    out.reserve(ring.size());
    for (const data::ProjectedPoint& p : ring) {
        const osg::Vec2d q(p.x - offset.x(), p.y - offset.y());
        if (!std::isfinite(q.x()) || !std::isfinite(q.y()))
            return {};
        if (out.empty() || (q - out.back()).length2() > 1e-8)
            out.push_back(q);
    }
    while (out.size() > 1 && (out.front() - out.back()).length2() <= 1e-8)
        out.pop_back();
    if (out.size() >= 3 && (signedArea2(out) > 0.0) != counterClockwise)
        std::reverse(out.begin(), out.end());
    return out;
}

//! The merged geometry being filled: per-vertex position, normal, colour and feature id.
class SpaceMesh
{
public:
    void beginSpace(std::int64_t id)
    {
        m_table->beginFeature(unsigned(m_positions->size()), id);
        m_id = float(id);
    }

    //! Walls of RING (wound as cleanRing() returns it) between FLOOR and ROOF, outward-facing.
    void addWalls(const std::vector<osg::Vec2d>& ring, float floor, float roof, const osg::Vec4ub& colour)
    {
        const std::size_t n = ring.size();
        for (std::size_t i = 0; i < n; ++i) {
            const osg::Vec2d& a = ring[i];
            const osg::Vec2d& b = ring[(i + 1) % n];
            // Counter-clockwise rings have the solid on their left: the outside is on the right.
            osg::Vec3f normal(float(b.y() - a.y()), float(a.x() - b.x()), 0.0f);
            normal.normalize();
            const unsigned base = unsigned(m_positions->size());
            add({float(a.x()), float(a.y()), floor}, normal, colour);
            add({float(b.x()), float(b.y()), floor}, normal, colour);
            add({float(b.x()), float(b.y()), roof}, normal, colour);
            add({float(a.x()), float(a.y()), roof}, normal, colour);
            triangle(base, base + 1, base + 2);
            triangle(base, base + 2, base + 3);
        }
    }

    //! TRIANGLES (counter-clockwise from above) at Z, facing up or (UP false) down.
    void addCap(const std::vector<osg::Vec3f>& triangles, float z, bool up, const osg::Vec4ub& colour)
    {
        const osg::Vec3f normal(0.0f, 0.0f, up ? 1.0f : -1.0f);
        for (std::size_t i = 0; i + 2 < triangles.size(); i += 3) {
            const unsigned base = unsigned(m_positions->size());
            for (std::size_t k = 0; k < 3; ++k)
                add({triangles[i + k].x(), triangles[i + k].y(), z}, normal, colour);
            if (up)
                triangle(base, base + 1, base + 2);
            else
                triangle(base, base + 2, base + 1);
        }
    }

    bool empty() const { return m_positions->empty(); }

    osg::ref_ptr<osg::Geometry> finish()
    {
        osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
        geom->setName("underground-spaces");
        geom->setUseDisplayList(false);
        geom->setUseVertexBufferObjects(true);
        geom->setVertexArray(m_positions);
        geom->setNormalArray(m_normals, osg::Array::BIND_PER_VERTEX);
        m_colours->setNormalize(true);
        geom->setColorArray(m_colours, osg::Array::BIND_PER_VERTEX);
        geom->setVertexAttribArray(featureAttrib::kFeatureId, m_featureIds, osg::Array::BIND_PER_VERTEX);
        geom->addPrimitiveSet(m_indices);
        geom->setUserData(m_table);
        return geom;
    }

private:
    void add(const osg::Vec3f& p, const osg::Vec3f& normal, const osg::Vec4ub& colour)
    {
        m_positions->push_back(p);
        m_normals->push_back(normal);
        m_colours->push_back(colour);
        m_featureIds->push_back(m_id);
    }
    void triangle(unsigned a, unsigned b, unsigned c)
    {
        m_indices->push_back(a);
        m_indices->push_back(b);
        m_indices->push_back(c);
    }

    float m_id = 0.0f;
    osg::ref_ptr<osg::Vec3Array> m_positions = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec3Array> m_normals = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec4ubArray> m_colours = new osg::Vec4ubArray;
    osg::ref_ptr<osg::FloatArray> m_featureIds = new osg::FloatArray;
    osg::ref_ptr<osg::DrawElementsUInt> m_indices = new osg::DrawElementsUInt(GL_TRIANGLES);
    osg::ref_ptr<FeatureIdTable> m_table = new FeatureIdTable;
};

} // namespace

osg::ref_ptr<osg::Node> buildUndergroundSpaces(const std::vector<data::UndergroundSpace>& spaces,
                                               const data::ProjectedPoint& origin,
                                               const UndergroundSpacesOptions& options)
{
    // The centre of every usable outline: vertices are floats relative to it.
    osg::BoundingBoxd bounds;
    for (const data::UndergroundSpace& s : spaces)
        if (std::isfinite(s.topZ))
            for (const data::ProjectedPoint& p : s.outer)
                if (std::isfinite(p.x) && std::isfinite(p.y))
                    bounds.expandBy(p.x - origin.x, p.y - origin.y, s.topZ - origin.z);
    osg::ref_ptr<osg::Group> root = new osg::Group;
    root->setName("underground-spaces");
    if (!bounds.valid())
        return root;
    const osg::Vec3d centre = bounds.center();
    const osg::Vec2d offset(origin.x + centre.x(), origin.y + centre.y());

    SpaceMesh mesh;
    std::size_t skipped = 0;
    for (const data::UndergroundSpace& s : spaces) {
        const std::vector<osg::Vec2d> outer = cleanRing(s.outer, offset, true);
        if (outer.size() < 3 || !std::isfinite(s.topZ)) {
            ++skipped;
            continue;
        }
        std::vector<std::vector<osg::Vec2d>> holes;
        for (const auto& h : s.holes) {
            std::vector<osg::Vec2d> ring = cleanRing(h, offset, false);
            if (ring.size() >= 3)
                holes.push_back(std::move(ring));
        }
        const double height = s.heightM > 0.0 ? s.heightM : options.defaultHeightM;
        const float roof = float(s.topZ - origin.z - centre.z());
        const float floor = float(s.topZ - height - origin.z - centre.z());
        const std::array<float, 3> c = data::undergroundSpaceColour(s.kind);
        // Walls a little darker than the roof so the prism reads as a volume from any side.
        mesh.beginSpace(s.id);
        mesh.addWalls(outer, floor, roof, toUb(c, 0.85f));
        for (const auto& hole : holes)
            mesh.addWalls(hole, floor, roof, toUb(c, 0.85f));
        const std::vector<osg::Vec3f> cap = triangulatePolygon(outer, holes);
        mesh.addCap(cap, roof, true, toUb(c, 1.0f));
        mesh.addCap(cap, floor, false, toUb(c, 0.6f));
    }
    if (skipped > 0)
        qCWarning(lcScene) << "buildUndergroundSpaces:" << skipped << "of" << spaces.size()
                           << "spaces skipped (fewer than 3 distinct points or no roof elevation)";
    if (mesh.empty())
        return root;

    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(mesh.finish());
    osg::ref_ptr<osg::MatrixTransform> xf = new osg::MatrixTransform(osg::Matrix::translate(centre));
    xf->addChild(geode);
    root->addChild(xf);

    osg::StateSet* ss = root->getOrCreateStateSet();
    ss->setAttributeAndModes(makeFeatureProgram("model.vert", "model.frag"));
    addFeatureUniforms(*ss, options.highlightColour);
    ss->addUniform(new osg::Uniform("ct_textured", false));
    ss->addUniform(new osg::Uniform("ct_texture", 0));
    return root;
}

} // namespace citytwin::scene
