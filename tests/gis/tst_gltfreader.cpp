#include "GltfFixtures.h"
#include "gis/GltfReader.h"
#include "gis/ModelPlacementFrame.h"
#include "tests/common/TestPaths.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace citytwin;
using namespace citytwin::test;
using citytwin::data::Model;
using citytwin::data::ModelPlacement;
using citytwin::data::ProjectedPoint;

namespace {

ModelPlacement pinghu(double height = 0.0, double rotation = 0.0)
{
    ModelPlacement p;
    p.origin = {121.0, 30.7, height};
    p.rotationDeg = rotation;
    return p;
}

gis::ModelReadOptions optionsFor(const ModelPlacement& placement)
{
    gis::ModelReadOptions options;
    options.placement = placement;
    return options;
}

ProjectedPoint vertex(const data::ModelMesh& mesh, std::size_t i)
{
    return {mesh.anchor.x + mesh.positions[i * 3], mesh.anchor.y + mesh.positions[i * 3 + 1],
            mesh.anchor.z + mesh.positions[i * 3 + 2]};
}

double distance(const ProjectedPoint& a, const ProjectedPoint& b)
{
    return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) + (a.z - b.z) * (a.z - b.z));
}

//! A one-primitive glTF: POSITION (3 floats per vertex), optional indices accessor, MODE.
GlbBuilder primitiveGltf(const std::vector<float>& positions, int indices, int mode, GlbBuilder b = {})
{
    const int pos = b.add(positions, kFloat, "VEC3", 3);
    QJsonObject primitive{{"attributes", QJsonObject{{"POSITION", pos}}}, {"mode", mode}};
    if (indices >= 0)
        primitive.insert("indices", indices);
    b.root().insert("meshes", QJsonArray{QJsonObject{{"primitives", QJsonArray{primitive}}}});
    b.root().insert("nodes", QJsonArray{QJsonObject{{"mesh", 0}, {"name", "n"}}});
    b.root().insert("scenes", QJsonArray{QJsonObject{{"nodes", QJsonArray{0}}}});
    return b;
}

} // namespace

class TestGltfReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void khronosCube();
    void cesiumHouses_data();
    void cesiumHouses();
    void nodeTransformsGiveExactPositions();
    void indexTypesAndModes_data();
    void indexTypesAndModes();
    void interleavedQuantizedAndSparse();
    void mirroredNodeKeepsWinding();
    void hugeGlb();

private:
    QTemporaryDir m_dir;
};

void TestGltfReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestGltfReader::khronosCube()
{
    const QString path = sharedDataFile(QStringLiteral("gltf/khronos_cube/Cube.gltf"));
    if (path.isEmpty())
        QSKIP("shared data gltf/khronos_cube absent");
    auto model = gis::readGltf(path, optionsFor(pinghu(10.0)));
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    QCOMPARE(model->meshes.size(), std::size_t(1));
    const data::ModelMesh& mesh = model->meshes[0];
    QCOMPARE(mesh.vertexCount(), std::size_t(36));
    QCOMPARE(mesh.triangleCount(), std::size_t(12));
    QCOMPARE(mesh.normals.size(), std::size_t(36 * 3));
    QCOMPARE(model->features.size(), std::size_t(1));
    QCOMPARE(model->features[0].type, QStringLiteral("Node"));
    QCOMPARE(mesh.feature, model->features[0].id);
    // Only the base colour texture is used, decoded at its PNG size.
    QCOMPARE(model->textures.size(), std::size_t(1));
    QCOMPARE(model->textures[0].width, 512);
    QCOMPARE(model->textures[0].height, 512);
    QCOMPARE(model->textures[0].rgba.size(), std::size_t(512 * 512 * 4));
    QCOMPARE(mesh.texture, 0);
    QCOMPARE(mesh.texCoords.size(), std::size_t(36 * 2));
    // A 2 m cube centred on the origin, standing 9..11 m; the grid convergence turns it by
    // half a degree, which widens the box by under 2 cm.
    auto frame = gis::ModelPlacementFrame::create(pinghu(10.0), QStringLiteral("EPSG:4549"));
    QVERIFY(frame.isOk());
    const ProjectedPoint o = frame->origin();
    QVERIFY2(
        std::abs(model->boundsMin.x - (o.x - 1.0)) < 0.1 && std::abs(model->boundsMax.x - (o.x + 1.0)) < 0.1,
        qPrintable(
            QStringLiteral("x %1..%2 around %3").arg(model->boundsMin.x).arg(model->boundsMax.x).arg(o.x)));
    QVERIFY(std::abs(model->boundsMin.y - (o.y - 1.0)) < 0.1 &&
            std::abs(model->boundsMax.y - (o.y + 1.0)) < 0.1);
    QVERIFY(std::abs(model->boundsMin.z - 9.0) < 0.01 && std::abs(model->boundsMax.z - 11.0) < 0.01);
    QVERIFY(model->sourceCrs.startsWith(QStringLiteral("placed: lon 121.000000 lat 30.700000")));
}

void TestGltfReader::cesiumHouses_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("house1-1") << QStringLiteral("house1-1.glb");
    QTest::newRow("house-3-0") << QStringLiteral("house-3-0.glb");
    QTest::newRow("house-5-3") << QStringLiteral("house-5-3.glb");
}

void TestGltfReader::cesiumHouses()
{
    QFETCH(QString, file);
    const QString path = sharedDataFile(QStringLiteral("gltf/cesium_houses_cc0/") + file);
    if (path.isEmpty())
        QSKIP("shared data gltf/cesium_houses_cc0 absent");
    // What the GLB's own JSON says: mesh nodes, their scale/translation and POSITION min/max.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    quint32 jsonLength = 0;
    std::memcpy(&jsonLength, bytes.constData() + 12, 4);
    const QJsonObject json = QJsonDocument::fromJson(bytes.mid(20, jsonLength)).object();
    int meshNodes = 0;
    for (const QJsonValue& n : json["nodes"].toArray())
        meshNodes += n.toObject().contains("mesh") ? 1 : 0;

    auto model = gis::readGltf(path, optionsFor(pinghu(4.0)));
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    QCOMPARE(model->features.size(), std::size_t(meshNodes));
    QCOMPARE(model->features[0].externalId, json["nodes"][0]["name"].toString());
    QVERIFY(model->triangleCount() > 100);
    // The houses stand on y = 0 (after their node matrix): the lowest vertex is the placement height.
    QVERIFY2(std::abs(model->boundsMin.z - 4.0) < 0.01, qPrintable(QString::number(model->boundsMin.z)));
    QVERIFY(model->boundsMax.z > 6.0 && model->boundsMax.z < 30.0);
    // Each primitive keeps its material colour.
    QVERIFY(model->meshes.size() >= 2);
    QVERIFY(model->meshes[0].colour != model->meshes[1].colour);
}

void TestGltfReader::nodeTransformsGiveExactPositions()
{
    GlbBuilder b;
    const int pos = b.add(std::vector<float>{0, 0, 0, 1, 0, 0, 0, 1, 0}, kFloat, "VEC3", 3);
    const int idx = b.add(std::vector<std::uint8_t>{0, 1, 2}, kUByte, "SCALAR", 1);
    b.setSingleMesh(GlbBuilder::primitive(pos, idx));
    const double s = std::sqrt(0.5);
    b.root().insert(
        "nodes", QJsonArray{QJsonObject{{"translation", QJsonArray{10, 2, -5}}, {"children", QJsonArray{1}}},
                            QJsonObject{{"rotation", QJsonArray{0, s, 0, s}},
                                        {"mesh", 0},
                                        {"name", "tri"},
                                        {"extras", QJsonObject{{"height", 12.5}, {"use", "office"}}}}});
    b.root().insert("scenes", QJsonArray{QJsonObject{{"nodes", QJsonArray{0}}}});
    b.root().insert("scene", 0);
    const QString path = m_dir.filePath("tri.gltf");
    QVERIFY(writeFile(path, b.gltfEmbedded()));

    const ModelPlacement placement = pinghu(3.0, 30.0);
    auto model = gis::readGltf(path, optionsFor(placement));
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    auto frame = gis::ModelPlacementFrame::create(placement, QStringLiteral("EPSG:4549"));
    QVERIFY(frame.isOk());
    // Rotation 90° about y sends (1,0,0) to (0,0,-1); then the parent's translation; then y-up → z-up.
    const ProjectedPoint expected[3] = {frame->toProjected(10, 5, 2), frame->toProjected(10, 6, 2),
                                        frame->toProjected(10, 5, 3)};
    QCOMPARE(model->meshes.size(), std::size_t(1));
    const data::ModelMesh& mesh = model->meshes[0];
    QCOMPARE(mesh.indices, (std::vector<std::uint32_t>{0, 1, 2}));
    for (std::size_t i = 0; i < 3; ++i)
        QVERIFY2(
            distance(vertex(mesh, i), expected[i]) < 1e-3,
            qPrintable(
                QStringLiteral("vertex %1 is %2 m off").arg(i).arg(distance(vertex(mesh, i), expected[i]))));
    QCOMPARE(model->features.size(), std::size_t(1));
    const data::ModelFeature& f = model->features[0];
    QCOMPARE(f.externalId, QStringLiteral("tri"));
    QCOMPARE(f.attribute(QStringLiteral("height")), std::optional<QString>(QStringLiteral("12.5")));
    QCOMPARE(f.attribute(QStringLiteral("use")), std::optional<QString>(QStringLiteral("office")));
}

void TestGltfReader::indexTypesAndModes_data()
{
    QTest::addColumn<int>("componentType");
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("vertices");
    QTest::addColumn<QVector<uint>>("expected");
    QTest::newRow("u8 triangles") << kUByte << 4 << 3 << QVector<uint>{0, 1, 2};
    QTest::newRow("u16 triangles") << kUShort << 4 << 6 << QVector<uint>{0, 1, 2, 3, 4, 5};
    QTest::newRow("u32 triangles") << kUInt << 4 << 3 << QVector<uint>{0, 1, 2};
    QTest::newRow("u16 strip") << kUShort << 5 << 4 << QVector<uint>{0, 1, 2, 1, 3, 2};
    QTest::newRow("u32 fan") << kUInt << 6 << 5 << QVector<uint>{1, 2, 0, 2, 3, 0, 3, 4, 0};
    QTest::newRow("no indices, strip") << 0 << 5 << 4 << QVector<uint>{0, 1, 2, 1, 3, 2};
    QTest::newRow("no indices, triangles") << 0 << 4 << 3 << QVector<uint>{0, 1, 2};
}

void TestGltfReader::indexTypesAndModes()
{
    QFETCH(int, componentType);
    QFETCH(int, mode);
    QFETCH(int, vertices);
    QFETCH(QVector<uint>, expected);
    std::vector<float> positions;
    for (int i = 0; i < vertices; ++i) // a zig-zag in the glTF ground plane
        positions.insert(positions.end(), {float(i / 2), 0.0f, -float(i % 2) - float(i / 4)});
    GlbBuilder b;
    int indices = -1;
    std::vector<std::uint32_t> sequence(static_cast<std::size_t>(vertices));
    for (int i = 0; i < vertices; ++i)
        sequence[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(i);
    if (componentType == kUByte)
        indices = b.add(std::vector<std::uint8_t>(sequence.begin(), sequence.end()), kUByte, "SCALAR", 1);
    else if (componentType == kUShort)
        indices = b.add(std::vector<std::uint16_t>(sequence.begin(), sequence.end()), kUShort, "SCALAR", 1);
    else if (componentType == kUInt)
        indices = b.add(sequence, kUInt, "SCALAR", 1);
    b = primitiveGltf(positions, indices, mode, b);
    const QString path = m_dir.filePath(QStringLiteral("modes_%1_%2.glb").arg(componentType).arg(mode));
    QVERIFY(writeFile(path, b.glb()));
    auto model = gis::readGltf(path, optionsFor(pinghu()));
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    QCOMPARE(model->meshes.size(), std::size_t(1));
    const auto& got = model->meshes[0].indices;
    QCOMPARE(QVector<uint>(got.begin(), got.end()), expected);
}

void TestGltfReader::interleavedQuantizedAndSparse()
{
    // Interleaved POSITION (3 x short, not normalised: KHR_mesh_quantization) + TEXCOORD_0
    // (2 x unsigned short, normalised) in one 12-byte stride; vertex 2's position replaced
    // by a sparse accessor.
    struct Vertex
    {
        std::int16_t p[3];
        std::int16_t pad;
        std::uint16_t uv[2];
    };
    static_assert(sizeof(Vertex) == 12);
    const std::vector<Vertex> vertices{
        {{0, 0, 0}, 0, {0, 0}}, {{4, 0, 0}, 0, {65535, 0}}, {{9, 9, 9}, 0, {0, 65535}}};
    GlbBuilder b;
    const int view = b.addView(vertices.data(), vertices.size() * sizeof(Vertex), 12);
    const int pos = b.addAccessor(view, kShort, 3, "VEC3");
    const int uv = b.addAccessor(view, kUShort, 3, "VEC2", 8, true);
    const std::vector<std::uint16_t> sparseIndex{2};
    const std::vector<std::int16_t> sparseValue{0, 0, -4};
    const int si = b.addView(sparseIndex.data(), 2);
    const int sv = b.addView(sparseValue.data(), 6);
    QJsonObject posAccessor = b.accessors()[pos].toObject();
    posAccessor.insert("sparse",
                       QJsonObject{{"count", 1},
                                   {"indices", QJsonObject{{"bufferView", si}, {"componentType", kUShort}}},
                                   {"values", QJsonObject{{"bufferView", sv}}}});
    b.accessors()[pos] = posAccessor;
    b.root().insert("extensionsUsed", QJsonArray{"KHR_mesh_quantization"});
    b.root().insert("extensionsRequired", QJsonArray{"KHR_mesh_quantization"});
    b.root().insert("meshes",
                    QJsonArray{QJsonObject{
                        {"primitives", QJsonArray{QJsonObject{
                                           {"attributes", QJsonObject{{"POSITION", pos}, {"TEXCOORD_0", uv}}},
                                           {"material", 0}}}}}});
    // A 1x1 PNG would need an encoder here; without an image the texture is dropped, which
    // also proves texture coordinates need a texture to survive.
    b.root().insert("materials",
                    QJsonArray{QJsonObject{{"pbrMetallicRoughness",
                                            QJsonObject{{"baseColorFactor", QJsonArray{1, 0.5, 0.25, 1}}}}}});
    b.root().insert("nodes", QJsonArray{QJsonObject{{"mesh", 0}}});
    const QString path = m_dir.filePath("quantized.glb");
    QVERIFY(writeFile(path, b.glb()));
    auto model = gis::readGltf(path, optionsFor(pinghu()));
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    auto frame = gis::ModelPlacementFrame::create(pinghu(), QStringLiteral("EPSG:4549"));
    const data::ModelMesh& mesh = model->meshes[0];
    QVERIFY(distance(vertex(mesh, 1), frame->toProjected(4, 0, 0)) < 1e-3);
    // Sparse (0, 0, -4) in glTF is 4 m north.
    QVERIFY(distance(vertex(mesh, 2), frame->toProjected(0, 4, 0)) < 1e-3);
    QCOMPARE(mesh.colour, (std::array<float, 4>{1.0f, 0.5f, 0.25f, 1.0f}));
    QVERIFY(mesh.texCoords.empty());
    QCOMPARE(mesh.texture, -1);
}

void TestGltfReader::mirroredNodeKeepsWinding()
{
    GlbBuilder b = primitiveGltf({0, 0, 0, 1, 0, 0, 0, 0, -1}, -1, 4);
    QJsonArray nodes = b.root()["nodes"].toArray();
    QJsonObject node = nodes[0].toObject();
    node.insert("scale", QJsonArray{-1, 1, 1});
    nodes[0] = node;
    b.root().insert("nodes", nodes);
    const QString path = m_dir.filePath("mirror.glb");
    QVERIFY(writeFile(path, b.glb()));
    auto model = gis::readGltf(path, optionsFor(pinghu()));
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    const data::ModelMesh& mesh = model->meshes[0];
    const ProjectedPoint a = vertex(mesh, mesh.indices[0]), c = vertex(mesh, mesh.indices[1]),
                         d = vertex(mesh, mesh.indices[2]);
    // The face pointed up before mirroring; counter-clockwise seen from above it still does.
    const double crossZ = (c.x - a.x) * (d.y - a.y) - (c.y - a.y) * (d.x - a.x);
    QVERIFY2(crossZ > 0.0, qPrintable(QString::number(crossZ)));
}

void TestGltfReader::hugeGlb()
{
    // 1001 x 1001 vertices, 2,000,000 triangles, 32-bit indices: a 36 MB GLB.
    constexpr int n = 1001;
    std::vector<float> positions;
    positions.reserve(std::size_t(n) * n * 3);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            positions.insert(positions.end(), {float(c), float((r + c) % 7), -float(r)});
    std::vector<std::uint32_t> indices;
    indices.reserve(std::size_t(n - 1) * (n - 1) * 6);
    for (std::uint32_t r = 0; r + 1 < n; ++r)
        for (std::uint32_t c = 0; c + 1 < n; ++c) {
            const std::uint32_t v = r * n + c;
            indices.insert(indices.end(), {v, v + 1, v + n, v + 1, v + n + 1, v + n});
        }
    GlbBuilder b;
    const int idx = b.add(indices, kUInt, "SCALAR", 1);
    b = primitiveGltf(positions, idx, 4, b);
    const QString path = m_dir.filePath("huge.glb");
    QVERIFY(writeFile(path, b.glb()));
    QElapsedTimer timer;
    timer.start();
    auto model = gis::readGltf(path, optionsFor(pinghu()));
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    qInfo("2,000,000 triangles read in %lld ms", static_cast<long long>(timer.elapsed()));
    QCOMPARE(model->triangleCount(), std::size_t(2000000));
    QCOMPARE(model->meshes[0].vertexCount(), std::size_t(n) * n);
    QVERIFY(std::abs((model->boundsMax.z - model->boundsMin.z) - 6.0) < 1e-3);
    QVERIFY(std::abs((model->boundsMax.y - model->boundsMin.y) - 1000.0) < 10.0);
}

QTEST_GUILESS_MAIN(TestGltfReader)
#include "tst_gltfreader.moc"
