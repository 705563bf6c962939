// OsgViewWidget under a real xcb display (Xvfb): renders, reacts to a drag and the wheel, keeps
// rendering after the GL context is re-created by reparenting (TOOLCHAIN.md pitfall 7).
#include "app/OsgViewWidget.h"
#include "app/SurfaceFormat.h"
#include "tests/common/TestPaths.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QImage>
#include <QMouseEvent>
#include <QCursor>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>
#include <osg/Geode>
#include <osg/ShapeDrawable>
#include <set>

using citytwin::app::OsgViewWidget;
using citytwin::data::SavedView;

namespace {

//! A 200 m red box standing on a 2 km green ground plate, centred on the origin.
osg::ref_ptr<osg::Node> makeScene()
{
    auto* geode = new osg::Geode;
    auto* ground = new osg::ShapeDrawable(new osg::Box(osg::Vec3(0, 0, -5), 2000, 2000, 10));
    ground->setColor(osg::Vec4(0.2f, 0.6f, 0.2f, 1));
    auto* box = new osg::ShapeDrawable(new osg::Box(osg::Vec3(0, 0, 100), 200, 200, 200));
    box->setColor(osg::Vec4(0.8f, 0.1f, 0.1f, 1));
    geode->addDrawable(ground);
    geode->addDrawable(box);
    return geode;
}

int distinctColours(const QImage& image)
{
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

//! Test-output PNG path; the 2× high-DPI run (tst_osgviewwidget_dpr2) writes its own files.
QString outputFile(const QString& name, double dpr)
{
    const QString suffix = dpr > 1.0 ? QStringLiteral("_dpr%1").arg(dpr) : QString();
    return citytwin::test::testOutputDir(QStringLiteral("app")) + QLatin1Char('/') + name + suffix +
           QStringLiteral(".png");
}

SavedView overview()
{
    SavedView v;
    v.target = {0, 0, 0};
    v.headingDeg = 30;
    v.pitchDeg = -45;
    v.rangeM = 3000;
    return v;
}

//! Shows VIEW at 320 × 240 on makeScene(); false when its window is not exposed.
bool showScene(OsgViewWidget& view)
{
    view.resize(320, 240);
    osg::ref_ptr<osg::Node> scene = makeScene();
    view.setSceneData(scene.get());
    view.show();
    return QTest::qWaitForWindowExposed(&view);
}

} // namespace

class TstOsgViewWidget : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void rendersScene();
    void setViewRoundTripsAndNorthUp();
    void dragOrbitsCamera();
    void wheelZooms();
    void pickFindsTheBox();
    void continuousRenderingOnlyWhenAsked();
    void reparentKeepsRendering();
};

void TstOsgViewWidget::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
}

void TstOsgViewWidget::rendersScene()
{
    OsgViewWidget view;
    QVERIFY(showScene(view));
    view.setView(overview());
    const QImage image = view.grabFramebuffer();
    QCOMPARE(image.size(), QSize(320, 240) * view.devicePixelRatio());
    QVERIFY2(distinctColours(image) > 3, "the frame is a single colour: nothing was drawn");
    // The box is in the middle of the picture: red dominates there, not the sky colour.
    const QColor centre = image.pixelColor(image.width() / 2, image.height() / 2);
    QVERIFY2(centre.red() > centre.blue() + 40, qPrintable(centre.name()));
    image.save(outputFile(QStringLiteral("osgviewwidget"), view.devicePixelRatio()));
}

void TstOsgViewWidget::setViewRoundTripsAndNorthUp()
{
    OsgViewWidget view;
    osg::ref_ptr<osg::Node> scene = makeScene();
    view.setSceneData(scene.get());
    const SavedView v = overview();
    view.setView(v);
    QCOMPARE(view.view().headingDeg, v.headingDeg);
    QCOMPARE(view.view().rangeM, v.rangeM);
    view.northUp(false);
    QCOMPARE(view.view().headingDeg, 0.0);
    QCOMPARE(view.view().rangeM, v.rangeM);

    SavedView home = v;
    home.target = {100, 50, 0};
    view.setHomeView(home);
    view.home(false);
    QCOMPARE(view.view().target.x, 100.0);
    QCOMPARE(view.view().target.y, 50.0);
}

void TstOsgViewWidget::dragOrbitsCamera()
{
    OsgViewWidget view;
    QVERIFY(showScene(view));
    view.setView(overview());
    QTRY_VERIFY(view.frameCount() > 0);
    QSignalSpy viewChanged(&view, &OsgViewWidget::viewChanged);
    const SavedView before = view.view();

    // OSG only sees events when it renders a frame: let a frame run after every step (pitfall 4).
    QPoint p(160, 120);
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, p);
    for (int i = 0; i < 10; ++i) {
        p += QPoint(8, 3);
        QMouseEvent move(QEvent::MouseMove, p, view.mapToGlobal(p), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QCoreApplication::sendEvent(&view, &move);
        const int frames = view.frameCount();
        QTRY_VERIFY(view.frameCount() > frames);
    }
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, p);
    QTRY_VERIFY(!viewChanged.isEmpty());
    const SavedView after = view.view();
    QVERIFY2(std::abs(after.headingDeg - before.headingDeg) > 1.0 ||
                 std::abs(after.pitchDeg - before.pitchDeg) > 1.0,
             qPrintable(QStringLiteral("heading %1 -> %2, pitch %3 -> %4")
                            .arg(before.headingDeg)
                            .arg(after.headingDeg)
                            .arg(before.pitchDeg)
                            .arg(after.pitchDeg)));
    QCOMPARE(after.rangeM, before.rangeM);
}

void TstOsgViewWidget::wheelZooms()
{
    OsgViewWidget view;
    QVERIFY(showScene(view));
    view.setView(overview());
    QTRY_VERIFY(view.frameCount() > 0);
    const double before = view.view().rangeM;
    const QPointF pos(160, 120);
    QWheelEvent wheel(pos, view.mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&view, &wheel);
    QTRY_VERIFY(view.view().rangeM < before);

    // Zoom goes towards the cursor: with the camera looking north, a wheel over the right half
    // pulls the target east (larger x).
    SavedView north = overview();
    north.headingDeg = 0;
    view.setView(north);
    const QPointF right(260, 120);
    QWheelEvent rightWheel(right, view.mapToGlobal(right), QPoint(), QPoint(0, 120), Qt::NoButton,
                           Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&view, &rightWheel);
    QTRY_VERIFY(view.view().rangeM < north.rangeM);
    QVERIFY2(view.view().target.x > north.target.x + 1.0, qPrintable(QString::number(view.view().target.x)));
}

void TstOsgViewWidget::pickFindsTheBox()
{
    OsgViewWidget view;
    QVERIFY(showScene(view));
    SavedView top = overview();
    top.pitchDeg = -89;
    view.setView(top);
    QTRY_VERIFY(view.frameCount() > 0);
    const auto hit = view.pick(QPoint(160, 120));
    QVERIFY(hit.has_value());

    QVERIFY2(std::abs(hit->point.z - 200.0) < 1.0,
             qPrintable(QString::number(hit->point.z))); // the box's roof
    QVERIFY(!view.pick(QPoint(-5, -5)).has_value());

    // Hovering reports the point for the status bar. The real X pointer goes inside first, else the
    // server may send a late LeaveNotify (a leave reports "nothing"); and the report is looked for
    // among all emissions, not just the last.
    QCursor::setPos(view.mapToGlobal(QPoint(160, 120)));
    QTest::qWait(50);
    QSignalSpy cursor(&view, &OsgViewWidget::cursorMoved);
    QTest::mouseMove(&view, QPoint(160, 120));
    std::optional<citytwin::data::LocalPoint> reported;
    QTRY_VERIFY([&] {
        for (const QList<QVariant>& args : cursor)
            if (auto p = args.at(0).value<std::optional<citytwin::data::LocalPoint>>())
                reported = p;
        return reported.has_value();
    }());
    QVERIFY2(std::abs(reported->z - 200.0) < 1.0, qPrintable(QString::number(reported->z)));
}

void TstOsgViewWidget::continuousRenderingOnlyWhenAsked()
{
    OsgViewWidget view;
    view.resize(160, 120);
    osg::ref_ptr<osg::Node> scene = makeScene();
    view.setSceneData(scene.get());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY(view.frameCount() > 0);
    QTest::qWait(200);
    const int idle = view.frameCount();
    QTest::qWait(300);
    QVERIFY2(view.frameCount() <= idle + 1, "an idle view must not keep rendering");

    view.setContinuousRendering(true);
    QTRY_VERIFY(view.frameCount() > idle + 5);
    view.setContinuousRendering(false);
    QTest::qWait(100);
    const int stopped = view.frameCount();
    QTest::qWait(300);
    QVERIFY(view.frameCount() <= stopped + 1);

    // A fly-to animates by itself and stops at its goal.
    SavedView goal = overview();
    goal.headingDeg = 120;
    view.setView(goal, true);
    QVERIFY(view.isAnimating());
    QTRY_VERIFY_WITH_TIMEOUT(!view.isAnimating(), 5000);
    QVERIFY(std::abs(view.view().headingDeg - 120.0) < 1e-6);
}

void TstOsgViewWidget::reparentKeepsRendering()
{
    osg::ref_ptr<osg::Node> scene = makeScene();
    QWidget first;
    auto* firstLayout = new QHBoxLayout(&first);
    auto* view = new OsgViewWidget;
    firstLayout->addWidget(view);
    first.resize(320, 240);
    view->setSceneData(scene.get());
    first.show();
    QVERIFY(QTest::qWaitForWindowExposed(&first));
    view->setView(overview());
    QVERIFY(distinctColours(view->grabFramebuffer()) > 3);

    // Moving the widget to another top-level window makes Qt create a new GL context.
    QWidget second;
    auto* secondLayout = new QHBoxLayout(&second);
    second.resize(320, 240);
    secondLayout->addWidget(view);
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    const QImage image = view->grabFramebuffer();
    image.save(outputFile(QStringLiteral("osgviewwidget_reparented"), view->devicePixelRatio()));
    QVERIFY2(distinctColours(image) > 3, "after reparenting only the clear colour is drawn");
    const QColor centre = image.pixelColor(image.width() / 2, image.height() / 2);
    QVERIFY2(centre.red() > centre.blue() + 40, qPrintable(centre.name()));
}

int main(int argc, char** argv)
{
    citytwin::app::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TstOsgViewWidget test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_osgviewwidget.moc"
