// How a footprint layer is extruded, chosen by the user: the height field, or floors × storey
// height. The Layer Properties "Height" panel hands the choice to the session, which re-extrudes
// the layer; the demo's buildings then stand as tall as the choice says.
#include "app/FootprintHeightPanel.h"
#include "app/ProjectSession.h"
#include "gis/GdalEnvironment.h"
#include "tests/app/SessionFixtures.h"
#include "tests/app/SmallDemo.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <osg/ComputeBoundsVisitor>

using namespace citytwin;
using app::ProjectSession;

namespace {

//! Highest point of buildings layer ID's node, local frame.
double topOf(ProjectSession& session, data::LayerId id)
{
    osg::Node* node = session.scene().layerNode(id);
    if (!node)
        return -1e9;
    osg::ComputeBoundsVisitor bounds;
    node->accept(bounds);
    return bounds.getBoundingBox().zMax();
}

} // namespace

class TstFootprintHeights : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void floorsTimesStoreyHeight();
    void panelAppliesTheChoice();

private:
    QTemporaryDir m_dir;
    QString m_project;
};

void TstFootprintHeights::initTestCase()
{
    gis::ensureGdalRegistered();
    auto demo = test::makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_project = *demo;
}

void TstFootprintHeights::floorsTimesStoreyHeight()
{
    auto opened = ProjectSession::open(m_project);
    QVERIFY(opened);
    ProjectSession& session = **opened;
    QVERIFY(session.loadAllBlocking());
    const data::LayerId buildings = test::firstLayerOf(session.project(), data::LayerKind::Buildings);
    QVERIFY(buildings.isValid());
    const double byHeight = topOf(session, buildings);
    QVERIFY(session.styleFields(buildings).contains(QStringLiteral("floors")));

    // No usable height field: every building is floors × 10 m, far above the demo's real heights.
    ProjectSession::FootprintHeights heights;
    heights.heightField = QStringLiteral("no_such_field");
    heights.floorsField = QStringLiteral("floors");
    heights.storeyHeightM = 10.0;
    session.setFootprintHeights(buildings, heights);
    QVERIFY(test::waitLoaded(session));
    QVERIFY2(session.layerState(buildings) == ProjectSession::LayerState::Ready, qPrintable(session.layerError(buildings)));
    QVERIFY(session.footprintHeights(buildings) == heights);
    const double byFloors = topOf(session, buildings);
    QVERIFY2(byFloors > byHeight * 2, qPrintable(QStringLiteral("%1 vs %2").arg(byFloors).arg(byHeight)));
    QVERIFY(session.isModified());

    // Back to the height field: the original extrusion again.
    heights.heightField = QStringLiteral("height");
    session.setFootprintHeights(buildings, heights);
    QVERIFY(test::waitLoaded(session));
    QVERIFY(std::abs(topOf(session, buildings) - byHeight) < 0.01);
}

void TstFootprintHeights::panelAppliesTheChoice()
{
    auto opened = ProjectSession::open(m_project);
    QVERIFY(opened);
    ProjectSession& session = **opened;
    QVERIFY(session.loadAllBlocking());
    const data::LayerId buildings = test::firstLayerOf(session.project(), data::LayerKind::Buildings);
    app::FootprintHeightPanel panel(&session, buildings);
    QCOMPARE(panel.heightFieldCombo()->currentText(), QStringLiteral("height"));
    QVERIFY(panel.floorsFieldCombo()->findText(QStringLiteral("floors")) >= 0);
    QVERIFY(!panel.apply()); // nothing changed: no reload
    QVERIFY(!session.isModified());
    panel.floorsFieldCombo()->setCurrentText(QStringLiteral("floors"));
    panel.storeyHeightSpin()->setValue(4.5);
    QSignalSpy changed(&session, &ProjectSession::layerChanged);
    QVERIFY(panel.apply());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(session.footprintHeights(buildings).storeyHeightM, 4.5);
    QVERIFY(test::waitLoaded(session));
    QVERIFY(session.layerState(buildings) == ProjectSession::LayerState::Ready);
}

QTEST_MAIN(TstFootprintHeights)
#include "tst_footprintheights.moc"
