// Scene builders without GL: merged buildings, time-chunked event markers, CityScene. (The paged
// terrain has its own suites: tst_tileloading, tst_tileelevation, tst_tilerender.)
#include "SceneFixtures.h"
#include "scene/CityScene.h"
#include "scene/FeatureId.h"
#include "scene/PolygonTriangulator.h"
#include "scene/SceneBuilders.h"
#include "scene/Shaders.h"
#include "scene/TimeChunkCallback.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/MatrixTransform>
#include <set>

Q_DECLARE_METATYPE(std::vector<osg::Vec2d>)
Q_DECLARE_METATYPE(std::vector<std::vector<osg::Vec2d>>)

using namespace citytwin;
using namespace citytwin::scene;

namespace {

struct PlacedGeometry
{
    osg::Geometry* geometry;
    osg::Matrixd toLocal; // geometry coordinates -> local frame
};

class GeometryCollector : public osg::NodeVisitor
{
public:
    GeometryCollector() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
    void apply(osg::Geometry& g) override { found.push_back({&g, osg::computeLocalToWorld(getNodePath())}); }
    std::vector<PlacedGeometry> found;
};

std::vector<PlacedGeometry> geometries(osg::Node* node)
{
    GeometryCollector c;
    node->accept(c);
    return c.found;
}

float uniformFloat(osg::Node* node, const char* name)
{
    float v = -123.0f;
    node->getStateSet()->getUniform(name)->get(v);
    return v;
}

double triangleArea(const osg::Vec3f& a, const osg::Vec3f& b, const osg::Vec3f& c)
{
    return 0.5 * double(((b - a) ^ (c - a)).length());
}

} // namespace

class TestBuilders : public QObject
{
    Q_OBJECT

private slots:
    void shadersAreEmbedded_data();
    void shadersAreEmbedded();
    void triangulatesConcaveAndHoles_data();
    void triangulatesConcaveAndHoles();
    void buildingsChunkedWithAllIds();
    void buildingsWallsAndRoofs();
    void buildingsHighlightUniform();
    void markersChunkedAndSorted();
    void markersSkipUnreported();
    void sceneLayersVisibilityOpacityTime();
};

void TestBuilders::shadersAreEmbedded_data()
{
    QTest::addColumn<QString>("name");
    for (const char* n : {"tileterrain.vert", "tileterrain.frag", "buildings.vert", "buildings.frag",
                          "event_markers.vert", "event_markers.frag"})
        QTest::newRow(n) << QString::fromLatin1(n);
}

void TestBuilders::shadersAreEmbedded()
{
    QFETCH(QString, name);
    const char* src = embeddedShader(name.toLatin1().constData());
    QVERIFY2(src, qPrintable(name));
    QVERIFY(QByteArray(src).startsWith("#version 120"));
}

void TestBuilders::triangulatesConcaveAndHoles_data()
{
    QTest::addColumn<std::vector<osg::Vec2d>>("outer");
    QTest::addColumn<std::vector<std::vector<osg::Vec2d>>>("holes");
    QTest::addColumn<double>("area");
    const std::vector<osg::Vec2d> square = {{0, 0}, {10, 0}, {10, 10}, {0, 10}};
    QTest::newRow("square ccw") << square << std::vector<std::vector<osg::Vec2d>>{} << 100.0;
    QTest::newRow("square cw") << std::vector<osg::Vec2d>(square.rbegin(), square.rend())
                               << std::vector<std::vector<osg::Vec2d>>{} << 100.0;
    QTest::newRow("L concave") << std::vector<osg::Vec2d>{{0, 0},   {30, 0},  {30, 15},
                                                          {15, 15}, {15, 30}, {0, 30}}
                               << std::vector<std::vector<osg::Vec2d>>{} << 675.0;
    QTest::newRow("U concave") << std::vector<osg::Vec2d>{{0, 0},   {30, 0},  {30, 30}, {20, 30},
                                                          {20, 10}, {10, 10}, {10, 30}, {0, 30}}
                               << std::vector<std::vector<osg::Vec2d>>{} << 700.0;
    QTest::newRow("courtyard")
        << std::vector<osg::Vec2d>{{0, 0}, {40, 0}, {40, 40}, {0, 40}}
        << std::vector<std::vector<osg::Vec2d>>{{{10, 10}, {30, 10}, {30, 30}, {10, 30}}} << 1200.0;
}

void TestBuilders::triangulatesConcaveAndHoles()
{
    QFETCH(std::vector<osg::Vec2d>, outer);
    QFETCH(std::vector<std::vector<osg::Vec2d>>, holes);
    QFETCH(double, area);
    const std::vector<osg::Vec3f> tris = triangulatePolygon(outer, holes);
    QVERIFY(!tris.empty());
    QCOMPARE(tris.size() % 3, size_t(0));
    double sum = 0.0;
    for (size_t i = 0; i < tris.size(); i += 3) {
        const osg::Vec3f& a = tris[i];
        const osg::Vec3f& b = tris[i + 1];
        const osg::Vec3f& c = tris[i + 2];
        QVERIFY(((b - a) ^ (c - a)).z() > 0.0f); // counter-clockwise from above
        sum += triangleArea(a, b, c);
    }
    // Equal area means no triangle covers a notch or the hole (they would add area).
    QVERIFY2(std::abs(sum - area) < 1e-3, qPrintable(QString::number(sum)));
}

void TestBuilders::buildingsChunkedWithAllIds()
{
    std::vector<data::Footprint> fps = {test::rectFootprint(1, 10, 10, 8, 8, 12, 5),
                                        test::rectFootprint(2, 40, 20, 8, 8, 20, 5),
                                        test::lFootprint(3, 150, 10, 9, 6), // second chunk (x >= 100)
                                        test::courtyardFootprint(4, 20, 150, 15, 7)}; // third chunk
    data::Footprint degenerate = test::rectFootprint(5, 0, 0, 1, 1, 5, 0);
    degenerate.outer.resize(2);
    fps.push_back(degenerate);
    BuildingsOptions opt;
    opt.chunkSizeM = 100.0;
    osg::ref_ptr<osg::Node> node = buildBuildings(fps, test::fixtureOrigin(), opt);
    auto* root = node->asGroup();
    QVERIFY(root);
    QCOMPARE(root->getNumChildren(), 3u);
    std::set<std::int64_t> ids;
    for (const PlacedGeometry& g : geometries(node.get())) {
        const FeatureIdTable* table = featureIdTable(g.geometry);
        QVERIFY(table);
        for (std::int64_t id : table->ids())
            ids.insert(id);
        QVERIFY(!g.geometry->getUseDisplayList());
        QVERIFY(g.geometry->getUseVertexBufferObjects());
        QCOMPARE(g.geometry->getPrimitiveSet(0)->getType(), osg::PrimitiveSet::DrawElementsUIntPrimitiveType);
        // The chunk transform sits at the chunk centre, keeping float coordinates small.
        const osg::Vec3d centre = g.toLocal.getTrans();
        QCOMPARE(std::fmod(centre.x() - 50.0, 100.0), 0.0);
        QCOMPARE(std::fmod(centre.y() - 50.0, 100.0), 0.0);
    }
    QCOMPARE(ids, (std::set<std::int64_t>{1, 2, 3, 4}));
}

void TestBuilders::buildingsWallsAndRoofs()
{
    const std::vector<data::Footprint> fps = {test::rectFootprint(11, 10, 10, 8, 8, 12, 5),
                                              test::lFootprint(12, 30, 30, 9, 6),
                                              test::courtyardFootprint(13, -60, -60, 15, 7)};
    const std::map<std::int64_t, std::pair<double, double>> baseTop = {
        {11, {5, 17}}, {12, {6, 15}}, {13, {7, 22}}};
    const std::map<std::int64_t, double> roofArea = {{11, 64.0}, {12, 675.0}, {13, 1200.0}};
    // Each ring point once at the base and once at the top, shared by walls and roof.
    const std::map<std::int64_t, unsigned> vertexCount = {{11, 2 * 4}, {12, 2 * 6}, {13, 2 * (4 + 4)}};
    // Perimeter × height: no wall missing or doubled.
    const std::map<std::int64_t, double> wallArea = {{11, 32.0 * 12}, {12, 120.0 * 9}, {13, 240.0 * 15}};
    std::map<std::int64_t, const data::Footprint*> byId;
    for (const data::Footprint& fp : fps)
        byId[fp.id] = &fp;
    const data::ProjectedPoint o = test::fixtureOrigin();
    // Even-odd point-in-footprint test in the local frame (holes are outside).
    auto inside = [&](const data::Footprint& fp, double x, double y) {
        bool in = false;
        std::vector<std::vector<data::ProjectedPoint>> rings = fp.holes;
        rings.push_back(fp.outer);
        for (const auto& ring : rings)
            for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                const double xi = ring[i].x - o.x, yi = ring[i].y - o.y;
                const double xj = ring[j].x - o.x, yj = ring[j].y - o.y;
                if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                    in = !in;
            }
        return in;
    };

    osg::ref_ptr<osg::Node> node = buildBuildings(fps, test::fixtureOrigin(), {});
    std::map<std::int64_t, double> roofs, walls;
    std::map<std::int64_t, unsigned> vertices;
    for (const PlacedGeometry& g : geometries(node.get())) {
        const auto* verts = static_cast<const osg::Vec3Array*>(g.geometry->getVertexArray());
        const auto* fid =
            static_cast<const osg::FloatArray*>(g.geometry->getVertexAttribArray(attrib::kFeatureId));
        QVERIFY(verts && fid);
        QCOMPARE(fid->size(), verts->size());
        // The shader derives normals and roof/wall from the geometry: no per-vertex copies of them;
        // the style array exists only once a style is applied.
        QVERIFY(!g.geometry->getNormalArray());
        QVERIFY(!g.geometry->getVertexAttribArray(attrib::kFeatureStyle));
        for (unsigned i = 0; i < verts->size(); ++i) {
            const std::int64_t id = *featureIdAt(g.geometry, i);
            QCOMPARE(double((*fid)[i]), double(id)); // GPU attribute and CPU table agree
            const osg::Vec3d p = osg::Vec3d((*verts)[i]) * g.toLocal;
            const auto [base, top] = baseTop.at(id);
            QVERIFY2(std::abs(p.z() - base) < 1e-4 || std::abs(p.z() - top) < 1e-4,
                     qPrintable(QString::number(p.z())));
            ++vertices[id];
        }
        const auto* idx = static_cast<const osg::DrawElementsUInt*>(g.geometry->getPrimitiveSet(0));
        QCOMPARE(idx->getMode(), GLenum(GL_TRIANGLES));
        QCOMPARE(idx->size() % 3, size_t(0));
        std::vector<bool> used(verts->size(), false);
        for (size_t t = 0; t + 2 < idx->size(); t += 3) {
            const unsigned a = (*idx)[t], b = (*idx)[t + 1], c = (*idx)[t + 2];
            QVERIFY(a < verts->size() && b < verts->size() && c < verts->size());
            used[a] = used[b] = used[c] = true;
            const std::int64_t id = *featureIdAt(g.geometry, a);
            QCOMPARE(*featureIdAt(g.geometry, b), id); // a triangle never spans two buildings
            QCOMPARE(*featureIdAt(g.geometry, c), id);
            const osg::Vec3d pa = osg::Vec3d((*verts)[a]) * g.toLocal,
                             pb = osg::Vec3d((*verts)[b]) * g.toLocal,
                             pc = osg::Vec3d((*verts)[c]) * g.toLocal;
            // The front face (counter-clockwise) normal: what the shader derives from the winding.
            osg::Vec3d n = (pb - pa) ^ (pc - pa);
            const double area = 0.5 * n.normalize();
            QVERIFY(area > 1e-6); // no degenerate triangles
            const double top = baseTop.at(id).second;
            if (n.z() > 0.5) {
                // Roof: flat at the top, facing up (the shader's roof test is n.z > 0.5).
                QVERIFY(std::abs(n.z() - 1.0) < 1e-6);
                for (const osg::Vec3d& p : {pa, pb, pc})
                    QVERIFY(std::abs(p.z() - top) < 1e-4);
                roofs[id] += area;
            } else {
                // Wall: vertical and outward: just outside along n is off the footprint, just inside on it.
                QVERIFY2(std::abs(n.z()) < 1e-6, qPrintable(QString::number(n.z())));
                const osg::Vec3d centre = (pa + pb + pc) / 3.0;
                const osg::Vec3d out = centre + n * 0.01, in = centre - n * 0.01;
                QVERIFY(!inside(*byId.at(id), out.x(), out.y()));
                QVERIFY(inside(*byId.at(id), in.x(), in.y()));
                walls[id] += area;
            }
        }
        QVERIFY(std::all_of(used.begin(), used.end(), [](bool u) { return u; })); // no orphan vertices
    }
    QCOMPARE(vertices, vertexCount);
    for (const auto& [id, area] : roofArea)
        QVERIFY2(std::abs(roofs[id] - area) < 1e-2,
                 qPrintable(QStringLiteral("roof %1: %2").arg(id).arg(roofs[id])));
    for (const auto& [id, area] : wallArea)
        QVERIFY2(std::abs(walls[id] - area) < 1e-2,
                 qPrintable(QStringLiteral("walls %1: %2").arg(id).arg(walls[id])));
}

void TestBuilders::buildingsHighlightUniform()
{
    osg::ref_ptr<osg::Node> node =
        buildBuildings({test::rectFootprint(7, 0, 0, 5, 5, 5, 0)}, test::fixtureOrigin());
    QCOMPARE(uniformFloat(node.get(), "ct_highlightId"), -1.0f);
    setBuildingsHighlight(node.get(), 7);
    QCOMPARE(uniformFloat(node.get(), "ct_highlightId"), 7.0f);
    setBuildingsHighlight(node.get(), std::nullopt);
    QCOMPARE(uniformFloat(node.get(), "ct_highlightId"), -1.0f);
}

void TestBuilders::markersChunkedAndSorted()
{
    const data::TimeMs epoch = 1'700'000'000'000;
    std::vector<data::Event> events;
    const int n = 2 * kEventsPerChunk + 40;
    for (int i = 0; i < n; ++i) {
        const int k = (i * 7919) % n;                                 // shuffled report order
        const double closed = (k % 10 == 0) ? -1 : k * 60.0 + 3600.0; // some never closed
        events.push_back(test::fixtureEvent(i, k, -k, 0, epoch, k * 60.0, k * 60.0 + 60, -1, -1, closed));
    }
    osg::ref_ptr<osg::Node> node = buildEventMarkers(events, test::fixtureOrigin(), epoch);
    auto* root = node->asGroup();
    QCOMPARE(root->getNumChildren(), 3u);
    double previousStart = -1e300;
    unsigned total = 0;
    for (unsigned c = 0; c < root->getNumChildren(); ++c) {
        osg::Node* chunk = root->getChild(c);
        auto* cb = dynamic_cast<TimeChunkCallback*>(chunk->getCullCallback());
        QVERIFY(cb);
        const auto geoms = geometries(chunk);
        QCOMPARE(geoms.size(), size_t(1));
        const auto* life = static_cast<const osg::Vec4Array*>(
            geoms[0].geometry->getVertexAttribArray(attrib::kEventLifecycle));
        const auto* close = static_cast<const osg::Vec2Array*>(
            geoms[0].geometry->getVertexAttribArray(attrib::kEventCloseSeverity));
        QVERIFY(life && close);
        QCOMPARE(geoms[0].geometry->getPrimitiveSet(0)->getMode(), GLenum(GL_POINTS));
        double minStart = 1e300, maxEnd = -1e300;
        for (unsigned i = 0; i < life->size(); ++i) {
            if (i > 0)
                QVERIFY((*life)[i].x() >= (*life)[i - 1].x()); // sorted by reported
            QCOMPARE((*life)[i].z(), 1e30f);                   // on site never happened
            minStart = std::min(minStart, double((*life)[i].x()));
            maxEnd = std::max(maxEnd, (*close)[i].x() >= 1e30f ? TimeChunkCallback::kOpenEnd
                                                               : double((*close)[i].x()));
        }
        QCOMPARE(cb->start(), minStart);
        QCOMPARE(cb->end(), maxEnd);
        // Closed events come first (finite ends), open-ended ones in chunks of their own.
        const bool open = cb->end() == TimeChunkCallback::kOpenEnd;
        QCOMPARE(open, c == 2);
        if (c == 2)
            previousStart = -1e300; // a new group starts its own report order
        QVERIFY(cb->start() >= previousStart);
        previousStart = cb->start();
        QVERIFY(cb->isActiveAt(cb->start()));
        QVERIFY(!cb->isActiveAt(cb->start() - 1.0));
        total += life->size();
    }
    QCOMPARE(total, unsigned(n));
    // First chunk: the kEventsPerChunk earliest closed reports (k = 1, 2, … skipping multiples of 10).
    int lastK = 0;
    for (int taken = 0; taken < kEventsPerChunk;)
        if (++lastK % 10 != 0)
            ++taken;
    auto* first = dynamic_cast<TimeChunkCallback*>(root->getChild(0)->getCullCallback());
    QCOMPARE(first->start(), 60.0);
    QCOMPARE(first->end(), lastK * 60.0 + 3600.0);
    // The open chunk holds the never-closed events (k = 0, 10, 20, … below n).
    const unsigned neverClosed = unsigned((n + 9) / 10);
    QCOMPARE(geometries(root->getChild(2))[0].geometry->getVertexArray()->getNumElements(), neverClosed);
}

void TestBuilders::markersSkipUnreported()
{
    const data::TimeMs epoch = 0;
    std::vector<data::Event> events = {test::fixtureEvent(1, 0, 0, 0, epoch, 10, -1, -1, -1, 20),
                                       test::fixtureEvent(2, 5, 5, 0, epoch, -1, -1, -1, -1, -1)};
    osg::ref_ptr<osg::Node> node = buildEventMarkers(events, test::fixtureOrigin(), epoch);
    const auto geoms = geometries(node.get());
    QCOMPARE(geoms.size(), size_t(1));
    QCOMPARE(geoms[0].geometry->getVertexArray()->getNumElements(), 1u);
    auto* cb = dynamic_cast<TimeChunkCallback*>(node->asGroup()->getChild(0)->getCullCallback());
    QCOMPARE(cb->start(), 10.0);
    QCOMPARE(cb->end(), 20.0);
}

void TestBuilders::sceneLayersVisibilityOpacityTime()
{
    const data::TimeMs epoch = 1'700'000'000'000;
    CityScene scene(epoch);
    const data::LayerId buildings{3}, events{4};
    scene.setLayerNode(buildings, data::LayerKind::Buildings,
                       buildBuildings({test::rectFootprint(1, 0, 0, 5, 5, 5, 0)}, test::fixtureOrigin()));
    osg::ref_ptr<osg::Node> markers = buildEventMarkers(
        {test::fixtureEvent(1, 0, 0, 0, epoch, 10, -1, -1, -1, 20)}, test::fixtureOrigin(), epoch);
    scene.setLayerNode(events, data::LayerKind::Events, markers);
    QVERIFY(scene.hasLayer(buildings));
    QVERIFY(scene.layerKind(events) == data::LayerKind::Events);
    QCOMPARE(scene.layerNode(events), markers.get());

    auto* cb = dynamic_cast<TimeChunkCallback*>(markers->asGroup()->getChild(0)->getCullCallback());
    QVERIFY(cb->boundTime()); // setLayerNode bound the chunks to the scene time
    scene.setTime(epoch + 15'000);
    QCOMPARE(scene.timeSeconds(), 15.0);
    QCOMPARE(cb->boundTime()->seconds(), 15.0);
    float t = 0;
    scene.root()->getStateSet()->getUniform("ct_time")->get(t);
    QCOMPARE(t, 15.0f);

    scene.setLayerVisible(buildings, false);
    QVERIFY(!scene.isLayerVisible(buildings));
    scene.setLayerVisible(buildings, true);
    QVERIFY(scene.isLayerVisible(buildings));
    scene.setLayerOpacity(buildings, 0.5);
    QCOMPARE(scene.layerOpacity(buildings), 0.5);

    // The layer id of a node path is that of its innermost layer group.
    osg::NodePath path = {scene.root(), scene.layerNode(buildings)->getParent(0), scene.layerNode(buildings)};
    QVERIFY(CityScene::layerIdOf(path) == buildings);
    QVERIFY(CityScene::layerIdOf(osg::NodePath{scene.root()}) == std::nullopt);

    scene.removeLayer(buildings);
    QVERIFY(!scene.hasLayer(buildings));
    // Left: the events layer and the analysis group, which stays the root's last child.
    QCOMPARE(scene.root()->getNumChildren(), 2u);
    QCOMPARE(scene.root()->getChild(1), static_cast<osg::Node*>(scene.analysisGroup()));
}

QTEST_GUILESS_MAIN(TestBuilders)
#include "tst_builders.moc"
