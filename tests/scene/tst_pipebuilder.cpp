// buildPipes() without GL: tubes on their cylinders (straight and mitred), box sections on the box,
// the LOD structure and ranges, feature ids per vertex, network colours, skipped pipes, chunking
// and the build time of a few thousand segments.
#include "GeometryCollector.h"
#include "data/PipeMapping.h"
#include "scene/FeatureId.h"
#include "scene/FeatureProgram.h"
#include "scene/FeatureStyler.h"
#include "scene/PipeBuilder.h"

#include <QElapsedTimer>
#include <QtTest>
#include <cmath>
#include <limits>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/LOD>
#include <osg/MatrixTransform>
#include <osg/NodeVisitor>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

using Placed = test::PlacedGeometry;

//! World positions (relative to the build origin) of every vertex of PLACED.
std::vector<osg::Vec3d> worldVertices(const Placed& placed)
{
    std::vector<osg::Vec3d> out;
    const auto* v = static_cast<const osg::Vec3Array*>(placed.geometry->getVertexArray());
    for (const osg::Vec3f& p : *v)
        out.push_back(osg::Vec3d(p) * placed.toWorld);
    return out;
}

//! Distance of P from the line through A and B, and its parameter along A→B in metres.
std::pair<double, double> axisDistance(const osg::Vec3d& p, const osg::Vec3d& a, const osg::Vec3d& b)
{
    osg::Vec3d d = b - a;
    d.normalize();
    const double t = (p - a) * d;
    return {(p - a - d * t).length(), t};
}

const data::ProjectedPoint kOrigin{40'500'000.0, 3'400'000.0, 0.0};

data::PipeLine pipe(std::int64_t id, std::vector<osg::Vec3d> local, double diameter = 0.4,
                    data::PipeNetwork network = data::PipeNetwork::WaterSupply)
{
    data::PipeLine p;
    p.id = id;
    p.network = network;
    p.diameterM = diameter;
    for (const osg::Vec3d& v : local)
        p.points.push_back({kOrigin.x + v.x(), kOrigin.y + v.y(), kOrigin.z + v.z()});
    return p;
}

} // namespace

class TestPipeBuilder : public QObject
{
    Q_OBJECT

private slots:
    void straightPipeOnItsCylinder_data()
    {
        QTest::addColumn<osg::Vec3d>("a");
        QTest::addColumn<osg::Vec3d>("b");
        QTest::addColumn<double>("diameter");
        QTest::newRow("east") << osg::Vec3d(10, 20, -2) << osg::Vec3d(90, 20, -2) << 0.4;
        QTest::newRow("diagonal sloped") << osg::Vec3d(-30, 40, -1.5) << osg::Vec3d(60, -20, -3.5) << 1.2;
        QTest::newRow("vertical riser") << osg::Vec3d(5, 5, -6) << osg::Vec3d(5, 5, -1) << 0.2;
        QTest::newRow("thin long") << osg::Vec3d(0, 0, -1) << osg::Vec3d(300, 200, -1.2) << 0.05;
    }
    void straightPipeOnItsCylinder()
    {
        QFETCH(osg::Vec3d, a);
        QFETCH(osg::Vec3d, b);
        QFETCH(double, diameter);
        PipesOptions options;
        options.chunkSizeM = 10'000.0; // one chunk
        osg::ref_ptr<osg::Node> node = buildPipes({pipe(7, {a, b}, diameter)}, kOrigin, options);
        const test::GeometryCollector c = test::collectGeometries(node.get());
        const double length = (b - a).length();
        for (const auto& [name, sides] : {std::pair{"pipes-near", 12}, std::pair{"pipes-far", 4}}) {
            const std::vector<Placed> geoms = test::geometriesNamed(c, name);
            QCOMPARE(geoms.size(), std::size_t(1));
            const std::vector<osg::Vec3d> vertices = worldVertices(geoms[0]);
            // Two rings and two caps (copies of the rings with the caps' normal).
            QCOMPARE(vertices.size(), std::size_t(4 * sides));
            for (const osg::Vec3d& v : vertices) {
                const auto [distance, t] = axisDistance(v, a, b);
                QVERIFY2(std::abs(distance - diameter / 2.0) < 0.01,
                         qPrintable(QStringLiteral("%1: vertex %2 m from the axis").arg(name).arg(distance)));
                QVERIFY(t > -0.01 && t < length + 0.01);
            }
            const auto* colours = static_cast<const osg::Vec4ubArray*>(geoms[0].geometry->getColorArray());
            const std::array<float, 3> water = data::pipeNetworkColour(data::PipeNetwork::WaterSupply);
            QCOMPARE(int(colours->front().r()), int(std::lround(water[0] * 255)));
            QCOMPARE(int(colours->front().b()), int(std::lround(water[2] * 255)));
        }
        // Normals point away from the axis (or along it on the caps).
        const Placed near = test::geometriesNamed(c, "pipes-near")[0];
        const auto* normals = static_cast<const osg::Vec3Array*>(near.geometry->getNormalArray());
        const std::vector<osg::Vec3d> vertices = worldVertices(near);
        osg::Vec3d d = b - a;
        d.normalize();
        for (std::size_t i = 0; i < vertices.size(); ++i) {
            const osg::Vec3d n((*normals)[i]);
            QVERIFY(std::abs(n.length() - 1.0) < 1e-3);
            const osg::Vec3d foot = a + d * ((vertices[i] - a) * d);
            osg::Vec3d out = vertices[i] - foot;
            out.normalize();
            QVERIFY(n * out > 0.99 || std::abs(std::abs(n * d) - 1.0) < 1e-3);
        }
    }

    void bentPipeKeepsItsRadius_data()
    {
        QTest::addColumn<osg::Vec3d>("corner");
        QTest::addColumn<osg::Vec3d>("b");
        QTest::newRow("right angle") << osg::Vec3d(50, 0, -2) << osg::Vec3d(50, 50, -2);
        QTest::newRow("30 degrees") << osg::Vec3d(50, 0, -2)
                                    << osg::Vec3d(50 + 50 * std::cos(M_PI / 6), 50 * std::sin(M_PI / 6), -2);
        QTest::newRow("rising bend") << osg::Vec3d(50, 10, 6) << osg::Vec3d(50, 60, 6);
    }
    void bentPipeKeepsItsRadius()
    {
        QFETCH(osg::Vec3d, corner);
        QFETCH(osg::Vec3d, b);
        const osg::Vec3d a(0, 0, -2);
        const double r = 0.5;
        PipesOptions options;
        options.chunkSizeM = 10'000.0;
        osg::ref_ptr<osg::Node> node = buildPipes({pipe(1, {a, corner, b}, 2 * r)}, kOrigin, options);
        const std::vector<Placed> near =
            test::geometriesNamed(test::collectGeometries(node.get()), "pipes-near");
        QCOMPARE(near.size(), std::size_t(1));
        const std::vector<osg::Vec3d> vertices = worldVertices(near[0]);
        QCOMPARE(vertices.size(), std::size_t(5 * 12)); // 3 shared rings + 2 caps
        int onBoth = 0;
        for (const osg::Vec3d& v : vertices) {
            const auto [d0, t0] = axisDistance(v, a, corner);
            const auto [d1, t1] = axisDistance(v, corner, b);
            const bool onFirst = std::abs(d0 - r) < 0.01 && t0 > -0.01 && t0 < (corner - a).length() + 2 * r;
            const bool onSecond = std::abs(d1 - r) < 0.01 && t1 > -2 * r && t1 < (b - corner).length() + 0.01;
            QVERIFY2(onFirst || onSecond, qPrintable(QStringLiteral("vertex %1/%2 m off the axes").arg(d0).arg(d1)));
            onBoth += onFirst && onSecond ? 1 : 0;
        }
        // The joint's ring lies on both cylinders: a mitre, not a perpendicular ring of radius r.
        QCOMPARE(onBoth, 12);
    }

    void hairpinTurnSplitsTheTube()
    {
        // A turn of ~177°: a mitre would reach ~20 radii out, so the tube ends and restarts there.
        const osg::Vec3d a(0, 0, -2), corner(50, 0, -2), b(0, 3, -2);
        const double r = 0.3;
        osg::ref_ptr<osg::Node> node = buildPipes({pipe(9, {a, corner, b}, 2 * r)}, kOrigin);
        const std::vector<Placed> near =
            test::geometriesNamed(test::collectGeometries(node.get()), "pipes-near");
        QCOMPARE(near.size(), std::size_t(1));
        const std::vector<osg::Vec3d> vertices = worldVertices(near[0]);
        QCOMPARE(vertices.size(), std::size_t(2 * 4 * 12)); // two tubes, each two rings and two caps
        for (const osg::Vec3d& v : vertices) {
            const double d0 = axisDistance(v, a, corner).first, d1 = axisDistance(v, corner, b).first;
            QVERIFY(std::abs(d0 - r) < 0.01 || std::abs(d1 - r) < 0.01);
            QVERIFY((v - corner).length() < 50.0 + 2 * r);
        }
    }

    void boxSectionOnTheBox_data()
    {
        QTest::addColumn<osg::Vec3d>("b");
        QTest::newRow("level") << osg::Vec3d(60, 40, -3);
        QTest::newRow("sloped") << osg::Vec3d(60, 40, -8);
    }
    void boxSectionOnTheBox()
    {
        QFETCH(osg::Vec3d, b);
        const osg::Vec3d a(0, 0, -3);
        const double w = 2.0, h = 1.0;
        data::PipeLine p = pipe(3, {a, b});
        p.section = data::PipeSection::Box;
        p.widthM = w;
        p.heightM = h;
        p.network = data::PipeNetwork::Power;
        osg::ref_ptr<osg::Node> node = buildPipes({p}, kOrigin);
        const test::GeometryCollector c = test::collectGeometries(node.get());
        const std::vector<Placed> near = test::geometriesNamed(c, "pipes-near");
        QCOMPARE(near.size(), std::size_t(1));
        const std::vector<osg::Vec3d> vertices = worldVertices(near[0]);
        QCOMPARE(vertices.size(), std::size_t(6 * 4)); // 4 flat faces + 2 end faces, 4 corners each
        const auto* normals = static_cast<const osg::Vec3Array*>(near[0].geometry->getNormalArray());
        osg::Vec3d d = b - a;
        osg::Vec3d side = d ^ osg::Vec3d(0, 0, 1);
        side.normalize();
        d.normalize();
        int walls = 0;
        for (std::size_t i = 0; i < vertices.size(); ++i) {
            const osg::Vec3d rel = vertices[i] - a;
            const double t = rel * d;
            const osg::Vec3d centre = a + d * t;
            const double s = (vertices[i] - centre) * side;
            // Height offsets are vertical: measure them from the centre line at the same plan position.
            const osg::Vec2d plan(b.x() - a.x(), b.y() - a.y());
            const double planT = osg::Vec2d(rel.x(), rel.y()) * plan / plan.length2();
            const double dz = vertices[i].z() - (a.z() + (b.z() - a.z()) * planT);
            QVERIFY2(std::abs(std::abs(s) - w / 2) < 0.01, qPrintable(QStringLiteral("side offset %1").arg(s)));
            QVERIFY2(std::abs(std::abs(dz) - h / 2) < 0.01, qPrintable(QStringLiteral("height offset %1").arg(dz)));
            const osg::Vec3f n = (*normals)[i];
            if (std::abs(std::abs(osg::Vec3d(n) * side) - 1.0) < 1e-3)
                ++walls; // the two side walls: vertical, facing sideways
        }
        QCOMPARE(walls, 8);
    }

    void lodStructureAndRanges()
    {
        PipesOptions options;
        options.nearRangeM = 300.0;
        options.lineRangeM = 2000.0;
        options.chunkSizeM = 100.0;
        // Two pipes in one chunk (0..100 × 0..100), one far away in another chunk.
        osg::ref_ptr<osg::Node> node = buildPipes(
            {pipe(1, {{10, 10, -2}, {70, 10, -2}}), pipe(2, {{10, 50, -2}, {10, 90, -2}}),
             pipe(3, {{1010, 10, -2}, {1050, 10, -2}})},
            kOrigin, options);
        auto* root = node->asGroup();
        QVERIFY(root);
        QCOMPARE(root->getNumChildren(), 2u);
        QVERIFY(root->getStateSet() && root->getStateSet()->getAttribute(osg::StateAttribute::PROGRAM));
        auto* xf = dynamic_cast<osg::MatrixTransform*>(root->getChild(0));
        QVERIFY(xf);
        // Chunk centre = centre of its segments' bounds.
        QVERIFY((xf->getMatrix().getTrans() - osg::Vec3d(40, 50, -2)).length() < 1e-6);
        auto* lod = dynamic_cast<osg::LOD*>(xf->getChild(0));
        QVERIFY(lod);
        QCOMPARE(lod->getNumChildren(), 3u);
        const double halfDiagonal = std::hypot(60.0, 80.0) / 2.0;
        QCOMPARE(lod->getMinRange(0), 0.0f);
        QCOMPARE(lod->getMaxRange(0), float(300.0 + halfDiagonal));
        QCOMPARE(lod->getMinRange(1), float(300.0 + halfDiagonal));
        QCOMPARE(lod->getMaxRange(1), float(2000.0 + halfDiagonal));
        QCOMPARE(lod->getMinRange(2), float(2000.0 + halfDiagonal));
        QCOMPARE(lod->getMaxRange(2), std::numeric_limits<float>::max());
        const char* names[3] = {"pipes-near", "pipes-far", "pipes-lines"};
        for (unsigned i = 0; i < 3; ++i) {
            const osg::Geometry* g = lod->getChild(i)->asGeode()->getDrawable(0)->asGeometry();
            QCOMPARE(g->getName(), std::string(names[i]));
            QCOMPARE(g->getPrimitiveSet(0)->getMode(), GLenum(i == 2 ? GL_LINES : GL_TRIANGLES));
        }
        // Lines: the two pipes' end points, one line each.
        const osg::Geometry* lines = lod->getChild(2)->asGeode()->getDrawable(0)->asGeometry();
        QCOMPARE(lines->getVertexArray()->getNumElements(), 4u);
        QCOMPARE(lines->getPrimitiveSet(0)->getNumIndices(), 4u);
    }

    void featureIdsMapVerticesToPipes()
    {
        const std::vector<data::PipeLine> pipes{
            pipe(11, {{0, 0, -2}, {40, 0, -2}, {40, 40, -2}}, 0.3, data::PipeNetwork::WaterSupply),
            pipe(22, {{0, 20, -3}, {30, 25, -3}}, 0.6, data::PipeNetwork::Gas),
            pipe(33, {{60, 5, -1}, {60, 30, -1}}, 0.2, data::PipeNetwork::Telecom)};
        osg::ref_ptr<osg::Node> node = buildPipes(pipes, kOrigin);
        const test::GeometryCollector c = test::collectGeometries(node.get());
        QCOMPARE(c.found.size(), std::size_t(3));
        for (const Placed& placed : c.found) {
            const FeatureIdTable* table = featureIdTable(placed.geometry);
            QVERIFY(table);
            QCOMPARE(table->ids(), (std::vector<std::int64_t>{11, 22, 33}));
            const std::vector<osg::Vec3d> vertices = worldVertices(placed);
            const auto* ids = static_cast<const osg::FloatArray*>(placed.geometry->getVertexAttribArray(6));
            QVERIFY(ids);
            for (unsigned i = 0; i < vertices.size(); ++i) {
                const std::optional<std::int64_t> id = featureIdAt(placed.geometry, i);
                QVERIFY(id);
                QCOMPARE(double((*ids)[i]), double(*id));
                // The vertex lies on (or, for lines, at) the pipe it is mapped to.
                const data::PipeLine& owner = *std::find_if(pipes.begin(), pipes.end(),
                                                            [&](const data::PipeLine& p) { return p.id == *id; });
                double best = 1e9;
                for (std::size_t k = 0; k + 1 < owner.points.size(); ++k) {
                    const auto& p0 = owner.points[k];
                    const auto& p1 = owner.points[k + 1];
                    const osg::Vec3d a(p0.x - kOrigin.x, p0.y - kOrigin.y, p0.z), b(p1.x - kOrigin.x, p1.y - kOrigin.y, p1.z);
                    best = std::min(best, axisDistance(vertices[i], a, b).first);
                }
                QVERIFY(best < owner.diameterM / 2 + 0.01);
            }
        }
    }

    void stylerHidesAndColoursPipes()
    {
        osg::ref_ptr<osg::Node> node =
            buildPipes({pipe(1, {{0, 0, -2}, {40, 0, -2}}), pipe(2, {{0, 10, -2}, {40, 10, -2}})}, kOrigin);
        setFeaturesHidden(node.get(), {2});
        setFeatureColours(node.get(), {{1, osg::Vec4f(1, 0, 0, 1)}});
        const test::GeometryCollector c = test::collectGeometries(node.get());
        QCOMPARE(c.found.size(), std::size_t(3));
        for (const Placed& placed : c.found) {
            const auto* style =
                dynamic_cast<const osg::Vec4ubArray*>(placed.geometry->getVertexAttribArray(featureAttrib::kStyle));
            QVERIFY(style);
            QCOMPARE(style->size(), std::size_t(placed.geometry->getVertexArray()->getNumElements()));
            for (unsigned i = 0; i < style->size(); ++i) {
                const bool second = featureIdAt(placed.geometry, i) == 2;
                QCOMPARE(featureHiddenAt(placed.geometry, i), second);
                if (!second)
                    QCOMPARE(int((*style)[i].r()), 255);
            }
        }
    }

    void unusablePipesAreSkipped()
    {
        data::PipeLine draped = pipe(1, {{0, 0, 0}, {10, 0, 0}});
        draped.points[1].z = std::numeric_limits<double>::quiet_NaN();
        const data::PipeLine onePoint = pipe(2, {{0, 0, -1}});
        const data::PipeLine repeated = pipe(3, {{5, 5, -1}, {5, 5, -1}});
        const data::PipeLine good = pipe(4, {{0, 10, -1}, {10, 10, -1}});
        osg::ref_ptr<osg::Node> node = buildPipes({draped, onePoint, repeated, good}, kOrigin);
        const test::GeometryCollector c = test::collectGeometries(node.get());
        QCOMPARE(c.found.size(), std::size_t(3));
        for (const Placed& placed : c.found)
            QCOMPARE(featureIdTable(placed.geometry)->ids(), std::vector<std::int64_t>{4});
        QCOMPARE(buildPipes({draped, onePoint}, kOrigin)->asGroup()->getNumChildren(), 0u);
        QCOMPARE(buildPipes({}, kOrigin)->asGroup()->getNumChildren(), 0u);
    }

    void segmentsGoToTheChunkOfTheirMidpoint()
    {
        PipesOptions options;
        options.chunkSizeM = 100.0;
        // Segments with midpoints at x = 45, 120 and 180: chunks 0, 1, 1.
        osg::ref_ptr<osg::Node> node =
            buildPipes({pipe(5, {{10, 10, -2}, {80, 10, -2}, {160, 10, -2}, {200, 10, -2}})}, kOrigin, options);
        const std::vector<Placed> near =
            test::geometriesNamed(test::collectGeometries(node.get()), "pipes-near");
        QCOMPARE(near.size(), std::size_t(2));
        for (const Placed& placed : near) {
            const std::vector<osg::Vec3d> vertices = worldVertices(placed);
            double minX = 1e9, maxX = -1e9;
            for (const osg::Vec3d& v : vertices) {
                minX = std::min(minX, v.x());
                maxX = std::max(maxX, v.x());
            }
            const bool first = minX < 50;
            QVERIFY(std::abs(minX - (first ? 10.0 : 80.0)) < 0.3);
            QVERIFY(std::abs(maxX - (first ? 80.0 : 200.0)) < 0.3);
            // Segment 0 alone: 2 rings + start cap; segments 1-2: 3 rings + end cap.
            QCOMPARE(vertices.size(), std::size_t((first ? 3 : 4) * 12));
        }
    }

    void fourThousandSegmentsBuildFast()
    {
        std::vector<data::PipeLine> pipes;
        std::uint32_t seed = 12345;
        auto next = [&seed] {
            seed = seed * 1664525u + 1013904223u;
            return double(seed >> 8) / double(1u << 24);
        };
        for (int p = 0; p < 400; ++p) {
            std::vector<osg::Vec3d> points{{next() * 3000, next() * 3000, -1.5 - next()}};
            for (int k = 0; k < 10; ++k)
                points.push_back(points.back() + osg::Vec3d(next() * 60 - 30, next() * 60 - 30, next() * 0.4 - 0.2));
            pipes.push_back(pipe(p, points, 0.1 + next(), data::PipeNetwork(p % 4)));
            if (p % 5 == 0)
                pipes.back().section = data::PipeSection::Box, pipes.back().widthM = 1.0, pipes.back().heightM = 0.8;
        }
        QElapsedTimer timer;
        timer.start();
        osg::ref_ptr<osg::Node> node = buildPipes(pipes, kOrigin);
        const qint64 ms = timer.elapsed();
        qInfo("4,000 segments (400 pipes) built in %lld ms", ms);
        const test::GeometryCollector c = test::collectGeometries(node.get());
        QVERIFY(c.lods.size() >= 25); // 3 km square in 500 m chunks
        std::size_t vertices = 0;
        for (const Placed& placed : c.found)
            vertices += placed.geometry->getVertexArray()->getNumElements();
        QVERIFY(vertices > 4000 * 12);
        QVERIFY2(ms < 3000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
    }
};

QTEST_APPLESS_MAIN(TestPipeBuilder)
#include "tst_pipebuilder.moc"
