#include "app/OsgViewWidget.h"

#include "app/GuiLog.h"
#include "scene/OrbitManipulator.h"
#include "scene/OrbitMath.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QWheelEvent>
#include <cmath>
#include <osg/GraphicsContext>
#include <osg/Node>
#include <osgDB/DatabasePager>
#include <osgViewer/GraphicsWindow>
#include <osgViewer/Renderer>
#include <osgViewer/Viewer>

namespace citytwin::app {

namespace {

constexpr int kFrameIntervalMs = 16;
constexpr int kPickIntervalMs = 60;
constexpr int kFlightMs = 900;
constexpr double kFovyDeg = 30.0;
constexpr double kPickNearM = 0.1;
constexpr double kPickFarM = 1.0e7;

int osgButton(Qt::MouseButton b)
{
    switch (b) {
    case Qt::LeftButton:
        return 1;
    case Qt::MiddleButton:
        return 2;
    case Qt::RightButton:
        return 3;
    default:
        return 0;
    }
}

int osgKey(const QKeyEvent* e)
{
    switch (e->key()) {
    case Qt::Key_Left:
        return osgGA::GUIEventAdapter::KEY_Left;
    case Qt::Key_Right:
        return osgGA::GUIEventAdapter::KEY_Right;
    case Qt::Key_Up:
        return osgGA::GUIEventAdapter::KEY_Up;
    case Qt::Key_Down:
        return osgGA::GUIEventAdapter::KEY_Down;
    case Qt::Key_PageUp:
        return osgGA::GUIEventAdapter::KEY_Page_Up;
    case Qt::Key_PageDown:
        return osgGA::GUIEventAdapter::KEY_Page_Down;
    case Qt::Key_Home:
        return osgGA::GUIEventAdapter::KEY_Home;
    case Qt::Key_End:
        return osgGA::GUIEventAdapter::KEY_End;
    case Qt::Key_Escape:
        return osgGA::GUIEventAdapter::KEY_Escape;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        return osgGA::GUIEventAdapter::KEY_Return;
    case Qt::Key_Shift:
        return osgGA::GUIEventAdapter::KEY_Shift_L;
    case Qt::Key_Control:
        return osgGA::GUIEventAdapter::KEY_Control_L;
    case Qt::Key_Alt:
        return osgGA::GUIEventAdapter::KEY_Alt_L;
    default:
        break;
    }
    const QString text = e->text();
    return text.size() == 1 && text.at(0).unicode() < 128 ? text.at(0).unicode() : 0;
}

} // namespace

OsgViewWidget::OsgViewWidget(QWidget* parent) : QOpenGLWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(64, 64);

    m_viewer = new osgViewer::Viewer;
    // Qt owns the context and the thread; Esc or a window-close event must not stop the viewer.
    m_viewer->setThreadingModel(osgViewer::Viewer::SingleThreaded);
    m_viewer->setKeyEventSetsDone(0);
    m_viewer->setQuitEventSetsDone(false);
    m_window = new osgViewer::GraphicsWindowEmbedded(0, 0, m_pixelWidth, m_pixelHeight);
    osg::Camera* camera = m_viewer->getCamera();
    // Must precede realize(), or OSG opens X11 windows of its own.
    camera->setGraphicsContext(m_window.get());
    camera->setViewport(0, 0, m_pixelWidth, m_pixelHeight);
    camera->setClearColor(osg::Vec4(0.62f, 0.74f, 0.86f, 1.0f));
    camera->setProjectionMatrixAsPerspective(kFovyDeg, 1.0, 1.0, 1.0e5);

    m_manipulator = new scene::OrbitManipulator;
    m_viewer->setCameraManipulator(m_manipulator.get(), false);

    m_frameTimer.setSingleShot(true);
    m_frameTimer.setInterval(kFrameIntervalMs);
    connect(&m_frameTimer, &QTimer::timeout, this, qOverload<>(&QWidget::update));
    m_pickTimer.setSingleShot(true);
    m_pickTimer.setInterval(kPickIntervalMs);
    connect(&m_pickTimer, &QTimer::timeout, this, &OsgViewWidget::pickUnderCursor);
}

OsgViewWidget::~OsgViewWidget()
{
    // Disconnect first: aboutToBeDestroyed would otherwise call releaseGL on a half-destroyed view.
    if (context())
        disconnect(context(), nullptr, this, nullptr);
    // A view that never got a GL context (never shown) must not let the viewer close its graphics
    // window: closing makes it "current" and OSG then caches GL extension entry points read
    // without a context (all null) for that context id, which the next view reuses and crashes in.
    if (!m_initialized)
        m_viewer->getCamera()->setGraphicsContext(nullptr);
    makeCurrent();
    m_viewer->setSceneData(nullptr);
    m_viewer = nullptr;
    m_window = nullptr;
    doneCurrent();
}

void OsgViewWidget::setSceneData(osg::Node* root)
{
    // The old scene may share objects (cached shader programs) with scenes that come later,
    // maybe in another view whose context gets this one's context id: let go of their GL side
    // here while our context still exists, or they would keep ids that mean nothing there.
    osg::Node* old = m_viewer->getSceneData();
    if (old && old != root && m_initialized && context() && m_window->getState()) {
        makeCurrent();
        old->releaseGLObjects(m_window->getState());
        doneCurrent();
    }
    m_flight.reset();
    // A new scene starts with a fresh camera: no home view or flight left from the previous one.
    m_manipulator = new scene::OrbitManipulator;
    m_viewer->setCameraManipulator(m_manipulator.get(), false);
    m_viewer->setSceneData(root); // also hands ROOT to the manipulator and goes home
    update();
}

data::SavedView OsgViewWidget::view() const
{
    return m_manipulator->view();
}

void OsgViewWidget::setView(const data::SavedView& view, bool animate)
{
    if (animate) {
        m_flight = Flight{this->view(), view, {}, kFlightMs};
        m_flight->clock.start();
    } else {
        m_flight.reset();
        m_manipulator->setView(view);
    }
    update();
}

void OsgViewWidget::setHomeView(const data::SavedView& view)
{
    m_manipulator->setHomeView(view);
}

std::optional<data::SavedView> OsgViewWidget::homeView() const
{
    return m_manipulator->homeView();
}

void OsgViewWidget::home(bool animate)
{
    const data::SavedView from = view();
    m_manipulator->home();
    if (animate) {
        const data::SavedView to = view();
        m_manipulator->setView(from);
        setView(to, true);
    }
    update();
}

void OsgViewWidget::northUp(bool animate)
{
    data::SavedView v = m_flight ? m_flight->to : view();
    v.headingDeg = 0.0;
    setView(v, animate);
}

void OsgViewWidget::setContinuousRendering(bool on)
{
    m_continuous = on;
    if (on)
        update();
}

bool OsgViewWidget::isAnimating() const
{
    return m_flight.has_value() || m_manipulator->isFlying();
}

double OsgViewWidget::dpr() const
{
    return devicePixelRatioF();
}

void OsgViewWidget::initializeGL()
{
    // Reparenting to another top-level window re-creates the context: OSG must drop the GL objects
    // of the old one first, and then render through a fresh GraphicsContext (new contextID/State).
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &OsgViewWidget::releaseGL,
            Qt::DirectConnection);
    osg::Camera* camera = m_viewer->getCamera();
    if (m_initialized) {
        m_window = new osgViewer::GraphicsWindowEmbedded(0, 0, m_pixelWidth, m_pixelHeight);
        camera->setGraphicsContext(m_window.get());
        camera->setRenderer(new osgViewer::Renderer(camera));
        qCDebug(lcGui) << "GL context re-created; new OSG graphics context";
    }
    m_viewer->realize();
    // Never hand this context id to a later view: objects shared between scenes (cached shader
    // programs, of which a scene may stop using one before its view goes) keep per-context GL
    // ids that a new context with the same id would take for its own. One id per GL context
    // made is a few bytes per shared object.
    if (osg::State* state = m_window->getState())
        osg::GraphicsContext::incrementContextIDUsageCount(state->getContextID());
    m_initialized = true;
}

void OsgViewWidget::releaseGL()
{
    if (!m_viewer || !m_window)
        return;
    makeCurrent();
    osg::State* state = m_window->getState();
    if (state) {
        if (osg::Node* root = m_viewer->getSceneData())
            root->releaseGLObjects(state);
        m_viewer->getCamera()->releaseGLObjects(state);
        osg::deleteAllGLObjects(state->getContextID());
    }
    doneCurrent();
}

void OsgViewWidget::resizeGL(int w, int h)
{
    // resizeGL gets logical pixels but the framebuffer is physical (high-DPI screens).
    m_pixelWidth = std::max(1, int(std::lround(w * dpr())));
    m_pixelHeight = std::max(1, int(std::lround(h * dpr())));
    m_window->resized(0, 0, m_pixelWidth, m_pixelHeight);
    m_window->getEventQueue()->windowResize(0, 0, m_pixelWidth, m_pixelHeight);
    osg::Camera* camera = m_viewer->getCamera();
    camera->setViewport(0, 0, m_pixelWidth, m_pixelHeight);
    camera->setProjectionMatrixAsPerspective(kFovyDeg, double(m_pixelWidth) / m_pixelHeight, 1.0, 1.0e5);
}

void OsgViewWidget::applyAnimationStep()
{
    if (!m_flight)
        return;
    const double t = std::min(1.0, double(m_flight->clock.elapsed()) / m_flight->durationMs);
    const data::SavedView step = scene::orbit::interpolated(m_flight->from, m_flight->to, t);
    m_manipulator->setView(step);
    if (t >= 1.0)
        m_flight.reset();
}

void OsgViewWidget::paintGL()
{
    // The widget renders into its own FBO, whose id changes on resize; OSG re-binds it after RTT passes.
    m_window->setDefaultFboId(defaultFramebufferObject());
    applyAnimationStep();
    m_viewer->frame();
    ++m_frames;
    emit frameRendered();

    const data::SavedView now = view();
    if (!(now == m_lastEmittedView)) {
        m_lastEmittedView = now;
        emit viewChanged();
    }
    scheduleFrame();
}

void OsgViewWidget::scheduleFrame()
{
    osgDB::DatabasePager* pager = m_viewer->getDatabasePager();
    const bool paging = pager && (pager->requiresUpdateSceneGraph() || pager->getRequestsInProgress());
    if (m_continuous || isAnimating() || paging || m_viewer->getRequestContinousUpdate()) {
        if (!m_frameTimer.isActive())
            m_frameTimer.start();
    }
}

std::optional<scene::PickResult> OsgViewWidget::pick(const QPoint& pos) const
{
    osg::Node* root = m_viewer->getSceneData();
    if (!root || !rect().contains(pos))
        return std::nullopt;
    // A probe camera, not the live one: the live view matrix follows the manipulator only during
    // frame(), and culling narrows the live near/far to what was visible then — a roof nearer than
    // the last near plane would be missed.
    osg::ref_ptr<osg::Camera> probe = new osg::Camera;
    probe->setViewport(0, 0, m_pixelWidth, m_pixelHeight);
    probe->setViewMatrix(m_manipulator->getInverseMatrix());
    probe->setProjectionMatrixAsPerspective(kFovyDeg, double(m_pixelWidth) / m_pixelHeight, kPickNearM,
                                            kPickFarM);
    return scene::Picker::pick(*probe, root, pos.x() * dpr(), pos.y() * dpr());
}

void OsgViewWidget::pickUnderCursor()
{
    const std::optional<scene::PickResult> hit = m_cursorInside ? pick(m_cursorPos) : std::nullopt;
    emit cursorMoved(hit ? std::optional(hit->point) : std::nullopt);
    emit cursorPicked(hit);
}

void OsgViewWidget::mousePressEvent(QMouseEvent* event)
{
    m_flight.reset();
    const QPointF p = event->position() * dpr();
    m_window->getEventQueue()->mouseButtonPress(float(p.x()), float(p.y()), osgButton(event->button()));
    update();
}

void OsgViewWidget::mouseReleaseEvent(QMouseEvent* event)
{
    const QPointF p = event->position() * dpr();
    m_window->getEventQueue()->mouseButtonRelease(float(p.x()), float(p.y()), osgButton(event->button()));
    update();
}

void OsgViewWidget::mouseDoubleClickEvent(QMouseEvent* event)
{
    const QPointF p = event->position() * dpr();
    m_window->getEventQueue()->mouseDoubleButtonPress(float(p.x()), float(p.y()), osgButton(event->button()));
    update();
}

void OsgViewWidget::mouseMoveEvent(QMouseEvent* event)
{
    m_cursorPos = event->position().toPoint();
    m_cursorInside = true;
    if (!m_pickTimer.isActive())
        m_pickTimer.start();
    // Hover alone moves no camera and renders no frame, so queueing it would only grow OSG's event
    // queue; a drag needs the motion and a new frame. (The wheel sends its own position.)
    if (event->buttons() != Qt::NoButton) {
        const QPointF p = event->position() * dpr();
        m_window->getEventQueue()->mouseMotion(float(p.x()), float(p.y()));
        update();
    }
}

void OsgViewWidget::wheelEvent(QWheelEvent* event)
{
    m_flight.reset();
    const int dy = event->angleDelta().y();
    if (dy != 0) {
        // The scroll event takes the queue's last mouse position: zoom towards the cursor.
        const QPointF p = event->position() * dpr();
        m_window->getEventQueue()->mouseMotion(float(p.x()), float(p.y()));
        m_window->getEventQueue()->mouseScroll(dy > 0 ? osgGA::GUIEventAdapter::SCROLL_UP
                                                      : osgGA::GUIEventAdapter::SCROLL_DOWN);
        update();
    }
    event->accept();
}

void OsgViewWidget::keyPressEvent(QKeyEvent* event)
{
    if (const int key = osgKey(event)) {
        m_flight.reset(); // the keyboard takes over the camera (home, north-up, pan)
        m_window->getEventQueue()->keyPress(key);
        update();
    }
    QOpenGLWidget::keyPressEvent(event);
}

void OsgViewWidget::keyReleaseEvent(QKeyEvent* event)
{
    if (const int key = osgKey(event)) {
        m_window->getEventQueue()->keyRelease(key);
        update();
    }
    QOpenGLWidget::keyReleaseEvent(event);
}

void OsgViewWidget::leaveEvent(QEvent* event)
{
    m_cursorInside = false;
    emit cursorMoved(std::nullopt);
    emit cursorPicked(std::nullopt);
    QOpenGLWidget::leaveEvent(event);
}

} // namespace citytwin::app
