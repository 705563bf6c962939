// The model element tree and the visibility actions without a model reader: ModelTreeWidget builds
// the hierarchy from parent links (any order, missing parents and cycles become roots), follows a
// selection made elsewhere without echoing it, greys hidden features; storeyOf() walks up to the
// storey; the Inspector's model strings in zh_CN and a run-time switch back. Plain widgets: any
// Qt platform does (offscreen without an X display).
#include "app/FeatureVisibilityActions.h"
#include "app/InspectorDock.h"
#include "app/ModelTreeWidget.h"
#include "app/Translations.h"

#include <QAction>
#include <QApplication>
#include <QTest>
#include <QTreeWidgetItem>
#include <algorithm>

using namespace citytwin;
using app::FeatureVisibilityActions;
using app::ModelTreeWidget;

namespace {

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

} // namespace

class TstModelTree : public QObject
{
    Q_OBJECT
private slots:
    void treeFollowsParentLinks();
    void storeyOfFollowsAncestors_data();
    void storeyOfFollowsAncestors();
    void chineseStrings();
};

void TstModelTree::treeFollowsParentLinks()
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
    QCOMPARE(tree.itemFor(2)->text(0), QStringLiteral("IfcBuilding")); // no name: the type

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

void TstModelTree::storeyOfFollowsAncestors_data()
{
    QTest::addColumn<qlonglong>("id");
    QTest::addColumn<qlonglong>("storey"); // -1: none
    QTest::newRow("wall in a space") << 6LL << 3LL;
    QTest::newRow("slab") << 7LL << 4LL;
    QTest::newRow("the storey itself") << 4LL << 4LL;
    QTest::newRow("building") << 2LL << -1LL;
    QTest::newRow("unknown id") << 42LL << -1LL;
}

void TstModelTree::storeyOfFollowsAncestors()
{
    QFETCH(qlonglong, id);
    QFETCH(qlonglong, storey);
    const auto found = FeatureVisibilityActions::storeyOf(ifcLikeFeatures(), id);
    QCOMPARE(found.value_or(-1), std::int64_t(storey));
    std::vector<data::ModelFeature> cycle{feature(1, 2, "IfcWall"), feature(2, 1, "IfcSlab")};
    QVERIFY(!FeatureVisibilityActions::storeyOf(cycle, 1)); // ends, finds nothing
}

void TstModelTree::chineseStrings()
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

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TstModelTree test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_modeltree.moc"
