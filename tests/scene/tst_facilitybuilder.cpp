// buildFacilities() and buildUndergroundSpaces() without GL: shafts on their cylinders from the
// surface to the bottom, cover discs, hydrant risers, feature ids, colours, merging (1,000
// manholes in a few geometries), and space prisms from roof to floor.
#include "GeometryCollector.h"
#include "data/PipeMapping.h"
#include "scene/FacilityBuilder.h"
#include "scene/FeatureId.h"
#include "scene/UndergroundSpaceBuilder.h"

#include <QtTest>
#include <cmath>
#include <osg/Geometry>
#include <osg/LOD>
#include <osg/MatrixTransform>
#include <osg/NodeVisitor>
#include <set>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

const data::ProjectedPoint kOrigin{500000, 3400000, 0};

using Placed = test::PlacedGeometry;

struct Vertex
{
    osg::Vec3d p; // relative to kOrigin
    osg::Vec4ub colour;
    float id;
};

std::vector<Vertex> vertices(const Placed& placed)
{
    std::vector<Vertex> out;
    const auto* v = static_cast<const osg::Vec3Array*>(placed.geometry->getVertexArray());
    const auto* c = static_cast<const osg::Vec4ubArray*>(placed.geometry->getColorArray());
    const auto* ids = static_cast<const osg::FloatArray*>(placed.geometry->getVertexAttribArray(6));
    for (std::size_t i = 0; i < v->size(); ++i)
        out.push_back({osg::Vec3d((*v)[i]) * placed.toWorld, (*c)[i], ids ? (*ids)[i] : -1.0f});
    return out;
}

data::PointFacility manhole(std::int64_t id, double x, double y, double z, double depth, double diameter)
{
    data::PointFacility f;
    f.id = id;
    f.position = {kOrigin.x + x, kOrigin.y + y, z};
    f.depthM = depth;
    f.diameterM = diameter;
    f.network = data::PipeNetwork::Sewage;
    return f;
}

} // namespace

class TstFacilityBuilder : public QObject
{
    Q_OBJECT

private slots:
    void shaftOnItsCylinder_data()
    {
        QTest::addColumn<int>("sides");
        QTest::addColumn<QString>("level");
        QTest::newRow("near") << 16 << "facilities-near";
        QTest::newRow("far") << 6 << "facilities-far";
    }
    void shaftOnItsCylinder()
    {
        QFETCH(int, sides);
        QFETCH(QString, level);
        FacilitiesOptions options;
        osg::ref_ptr<osg::Node> node =
            buildFacilities({manhole(42, 10, 20, 5.0, 3.0, 1.0)}, kOrigin, options);
        const test::GeometryCollector c = test::collectGeometries(node.get());
        const std::vector<Placed> geoms = test::geometriesNamed(c, level.toStdString());
        QCOMPARE(int(geoms.size()), 1);
        const auto brown = data::pipeNetworkColour(data::PipeNetwork::Sewage);
        double shaftTop = -1e9, shaftBottom = 1e9, coverTop = -1e9;
        int shaftVertices = 0;
        for (const Vertex& v : vertices(geoms[0])) {
            QCOMPARE(v.id, 42.0f);
            const double r = std::hypot(v.p.x() - 10, v.p.y() - 20);
            const bool shaft = v.colour.r() == (unsigned char)std::lround(brown[0] * 255);
            if (shaft) {
                QVERIFY2(std::abs(r - 0.5) < 0.01, qPrintable(QString::number(r)));
                shaftTop = std::max(shaftTop, v.p.z());
                shaftBottom = std::min(shaftBottom, v.p.z());
                ++shaftVertices;
            } else { // the dark cover: 0.1 m wider each side, around the surface
                QVERIFY2(std::abs(r - 0.6) < 0.01, qPrintable(QString::number(r)));
                QVERIFY(std::abs(v.p.z() - 5.0) <= options.coverThicknessM / 2 + 1e-4);
                QVERIFY(v.colour.r() < 60 && v.colour.g() < 60);
                coverTop = std::max(coverTop, v.p.z());
            }
        }
        QVERIFY(shaftVertices >= 2 * sides);
        QVERIFY(std::abs(shaftTop - 5.0) < 1e-4);    // from the surface
        QVERIFY(std::abs(shaftBottom - 2.0) < 1e-4); // down to the bottom asked for
        QVERIFY(coverTop > 5.0);                     // the cover shows above the ground
        // The table maps every vertex to the facility.
        const FeatureIdTable* table = featureIdTable(geoms[0].geometry);
        QVERIFY(table);
        QCOMPARE(table->ids(), std::vector<std::int64_t>{42});
    }

    void defaultDepthAndKinds()
    {
        data::PointFacility noDepth = manhole(1, 0, 0, 0.0, std::nan(""), 1.0);
        QCOMPARE(shaftDepth(noDepth), 2.0);
        data::PointFacility hydrant = manhole(2, 5, 0, 0.0, 1.5, 0.3);
        hydrant.kind = data::PointFacilityKind::Hydrant;
        osg::ref_ptr<osg::Node> node = buildFacilities({noDepth, hydrant}, kOrigin);
        const std::vector<Placed> geoms =
            test::geometriesNamed(test::collectGeometries(node.get()), "facilities-near");
        QCOMPARE(int(geoms.size()), 1);
        double lowest = 0.0, highestHydrant = -1.0;
        bool red = false;
        for (const Vertex& v : vertices(geoms[0])) {
            if (v.id == 1.0f)
                lowest = std::min(lowest, v.p.z());
            else {
                highestHydrant = std::max(highestHydrant, v.p.z());
                red = red || (v.colour.r() > 180 && v.colour.g() < 60);
            }
        }
        QVERIFY(std::abs(lowest + 2.0) < 1e-4);          // 2 m default
        QVERIFY(std::abs(highestHydrant - 0.75) < 1e-4); // riser above the surface
        QVERIFY(red);
        const FeatureIdTable* table = featureIdTable(geoms[0].geometry);
        QCOMPARE(table->ids(), (std::vector<std::int64_t>{1, 2}));
        QCOMPARE(table->featureAtVertex(0).value_or(-1), std::int64_t(1));
    }

    void skipsPositionsWithoutElevation()
    {
        osg::ref_ptr<osg::Node> node = buildFacilities(
            {manhole(1, 0, 0, std::nan(""), 2.0, 1.0), manhole(2, 3, 0, 1.0, 2.0, 1.0)}, kOrigin);
        const std::vector<Placed> geoms =
            test::geometriesNamed(test::collectGeometries(node.get()), "facilities-near");
        QCOMPARE(int(geoms.size()), 1);
        QCOMPARE(featureIdTable(geoms[0].geometry)->ids(), std::vector<std::int64_t>{2});
    }

    void thousandManholesInFewGeometries()
    {
        // 1,000 manholes over 3 km × 3 km: one LOD per chunk, one geometry drawn per LOD.
        std::vector<data::PointFacility> all;
        for (int i = 0; i < 1000; ++i)
            all.push_back(manhole(i, (i % 32) * 95.0 - 1500, (i / 32) * 95.0 - 1500, 3.0, 2.5, 1.0));
        QElapsedTimer timer;
        timer.start();
        osg::ref_ptr<osg::Node> node = buildFacilities(all, kOrigin);
        const qint64 ms = timer.elapsed();
        const test::GeometryCollector c = test::collectGeometries(node.get());
        QVERIFY2(c.lods.size() <= 5, qPrintable(QString::number(c.lods.size())));
        QCOMPARE(c.found.size(), 2 * c.lods.size());
        std::set<std::int64_t> ids;
        for (const Placed& p : test::geometriesNamed(c, "facilities-near"))
            for (std::int64_t id : featureIdTable(p.geometry)->ids())
                ids.insert(id);
        QCOMPARE(int(ids.size()), 1000);
        QVERIFY2(ms < 2000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
        // Near tubes switch to far ones beyond nearRangeM (plus the chunk's half diagonal).
        for (osg::LOD* lod : c.lods) {
            QCOMPARE(lod->getNumChildren(), 2u);
            QVERIFY(lod->getMaxRange(0) >= 400.0f && lod->getMaxRange(0) == lod->getMinRange(1));
        }
    }

    void spacePrismFromRoofToFloor_data()
    {
        QTest::addColumn<bool>("clockwise");
        QTest::newRow("counter-clockwise ring") << false;
        QTest::newRow("clockwise ring") << true;
    }
    void spacePrismFromRoofToFloor()
    {
        QFETCH(bool, clockwise);
        data::UndergroundSpace tunnel;
        tunnel.id = 7;
        tunnel.kind = data::UndergroundSpaceKind::UtilityTunnel;
        tunnel.outer = {{kOrigin.x, kOrigin.y, 0},
                        {kOrigin.x + 100, kOrigin.y, 0},
                        {kOrigin.x + 100, kOrigin.y + 8, 0},
                        {kOrigin.x, kOrigin.y + 8, 0}};
        if (clockwise)
            std::reverse(tunnel.outer.begin(), tunnel.outer.end());
        tunnel.topZ = -3.0;
        tunnel.heightM = 4.0;
        data::UndergroundSpace parking = tunnel;
        parking.id = 8;
        parking.kind = data::UndergroundSpaceKind::Parking;
        for (auto& p : parking.outer)
            p.y += 50;
        parking.holes = {{{kOrigin.x + 40, kOrigin.y + 52, 0},
                          {kOrigin.x + 60, kOrigin.y + 52, 0},
                          {kOrigin.x + 60, kOrigin.y + 56, 0},
                          {kOrigin.x + 40, kOrigin.y + 56, 0}}};
        data::UndergroundSpace broken;
        broken.id = 9;
        broken.outer = {{kOrigin.x, kOrigin.y, 0}, {kOrigin.x + 1, kOrigin.y, 0}}; // 2 points
        broken.topZ = -1;
        osg::ref_ptr<osg::Node> node = buildUndergroundSpaces({tunnel, parking, broken}, kOrigin);
        const test::GeometryCollector c = test::collectGeometries(node.get());
        QCOMPARE(int(c.found.size()), 1); // merged
        const Placed& g = c.found[0];
        QCOMPARE(featureIdTable(g.geometry)->ids(), (std::vector<std::int64_t>{7, 8}));
        const auto* normals = static_cast<const osg::Vec3Array*>(g.geometry->getNormalArray());
        const std::vector<Vertex> vs = vertices(g);
        int up = 0, down = 0, walls = 0;
        for (std::size_t i = 0; i < vs.size(); ++i) {
            const Vertex& v = vs[i];
            QVERIFY2(std::abs(v.p.z() + 3.0) < 1e-4 || std::abs(v.p.z() + 7.0) < 1e-4,
                     qPrintable(QString::number(v.p.z())));
            const osg::Vec3f& n = (*normals)[i];
            if (n.z() > 0.99f) {
                ++up;
                QVERIFY(std::abs(v.p.z() + 3.0) < 1e-4); // roof
            } else if (n.z() < -0.99f) {
                ++down;
                QVERIFY(std::abs(v.p.z() + 7.0) < 1e-4); // floor
            } else {
                ++walls;
                if (v.id == 7.0f) {
                    // Outer walls of the tunnel face away from its centre line (y = 4).
                    const double outward = (v.p.y() - 4.0) * n.y() + (v.p.x() - 50.0) * n.x();
                    QVERIFY(outward > 0.0);
                }
            }
        }
        QVERIFY(up > 0 && up == down);
        QCOMPARE(walls, 4 * (4 + 4 + 4)); // tunnel ring, parking ring and its hole: 4 vertices a side
        // Each kind in its colour (roofs at full shade).
        const auto tunnelColour = data::undergroundSpaceColour(data::UndergroundSpaceKind::UtilityTunnel);
        bool tunnelRoof = false;
        for (std::size_t i = 0; i < vs.size(); ++i)
            if (vs[i].id == 7.0f && (*normals)[i].z() > 0.99f)
                tunnelRoof = vs[i].colour.b() == (unsigned char)std::lround(tunnelColour[2] * 255);
        QVERIFY(tunnelRoof);
        // Triangles are wound so their geometric normal agrees with the vertex normals.
        const auto* idx = static_cast<const osg::DrawElementsUInt*>(g.geometry->getPrimitiveSet(0));
        for (std::size_t t = 0; t + 2 < idx->size(); t += 3) {
            const osg::Vec3d a = vs[(*idx)[t]].p, b = vs[(*idx)[t + 1]].p, cc = vs[(*idx)[t + 2]].p;
            const osg::Vec3d face = (b - a) ^ (cc - a);
            QVERIFY(face * osg::Vec3d((*normals)[(*idx)[t]]) > 0.0);
        }
    }
};

QTEST_MAIN(TstFacilityBuilder)
#include "tst_facilitybuilder.moc"
