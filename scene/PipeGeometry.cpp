// Tube sweeping, box corners and merged pipe geometry for buildPipes().
#include "scene/PipeGeometry.h"

#include "scene/FeatureProgram.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace citytwin::scene {

namespace {

const osg::Vec3d kUp(0.0, 0.0, 1.0);

osg::Vec3d direction(const std::vector<osg::Vec3d>& points, std::size_t k)
{
    osg::Vec3d d = points[k + 1] - points[k];
    d.normalize();
    return d;
}

//! Normal of the plane a ring at point I lies in: the bisector of its two segments.
osg::Vec3d ringPlane(const std::vector<osg::Vec3d>& points, std::size_t i)
{
    if (i == 0)
        return direction(points, 0);
    if (i + 1 == points.size())
        return direction(points, i - 1);
    osg::Vec3d n = direction(points, i - 1) + direction(points, i);
    n.normalize();
    return n;
}

//! Horizontal unit vector to the right of D (x for a vertical D).
osg::Vec3d sideOf(const osg::Vec3d& d)
{
    osg::Vec3d s = d ^ kUp;
    if (s.length2() < 1e-12)
        return {1.0, 0.0, 0.0};
    s.normalize();
    return s;
}

//! Component of Q − A perpendicular to D (unit), normalised: the cylinder's normal at Q.
osg::Vec3d radial(const osg::Vec3d& q, const osg::Vec3d& a, const osg::Vec3d& d)
{
    osg::Vec3d r = q - a;
    r -= d * (r * d);
    r.normalize();
    return r;
}

void pushIndices(osg::DrawElementsUInt& indices, std::initializer_list<unsigned> values)
{
    indices.insert(indices.end(), values.begin(), values.end());
}

osg::Vec4ub toUb(const osg::Vec3f& c)
{
    auto b = [](float v) { return (unsigned char)std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f); };
    return {b(c.x()), b(c.y()), b(c.z()), 255};
}

} // namespace

std::vector<osg::Vec3d> sweepRings(const std::vector<osg::Vec3d>& points, double radius, int n)
{
    std::vector<osg::Vec3d> rings;
    if (points.size() < 2 || n < 3)
        return rings;
    rings.reserve(points.size() * std::size_t(n));
    const osg::Vec3d d0 = direction(points, 0);
    const osg::Vec3d u = sideOf(d0);
    const osg::Vec3d v = d0 ^ u; // (u, v, d0) right-handed: rings run counter-clockwise about d
    for (int j = 0; j < n; ++j) {
        const double a = 2.0 * M_PI * j / n;
        rings.push_back(points[0] + (u * std::cos(a) + v * std::sin(a)) * radius);
    }
    for (std::size_t i = 1; i < points.size(); ++i) {
        const osg::Vec3d d = direction(points, i - 1);
        const osg::Vec3d plane = ringPlane(points, i);
        // Moving along the segment keeps each vertex on its cylinder; the bisecting plane is
        // where that cylinder meets the next one.
        const double along = d * plane;
        for (int j = 0; j < n; ++j) {
            const osg::Vec3d& q = rings[(i - 1) * std::size_t(n) + std::size_t(j)];
            rings.push_back(q + d * (((points[i] - q) * plane) / along));
        }
    }
    return rings;
}

std::vector<osg::Vec3d> boxCorners(const std::vector<osg::Vec3d>& points, double width, double height)
{
    std::vector<osg::Vec3d> corners;
    corners.reserve(points.size() * 4);
    const osg::Vec3d up = kUp * (height / 2.0);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const osg::Vec3d before = sideOf(direction(points, i == 0 ? 0 : i - 1));
        const osg::Vec3d after = sideOf(direction(points, i + 1 == points.size() ? i - 1 : i));
        osg::Vec3d mitre = before + after;
        if (mitre.length2() < 1e-12)
            mitre = after;
        mitre.normalize();
        // Scaled by 1/cos(half the horizontal turn) so the walls keep the box's width.
        const double cosHalf = std::max(mitre * after, 0.25);
        const osg::Vec3d side = mitre * (width / 2.0 / cosHalf);
        const osg::Vec3d& c = points[i];
        corners.insert(corners.end(), {c + side - up, c + side + up, c - side + up, c - side - up});
    }
    return corners;
}

PipeGeometryBuilder::PipeGeometryBuilder(const osg::Vec3d& centre, bool lines)
    : m_centre(centre), m_indices(new osg::DrawElementsUInt(lines ? GL_LINES : GL_TRIANGLES))
{
}

void PipeGeometryBuilder::beginPipe(std::int64_t id, const osg::Vec3f& colour)
{
    m_colour = toUb(colour);
    m_id = float(id);
    if (!m_havePipe || id != m_pipeId)
        m_table->beginFeature(unsigned(m_positions->size()), id);
    m_havePipe = true;
    m_pipeId = id;
}

unsigned PipeGeometryBuilder::addVertex(const osg::Vec3d& p, const osg::Vec3f& normal)
{
    m_positions->push_back(osg::Vec3f(p - m_centre));
    m_normals->push_back(normal);
    m_colours->push_back(m_colour);
    m_featureIds->push_back(m_id);
    return unsigned(m_positions->size() - 1);
}

unsigned PipeGeometryBuilder::ringBase(std::size_t strand, const std::vector<osg::Vec3d>& points,
                                       const std::vector<osg::Vec3d>& rings, int n, std::size_t i)
{
    if (strand == m_lastStrand && i == m_lastRing)
        return m_lastBase;
    const unsigned base = unsigned(m_positions->size());
    for (int j = 0; j < n; ++j) {
        const osg::Vec3d& q = rings[i * std::size_t(n) + std::size_t(j)];
        // Smooth shading across a joint: the mean of both cylinders' normals.
        osg::Vec3d normal;
        if (i > 0)
            normal += radial(q, points[i - 1], direction(points, i - 1));
        if (i + 1 < points.size())
            normal += radial(q, points[i], direction(points, i));
        normal.normalize();
        addVertex(q, osg::Vec3f(normal));
    }
    m_lastStrand = strand;
    m_lastRing = i;
    m_lastBase = base;
    return base;
}

void PipeGeometryBuilder::addRoundSegment(std::size_t strand, const std::vector<osg::Vec3d>& points,
                                          const std::vector<osg::Vec3d>& rings, int n, std::size_t k, bool capStart,
                                          bool capEnd)
{
    const osg::Vec3d d = direction(points, k);
    if (capStart)
        addCap(rings, n, k, -d);
    const unsigned a = ringBase(strand, points, rings, n, k);
    const unsigned b = ringBase(strand, points, rings, n, k + 1);
    for (unsigned j = 0; j < unsigned(n); ++j) {
        const unsigned j1 = (j + 1) % unsigned(n);
        // Rings run counter-clockwise about d, so (a j, a j1, b j) faces outwards.
        pushIndices(*m_indices, {a + j, a + j1, b + j, a + j1, b + j1, b + j});
    }
    if (capEnd)
        addCap(rings, n, k + 1, d);
}

void PipeGeometryBuilder::addCap(const std::vector<osg::Vec3d>& rings, int n, std::size_t i, const osg::Vec3d& outward)
{
    // A fan over the ring's own vertices (copies with the cap's normal): no centre vertex, so
    // every vertex of a tube stays on its cylinder.
    const unsigned base = unsigned(m_positions->size());
    for (int j = 0; j < n; ++j)
        addVertex(rings[i * std::size_t(n) + std::size_t(j)], osg::Vec3f(outward));
    const osg::Vec3d* r = &rings[i * std::size_t(n)];
    const bool reverse = outward * ((r[1] - r[0]) ^ (r[2] - r[0])) < 0.0;
    for (unsigned j = 1; j + 1 < unsigned(n); ++j) {
        if (reverse)
            pushIndices(*m_indices, {base, base + j + 1, base + j});
        else
            pushIndices(*m_indices, {base, base + j, base + j + 1});
    }
    m_lastStrand = ~std::size_t(0); // the next ring must not reuse these copies
}

void PipeGeometryBuilder::addQuad(const osg::Vec3d& a, const osg::Vec3d& b, const osg::Vec3d& c, const osg::Vec3d& d,
                                  const osg::Vec3d& outward)
{
    osg::Vec3d normal = (b - a) ^ (c - a);
    normal.normalize();
    const bool flip = normal * outward < 0.0;
    if (flip)
        normal = -normal;
    const unsigned base = unsigned(m_positions->size());
    for (const osg::Vec3d* p : {&a, &b, &c, &d})
        addVertex(*p, osg::Vec3f(normal));
    if (flip)
        pushIndices(*m_indices, {base, base + 2, base + 1, base, base + 3, base + 2});
    else
        pushIndices(*m_indices, {base, base + 1, base + 2, base, base + 2, base + 3});
    m_lastStrand = ~std::size_t(0);
}

void PipeGeometryBuilder::addBoxSegment(const std::vector<osg::Vec3d>& points, const std::vector<osg::Vec3d>& corners,
                                        std::size_t k, bool capStart, bool capEnd)
{
    const osg::Vec3d* s = &corners[4 * k];
    const osg::Vec3d* e = &corners[4 * (k + 1)];
    const osg::Vec3d mid = (points[k] + points[k + 1]) * 0.5;
    for (int f = 0; f < 4; ++f) {
        const int g = (f + 1) % 4;
        const osg::Vec3d faceMid = (s[f] + s[g] + e[f] + e[g]) * 0.25;
        addQuad(s[f], s[g], e[g], e[f], faceMid - mid);
    }
    const osg::Vec3d d = direction(points, k);
    if (capStart)
        addQuad(s[0], s[1], s[2], s[3], -d);
    if (capEnd)
        addQuad(e[0], e[1], e[2], e[3], d);
}

void PipeGeometryBuilder::addLineSegment(std::size_t strand, const std::vector<osg::Vec3d>& points, std::size_t k)
{
    const osg::Vec3f up(0.0f, 0.0f, 1.0f); // lit like a horizontal surface
    unsigned a = 0;
    if (strand == m_lastStrand && k == m_lastRing) {
        a = m_lastBase;
    } else {
        a = addVertex(points[k], up);
    }
    const unsigned b = addVertex(points[k + 1], up);
    pushIndices(*m_indices, {a, b});
    m_lastStrand = strand;
    m_lastRing = k + 1;
    m_lastBase = b;
}

osg::ref_ptr<osg::Geometry> PipeGeometryBuilder::finish(const char* name)
{
    osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
    geom->setName(name);
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

} // namespace citytwin::scene
