#include "TilesetFixtures.h"
#include "gis/GltfReader.h"
#include "gis/ThreadCrsCache.h"
#include "gis/Tileset.h"
#include "tests/common/TestPaths.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace citytwin;
using namespace citytwin::test;
using citytwin::data::ProjectedPoint;

namespace {

const QString kGk = QStringLiteral("EPSG:4549");

ProjectedPoint fromEcef(const ProjectedPoint& p)
{
    auto t = gis::threadCrsTransformer(QStringLiteral("EPSG:4978"), kGk);
    auto out = t ? (*t)->forward(p) : data::Result<ProjectedPoint>(t.status());
    return out ? *out : ProjectedPoint{std::nan(""), 0, 0};
}

ProjectedPoint vertex(const data::Model& model, std::size_t mesh, std::size_t v)
{
    const data::ModelMesh& m = model.meshes[mesh];
    return {m.anchor.x + m.positions[v * 3], m.anchor.y + m.positions[v * 3 + 1],
            m.anchor.z + m.positions[v * 3 + 2]};
}

double distance(const ProjectedPoint& a, const ProjectedPoint& b)
{
    return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) + (a.z - b.z) * (a.z - b.z));
}

QByteArray rtcFeatureTable(const ProjectedPoint& c, int batchLength)
{
    return QJsonDocument(
               QJsonObject{{"BATCH_LENGTH", batchLength}, {"RTC_CENTER", QJsonArray{c.x, c.y, c.z}}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestTileContent : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void b3dmRtcAndBatchTable();
    void binaryBatchTableAndTransform();
    void glbContentWithCesiumRtc();
    void featureIdsOfMeshFeatures();
    void legacyB3dmHeaders_data();
    void legacyB3dmHeaders();
    void truncatedB3dm_data();
    void truncatedB3dm();
    void unsupportedContent_data();
    void unsupportedContent();

private:
    QTemporaryDir m_dir;
};

void TestTileContent::b3dmRtcAndBatchTable()
{
    // Two triangles, batch ids 0 and 1; RTC_CENTER at Pinghu. glTF y is ECEF z (y-up → z-up).
    const ProjectedPoint rtc = ecefOf(121.0, 30.7, 0.0);
    const QByteArray glb = batchedTriangle({0, 0, 0, 10, 0, 0, 0, 10, 0}, {1, 1, 1});
    const QByteArray batch = R"({"name":["north","south"],"height":[12.5,7],"tags":[{"a":1},null]})";
    gis::EcefContentFrame frame;
    frame.projectCrs = kGk;
    auto model =
        gis::readB3dm(makeB3dm(glb, rtcFeatureTable(rtc, 2), batch), QStringLiteral("t.b3dm"), frame);
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    QCOMPARE(model->features.size(), std::size_t(2));
    QCOMPARE(model->features[0].name, QStringLiteral("north"));
    QCOMPARE(model->features[1].attribute(QStringLiteral("height")),
             std::optional<QString>(QStringLiteral("7")));
    QCOMPARE(model->features[0].attribute(QStringLiteral("tags")),
             std::optional<QString>(QStringLiteral("{\"a\":1}")));
    QCOMPARE(model->meshes.size(), std::size_t(1));
    QCOMPARE(model->meshes[0].feature, 1); // every vertex has batch id 1
    QVERIFY(model->meshes[0].vertexFeature.empty());
    QVERIFY(distance(vertex(*model, 0, 0), fromEcef(rtc)) < 0.01);
    QVERIFY(distance(vertex(*model, 0, 1), fromEcef({rtc.x + 10, rtc.y, rtc.z})) < 0.01);
    QVERIFY(distance(vertex(*model, 0, 2), fromEcef({rtc.x, rtc.y, rtc.z + 10})) < 0.01);
}

void TestTileContent::binaryBatchTableAndTransform()
{
    // Local ENU coordinates with the tile transform doing the georeferencing; per-vertex ids
    // and a batch property held in the binary body (uint16 SCALAR); the feature table is padded
    // with NULs as some writers do.
    const auto enu = enuToEcef(121.0, 30.7, 3.0);
    const QByteArray glb = batchedTriangle({0, 0, 0, 10, 0, 0, 0, 0, -10}, {0, 1, 2});
    std::vector<std::uint16_t> floors{3, 5, 8};
    const QByteArray binary(reinterpret_cast<const char*>(floors.data()), 6);
    const QByteArray batch =
        R"({"floors":{"byteOffset":0,"componentType":"UNSIGNED_SHORT","type":"SCALAR"}})";
    gis::EcefContentFrame frame;
    frame.projectCrs = kGk;
    frame.tileTransform = enu;
    auto model =
        gis::readB3dm(makeB3dm(glb, QByteArray(R"({"BATCH_LENGTH":3})").append(3, '\0'), batch, binary),
                      QStringLiteral("b.b3dm"), frame);
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    QCOMPARE(model->features.size(), std::size_t(3));
    QCOMPARE(model->features[2].attribute(QStringLiteral("floors")),
             std::optional<QString>(QStringLiteral("8")));
    const data::ModelMesh& mesh = model->meshes[0];
    QCOMPARE(mesh.vertexFeature, (std::vector<std::int64_t>{0, 1, 2}));
    // glTF (0,0,-10) is 10 m north in the ENU frame: z-up conversion then the transform.
    const ProjectedPoint origin = fromEcef({enu[12], enu[13], enu[14]});
    const ProjectedPoint north =
        fromEcef({enu[12] + 10 * enu[4], enu[13] + 10 * enu[5], enu[14] + 10 * enu[6]});
    QVERIFY(distance(vertex(*model, 0, 0), origin) < 0.01);
    QVERIFY(distance(vertex(*model, 0, 2), north) < 0.01);
    QVERIFY(std::abs(origin.z - 3.0) < 0.01);
    QVERIFY(north.y - origin.y > 9.9);
}

void TestTileContent::glbContentWithCesiumRtc()
{
    const ProjectedPoint rtc = ecefOf(121.0, 30.7, 20.0);
    GlbBuilder b;
    const int pos = b.add(std::vector<float>{0, 0, 0, 5, 0, 0, 0, 0, -5}, kFloat, "VEC3", 3);
    b.setSingleMesh(GlbBuilder::primitive(pos));
    b.root().insert("nodes", QJsonArray{QJsonObject{{"mesh", 0}, {"name", "roof"}}});
    b.root().insert("extensionsUsed", QJsonArray{"CESIUM_RTC"});
    b.root().insert("extensionsRequired", QJsonArray{"CESIUM_RTC"});
    b.root().insert("extensions",
                    QJsonObject{{"CESIUM_RTC", QJsonObject{{"center", QJsonArray{rtc.x, rtc.y, rtc.z}}}}});
    const QString path = QDir(m_dir.path()).filePath("content.glb");
    QVERIFY(writeFile(path, b.glb()));
    gis::TilesetTile tile;
    tile.contentPath = path;
    auto model = gis::readTileContent(tile, kGk);
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    QCOMPARE(model->features.size(), std::size_t(1)); // no batch ids: one feature per node
    QCOMPARE(model->features[0].externalId, QStringLiteral("roof"));
    QCOMPARE(model->features[0].id, 0);
    QVERIFY(distance(vertex(*model, 0, 0), fromEcef(rtc)) < 0.01);
    QVERIFY(distance(vertex(*model, 0, 1), fromEcef({rtc.x + 5, rtc.y, rtc.z})) < 0.01);
    QVERIFY(distance(vertex(*model, 0, 2), fromEcef({rtc.x, rtc.y + 5, rtc.z})) < 0.01);
}

void TestTileContent::featureIdsOfMeshFeatures()
{
    // 3D Tiles 1.1 content: EXT_mesh_features ids in _FEATURE_ID_0 instead of _BATCHID.
    GlbBuilder b;
    const int pos = b.add(std::vector<float>{0, 0, 0, 5, 0, 0, 0, 0, -5}, kFloat, "VEC3", 3);
    const int ids = b.add(std::vector<std::uint8_t>{0, 2, 2, 0}, kUByte, "SCALAR", 1); // padded view
    QJsonObject primitive = GlbBuilder::primitive(pos);
    QJsonObject attributes = primitive["attributes"].toObject();
    attributes.insert("_FEATURE_ID_0", ids);
    primitive.insert("attributes", attributes);
    b.setSingleMesh(primitive);
    QJsonObject idAccessor = b.accessors()[ids].toObject();
    idAccessor.insert("count", 3);
    b.accessors()[ids] = idAccessor;
    b.root().insert("nodes", QJsonArray{QJsonObject{{"mesh", 0}}});
    gis::EcefContentFrame frame;
    frame.tileTransform = enuToEcef(121.0, 30.7, 0.0);
    frame.projectCrs = kGk;
    auto model = gis::readGlbContent(b.glb(), QStringLiteral("f.glb"), frame);
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    QCOMPARE(model->features.size(), std::size_t(3));
    QCOMPARE(model->meshes[0].vertexFeature, (std::vector<std::int64_t>{0, 2, 2}));
}

void TestTileContent::legacyB3dmHeaders_data()
{
    // Pre-1.0 writers: 20 bytes (batchLength, batchTableByteLength) or 24 bytes
    // (batchTableJSONByteLength, batchTableBinaryByteLength, batchLength).
    QTest::addColumn<int>("headerBytes");
    QTest::newRow("20-byte header") << 20;
    QTest::newRow("24-byte header") << 24;
}

void TestTileContent::legacyB3dmHeaders()
{
    QFETCH(int, headerBytes);
    const ProjectedPoint rtc = ecefOf(121.0, 30.7, 0.0);
    GlbBuilder b;
    const int pos = b.add(std::vector<float>{0, 0, 0, 5, 0, 0, 0, 0, -5}, kFloat, "VEC3", 3);
    const int ids = b.add(std::vector<float>{0, 1, 1}, kFloat, "SCALAR", 1);
    QJsonObject primitive = GlbBuilder::primitive(pos);
    primitive.insert("attributes", QJsonObject{{"POSITION", pos}, {"BATCHID", ids}});
    b.setSingleMesh(primitive);
    b.root().insert("nodes",
                    QJsonArray{QJsonObject{{"mesh", 0}, {"translation", QJsonArray{rtc.x, rtc.z, -rtc.y}}}});
    const QByteArray glb = b.glb();
    const QByteArray batch = R"({"kind":["a","b"]})";
    QByteArray bytes("b3dm");
    GlbBuilder::appendU32(bytes, 1);
    GlbBuilder::appendU32(bytes, static_cast<std::uint32_t>(headerBytes + batch.size() + glb.size()));
    if (headerBytes == 20) {
        GlbBuilder::appendU32(bytes, 2); // batchLength
        GlbBuilder::appendU32(bytes, static_cast<std::uint32_t>(batch.size()));
    } else {
        GlbBuilder::appendU32(bytes, static_cast<std::uint32_t>(batch.size()));
        GlbBuilder::appendU32(bytes, 0);
        GlbBuilder::appendU32(bytes, 2); // batchLength
    }
    bytes.append(batch).append(glb);
    gis::EcefContentFrame frame;
    frame.projectCrs = kGk;
    auto model = gis::readB3dm(bytes, QStringLiteral("old.b3dm"), frame);
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    QCOMPARE(model->features.size(), std::size_t(2));
    QCOMPARE(model->features[1].attribute(QStringLiteral("kind")),
             std::optional<QString>(QStringLiteral("b")));
    QCOMPARE(model->meshes[0].vertexFeature, (std::vector<std::int64_t>{0, 1, 1}));
    // The node translation (glTF y-up) puts vertex 0 at the ECEF point.
    QVERIFY(distance(vertex(*model, 0, 0), fromEcef(rtc)) < 0.05);
}

void TestTileContent::truncatedB3dm_data()
{
    QTest::addColumn<int>("keep");
    QTest::addColumn<QString>("expected");
    QTest::newRow("inside the header") << 20 << QStringLiteral("truncated at byte 20");
    QTest::newRow("inside the GLB") << 5000 << QStringLiteral("truncated at byte 5000");
}

void TestTileContent::truncatedB3dm()
{
    QFETCH(int, keep);
    QFETCH(QString, expected);
    const QString real = sharedDataFile(QStringLiteral("tiles3d/cesium_city_b3dm/ll.b3dm"));
    if (real.isEmpty())
        QSKIP("shared data tiles3d/cesium_city_b3dm absent");
    QFile f(real);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString path = QDir(m_dir.path()).filePath(QStringLiteral("cut%1.b3dm").arg(keep));
    QVERIFY(writeFile(path, f.readAll().left(keep)));
    gis::TilesetTile tile;
    tile.contentPath = path;
    auto model = gis::readTileContent(tile, QStringLiteral("EPSG:32618"));
    QVERIFY(!model.isOk());
    QVERIFY2(model.status().message().contains(QFileInfo(path).fileName()),
             qPrintable(model.status().message()));
    QVERIFY2(model.status().message().contains(expected), qPrintable(model.status().message()));
}

void TestTileContent::unsupportedContent_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QByteArray pnts("pnts");
    GlbBuilder::appendU32(pnts, 1);
    GlbBuilder::appendU32(pnts, 28);
    pnts.append(16, '\0');
    QTest::newRow("pnts") << pnts << QStringLiteral("'pnts' (point cloud) is not supported");
    QTest::newRow("i3dm") << QByteArray("i3dm").append(24, '\0') << QStringLiteral("'i3dm'");
    QTest::newRow("cmpt") << QByteArray("cmpt").append(12, '\0') << QStringLiteral("'cmpt'");
    QTest::newRow("garbage") << QByteArray("\x01xyz1234") << QStringLiteral("magic '?xyz'");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("b3dm version 2") << QByteArray("b3dm\x02").append(27, '\0') << QStringLiteral("version 2");
}

void TestTileContent::unsupportedContent()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const QString path =
        QDir(m_dir.path())
            .filePath(QStringLiteral("c_%1.b3dm").arg(QTest::currentDataTag()).replace(' ', '_'));
    QVERIFY(writeFile(path, bytes));
    gis::TilesetTile tile;
    tile.contentPath = path;
    auto model = gis::readTileContent(tile, kGk);
    QVERIFY(!model.isOk());
    QVERIFY2(model.status().message().contains(QFileInfo(path).fileName()),
             qPrintable(model.status().message()));
    QVERIFY2(model.status().message().contains(expected), qPrintable(model.status().message()));
}

QTEST_GUILESS_MAIN(TestTileContent)
#include "tst_tilecontent.moc"
