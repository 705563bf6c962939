// MapSketchTool in a real view of the small demo under Xvfb: clicks add the picked points, a drag
// orbits without adding one, Backspace removes the last point, Enter / double-click finish, Esc
// cancels, a polygon needs three points, MAXPOINTS finishes by itself, the sketch is drawn in the
// scene's analysis group only while active, and the Inspector selects nothing meanwhile.
#include "tests/app/WindowFixtures.h"
#include "SmallDemo.h"
#include "app/BasemapController.h"
#include "app/InspectorController.h"
#include "app/MainWindow.h"
#include "app/MapSketchTool.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"

#include <QApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <osg/Geode>
#include <osg/Geometry>

using namespace citytwin;
using test::makeTestWindow;
using test::waitLoaded;
using app::MainWindow;
using app::MapSketchTool;

Q_DECLARE_METATYPE(std::vector<citytwin::data::LocalPoint>)
Q_DECLARE_METATYPE(citytwin::app::MapSketchTool::Shape)

namespace {

//! The "sketch" node in the analysis group, or nullptr.
osg::Node* sketchNode(MainWindow& w)
{
    osg::Group* analysis = w.session()->scene().analysisGroup();
    for (unsigned i = 0; i < analysis->getNumChildren(); ++i)
        if (analysis->getChild(i)->getName() == "sketch")
            return analysis->getChild(i);
    return nullptr;
}

//! Vertices of the sketch's line (points plus the rubber band's cursor end).
unsigned lineVertices(osg::Node* sketch)
{
    auto* geode = sketch ? sketch->asGroup()->getChild(0)->asGeode() : nullptr;
    if (!geode)
        return 0;
    return geode->getDrawable(0)->asGeometry()->getVertexArray()->getNumElements();
}

} // namespace

class TstMapSketchTool : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void clicksAddPickedPointsAndEnterFinishes();
    void dragAddsNoPoint();
    void backspaceAndEscape();
    void polygonNeedsThreePoints();
    void maxPointsFinishesByItself();
    void doubleClickFinishes();
    void inspectorSelectsNothingWhileSketching();

private:
    //! A click at POS in the view; returns whether something is under it.
    bool clickAt(const QPoint& pos);

    QTemporaryDir m_dir;
    QString m_project;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<MapSketchTool> m_tool;
};

void TstMapSketchTool::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    qRegisterMetaType<std::vector<data::LocalPoint>>();
    qRegisterMetaType<MapSketchTool::Shape>();
    QVERIFY(m_dir.isValid());
    auto demo = test::prepareSmallDemo(m_dir);
    QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
    m_project = demo.value();
}

void TstMapSketchTool::init()
{
    m_window = makeTestWindow();
    m_window->show();
    QVERIFY(m_window->openProject(m_project));
    QVERIFY(QTest::qWaitFor([&] { return m_window->session() && !m_window->session()->isLoading(); }, test::kWindowLoadTimeoutMs));
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    app::OsgViewWidget* view = m_window->view();
    data::SavedView top = view->view();
    top.pitchDeg = -89; // straight down: every point of the view is over the demo's ground
    view->setView(top);
    // Wait until the refined terrain under the points the tests click is in place.
    const QPoint centre = view->rect().center();
    const QPoint probes[] = {centre, centre + QPoint(-150, -100), centre + QPoint(150, -100),
                             centre + QPoint(-150, 100), centre + QPoint(150, 100)};
    QVERIFY(QTest::qWaitFor(
        [&] {
            view->update();
            for (const QPoint& p : probes)
                if (!view->pick(p))
                    return false;
            return true;
        },
        30000));
    m_tool = std::make_unique<MapSketchTool>(view);
    m_tool->setScene(&m_window->session()->scene());
}

void TstMapSketchTool::cleanup()
{
    m_tool.reset();
    m_window.reset();
}

bool TstMapSketchTool::clickAt(const QPoint& pos)
{
    const bool hit = m_window->view()->pick(pos).has_value();
    QTest::mouseClick(m_window->view(), Qt::LeftButton, Qt::NoModifier, pos);
    return hit;
}

void TstMapSketchTool::clicksAddPickedPointsAndEnterFinishes()
{
    app::OsgViewWidget* view = m_window->view();
    QSignalSpy finished(m_tool.get(), &MapSketchTool::finished);
    QVERIFY(!sketchNode(*m_window));
    m_tool->start(MapSketchTool::Shape::Polyline);
    QVERIFY(m_tool->isActive());
    QVERIFY(view->property("citytwin.sketching").toBool());
    QVERIFY2(sketchNode(*m_window), "an active sketch is drawn in the analysis group");

    const QPoint a = view->rect().center() + QPoint(-120, 40);
    const QPoint b = view->rect().center() + QPoint(150, -60);
    const std::optional<scene::PickResult> pa = view->pick(a);
    const std::optional<scene::PickResult> pb = view->pick(b);
    QVERIFY(pa && pb);
    QVERIFY(clickAt(a));
    QVERIFY(clickAt(b));
    QCOMPARE(m_tool->points().size(), std::size_t(2));
    QCOMPARE(m_tool->points()[0].x, pa->point.x);
    QCOMPARE(m_tool->points()[1].y, pb->point.y);
    QVERIFY(lineVertices(sketchNode(*m_window)) >= 2);

    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(finished.count(), 1);
    const auto points = finished.at(0).at(0).value<std::vector<data::LocalPoint>>();
    QCOMPARE(points.size(), std::size_t(2));
    QCOMPARE(points[1].x, pb->point.x);
    QCOMPARE(finished.at(0).at(1).value<MapSketchTool::Shape>(), MapSketchTool::Shape::Polyline);
    QVERIFY(!m_tool->isActive());
    QVERIFY(!view->property("citytwin.sketching").toBool());
    QVERIFY2(!sketchNode(*m_window), "the sketch is removed when done");
}

void TstMapSketchTool::dragAddsNoPoint()
{
    app::OsgViewWidget* view = m_window->view();
    m_tool->start(MapSketchTool::Shape::Polyline);
    const QPoint from = view->rect().center();
    QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(view, from + QPoint(60, 30));
    QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, from + QPoint(120, 60));
    QCOMPARE(m_tool->points().size(), std::size_t(0));
    QVERIFY(m_tool->isActive());
}

void TstMapSketchTool::backspaceAndEscape()
{
    app::OsgViewWidget* view = m_window->view();
    QSignalSpy cancelled(m_tool.get(), &MapSketchTool::cancelled);
    QSignalSpy changed(m_tool.get(), &MapSketchTool::pointsChanged);
    m_tool->start(MapSketchTool::Shape::Polyline);
    QVERIFY(clickAt(view->rect().center()));
    QVERIFY(clickAt(view->rect().center() + QPoint(80, 0)));
    QCOMPARE(m_tool->points().size(), std::size_t(2));
    QTest::keyClick(view, Qt::Key_Backspace);
    QCOMPARE(m_tool->points().size(), std::size_t(1));
    QCOMPARE(changed.last().at(0).toInt(), 1);
    QTest::keyClick(view, Qt::Key_Escape);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!m_tool->isActive());
    QVERIFY(!sketchNode(*m_window));
    // Inactive: clicks and keys pass to the view untouched.
    QVERIFY(clickAt(view->rect().center()));
    QCOMPARE(m_tool->points().size(), std::size_t(0));
}

void TstMapSketchTool::polygonNeedsThreePoints()
{
    app::OsgViewWidget* view = m_window->view();
    QSignalSpy finished(m_tool.get(), &MapSketchTool::finished);
    QSignalSpy cancelled(m_tool.get(), &MapSketchTool::cancelled);
    m_tool->start(MapSketchTool::Shape::Polygon);
    QVERIFY(clickAt(view->rect().center()));
    QVERIFY(clickAt(view->rect().center() + QPoint(100, 0)));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(cancelled.count(), 1);

    m_tool->start(MapSketchTool::Shape::Polygon);
    QVERIFY(clickAt(view->rect().center()));
    QVERIFY(clickAt(view->rect().center() + QPoint(100, 0)));
    QVERIFY(clickAt(view->rect().center() + QPoint(50, 80)));
    QTest::keyClick(view, Qt::Key_Enter);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).value<std::vector<data::LocalPoint>>().size(), std::size_t(3));
    QCOMPARE(finished.at(0).at(1).value<MapSketchTool::Shape>(), MapSketchTool::Shape::Polygon);
}

void TstMapSketchTool::maxPointsFinishesByItself()
{
    QSignalSpy finished(m_tool.get(), &MapSketchTool::finished);
    m_tool->start(MapSketchTool::Shape::Polyline, 2);
    m_tool->addPoint({1, 2, 3});
    QCOMPARE(finished.count(), 0);
    m_tool->addPoint({4, 5, 6});
    QCOMPARE(finished.count(), 1);
    QVERIFY(!m_tool->isActive());
    // Starting again drops the old points.
    m_tool->start(MapSketchTool::Shape::Polyline, 2);
    QCOMPARE(m_tool->points().size(), std::size_t(0));
}

void TstMapSketchTool::doubleClickFinishes()
{
    app::OsgViewWidget* view = m_window->view();
    QSignalSpy finished(m_tool.get(), &MapSketchTool::finished);
    m_tool->start(MapSketchTool::Shape::Polyline);
    const QPoint a = view->rect().center();
    const QPoint b = a + QPoint(90, 90);
    QVERIFY(clickAt(a));
    QVERIFY(clickAt(b)); // the first click of a double-click adds the point…
    const data::SavedView before = view->view();
    QTest::mouseDClick(view, Qt::LeftButton, Qt::NoModifier, b); // …the second finishes
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).value<std::vector<data::LocalPoint>>().size(), std::size_t(2));
    QCOMPARE(view->view().target.x, before.target.x); // and flies nowhere
}

void TstMapSketchTool::inspectorSelectsNothingWhileSketching()
{
    app::OsgViewWidget* view = m_window->view();
    // Find a point over a building of the demo (the view looks straight down at its centre).
    std::optional<QPoint> onBuilding;
    for (int dy = -200; dy <= 200 && !onBuilding; dy += 10) {
        for (int dx = -300; dx <= 300 && !onBuilding; dx += 10) {
            const QPoint p = view->rect().center() + QPoint(dx, dy);
            const std::optional<scene::PickResult> hit = view->pick(p);
            if (hit && hit->featureId && hit->layer)
                onBuilding = p;
        }
    }
    QVERIFY2(onBuilding, "the demo's centre has buildings in view");
    m_tool->start(MapSketchTool::Shape::Polyline);
    QVERIFY(clickAt(*onBuilding));
    QCOMPARE(m_tool->points().size(), std::size_t(1));
    QVERIFY2(!m_window->inspector()->selectedFeature(), "a sketch click selects nothing");
    m_tool->cancel();
    QVERIFY(clickAt(*onBuilding));
    QVERIFY2(m_window->inspector()->selectedFeature(), "without a sketch the click selects the building");
}

QTEST_MAIN(TstMapSketchTool)
#include "tst_mapsketchtool.moc"
