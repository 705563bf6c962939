#include "TilesetFixtures.h"
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

double distance(const ProjectedPoint& a, const ProjectedPoint& b)
{
    return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) + (a.z - b.z) * (a.z - b.z));
}

ProjectedPoint projected(const QString& from, const ProjectedPoint& p, const QString& to = kGk)
{
    auto t = gis::threadCrsTransformer(from, to);
    auto out = t ? (*t)->forward(p) : data::Result<ProjectedPoint>(t.status());
    return out ? *out : ProjectedPoint{std::nan(""), 0, 0};
}

QJsonObject sphereVolume(double x, double y, double z, double r)
{
    return {{"sphere", QJsonArray{x, y, z, r}}};
}

} // namespace

class TestTileset : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cesiumCity();
    void boxAndSphereWithTransforms();
    void regionSphereEnclosesCorners();
    void externalTileset();
    void cycleIsAnError();
    void missingContent();
    void unsupportedContentIsSkipped();
    void badTilesets_data();
    void badTilesets();

private:
    QTemporaryDir m_dir;
};

void TestTileset::cesiumCity()
{
    const QString path = sharedDataFile(QStringLiteral("tiles3d/cesium_city_b3dm/tileset.json"));
    if (path.isEmpty())
        QSKIP("shared data tiles3d/cesium_city_b3dm absent");
    const QString utm = QStringLiteral("EPSG:32618");
    auto tileset = gis::readTileset(path, utm);
    QVERIFY2(tileset.isOk(), qPrintable(tileset.status().message()));
    QCOMPARE(tileset->tiles.size(), std::size_t(5));
    const gis::TilesetTile& root = tileset->tiles[0];
    QCOMPARE(root.parent, -1);
    QCOMPARE(root.children.size(), std::size_t(4));
    QVERIFY(root.refineAdd);
    QCOMPARE(root.geometricError, 70.0);
    QVERIFY(root.contentPath.isEmpty());

    // The root region read independently: its projected box, for the content check below.
    const double region[4] = {-1.3197209591796106, 0.6988424218, -1.3196390408203893, 0.6989055782};
    double minX = 1e300, maxX = -1e300, minY = 1e300, maxY = -1e300;
    for (int i = 0; i <= 8; ++i)
        for (int j = 0; j <= 8; ++j)
            for (const double h : {0.0, 20.0}) {
                const double lon = (region[0] + i / 8.0 * (region[2] - region[0])) * 180.0 / M_PI;
                const double lat = (region[1] + j / 8.0 * (region[3] - region[1])) * 180.0 / M_PI;
                const ProjectedPoint p = projected(QStringLiteral("EPSG:4979"), {lon, lat, h}, utm);
                minX = std::min(minX, p.x), maxX = std::max(maxX, p.x), minY = std::min(minY, p.y),
                maxY = std::max(maxY, p.y);
                QVERIFY2(distance(p, root.centre) <= root.radius + 1e-6,
                         qPrintable(QStringLiteral("region point %1 m outside")
                                        .arg(distance(p, root.centre) - root.radius)));
            }
    // About half the diagonal of a 400 m square, not a loose over-estimate.
    const double diagonal = std::hypot(maxX - minX, maxY - minY);
    QVERIFY2(root.radius > 0.45 * diagonal && root.radius < 0.5 * diagonal + 20.0,
             qPrintable(QStringLiteral("radius %1, diagonal %2").arg(root.radius).arg(diagonal)));

    for (const int child : root.children) {
        const gis::TilesetTile& tile = tileset->tiles[static_cast<std::size_t>(child)];
        QCOMPARE(tile.parent, 0);
        QVERIFY(tile.refineAdd); // inherited
        QVERIFY2(QFileInfo::exists(tile.contentPath), qPrintable(tile.contentPath));
        auto model = gis::readTileContent(tile, utm);
        QVERIFY2(model.isOk(), qPrintable(model.status().message()));
        QCOMPARE(model->features.size(), std::size_t(10)); // BATCH_LENGTH
        QCOMPARE(model->features[3].id, 3);
        QVERIFY(model->features[3].attribute(QStringLiteral("Height")).has_value());
        QVERIFY(model->features[3].attribute(QStringLiteral("Longitude")).has_value());
        // Content inside the tile's sphere and inside the root region's projected box.
        std::vector<double> sumX(10, 0.0), sumY(10, 0.0), count(10, 0.0);
        for (const data::ModelMesh& mesh : model->meshes) {
            QVERIFY(!mesh.vertexFeature.empty() || mesh.feature >= 0);
            for (std::size_t v = 0; v < mesh.vertexCount(); ++v) {
                const ProjectedPoint p{mesh.anchor.x + mesh.positions[v * 3],
                                       mesh.anchor.y + mesh.positions[v * 3 + 1],
                                       mesh.anchor.z + mesh.positions[v * 3 + 2]};
                QVERIFY2(
                    distance(p, tile.centre) <= tile.radius + 0.01,
                    qPrintable(QStringLiteral("%1 m outside").arg(distance(p, tile.centre) - tile.radius)));
                QVERIFY(p.x > minX - 0.5 && p.x < maxX + 0.5 && p.y > minY - 0.5 && p.y < maxY + 0.5);
                QVERIFY(p.z > -1.0 && p.z < 21.0); // region heights 0..20
                const std::int64_t f = mesh.vertexFeature.empty() ? mesh.feature : mesh.vertexFeature[v];
                QVERIFY(f >= 0 && f < 10);
                sumX[f] += p.x, sumY[f] += p.y, count[f] += 1.0;
            }
        }
        // Each building's vertices gather around the Longitude/Latitude its batch entry gives.
        for (std::size_t f = 0; f < 10; ++f) {
            QVERIFY(count[f] > 0.0);
            const double lon =
                model->features[f].attribute(QStringLiteral("Longitude"))->toDouble() * 180.0 / M_PI;
            const double lat =
                model->features[f].attribute(QStringLiteral("Latitude"))->toDouble() * 180.0 / M_PI;
            const ProjectedPoint at = projected(QStringLiteral("EPSG:4979"), {lon, lat, 0.0}, utm);
            const double off = std::hypot(sumX[f] / count[f] - at.x, sumY[f] / count[f] - at.y);
            QVERIFY2(off < 20.0,
                     qPrintable(QStringLiteral("feature %1: %2 m from its batch position").arg(f).arg(off)));
        }
    }
}

void TestTileset::boxAndSphereWithTransforms()
{
    const auto enu = enuToEcef(121.0, 30.7, 5.0);
    QJsonObject boxTile =
        tileJson(QJsonObject{{"box", QJsonArray{0, 0, 10, 30, 0, 0, 0, 20, 0, 0, 0, 10}}}, 10.0);
    QJsonObject sphereTile = tileJson(sphereVolume(100, 0, 0, 50), 5.0);
    sphereTile.insert("transform",
                      toJson({2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1})); // scales the radius
    QJsonObject root = tileJson(QJsonObject{{"box", QJsonArray{0, 0, 0, 500, 0, 0, 0, 500, 0, 0, 0, 500}}},
                                100.0, {}, QJsonArray{boxTile, sphereTile});
    root.insert("transform", toJson(enu));
    root.insert("refine", "REPLACE");
    const QString path = writeTileset(QDir(m_dir.path()), "transforms/tileset.json", root);
    auto tileset = gis::readTileset(path, kGk);
    QVERIFY2(tileset.isOk(), qPrintable(tileset.status().message()));
    QCOMPARE(tileset->tiles.size(), std::size_t(3));
    QVERIFY(!tileset->tiles[1].refineAdd);

    // Box: centre 10 m above the ENU origin, half-diagonal sqrt(30² + 20² + 10²).
    const ProjectedPoint boxCentre = projected(QStringLiteral("EPSG:4979"), {121.0, 30.7, 15.0});
    QVERIFY2(distance(tileset->tiles[1].centre, boxCentre) < 0.05,
             qPrintable(QString::number(distance(tileset->tiles[1].centre, boxCentre))));
    QVERIFY(std::abs(tileset->tiles[1].radius - std::sqrt(1400.0)) < 0.1);
    // Sphere: (100, 0, 0) scaled by 2 = 200 m east of the origin, radius 100 m.
    const gis::TilesetTile& sphere = tileset->tiles[2];
    std::array<double, 16> expectedTransform{};
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r)
            expectedTransform[c * 4 + r] = (c < 3 ? 2.0 : 1.0) * enu[c * 4 + r];
    for (int i = 0; i < 16; ++i)
        QVERIFY(std::abs(sphere.transform[i] - expectedTransform[i]) <
                1e-6 * std::max(1.0, std::abs(expectedTransform[i])));
    const ProjectedPoint east =
        projected(QStringLiteral("EPSG:4978"),
                  {enu[12] + 200 * enu[0], enu[13] + 200 * enu[1], enu[14] + 200 * enu[2]});
    QVERIFY(distance(sphere.centre, east) < 0.05);
    QVERIFY(sphere.radius >= 100.0 && sphere.radius < 100.2);
}

void TestTileset::regionSphereEnclosesCorners()
{
    const double d = M_PI / 180.0;
    const QJsonObject region{{"region", QJsonArray{120.99 * d, 30.69 * d, 121.01 * d, 30.71 * d, -5, 60}}};
    const QString path = writeTileset(QDir(m_dir.path()), "region/tileset.json", tileJson(region, 50.0));
    auto tileset = gis::readTileset(path, kGk);
    QVERIFY2(tileset.isOk(), qPrintable(tileset.status().message()));
    const gis::TilesetTile& tile = tileset->tiles[0];
    double farthest = 0.0;
    for (const double lon : {120.99, 121.0, 121.01})
        for (const double lat : {30.69, 30.70, 30.71})
            for (const double h : {-5.0, 60.0}) {
                const double dist =
                    distance(tile.centre, projected(QStringLiteral("EPSG:4979"), {lon, lat, h}));
                QVERIFY2(dist <= tile.radius + 1e-6, qPrintable(QString::number(dist - tile.radius)));
                farthest = std::max(farthest, dist);
            }
    QVERIFY(tile.radius < farthest * 1.01); // tight, not just huge
}

void TestTileset::externalTileset()
{
    QDir dir(m_dir.path());
    const QJsonObject volume = sphereVolume(0, 0, 0, 40);
    QDir().mkpath(dir.filePath("ext/sub"));
    writeFile(dir.filePath("ext/sub/a.b3dm"),
              makeB3dm(batchedTriangle({0, 0, 0, 1, 0, 0, 0, 0, -1}, {0, 0, 0}), R"({"BATCH_LENGTH":1})"));
    writeTileset(dir, "ext/sub/inner.json",
                 tileJson(volume, 1.0, {}, QJsonArray{tileJson(volume, 0.0, "a.b3dm")}));
    QJsonObject root = tileJson(volume, 20.0, "sub/inner.json");
    root.insert("transform", toJson(enuToEcef(121.0, 30.7, 0.0)));
    const QString path = writeTileset(dir, "ext/tileset.json", root);
    auto tileset = gis::readTileset(path, kGk);
    QVERIFY2(tileset.isOk(), qPrintable(tileset.status().message()));
    QCOMPARE(tileset->tiles.size(), std::size_t(3));
    QCOMPARE(tileset->tiles[1].parent, 0);
    QCOMPARE(tileset->tiles[2].parent, 1);
    QVERIFY(tileset->tiles[0].contentPath.isEmpty());
    QCOMPARE(tileset->tiles[2].contentPath, QFileInfo(dir.filePath("ext/sub/a.b3dm")).absoluteFilePath());
    // The referencing tile's transform carries into the external tileset.
    QCOMPARE(tileset->tiles[2].transform, tileset->tiles[0].transform);
    QVERIFY(distance(tileset->tiles[2].centre, projected(QStringLiteral("EPSG:4979"), {121.0, 30.7, 0.0})) <
            0.05);
}

void TestTileset::cycleIsAnError()
{
    QDir dir(m_dir.path());
    const QJsonObject volume = sphereVolume(0, 0, 0, 40);
    QJsonObject a = tileJson(volume, 10.0, "b.json");
    a.insert("transform", toJson(enuToEcef(121.0, 30.7, 0.0)));
    const QString path = writeTileset(dir, "cycle/a.json", a);
    writeTileset(dir, "cycle/b.json", tileJson(volume, 5.0, "a.json"));
    auto tileset = gis::readTileset(path, kGk);
    QVERIFY(!tileset.isOk());
    QVERIFY2(tileset.status().message().contains(QStringLiteral("a.json → b.json → a.json")),
             qPrintable(tileset.status().message()));
}

void TestTileset::missingContent()
{
    QDir dir(m_dir.path());
    const QJsonObject volume = sphereVolume(0, 0, 0, 40);
    QJsonObject root =
        tileJson(volume, 10.0, {},
                 QJsonArray{tileJson(volume, 0.0, "gone1.b3dm"), tileJson(volume, 0.0, "gone2.b3dm"),
                            tileJson(volume, 0.0, "gone3.b3dm"), tileJson(volume, 0.0, "skip.pnts")});
    root.insert("transform", toJson(enuToEcef(121.0, 30.7, 0.0)));
    auto tileset = gis::readTileset(writeTileset(dir, "missing/tileset.json", root), kGk);
    QVERIFY(!tileset.isOk());
    QCOMPARE(tileset.status().code(), data::Status::Code::NotFound);
    QVERIFY2(tileset.status().message().contains(QStringLiteral("'gone1.b3dm' is missing, and 2 more")),
             qPrintable(tileset.status().message()));
    QVERIFY(tileset.status().message().startsWith(QStringLiteral("tileset.json")));
}

void TestTileset::unsupportedContentIsSkipped()
{
    QDir dir(m_dir.path());
    const QJsonObject volume = sphereVolume(0, 0, 0, 40);
    QJsonObject root = tileJson(
        volume, 10.0, {},
        QJsonArray{tileJson(volume, 0.0, "cloud.pnts"), tileJson(volume, 0.0, "https://example.com/a.b3dm")});
    root.insert("transform", toJson(enuToEcef(121.0, 30.7, 0.0)));
    auto tileset = gis::readTileset(writeTileset(dir, "skipped/tileset.json", root), kGk);
    QVERIFY2(tileset.isOk(), qPrintable(tileset.status().message()));
    QCOMPARE(tileset->tiles.size(), std::size_t(3));
    QVERIFY(tileset->tiles[1].contentPath.isEmpty() && tileset->tiles[2].contentPath.isEmpty());
    const QString warnings = tileset->warnings.join(QStringLiteral(" | "));
    QVERIFY2(warnings.contains(QStringLiteral("tile 1: unsupported content 'cloud.pnts' skipped")),
             qPrintable(warnings));
    QVERIFY2(warnings.contains(QStringLiteral("tile 2: network content")), qPrintable(warnings));
}

void TestTileset::badTilesets_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    const auto enu = QJsonDocument(toJson(enuToEcef(121.0, 30.7, 0.0))).toJson(QJsonDocument::Compact);
    auto tileset = [&](const QByteArray& volume, const QByteArray& error = "1") {
        return QByteArray(R"({"asset":{"version":"1.0"},"root":{"transform":)") + enu +
               R"(,"boundingVolume":)" + volume + R"(,"geometricError":)" + error + "}}";
    };
    QTest::newRow("valid control") << tileset(R"({"sphere":[0,0,0,10]})") << QString();
    QTest::newRow("not JSON") << QByteArray("{\"asset\": ") << QStringLiteral("not JSON");
    QTest::newRow("no root") << QByteArray(R"({"asset":{"version":"1.0"}})") << QStringLiteral("no \"root\"");
    QTest::newRow("no asset version") << QByteArray(R"({"root":{}})") << QStringLiteral("asset.version");
    QTest::newRow("radius 1e12") << tileset(R"({"sphere":[0,0,0,1e12]})") << QStringLiteral("absurd");
    QTest::newRow("infinite value") << tileset(R"({"sphere":[0,0,1e999,10]})") << QStringLiteral("not JSON");
    QTest::newRow("NaN literal") << tileset(R"({"sphere":[0,0,NaN,10]})") << QStringLiteral("not JSON");
    QTest::newRow("box of 11") << tileset(R"({"box":[0,0,0,1,0,0,0,1,0,0,0]})")
                               << QStringLiteral("needs 12 numbers");
    QTest::newRow("huge box") << tileset(R"({"box":[0,0,0,2e7,0,0,0,1,0,0,0,1]})")
                              << QStringLiteral("absurd");
    QTest::newRow("region outside pi")
        << tileset(R"({"region":[4,0.5,4.1,0.6,0,10]})") << QStringLiteral("±π");
    QTest::newRow("region upside down")
        << tileset(R"({"region":[2.1,0.6,2.11,0.5,0,10]})") << QStringLiteral("south > north");
    QTest::newRow("no volume") << tileset(R"({})") << QStringLiteral("no bounding volume");
    QTest::newRow("negative error") << tileset(R"({"sphere":[0,0,0,10]})", "-3")
                                    << QStringLiteral("negative");
    QTest::newRow("error missing") << tileset(R"({"sphere":[0,0,0,10]})", "\"x\"")
                                   << QStringLiteral("geometricError");
}

void TestTileset::badTilesets()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const QString path =
        QDir(m_dir.path())
            .filePath(QStringLiteral("bad_%1.json").arg(QTest::currentDataTag()).replace(' ', '_'));
    QVERIFY(writeFile(path, json));
    auto tileset = gis::readTileset(path, kGk);
    if (expected.isEmpty()) {
        QVERIFY2(tileset.isOk(), qPrintable(tileset.status().message()));
        return;
    }
    QVERIFY(!tileset.isOk());
    QVERIFY2(tileset.status().message().contains(QFileInfo(path).fileName()),
             qPrintable(tileset.status().message()));
    QVERIFY2(tileset.status().message().contains(expected), qPrintable(tileset.status().message()));
}

QTEST_GUILESS_MAIN(TestTileset)
#include "tst_tileset.moc"
