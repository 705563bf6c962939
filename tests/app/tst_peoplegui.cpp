// People in the 3D view under Xvfb (a MainWindow on the small demo, PeopleController installed
// after the window's Inspector as the lead wires it): hovering a person's marker shows their name,
// a click draws their track of the local day in the analysis group, shows the details panel and
// emits personSelected; Esc and a click elsewhere clear it. Layer Properties' Time section sets
// the trail length and max gap on the live layer and reports them for the project.
#include "SmallDemo.h"
#include "app/LayerPropertiesDialog.h"
#include "app/MainWindow.h"
#include "app/OsgViewWidget.h"
#include "app/PeopleController.h"
#include "app/ProjectSession.h"
#include "app/TemporalPanel.h"
#include "scene/CityScene.h"
#include "scene/PeopleLayer.h"
#include "tests/app/WindowFixtures.h"

#include <QDoubleSpinBox>
#include <QHelpEvent>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <memory>
#include <osg/Geode>
#include <osg/Geometry>

using namespace citytwin;
using app::MainWindow;
using app::PeopleController;

namespace {

osg::Node* analysisChild(MainWindow& w, const std::string& name)
{
    osg::Group* group = w.session()->scene().analysisGroup();
    for (unsigned i = 0; i < group->getNumChildren(); ++i)
        if (group->getChild(i)->getName() == name)
            return group->getChild(i);
    return nullptr;
}

} // namespace

class TstPeopleGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void hoverClickAndClear();
    void timeSectionSetsTrailAndGap();

private:
    QTemporaryDir m_dir;
    QString m_demo;
};

void TstPeopleGui::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    QVERIFY(m_dir.isValid());
    auto demo = test::prepareSmallDemo(m_dir);
    QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
    m_demo = demo.value();
}

void TstPeopleGui::hoverClickAndClear()
{
    auto w = test::openTestWindow(m_demo);
    QVERIFY(w);
    PeopleController people(w->view());
    people.setSession(w->session());
    const data::LayerId layerId = test::firstLayerOf(w->session()->project(), data::LayerKind::People);
    QVERIFY(layerId.isValid());
    scene::PeopleLayer* layer = scene::PeopleLayer::of(w->session()->scene().layerNode(layerId));
    QVERIFY(layer);
    QVERIFY(layer->personCount() > 0);
    // The scene time half-way through the first person's track: they are on the map.
    const scene::PersonTrack& track = layer->track(0);
    QVERIFY(track.size() > 2);
    const double mid = track.times[track.size() / 2];
    w->session()->setTime(layer->epoch() + data::TimeMs(mid * 1000.0));
    QVERIFY(layer->isVisible(0));
    const osg::Vec3f person = layer->position(0);
    QVERIFY(test::lookDownAt(*w, {person.x(), person.y(), person.z()}, 150, -89.9));
    const QPoint centre = w->view()->rect().center();
    QVERIFY(people.personAt(centre));
    QCOMPARE(people.personAt(centre)->personId, layer->personId(0));

    // Hover: the person's name.
    const QString name = layer->person(0).name;
    QVERIFY(!name.isEmpty());
    QCOMPARE(people.toolTipAt(centre), name);
    QHelpEvent help(QEvent::ToolTip, centre, w->view()->mapToGlobal(centre));
    QApplication::sendEvent(w->view(), &help);
    QTRY_COMPARE(QToolTip::text(), name);
    QCOMPARE(people.toolTipAt(QPoint(5, 5)), QString()); // far from anyone (corner, zoomed in)

    // Click: details, the day's track in the analysis group, the signal.
    QSignalSpy selected(&people, &PeopleController::personSelected);
    QSignalSpy cleared(&people, &PeopleController::selectionCleared);
    QTest::mouseClick(w->view(), Qt::LeftButton, {}, centre);
    QCOMPARE(selected.count(), 1);
    const auto details = selected.at(0).at(0).value<app::PersonDetails>();
    QCOMPARE(details.person.id, layer->personId(0));
    QVERIFY(details.layer == layerId);
    QVERIFY(details.samples >= 2);
    QVERIFY(details.lengthM > 0);
    QVERIFY(details.first <= layer->epoch() + data::TimeMs(mid * 1000.0) + 1);
    QVERIFY(details.visibleNow);
    const gis::FeatureAttributes rows = details.attributes(w->session()->project().timeZone);
    QCOMPARE(rows.fields.front().second, name);
    QVERIFY(people.detailsPanel()->isVisible());
    QVERIFY2(people.detailsPanel()->text().contains(name), qPrintable(people.detailsPanel()->text()));
    osg::Node* trackNode = analysisChild(*w, "personTrack");
    QVERIFY(trackNode);
    const osg::Geometry* line = trackNode->asGeode()->getDrawable(0)->asGeometry();
    QCOMPARE(std::size_t(line->getVertexArray()->getNumElements()), details.samples); // one run per day here
    QCOMPARE(details.runs, 1);

    // Esc clears; a click on the ground (a corner) after a new selection clears too.
    QTest::keyClick(w->view(), Qt::Key_Escape);
    QCOMPARE(cleared.count(), 1);
    QVERIFY(!analysisChild(*w, "personTrack"));
    QVERIFY(!people.detailsPanel()->isVisible());
    QVERIFY(!people.selection());
    QVERIFY(people.selectAt(centre));
    QVERIFY(analysisChild(*w, "personTrack"));
    QTest::mouseClick(w->view(), Qt::LeftButton, {}, QPoint(5, 5));
    QCOMPARE(cleared.count(), 2);
    QVERIFY(!analysisChild(*w, "personTrack"));
}

void TstPeopleGui::timeSectionSetsTrailAndGap()
{
    auto w = test::openTestWindow(m_demo);
    QVERIFY(w);
    const data::LayerId layerId = test::firstLayerOf(w->session()->project(), data::LayerKind::People);
    scene::PeopleLayer* layer = scene::PeopleLayer::of(w->session()->scene().layerNode(layerId));
    QVERIFY(layer);
    app::LayerPropertiesDialog dialog(w->session(), layerId, w.get());
    app::TemporalPanel* panel = dialog.temporalPanel();
    QVERIFY(panel);
    QVERIFY(panel->trailSpin() && panel->maxGapSpin() && !panel->modeCombo());
    QCOMPARE(panel->maxGapSpin()->value(), 10.0); // 600 s by default
    QSignalSpy changed(panel, &app::TemporalPanel::changed);
    panel->trailSpin()->setValue(5);
    panel->maxGapSpin()->setValue(2);
    dialog.applyChanges();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(layer->options().trailSeconds, 300.0); // live, without a reload
    QCOMPARE(layer->options().maxGapSeconds, 120.0);
    const auto temporal = changed.at(0).at(1).value<data::TemporalSettings>();
    QCOMPARE(temporal.trailLengthMs, data::TimeMs(300000));
    QCOMPARE(changed.at(0).at(2).toJsonObject().value(QStringLiteral("maxGapSeconds")).toDouble(), 120.0);
    dialog.applyChanges(); // nothing changed since: no signal
    QCOMPARE(changed.count(), 1);
    // Events layers offer window/accumulate instead.
    const data::LayerId events = test::firstLayerOf(w->session()->project(), data::LayerKind::Events);
    if (events.isValid()) {
        app::LayerPropertiesDialog eventsDialog(w->session(), events, w.get());
        QVERIFY(eventsDialog.temporalPanel() && eventsDialog.temporalPanel()->modeCombo());
        QVERIFY(!eventsDialog.temporalPanel()->trailSpin());
    }
}

QTEST_MAIN(TstPeopleGui)
#include "tst_peoplegui.moc"
