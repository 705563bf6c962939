#pragma once

// Checks on a data::Model that tst_ifcreader needs: counting, ancestry, boxes, mesh volume.

#include "data/Model.h"
#include "gis/ModelPlacementFrame.h"

#include <QFile>
#include <QRegularExpression>
#include <QtTest>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <utility>

namespace citytwin::test {

using data::Model;
using data::ProjectedPoint;

constexpr double kTolerance = 0.1; // metres

inline QByteArray fileText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

//! How many entity lines of exactly these IFC classes the STEP text has.
inline int countEntities(const QByteArray& text, const QStringList& classes)
{
    const QRegularExpression re(
        QStringLiteral("^#\\d+\\s*=\\s*(%1)\\s*\\(").arg(classes.join(QLatin1Char('|'))),
        QRegularExpression::MultilineOption);
    int n = 0;
    for (auto it = re.globalMatch(QString::fromLatin1(text)); it.hasNext(); it.next())
        ++n;
    return n;
}

inline int countFeatures(const Model& model, const QStringList& types)
{
    return int(std::count_if(model.features.begin(), model.features.end(),
                             [&](const data::ModelFeature& f) { return types.contains(f.type); }));
}

inline bool hasAncestorOfType(const Model& model, const data::ModelFeature& f, const QString& type)
{
    for (const data::ModelFeature* p = model.feature(f.parent); p; p = model.feature(p->parent))
        if (p->type == type)
            return true;
    return false;
}

//! The projected bounding box of the local box LO..HI under FRAME (all eight corners).
inline std::pair<ProjectedPoint, ProjectedPoint> frameBox(const gis::ModelPlacementFrame& frame,
                                                          const double lo[3], const double hi[3])
{
    ProjectedPoint mn{1e300, 1e300, 1e300}, mx{-1e300, -1e300, -1e300};
    for (int c = 0; c < 8; ++c) {
        const ProjectedPoint p =
            frame.toProjected(c & 1 ? hi[0] : lo[0], c & 2 ? hi[1] : lo[1], c & 4 ? hi[2] : lo[2]);
        mn = {std::min(mn.x, p.x), std::min(mn.y, p.y), std::min(mn.z, p.z)};
        mx = {std::max(mx.x, p.x), std::max(mx.y, p.y), std::max(mx.z, p.z)};
    }
    return {mn, mx};
}

inline void compareBox(const Model& m, const ProjectedPoint& mn, const ProjectedPoint& mx,
                       double tol = kTolerance)
{
    const double got[6] = {m.boundsMin.x, m.boundsMin.y, m.boundsMin.z,
                           m.boundsMax.x, m.boundsMax.y, m.boundsMax.z};
    const double want[6] = {mn.x, mn.y, mn.z, mx.x, mx.y, mx.z};
    for (int i = 0; i < 6; ++i)
        QVERIFY2(std::abs(got[i] - want[i]) < tol, qPrintable(QStringLiteral("bound %1: got %2 want %3")
                                                                  .arg(i)
                                                                  .arg(got[i], 0, 'f', 3)
                                                                  .arg(want[i], 0, 'f', 3)));
}

//! Signed volume of a closed mesh: positive when its triangles face outwards.
inline double signedVolume(const data::ModelMesh& mesh)
{
    double v = 0;
    const auto& p = mesh.positions;
    for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        const float* a = &p[mesh.indices[t] * 3];
        const float* b = &p[mesh.indices[t + 1] * 3];
        const float* c = &p[mesh.indices[t + 2] * 3];
        v += (a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) +
              a[2] * (b[0] * c[1] - b[1] * c[0])) /
             6.0;
    }
    return v;
}

//! The box of every IfcCartesianPoint that an IfcPolyLoop of TEXT references, times SCALE.
inline void polyLoopExtent(const QString& text, double scale, double lo[3], double hi[3])
{
    std::map<int, std::array<double, 3>> points;
    static const QRegularExpression pointRe(
        R"(#(\d+)=IFCCARTESIANPOINT\(\(([-\d.E]+),([-\d.E]+),([-\d.E]+)\)\))");
    for (auto it = pointRe.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        points[m.captured(1).toInt()] = {m.captured(2).toDouble() * scale, m.captured(3).toDouble() * scale,
                                         m.captured(4).toDouble() * scale};
    }
    for (int k = 0; k < 3; ++k) {
        lo[k] = 1e300;
        hi[k] = -1e300;
    }
    static const QRegularExpression loopRe(R"(=IFCPOLYLOOP\(\(([^)]*)\)\))");
    for (auto it = loopRe.globalMatch(text); it.hasNext();)
        for (const QString& ref : it.next().captured(1).split(',')) {
            const auto p = points.find(ref.mid(1).toInt());
            if (p == points.end())
                continue;
            for (int k = 0; k < 3; ++k) {
                lo[k] = std::min(lo[k], p->second[k]);
                hi[k] = std::max(hi[k], p->second[k]);
            }
        }
}

//! (meshes of TYPES with a negative signed volume, meshes of TYPES).
inline std::pair<int, int> inwardSolids(const Model& m, const QStringList& types)
{
    int inward = 0, solids = 0;
    for (const data::ModelMesh& mesh : m.meshes)
        if (types.contains(m.feature(mesh.feature)->type)) {
            ++solids;
            inward += signedVolume(mesh) < 0 ? 1 : 0;
        }
    return {inward, solids};
}

//! (features of TYPES whose meshes' volume is within 1% of their ATTRIBUTE, features of TYPES
//! that have ATTRIBUTE).
inline std::pair<int, int> volumesMatching(const Model& m, const QString& attribute, const QStringList& types)
{
    int withVolume = 0, matching = 0;
    for (const data::ModelFeature& f : m.features) {
        const auto stated = f.attribute(attribute);
        if (!stated || !types.contains(f.type))
            continue;
        double volume = 0;
        for (const data::ModelMesh& mesh : m.meshes)
            volume += mesh.feature == f.id ? signedVolume(mesh) : 0.0;
        ++withVolume;
        matching += std::abs(volume - stated->toDouble()) < 0.01 * stated->toDouble() ? 1 : 0;
    }
    return {matching, withVolume};
}

} // namespace citytwin::test
