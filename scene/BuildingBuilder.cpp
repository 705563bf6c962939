// buildBuildings() and setBuildingsHighlight() (declared in scene/SceneBuilders.h).
#include "scene/FeatureId.h"
#include "scene/FeatureProgram.h"
#include "scene/FeatureStyler.h"
#include "scene/PolygonTriangulator.h"
#include "scene/SceneBuilders.h"

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
    osg::ref_ptr<osg::FloatArray> featureIds = new osg::FloatArray;
    osg::ref_ptr<osg::DrawElementsUInt> indices = new osg::DrawElementsUInt(GL_TRIANGLES);
    osg::ref_ptr<FeatureIdTable> table = new FeatureIdTable;

    unsigned addVertex(const osg::Vec3f& p, float id)
    {
        positions->push_back(p);
        featureIds->push_back(id);
        return unsigned(positions->size() - 1);
    }
    void addTriangle(unsigned a, unsigned b, unsigned c)
    {
        indices->push_back(a);
        indices->push_back(b);
        indices->push_back(c);
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

//! Roof corners by their float xy, so roof triangles (which come back as positions) reuse the
//! wall-top vertices instead of adding their own.
using TopVertices = std::map<std::pair<float, float>, unsigned>;

//! Walls of RING: each ring point once at the base and once at the top, two triangles per edge.
//! There are no normals: the shader derives the flat face normal, so walls and roof can share
//! the top vertices (about 2.5x fewer vertices to shade). Outer rings run counter-clockwise and
//! holes clockwise, so base(i), base(i+1), top(i+1) is counter-clockwise seen from outside.
void addWalls(ChunkMesh& mesh, const std::vector<osg::Vec2d>& ring, float base, float top, float id,
              TopVertices& tops)
{
    const auto n = unsigned(ring.size());
    const unsigned firstBase = unsigned(mesh.positions->size());
    for (const osg::Vec2d& p : ring)
        mesh.addVertex({float(p.x()), float(p.y()), base}, id);
    const unsigned firstTop = unsigned(mesh.positions->size());
    for (const osg::Vec2d& p : ring) {
        const unsigned t = mesh.addVertex({float(p.x()), float(p.y()), top}, id);
        tops.try_emplace({float(p.x()), float(p.y())}, t);
    }
    for (unsigned i = 0; i < n; ++i) {
        const unsigned j = (i + 1) % n;
        mesh.addTriangle(firstBase + i, firstBase + j, firstTop + j);
        mesh.addTriangle(firstBase + i, firstTop + j, firstTop + i);
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

    // All of a feature's vertices stay contiguous: the FeatureIdTable maps vertex ranges to ids.
    mesh.table->beginFeature(unsigned(mesh.positions->size()), fp.id);
    TopVertices tops;
    addWalls(mesh, outer, base, top, id, tops);
    for (const auto& hole : holes)
        addWalls(mesh, hole, base, top, id, tops);
    const std::vector<osg::Vec3f> roof = triangulatePolygon(outer, holes); // counter-clockwise from above
    unsigned corner[3];
    for (size_t i = 0; i < roof.size(); ++i) {
        const osg::Vec3f& p = roof[i];
        // The triangulator copies ring points as the same floats; only points it creates where
        // self-touching rings cross are new (rare) and get a vertex of their own.
        auto [it, added] = tops.try_emplace({p.x(), p.y()}, 0u);
        if (added)
            it->second = mesh.addVertex({p.x(), p.y(), top}, id);
        corner[i % 3] = it->second;
        if (i % 3 == 2)
            mesh.addTriangle(corner[0], corner[1], corner[2]);
    }
}

osg::ref_ptr<osg::Node> finishChunk(ChunkMesh& mesh)
{
    osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
    geom->setName("buildings-chunk");
    geom->setUseDisplayList(false);
    geom->setUseVertexBufferObjects(true);
    geom->setVertexArray(mesh.positions);
    geom->setVertexAttribArray(featureAttrib::kFeatureId, mesh.featureIds, osg::Array::BIND_PER_VERTEX);
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
    ss->setAttributeAndModes(makeFeatureProgram("buildings.vert", "buildings.frag"));
    ss->setAttributeAndModes(new osg::CullFace(osg::CullFace::BACK)); // closed solids: halves the fill
    ss->addUniform(new osg::Uniform("ct_wallColour", options.wallColour));
    ss->addUniform(new osg::Uniform("ct_roofColour", options.roofColour));
    addFeatureUniforms(*ss, options.highlightColour);
    return root;
}

void setBuildingsHighlight(osg::Node* buildings, std::optional<std::int64_t> id)
{
    setFeatureHighlight(buildings, id); // the buildings shader reads the same uniform as models
}

} // namespace citytwin::scene
