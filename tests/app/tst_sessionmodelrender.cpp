// Model layers drawn where they belong, on real public files (../shared/data, skipped when
// absent): a CityGML roof and an IFC wall at their expected pixels of an offscreen render, picked
// back with their attributes, the roof styled without a rebuild.
#include "app/ProjectSession.h"
#include "gis/CrsTransformer.h"
#include "gis/GdalEnvironment.h"
#include "gis/ModelReader.h"
#include "scene/ModelFeatureIndex.h"
#include "scene/OffscreenRenderer.h"
#include "scene/Picker.h"
#include "scene/TilesetNode.h"
#include "tests/app/SessionFixtures.h"
#include "tests/app/SessionModelFixtures.h"
#include "tests/common/TestPaths.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <osg/Viewport>
#include <set>

using namespace citytwin;
using app::ProjectSession;
using data::LayerKind;
using namespace citytwin::test;

class TestSessionModelRender : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { gis::ensureGdalRegistered(); }

    void cityGmlRoofDrawnPickedAndStyled();
    void ifcWallDrawnAtItsPixel();
};

void TestSessionModelRender::cityGmlRoofDrawnPickedAndStyled()
{
    const QString gml = shared("citygml/libcitygml/b1_lod2_cs_w_sem.gml");
    if (gml.isEmpty())
        QSKIP("shared data absent: citygml/libcitygml");
    QTemporaryDir dir;
    auto opened =
        emptyProject(dir.filePath(QStringLiteral("p.citytwin")), QStringLiteral("EPSG:4549"), kLon0, kLat0);
    QVERIFY2(opened, qPrintable(opened.status().message()));
    ProjectSession& session = **opened;
    // The file's local metres (a 100 × 100 m block, gable ridge at x = 50, z = 150) from the project origin.
    auto id = session.addLayer(modelLayer(gml, placementAt(kLon0, kLat0)));
    QVERIFY2(id, qPrintable(id.status().message()));
    QVERIFY(session.loadAllBlocking());
    QVERIFY2(session.layerState(*id) == ProjectSession::LayerState::Ready,
             qPrintable(session.layerError(*id)));
    const std::vector<data::ModelFeature> features = session.modelFeatures(*id);
    int roofs = 0;
    int walls = 0;
    for (const auto& f : features) {
        roofs += f.type == QLatin1String("RoofSurface");
        walls += f.type == QLatin1String("WallSurface");
    }
    QVERIFY2(roofs >= 2 && walls >= 4,
             qPrintable(QStringLiteral("%1 roofs, %2 walls").arg(roofs).arg(walls)));

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
    QVERIFY2(feature->externalId.startsWith(QLatin1String("b_roof")),
             qPrintable(feature->externalId)); // the file's gml:id

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
             qPrintable(QStringLiteral("pixel %1 for class colour %2,%3,%4")
                            .arg(now, 0, 16)
                            .arg(c[0])
                            .arg(c[1])
                            .arg(c[2])));

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

void TestSessionModelRender::ifcWallDrawnAtItsPixel()
{
    const QString ifc = shared("ifc/web-ifc/IfcOpenHouse_IFC4.ifc");
    if (ifc.isEmpty())
        QSKIP("shared data absent: ifc/web-ifc");
    QTemporaryDir dir;
    auto opened =
        emptyProject(dir.filePath(QStringLiteral("p.citytwin")), QStringLiteral("EPSG:4549"), kLon0, kLat0);
    QVERIFY2(opened, qPrintable(opened.status().message()));
    ProjectSession& session = **opened;
    const data::ModelPlacement placement = placementAt(kLon0, kLat0);
    auto id = session.addLayer(modelLayer(ifc, placement));
    QVERIFY2(id, qPrintable(id.status().message()));
    QVERIFY(session.loadAllBlocking());
    QVERIFY2(session.layerState(*id) == ProjectSession::LayerState::Ready,
             qPrintable(session.layerError(*id)));

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

QTEST_MAIN(TestSessionModelRender)
#include "tst_sessionmodelrender.moc"
