// Layer Properties' Style and Placement sections on a live session (no 3D view, so any Qt platform
// does): graduated/categorized styles of the small demo's buildings reach the session and the
// legend follows featureStyleApplied; wireframe toggles the layer's polygon mode; an untouched
// dialog edits nothing; Show Hidden Features clears the hidden list; a model layer's placement
// goes through the panel and back.
#include "ModelFixtures.h"
#include "SmallDemo.h"
#include "app/FeatureStylePanel.h"
#include "app/LayerPropertiesDialog.h"
#include "app/ModelPlacementPanel.h"
#include "app/ProjectSession.h"
#include "scene/CityScene.h"
#include "tests/common/TestPaths.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <osg/NodeVisitor>
#include <osg/PolygonMode>

using namespace citytwin;
using app::LayerPropertiesDialog;
using app::ProjectSession;

namespace {

constexpr int kAppliedTimeoutMs = 30000;

//! True when some state set under NODE draws polygons as lines.
bool drawsWireframe(osg::Node* node)
{
    struct Finder : osg::NodeVisitor
    {
        Finder() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
        void apply(osg::Node& n) override // drawables are nodes too (OSG 3.6)
        {
            check(n.getStateSet());
            traverse(n);
        }
        void check(const osg::StateSet* s)
        {
            const auto* mode =
                s ? dynamic_cast<const osg::PolygonMode*>(s->getAttribute(osg::StateAttribute::POLYGONMODE))
                  : nullptr;
            if (mode && mode->getMode(osg::PolygonMode::FRONT_AND_BACK) == osg::PolygonMode::LINE)
                found = true;
        }
        bool found = false;
    } finder;
    if (node)
        node->accept(finder);
    return finder.found;
}

//! Presses Apply and waits for the session to report the applied style of LAYER.
bool applyAndWait(LayerPropertiesDialog& dialog, ProjectSession& session, data::LayerId layer)
{
    QSignalSpy applied(&session, &ProjectSession::featureStyleApplied);
    QTest::mouseClick(dialog.applyButton(), Qt::LeftButton);
    return QTest::qWaitFor(
        [&] {
            for (const QList<QVariant>& args : applied)
                if (args.at(0).value<data::LayerId>() == layer)
                    return true;
            return false;
        },
        kAppliedTimeoutMs);
}

} // namespace

class TstFeatureStyleGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void classifiedStyleShowsLegend_data();
    void classifiedStyleShowsLegend();
    void wireframeToggles();
    void untouchedDialogEditsNothing();
    void showHiddenFeaturesClears();
    void placementRoundTrip();

private:
    QTemporaryDir m_dir;
    QString m_demo;
    std::unique_ptr<ProjectSession> m_session;
    data::LayerId m_buildings;
};

void TstFeatureStyleGui::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto demo = test::makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
    m_demo = demo.value();
}

void TstFeatureStyleGui::init()
{
    auto session = ProjectSession::open(m_demo);
    QVERIFY2(session.isOk(), qPrintable(session.status().message()));
    m_session = std::move(session.value());
    QVERIFY(m_session->loadAllBlocking().isOk());
    m_buildings = test::firstLayerOf(m_session->project(), data::LayerKind::Buildings);
    QVERIFY(m_buildings.isValid());
    QCOMPARE(m_session->layerState(m_buildings), ProjectSession::LayerState::Ready);
}

void TstFeatureStyleGui::cleanup()
{
    m_session.reset(); // never saved: every test starts from the generated project
}

void TstFeatureStyleGui::classifiedStyleShowsLegend_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("classes");
    QTest::addColumn<int>("breaks");
    QTest::newRow("graduated height, 4 equal")
        << int(data::StyleMode::Graduated) << "height" << 4 << int(data::ClassBreaks::EqualInterval);
    QTest::newRow("graduated height, 7 quantile")
        << int(data::StyleMode::Graduated) << "height" << 7 << int(data::ClassBreaks::Quantile);
    QTest::newRow("categorized floors")
        << int(data::StyleMode::Categorized) << "floors" << 5 << int(data::ClassBreaks::EqualInterval);
}

void TstFeatureStyleGui::classifiedStyleShowsLegend()
{
    QFETCH(int, mode);
    QFETCH(QString, field);
    QFETCH(int, classes);
    QFETCH(int, breaks);
    LayerPropertiesDialog dialog(m_session.get(), m_buildings);
    app::FeatureStylePanel* panel = dialog.stylePanel();
    QVERIFY(panel);
    QVERIFY(!dialog.placementPanel()); // buildings stand where their footprints are
    QVERIFY(dialog.heightPanel());
    QCOMPARE(panel->legend()->topLevelItemCount(), 0); // Single: no legend
    QVERIFY(!panel->fieldCombo()->isEnabled());

    panel->modeCombo()->setCurrentIndex(panel->modeCombo()->findData(mode));
    QVERIFY(panel->fieldCombo()->isEnabled());
    QCOMPARE(panel->classesSpin()->isEnabled(), mode == int(data::StyleMode::Graduated));
    const int fieldIndex = panel->fieldCombo()->findText(field);
    QVERIFY2(fieldIndex >= 0, qPrintable(m_session->styleFields(m_buildings).join(QLatin1Char(','))));
    panel->fieldCombo()->setCurrentIndex(fieldIndex);
    panel->classesSpin()->setValue(classes);
    panel->breaksCombo()->setCurrentIndex(panel->breaksCombo()->findData(breaks));
    QVERIFY(applyAndWait(dialog, *m_session, m_buildings));

    const data::FeatureStyle stored = m_session->featureStyle(m_buildings);
    QCOMPARE(int(stored.mode), mode);
    QCOMPARE(stored.field, field);
    QCOMPARE(stored.classes, classes);
    QCOMPARE(int(stored.breaks), breaks);
    QVERIFY(m_session->isModified());
    QVERIFY2(panel->errorText().isEmpty(), qPrintable(panel->errorText()));

    const data::StyleClassification legend = m_session->styleClassification(m_buildings);
    if (mode == int(data::StyleMode::Graduated))
        QCOMPARE(int(legend.classes.size()), classes);
    else
        QVERIFY(legend.classes.size() > 1);
    QCOMPARE(panel->legend()->topLevelItemCount(), int(legend.classes.size()));
    int counted = 0;
    for (int i = 0; i < panel->legend()->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = panel->legend()->topLevelItem(i);
        QVERIFY(!item->icon(0).isNull()); // the colour swatch
        QVERIFY(!item->text(0).isEmpty());
        QCOMPARE(item->text(1), QString::number(legend.classes[std::size_t(i)].count));
        counted += legend.classes[std::size_t(i)].count;
    }
    QCOMPARE(counted, int(legend.classOf.size()));
    if (QTest::currentDataTag() == QLatin1String("graduated height, 4 equal"))
        dialog.grab().save(test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/layer_properties_style.png"));
    QVERIFY(counted > 1000); // the small demo's buildings all have a height and floors
}

void TstFeatureStyleGui::wireframeToggles()
{
    LayerPropertiesDialog dialog(m_session.get(), m_buildings);
    app::FeatureStylePanel* panel = dialog.stylePanel();
    QVERIFY(panel && !panel->wireframeCheck()->isChecked());
    QVERIFY(!drawsWireframe(m_session->scene().layerNode(m_buildings)));
    panel->wireframeCheck()->setChecked(true);
    QVERIFY(applyAndWait(dialog, *m_session, m_buildings));
    QVERIFY(m_session->featureStyle(m_buildings).wireframe);
    QVERIFY(drawsWireframe(m_session->scene().layerNode(m_buildings)));

    panel->wireframeCheck()->setChecked(false);
    QVERIFY(applyAndWait(dialog, *m_session, m_buildings));
    QVERIFY(!m_session->featureStyle(m_buildings).wireframe);
    QVERIFY(!drawsWireframe(m_session->scene().layerNode(m_buildings)));
}

void TstFeatureStyleGui::untouchedDialogEditsNothing()
{
    QVERIFY(!m_session->isModified());
    QSignalSpy applied(m_session.get(), &ProjectSession::featureStyleApplied);
    LayerPropertiesDialog dialog(m_session.get(), m_buildings);
    QVERIFY(!dialog.stylePanel()->apply());
    dialog.accept();
    QVERIFY(!m_session->isModified());
    QCOMPARE(applied.count(), 0);
}

void TstFeatureStyleGui::showHiddenFeaturesClears()
{
    data::FeatureStyle style = m_session->featureStyle(m_buildings);
    style.hidden = {1, 2};
    m_session->setFeatureStyle(m_buildings, style);
    LayerPropertiesDialog dialog(m_session.get(), m_buildings);
    QPushButton* button = dialog.stylePanel()->showHiddenButton();
    QVERIFY(button->isEnabled());
    QVERIFY2(button->text().contains(QLatin1Char('2')), qPrintable(button->text()));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(m_session->featureStyle(m_buildings).hidden.empty());
    QVERIFY(!button->isEnabled());
}

void TstFeatureStyleGui::placementRoundTrip()
{
    const QString gltf = test::writeTriangleGltf(m_dir.filePath(QStringLiteral("triangle.gltf")));
    QVERIFY(!gltf.isEmpty());
    data::LayerSettings model;
    model.name = QStringLiteral("triangle");
    model.kind = data::LayerKind::Model;
    model.group = data::LayerGroup::CityModels;
    model.sourceUri = gltf;
    model.style.insert(QStringLiteral("format"), data::toString(data::ModelFormat::Gltf));
    auto added = m_session->addLayer(model);
    QVERIFY2(added.isOk(), qPrintable(added.status().message()));
    const data::LayerId id = added.value();

    auto dialog = std::make_unique<LayerPropertiesDialog>(m_session.get(), id);
    app::ModelPlacementPanel* panel = dialog->placementPanel();
    QVERIFY(panel && dialog->stylePanel() && !dialog->heightPanel());
    QCOMPARE(panel->placement().has_value(), m_session->modelPlacement(id).has_value());
    panel->placeRadio()->setChecked(true);
    QVERIFY(panel->lonSpin()->isEnabled());
    panel->lonSpin()->setValue(121.0015);
    panel->latSpin()->setValue(30.7012);
    panel->onTerrainCheck()->setChecked(false);
    QVERIFY(panel->heightSpin()->isEnabled());
    panel->heightSpin()->setValue(12.5);
    panel->rotationSpin()->setValue(30.0);
    panel->scaleSpin()->setValue(2.0);
    dialog->accept();

    const std::optional<data::ModelPlacement> stored = m_session->modelPlacement(id);
    QVERIFY(stored);
    QCOMPARE(stored->origin.lon, 121.0015);
    QCOMPARE(stored->origin.lat, 30.7012);
    QCOMPARE(stored->origin.height, 12.5);
    QVERIFY(!stored->heightFromTerrain);
    QCOMPARE(stored->rotationDeg, 30.0);
    QCOMPARE(stored->scale, 2.0);

    // A new dialog shows what is stored; "on terrain" disables the height.
    dialog = std::make_unique<LayerPropertiesDialog>(m_session.get(), id);
    panel = dialog->placementPanel();
    QCOMPARE(panel->placement(), stored);
    panel->onTerrainCheck()->setChecked(true);
    QVERIFY(!panel->heightSpin()->isEnabled());
    dialog->accept();
    QVERIFY(m_session->modelPlacement(id)->heightFromTerrain);

    dialog = std::make_unique<LayerPropertiesDialog>(m_session.get(), id);
    dialog->placementPanel()->ownGeoreferenceRadio()->setChecked(true);
    QVERIFY(!dialog->placementPanel()->lonSpin()->isEnabled());
    dialog->accept();
    QCOMPARE(m_session->modelPlacement(id), std::nullopt);
}

int main(int argc, char** argv)
{
    // Plain widgets, no QOpenGLWidget: without an X display the offscreen platform does.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TstFeatureStyleGui test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_featurestylegui.moc"
