// Orbit camera maths and the manipulator's reactions, without GL.
#include "scene/OrbitManipulator.h"
#include "scene/OrbitMath.h"

#include <QtTest>
#include <cmath>
#include <osgGA/GUIActionAdapter>
#include <osgGA/GUIEventAdapter>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

class NullActionAdapter : public osgGA::GUIActionAdapter
{
public:
    void requestRedraw() override { ++redraws; }
    void requestContinuousUpdate(bool) override {}
    void requestWarpPointer(float, float) override {}
    int redraws = 0;
};

data::SavedView makeView(double x, double y, double z, double heading, double pitch, double range)
{
    data::SavedView v;
    v.target = {x, y, z};
    v.headingDeg = heading;
    v.pitchDeg = pitch;
    v.rangeM = range;
    return v;
}

bool near(double a, double b, double eps = 1e-6)
{
    return std::abs(a - b) <= eps;
}

bool sameView(const data::SavedView& a, const data::SavedView& b, double eps = 1e-6)
{
    double dh = std::abs(a.headingDeg - b.headingDeg);
    dh = std::min(dh, 360.0 - dh);
    return near(a.target.x, b.target.x, eps) && near(a.target.y, b.target.y, eps) &&
           near(a.target.z, b.target.z, eps) && dh <= eps && near(a.pitchDeg, b.pitchDeg, eps) &&
           near(a.rangeM, b.rangeM, eps);
}

QString describe(const data::SavedView& v)
{
    return QStringLiteral("target (%1, %2, %3) heading %4 pitch %5 range %6")
        .arg(v.target.x)
        .arg(v.target.y)
        .arg(v.target.z)
        .arg(v.headingDeg)
        .arg(v.pitchDeg)
        .arg(v.rangeM);
}

//! Normalized device position of P seen from VIEW (perspective 35 deg, square).
osg::Vec3d project(const data::SavedView& view, const osg::Vec3d& p)
{
    const osg::Matrixd proj = osg::Matrixd::perspective(35.0, 1.0, 1.0, 1e5);
    return p * orbit::viewMatrix(view) * proj;
}

osg::ref_ptr<osgGA::GUIEventAdapter> keyEvent(int key)
{
    osg::ref_ptr<osgGA::GUIEventAdapter> ea = new osgGA::GUIEventAdapter;
    ea->setEventType(osgGA::GUIEventAdapter::KEYDOWN);
    ea->setKey(key);
    return ea;
}

} // namespace

class TestOrbitManipulator : public QObject
{
    Q_OBJECT

private slots:
    void viewMatrixRoundTrip_data();
    void viewMatrixRoundTrip();
    void eyeAndAxes();
    void northUpKeepsTargetAndRange();
    void panMovesTargetOnGround_data();
    void panMovesTargetOnGround();
    void zoomKeepsCursorPointFixed();
    void rotateClampsPitch();
    void flyToAnimates();
    void keysAndWheel();
    void mouseDragsOrbitAndPan();
    void setByMatrixKeepsRange();
};

void TestOrbitManipulator::viewMatrixRoundTrip_data()
{
    QTest::addColumn<double>("heading");
    QTest::addColumn<double>("pitch");
    QTest::newRow("north oblique") << 0.0 << -45.0;
    QTest::newRow("east shallow") << 90.0 << -5.0;
    QTest::newRow("south-west steep") << 225.0 << -80.0;
    QTest::newRow("almost down") << 300.0 << -89.0;
    QTest::newRow("straight down north") << 0.0 << -90.0;
    QTest::newRow("straight down east") << 90.0 << -90.0;
    QTest::newRow("horizon") << 135.0 << 0.0;
}

void TestOrbitManipulator::viewMatrixRoundTrip()
{
    QFETCH(double, heading);
    QFETCH(double, pitch);
    const data::SavedView v = makeView(1234.5, -678.25, 12.0, heading, pitch, 850.0);
    const data::SavedView back = orbit::viewFromCameraMatrix(orbit::cameraMatrix(v), v.rangeM);
    QVERIFY2(sameView(v, back, 1e-6), qPrintable(describe(back)));
    // The view matrix really is the inverse of the camera matrix.
    const osg::Matrixd id = orbit::viewMatrix(v) * orbit::cameraMatrix(v);
    QVERIFY(id.isIdentity() || (osg::Vec3d(1, 2, 3) * id - osg::Vec3d(1, 2, 3)).length() < 1e-6);
}

void TestOrbitManipulator::eyeAndAxes()
{
    const data::SavedView v = makeView(0, 0, 0, 0, -45, 100);
    const osg::Vec3d eye = orbit::eyePosition(v);
    QVERIFY(near(eye.x(), 0) && near(eye.y(), -100 / std::sqrt(2.0)) && near(eye.z(), 100 / std::sqrt(2.0)));
    // Heading 90 looks east: a point east of the target is in front (negative eye z), centred.
    const data::SavedView east = makeView(0, 0, 0, 90, -30, 100);
    const osg::Vec3d ahead = osg::Vec3d(0, 0, 0) * orbit::viewMatrix(east);
    QVERIFY(near(ahead.x(), 0) && near(ahead.y(), 0) && near(ahead.z(), -100));
    // Straight down with heading 0: north is up on screen, east is right.
    const data::SavedView down = makeView(0, 0, 0, 0, -90, 100);
    const osg::Vec3d north = project(down, {0, 10, 0});
    const osg::Vec3d eastPt = project(down, {10, 0, 0});
    QVERIFY(north.y() > 0.01 && near(north.x(), 0));
    QVERIFY(eastPt.x() > 0.01 && near(eastPt.y(), 0));
}

void TestOrbitManipulator::northUpKeepsTargetAndRange()
{
    OrbitManipulator m;
    m.setView(makeView(10, 20, 3, 123, -30, 400));
    m.northUp();
    QVERIFY(sameView(m.view(), makeView(10, 20, 3, 0, -30, 400)));
    NullActionAdapter aa;
    m.setView(makeView(10, 20, 3, 200, -30, 400));
    QVERIFY(m.handle(*keyEvent('n'), aa));
    QCOMPARE(m.view().headingDeg, 0.0);
    QCOMPARE(aa.redraws, 1);
}

void TestOrbitManipulator::panMovesTargetOnGround_data()
{
    QTest::addColumn<double>("heading");
    QTest::addColumn<double>("dx");
    QTest::addColumn<double>("dy");
    QTest::addColumn<double>("expectX");
    QTest::addColumn<double>("expectY");
    // Dragging the ground right moves the target left (west when looking north), etc.
    QTest::newRow("north, drag right") << 0.0 << 0.1 << 0.0 << -1.0 << 0.0;
    QTest::newRow("north, drag up") << 0.0 << 0.0 << 0.1 << 0.0 << -1.0;
    QTest::newRow("east, drag right") << 90.0 << 0.1 << 0.0 << 0.0 << 1.0;
}

void TestOrbitManipulator::panMovesTargetOnGround()
{
    QFETCH(double, heading);
    QFETCH(double, dx);
    QFETCH(double, dy);
    QFETCH(double, expectX);
    QFETCH(double, expectY);
    for (double range : {100.0, 1000.0}) {
        OrbitManipulator m;
        m.setView(makeView(0, 0, 7, heading, -90, range));
        m.pan(dx, dy, 30.0, 1.0);
        const data::SavedView v = m.view();
        QCOMPARE(v.target.z, 7.0); // horizontal plane
        const double moved = std::hypot(v.target.x, v.target.y);
        QVERIFY(moved > 0.0);
        // Proportional to the range: 0.1 normalized units at fovy 30 = 0.1 * range * tan(15 deg).
        QVERIFY(near(moved, 0.1 * range * std::tan(osg::DegreesToRadians(15.0)), 1e-9));
        QVERIFY(near(v.target.x / moved, expectX, 1e-9) && near(v.target.y / moved, expectY, 1e-9));
    }
}

void TestOrbitManipulator::zoomKeepsCursorPointFixed()
{
    OrbitManipulator m;
    const data::SavedView before = makeView(0, 0, 0, 30, -50, 1000);
    m.setView(before);
    const osg::Vec3d p(120, -80, 4);
    const osg::Vec3d screenBefore = project(before, p);
    m.zoomTowards(orbit::toLocal(p), 0.5);
    const data::SavedView after = m.view();
    QVERIFY(near(after.rangeM, 500));
    const osg::Vec3d screenAfter = project(after, p);
    QVERIFY(near(screenBefore.x(), screenAfter.x(), 1e-9) && near(screenBefore.y(), screenAfter.y(), 1e-9));
    QVERIFY((orbit::eyePosition(after) - p).length() < (orbit::eyePosition(before) - p).length());

    // The wheel zooms towards what the intersect function reports under the cursor.
    NullActionAdapter aa;
    m.setView(before);
    m.setIntersectFunction([&](const osgGA::GUIEventAdapter&, osgGA::GUIActionAdapter&) {
        return std::optional<data::LocalPoint>(orbit::toLocal(p));
    });
    osg::ref_ptr<osgGA::GUIEventAdapter> wheel = new osgGA::GUIEventAdapter;
    wheel->setEventType(osgGA::GUIEventAdapter::SCROLL);
    wheel->setScrollingMotion(osgGA::GUIEventAdapter::SCROLL_UP);
    QVERIFY(m.handle(*wheel, aa));
    QVERIFY(m.view().rangeM < before.rangeM);
    const osg::Vec3d screenWheel = project(m.view(), p);
    QVERIFY(near(screenBefore.x(), screenWheel.x(), 1e-9) && near(screenBefore.y(), screenWheel.y(), 1e-9));

    // Never closer than the minimum range.
    m.zoomTowards(orbit::toLocal(p), 1e-9);
    QCOMPARE(m.view().rangeM, OrbitManipulator::kMinRangeM);
}

void TestOrbitManipulator::rotateClampsPitch()
{
    OrbitManipulator m;
    m.setView(makeView(0, 0, 0, 10, -45, 100));
    m.rotate(0.0, 10.0);
    QCOMPARE(m.view().pitchDeg, OrbitManipulator::kMaxPitchDeg);
    m.rotate(0.0, -10.0);
    QCOMPARE(m.view().pitchDeg, OrbitManipulator::kMinPitchDeg);
    m.rotate(0.5, 0.0);
    QVERIFY(!near(m.view().headingDeg, 10.0));
    QVERIFY(m.view().headingDeg >= 0.0 && m.view().headingDeg < 360.0);
}

void TestOrbitManipulator::flyToAnimates()
{
    OrbitManipulator m;
    m.setView(makeView(0, 0, 0, 350, -45, 100));
    m.flyTo({1000, 0, 0}, 400, 2.0);
    QVERIFY(m.isFlying());
    m.advanceFlight(10.0); // the first frame starts the clock
    QVERIFY(sameView(m.view(), makeView(0, 0, 0, 350, -45, 100)));
    m.advanceFlight(11.0);
    const data::SavedView mid = m.view();
    QVERIFY(near(mid.target.x, 500, 1e-6)); // smoothstep(0.5) = 0.5
    QVERIFY(near(mid.rangeM, 200, 1e-6));   // log-space: geometric mean
    QCOMPARE(mid.headingDeg, 350.0);
    m.advanceFlight(12.5);
    QVERIFY(!m.isFlying());
    QVERIFY(sameView(m.view(), makeView(1000, 0, 0, 350, -45, 400)));

    // Interpolated headings take the short way round.
    const data::SavedView a = makeView(0, 0, 0, 350, -45, 100), b = makeView(0, 0, 0, 10, -45, 100);
    QVERIFY(near(orbit::interpolated(a, b, 0.5).headingDeg, 0.0, 1e-9) ||
            near(orbit::interpolated(a, b, 0.5).headingDeg, 360.0, 1e-9));

    m.flyTo({5, 5, 0}, 50, 0.0); // zero duration jumps
    QVERIFY(!m.isFlying());
    QVERIFY(sameView(m.view(), makeView(5, 5, 0, 350, -45, 50)));
}

void TestOrbitManipulator::keysAndWheel()
{
    OrbitManipulator m;
    NullActionAdapter aa;
    const data::SavedView home = makeView(100, 200, 0, 45, -60, 3000);
    m.setHomeView(home);
    m.setView(makeView(0, 0, 0, 0, -45, 100));
    QVERIFY(m.handle(*keyEvent(osgGA::GUIEventAdapter::KEY_Space), aa));
    QVERIFY(sameView(m.view(), home));
    m.setView(makeView(0, 0, 0, 0, -45, 100));
    QVERIFY(m.handle(*keyEvent('h'), aa));
    QVERIFY(sameView(m.view(), home));

    m.setView(makeView(0, 0, 0, 0, -45, 100));
    QVERIFY(m.handle(*keyEvent(osgGA::GUIEventAdapter::KEY_Up), aa));
    QVERIFY(near(m.view().target.y, 10.0) && near(m.view().target.x, 0.0));
    QVERIFY(m.handle(*keyEvent(osgGA::GUIEventAdapter::KEY_Right), aa));
    QVERIFY(near(m.view().target.x, 10.0));
    QVERIFY(!m.handle(*keyEvent('q'), aa));
}

void TestOrbitManipulator::mouseDragsOrbitAndPan()
{
    auto mouse = [](osgGA::GUIEventAdapter::EventType type, float x, float y, unsigned buttons) {
        osg::ref_ptr<osgGA::GUIEventAdapter> ea = new osgGA::GUIEventAdapter;
        ea->setEventType(type);
        ea->setInputRange(0, 0, 800, 600);
        ea->setX(x);
        ea->setY(y);
        ea->setButtonMask(buttons);
        return ea;
    };
    using E = osgGA::GUIEventAdapter;
    OrbitManipulator m;
    NullActionAdapter aa;
    const data::SavedView start = makeView(0, 0, 0, 0, -45, 500);
    m.setView(start);
    QVERIFY(m.handle(*mouse(E::PUSH, 400, 300, E::LEFT_MOUSE_BUTTON), aa));
    // Window y grows downwards (GUIEventAdapter's default, as in Qt): 300 -> 270 drags up.
    QVERIFY(m.handle(*mouse(E::DRAG, 480, 270, E::LEFT_MOUSE_BUTTON), aa));
    QVERIFY(!near(m.view().headingDeg, 0.0)); // horizontal drag turns
    QVERIFY(m.view().pitchDeg > -45.0);       // upward drag tilts towards the horizon
    QVERIFY(
        sameView(makeView(0, 0, 0, m.view().headingDeg, m.view().pitchDeg, 500), m.view())); // target stays

    m.setView(start);
    QVERIFY(m.handle(*mouse(E::PUSH, 400, 300, E::RIGHT_MOUSE_BUTTON), aa));
    QVERIFY(m.handle(*mouse(E::DRAG, 480, 300, E::RIGHT_MOUSE_BUTTON), aa));
    QVERIFY(m.view().target.x < 0.0 && near(m.view().target.y, 0.0)); // ground follows the cursor
    QCOMPARE(m.view().rangeM, 500.0);

    m.setView(start);
    QVERIFY(m.handle(*mouse(E::PUSH, 400, 300, E::MIDDLE_MOUSE_BUTTON), aa));
    QVERIFY(m.handle(*mouse(E::DRAG, 400, 340, E::MIDDLE_MOUSE_BUTTON), aa));
    QVERIFY(m.view().target.y > 0.0 &&
            near(m.view().target.x, 0.0)); // ground dragged south: look further north
}

void TestOrbitManipulator::setByMatrixKeepsRange()
{
    OrbitManipulator m;
    const data::SavedView v = makeView(50, -20, 3, 200, -35, 640);
    m.setView(makeView(0, 0, 0, 0, -45, 640));
    m.setByMatrix(orbit::cameraMatrix(v));
    QVERIFY2(sameView(m.view(), v, 1e-6), qPrintable(describe(m.view())));
    m.setByInverseMatrix(orbit::viewMatrix(makeView(1, 2, 3, 10, -20, 640)));
    QVERIFY(sameView(m.view(), makeView(1, 2, 3, 10, -20, 640), 1e-6));
    QVERIFY((m.getMatrix() * m.getInverseMatrix()).isIdentity() ||
            (osg::Vec3d(5, 6, 7) * m.getMatrix() * m.getInverseMatrix() - osg::Vec3d(5, 6, 7)).length() <
                1e-6);
}

QTEST_GUILESS_MAIN(TestOrbitManipulator)
#include "tst_orbitmanipulator.moc"
