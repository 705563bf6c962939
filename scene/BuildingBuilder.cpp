// buildBuildings() and setBuildingsHighlight() (declared in scene/SceneBuilders.h).
#include "scene/FeatureId.h"
#include "scene/PolygonTriangulator.h"
#include "scene/SceneBuilders.h"
#include "scene/Shaders.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <osg/CullFace>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/MatrixTransform>
#include <utility>

namespace citytwin::scene {

namespace {

//! Vertex arrays of one chunk being filled.
struct ChunkMesh
{
    osg::Vec2d centre; // local frame; vertices are relative to it
    osg::ref_ptr<osg::Vec3Array> positions = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec3Array> normals = new osg::Vec3Array;
    osg::ref_ptr<osg::FloatArray> featureIds = new osg::FloatArray;
    osg::ref_ptr<osg::FloatArray> roofFlags = new osg::FloatArray;
    osg::ref_ptr<osg::DrawElementsUInt> indices = new osg::DrawElementsUInt(GL_TRIANGLES);
    osg::ref_ptr<FeatureIdTable> table = new FeatureIdTable;

    unsigned addVertex(const osg::Vec3f& p, const osg::Vec3f& n, float id, bool roof)
    {
        positions->push_back(p);
        normals->push_back(n);
        featureIds->push_back(id);
        roofFlags->push_back(roof ? 1.0f : 0.0f);
        return unsigned(positions->size() - 1);
    }
};

//! RING in chunk coordinates without repeated points or a closing duplicate, in the wanted winding.
std::vector<osg::Vec2d> cleanRing(const std::vector<data::ProjectedPoint>& ring, const osg::Vec2d& offset,
                                  bool counterClockwise)
{
    std::vector<osg::Vec2d> out;
    out.reserve(ring.size());
    for (const data::ProjectedPoint& p : ring) {
        const osg::Vec2d q(p.x - offset.x(), p.y - offset.y());
        if (out.empty() || (q - out.back()).length2() > 1e-8)
            out.push_back(q);
    }
    while (out.size() > 1 && (out.front() - out.back()).length2() <= 1e-8)
        out.pop_back();
    if (out.size() >= 3 && (signedArea2(out) > 0.0) != counterClockwise)
        std::reverse(out.begin(), out.end());
    return out;
}

//! Walls of RING: one quad per edge with its own flat normal. Outer rings run counter-clockwise
//! and holes clockwise, so (dy, -dx) always points out of the solid.
void addWalls(ChunkMesh& mesh, const std::vector<osg::Vec2d>& ring, float base, float top, float id)
{
    for (size_t i = 0, n = ring.size(); i < n; ++i) {
        const osg::Vec2d& a = ring[i];
        const osg::Vec2d& b = ring[(i + 1) % n];
        osg::Vec3f normal(float(b.y() - a.y()), float(a.x() - b.x()), 0.0f);
        normal.normalize();
        const unsigned ab = mesh.addVertex({float(a.x()), float(a.y()), base}, normal, id, false);
        const unsigned bb = mesh.addVertex({float(b.x()), float(b.y()), base}, normal, id, false);
        const unsigned bt = mesh.addVertex({float(b.x()), float(b.y()), top}, normal, id, false);
        const unsigned at = mesh.addVertex({float(a.x()), float(a.y()), top}, normal, id, false);
        for (unsigned i : {ab, bb, bt, ab, bt, at})
            mesh.indices->push_back(i);
    }
}

void addFootprint(ChunkMesh& mesh, const data::Footprint& fp, const data::ProjectedPoint& origin,
                  const BuildingsOptions& options)
{
    const osg::Vec2d offset(origin.x + mesh.centre.x(), origin.y + mesh.centre.y());
    const std::vector<osg::Vec2d> outer = cleanRing(fp.outer, offset, true);
    if (outer.size() < 3)
        return;
    std::vector<std::vector<osg::Vec2d>> holes;
    for (const auto& h : fp.holes) {
        std::vector<osg::Vec2d> ring = cleanRing(h, offset, false);
        if (ring.size() >= 3)
            holes.push_back(std::move(ring));
    }

    const double height = fp.height > 0.0 ? fp.height : options.defaultHeightM;
    const float base = float(fp.baseZ - origin.z);
    const float top = float(fp.baseZ + height - origin.z);
    const float id = float(fp.id);

    mesh.table->beginFeature(unsigned(mesh.positions->size()), fp.id);
    addWalls(mesh, outer, base, top, id);
    for (const auto& hole : holes)
        addWalls(mesh, hole, base, top, id);
    const osg::Vec3f up(0.0f, 0.0f, 1.0f);
    for (const osg::Vec3f& p : triangulatePolygon(outer, holes))
        mesh.indices->push_back(mesh.addVertex({p.x(), p.y(), top}, up, id, true));
}

osg::ref_ptr<osg::Node> finishChunk(ChunkMesh& mesh)
{
    osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
    geom->setName("buildings-chunk");
    geom->setUseDisplayList(false);
    geom->setUseVertexBufferObjects(true);
    geom->setVertexArray(mesh.positions);
    geom->setNormalArray(mesh.normals, osg::Array::BIND_PER_VERTEX);
    geom->setVertexAttribArray(attrib::kFeatureId, mesh.featureIds, osg::Array::BIND_PER_VERTEX);
    geom->setVertexAttribArray(attrib::kRoofFlag, mesh.roofFlags, osg::Array::BIND_PER_VERTEX);
    geom->addPrimitiveSet(mesh.indices);
    geom->setUserData(mesh.table);

    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(geom);
    osg::ref_ptr<osg::MatrixTransform> xf =
        new osg::MatrixTransform(osg::Matrix::translate(mesh.centre.x(), mesh.centre.y(), 0.0));
    xf->addChild(geode);
    return xf;
}

} // namespace

osg::ref_ptr<osg::Node> buildBuildings(const std::vector<data::Footprint>& footprints,
                                       const data::ProjectedPoint& origin, const BuildingsOptions& options)
{
    const double chunkSize = options.chunkSizeM > 0.0 ? options.chunkSizeM : 1000.0;
    // Chunks keyed by grid cell of the footprint's first vertex (a building never straddles two).
    std::map<std::pair<long long, long long>, ChunkMesh> chunks;
    for (const data::Footprint& fp : footprints) {
        if (fp.outer.size() < 3)
            continue;
        const double x = fp.outer.front().x - origin.x;
        const double y = fp.outer.front().y - origin.y;
        const std::pair<long long, long long> key{(long long)std::floor(x / chunkSize),
                                                  (long long)std::floor(y / chunkSize)};
        auto [it, inserted] = chunks.try_emplace(key);
        if (inserted)
            it->second.centre.set((double(key.first) + 0.5) * chunkSize,
                                  (double(key.second) + 0.5) * chunkSize);
        addFootprint(it->second, fp, origin, options);
    }

    osg::ref_ptr<osg::Group> root = new osg::Group;
    root->setName("buildings");
    for (auto& [key, mesh] : chunks)
        if (!mesh.indices->empty())
            root->addChild(finishChunk(mesh));

    osg::StateSet* ss = root->getOrCreateStateSet();
    ss->setAttributeAndModes(makeProgram("buildings.vert", "buildings.frag"));
    ss->setAttributeAndModes(new osg::CullFace(osg::CullFace::BACK)); // closed solids: halves the fill
    ss->addUniform(new osg::Uniform("ct_wallColour", options.wallColour));
    ss->addUniform(new osg::Uniform("ct_roofColour", options.roofColour));
    ss->addUniform(new osg::Uniform("ct_highlightColour", options.highlightColour));
    ss->addUniform(new osg::Uniform("ct_highlightId", -1.0f));
    ss->addUniform(new osg::Uniform("ct_opacity", 1.0f));
    return root;
}

void setBuildingsHighlight(osg::Node* buildings, std::optional<std::int64_t> id)
{
    if (!buildings)
        return;
    buildings->getOrCreateStateSet()
        ->getOrCreateUniform("ct_highlightId", osg::Uniform::FLOAT)
        ->set(id ? float(*id) : -1.0f);
}

} // namespace citytwin::scene
