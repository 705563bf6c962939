#include "app/MapSketchTool.h"

#include "app/OsgViewWidget.h"
#include "scene/CityScene.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <osg/BlendFunc>
#include <osg/Depth>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Group>
#include <osg/LineWidth>
#include <osg/Point>
#include <osg/Program>

namespace citytwin::app {

namespace {

constexpr const char* kSketchingProperty = "citytwin.sketching";
//! Lifted off the surface so a line on the ground is not half buried in it at grazing views.
constexpr double kLiftM = 0.2;

osg::ref_ptr<osg::Geometry> makeGeometry(const osg::Vec4& colour)
{
    osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
    g->setUseDisplayList(false);
    g->setDataVariance(osg::Object::DYNAMIC);
    g->setVertexArray(new osg::Vec3Array);
    auto* colours = new osg::Vec4Array;
    colours->push_back(colour);
    g->setColorArray(colours, osg::Array::BIND_OVERALL);
    return g;
}

} // namespace

MapSketchTool::MapSketchTool(OsgViewWidget* view, QObject* parent) : QObject(parent), m_view(view)
{
    if (m_view) {
        connect(m_view, &OsgViewWidget::cursorMoved, this, [this](std::optional<data::LocalPoint> hit) {
            if (m_active)
                setRubberBand(hit);
        });
    }
}

MapSketchTool::~MapSketchTool()
{
    stop();
}

void MapSketchTool::setScene(scene::CityScene* scene)
{
    if (scene == m_scene)
        return;
    cancel();
    m_scene = scene;
}

void MapSketchTool::start(Shape shape, int maxPoints)
{
    cancel();
    m_shape = shape;
    m_maxPoints = maxPoints;
    m_points.clear();
    m_cursor.reset();
    m_active = true;
    m_pressed = false;
    if (m_view) {
        // Installed last, so this filter sees clicks before the Inspector's.
        m_view->removeEventFilter(this);
        m_view->installEventFilter(this);
        m_view->setProperty(kSketchingProperty, true);
        m_view->setCursor(Qt::CrossCursor);
    }
    if (m_scene) {
        m_node = new osg::Group;
        m_node->setName("sketch");
        osg::StateSet* ss = m_node->getOrCreateStateSet();
        // Fixed-function, unlit, on top of the scene: the sketch must stay visible over roofs.
        ss->setAttributeAndModes(new osg::Program, osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE);
        ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF | osg::StateAttribute::OVERRIDE);
        ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF | osg::StateAttribute::OVERRIDE);
        ss->setAttributeAndModes(new osg::LineWidth(3.0f));
        ss->setAttributeAndModes(new osg::Point(9.0f));
        ss->setRenderBinDetails(10000, "RenderBin");
        m_lines = makeGeometry({1.0f, 0.85f, 0.1f, 1.0f});
        m_dots = makeGeometry({1.0f, 0.3f, 0.1f, 1.0f});
        auto* geode = new osg::Geode;
        geode->addDrawable(m_lines);
        geode->addDrawable(m_dots);
        m_node->addChild(geode);
        m_scene->analysisGroup()->addChild(m_node);
    }
    updateGraphics();
    emit pointsChanged(0);
}

void MapSketchTool::stop()
{
    if (m_view) {
        m_view->removeEventFilter(this);
        m_view->setProperty(kSketchingProperty, false);
        m_view->unsetCursor();
        m_view->update();
    }
    if (m_node && m_scene)
        m_scene->analysisGroup()->removeChild(m_node);
    m_node = nullptr;
    m_lines = nullptr;
    m_dots = nullptr;
    m_active = false;
}

void MapSketchTool::cancel()
{
    if (!m_active)
        return;
    stop();
    m_points.clear();
    emit cancelled();
}

void MapSketchTool::finish()
{
    if (!m_active)
        return;
    const std::size_t needed = m_shape == Shape::Polygon ? 3 : 2;
    if (m_points.size() < needed) {
        cancel();
        return;
    }
    const std::vector<data::LocalPoint> points = m_points;
    const Shape shape = m_shape;
    stop();
    emit finished(points, shape);
}

void MapSketchTool::addPoint(const data::LocalPoint& point)
{
    if (!m_active)
        return;
    m_points.push_back(point);
    updateGraphics();
    emit pointsChanged(int(m_points.size()));
    if (m_maxPoints > 0 && int(m_points.size()) >= m_maxPoints)
        finish();
}

void MapSketchTool::setRubberBand(const std::optional<data::LocalPoint>& cursor)
{
    m_cursor = cursor;
    updateGraphics();
}

void MapSketchTool::updateGraphics()
{
    if (m_view)
        m_view->update();
    if (!m_lines || !m_dots)
        return;
    auto toVec = [](const data::LocalPoint& p) { return osg::Vec3(float(p.x), float(p.y), float(p.z + kLiftM)); };
    auto* line = static_cast<osg::Vec3Array*>(m_lines->getVertexArray());
    auto* dots = static_cast<osg::Vec3Array*>(m_dots->getVertexArray());
    line->clear();
    dots->clear();
    for (const data::LocalPoint& p : m_points) {
        line->push_back(toVec(p));
        dots->push_back(toVec(p));
    }
    if (m_cursor && !m_points.empty())
        line->push_back(toVec(*m_cursor));
    const bool closed = m_shape == Shape::Polygon && line->size() >= 3;
    m_lines->removePrimitiveSet(0, m_lines->getNumPrimitiveSets());
    m_dots->removePrimitiveSet(0, m_dots->getNumPrimitiveSets());
    if (line->size() >= 2)
        m_lines->addPrimitiveSet(new osg::DrawArrays(closed ? GL_LINE_LOOP : GL_LINE_STRIP, 0, GLsizei(line->size())));
    if (!dots->empty())
        m_dots->addPrimitiveSet(new osg::DrawArrays(GL_POINTS, 0, GLsizei(dots->size())));
    line->dirty();
    dots->dirty();
    m_lines->dirtyBound();
    m_dots->dirtyBound();
}

bool MapSketchTool::eventFilter(QObject* watched, QEvent* event)
{
    if (!m_active || watched != m_view)
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::LeftButton) {
            m_pressed = true;
            m_pressPos = e->position().toPoint();
        }
        break; // the view still gets it: a drag orbits
    }
    case QEvent::MouseButtonRelease: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::LeftButton && m_pressed) {
            m_pressed = false;
            const QPoint pos = e->position().toPoint();
            if ((pos - m_pressPos).manhattanLength() < QApplication::startDragDistance()) {
                if (const std::optional<scene::PickResult> hit = m_view->pick(pos))
                    addPoint(hit->point);
            }
        }
        break;
    }
    case QEvent::MouseButtonDblClick: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::LeftButton) {
            finish();
            return true; // no fly-to on the double-click that ends a sketch
        }
        break;
    }
    case QEvent::KeyPress: {
        auto* e = static_cast<QKeyEvent*>(event);
        switch (e->key()) {
        case Qt::Key_Escape:
            cancel();
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            finish();
            return true;
        case Qt::Key_Backspace:
            if (!m_points.empty()) {
                m_points.pop_back();
                updateGraphics();
                emit pointsChanged(int(m_points.size()));
            }
            return true;
        default:
            break;
        }
        break;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace citytwin::app
