// readCityGml: the shared libcitygml samples (Berlin in EPSG:25833, local b1 buildings placed or
// with an assumed CRS, FZK-Haus LoD0), generated boxes and a LOD2 house at known EPSG:4549
// coordinates, semantic surfaces (types, colours, parents), triangle winding and srsName parsing.
// Bad input, a huge file and stdout: tst_citygmlerrors.
#include "gis/CityGmlCrs.h"
#include "gis/CityGmlReader.h"
#include "gis/ModelPlacementFrame.h"
#include "tests/common/CommaLocale.h"
#include "tests/common/TestPaths.h"
#include "tests/gis/CityGmlFixtures.h"

#include <QTemporaryDir>
#include <QTest>
#include <clocale>
#include <set>

using namespace citytwin;
using test::countType;
using test::kX;
using test::kY;
using test::Point3;
using test::projectOptions;

namespace {

QString shared(const char* name)
{
    return test::sharedDataFile(QStringLiteral("citygml/libcitygml/") + QLatin1String(name));
}

//! Every triangle's normal, with the feature of its first vertex.
struct Triangle
{
    double nx, ny, nz, cx, cy, cz; //!< unit normal and centroid (project CRS)
    std::int64_t feature;
    const data::ModelMesh* mesh;
};
std::vector<Triangle> triangles(const data::Model& m)
{
    std::vector<Triangle> out;
    for (const data::ModelMesh& mesh : m.meshes) {
        auto p = [&](std::uint32_t i, int k) { return double(mesh.positions[3 * i + k]); };
        for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
            const std::uint32_t a = mesh.indices[t], b = mesh.indices[t + 1], c = mesh.indices[t + 2];
            const double ux = p(b, 0) - p(a, 0), uy = p(b, 1) - p(a, 1), uz = p(b, 2) - p(a, 2);
            const double vx = p(c, 0) - p(a, 0), vy = p(c, 1) - p(a, 1), vz = p(c, 2) - p(a, 2);
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            const double len = std::sqrt(nx * nx + ny * ny + nz * nz);
            if (len < 1e-9)
                continue;
            nx /= len, ny /= len, nz /= len;
            out.push_back({nx, ny, nz, mesh.anchor.x + (p(a, 0) + p(b, 0) + p(c, 0)) / 3,
                           mesh.anchor.y + (p(a, 1) + p(b, 1) + p(c, 1)) / 3,
                           mesh.anchor.z + (p(a, 2) + p(b, 2) + p(c, 2)) / 3,
                           mesh.vertexFeature.empty() ? mesh.feature : mesh.vertexFeature[a], &mesh});
        }
    }
    return out;
}

} // namespace

class TstCityGmlReader : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void srsNames_data();
    void srsNames();
    void berlin();
    void localBuildingPlaced();
    void localBuildingAssumedCrs();
    void lod0OnlyIsAnError();
    void generatedBox();
    void generatedLod2House();
    void buildingParts();
    void commaDecimalLocale();

private:
    QString write(const QString& name, const QString& text)
    {
        const QString path = m_dir.filePath(name);
        return test::writeText(path, text) ? path : QString();
    }
    QTemporaryDir m_dir;
};

void TstCityGmlReader::srsNames_data()
{
    QTest::addColumn<QString>("srsName");
    QTest::addColumn<QString>("crs");
    QTest::newRow("EPSG") << "EPSG:25833"
                          << "EPSG:25833";
    QTest::newRow("lower case") << "epsg:4549"
                                << "EPSG:4549";
    QTest::newRow("OGC URN") << "urn:ogc:def:crs:EPSG::25833"
                             << "EPSG:25833";
    QTest::newRow("OGC URN version") << "urn:ogc:def:crs:EPSG:6.12:31467"
                                     << "EPSG:31467";
    QTest::newRow("OGC URN compound") << "urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837"
                                      << "EPSG:25832";
    QTest::newRow("OGC URL") << "http://www.opengis.net/def/crs/EPSG/0/4549"
                             << "EPSG:4549";
    QTest::newRow("AdV UTM32 + DHHN92") << "urn:adv:crs:ETRS89_UTM32*DE_DHHN92_NH"
                                        << "EPSG:25832";
    QTest::newRow("AdV UTM33") << "urn:adv:crs:ETRS89_UTM33"
                               << "EPSG:25833";
    QTest::newRow("AdV GK3") << "urn:adv:crs:DE_DHDN_3GK3*DE_DHHN92_NH"
                             << "EPSG:31467";
    QTest::newRow("unknown URN") << "urn:x:local"
                                 << "";
    QTest::newRow("garbage") << "EPSG:abc"
                             << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TstCityGmlReader::srsNames()
{
    QFETCH(QString, srsName);
    QFETCH(QString, crs);
    QCOMPARE(gis::cityGmlSrsToCrs(srsName).value_or(QString()), crs);
}

void TstCityGmlReader::berlin()
{
    const QString path = shared("berlin_open_data_sample_data.citygml");
    if (path.isEmpty())
        QSKIP("shared citygml/libcitygml/berlin_open_data_sample_data.citygml is absent");
    auto model = gis::readCityGml(path, projectOptions(QStringLiteral("EPSG:25833")));
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    const data::Model& m = model.value();
    QCOMPARE(m.sourceCrs, QStringLiteral("EPSG:25833"));
    QCOMPARE(countType(m, QStringLiteral("Building")), 61);
    QCOMPARE(countType(m, QStringLiteral("RoofSurface")), 249);
    QCOMPARE(countType(m, QStringLiteral("WallSurface")), 793);
    QCOMPARE(countType(m, QStringLiteral("GroundSurface")), 83);
    for (std::size_t i = 0; i < m.features.size(); ++i) {
        const data::ModelFeature& f = m.features[i];
        QCOMPARE(f.id, std::int64_t(i));
        if (f.type == QLatin1String("Building")) {
            QCOMPARE(f.parent, std::int64_t(-1));
            QVERIFY(!f.externalId.isEmpty());
            QCOMPARE(f.attribute(QStringLiteral("gml:id")).value_or(QString()), f.externalId);
            QVERIFY(!f.name.isEmpty());
            QVERIFY(f.attribute(QStringLiteral("roofType")).has_value());
        } else {
            QVERIFY(f.parent >= 0);
            QCOMPARE(m.feature(f.parent)->type, QStringLiteral("Building"));
        }
    }
    test::Point3 lo{}, hi{};
    QVERIFY(test::scanPosListBounds(path, lo, hi));
    const double got[2][3] = {{m.boundsMin.x, m.boundsMin.y, m.boundsMin.z},
                              {m.boundsMax.x, m.boundsMax.y, m.boundsMax.z}};
    for (int k = 0; k < 3; ++k) {
        QVERIFY2(
            std::abs(got[0][k] - lo[k]) < 0.1,
            qPrintable(
                QStringLiteral("min %1: %2 vs %3").arg(k).arg(got[0][k], 0, 'f', 3).arg(lo[k], 0, 'f', 3)));
        QVERIFY2(
            std::abs(got[1][k] - hi[k]) < 0.1,
            qPrintable(
                QStringLiteral("max %1: %2 vs %3").arg(k).arg(got[1][k], 0, 'f', 3).arg(hi[k], 0, 'f', 3)));
    }
    // Semantic colours per mesh, and roofs face up / ground faces down (winding kept).
    int roofUp = 0, roofTotal = 0, groundDown = 0, groundTotal = 0;
    for (const Triangle& t : triangles(m)) {
        const QString type = m.feature(t.feature)->type;
        QCOMPARE(t.mesh->colour, *data::defaultTypeColour(type));
        if (type == QLatin1String("RoofSurface"))
            ++roofTotal, roofUp += t.nz > 0.1;
        if (type == QLatin1String("GroundSurface"))
            ++groundTotal, groundDown += t.nz < -0.9;
    }
    QVERIFY(roofTotal > 200);
    QVERIFY2(roofUp > roofTotal * 95 / 100,
             qPrintable(QStringLiteral("%1 of %2 roof triangles face up").arg(roofUp).arg(roofTotal)));
    QVERIFY2(groundDown > groundTotal * 95 / 100,
             qPrintable(QStringLiteral("%1 of %2").arg(groundDown).arg(groundTotal)));
}

void TstCityGmlReader::localBuildingPlaced()
{
    const QString path = shared("b1_lod2_cs_w_sem.gml");
    if (path.isEmpty())
        QSKIP("shared citygml/libcitygml/b1_lod2_cs_w_sem.gml is absent");
    auto noPlacement = gis::readCityGml(path, projectOptions());
    QVERIFY(!noPlacement.isOk());
    QVERIFY2(noPlacement.status().message().contains(QLatin1String("placement")),
             qPrintable(noPlacement.status().message()));

    gis::ModelReadOptions o = projectOptions();
    o.placement = data::ModelPlacement{{121.0, 30.7, 4.0}, false, 30.0, 1.0};
    auto model = gis::readCityGml(path, o);
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    const data::Model& m = model.value();
    QCOMPARE(countType(m, QStringLiteral("Building")), 1);
    QCOMPARE(countType(m, QStringLiteral("WallSurface")), 4);
    QCOMPARE(countType(m, QStringLiteral("RoofSurface")), 4);
    QCOMPARE(countType(m, QStringLiteral("GroundSurface")), 1);
    QVERIFY(m.sourceCrs.startsWith(QLatin1String("placed")));
    // The file's cube is 0..100 m on every axis: its corners placed by the frame bound the model.
    auto frame = gis::ModelPlacementFrame::create(*o.placement, o.projectCrs);
    QVERIFY(frame.isOk());
    test::Point3 lo{}, hi{};
    QVERIFY(test::scanPosListBounds(path, lo, hi));
    data::ProjectedPoint emin{1e300, 1e300, 1e300}, emax{-1e300, -1e300, -1e300};
    for (int c = 0; c < 8; ++c) {
        const auto p =
            frame.value().toProjected(c & 1 ? hi[0] : lo[0], c & 2 ? hi[1] : lo[1], c & 4 ? hi[2] : lo[2]);
        emin = {std::min(emin.x, p.x), std::min(emin.y, p.y), std::min(emin.z, p.z)};
        emax = {std::max(emax.x, p.x), std::max(emax.y, p.y), std::max(emax.z, p.z)};
    }
    QVERIFY(std::abs(m.boundsMin.x - emin.x) < 0.1 && std::abs(m.boundsMax.x - emax.x) < 0.1);
    QVERIFY(std::abs(m.boundsMin.y - emin.y) < 0.1 && std::abs(m.boundsMax.y - emax.y) < 0.1);
    QVERIFY(std::abs(m.boundsMin.z - 4.0) < 0.01);
    // xlink-shared polygons are drawn once: 1 ground + 4 walls + 4 roofs + the internal ceiling.
    QVERIFY2(m.triangleCount() <= 10 * 3, qPrintable(QString::number(m.triangleCount())));
}

void TstCityGmlReader::localBuildingAssumedCrs()
{
    const QString path = shared("b1_lod2_s.gml");
    if (path.isEmpty())
        QSKIP("shared citygml/libcitygml/b1_lod2_s.gml is absent");
    gis::ModelReadOptions o = projectOptions(QStringLiteral("EPSG:4549"));
    o.assumedSourceCrs = QStringLiteral("EPSG:4549");
    auto model = gis::readCityGml(path, o);
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    test::Point3 lo{}, hi{};
    QVERIFY(test::scanPosListBounds(path, lo, hi));
    QVERIFY(std::abs(model.value().boundsMin.x - lo[0]) < 0.01 &&
            std::abs(model.value().boundsMax.z - hi[2]) < 0.01);
    QCOMPARE(countType(model.value(), QStringLiteral("Building")), 1);
    QVERIFY(model.value().triangleCount() >= 10);
}

void TstCityGmlReader::lod0OnlyIsAnError()
{
    const QString path = shared("FZK-Haus-LoD0-KIT-IAI-KHH-B36-V1.gml");
    if (path.isEmpty())
        QSKIP("shared citygml/libcitygml/FZK-Haus-LoD0-KIT-IAI-KHH-B36-V1.gml is absent");
    auto model = gis::readCityGml(path, projectOptions(QStringLiteral("EPSG:25832")));
    QVERIFY(!model.isOk());
    QVERIFY2(model.status().message().contains(path), qPrintable(model.status().message()));
    QVERIFY2(model.status().message().contains(QLatin1String("no buildings")),
             qPrintable(model.status().message()));
}

void TstCityGmlReader::generatedBox()
{
    const QString path =
        write(QStringLiteral("box.gml"),
              test::cityModel(QStringLiteral("EPSG:4549"),
                              test::lod1Box(QStringLiteral("box1"), kX, kY, 3.0, 10.0, 10.0)));
    auto model = gis::readCityGml(path, projectOptions());
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    const data::Model& m = model.value();
    QCOMPARE(int(m.features.size()), 1);
    QCOMPARE(m.features[0].externalId, QStringLiteral("box1"));
    QCOMPARE(m.features[0].attribute(QStringLiteral("measuredHeight")).value_or(QString()),
             QStringLiteral("10"));
    QCOMPARE(m.triangleCount(), std::size_t(12));
    QVERIFY(std::abs(m.boundsMin.x - kX) < 0.1 && std::abs(m.boundsMax.x - (kX + 10)) < 0.1);
    QVERIFY(std::abs(m.boundsMin.y - kY) < 0.1 && std::abs(m.boundsMax.y - (kY + 10)) < 0.1);
    QVERIFY(std::abs(m.boundsMin.z - 3) < 0.1 && std::abs(m.boundsMax.z - 13) < 0.1);
    for (const data::ModelMesh& mesh : m.meshes) // float offsets stay near their anchor
        for (float v : mesh.positions)
            QVERIFY(std::abs(v) < 5000.0f);
    // Counter-clockwise seen from outside: every normal points away from the box centre.
    for (const Triangle& t : triangles(m)) {
        const double out = t.nx * (t.cx - (kX + 5)) + t.ny * (t.cy - (kY + 5)) + t.nz * (t.cz - 8);
        QVERIFY2(out > 0, qPrintable(QStringLiteral("normal %1 %2 %3").arg(t.nx).arg(t.ny).arg(t.nz)));
    }
}

void TstCityGmlReader::generatedLod2House()
{
    const QString path = write(QStringLiteral("house.gml"),
                               test::cityModel(QStringLiteral("urn:ogc:def:crs:EPSG::4549"),
                                               test::lod2House(QStringLiteral("h1"), kX, kY, 2.0, 9.5)));
    auto model = gis::readCityGml(path, projectOptions());
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    const data::Model& m = model.value();
    QCOMPARE(countType(m, QStringLiteral("Building")), 1);
    QCOMPARE(countType(m, QStringLiteral("RoofSurface")), 2);
    QCOMPARE(countType(m, QStringLiteral("WallSurface")), 4);
    QCOMPARE(countType(m, QStringLiteral("GroundSurface")), 1);
    const data::ModelFeature& house = m.features[0];
    QCOMPARE(house.type, QStringLiteral("Building"));
    QCOMPARE(house.name, QStringLiteral("House h1"));
    QCOMPARE(house.attribute(QStringLiteral("owner")).value_or(QString()), QStringLiteral("Pinghu Housing"));
    QCOMPARE(house.attribute(QStringLiteral("function")).value_or(QString()), QStringLiteral("1000"));
    double roofTop = -1e9, wallTop = -1e9;
    for (const Triangle& t : triangles(m)) {
        const data::ModelFeature* f = m.feature(t.feature);
        QVERIFY(f);
        QCOMPARE(f->parent, house.id);
        QCOMPARE(t.mesh->colour, *data::defaultTypeColour(f->type));
        const auto& mesh = *t.mesh;
        for (std::size_t v = 0; v < mesh.vertexCount(); ++v) {
            if (mesh.vertexFeature[v] != t.feature)
                continue;
            const double z = mesh.anchor.z + mesh.positions[3 * v + 2];
            (f->type == QLatin1String("RoofSurface") ? roofTop : wallTop) =
                std::max(f->type == QLatin1String("RoofSurface") ? roofTop : wallTop, z);
        }
        if (f->type == QLatin1String("RoofSurface"))
            QVERIFY2(t.nz > 0.3, "roof triangles face up");
    }
    QVERIFY2(std::abs(roofTop - 11.5) < 0.01, qPrintable(QString::number(roofTop)));
    QVERIFY(std::abs(m.boundsMax.z - 11.5) < 0.01);
    QVERIFY(std::abs(m.boundsMin.x - kX) < 0.01 && std::abs(m.boundsMax.y - (kY + 8)) < 0.01);
}

void TstCityGmlReader::buildingParts()
{
    const QString path =
        write(QStringLiteral("parts.gml"),
              test::cityModel(QStringLiteral("EPSG:4549"), test::twoPartBuilding("bp", kX, kY)));
    auto model = gis::readCityGml(path, projectOptions());
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    const data::Model& m = model.value();
    QCOMPARE(int(m.features.size()), 3);
    const data::ModelFeature& building = m.features[0];
    QCOMPARE(building.type, QStringLiteral("Building"));
    QCOMPARE(building.parent, std::int64_t(-1));
    for (int i = 1; i < 3; ++i) {
        QCOMPARE(m.features[std::size_t(i)].type, QStringLiteral("BuildingPart"));
        QCOMPARE(m.features[std::size_t(i)].parent, building.id);
    }
    QCOMPARE(m.triangleCount(), std::size_t(24));
    std::set<std::int64_t> drawn;
    for (const Triangle& t : triangles(m)) {
        drawn.insert(t.feature);
        QCOMPARE(t.mesh->colour, *data::defaultTypeColour(QStringLiteral("BuildingPart")));
    }
    QCOMPARE(drawn, (std::set<std::int64_t>{1, 2})); // the parts carry the triangles
    QVERIFY(std::abs(m.boundsMax.z - 30.0) < 0.01 && std::abs(m.boundsMax.x - (kX + 20)) < 0.01);
}

void TstCityGmlReader::commaDecimalLocale()
{
    // A Qt GUI runs under the user's C locale; coordinates and heights must still read with a
    // decimal point. Run with LOCPATH pointing at a localedef'd de_DE where none is installed.
    const char* commaLocale = test::useCommaDecimalLocale();
    if (!commaLocale)
        QSKIP("no comma-decimal locale installed (de_DE/fr_FR/ru_RU)");
    const QString path =
        write(QStringLiteral("locale.gml"),
              test::cityModel(QStringLiteral("EPSG:4549"),
                              test::lod1Box(QStringLiteral("l"), kX + 0.25, kY + 0.75, 1.5, 10, 7.25)));
    auto model = gis::readCityGml(path, projectOptions());
    setlocale(LC_ALL, "C");
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    QVERIFY(std::abs(model.value().boundsMin.x - (kX + 0.25)) < 0.001);
    QVERIFY(std::abs(model.value().boundsMin.y - (kY + 0.75)) < 0.001);
    QVERIFY(std::abs(model.value().boundsMax.z - 8.75) < 0.001);
    QCOMPARE(model.value().features[0].attribute(QStringLiteral("measuredHeight")).value_or(QString()),
             QStringLiteral("7.25"));
}

QTEST_GUILESS_MAIN(TstCityGmlReader)
#include "tst_citygmlreader.moc"
