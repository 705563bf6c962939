// The Inspector on model layers under Xvfb: a CityGML hall written by the test is loaded in a
// project with no terrain; a click on its roof selects the RoofSurface (attributes from the
// session at once, tooltip type + name), the dock's element tree lists building → surfaces and
// selecting an item selects that feature; Hide Selected / Show All edit the layer's FeatureStyle.
// With the shared IfcOpenHouse, Isolate Storey / Show All Storeys follow an element's storey.
// The tree and the storey search also run on synthetic features (no reader needed).
#include "ModelFixtures.h"
#include "app/FeatureVisibilityActions.h"
#include "app/InspectorController.h"
#include "app/InspectorDock.h"
#include "app/MainWindow.h"
#include "app/ModelTreeWidget.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectDocument.h"
#include "app/ProjectSession.h"
#include "app/Translations.h"
#include "gis/DemoCity.h"
#include "scene/CityScene.h"
#include "tests/common/TestPaths.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QHelpEvent>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <algorithm>
#include <memory>
#include <osg/Uniform>

using namespace citytwin;
using app::FeatureVisibilityActions;
using app::MainWindow;
using app::ModelTreeWidget;

namespace {

constexpr int kLoadTimeoutMs = 120000;

data::ModelFeature feature(std::int64_t id, std::int64_t parent, const char* type, const char* name = "")
{
    data::ModelFeature f;
    f.id = id;
    f.parent = parent;
    f.type = QLatin1String(type);
    f.name = QLatin1String(name);
    return f;
}

//! IFC-like: project 0 → site 1 → building 2 → storeys 3, 4 → space 5 (in 3) → wall 6 (in 5), slab 7 (in 4).
std::vector<data::ModelFeature> ifcLikeFeatures()
{
    return {feature(0, -1, "IfcProject", "P"),
            feature(1, 0, "IfcSite"),
            feature(2, 1, "IfcBuilding"),
            feature(3, 2, "IfcBuildingStorey", "EG"),
            feature(4, 2, "IfcBuildingStorey", "OG"),
            feature(5, 3, "IfcSpace", "Kitchen"),
            feature(6, 5, "IfcWall", "W1"),
            feature(7, 4, "IfcSlab")};
}

std::unique_ptr<MainWindow> openWindow(const QString& project)
{
    auto w = std::make_unique<MainWindow>();
    w->setUnsavedChangesPolicy(MainWindow::UnsavedChanges::Discard);
    w->setModalErrors(false);
    w->resize(1100, 700);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()) || !w->openProject(project) ||
        !QTest::qWaitFor([&] { return w->session() && !w->session()->isLoading(); }, kLoadTimeoutMs))
        return nullptr;
    return w;
}

bool lookDownAt(MainWindow& w, double x, double y, double rangeM)
{
    data::SavedView v;
    v.target = {x, y, 0};
    v.pitchDeg = -89;
    v.rangeM = rangeM;
    w.view()->setView(v);
    const int frames = w.view()->frameCount();
    w.view()->update();
    return QTest::qWaitFor([&] { return w.view()->frameCount() > frames; }, 10000);
}

//! The highlight uniform FeatureStyler sets on LAYER's node (-2: none set).
float highlightId(MainWindow& w, data::LayerId layer)
{
    osg::Node* node = w.session()->scene().layerNode(layer);
    const osg::Uniform* u =
        node && node->getStateSet() ? node->getStateSet()->getUniform("ct_highlightId") : nullptr;
    float value = -2.0f;
    if (u)
        u->get(value);
    return value;
}

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
    void treeFollowsParentLinks();
    void storeyOfFollowsAncestors_data();
    void storeyOfFollowsAncestors();
    void clickShowsSurfaceAttributesAndTree();
    void treeSelectionSelectsFeature();
    void hideSelectedAndShowAll();
    void isolateStoreyOnIfc();
    void chineseStrings();

private:
    std::unique_ptr<MainWindow> openHall();

    QTemporaryDir m_dir;
    QString m_project;
    data::LayerId m_hall;
};

void TstModelInspector::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    QSettings().clear();
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

void TstModelInspector::treeFollowsParentLinks()
{
    ModelTreeWidget tree;
    std::vector<data::ModelFeature> features = ifcLikeFeatures();
    features.push_back(feature(8, 9, "IfcDoor")); // 8 ↔ 9: a broken file's parent cycle
    features.push_back(feature(9, 8, "IfcWindow"));
    std::reverse(features.begin(), features.end()); // children before parents must not matter
    tree.setFeatures(features);
    QCOMPARE(tree.featureCount(), 10);
    QCOMPARE(tree.topLevelItemCount(), 3); // the project and the two features on the cycle
    QCOMPARE(ModelTreeWidget::featureOf(tree.itemFor(6)->parent()), std::optional<std::int64_t>(5));
    QCOMPARE(ModelTreeWidget::featureOf(tree.itemFor(5)->parent()), std::optional<std::int64_t>(3));
    QCOMPARE(ModelTreeWidget::featureOf(tree.itemFor(3)->parent()), std::optional<std::int64_t>(2));
    QCOMPARE(tree.itemFor(2)->childCount(), 2);
    QCOMPARE(tree.itemFor(3)->text(0), QStringLiteral("EG"));
    QCOMPARE(tree.itemFor(3)->text(1), QStringLiteral("IfcBuildingStorey"));
    QCOMPARE(tree.itemFor(2)->text(0), QStringLiteral("#2")); // no name, no external id

    std::optional<std::int64_t> selected;
    connect(&tree, &ModelTreeWidget::featureSelected, this, [&](std::int64_t id) { selected = id; });
    tree.setCurrentFeature(7); // selection from the view: no signal back
    QCOMPARE(tree.currentFeature(), std::optional<std::int64_t>(7));
    QVERIFY(!selected);
    tree.setCurrentItem(tree.itemFor(6)); // the user's selection
    QCOMPARE(selected, std::optional<std::int64_t>(6));
    tree.setHiddenFeatures({6});
    QVERIFY(tree.itemFor(6)->font(0).italic());
    QVERIFY(!tree.itemFor(5)->font(0).italic());
}

void TstModelInspector::storeyOfFollowsAncestors_data()
{
    QTest::addColumn<qlonglong>("id");
    QTest::addColumn<qlonglong>("storey"); // -1: none
    QTest::newRow("wall in a space") << 6LL << 3LL;
    QTest::newRow("slab") << 7LL << 4LL;
    QTest::newRow("the storey itself") << 4LL << 4LL;
    QTest::newRow("building") << 2LL << -1LL;
    QTest::newRow("unknown id") << 42LL << -1LL;
}

void TstModelInspector::storeyOfFollowsAncestors()
{
    QFETCH(qlonglong, id);
    QFETCH(qlonglong, storey);
    const auto found = FeatureVisibilityActions::storeyOf(ifcLikeFeatures(), id);
    QCOMPARE(found.value_or(-1), std::int64_t(storey));
    std::vector<data::ModelFeature> cycle{feature(1, 2, "IfcWall"), feature(2, 1, "IfcSlab")};
    QVERIFY(!FeatureVisibilityActions::storeyOf(cycle, 1)); // ends, finds nothing
}

std::unique_ptr<MainWindow> TstModelInspector::openHall()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        return nullptr;
    auto w = openWindow(m_project);
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

    QVERIFY(lookDownAt(*w, 0, 0, 300));
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
    QVERIFY(w->inspector()->selectFeature(m_hall, roof->id));
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
    QVERIFY(QTest::qWaitFor([&] { return !s->isLoading(); }, kLoadTimeoutMs));
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

    FeatureVisibilityActions* actions = w->inspectorDock()->featureActions();
    QVERIFY(actions->isolateStoreyAction()->isEnabled());
    QVERIFY(!actions->showAllStoreysAction()->isEnabled());
    actions->isolateStoreyAction()->trigger();
    QCOMPARE(s->featureStyle(id).isolatedStorey, storey);
    QVERIFY(actions->showAllStoreysAction()->isEnabled());
    actions->showAllStoreysAction()->trigger();
    QVERIFY(!s->featureStyle(id).isolatedStorey);
}

void TstModelInspector::chineseStrings()
{
    QVERIFY(app::Translations::install(QStringLiteral("zh_CN")));
    app::InspectorDock dock;
    QCOMPARE(dock.featureActions()->hideSelectedAction()->text(), QStringLiteral("隐藏所选(&H)"));
    QCOMPARE(dock.featureActions()->isolateStoreyAction()->text(), QStringLiteral("单独显示楼层(&I)"));
    data::ModelFeature wall = feature(6, 5, "IfcWall", "W1");
    dock.showModelFeature(QStringLiteral("house"), wall);
    QCOMPARE(dock.value(QStringLiteral("（类型）")), std::optional(QStringLiteral("IfcWall")));
    QCOMPARE(dock.modelTree()->headerItem()->text(0), QStringLiteral("构件"));
    // A run-time switch retranslates the actions and the tree header (LanguageChange is posted).
    QVERIFY(app::Translations::install(QStringLiteral("en")));
    QTRY_COMPARE(dock.featureActions()->hideSelectedAction()->text(), QStringLiteral("&Hide Selected"));
    QCOMPARE(dock.modelTree()->headerItem()->text(0), QStringLiteral("Element"));
}

QTEST_MAIN(TstModelInspector)
#include "tst_modelinspector.moc"
