// Model layers end to end on real public files (../shared/data, skipped when absent): the session
// guesses them, places them, loads them on workers (3D Tiles and oblique pages too), and a broken
// model fails alone with an error naming its file (drawn, picked and styled: tst_sessionmodelrender).
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
#include "tests/app/SessionModelFixtures.h"
#include "tests/common/TestPaths.h"

#include <QFile>
#include <QLineEdit>
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

class TestSessionModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { gis::ensureGdalRegistered(); }

    void guessesModelSources_data();
    void guessesModelSources();
    void localModelStartsAtTheProjectOrigin();
    void addLayerDialogTakesAModel();
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
