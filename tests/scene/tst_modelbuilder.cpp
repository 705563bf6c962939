// buildModel() without GL: grouping by chunk/texture/translucency, project coordinates kept to the
// millimetre, feature ranges, the feature index, flat normals, textures, empty and large models.
#include "ModelFixtures.h"
#include "scene/FeatureId.h"
#include "scene/FeatureProgram.h"
#include "scene/ModelBuilder.h"
#include "scene/ModelFeatureIndex.h"

#include <QElapsedTimer>
#include <QtTest>
#include <osg/BlendFunc>
#include <osg/Depth>
#include <osg/Geometry>
#include <osg/NodeVisitor>
#include <osg/Texture2D>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

//! A geometry of the built node and its local-to-world matrix.
struct Placed
{
    osg::Geometry* geometry;
    osg::Matrixd toWorld;
    const osg::StateSet* geodeState;
};

class Collector : public osg::NodeVisitor
{
public:
    Collector() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
    void apply(osg::Geometry& g) override
    {
        const osg::NodePath& path = getNodePath();
        const osg::Node* geode = path.size() >= 2 ? path[path.size() - 2] : nullptr;
        found.push_back({&g, osg::computeLocalToWorld(path), geode ? geode->getStateSet() : nullptr});
    }
    std::vector<Placed> found;
};

std::vector<Placed> geometries(osg::Node* node)
{
    Collector c;
    node->accept(c);
    return c.found;
}

const osg::Vec3Array& positions(const Placed& p)
{
    return *static_cast<const osg::Vec3Array*>(p.geometry->getVertexArray());
}

//! Project coordinates of vertex I of P (double: world = local + chunk centre, + origin).
osg::Vec3d projectVertex(const Placed& p, unsigned i)
{
    const osg::Vec3d w = osg::Vec3d(positions(p)[i]) * p.toWorld;
    const data::ProjectedPoint o = test::fixtureOrigin();
    return {w.x() + o.x, w.y() + o.y, w.z() + o.z};
}

std::size_t triangleCount(const std::vector<Placed>& placed)
{
    std::size_t n = 0;
    for (const Placed& p : placed)
        n += p.geometry->getPrimitiveSet(0)->getNumIndices() / 3;
    return n;
}

} // namespace

class TestModelBuilder : public QObject
{
    Q_OBJECT

private slots:
    void groupsByChunkTextureAndTranslucency_data();
    void groupsByChunkTextureAndTranslucency();
    void verticesReproduceProjectCoordinates();
    void featureRangesCoverEveryVertex();
    void indexHoldsEveryFeature();
    void flatNormalsWhenNoneGiven();
    void givenNormalsKeepSharedVertices();
    void texturesKeepRowsAndCoordinates();
    void translucentMeshesBlendWithoutDepthWrites();
    void emptyAndBrokenModels();
    void millionTriangleModelBuilds();
};

void TestModelBuilder::groupsByChunkTextureAndTranslucency_data()
{
    QTest::addColumn<double>("chunkSize");
    QTest::addColumn<int>("expected");
    // Meshes: two opaque near (10,10) and (30,20), one opaque at (700,10), one textured and one
    // translucent near (10,10), one textured translucent there too.
    QTest::newRow("500 m chunks") << 500.0 << 5;
    QTest::newRow("2 km chunks") << 2000.0 << 4; // the far opaque mesh joins the near ones
    // Cells of 15 m: (10,10) and (12,12),(14,14) share cell (0,0); (18,18),(16,16) are in (1,1);
    // (30,20) and (700,10) are alone: plain ×4, textured, translucent, textured translucent.
    QTest::newRow("15 m chunks") << 15.0 << 7;
}

void TestModelBuilder::groupsByChunkTextureAndTranslucency()
{
    QFETCH(double, chunkSize);
    QFETCH(int, expected);
    data::Model model;
    model.textures.push_back(test::twoBandTexture(4, 4, {255, 255, 0, 255}, {255, 0, 255, 255}));
    const std::array<float, 4> grey{0.5f, 0.5f, 0.5f, 1.0f}, glass{0.4f, 0.6f, 0.9f, 0.4f};
    model.meshes.push_back(test::quadMesh(test::fixturePoint(10, 10, 0), -2, -2, 2, 2, 0, 1, grey));
    model.meshes.push_back(test::quadMesh(test::fixturePoint(30, 20, 0), -2, -2, 2, 2, 0, 2, grey));
    model.meshes.push_back(test::quadMesh(test::fixturePoint(700, 10, 0), -2, -2, 2, 2, 0, 3, grey));
    model.meshes.push_back(test::quadMesh(test::fixturePoint(12, 12, 0), -2, -2, 2, 2, 0, 4, grey));
    model.meshes.back().texture = 0;
    model.meshes.push_back(test::quadMesh(test::fixturePoint(14, 14, 0), -2, -2, 2, 2, 0, 5, glass));
    model.meshes.push_back(test::quadMesh(test::fixturePoint(16, 16, 0), -2, -2, 2, 2, 0, 6, glass));
    model.meshes.back().texture = 0;
    // Untextured without texture coordinates: an index with no coordinates falls back to plain.
    model.meshes.push_back(test::quadMesh(test::fixturePoint(18, 18, 0), -2, -2, 2, 2, 0, 7, grey));
    model.meshes.back().texture = 0;
    model.meshes.back().texCoords.clear();

    ModelBuildOptions options;
    options.chunkSizeM = chunkSize;
    osg::ref_ptr<osg::Node> node = buildModel(model, test::fixtureOrigin(), options);
    const std::vector<Placed> placed = geometries(node.get());
    QCOMPARE(int(placed.size()), expected);
    QCOMPARE(triangleCount(placed), model.triangleCount());
    int textured = 0, translucent = 0;
    for (const Placed& p : placed) {
        const bool hasTexture =
            p.geodeState && p.geodeState->getTextureAttribute(0, osg::StateAttribute::TEXTURE);
        QCOMPARE(hasTexture, p.geometry->getTexCoordArray(0) != nullptr);
        textured += hasTexture ? 1 : 0;
        translucent +=
            p.geodeState && p.geodeState->getRenderingHint() == osg::StateSet::TRANSPARENT_BIN ? 1 : 0;
    }
    QCOMPARE(textured, 2);
    QCOMPARE(translucent, 2);
}

void TestModelBuilder::verticesReproduceProjectCoordinates()
{
    // Anchors kilometres from the origin and a vertex far from its anchor: only a double offset
    // to the chunk centre keeps millimetres.
    data::Model model = test::boxHouse(3210.123, -2750.456, 12.5);
    data::ModelMesh far = test::quadMesh(test::fixturePoint(-4000.0, 1500.0, 3.0), 1800.25f, -600.5f, 1810.5f,
                                         -590.75f, 7.125f, 9, test::kWallColour);
    model.meshes.push_back(far);
    osg::ref_ptr<osg::Node> node = buildModel(model, test::fixtureOrigin());
    const std::vector<Placed> placed = geometries(node.get());
    QCOMPARE(placed.size(), std::size_t(2)); // two chunks

    // Every output vertex is an input vertex of the same feature (within 1 mm), and every input
    // vertex appears.
    std::map<std::int64_t, std::vector<osg::Vec3d>> expected;
    for (const data::ModelMesh& m : model.meshes)
        for (std::size_t i = 0; i < m.vertexCount(); ++i) {
            const osg::Vec3d p(m.anchor.x + m.positions[3 * i], m.anchor.y + m.positions[3 * i + 1],
                               m.anchor.z + m.positions[3 * i + 2]);
            std::vector<osg::Vec3d>& points = expected[m.feature];
            // Neighbouring walls share corners: count each distinct point once.
            if (std::none_of(points.begin(), points.end(),
                             [&](const osg::Vec3d& q) { return (q - p).length() < 1e-6; }))
                points.push_back(p);
        }
    std::set<std::pair<std::int64_t, std::size_t>> seen;
    for (const Placed& p : placed) {
        for (unsigned i = 0; i < positions(p).size(); ++i) {
            const std::int64_t feature = *featureIdAt(p.geometry, i);
            const osg::Vec3d v = projectVertex(p, i);
            double best = 1e9;
            std::size_t bestIndex = 0;
            for (std::size_t k = 0; k < expected[feature].size(); ++k)
                if (const double d = (expected[feature][k] - v).length(); d < best) {
                    best = d;
                    bestIndex = k;
                }
            QVERIFY2(
                best < 1e-3,
                qPrintable(
                    QStringLiteral("vertex %1 of feature %2 is %3 m off").arg(i).arg(feature).arg(best)));
            seen.insert({feature, bestIndex});
        }
    }
    std::size_t inputVertices = 0;
    for (const auto& [feature, points] : expected)
        inputVertices += points.size();
    QCOMPARE(seen.size(), inputVertices);
}

void TestModelBuilder::featureRangesCoverEveryVertex()
{
    // Features given out of order across meshes, one mesh with a feature per vertex (two
    // triangles of feature 7 around one of feature 5) and a mesh of no feature.
    data::Model model;
    const data::ProjectedPoint a = test::fixturePoint(5, 5, 0);
    model.meshes.push_back(test::quadMesh(a, 0, 0, 1, 1, 0, 9, test::kWallColour));
    model.meshes.push_back(test::quadMesh(a, 2, 0, 3, 1, 0, 3, test::kWallColour));
    data::ModelMesh mixed;
    mixed.anchor = a;
    for (int t = 0; t < 3; ++t) {
        const float x = 4.0f + float(t);
        const auto base = std::uint32_t(mixed.positions.size() / 3);
        mixed.positions.insert(mixed.positions.end(), {x, 0, 0, x + 1, 0, 0, x, 1, 0});
        mixed.indices.insert(mixed.indices.end(), {base, base + 1, base + 2});
        const std::int64_t f = t == 1 ? 5 : 7;
        mixed.vertexFeature.insert(mixed.vertexFeature.end(), {f, f, f});
    }
    model.meshes.push_back(mixed);
    model.meshes.push_back(test::quadMesh(a, 8, 0, 9, 1, 0, -1, test::kWallColour));
    model.meshes.push_back(test::quadMesh(a, 10, 0, 11, 1, 0, 3, test::kWallColour));

    osg::ref_ptr<osg::Node> node = buildModel(model, test::fixtureOrigin());
    const std::vector<Placed> placed = geometries(node.get());
    QCOMPARE(placed.size(), std::size_t(1));
    const osg::Geometry& g = *placed[0].geometry;
    const FeatureIdTable* table = featureIdTable(&g);
    QVERIFY(table);
    QCOMPARE(table->ids(), (std::vector<std::int64_t>{3, 5, 7, 9})); // one range per feature, sorted
    const auto* ids = dynamic_cast<const osg::FloatArray*>(g.getVertexAttribArray(featureAttrib::kFeatureId));
    QVERIFY(ids);
    QCOMPARE(ids->size(), positions(placed[0]).size());
    std::map<std::int64_t, int> verticesOf;
    for (unsigned i = 0; i < ids->size(); ++i) {
        const std::optional<std::int64_t> f = table->featureAtVertex(i);
        QCOMPARE(f ? float(*f) : -1.0f, (*ids)[i]); // the shader's id agrees with the table
        ++verticesOf[f ? *f : -1];
    }
    QCOMPARE(verticesOf[-1], 6);
    QCOMPARE(verticesOf[3], 12);
    QCOMPARE(verticesOf[5], 3);
    QCOMPARE(verticesOf[7], 6);
    QCOMPARE(verticesOf[9], 6);
    // A triangle never spans two features: picking any corner gives the same id.
    const auto* indices = dynamic_cast<const osg::DrawElementsUInt*>(g.getPrimitiveSet(0));
    QVERIFY(indices);
    for (std::size_t t = 0; t + 2 < indices->size(); t += 3)
        QVERIFY(table->featureAtVertex((*indices)[t]) == table->featureAtVertex((*indices)[t + 2]));
}

void TestModelBuilder::indexHoldsEveryFeature()
{
    const data::Model model = test::boxHouse(0, 0, 0);
    osg::ref_ptr<osg::Node> node = buildModel(model, test::fixtureOrigin());
    ModelFeatureIndex* index = modelFeatureIndex(node.get());
    QVERIFY(index);
    QCOMPARE(index->size(), model.features.size());
    QCOMPARE(index->features(), model.features);
    QCOMPARE(index->feature(test::kRoofId), model.features[1]);
    QVERIFY(!index->feature(99));
    QCOMPARE(index->attributeNames(),
             (std::vector<QString>{QStringLiteral("material"), QStringLiteral("name"),
                                   QStringLiteral("storeys"), QStringLiteral("type")}));
    index->remove({test::kRoofId});
    QCOMPARE(index->size(), std::size_t(2));
    data::ModelFeature renamed = model.features[0];
    renamed.name = QStringLiteral("Renamed");
    index->add({renamed, model.features[1]});
    QCOMPARE(index->size(), std::size_t(3));
    QCOMPARE(index->feature(test::kHouseId)->name, QStringLiteral("Renamed"));
    QVERIFY(!modelFeatureIndex(nullptr));
}

void TestModelBuilder::flatNormalsWhenNoneGiven()
{
    osg::ref_ptr<osg::Node> node = buildModel(test::boxHouse(0, 0, 0), test::fixtureOrigin());
    const std::vector<Placed> placed = geometries(node.get());
    QCOMPARE(placed.size(), std::size_t(1));
    const osg::Geometry& g = *placed[0].geometry;
    const auto* normals = dynamic_cast<const osg::Vec3Array*>(g.getNormalArray());
    QVERIFY(normals);
    QCOMPARE(g.getNormalArray()->getBinding(), osg::Array::BIND_PER_VERTEX);
    QCOMPARE(normals->size(), positions(placed[0]).size());
    QCOMPARE(normals->size(), std::size_t(3 * 10)); // 10 triangles, a corner each
    const osg::Vec3Array& pos = positions(placed[0]);
    for (unsigned i = 0; i < normals->size(); ++i) {
        const osg::Vec3f n = (*normals)[i];
        QVERIFY(std::abs(n.length() - 1.0f) < 1e-5f);
        if (*featureIdAt(&g, i) == test::kRoofId) {
            QVERIFY(n.z() > 0.999f); // counter-clockwise from above: up
        } else {
            QVERIFY(std::abs(n.z()) < 1e-5f); // walls: horizontal and pointing out of the box
            const osg::Vec3f centre = placed[0].geometry->getBoundingBox().center();
            const osg::Vec3f out = pos[i] - centre;
            QVERIFY(n.x() * out.x() + n.y() * out.y() > 0.0f);
        }
    }
}

void TestModelBuilder::givenNormalsKeepSharedVertices()
{
    data::Model model;
    data::ModelMesh m = test::quadMesh(test::fixturePoint(0, 0, 0), 0, 0, 4, 4, 0, 1, test::kWallColour);
    m.normals = {0.6f, 0, 0.8f, 0.6f, 0, 0.8f, 0.6f, 0, 0.8f, 0.6f, 0, 0.8f};
    model.meshes.push_back(m);
    osg::ref_ptr<osg::Node> node = buildModel(model, test::fixtureOrigin());
    const std::vector<Placed> placed = geometries(node.get());
    QCOMPARE(placed.size(), std::size_t(1));
    const auto* normals = dynamic_cast<const osg::Vec3Array*>(placed[0].geometry->getNormalArray());
    QCOMPARE(normals->size(), std::size_t(4)); // shared, not one per corner
    for (const osg::Vec3f& n : *normals)
        QCOMPARE(n, osg::Vec3f(0.6f, 0, 0.8f));
    const auto* colours = dynamic_cast<const osg::Vec4ubArray*>(placed[0].geometry->getColorArray());
    QVERIFY(colours && colours->getNormalize());
    QCOMPARE((*colours)[0], osg::Vec4ub(153, 153, 153, 255)); // kWallColour 0.6
}

void TestModelBuilder::texturesKeepRowsAndCoordinates()
{
    data::Model model;
    model.textures.push_back(test::twoBandTexture(8, 4, {255, 255, 0, 255}, {255, 0, 255, 255}));
    data::ModelMesh m = test::quadMesh(test::fixturePoint(0, 0, 0), 0, 0, 4, 4, 0, 1, {1, 1, 1, 1});
    m.texture = 0;
    m.normals.assign(12, 0.0f); // shared vertices keep a 1:1 order to compare coordinates
    model.meshes.push_back(m);
    osg::ref_ptr<osg::Node> node = buildModel(model, test::fixtureOrigin());
    const std::vector<Placed> placed = geometries(node.get());
    QCOMPARE(placed.size(), std::size_t(1));
    const auto* tc = dynamic_cast<const osg::Vec2Array*>(placed[0].geometry->getTexCoordArray(0));
    QVERIFY(tc);
    QCOMPARE(tc->size(), std::size_t(4));
    for (unsigned i = 0; i < 4; ++i)
        QCOMPARE((*tc)[i], osg::Vec2f(m.texCoords[2 * i], m.texCoords[2 * i + 1]));
    const auto* tex = dynamic_cast<const osg::Texture2D*>(
        placed[0].geodeState->getTextureAttribute(0, osg::StateAttribute::TEXTURE));
    QVERIFY(tex && tex->getImage());
    const osg::Image& img = *tex->getImage();
    QCOMPARE(img.s(), 8);
    QCOMPARE(img.t(), 4);
    // The image's first row (GL t = 0, where v = 0 samples) is the texture's top row.
    QCOMPARE(int(img.data(0, 0)[1]), 255);
    QCOMPARE(int(img.data(0, 3)[1]), 0);
    bool textured = false;
    QVERIFY(placed[0].geodeState->getUniform("ct_textured")->get(textured) && textured);
}

void TestModelBuilder::translucentMeshesBlendWithoutDepthWrites()
{
    data::Model model = test::boxHouse(0, 0, 0);
    model.meshes[1].colour = {0.3f, 0.5f, 0.9f, 0.5f}; // a glass roof
    osg::ref_ptr<osg::Node> node = buildModel(model, test::fixtureOrigin());
    const std::vector<Placed> placed = geometries(node.get());
    QCOMPARE(placed.size(), std::size_t(2));
    int translucent = 0;
    for (const Placed& p : placed) {
        const bool glass = *featureIdAt(p.geometry, 0) == test::kRoofId;
        const osg::StateSet* ss = p.geodeState;
        QCOMPARE(ss && ss->getRenderingHint() == osg::StateSet::TRANSPARENT_BIN, glass);
        if (!glass)
            continue;
        ++translucent;
        const auto* depth = dynamic_cast<const osg::Depth*>(ss->getAttribute(osg::StateAttribute::DEPTH));
        QVERIFY(depth && !depth->getWriteMask());
        QVERIFY(ss->getAttribute(osg::StateAttribute::BLENDFUNC));
        QCOMPARE(int(ss->getMode(GL_BLEND)), int(osg::StateAttribute::ON));
    }
    QCOMPARE(translucent, 1);
}

void TestModelBuilder::emptyAndBrokenModels()
{
    osg::ref_ptr<osg::Node> empty = buildModel(data::Model{}, test::fixtureOrigin());
    QVERIFY(empty);
    QVERIFY(empty->asGroup());
    QCOMPARE(empty->asGroup()->getNumChildren(), 0u);
    QVERIFY(modelFeatureIndex(empty.get()));
    QCOMPARE(modelFeatureIndex(empty.get())->size(), std::size_t(0));
    QVERIFY(empty->getStateSet()->getAttribute(osg::StateAttribute::PROGRAM));

    // Incomplete arrays and out-of-range indices are skipped; the rest still builds.
    data::Model broken = test::boxHouse(0, 0, 0);
    broken.meshes[0].positions.pop_back();
    broken.meshes[1].indices[5] = 1000;
    osg::ref_ptr<osg::Node> node = buildModel(broken, test::fixtureOrigin());
    const std::vector<Placed> placed = geometries(node.get());
    QCOMPARE(placed.size(), std::size_t(1));
    QCOMPARE(triangleCount(placed), std::size_t(1));
}

void TestModelBuilder::millionTriangleModelBuilds()
{
    // 500 × 1000 cells of two triangles, one feature per row of cells.
    constexpr int kCols = 500, kRows = 1000;
    data::Model model;
    data::ModelMesh m;
    m.anchor = test::fixturePoint(0, 0, 0);
    m.positions.reserve(std::size_t(kCols + 1) * (kRows + 1) * 3);
    for (int r = 0; r <= kRows; ++r)
        for (int c = 0; c <= kCols; ++c)
            m.positions.insert(m.positions.end(), {float(c), float(r), 0.01f * float((c * r) % 7)});
    m.indices.reserve(std::size_t(kCols) * kRows * 6);
    m.vertexFeature.resize(m.vertexCount());
    for (int r = 0; r < kRows; ++r)
        for (int c = 0; c < kCols; ++c) {
            const auto v = std::uint32_t(r * (kCols + 1) + c);
            m.indices.insert(m.indices.end(), {v, v + 1, v + kCols + 2, v, v + kCols + 2, v + kCols + 1});
            m.vertexFeature[v] = r;
        }
    model.meshes.push_back(std::move(m));
    QCOMPARE(model.triangleCount(), std::size_t(1'000'000));

    QElapsedTimer timer;
    timer.start();
    osg::ref_ptr<osg::Node> node = buildModel(model, test::fixtureOrigin());
    const qint64 ms = timer.elapsed();
    qInfo() << "1M triangles built in" << ms << "ms";
    const std::vector<Placed> placed = geometries(node.get());
    QCOMPARE(triangleCount(placed), std::size_t(1'000'000));
    QCOMPARE(featureIdTable(placed[0].geometry)->size(), std::size_t(kRows));
    QVERIFY2(ms < 20000, qPrintable(QString::number(ms)));
}

QTEST_GUILESS_MAIN(TestModelBuilder)
#include "tst_modelbuilder.moc"
