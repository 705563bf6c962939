// readIfc on the public IFC samples (duplex: IFC2X3, IfcOpenHouse: IFC4) and on IFC4 files the
// test writes itself, where every extent is known in advance.

#include "IfcFixtures.h"
#include "IfcModelChecks.h"
#include "gis/CrsTransformer.h"
#include "gis/IfcReader.h"
#include "gis/ModelPlacementFrame.h"
#include "tests/common/CommaLocale.h"
#include "tests/common/TestPaths.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <clocale>
#include <cmath>
#include <map>

using namespace citytwin;
using data::Model;
using data::ModelPlacement;
using data::ProjectedPoint;
using data::Status;
using gis::ModelReadOptions;
using test::IfcFileSpec;
using test::IfcWallSpec;
using namespace citytwin::test;

class TestIfcReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void realFile_data();
    void realFile();
    void openHouseExtent();
    void duplexSiteGeoreference();
    void generatedWall_data();
    void generatedWall();
    void commaDecimalLocale();

private:
    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        if (!test::writeText(path, bytes))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QTemporaryDir m_dir;
};

void TestIfcReader::realFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("duplex IFC2X3") << "ifc/web-ifc/duplex.ifc";
    QTest::newRow("IfcOpenHouse IFC4") << "ifc/web-ifc/IfcOpenHouse_IFC4.ifc";
}

void TestIfcReader::realFile()
{
    QFETCH(QString, file);
    const QString path = test::sharedDataFile(file);
    if (path.isEmpty())
        QSKIP("shared IFC sample not present");
    const QByteArray text = fileText(path);
    ModelReadOptions options;
    options.placement = pinghu();
    QElapsedTimer timer;
    timer.start();
    auto result = gis::readIfc(path, options);
    QVERIFY2(result, qPrintable(result.status().message()));
    const Model& m = *result;
    qInfo("%s: %zu features, %zu meshes, %zu triangles in %lld ms", qPrintable(file), m.features.size(),
          m.meshes.size(), m.triangleCount(), timer.elapsed());

    // Element counts per class, counted independently in the STEP text.
    const std::map<QString, QStringList> classes = {{"WALL", {"IfcWall", "IfcWallStandardCase"}},
                                                    {"SLAB", {"IfcSlab"}},
                                                    {"WINDOW", {"IfcWindow"}},
                                                    {"DOOR", {"IfcDoor"}},
                                                    {"BUILDINGSTOREY", {"IfcBuildingStorey"}}};
    for (const auto& [key, types] : classes) {
        QStringList stepNames;
        for (const QString& t : types)
            stepNames << t.toUpper();
        const int expected = countEntities(text, stepNames);
        QVERIFY2(expected > 0, qPrintable(key));
        QCOMPARE(countFeatures(m, types), expected);
    }
    QCOMPARE(countFeatures(m, {"IfcProject"}), 1);

    // Every wall, slab, window and door hangs below a storey; ids are indexes; parents precede.
    for (const data::ModelFeature& f : m.features) {
        QCOMPARE(m.feature(f.id), &f);
        QVERIFY(f.parent < f.id);
        if (QStringList{"IfcWall", "IfcWallStandardCase", "IfcSlab", "IfcWindow", "IfcDoor"}.contains(
                f.type)) {
            QVERIFY2(hasAncestorOfType(m, f, "IfcBuildingStorey") || hasAncestorOfType(m, f, "IfcRoof"),
                     qPrintable(f.type + " " + f.externalId));
            QCOMPARE(f.externalId.size(), 22);
            QCOMPARE(f.attribute("Name").value_or(QString()), f.name);
        }
    }
    const bool pset = std::any_of(m.features.begin(), m.features.end(), [](const data::ModelFeature& f) {
        return f.type.startsWith("IfcWall") &&
               std::any_of(f.attributes.begin(), f.attributes.end(), [](const data::ModelAttribute& a) {
                   return a.name.startsWith("Pset_WallCommon.");
               });
    });
    QCOMPARE(pset, text.contains("Pset_WallCommon"));

    // Closed element solids face outwards (a mirrored placement must not turn them inside out).
    const auto [inward, solids] =
        inwardSolids(m, {"IfcWallStandardCase", "IfcSlab", "IfcBeam", "IfcFooting"});
    qInfo("%d of %d wall/slab/beam/footing meshes inward", inward, solids);
    QCOMPARE(inward, 0);

    // Revit wrote each element's volume (openings cut) as a property: an independent check of
    // the solids and their openings. IfcPlusPlus misses a few clippings (3 of 76 in duplex).
    const auto [matching, withVolume] =
        volumesMatching(m, "PSet_Revit_Dimensions.Volume", {"IfcWallStandardCase", "IfcSlab"});
    qInfo("%d of %d wall/slab volumes within 1%% of Revit's", matching, withVolume);
    QVERIFY(matching >= 0.9 * withVolume);
    if (path.endsWith("duplex.ifc"))
        QVERIFY(withVolume > 40);

    // Meshes: anchored near their vertices, each with its feature, non-degenerate.
    QVERIFY(!m.meshes.empty());
    for (const data::ModelMesh& mesh : m.meshes) {
        QVERIFY(mesh.feature >= 0 && m.feature(mesh.feature));
        QVERIFY(mesh.triangleCount() > 0);
        for (float v : mesh.positions)
            QVERIFY(std::abs(v) < 200.0f);
    }
}

void TestIfcReader::openHouseExtent()
{
    const QString path = test::sharedDataFile("ifc/web-ifc/IfcOpenHouse_IFC4.ifc");
    if (path.isEmpty())
        QSKIP("shared IFC sample not present");
    // Independent extent: the site's terrain (an IfcFaceBasedSurfaceModel placed at the origin)
    // is the only user of IfcPolyLoop in this file, and the house stands inside it, so x/y and
    // the lowest z are those of the points its loops reference (millimetres). The top is the
    // roof (a boolean-clipped solid): only checked to lie between the wall tops and 10 m.
    double lo[3], hi[3];
    polyLoopExtent(QString::fromLatin1(fileText(path)), 0.001, lo, hi);
    QVERIFY(hi[0] - lo[0] > 10.0);

    ModelReadOptions options;
    options.placement = pinghu();
    auto result = gis::readIfc(path, options);
    QVERIFY2(result, qPrintable(result.status().message()));
    auto frame = gis::ModelPlacementFrame::create(*options.placement, options.projectCrs);
    QVERIFY(frame);
    const double top[3] = {hi[0], hi[1], lo[2]};
    const auto [mn, mx] = frameBox(*frame, lo, top);
    ProjectedPoint wantMax = mx;
    wantMax.z = result->boundsMax.z; // checked below
    compareBox(*result, mn, wantMax);
    QVERIFY(result->boundsMax.z > frame->origin().z + 3.0 && result->boundsMax.z < frame->origin().z + 10.0);
    QVERIFY(result->sourceCrs.startsWith("placed:"));
}

void TestIfcReader::duplexSiteGeoreference()
{
    const QString path = test::sharedDataFile("ifc/web-ifc/duplex.ifc");
    if (path.isEmpty())
        QSKIP("shared IFC sample not present");
    // duplex's IfcSite says (41,52,27,840000) / (-87,-38,-21,-839999): Chicago, UTM zone 16N.
    static const QRegularExpression siteRe(
        R"(IFCSITE\([^;]*\((\d+),(\d+),(\d+),(\d+)\),\((-?\d+),(-?\d+),(-?\d+),(-?\d+)\))");
    const auto m = siteRe.match(QString::fromLatin1(fileText(path)));
    QVERIFY(m.hasMatch());
    auto dms = [&m](int i) {
        return m.captured(i).toDouble() + m.captured(i + 1).toDouble() / 60 +
               (m.captured(i + 2).toDouble() + m.captured(i + 3).toDouble() * 1e-6) / 3600;
    };
    const double lat = dms(1), lon = dms(5);
    QVERIFY(lat > 41.8 && lat < 41.9 && lon < -87.6 && lon > -87.7);
    ModelReadOptions options;
    options.projectCrs = "EPSG:32616";
    auto result = gis::readIfc(path, options);
    QVERIFY2(result, qPrintable(result.status().message()));
    QVERIFY2(result->sourceCrs.startsWith("IfcSite"), qPrintable(result->sourceCrs));
    auto toUtm = gis::CrsTransformer::create("EPSG:4326", "EPSG:32616");
    QVERIFY(toUtm);
    auto origin = toUtm->forward({lon, lat, 0});
    QVERIFY(origin);
    // The model origin lies inside the duplex (its local x/y extent straddles 0).
    QVERIFY(result->boundsMin.x < origin->x && origin->x < result->boundsMax.x);
    QVERIFY(result->boundsMin.y < origin->y && origin->y < result->boundsMax.y);
    QVERIFY(result->boundsMax.x - result->boundsMin.x < 60 && result->boundsMax.y - result->boundsMin.y < 60);
    // Storey elevations from the file lie within the vertical extent (RefElevation is 0).
    QVERIFY(result->boundsMin.z <= -1.25 + kTolerance && result->boundsMax.z >= 6.0 - kTolerance);
}

void TestIfcReader::generatedWall_data()
{
    QTest::addColumn<double>("unitsPerMetre");
    QTest::addColumn<QString>("georeference");
    for (const char* g : {"placement", "site", "mapConversion", "mapConversion UTM"}) {
        QTest::newRow(qPrintable(QStringLiteral("metre ") + g)) << 1.0 << QString(g);
        QTest::newRow(qPrintable(QStringLiteral("millimetre ") + g)) << 1000.0 << QString(g);
    }
}

void TestIfcReader::generatedWall()
{
    QFETCH(double, unitsPerMetre);
    QFETCH(QString, georeference);
    IfcFileSpec spec;
    spec.unitsPerMetre = unitsPerMetre;
    spec.walls = {IfcWallSpec{10.0, 20.0, 0.5}};
    const double lo[3] = {10.0, 20.0, 0.5}, hi[3] = {14.0, 20.2, 3.5};
    ModelReadOptions options;
    std::pair<ProjectedPoint, ProjectedPoint> want;
    if (georeference == "placement") {
        options.placement = pinghu();
        auto frame = gis::ModelPlacementFrame::create(*options.placement, options.projectCrs);
        want = frameBox(*frame, lo, hi);
    } else if (georeference == "site") {
        // 30°42'N 121°E, 12 m up; true north along model +x: the model's +y points west.
        spec.siteLatitude = "(30,42,0,0)";
        spec.siteLongitude = "(121,0,0,0)";
        spec.siteElevation = 12.0;
        spec.trueNorth = "(1.,0.)";
        ModelPlacement p{{121.0, 30.7, 12.0}, false, -90.0, 1.0};
        want = frameBox(*gis::ModelPlacementFrame::create(p, options.projectCrs), lo, hi);
    } else {
        // Map conversion, x axis turned 30° counter-clockwise: straight into the project CRS, or
        // into UTM 51N ("32651", as some exporters write it) near Pinghu, reprojected per point.
        const bool utm = georeference.endsWith("UTM");
        const double e0 = utm ? 308000.0 : 500000.0, n0 = utm ? 3398000.0 : 3400000.0;
        spec.mapConversion =
            QStringList{utm ? "32651" : "EPSG:4549", stepReal(e0), stepReal(n0), "5.", "0.8660254", "0.5"};
        auto toProject = gis::CrsTransformer::create(utm ? "EPSG:32651" : "EPSG:4549", "EPSG:4549");
        QVERIFY(toProject);
        const double c = std::cos(M_PI / 6), s = std::sin(M_PI / 6);
        ProjectedPoint mn{1e300, 1e300, 5 + lo[2]}, mx{-1e300, -1e300, 5 + hi[2]};
        for (double x : {lo[0], hi[0]})
            for (double y : {lo[1], hi[1]}) {
                const auto p = toProject->forward({e0 + c * x - s * y, n0 + s * x + c * y, 0.0});
                QVERIFY(p);
                mn = {std::min(mn.x, p->x), std::min(mn.y, p->y), mn.z};
                mx = {std::max(mx.x, p->x), std::max(mx.y, p->y), mx.z};
            }
        want = {mn, mx};
    }
    const QString path = write(QStringLiteral("wall-%1-%2.ifc").arg(unitsPerMetre).arg(georeference),
                               makeIfc(spec).toLatin1());
    auto result = gis::readIfc(path, options);
    QVERIFY2(result, qPrintable(result.status().message()));
    const Model& m = *result;
    compareBox(m, want.first, want.second);
    QCOMPARE(countFeatures(m, {"IfcWall"}), 1);
    const auto wall =
        std::find_if(m.features.begin(), m.features.end(), [](const auto& f) { return f.type == "IfcWall"; });
    QCOMPARE(wall->name, QString("Wall 0"));
    QCOMPARE(wall->attribute("Pset_WallCommon.IsExternal"), std::optional<QString>("true"));
    QCOMPARE(wall->attribute("Pset_WallCommon.FireRating"), std::optional<QString>("REI 90"));
    QCOMPARE(wall->attribute("Tag"), std::optional<QString>("T0"));
    QStringList chain;
    for (const data::ModelFeature* f = &*wall; f; f = m.feature(f->parent))
        chain << f->type;
    QCOMPARE(chain, QStringList({"IfcWall", "IfcBuildingStorey", "IfcBuilding", "IfcSite", "IfcProject"}));
    const auto storey = std::find_if(m.features.begin(), m.features.end(),
                                     [](const auto& f) { return f.type == "IfcBuildingStorey"; });
    QCOMPARE(storey->attribute("Elevation"), std::optional<QString>("3.5"));
    // One closed box facing outwards: 4 × 0.2 × 3 m.
    QCOMPARE(m.meshes.size(), size_t(1));
    QCOMPARE(m.meshes[0].feature, wall->id);
    QVERIFY2(std::abs(signedVolume(m.meshes[0]) - 2.4) < 0.02,
             qPrintable(QString::number(signedVolume(m.meshes[0]))));
    QCOMPARE(m.meshes[0].colour, *data::defaultTypeColour("IfcWall"));
}

void TestIfcReader::commaDecimalLocale()
{
    // A Qt GUI runs under the user's locale and IfcPlusPlus's measure types parse with std::stod
    // (under de_DE "3.75" reads as 3). Run here with LOCPATH pointing at a localedef'd de_DE.
    const char* commaLocale = test::useCommaDecimalLocale();
    if (!commaLocale)
        QSKIP("no comma-decimal locale installed (de_DE/fr_FR/ru_RU)");
    IfcFileSpec spec;
    spec.walls = {IfcWallSpec{10.5, 20.25, 0.5}};
    const QString path = write("locale.ifc", makeIfc(spec).toLatin1());
    ModelReadOptions options;
    options.placement = pinghu();
    auto result = gis::readIfc(path, options);
    setlocale(LC_ALL, "C");
    QVERIFY2(result, qPrintable(result.status().message()));
    const double lo[3] = {10.5, 20.25, 0.5}, hi[3] = {14.5, 20.45, 3.5};
    const auto [mn, mx] =
        frameBox(*gis::ModelPlacementFrame::create(*options.placement, options.projectCrs), lo, hi);
    compareBox(*result, mn, mx);
}

QTEST_GUILESS_MAIN(TestIfcReader)
#include "tst_ifcreader.moc"
