// Model layers end to end on real public files (../shared/data, skipped when absent): the session
// guesses them, places them, loads them on workers, draws them where they belong (a CityGML roof
// and an IFC wall at their expected pixels), picks them back with their attributes, styles them
// without a rebuild, and a broken model fails alone with an error naming its file.
#include "app/AddLayerDialog.h"
#include "app/ProjectSession.h"
#include "gis/CrsTransformer.h"
#include "gis/GdalEnvironment.h"
#include "gis/ModelReader.h"
#include "scene/ModelFeatureIndex.h"
#include "scene/OffscreenRenderer.h"
#include "scene/Picker.h"
#include "scene/TilesetNode.h"
#include "tests/app/SessionFixtures.h"
#include "tests/common/TestPaths.h"

#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <set>
#include <osg/Viewport>

using namespace citytwin;
using app::ProjectSession;
using data::LayerKind;

namespace {

constexpr int kImageSize = 320;
constexpr double kLon0 = 121.0;
constexpr double kLat0 = 30.7;

QString shared(const char* relative)
{
    return test::sharedDataFile(QString::fromLatin1(relative));
}

//! An empty project in PROJECTCRS whose origin is LON/LAT.
data::Result<std::unique_ptr<ProjectSession>> emptyProject(const QString& path, const QString& projectCrs,
                                                           double lon, double lat)
{
    auto toProject = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), projectCrs);
    if (!toProject)
        return toProject.status();
    auto origin = toProject->forward({lon, lat, 0.0});
    if (!origin)
        return origin.status();
    data::Project project;
    project.name = QStringLiteral("models");
    project.crs = projectCrs;
    project.origin = {std::round(origin->x), std::round(origin->y), 0.0};
    return ProjectSession::create(path, project);
}

data::LayerSettings modelLayer(const QString& uri, std::optional<data::ModelPlacement> placement)
{
    auto guessed = ProjectSession::layerForSource(uri);
    data::LayerSettings layer = guessed ? *guessed : data::LayerSettings{};
    layer.kind = LayerKind::Model;
    layer.group = data::LayerGroup::CityModels;
    layer.sourceUri = uri;
    if (placement)
        layer.style.insert(QStringLiteral("placement"), data::toJson(*placement));
    return layer;
}

data::ModelPlacement placementAt(double lon, double lat, double height = 0.0)
{
    data::ModelPlacement p;
    p.origin = {lon, lat, height};
    return p;
}

//! Window position (y from the top) of local point P in RENDERER's last view.
QPointF screenOf(const scene::OffscreenRenderer& renderer, const osg::Vec3d& p)
{
    const osg::Camera& cam = *renderer.camera();
    const osg::Matrixd m = cam.getViewMatrix() * cam.getProjectionMatrix() * cam.getViewport()->computeWindowMatrix();
    const osg::Vec3d w = p * m;
    return {w.x(), renderer.height() - w.y()};
}

bool isSky(QRgb p)
{
    const osg::Vec4 sky = scene::CityScene::clearColour();
    return std::abs(qRed(p) - int(sky.r() * 255)) < 6 && std::abs(qGreen(p) - int(sky.g() * 255)) < 6 &&
           std::abs(qBlue(p) - int(sky.b() * 255)) < 6;
}

QRgb pixelAt(const osg::Image& image, const QPointF& pos)
{
    const int x = int(pos.x());
    const int row = image.t() - 1 - int(pos.y()); // OSG images are bottom-up
    const unsigned char* px = image.data(x, row);
    return qRgb(px[0], px[1], px[2]);
}

//! Keeps IMAGE under the test output folder for a look by eye.
void savePng(const osg::Image& image, const QString& name)
{
    scene::OffscreenRenderer::writeImage(image, test::testOutputDir(QStringLiteral("models")) + QLatin1Char('/') + name);
}

//! Centroid of every vertex of FEATURE in MODEL, local frame of ORIGIN.
std::optional<osg::Vec3d> featureCentroid(const data::Model& model, std::int64_t feature,
                                          const data::ProjectedPoint& origin)
{
    osg::Vec3d sum;
    int n = 0;
    for (const data::ModelMesh& mesh : model.meshes) {
        for (size_t v = 0; v < mesh.vertexCount(); ++v) {
            const std::int64_t f = mesh.vertexFeature.empty() ? mesh.feature : mesh.vertexFeature[v];
            if (f != feature)
                continue;
            sum += osg::Vec3d(mesh.anchor.x - origin.x + mesh.positions[3 * v], mesh.anchor.y - origin.y + mesh.positions[3 * v + 1],
                              mesh.anchor.z - origin.z + mesh.positions[3 * v + 2]);
            ++n;
        }
    }
    if (n == 0)
        return std::nullopt;
    return sum / n;
}

} // namespace

class TestSessionModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { gis::ensureGdalRegistered(); }

    void guessesModelSources_data();
    void guessesModelSources();
    void localModelStartsAtTheProjectOrigin();
    void addLayerDialogTakesAModel();
    void cityGmlRoofDrawnPickedAndStyled();
    void ifcWallDrawnAtItsPixel();
    void brokenModelFailsAlone();
    void tilesetPagesIn();
    void obliqueTileLoads();
};

void TestSessionModels::guessesModelSources_data()
{
    QTest::addColumn<QString>("relative");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("name");
    QTest::newRow("citygml") << "citygml/libcitygml/b1_lod2_s.gml" << "citygml" << "b1_lod2_s";
    QTest::newRow("citygml 1.0") << "citygml/libcitygml/berlin_open_data_sample_data.citygml" << "citygml"
                                 << "berlin_open_data_sample_data";
    QTest::newRow("ifc") << "ifc/web-ifc/duplex.ifc" << "ifc" << "duplex";
    QTest::newRow("glb") << "gltf/cesium_houses_cc0/house1-1.glb" << "gltf" << "house1-1";
    QTest::newRow("gltf") << "gltf/khronos_cube/Cube.gltf" << "gltf" << "Cube";
    QTest::newRow("3d tiles") << "tiles3d/cesium_city_b3dm/tileset.json" << "3dtiles" << "cesium_city_b3dm";
    QTest::newRow("osgb") << "osgb/fanvanzh_3dtiles/test.osgb" << "osgb" << "test";
}

void TestSessionModels::guessesModelSources()
{
    QFETCH(QString, relative);
    QFETCH(QString, format);
    QFETCH(QString, name);
    const QString path = test::sharedDataFile(relative);
    if (path.isEmpty())
        QSKIP(qPrintable(QStringLiteral("shared data absent: ") + relative));
    auto layer = ProjectSession::layerForSource(path);
    QVERIFY2(layer, qPrintable(layer.status().message()));
    QCOMPARE(data::toString(layer->kind), data::toString(LayerKind::Model));
    QCOMPARE(data::toString(layer->group), data::toString(data::LayerGroup::CityModels));
    QCOMPARE(layer->style.value(QStringLiteral("format")).toString(), format);
    QCOMPARE(layer->name, name);
}

void TestSessionModels::localModelStartsAtTheProjectOrigin()
{
    const QString glb = shared("gltf/cesium_houses_cc0/house1-1.glb");
    if (glb.isEmpty())
        QSKIP("shared data absent: gltf/cesium_houses_cc0");
    QTemporaryDir dir;
    auto session = emptyProject(dir.filePath(QStringLiteral("p.citytwin")), QStringLiteral("EPSG:4549"), kLon0, kLat0);
    QVERIFY2(session, qPrintable(session.status().message()));
    auto layer = ProjectSession::layerForSource(glb);
    QVERIFY(layer);
    auto id = (*session)->addLayer(*layer);
    QVERIFY2(id, qPrintable(id.status().message()));
    const auto placement = (*session)->modelPlacement(*id);
    QVERIFY(placement);
    QVERIFY(placement->heightFromTerrain);
    QVERIFY2(std::abs(placement->origin.lon - kLon0) < 1e-4 && std::abs(placement->origin.lat - kLat0) < 1e-4,
             qPrintable(QStringLiteral("%1 %2").arg(placement->origin.lon).arg(placement->origin.lat)));
    QVERIFY((*session)->loadAllBlocking());
    QVERIFY2((*session)->layerState(*id) == ProjectSession::LayerState::Ready, qPrintable((*session)->layerError(*id)));
    QVERIFY(!(*session)->modelFeatures(*id).empty());
}

void TestSessionModels::addLayerDialogTakesAModel()
{
    const QString ifc = shared("ifc/web-ifc/IfcOpenHouse_IFC4.ifc");
    if (ifc.isEmpty())
        QSKIP("shared data absent: ifc/web-ifc");
    QTemporaryDir dir;
    auto session = emptyProject(dir.filePath(QStringLiteral("p.citytwin")), QStringLiteral("EPSG:4549"), kLon0, kLat0);
    QVERIFY(session);
    app::AddLayerDialog dialog(session->get());
    dialog.setSource(ifc);
    QCOMPARE(data::toString(dialog.kind()), data::toString(LayerKind::Model));
    QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("IfcOpenHouse_IFC4"));
    QVERIFY(app::AddLayerDialog::fileFilter().contains(QLatin1String("*.ifc")));
    dialog.accept();
    QVERIFY2(dialog.addedLayer().isValid(), qPrintable(dialog.errorText()));
    const data::LayerSettings* added = (*session)->project().layer(dialog.addedLayer());
    QVERIFY(added && added->kind == LayerKind::Model);
    QCOMPARE(added->style.value(QStringLiteral("format")).toString(), QStringLiteral("ifc"));
}

void TestSessionModels::cityGmlRoofDrawnPickedAndStyled()
{
    const QString gml = shared("citygml/libcitygml/b1_lod2_cs_w_sem.gml");
    if (gml.isEmpty())
        QSKIP("shared data absent: citygml/libcitygml");
    QTemporaryDir dir;
    auto opened = emptyProject(dir.filePath(QStringLiteral("p.citytwin")), QStringLiteral("EPSG:4549"), kLon0, kLat0);
    QVERIFY2(opened, qPrintable(opened.status().message()));
    ProjectSession& session = **opened;
    // The file's local metres (a 100 × 100 m block, gable ridge at x = 50, z = 150) from the project origin.
    auto id = session.addLayer(modelLayer(gml, placementAt(kLon0, kLat0)));
    QVERIFY2(id, qPrintable(id.status().message()));
    QVERIFY(session.loadAllBlocking());
    QVERIFY2(session.layerState(*id) == ProjectSession::LayerState::Ready, qPrintable(session.layerError(*id)));
    const std::vector<data::ModelFeature> features = session.modelFeatures(*id);
    int roofs = 0;
    int walls = 0;
    for (const auto& f : features) {
        roofs += f.type == QLatin1String("RoofSurface");
        walls += f.type == QLatin1String("WallSurface");
    }
    QVERIFY2(roofs >= 2 && walls >= 4, qPrintable(QStringLiteral("%1 roofs, %2 walls").arg(roofs).arg(walls)));

    // Straight down over the west roof slope (x = 25 m, y = 50 m; the roof is 125 m high there).
    scene::OffscreenRenderer renderer(kImageSize, kImageSize);
    if (!renderer.isValid())
        QSKIP(qPrintable(renderer.status().message()));
    data::SavedView view;
    view.target = {25.0, 50.0, 0.0};
    view.pitchDeg = -90.0;
    view.rangeM = 400.0;
    auto image = renderer.renderImage(session.scene().root(), view);
    QVERIFY2(image, qPrintable(image.status().message()));
    const QPointF at = screenOf(renderer, {25.0, 50.0, 125.0});
    QVERIFY(std::abs(at.x() - kImageSize / 2.0) < 2 && std::abs(at.y() - kImageSize / 2.0) < 2);
    const QRgb roof = pixelAt(**image, at);
    QVERIFY2(!isSky(roof), "the roof is missing: sky at its pixel");
    // data::defaultTypeColour("RoofSurface") is a red-brown: red clearly above blue.
    QVERIFY2(qRed(roof) > qBlue(roof) + 30, qPrintable(QStringLiteral("roof pixel %1").arg(roof, 0, 16)));
    // 120 m further west there is nothing: sky.
    QVERIFY(isSky(pixelAt(**image, screenOf(renderer, {-95.0, 50.0, 0.0}))));

    const auto hit = scene::Picker::pick(*renderer.camera(), session.scene().root(), at.x(), at.y());
    QVERIFY(hit && hit->layer && hit->featureId);
    QCOMPARE(hit->layer->value, id->value);
    QVERIFY2(std::abs(hit->point.z - 125.0) < 0.5, qPrintable(QString::number(hit->point.z)));
    const auto feature = session.modelFeature(*id, *hit->featureId);
    QVERIFY(feature);
    QCOMPARE(feature->type, QStringLiteral("RoofSurface"));
    QVERIFY(feature->parent >= 0);
    const auto building = session.modelFeature(*id, feature->parent);
    QVERIFY(building);
    QCOMPARE(building->type, QStringLiteral("Building"));
    QVERIFY2(feature->externalId.startsWith(QLatin1String("b_roof")), qPrintable(feature->externalId)); // the file's gml:id

    // Categorized by type: one class per surface type; the roof pixel changes colour, no rebuild.
    osg::Node* before = session.scene().layerNode(*id);
    QSignalSpy applied(&session, &ProjectSession::featureStyleApplied);
    data::FeatureStyle style;
    style.mode = data::StyleMode::Categorized;
    style.field = QStringLiteral("type");
    session.setFeatureStyle(*id, style);
    QVERIFY(applied.count() == 1 || applied.wait(5000));
    const data::StyleClassification legend = session.styleClassification(*id);
    QVERIFY2(legend.classes.size() >= 3, qPrintable(QString::number(legend.classes.size())));
    QCOMPARE(session.scene().layerNode(*id), before);
    auto styled = renderer.renderImage(session.scene().root(), view);
    QVERIFY(styled);
    const int roofClass = legend.classOf.at(*hit->featureId);
    const std::array<float, 4> c = legend.classes[size_t(roofClass)].colour;
    const QRgb now = pixelAt(**styled, at);
    QVERIFY2(now != roof, "the style did not change the roof pixel");
    // Lit, so darker or brighter, but the dominant channel of the class colour stays dominant.
    const int want = c[0] >= c[1] && c[0] >= c[2] ? 0 : c[1] >= c[2] ? 1 : 2;
    const int got[3] = {qRed(now), qGreen(now), qBlue(now)};
    QVERIFY2(got[want] >= got[0] && got[want] >= got[1] && got[want] >= got[2],
             qPrintable(QStringLiteral("pixel %1 for class colour %2,%3,%4").arg(now, 0, 16).arg(c[0]).arg(c[1]).arg(c[2])));

    // Hiding the roof surfaces of the west slope shows what is under it (not the roof colour).
    style.hidden = {*hit->featureId};
    session.setFeatureStyle(*id, style);
    auto hidden = renderer.renderImage(session.scene().root(), view);
    QVERIFY(hidden);
    const auto under = scene::Picker::pick(*renderer.camera(), session.scene().root(), at.x(), at.y());
    QVERIFY(!under || !under->featureId || *under->featureId != *hit->featureId);
    QVERIFY(session.isModified());
    savePng(**styled, QStringLiteral("citygml_styled.png"));
}

void TestSessionModels::ifcWallDrawnAtItsPixel()
{
    const QString ifc = shared("ifc/web-ifc/IfcOpenHouse_IFC4.ifc");
    if (ifc.isEmpty())
        QSKIP("shared data absent: ifc/web-ifc");
    QTemporaryDir dir;
    auto opened = emptyProject(dir.filePath(QStringLiteral("p.citytwin")), QStringLiteral("EPSG:4549"), kLon0, kLat0);
    QVERIFY2(opened, qPrintable(opened.status().message()));
    ProjectSession& session = **opened;
    const data::ModelPlacement placement = placementAt(kLon0, kLat0);
    auto id = session.addLayer(modelLayer(ifc, placement));
    QVERIFY2(id, qPrintable(id.status().message()));
    QVERIFY(session.loadAllBlocking());
    QVERIFY2(session.layerState(*id) == ProjectSession::LayerState::Ready, qPrintable(session.layerError(*id)));

    // The expected place of every wall, from the reader itself (the placement is the same).
    gis::ModelReadOptions options;
    options.projectCrs = session.project().crs;
    options.placement = placement;
    auto model = gis::readModel(ifc, options);
    QVERIFY2(model, qPrintable(model.status().message()));
    model->computeBounds();
    const data::ProjectedPoint& o = session.project().origin;
    const osg::Vec3d centre((model->boundsMin.x + model->boundsMax.x) / 2 - o.x,
                            (model->boundsMin.y + model->boundsMax.y) / 2 - o.y,
                            (model->boundsMin.z + model->boundsMax.z) / 2 - o.z);

    scene::OffscreenRenderer renderer(kImageSize, kImageSize);
    if (!renderer.isValid())
        QSKIP(qPrintable(renderer.status().message()));
    std::set<std::int64_t> wallsSeen;
    std::set<std::int64_t> wallsChecked;
    for (double heading : {0.0, 90.0, 180.0, 270.0}) {
        data::SavedView view;
        view.target = {centre.x(), centre.y(), centre.z()};
        view.headingDeg = heading;
        view.pitchDeg = -15.0;
        view.rangeM = 40.0;
        auto image = renderer.renderImage(session.scene().root(), view);
        QVERIFY2(image, qPrintable(image.status().message()));
        if (heading == 0.0)
            savePng(**image, QStringLiteral("ifc_house.png"));
        for (const data::ModelFeature& f : model->features) {
            if (!f.type.startsWith(QLatin1String("IfcWall")))
                continue;
            const auto c = featureCentroid(*model, f.id, o);
            if (!c)
                continue;
            const QPointF at = screenOf(renderer, *c);
            if (at.x() < 0 || at.y() < 0 || at.x() >= kImageSize || at.y() >= kImageSize)
                continue;
            wallsChecked.insert(f.id);
            const auto hit = scene::Picker::pick(*renderer.camera(), session.scene().root(), at.x(), at.y());
            if (hit && hit->featureId && *hit->featureId == f.id) {
                wallsSeen.insert(f.id); // the wall is the nearest thing at its own centroid's pixel
                QVERIFY2(!isSky(pixelAt(**image, at)), "a picked wall pixel shows sky");
                const auto feature = session.modelFeature(*id, f.id);
                QVERIFY(feature && feature->type == f.type && !feature->externalId.isEmpty());
            }
        }
    }
    // Seen from the four sides, every wall faces the camera once; a window over its centroid may
    // hide one, no more.
    QVERIFY2(wallsChecked.size() >= 4 && wallsSeen.size() + 1 >= wallsChecked.size(),
             qPrintable(QStringLiteral("%1 of %2 walls picked at their centroid's pixel")
                            .arg(wallsSeen.size())
                            .arg(wallsChecked.size())));
}

void TestSessionModels::brokenModelFailsAlone()
{
    const QString gml = shared("citygml/libcitygml/b1_lod2_s.gml");
    if (gml.isEmpty())
        QSKIP("shared data absent: citygml/libcitygml");
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("broken.gml"));
    {
        QFile in(gml);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        QFile out(broken);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes.left(bytes.size() / 2)); // truncated mid-element
    }
    auto opened = emptyProject(dir.filePath(QStringLiteral("p.citytwin")), QStringLiteral("EPSG:4549"), kLon0, kLat0);
    QVERIFY(opened);
    ProjectSession& session = **opened;
    auto good = session.addLayer(modelLayer(gml, placementAt(kLon0, kLat0)));
    auto bad = session.addLayer(modelLayer(broken, placementAt(kLon0, kLat0)));
    QVERIFY(good && bad);
    QVERIFY(session.loadAllBlocking());
    QVERIFY2(session.layerState(*good) == ProjectSession::LayerState::Ready, qPrintable(session.layerError(*good)));
    QVERIFY(session.layerState(*bad) == ProjectSession::LayerState::Failed);
    QVERIFY2(session.layerError(*bad).contains(QStringLiteral("broken.gml")), qPrintable(session.layerError(*bad)));
    QVERIFY(session.modelFeatures(*bad).empty());
}

void TestSessionModels::tilesetPagesIn()
{
    const QString tileset = shared("tiles3d/cesium_city_b3dm/tileset.json");
    if (tileset.isEmpty())
        QSKIP("shared data absent: tiles3d/cesium_city_b3dm");
    QTemporaryDir dir;
    // The sample sits near Cesium's default place (lon -75.61, lat 40.04): a UTM 18N project there.
    auto opened = emptyProject(dir.filePath(QStringLiteral("p.citytwin")), QStringLiteral("EPSG:32618"), -75.6123, 40.0425);
    QVERIFY(opened);
    ProjectSession& session = **opened;
    auto id = session.addLayer(modelLayer(tileset, std::nullopt));
    QVERIFY2(id, qPrintable(id.status().message()));
    QVERIFY(session.loadAllBlocking());
    QVERIFY2(session.layerState(*id) == ProjectSession::LayerState::Ready, qPrintable(session.layerError(*id)));
    auto* node = dynamic_cast<scene::TilesetNode*>(session.scene().layerNode(*id));
    QVERIFY(node);
    QCOMPARE(node->stats().tiles, 5);
    scene::OffscreenRenderer renderer(kImageSize, kImageSize);
    if (!renderer.isValid())
        QSKIP(qPrintable(renderer.status().message()));
    const osg::BoundingSphere bound = node->getBound();
    data::SavedView view;
    view.target = {bound.center().x(), bound.center().y(), 0.0};
    view.pitchDeg = -60.0;
    view.rangeM = bound.radius() * 2.5;
    auto image = renderer.renderImage(session.scene().root(), view);
    QVERIFY2(image, qPrintable(image.status().message()));
    savePng(**image, QStringLiteral("tileset_city.png"));
    QVERIFY2(node->stats().loaded >= 4, qPrintable(QString::number(node->stats().loaded)));
    QVERIFY2(node->firstError().isEmpty(), qPrintable(node->firstError()));
    // The city blocks are small boxes scattered over the view: count what is not sky.
    int drawn = 0;
    for (int y = 0; y < kImageSize; y += 2)
        for (int x = 0; x < kImageSize; x += 2)
            drawn += isSky(pixelAt(**image, {double(x), double(y)})) ? 0 : 1;
    QVERIFY2(drawn > 100, qPrintable(QString::number(drawn)));
    QVERIFY2(session.modelFeatures(*id).size() >= 40, qPrintable(QString::number(session.modelFeatures(*id).size())));
}

void TestSessionModels::obliqueTileLoads()
{
    const QString osgb = shared("osgb/fanvanzh_3dtiles/test.osgb");
    if (osgb.isEmpty())
        QSKIP("shared data absent: osgb/fanvanzh_3dtiles");
    QTemporaryDir dir;
    auto opened = emptyProject(dir.filePath(QStringLiteral("p.citytwin")), QStringLiteral("EPSG:4549"), kLon0, kLat0);
    QVERIFY(opened);
    ProjectSession& session = **opened;
    auto layer = ProjectSession::layerForSource(osgb);
    QVERIFY(layer);
    auto id = session.addLayer(*layer);
    QVERIFY2(id, qPrintable(id.status().message()));
    QVERIFY(session.modelPlacement(*id)); // a lone .osgb has no georeference: placed at the origin
    QVERIFY(session.loadAllBlocking());
    QVERIFY2(session.layerState(*id) == ProjectSession::LayerState::Ready, qPrintable(session.layerError(*id)));
    QVERIFY(session.scene().layerNode(*id));
}

QTEST_MAIN(TestSessionModels)
#include "tst_sessionmodels.moc"
