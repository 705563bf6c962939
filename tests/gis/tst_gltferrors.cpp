#include "GltfFixtures.h"
#include "gis/GltfReader.h"
#include "tests/common/TestPaths.h"

#include <QTemporaryDir>
#include <QtTest>
#include <functional>

using namespace citytwin;
using namespace citytwin::test;

namespace {

gis::ModelReadOptions placed()
{
    gis::ModelReadOptions options;
    data::ModelPlacement p;
    p.origin = {121.0, 30.7, 0.0};
    options.placement = p;
    return options;
}

//! A valid triangle GLB that MUTATE may spoil (accessors, views, root) before it is written.
QByteArray triangle(const std::function<void(GlbBuilder&)>& mutate = {})
{
    GlbBuilder b;
    const int pos = b.add(std::vector<float>{0, 0, 0, 1, 0, 0, 0, 1, 0}, kFloat, "VEC3", 3);
    const int idx = b.add(std::vector<std::uint16_t>{0, 1, 2}, kUShort, "SCALAR", 1);
    b.setSingleMesh(GlbBuilder::primitive(pos, idx));
    b.root().insert("nodes", QJsonArray{QJsonObject{{"mesh", 0}}});
    if (mutate)
        mutate(b);
    return b.glb();
}

void setAccessor(GlbBuilder& b, int index, const char* key, const QJsonValue& value)
{
    QJsonObject a = b.accessors()[index].toObject();
    a.insert(key, value);
    b.accessors()[index] = a;
}

void setView(GlbBuilder& b, int index, const char* key, const QJsonValue& value)
{
    QJsonObject v = b.views()[index].toObject();
    v.insert(key, value);
    b.views()[index] = v;
}

} // namespace

class TestGltfErrors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void validTriangleReads();
    void badGlb_data();
    void badGlb();
    void truncatedHouse();
    void corruptJson();
    void missingBin();
    void missingPlacement();
    void missingTexturesOnlyWarn();
    void nodeCycleTerminates();

private:
    QTemporaryDir m_dir;
};

void TestGltfErrors::validTriangleReads()
{
    // The control for badGlb: the unspoilt fixture reads.
    const QString path = m_dir.filePath("ok.glb");
    QVERIFY(writeFile(path, triangle()));
    auto model = gis::readGltf(path, placed());
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    QCOMPARE(model->triangleCount(), std::size_t(1));
}

void TestGltfErrors::badGlb_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("header only") << triangle().left(10) << QStringLiteral("truncated at byte 10");
    QTest::newRow("cut in the BIN chunk") << triangle().chopped(20) << QStringLiteral("truncated");
    QTest::newRow("GLB version 1") << triangle().replace(4, 1, "\x01", 1) << QStringLiteral("version 1");
    QTest::newRow("draco required") << triangle([](GlbBuilder& b) {
        b.root().insert("extensionsRequired", QJsonArray{"KHR_draco_mesh_compression"});
    }) << QStringLiteral("KHR_draco_mesh_compression");
    QTest::newRow("meshopt required") << triangle([](GlbBuilder& b) {
        b.root().insert("extensionsRequired", QJsonArray{"EXT_meshopt_compression"});
    }) << QStringLiteral("EXT_meshopt_compression");
    QTest::newRow("glTF 1.0") << triangle([](GlbBuilder& b) {
        b.root().insert("asset", QJsonObject{{"version", "1.0"}});
    }) << QStringLiteral("version 1.0");
    QTest::newRow("accessor count past its view")
        << triangle([](GlbBuilder& b) { setAccessor(b, 0, "count", 1000); }) << QStringLiteral("do not fit");
    QTest::newRow("accessor offset past its view")
        << triangle([](GlbBuilder& b) { setAccessor(b, 0, "byteOffset", 4000000000.0); })
        << QStringLiteral("do not fit");
    QTest::newRow("huge count overflow")
        << triangle([](GlbBuilder& b) { setAccessor(b, 1, "count", 2147483647.0); })
        << QStringLiteral("2147483647 elements");
    QTest::newRow("view past its buffer")
        << triangle([](GlbBuilder& b) { setView(b, 0, "byteLength", 4096); }) << QStringLiteral("buffer");
    QTest::newRow("stride shorter than element")
        << triangle([](GlbBuilder& b) { setView(b, 0, "byteStride", 4); }) << QStringLiteral("stride");
    QTest::newRow("index past the vertices") << triangle([](GlbBuilder& b) {
        // Point the index accessor at the float data: 0x3f800000 is far beyond 3 vertices.
        setAccessor(b, 1, "bufferView", 0);
        setAccessor(b, 1, "componentType", kUInt);
        setAccessor(b, 1, "count", 9);
    }) << QStringLiteral("only 3 vertices");
    QTest::newRow("float indices") << triangle([](GlbBuilder& b) {
        setAccessor(b, 1, "componentType", kFloat);
    }) << QStringLiteral("indices must be unsigned");
    QTest::newRow("missing accessor") << triangle([](GlbBuilder& b) {
        b.root().insert(
            "meshes",
            QJsonArray{QJsonObject{
                {"primitives", QJsonArray{QJsonObject{{"attributes", QJsonObject{{"POSITION", 7}}}}}}}});
    }) << QStringLiteral("accessor 7");
    QTest::newRow("position as VEC2")
        << triangle([](GlbBuilder& b) { setAccessor(b, 0, "type", "VEC2"); }) << QStringLiteral("expected 3");
}

void TestGltfErrors::badGlb()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const QString path =
        m_dir.filePath(QStringLiteral("bad_%1.glb").arg(QTest::currentDataTag()).replace(' ', '_'));
    QVERIFY(writeFile(path, bytes));
    auto model = gis::readGltf(path, placed());
    QVERIFY2(!model.isOk(), "a broken file must not read");
    const QString message = model.status().message();
    QVERIFY2(message.contains(QFileInfo(path).fileName()), qPrintable(message));
    QVERIFY2(message.contains(expected), qPrintable(message));
}

void TestGltfErrors::truncatedHouse()
{
    const QString house = sharedDataFile(QStringLiteral("gltf/cesium_houses_cc0/house1-1.glb"));
    if (house.isEmpty())
        QSKIP("shared data gltf/cesium_houses_cc0 absent");
    QFile f(house);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    const QString path = m_dir.filePath("half-house.glb");
    QVERIFY(writeFile(path, bytes.left(bytes.size() / 2)));
    auto model = gis::readGltf(path, placed());
    QVERIFY(!model.isOk());
    QVERIFY2(model.status().message().contains(QStringLiteral("truncated at byte %1").arg(bytes.size() / 2)),
             qPrintable(model.status().message()));
}

void TestGltfErrors::corruptJson()
{
    const QString path = m_dir.filePath("corrupt.gltf");
    QVERIFY(writeFile(path, R"({"asset": {"version": "2.0"}, "nodes": [{"mesh": 0,}]})"));
    auto model = gis::readGltf(path, placed());
    QVERIFY(!model.isOk());
    QCOMPARE(model.status().code(), data::Status::Code::FormatError);
    QVERIFY2(model.status().message().contains(QStringLiteral("JSON is not valid at byte")),
             qPrintable(model.status().message()));
}

void TestGltfErrors::missingBin()
{
    const QString cube = sharedDataFile(QStringLiteral("gltf/khronos_cube/Cube.gltf"));
    if (cube.isEmpty())
        QSKIP("shared data gltf/khronos_cube absent");
    const QString path = m_dir.filePath("Cube.gltf"); // no Cube.bin (nor textures) next to it
    QVERIFY(QFile::copy(cube, path));
    auto model = gis::readGltf(path, placed());
    QVERIFY(!model.isOk());
    QVERIFY2(model.status().message().contains(QStringLiteral("Cube.bin")),
             qPrintable(model.status().message()));
}

void TestGltfErrors::missingTexturesOnlyWarn()
{
    const QString cube = sharedDataFile(QStringLiteral("gltf/khronos_cube/Cube.gltf"));
    if (cube.isEmpty())
        QSKIP("shared data gltf/khronos_cube absent");
    // The geometry is all there; a lost or broken texture is no reason to refuse the model.
    QDir dir(m_dir.filePath("notex"));
    QVERIFY(QDir().mkpath(dir.path()));
    QVERIFY(QFile::copy(cube, dir.filePath("Cube.gltf")));
    QVERIFY(QFile::copy(QFileInfo(cube).dir().filePath("Cube.bin"), dir.filePath("Cube.bin")));
    QVERIFY(writeFile(dir.filePath("Cube_MetallicRoughness.png"), "\x89PNG but not really"));
    auto model = gis::readGltf(dir.filePath("Cube.gltf"), placed());
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    QCOMPARE(model->triangleCount(), std::size_t(12));
    QVERIFY(model->textures.empty());
    QCOMPARE(model->meshes[0].texture, -1);
    QVERIFY(model->meshes[0].texCoords.empty());
    QVERIFY2(model->warnings.join(' ').contains(QStringLiteral("image")),
             qPrintable(model->warnings.join(" | ")));
}

void TestGltfErrors::missingPlacement()
{
    const QString path = m_dir.filePath("noplace.glb");
    QVERIFY(writeFile(path, triangle()));
    auto model = gis::readGltf(path, gis::ModelReadOptions{});
    QVERIFY(!model.isOk());
    QVERIFY2(model.status().message().contains(QStringLiteral("placement")),
             qPrintable(model.status().message()));
}

void TestGltfErrors::nodeCycleTerminates()
{
    const QString path = m_dir.filePath("cycle.glb");
    QVERIFY(writeFile(path, triangle([](GlbBuilder& b) {
                          b.root().insert("nodes",
                                          QJsonArray{QJsonObject{{"mesh", 0}, {"children", QJsonArray{1}}},
                                                     QJsonObject{{"children", QJsonArray{0}}}});
                          b.root().insert("scenes", QJsonArray{QJsonObject{{"nodes", QJsonArray{0}}}});
                      })));
    // Either refused or read once with a warning, but never an endless walk.
    auto model = gis::readGltf(path, placed());
    if (model.isOk()) {
        QCOMPARE(model->triangleCount(), std::size_t(1));
        QVERIFY2(model->warnings.join(' ').contains(QStringLiteral("reached twice")),
                 qPrintable(model->warnings.join(' ')));
    }
}

QTEST_GUILESS_MAIN(TestGltfErrors)
#include "tst_gltferrors.moc"
