#pragma once

// Internal to ModelBuilder.cpp: fills one merged model geometry from mesh pieces.

#include "data/Model.h"
#include "scene/FeatureId.h"

#include <cstdint>
#include <osg/Array>
#include <osg/Geometry>
#include <osg/PrimitiveSet>
#include <osg/Vec3d>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

//! The triangles of one mesh that belong to one feature.
struct ModelPiece
{
    std::int64_t feature = -1;
    std::uint32_t mesh = 0;
    std::vector<std::uint32_t> triangles; //!< triangle numbers; empty: all of the mesh
};

//! Appends pieces of a model's meshes to one geometry, vertices relative to CENTRE (project
//! CRS). Pieces must come sorted by feature so each feature's vertices are one contiguous
//! range of the FeatureIdTable; features < 0 (none) must come first and get no range.
class ModelGeometryBuilder
{
public:
    ModelGeometryBuilder(const data::Model& model, const osg::Vec3d& centre, bool textured);

    void addPiece(const ModelPiece& piece);
    //! Triangles dropped so far for indices beyond their mesh's vertices.
    std::size_t skippedTriangles() const { return m_skipped; }
    std::size_t vertexCount() const { return m_positions->size(); }
    //! The geometry (VBOs, arrays per vertex, FeatureIdTable as user data).
    osg::ref_ptr<osg::Geometry> finish();

private:
    unsigned addVertex(const osg::Vec3f& p, const osg::Vec3f& n, const osg::Vec4ub& c, const osg::Vec2f& uv);

    const data::Model& m_model;
    osg::Vec3d m_centre;
    bool m_textured;
    osg::ref_ptr<osg::Vec3Array> m_positions = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec3Array> m_normals = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec4ubArray> m_colours = new osg::Vec4ubArray;
    osg::ref_ptr<osg::Vec2Array> m_texCoords;
    osg::ref_ptr<osg::FloatArray> m_featureIds = new osg::FloatArray;
    osg::ref_ptr<osg::DrawElementsUInt> m_indices = new osg::DrawElementsUInt(GL_TRIANGLES);
    osg::ref_ptr<FeatureIdTable> m_table = new FeatureIdTable;
    bool m_inFeature = false;
    std::int64_t m_feature = -1;
    float m_featureValue = -1.0f;
    // Shared-vertex remapping of the current piece: m_remap[v] is valid while m_stamp[v] equals
    // m_pieceStamp, so each piece starts afresh without clearing the arrays.
    std::vector<std::uint32_t> m_remap;
    std::vector<std::uint32_t> m_stamp;
    std::uint32_t m_pieceStamp = 0;
    std::size_t m_skipped = 0;
};

} // namespace citytwin::scene
