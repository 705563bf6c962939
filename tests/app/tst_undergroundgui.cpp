// The underground controls in MainWindow under Xvfb: the Underground tool bar's ground opacity
// slider sets the terrain engine's ct_groundOpacity (0 hides the terrain so picks go through),
// View → Underground Mode (U) switches the manipulator, the clear colour and an opaque ground to
// 40 %, leaving it restores all three; the setting survives a terrain engine change and a
// newly opened project, and the strings are translated in zh_CN.
#include "tests/app/WindowFixtures.h"
#include "SmallDemo.h"
#include "app/BasemapController.h"
#include "app/MainWindow.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"
#include "app/SurfaceFormat.h"
#include "app/Translations.h"
#include "app/UndergroundController.h"
#include "scene/OrbitManipulator.h"
#include "scene/OrbitMath.h"
#include "scene/TileEngine.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTranslator>
#include <memory>
#include <osgViewer/Viewer>

using namespace citytwin;
using test::makeTestWindow;
using test::waitLoaded;
using app::MainWindow;
using app::UndergroundController;

namespace {

//! The ground opacity the engine's shader sees (ct_groundOpacity; 1 when never set).
float engineOpacity(MainWindow& w)
{
    scene::TileEngine* engine = w.session() ? w.session()->terrainEngine() : nullptr;
    if (!engine || !engine->getStateSet())
        return 1.0f;
    const osg::Uniform* u = engine->getStateSet()->getUniform("ct_groundOpacity");
    float value = 1.0f;
    if (u)
        u->get(value);
    return value;
}

osg::Vec4 clearColour(MainWindow& w)
{
    return w.view()->viewer()->getCamera()->getClearColor();
}

QAction* findAction(QMenu* menu, QAction* action)
{
    for (QAction* a : menu->actions())
        if (a == action)
            return a;
    return nullptr;
}

} // namespace

class TstUndergroundGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void controlsAreInTheViewMenuAndToolBar();
    void sliderSetsGroundOpacity();
    void zeroHidesTerrainAndPicksGoThrough();
    void modeTogglesManipulatorClearColourAndOpacity();
    void modeKeepsAUserOpacity();
    void cameraStaysBelowGroundInMode();
    void settingSurvivesEngineChangeAndNewProject();
    void translatedToChinese();

private:
    QTemporaryDir m_dir;
    QString m_project;
};

void TstUndergroundGui::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    QVERIFY(m_dir.isValid());
    auto demo = test::prepareSmallDemo(m_dir);
    QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
    m_project = demo.value();
}

void TstUndergroundGui::controlsAreInTheViewMenuAndToolBar()
{
    auto w = makeTestWindow();
    UndergroundController* u = w->underground();
    QVERIFY(u);
    QMenu* view = nullptr;
    for (QAction* a : w->menuBar()->actions())
        if (a->menu() && findAction(a->menu(), u->modeAction()))
            view = a->menu();
    QVERIFY2(view, "Underground Mode must be in a menu");
    QVERIFY(u->modeAction()->isCheckable());
    QCOMPARE(u->modeAction()->shortcut(), QKeySequence(Qt::Key_U));
    QVERIFY(u->toolBar()->actions().contains(u->modeAction()));
    QCOMPARE(u->toolBar()->parentWidget(), w.get());
    QCOMPARE(u->opacitySlider()->minimum(), 0);
    QCOMPARE(u->opacitySlider()->maximum(), 100);
    QCOMPARE(u->opacitySlider()->value(), 100);
    QVERIFY(findAction(view, u->toolBar()->toggleViewAction()));
}

void TstUndergroundGui::sliderSetsGroundOpacity()
{
    auto w = test::openTestWindow(m_project, {1000, 680});
    QVERIFY(w);
    QVERIFY2(w->session()->terrainEngine(), "the demo has a basemap terrain");
    UndergroundController* u = w->underground();
    QCOMPARE(engineOpacity(*w), 1.0f);
    u->opacitySlider()->setValue(30); // as a drag would
    QCOMPARE(u->groundOpacityPercent(), 30);
    QCOMPARE(engineOpacity(*w), 0.3f);
    QVERIFY(w->session()->scene().isTerrainVisible());
    // Keyboard on the slider: PageUp adds a page step.
    u->opacitySlider()->setFocus();
    QTest::keyClick(u->opacitySlider(), Qt::Key_PageUp);
    QCOMPARE(u->groundOpacityPercent(), 50);
    QCOMPARE(engineOpacity(*w), 0.5f);
    u->setGroundOpacityPercent(100);
    QCOMPARE(u->opacitySlider()->value(), 100);
    QCOMPARE(engineOpacity(*w), 1.0f);
}

void TstUndergroundGui::zeroHidesTerrainAndPicksGoThrough()
{
    auto w = test::openTestWindow(m_project, {1000, 680});
    QVERIFY(w);
    app::OsgViewWidget* view = w->view();
    // Look straight down at the terrain's centre, so the centre pick hits it.
    data::SavedView top = view->view();
    top.pitchDeg = -89;
    view->setView(top);
    const int before = view->frameCount();
    view->update();
    QVERIFY(QTest::qWaitFor([&] { return view->frameCount() > before; }, 10000));
    const QPoint centre = view->rect().center();
    QVERIFY(QTest::qWaitFor([&] { return view->pick(centre).has_value(); }, 20000));

    w->underground()->opacitySlider()->setValue(0);
    QCOMPARE(engineOpacity(*w), 0.0f);
    QVERIFY(!w->session()->scene().isTerrainVisible());
    // Nothing of the terrain is hit any more: a pick is either empty or a layer (no terrain hit).
    const std::optional<scene::PickResult> through = view->pick(centre);
    QVERIFY2(!through || through->layer.has_value(), "a hidden ground must not be picked");

    // Showing a basemap layer again (the session re-shows its terrain) keeps a 0 % ground hidden.
    const data::LayerId imagery = test::firstLayerOf(w->session()->project(), data::LayerKind::Imagery);
    QVERIFY(imagery.isValid());
    w->session()->setLayerVisible(imagery, false);
    w->session()->setLayerVisible(imagery, true);
    QTest::qWait(50);
    QVERIFY(!w->session()->scene().isTerrainVisible());

    w->underground()->opacitySlider()->setValue(60);
    QVERIFY(w->session()->scene().isTerrainVisible());
    QCOMPARE(engineOpacity(*w), 0.6f);
}

void TstUndergroundGui::modeTogglesManipulatorClearColourAndOpacity()
{
    auto w = test::openTestWindow(m_project, {1000, 680});
    QVERIFY(w);
    UndergroundController* u = w->underground();
    const osg::Vec4 normal = clearColour(*w);
    QVERIFY(!w->view()->manipulator()->allowBelowGround());

    // The U shortcut on the focused view of the active window triggers the action.
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    w->view()->setFocus();
    QTest::keyClick(w->view(), Qt::Key_U);
    QVERIFY(u->undergroundMode());
    QVERIFY(u->modeAction()->isChecked());
    QVERIFY(w->view()->manipulator()->allowBelowGround());
    QCOMPARE(clearColour(*w), UndergroundController::undergroundClearColour());
    QCOMPARE(u->groundOpacityPercent(), UndergroundController::kModeOpacityPercent);
    QCOMPARE(u->opacitySlider()->value(), UndergroundController::kModeOpacityPercent);
    QCOMPARE(engineOpacity(*w), 0.4f);

    u->modeAction()->trigger(); // leave
    QVERIFY(!u->undergroundMode());
    QVERIFY(!w->view()->manipulator()->allowBelowGround());
    QCOMPARE(clearColour(*w), normal);
    QCOMPARE(u->groundOpacityPercent(), 100);
    QCOMPARE(engineOpacity(*w), 1.0f);
}

void TstUndergroundGui::modeKeepsAUserOpacity()
{
    auto w = makeTestWindow();
    QVERIFY(w->openProject(m_project));
    QVERIFY(waitLoaded(*w));
    UndergroundController* u = w->underground();
    // A see-through ground the user chose is kept by the mode and after it.
    u->setGroundOpacityPercent(25);
    u->setUndergroundMode(true);
    QCOMPARE(u->groundOpacityPercent(), 25);
    u->setUndergroundMode(false);
    QCOMPARE(u->groundOpacityPercent(), 25);
    // Lowered by the mode, then changed by the user: the user's value stays on leaving.
    u->setGroundOpacityPercent(100);
    u->setUndergroundMode(true);
    QCOMPARE(u->groundOpacityPercent(), 40);
    u->setGroundOpacityPercent(70);
    u->setUndergroundMode(false);
    QCOMPARE(u->groundOpacityPercent(), 70);
    QCOMPARE(engineOpacity(*w), 0.7f);
}

void TstUndergroundGui::cameraStaysBelowGroundInMode()
{
    auto w = test::openTestWindow(m_project, {1000, 680});
    QVERIFY(w);
    app::OsgViewWidget* view = w->view();
    scene::OrbitManipulator* m = view->manipulator();
    data::SavedView top = view->view();
    top.pitchDeg = -60;
    top.rangeM = 400;
    view->setView(top);
    // The ground function intersects the drawn (paged) terrain: wait for tiles under the target.
    std::optional<double> surface;
    const auto ground = scene::OrbitManipulator::groundOf(w->session()->terrainEngine());
    QVERIFY(QTest::qWaitFor(
        [&] {
            view->update();
            surface = ground(top.target.x, top.target.y);
            return surface.has_value();
        },
        30000));
    w->underground()->setUndergroundMode(true);
    QVERIFY(QTest::qWaitFor([&] { return !view->isAnimating(); }, 10000)); // the opening fly-to is over
    data::SavedView onGround = top;
    onGround.target.z = *surface;
    onGround.pitchDeg = -30;
    onGround.rangeM = 50;
    m->setView(onGround);
    // PageDown lowers the target by 10 % of the range (5 m); keys reach the manipulator with a frame.
    for (int step = 1; step <= 2; ++step) {
        QTest::keyClick(view, Qt::Key_PageDown);
        const bool sank = QTest::qWaitFor([&] { return m->view().target.z < *surface - 5.0 * step + 0.5; }, 10000);
        QVERIFY2(sank, qPrintable(QStringLiteral("step %1: target %2, surface %3")
                                      .arg(step).arg(m->view().target.z).arg(*surface)));
    }
    QVERIFY2(std::abs(m->view().target.z - (*surface - 10.0)) < 1e-6,
             qPrintable(QStringLiteral("target %1, surface %2").arg(m->view().target.z).arg(*surface)));
    // Leaving the mode pushes it back up onto the ground (as drawn now: finer tiles may have
    // loaded meanwhile, hence the tolerance).
    w->underground()->setUndergroundMode(false);
    QVERIFY2(m->view().target.z >= *surface - 1.0,
             qPrintable(QStringLiteral("target %1, surface %2").arg(m->view().target.z).arg(*surface)));
}

void TstUndergroundGui::settingSurvivesEngineChangeAndNewProject()
{
    auto w = makeTestWindow();
    QVERIFY(w->openProject(m_project));
    QVERIFY(waitLoaded(*w));
    w->underground()->setGroundOpacityPercent(35);
    QCOMPARE(engineOpacity(*w), 0.35f);
    // The session replaces its engine: the new one gets the same opacity.
    emit w->session()->terrainEngineChanged();
    QCOMPARE(engineOpacity(*w), 0.35f);
    // Another project (re-opened): applied to its fresh engine too.
    QVERIFY(w->openProject(m_project));
    QVERIFY(waitLoaded(*w));
    QVERIFY(QTest::qWaitFor([&] { return w->session()->terrainEngine() != nullptr; }, 20000));
    QCOMPARE(engineOpacity(*w), 0.35f);
    QCOMPARE(w->underground()->opacitySlider()->value(), 35);
}

void TstUndergroundGui::translatedToChinese()
{
    QVERIFY(app::Translations::install(QStringLiteral("zh_CN")));
    auto w = makeTestWindow();
    UndergroundController* u = w->underground();
    QCOMPARE(u->modeAction()->text(), QStringLiteral("地下模式(&U)"));
    QCOMPARE(u->toolBar()->windowTitle(), QStringLiteral("地下"));
    QVERIFY(!u->opacitySlider()->toolTip().startsWith(QStringLiteral("Ground")));
    app::Translations::install(QStringLiteral("en"));
}

int main(int argc, char** argv)
{
    citytwin::app::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("citytwin-tests"));
    QApplication::setApplicationName(QStringLiteral("tst_undergroundgui"));
    TstUndergroundGui test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_undergroundgui.moc"
