// The Inspector on model layers under Xvfb: a CityGML hall written by the test is loaded in a
// project with no terrain; a click on its roof selects the RoofSurface (attributes from the
// session at once, tooltip type + name), the dock's element tree lists building → surfaces and
// selecting an item selects that feature; a right click opens the view's menu; Hide Selected /
// Show All edit the layer's FeatureStyle.
// With the shared IfcOpenHouse, Isolate Storey / Show All Storeys follow an element's storey; a
// click on the shared oblique (OSGB) tile shows the layer, the tile's node name and the point.
// (The tree and the storey search on synthetic features: tst_modeltree.)
#include "ModelFixtures.h"
#include "app/FeatureVisibilityActions.h"
#include "app/InspectorController.h"
#include "app/InspectorDock.h"
#include "app/MainWindow.h"
#include "app/ModelTreeWidget.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectDocument.h"
#include "app/ProjectSession.h"
#include "gis/DemoCity.h"
#include "scene/CityScene.h"
#include "tests/app/WindowFixtures.h"
#include "tests/common/TestPaths.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QHelpEvent>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <memory>
#include <osg/Uniform>

using namespace citytwin;
using app::FeatureVisibilityActions;
using app::MainWindow;
using app::ModelTreeWidget;
using test::highlightId;
using test::lookDownAt;

namespace {

std::optional<data::ModelFeature> findFeature(const std::vector<data::ModelFeature>& features,
                                              const QString& type)
{
    for (const data::ModelFeature& f : features)
        if (f.type == type)
            return f;
    return std::nullopt;
}

} // namespace

class TstModelInspector : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void clickShowsSurfaceAttributesAndTree();
    void treeSelectionSelectsFeature();
    void hideSelectedAndShowAll();
    void isolateStoreyOnIfc();
    void obliqueHitShowsTileAndPoint();

private:
    std::unique_ptr<MainWindow> openHall();

    QTemporaryDir m_dir;
    QString m_project;
    data::LayerId m_hall;
};

void TstModelInspector::initTestCase()
{
    QVERIFY(m_dir.isValid());
    test::isolateSettings(m_dir);
    auto origin = gis::demoCityOrigin();
    QVERIFY2(origin.isOk(), qPrintable(origin.status().message()));
    const QString gml = test::writeHallCityGml(m_dir.filePath(QStringLiteral("hall.gml")), origin.value());
    QVERIFY(!gml.isEmpty());
    m_project = m_dir.filePath(QStringLiteral("models.citytwin"));
    auto project = app::ProjectDocument::emptyProject(m_project);
    QVERIFY2(project.isOk(), qPrintable(project.status().message()));
    project.value().origin = origin.value();
    data::LayerSettings hall;
    hall.name = QStringLiteral("hall");
    hall.kind = data::LayerKind::Model;
    hall.group = data::LayerGroup::CityModels;
    hall.sourceUri = gml;
    hall.style.insert(QStringLiteral("format"), data::toString(data::ModelFormat::CityGml));
    m_hall = project.value().addLayer(hall);
    auto created = app::ProjectSession::create(m_project, project.value());
    QVERIFY2(created.isOk(), qPrintable(created.status().message()));
}

std::unique_ptr<MainWindow> TstModelInspector::openHall()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        return nullptr;
    auto w = test::openTestWindow(m_project);
    if (w && w->session()->layerState(m_hall) != app::ProjectSession::LayerState::Ready) {
        qWarning() << "hall:" << w->session()->layerError(m_hall);
        return nullptr;
    }
    return w;
}

void TstModelInspector::clickShowsSurfaceAttributesAndTree()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    auto w = openHall();
    QVERIFY(w);
    app::ProjectSession* s = w->session();
    const std::vector<data::ModelFeature> features = s->modelFeatures(m_hall);
    const auto building = findFeature(features, QStringLiteral("Building"));
    const auto roof = findFeature(features, QStringLiteral("RoofSurface"));
    QVERIFY(building && roof);

    QVERIFY(lookDownAt(*w, {0, 0, 0}, 300));
    const QPoint centre = w->view()->rect().center();
    const auto hit = w->view()->pick(centre);
    QVERIFY(hit && hit->layer == m_hall);
    QCOMPARE(hit->featureId, std::optional(roof->id));
    QTest::mouseClick(w->view(), Qt::LeftButton, {}, centre);
    QCOMPARE(w->inspector()->selectedLayer(), std::optional(m_hall));
    QCOMPARE(w->inspector()->selectedFeature(), std::optional(roof->id));
    QCOMPARE(highlightId(*w, m_hall), float(roof->id));
    app::InspectorDock* dock = w->inspectorDock();
    QCOMPARE(w->inspector()->pendingReads(), 0); // synchronous: no worker read for models
    QCOMPARE(dock->value(QStringLiteral("(type)")), std::optional(QStringLiteral("RoofSurface")));
    QCOMPARE(dock->value(QStringLiteral("(external id)")), std::optional(QStringLiteral("HALL_1_roof")));
    QVERIFY2(dock->headingText().contains(QLatin1String("hall")) &&
                 dock->headingText().contains(QLatin1String("RoofSurface")),
             qPrintable(dock->headingText()));

    // The element tree: building → its six surfaces, the roof selected.
    QVERIFY(dock->isModelSectionVisible());
    ModelTreeWidget* tree = dock->modelTree();
    QCOMPARE(tree->featureCount(), int(features.size()));
    QCOMPARE(ModelTreeWidget::featureOf(tree->itemFor(roof->id)->parent()), std::optional(building->id));
    QCOMPARE(tree->itemFor(building->id)->childCount(), 6);
    QCOMPARE(tree->itemFor(building->id)->text(0), QStringLiteral("Test Hall"));
    QCOMPARE(tree->currentFeature(), std::optional(roof->id));

    QHelpEvent help(QEvent::ToolTip, centre, w->view()->mapToGlobal(centre));
    QApplication::sendEvent(w->view(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QLatin1String("RoofSurface")), qPrintable(QToolTip::text()));
    QToolTip::hideText();

    // The sky clears the selection; the tree stays for the layer.
    QTest::mouseClick(w->view(), Qt::LeftButton, {}, QPoint(5, 5));
    QVERIFY(!w->inspector()->selectedFeature());
    QCOMPARE(highlightId(*w, m_hall), -1.0f);
    QVERIFY(!tree->currentFeature());
    QVERIFY(dock->isModelSectionVisible());
}

void TstModelInspector::treeSelectionSelectsFeature()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    auto w = openHall();
    QVERIFY(w);
    w->inspector()->focusLayer(m_hall); // as choosing the layer in the Layers dock does
    ModelTreeWidget* tree = w->inspectorDock()->modelTree();
    const auto building = findFeature(w->session()->modelFeatures(m_hall), QStringLiteral("Building"));
    QVERIFY(building && tree->itemFor(building->id));
    tree->setCurrentItem(tree->itemFor(building->id));
    QCOMPARE(w->inspector()->selectedFeature(), std::optional(building->id));
    QCOMPARE(w->inspectorDock()->value(QStringLiteral("usage")), std::optional(QStringLiteral("office")));
    QCOMPARE(w->inspectorDock()->value(QStringLiteral("(name)")), std::optional(QStringLiteral("Test Hall")));
    QVERIFY(
        !w->inspectorDock()->featureActions()->isolateStoreyAction()->isEnabled()); // no storeys in CityGML 2
}

void TstModelInspector::hideSelectedAndShowAll()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    auto w = openHall();
    QVERIFY(w);
    app::ProjectSession* s = w->session();
    const auto roof = findFeature(s->modelFeatures(m_hall), QStringLiteral("RoofSurface"));
    QVERIFY(roof);
    FeatureVisibilityActions* actions = w->inspectorDock()->featureActions();
    QVERIFY(!actions->hideSelectedAction()->isEnabled());
    // A right click on the roof selects it and opens the view's menu with the visibility actions.
    QVERIFY(lookDownAt(*w, {0, 0, 0}, 300));
    QTest::mouseClick(w->view(), Qt::RightButton, {}, w->view()->rect().center());
    QCOMPARE(w->inspector()->selectedFeature(), std::optional(roof->id));
    QMenu* menu = w->inspector()->contextMenu();
    QVERIFY(menu);
    QTRY_VERIFY(menu->isVisible());
    QVERIFY(menu->actions().contains(actions->hideSelectedAction()));
    QVERIFY(menu->actions().contains(actions->isolateStoreyAction()));
    menu->hide();
    QVERIFY(actions->hideSelectedAction()->isEnabled());
    QVERIFY(!actions->showAllAction()->isEnabled());
    actions->hideSelectedAction()->trigger();
    QCOMPARE(s->featureStyle(m_hall).hidden, std::vector<std::int64_t>{roof->id});
    QVERIFY(s->isModified());
    QVERIFY(!w->inspector()->selectedFeature()); // a hidden feature stays unselected
    QVERIFY(w->inspectorDock()->modelTree()->itemFor(roof->id)->font(0).italic());
    QVERIFY(actions->showAllAction()->isEnabled());
    actions->showAllAction()->trigger();
    QVERIFY(s->featureStyle(m_hall).hidden.empty());
    QVERIFY(!actions->showAllAction()->isEnabled());
}

void TstModelInspector::isolateStoreyOnIfc()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    const QString ifc = test::sharedDataFile(QStringLiteral("ifc/web-ifc/IfcOpenHouse_IFC4.ifc"));
    if (!QFileInfo::exists(ifc))
        QSKIP("shared data ifc/web-ifc/IfcOpenHouse_IFC4.ifc is absent");
    auto w = openHall();
    QVERIFY(w);
    app::ProjectSession* s = w->session();
    data::LayerSettings house;
    house.name = QStringLiteral("house");
    house.kind = data::LayerKind::Model;
    house.group = data::LayerGroup::CityModels;
    house.sourceUri = ifc;
    house.style.insert(QStringLiteral("format"), data::toString(data::ModelFormat::Ifc));
    const auto placement = data::parsePlacement(QStringLiteral("121.0005,30.7005,0"));
    QVERIFY(placement);
    house.style.insert(QStringLiteral("placement"), data::toJson(*placement));
    auto added = s->addLayer(house);
    QVERIFY2(added.isOk(), qPrintable(added.status().message()));
    const data::LayerId id = added.value();
    QVERIFY(QTest::qWaitFor([&] { return !s->isLoading(); }, test::kWindowLoadTimeoutMs));
    QVERIFY2(s->layerState(id) == app::ProjectSession::LayerState::Ready, qPrintable(s->layerError(id)));

    const std::vector<data::ModelFeature> features = s->modelFeatures(id);
    std::optional<std::int64_t> element;
    std::optional<std::int64_t> storey;
    for (const data::ModelFeature& f : features) {
        const auto found = FeatureVisibilityActions::storeyOf(features, f.id);
        if (found && *found != f.id && f.type.startsWith(QLatin1String("IfcWall"))) {
            element = f.id;
            storey = found;
            break;
        }
    }
    QVERIFY2(element, "no wall inside a storey");
    QVERIFY(w->inspector()->selectFeature(id, *element));
    ModelTreeWidget* tree = w->inspectorDock()->modelTree();
    QCOMPARE(tree->currentFeature(), element);
    const QTreeWidgetItem* up = tree->itemFor(*element);
    while (up && ModelTreeWidget::featureOf(up) != storey)
        up = up->parent();
    QVERIFY(up); // the storey is an ancestor in the tree too
    w->grab().save(test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/model_inspector_ifc.png"));

    FeatureVisibilityActions* actions = w->inspectorDock()->featureActions();
    QVERIFY(actions->isolateStoreyAction()->isEnabled());
    QVERIFY(!actions->showAllStoreysAction()->isEnabled());
    actions->isolateStoreyAction()->trigger();
    QCOMPARE(s->featureStyle(id).isolatedStorey, storey);
    QVERIFY(actions->showAllStoreysAction()->isEnabled());
    actions->showAllStoreysAction()->trigger();
    QVERIFY(!s->featureStyle(id).isolatedStorey);
}

void TstModelInspector::obliqueHitShowsTileAndPoint()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    const QString osgb = test::sharedDataFile(QStringLiteral("osgb/fanvanzh_3dtiles/test.osgb"));
    if (!QFileInfo::exists(osgb))
        QSKIP("shared data osgb/fanvanzh_3dtiles/test.osgb is absent");
    auto w = openHall();
    QVERIFY(w);
    app::ProjectSession* s = w->session();
    s->setLayerVisible(m_hall, false); // only the tile can be hit
    auto layer = app::ProjectSession::layerForSource(osgb);
    QVERIFY2(layer.isOk(), qPrintable(layer.status().message()));
    layer.value().name = QStringLiteral("oblique");
    auto added = s->addLayer(layer.value());
    QVERIFY2(added.isOk(), qPrintable(added.status().message()));
    const data::LayerId id = added.value();
    QVERIFY(QTest::qWaitFor([&] { return !s->isLoading(); }, test::kWindowLoadTimeoutMs));
    QVERIFY2(s->layerState(id) == app::ProjectSession::LayerState::Ready, qPrintable(s->layerError(id)));

    // Look down on the tile's bounds; its pages load as frames are drawn, so scan until it shows.
    const osg::BoundingSphere bound = s->scene().layerNode(id)->getBound();
    QVERIFY(bound.valid());
    QVERIFY(lookDownAt(*w, {bound.center().x(), bound.center().y(), bound.center().z()},
                       std::max(100.0, bound.radius() * 3.0)));
    QPoint at(-1, -1);
    std::optional<scene::PickResult> hit;
    const bool found = QTest::qWaitFor(
        [&] {
            w->view()->update();
            for (int y = 20; y < w->view()->height() - 20; y += 12)
                for (int x = 20; x < w->view()->width() - 20; x += 12)
                    if (hit = w->view()->pick(QPoint(x, y)); hit && hit->layer == id) {
                        at = QPoint(x, y);
                        return true;
                    }
            return false;
        },
        10000);
    QVERIFY2(found, "the oblique tile is not in view");
    QTest::mouseClick(w->view(), Qt::LeftButton, {}, at);
    QCOMPARE(w->inspector()->selectedLayer(), std::optional(id));
    QVERIFY(!w->inspector()->selectedFeature()); // an oblique mesh has no features
    app::InspectorDock* dock = w->inspectorDock();
    QVERIFY2(dock->headingText().startsWith(QLatin1String("oblique")), qPrintable(dock->headingText()));
    QCOMPARE(dock->value(QStringLiteral("(tile)")), std::optional(hit->nodeName));
    const data::ProjectedPoint expected = s->project().toProjected(hit->point);
    QVERIFY(std::abs(QLocale().toDouble(dock->value(QStringLiteral("(easting)")).value_or(QString())) -
                     expected.x) < 0.01);
    QVERIFY(std::abs(QLocale().toDouble(dock->value(QStringLiteral("(northing)")).value_or(QString())) -
                     expected.y) < 0.01);
    QVERIFY(!dock->featureActions()->hideSelectedAction()->isEnabled());
}

QTEST_MAIN(TstModelInspector)
#include "tst_modelinspector.moc"
