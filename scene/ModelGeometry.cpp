#include "scene/ModelGeometry.h"

#include "scene/FeatureProgram.h"

#include <algorithm>
#include <cmath>

namespace citytwin::scene {

namespace {

osg::Vec4ub toRgba8(const std::array<float, 4>& c)
{
    auto channel = [](float v) {
        return osg::Vec4ub::value_type(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
    };
    return {channel(c[0]), channel(c[1]), channel(c[2]), channel(c[3])};
}

//! Unit normal of triangle ABC (counter-clockwise from its front); straight up when degenerate.
osg::Vec3f flatNormal(const osg::Vec3d& a, const osg::Vec3d& b, const osg::Vec3d& c)
{
    osg::Vec3d n = (b - a) ^ (c - a);
    const double len = n.length();
    if (len < 1e-12)
        return {0.0f, 0.0f, 1.0f};
    n /= len;
    return {float(n.x()), float(n.y()), float(n.z())};
}

} // namespace

ModelGeometryBuilder::ModelGeometryBuilder(const data::Model& model, const osg::Vec3d& centre, bool textured)
    : m_model(model), m_centre(centre), m_textured(textured)
{
    if (m_textured)
        m_texCoords = new osg::Vec2Array;
}

unsigned ModelGeometryBuilder::addVertex(const osg::Vec3f& p, const osg::Vec3f& n, const osg::Vec4ub& c,
                                         const osg::Vec2f& uv)
{
    m_positions->push_back(p);
    m_normals->push_back(n);
    m_colours->push_back(c);
    if (m_textured)
        m_texCoords->push_back(uv);
    m_featureIds->push_back(m_featureValue);
    return unsigned(m_positions->size() - 1);
}

void ModelGeometryBuilder::addPiece(const ModelPiece& piece)
{
    const data::ModelMesh& mesh = m_model.meshes[piece.mesh];
    const std::size_t vertexCount = mesh.vertexCount();
    if (piece.feature != m_feature || !m_inFeature) {
        if (piece.feature >= 0)
            m_table->beginFeature(unsigned(m_positions->size()), piece.feature);
        m_feature = piece.feature;
        m_featureValue = piece.feature >= 0 ? float(piece.feature) : -1.0f;
        m_inFeature = true;
    }
    // Mesh vertices are float metres from the anchor: the offset to our centre in double keeps
    // millimetres whatever the distance between the two.
    const osg::Vec3d offset(mesh.anchor.x - m_centre.x(), mesh.anchor.y - m_centre.y(),
                            mesh.anchor.z - m_centre.z());
    const float* pos = mesh.positions.data();
    auto local = [&](std::uint32_t v) {
        return osg::Vec3d(offset.x() + pos[3 * v], offset.y() + pos[3 * v + 1], offset.z() + pos[3 * v + 2]);
    };
    auto uvOf = [&](std::uint32_t v) {
        // Row 0 of a ModelTexture is its top row and is uploaded as the texture's first row,
        // which GL addresses as t = 0: v measured down from the top is t as it stands.
        return m_textured ? osg::Vec2f(mesh.texCoords[2 * v], mesh.texCoords[2 * v + 1]) : osg::Vec2f();
    };
    const osg::Vec4ub colour = toRgba8(mesh.colour);
    const bool sharedNormals = !mesh.normals.empty() && mesh.normals.size() == mesh.positions.size();
    if (sharedNormals) {
        if (m_remap.size() < vertexCount) {
            m_remap.resize(vertexCount);
            m_stamp.resize(vertexCount, 0);
        }
        if (++m_pieceStamp == 0) { // wrapped: forget every old stamp
            std::fill(m_stamp.begin(), m_stamp.end(), 0u);
            m_pieceStamp = 1;
        }
    }

    const std::size_t triangleCount = piece.triangles.empty() ? mesh.triangleCount() : piece.triangles.size();
    for (std::size_t k = 0; k < triangleCount; ++k) {
        const std::size_t t = piece.triangles.empty() ? k : piece.triangles[k];
        const std::uint32_t* tri = &mesh.indices[3 * t];
        if (tri[0] >= vertexCount || tri[1] >= vertexCount || tri[2] >= vertexCount) {
            ++m_skipped;
            continue;
        }
        if (sharedNormals) {
            for (int i = 0; i < 3; ++i) {
                const std::uint32_t v = tri[i];
                if (m_stamp[v] != m_pieceStamp) {
                    const float* n = &mesh.normals[3 * v];
                    m_stamp[v] = m_pieceStamp;
                    m_remap[v] = addVertex(local(v), {n[0], n[1], n[2]}, colour, uvOf(v));
                }
                m_indices->push_back(m_remap[v]);
            }
        } else {
            // Flat shading needs the face normal on each corner: three vertices of its own.
            const osg::Vec3d a = local(tri[0]), b = local(tri[1]), c = local(tri[2]);
            const osg::Vec3f n = flatNormal(a, b, c);
            const unsigned first = addVertex(a, n, colour, uvOf(tri[0]));
            addVertex(b, n, colour, uvOf(tri[1]));
            addVertex(c, n, colour, uvOf(tri[2]));
            m_indices->push_back(first);
            m_indices->push_back(first + 1);
            m_indices->push_back(first + 2);
        }
    }
}

osg::ref_ptr<osg::Geometry> ModelGeometryBuilder::finish()
{
    osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
    geom->setName("model-chunk");
    geom->setUseDisplayList(false);
    geom->setUseVertexBufferObjects(true);
    geom->setVertexArray(m_positions);
    geom->setNormalArray(m_normals, osg::Array::BIND_PER_VERTEX);
    m_colours->setNormalize(true);
    geom->setColorArray(m_colours, osg::Array::BIND_PER_VERTEX);
    if (m_textured)
        geom->setTexCoordArray(0, m_texCoords, osg::Array::BIND_PER_VERTEX);
    geom->setVertexAttribArray(featureAttrib::kFeatureId, m_featureIds, osg::Array::BIND_PER_VERTEX);
    geom->addPrimitiveSet(m_indices);
    geom->setUserData(m_table);
    return geom;
}

} // namespace citytwin::scene
