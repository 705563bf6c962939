// CutAwayController in a real OsgViewWidget under Xvfb: Clip Box puts a box around the view
// target with its gizmo in the analysis group and the cut uniforms on the scene root; dragging
// the +x face handle grows the box along x only (the camera does not orbit meanwhile), a press
// beside the handles orbits as usual; Excavation Pit… takes a MapSketchTool polygon and digs it
// 5 m below the ground; Clear Cut-Away removes both.
#include "app/CutAwayController.h"
#include "app/MapSketchTool.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"
#include "data/Rasters.h"
#include "app/SurfaceFormat.h"
#include "scene/CityScene.h"
#include "scene/ClipBoxGizmo.h"
#include "tests/app/SmallDemo.h"
#include "tests/common/TestPaths.h"

#include <QAction>
#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <osg/Viewport>
#include <osgViewer/Viewer>

using namespace citytwin;
using app::CutAwayController;
using app::OsgViewWidget;

namespace {

constexpr double kGround = 0.5; // the flat test surface

osg::Node* analysisChild(scene::CityScene& scene, const std::string& name)
{
    osg::Group* analysis = scene.analysisGroup();
    for (unsigned i = 0; i < analysis->getNumChildren(); ++i)
        if (analysis->getChild(i)->getName() == name)
            return analysis->getChild(i);
    return nullptr;
}

//! Widget position (logical px) where local point P is drawn.
QPointF widgetPos(OsgViewWidget& view, const osg::Vec3d& p)
{
    const osg::Camera& cam = *view.viewer()->getCamera();
    const osg::Viewport& vp = *cam.getViewport();
    const osg::Vec3d w = p * cam.getViewMatrix() * cam.getProjectionMatrix() * vp.computeWindowMatrix();
    const double dpr = view.devicePixelRatioF();
    return {(w.x() - vp.x()) / dpr, (vp.y() + vp.height() - w.y()) / dpr};
}

} // namespace

class TstCutAwayGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb"))
            QSKIP("needs an X display (run under xvfb-run -a)");
        m_view = std::make_unique<OsgViewWidget>();
        m_view->resize(480, 360);
        m_view->setSceneData(m_scene.root());
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_controller = std::make_unique<CutAwayController>(m_view.get(), nullptr);
        m_controller->setScene(&m_scene, [](double, double) { return kGround; });
        m_controller->setAskForDepth(false);
    }

    void cleanup() { m_controller->clear(); }

    void dragFaceHandleGrowsTheBox()
    {
        data::SavedView v;
        v.target = {0, 0, 0};
        v.pitchDeg = -35;
        v.rangeM = 120;
        m_view->setView(v);
        const int frames = m_view->frameCount();
        QTRY_VERIFY(m_view->frameCount() > frames); // the camera matrices are the view's

        m_controller->clipBoxAction()->trigger();
        QVERIFY(m_controller->clipBoxAction()->isChecked());
        const std::optional<scene::ClipBox> box = m_controller->clipBox();
        QVERIFY(box);
        QVERIFY(box->contains({0, 0, 0}) && box->contains({0, 0, -5}));
        QVERIFY(analysisChild(m_scene, "clipBox"));
        bool on = false;
        QVERIFY(m_scene.root()->getStateSet()->getUniform("ct_cutBoxOn")->get(on) && on);

        // Drag the +x handle 60 px further along the screen direction of +x.
        const osg::Vec3d centre = scene::boxFaceCentre(*box, scene::BoxFace::MaxX);
        const QPointF from = widgetPos(*m_view, centre);
        const QPointF towards = widgetPos(*m_view, centre + osg::Vec3d(10, 0, 0)) - from;
        const double pxPerMetre = std::hypot(towards.x(), towards.y()) / 10.0;
        QVERIFY2(pxPerMetre > 0.5, "the x axis is seen end-on");
        const QPointF dir = towards / (pxPerMetre * 10.0);
        const QPoint start = from.toPoint();
        const QPoint end = (from + dir * 60.0).toPoint();
        const data::SavedView before = m_view->view();
        QSignalSpy changed(m_controller.get(), &CutAwayController::clipBoxChanged);
        QTest::mouseMove(m_view.get(), start);
        QCOMPARE(m_view->cursor().shape(), Qt::SizeAllCursor); // over the handle
        m_view->grabFramebuffer().save(test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/cutaway_gui_box.png"));
        QTest::mousePress(m_view.get(), Qt::LeftButton, {}, start);
        QCOMPARE(m_controller->draggedFace(), std::optional(scene::BoxFace::MaxX));
        for (int i = 1; i <= 6; ++i)
            QTest::mouseMove(m_view.get(), start + (end - start) * i / 6);
        QTest::mouseRelease(m_view.get(), Qt::LeftButton, {}, end);
        QVERIFY(!m_controller->draggedFace());
        QVERIFY(changed.count() >= 1);
        const scene::ClipBox grown = *m_controller->clipBox();
        const double expected = QLineF(start, end).length() / pxPerMetre;
        QVERIFY2(std::abs(grown.max.x() - box->max.x() - expected) < 0.25 * expected + 0.5,
                 qPrintable(QStringLiteral("max x %1 -> %2, expected +%3").arg(box->max.x()).arg(grown.max.x()).arg(expected)));
        QCOMPARE(grown.min, box->min);
        QCOMPARE(grown.max.y(), box->max.y());
        QCOMPARE(grown.max.z(), box->max.z());
        // The drag moved the face, not the camera.
        const data::SavedView after = m_view->view();
        QCOMPARE(after.headingDeg, before.headingDeg);
        QCOMPARE(after.pitchDeg, before.pitchDeg);
        // The gizmo follows: its +x handle is at the new face.
        osg::Vec3f uniformMax;
        QVERIFY(m_scene.root()->getStateSet()->getUniform("ct_cutBoxMax")->get(uniformMax));
        QCOMPARE(double(uniformMax.x()), double(float(grown.max.x())));

        // A press away from the handles is the camera's.
        QTest::mousePress(m_view.get(), Qt::LeftButton, {}, QPoint(5, 5));
        QVERIFY(!m_controller->draggedFace());
        QTest::mouseRelease(m_view.get(), Qt::LeftButton, {}, QPoint(5, 5));
        QTest::mouseMove(m_view.get(), QPoint(6, 6));
        QCOMPARE(m_view->cursor().shape(), Qt::ArrowCursor);

        m_controller->clipBoxAction()->trigger(); // unchecked: the box goes
        QVERIFY(!m_controller->clipBox());
        QVERIFY(!analysisChild(m_scene, "clipBox"));
    }

    void pitFromASketch()
    {
        QSignalSpy changed(m_controller.get(), &CutAwayController::pitChanged);
        m_controller->pitAction()->trigger();
        app::MapSketchTool* sketch = m_controller->sketchTool();
        QVERIFY(sketch->isActive());
        QCOMPARE(sketch->shape(), app::MapSketchTool::Shape::Polygon);
        for (auto [x, y] : {std::pair{-10.0, -8.0}, {12.0, -8.0}, {12.0, 9.0}, {-10.0, 9.0}})
            sketch->addPoint({x, y, kGround});
        sketch->finish();
        QCOMPARE(changed.count(), 1);
        const std::optional<scene::ExcavationPit> pit = m_controller->pit();
        QVERIFY(pit);
        QCOMPARE(pit->ring.size(), size_t(4));
        QCOMPARE(pit->bottomZ, kGround - CutAwayController::kDefaultPitDepthM);
        QVERIFY(analysisChild(m_scene, "excavationPit"));
        int count = 0;
        QVERIFY(m_scene.root()->getStateSet()->getUniform("ct_cutPitCount")->get(count) && count == 4);

        m_controller->clearAction()->trigger();
        QVERIFY(!m_controller->pit() && !m_controller->clipBox());
        QVERIFY(!analysisChild(m_scene, "excavationPit"));
        QVERIFY(m_scene.root()->getStateSet()->getUniform("ct_cutPitCount")->get(count) && count == 0);
    }

    void detachesFromTheScene()
    {
        m_controller->setClipBox({{-1, -1, -1}, {1, 1, 1}});
        QVERIFY(analysisChild(m_scene, "clipBox"));
        m_controller->setScene(nullptr, {});
        QVERIFY(!analysisChild(m_scene, "clipBox"));
        QVERIFY(!m_scene.root()->getStateSet()->getUniform("ct_cutBoxOn"));
        QVERIFY(!m_controller->clipBoxAction()->isEnabled());
        m_controller->setScene(&m_scene, [](double, double) { return kGround; });
        QVERIFY(m_controller->clipBoxAction()->isEnabled());
    }

    void sessionPitFollowsTheDem()
    {
        // The session's scene and DEM: the pit floor lies the depth below the ring's lowest ground,
        // and its walls start on the ground; the session's end detaches everything.
        QTemporaryDir dir;
        auto demo = test::makeSmallDemo(dir.filePath(QStringLiteral("demo")));
        QVERIFY2(demo, qPrintable(demo.status().message()));
        auto opened = app::ProjectSession::open(*demo, app::ProjectSession::OpenMode::ReadOnly);
        QVERIFY(opened);
        std::unique_ptr<app::ProjectSession> session = std::move(*opened);
        QVERIFY(session->loadAllBlocking());
        const data::ElevationGrid* dem = session->terrain();
        QVERIFY(dem);
        CutAwayController controller(m_view.get(), nullptr);
        controller.setAskForDepth(false);
        controller.setSession(session.get());
        const data::ProjectedPoint o = session->project().origin;
        const std::vector<osg::Vec2d> ring = {{-30, -20}, {25, -20}, {25, 30}, {-30, 30}};
        double lowest = 1e9;
        for (const osg::Vec2d& v : ring)
            lowest = std::min(lowest, *dem->heightAt(v.x() + o.x, v.y() + o.y) - o.z);
        controller.setPit(ring, 4.0);
        QVERIFY(controller.pit());
        QVERIFY(std::abs(controller.pit()->bottomZ - (lowest - 4.0)) < 1e-6);
        QVERIFY(analysisChild(session->scene(), "excavationPit"));
        QVERIFY(session->scene().root()->getStateSet()->getUniform("ct_cutPitCount"));
        controller.setClipBoxEnabled(true);
        QVERIFY(analysisChild(session->scene(), "clipBox"));
        session.reset(); // the scene goes with it: the controller forgets it without touching it
        QVERIFY(!controller.clipBoxAction()->isEnabled());
        QVERIFY(!controller.pit());
    }

    void cleanupTestCase()
    {
        m_controller.reset();
        m_view.reset();
    }

private:
    scene::CityScene m_scene;
    std::unique_ptr<OsgViewWidget> m_view;
    std::unique_ptr<CutAwayController> m_controller;
};

int main(int argc, char** argv)
{
    citytwin::app::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TstCutAwayGui test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_cutawaygui.moc"
