#pragma once

// Geometry pieces of buildPipes() (scene/PipeBuilder.h): swept tube rings, box corners and the
// per-(chunk, level of detail) geometry they are merged into.

#include "scene/FeatureId.h"

#include <cstdint>
#include <osg/Array>
#include <osg/Geometry>
#include <osg/PrimitiveSet>
#include <osg/Vec3d>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

//! Rings of a round tube of RADIUS with N sides along POINTS (no two equal, no turn near 180°),
//! N vertices per point, point after point. The first ring is perpendicular to the first
//! segment; every later ring is the previous one moved along its segment onto the plane that
//! bisects the joint (the last: perpendicular), so each ring lies on the cylinders of both its
//! segments (a mitre) and the tube does not twist.
std::vector<osg::Vec3d> sweepRings(const std::vector<osg::Vec3d>& points, double radius, int n);

//! Corners of a box section WIDTH × HEIGHT along POINTS, 4 per point: the side offsets are
//! horizontal (mitred at joints like sweepRings) and the height offsets vertical, so the box's
//! sides stay vertical. Order per point: +side−up, +side+up, −side+up, −side−up.
std::vector<osg::Vec3d> boxCorners(const std::vector<osg::Vec3d>& points, double width, double height);

//! One merged pipe geometry (one chunk, one level of detail): positions relative to CENTRE,
//! per-vertex normal, colour and feature id, and a FeatureIdTable. Add every segment of a pipe
//! before the next pipe so each pipe's vertices stay contiguous.
class PipeGeometryBuilder
{
public:
    explicit PipeGeometryBuilder(const osg::Vec3d& centre, bool lines);

    //! Following segments belong to pipe ID drawn in COLOUR (RGB 0..1).
    void beginPipe(std::int64_t id, const osg::Vec3f& colour);
    //! Segment K of strand STRAND (a number unique per strand and level) with RINGS from
    //! sweepRings(POINTS, …, N); consecutive segments of a strand share their ring.
    void addRoundSegment(std::size_t strand, const std::vector<osg::Vec3d>& points,
                         const std::vector<osg::Vec3d>& rings, int n, std::size_t k, bool capStart, bool capEnd);
    //! Segment K of a box strand with CORNERS from boxCorners(POINTS, …): four flat faces.
    void addBoxSegment(const std::vector<osg::Vec3d>& points, const std::vector<osg::Vec3d>& corners, std::size_t k,
                       bool capStart, bool capEnd);
    //! Segment K of a strand's centre line (GL_LINES builders).
    void addLineSegment(std::size_t strand, const std::vector<osg::Vec3d>& points, std::size_t k);

    bool empty() const { return m_indices->empty(); }
    osg::ref_ptr<osg::Geometry> finish(const char* name);

private:
    unsigned addVertex(const osg::Vec3d& p, const osg::Vec3f& normal);
    //! Vertices of ring I (reused when the previous segment of STRAND emitted it).
    unsigned ringBase(std::size_t strand, const std::vector<osg::Vec3d>& points, const std::vector<osg::Vec3d>& rings,
                      int n, std::size_t i);
    //! Two triangles A B C D wound so that their face looks along OUTWARD.
    void addQuad(const osg::Vec3d& a, const osg::Vec3d& b, const osg::Vec3d& c, const osg::Vec3d& d,
                 const osg::Vec3d& outward);
    void addCap(const std::vector<osg::Vec3d>& rings, int n, std::size_t i, const osg::Vec3d& outward);

    osg::Vec3d m_centre;
    osg::Vec4ub m_colour;
    float m_id = 0.0f;
    bool m_havePipe = false;
    std::int64_t m_pipeId = 0;
    std::size_t m_lastStrand = ~std::size_t(0);
    std::size_t m_lastRing = ~std::size_t(0);
    unsigned m_lastBase = 0;
    osg::ref_ptr<osg::Vec3Array> m_positions = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec3Array> m_normals = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec4ubArray> m_colours = new osg::Vec4ubArray;
    osg::ref_ptr<osg::FloatArray> m_featureIds = new osg::FloatArray;
    osg::ref_ptr<osg::DrawElementsUInt> m_indices;
    osg::ref_ptr<FeatureIdTable> m_table = new FeatureIdTable;
};

} // namespace citytwin::scene
