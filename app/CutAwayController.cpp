#include "app/CutAwayController.h"

#include "app/MapSketchTool.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"
#include "data/Rasters.h"
#include "scene/CityScene.h"
#include "scene/Picker.h"

#include <QAction>
#include <QInputDialog>
#include <QMenu>
#include <QMouseEvent>
#include <algorithm>
#include <cmath>
#include <limits>
#include <osg/Viewport>
#include <osgViewer/Viewer>

namespace citytwin::app {

namespace {

//! Below this on-screen length of a metre-scaled axis the face is seen end-on: no drag.
constexpr double kMinAxisPx = 3.0;

} // namespace

CutAwayController::CutAwayController(OsgViewWidget* view, MapSketchTool* sketch, QObject* parent)
    : QObject(parent), m_view(view), m_sketch(sketch)
{
    if (!m_sketch)
        m_sketch = new MapSketchTool(view, this);
    connect(m_sketch, &MapSketchTool::finished, this,
            [this](const std::vector<data::LocalPoint>& points, MapSketchTool::Shape) {
                if (std::exchange(m_sketchPending, false))
                    sketchFinished(points);
            });
    connect(m_sketch, &MapSketchTool::cancelled, this, [this] { m_sketchPending = false; });
    if (m_view)
        m_view->installEventFilter(this);

    m_clipBoxAction = new QAction(this);
    m_clipBoxAction->setObjectName(QStringLiteral("clipBoxAction"));
    m_clipBoxAction->setCheckable(true);
    connect(m_clipBoxAction, &QAction::toggled, this, &CutAwayController::setClipBoxEnabled);
    m_pitAction = new QAction(this);
    m_pitAction->setObjectName(QStringLiteral("excavationPitAction"));
    connect(m_pitAction, &QAction::triggered, this, &CutAwayController::startPit);
    m_clearAction = new QAction(this);
    m_clearAction->setObjectName(QStringLiteral("clearCutAwayAction"));
    connect(m_clearAction, &QAction::triggered, this, &CutAwayController::clear);
    m_menu = new QMenu;
    m_menu->setObjectName(QStringLiteral("cutAwayMenu"));
    m_menu->addAction(m_clipBoxAction);
    m_menu->addAction(m_pitAction);
    m_menu->addSeparator();
    m_menu->addAction(m_clearAction);
    retranslate();
    setScene(nullptr, {});
}

CutAwayController::~CutAwayController()
{
    if (m_view)
        m_view->removeEventFilter(this);
    setScene(nullptr, {});
    delete m_menu; // no parent widget: owned here
}

void CutAwayController::retranslate()
{
    m_clipBoxAction->setText(tr("Clip &Box"));
    m_clipBoxAction->setToolTip(tr("Cut away the ground, buildings and models in a box around the view "
                                   "target; drag a face handle to move that face. Pipes stay."));
    m_pitAction->setText(tr("&Excavation Pit…"));
    m_pitAction->setToolTip(tr("Draw a polygon on the map and dig a pit of a given depth there"));
    m_clearAction->setText(tr("&Clear Cut-Away"));
    m_menu->setTitle(tr("C&ut-Away"));
}

void CutAwayController::setSession(ProjectSession* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (!session) {
        setScene(nullptr, {});
        return;
    }
    // The scene dies with its session: forget it without touching it.
    connect(session, &QObject::destroyed, this, [this] {
        m_scene = nullptr;
        setScene(nullptr, {});
    });
    QPointer<ProjectSession> guard(session);
    setScene(&session->scene(), [guard](double x, double y) {
        if (!guard || !guard->terrain())
            return 0.0;
        const data::Project& project = guard->project();
        const std::optional<double> h = guard->terrain()->heightAt(x + project.origin.x, y + project.origin.y);
        return h ? *h - project.origin.z : 0.0;
    });
}

void CutAwayController::setScene(scene::CityScene* scene, scene::SurfaceHeight surface)
{
    if (m_sketchPending && m_sketch) {
        m_sketchPending = false;
        m_sketch->cancel();
    }
    m_drag.reset();
    if (m_scene) {
        m_cut.detach(*m_scene->root()->getOrCreateStateSet());
        m_scene->analysisGroup()->removeChild(m_gizmo.node());
        if (m_pitNode)
            m_scene->analysisGroup()->removeChild(m_pitNode);
    }
    m_pitNode = nullptr;
    m_cut.clear();
    m_scene = scene;
    m_surface = std::move(surface);
    if (m_sketch)
        m_sketch->setScene(scene);
    if (m_scene)
        m_cut.attach(*m_scene->root()->getOrCreateStateSet());
    const QSignalBlocker block(m_clipBoxAction);
    m_clipBoxAction->setChecked(false);
    m_clipBoxAction->setEnabled(m_scene != nullptr);
    m_pitAction->setEnabled(m_scene != nullptr);
    m_clearAction->setEnabled(m_scene != nullptr);
    updateGraphics();
}

void CutAwayController::setClipBoxEnabled(bool on)
{
    if (!on) {
        m_cut.setClipBox(std::nullopt);
        m_drag.reset();
        const QSignalBlocker block(m_clipBoxAction);
        m_clipBoxAction->setChecked(false);
        updateGraphics();
        emit clipBoxChanged();
        return;
    }
    if (m_cut.clipBox())
        return;
    // Around the view target, sized to what is seen: a fifth of the viewing range across, deeper
    // than high so pipes a few metres down are inside.
    data::SavedView view;
    if (m_view)
        view = m_view->view();
    const double half = std::clamp(view.rangeM * 0.1, 5.0, 250.0);
    const osg::Vec3d t(view.target.x, view.target.y, view.target.z);
    setClipBox({t - osg::Vec3d(half, half, std::max(half, 10.0)), t + osg::Vec3d(half, half, half)});
}

void CutAwayController::setClipBox(const scene::ClipBox& box)
{
    if (!m_scene || !box.isValid())
        return;
    m_cut.setClipBox(box);
    const QSignalBlocker block(m_clipBoxAction);
    m_clipBoxAction->setChecked(true);
    updateGraphics();
    emit clipBoxChanged();
}

void CutAwayController::startPit()
{
    if (!m_scene || !m_sketch)
        return;
    m_sketch->start(MapSketchTool::Shape::Polygon);
    m_sketchPending = true;
}

void CutAwayController::sketchFinished(const std::vector<data::LocalPoint>& points)
{
    double depth = m_pitDepth;
    if (m_askDepth) {
        bool ok = false;
        depth = QInputDialog::getDouble(m_view, tr("Excavation Pit"), tr("Depth below the ground (m):"), m_pitDepth,
                                        0.1, 200.0, 1, &ok);
        if (!ok)
            return;
        m_pitDepth = depth;
    }
    std::vector<osg::Vec2d> ring;
    for (const data::LocalPoint& p : points)
        ring.emplace_back(p.x, p.y);
    setPit(ring, depth);
}

void CutAwayController::setPit(const std::vector<osg::Vec2d>& ring, double depthM)
{
    if (!m_scene || ring.size() < 3 || depthM <= 0.0)
        return;
    double lowest = std::numeric_limits<double>::infinity();
    for (const osg::Vec2d& v : ring)
        lowest = std::min(lowest, m_surface ? m_surface(v.x(), v.y()) : 0.0);
    scene::ExcavationPit pit;
    pit.ring = ring;
    pit.bottomZ = lowest - depthM;
    m_cut.setPit(pit);
    updateGraphics();
    emit pitChanged();
}

void CutAwayController::clear()
{
    const bool hadPit = m_cut.pit().has_value();
    const bool hadBox = m_cut.clipBox().has_value();
    m_cut.clear();
    m_drag.reset();
    const QSignalBlocker block(m_clipBoxAction);
    m_clipBoxAction->setChecked(false);
    updateGraphics();
    if (hadBox)
        emit clipBoxChanged();
    if (hadPit)
        emit pitChanged();
}

void CutAwayController::updateGraphics()
{
    if (m_scene) {
        osg::Group* analysis = m_scene->analysisGroup();
        if (const auto& box = m_cut.clipBox()) {
            m_gizmo.setBox(*box);
            if (!analysis->containsNode(m_gizmo.node()))
                analysis->addChild(m_gizmo.node());
        } else {
            analysis->removeChild(m_gizmo.node());
        }
        if (m_pitNode)
            analysis->removeChild(m_pitNode);
        m_pitNode = nullptr;
        if (const auto& pit = m_cut.pit()) {
            const scene::SurfaceHeight flat = [](double, double) { return 0.0; };
            m_pitNode = scene::buildExcavationPit(*pit, m_surface ? m_surface : flat);
            analysis->addChild(m_pitNode);
        }
    }
    if (m_view)
        m_view->update();
}

std::optional<QPointF> CutAwayController::toWidget(const osg::Vec3d& p) const
{
    const osg::Camera* camera = m_view ? m_view->viewer()->getCamera() : nullptr;
    if (!camera || !camera->getViewport())
        return std::nullopt;
    const osg::Viewport& vp = *camera->getViewport();
    const osg::Vec3d w = p * camera->getViewMatrix() * camera->getProjectionMatrix() * vp.computeWindowMatrix();
    if (w.z() < 0.0 || w.z() > 1.0)
        return std::nullopt; // behind the eye
    const double dpr = m_view->devicePixelRatioF();
    return QPointF((w.x() - vp.x()) / dpr, (vp.y() + vp.height() - w.y()) / dpr);
}

bool CutAwayController::beginDrag(const QPointF& pos)
{
    const auto& box = m_cut.clipBox();
    const std::optional<scene::BoxFace> face = handleAt(pos);
    if (!box || !face)
        return false;
    // The face's axis on screen: how far the cursor moves along it per metre there.
    const osg::Vec3d centre = scene::boxFaceCentre(*box, *face);
    const double length = std::max(1.0, m_gizmo.handleSize() * 4.0);
    const std::optional<QPointF> a = toWidget(centre);
    const std::optional<QPointF> b = toWidget(centre + scene::boxFaceNormal(*face) * length);
    if (!a || !b)
        return false;
    const QPointF axis = *b - *a;
    const double px = std::hypot(axis.x(), axis.y());
    if (px < kMinAxisPx)
        return false; // seen end-on: the drag would be meaningless, orbit instead
    m_drag = Drag{*face, *box, pos, axis / px, px / length};
    return true;
}

std::optional<scene::BoxFace> CutAwayController::handleAt(const QPointF& pos) const
{
    const osg::Camera* camera = m_view ? m_view->viewer()->getCamera() : nullptr;
    if (!m_cut.clipBox() || !camera || !m_scene)
        return std::nullopt;
    // Only the gizmo: its handles are drawn on top, so they are grabbable behind the ground too.
    const double dpr = m_view->devicePixelRatioF();
    const std::optional<scene::PickResult> hit =
        scene::Picker::pick(*camera, m_gizmo.node(), pos.x() * dpr, pos.y() * dpr);
    return hit ? scene::boxFaceFromNodeName(hit->nodeName.toStdString()) : std::nullopt;
}

void CutAwayController::updateHoverCursor(const QPointF& pos, Qt::MouseButtons buttons)
{
    // A hint that the handle can be dragged; only a cursor we set is taken back.
    const bool over = buttons == Qt::NoButton && !m_sketch->isActive() && handleAt(pos).has_value();
    if (over && !m_hoverCursor) {
        m_view->setCursor(Qt::SizeAllCursor);
        m_hoverCursor = true;
    } else if (!over && m_hoverCursor) {
        m_view->unsetCursor();
        m_hoverCursor = false;
    }
}

bool CutAwayController::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_view.data())
        return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() != Qt::LeftButton || m_sketch->isActive())
            return false;
        return beginDrag(e->position());
    }
    case QEvent::MouseMove: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (!m_drag) {
            updateHoverCursor(e->position(), e->buttons());
            return false;
        }
        const QPointF d = e->position() - m_drag->startPos;
        const double metres = (d.x() * m_drag->screenAxis.x() + d.y() * m_drag->screenAxis.y()) / m_drag->pixelsPerMetre;
        m_cut.setClipBox(scene::moveBoxFace(m_drag->startBox, m_drag->face, metres));
        updateGraphics();
        emit clipBoxChanged();
        return true;
    }
    case QEvent::MouseButtonRelease:
        if (!m_drag)
            return false;
        m_drag.reset();
        return true;
    default:
        return false;
    }
}

} // namespace citytwin::app
