#include "app/OsgViewWidget.h"
#include "app/PipeAnalysisController.h"
#include "app/ProjectSession.h"
#include "scene/CityScene.h"
#include "scene/PipeNetworkIndex.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QTimer>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Group>
#include <osg/LineWidth>
#include <osg/Point>
#include <osg/Program>
#include <osgText/Text>

// Measure Clearance: picking two pipes in the view, measuring and drawing the clearance.
namespace citytwin::app {

namespace {

constexpr const char* kSketchingProperty = "citytwin.sketching"; // the Inspector selects nothing meanwhile
constexpr const char* kClearanceNodeName = "clearance";
//! A press and release closer than this are a click, not a drag (px).
constexpr int kClickSlop = 4;

const scene::PipeNetworkIndex* indexOf(ProjectSession* session, data::LayerId id)
{
    return session ? scene::pipeNetworkIndex(session->scene().layerNode(id)) : nullptr;
}

} // namespace

void PipeAnalysisController::startClearance()
{
    if (!m_session || !m_view)
        return;
    cancelClearance();
    m_picking = true;
    m_pressed = false;
    m_picks.clear();
    // Installed last, so this filter sees the clicks before the Inspector's.
    m_view->removeEventFilter(this);
    m_view->installEventFilter(this);
    m_view->setProperty(kSketchingProperty, true);
    m_view->setCursor(Qt::CrossCursor);
    emit message(tr("Click the first pipe (Esc cancels)"));
}

void PipeAnalysisController::cancelClearance()
{
    if (!m_picking)
        return;
    m_picking = false;
    m_picks.clear();
    if (m_view) {
        m_view->removeEventFilter(this);
        m_view->setProperty(kSketchingProperty, false);
        m_view->unsetCursor();
    }
}

bool PipeAnalysisController::eventFilter(QObject* watched, QEvent* event)
{
    if (!m_picking || watched != m_view)
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
            if ((e->position().toPoint() - m_pressPos).manhattanLength() <= kClickSlop)
                pickAt(e->position().toPoint());
        }
        break;
    }
    case QEvent::KeyPress:
        if (static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
            cancelClearance();
            emit message(tr("Clearance measurement cancelled"));
            return true;
        }
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void PipeAnalysisController::pickAt(const QPoint& pos)
{
    const auto pick = m_view ? m_view->pick(pos) : std::nullopt;
    if (!pick || !pick->layer || !pick->featureId || !indexOf(m_session, *pick->layer) ||
        !indexOf(m_session, *pick->layer)->pipe(*pick->featureId)) {
        emit message(tr("No pipe there: click a pipe (Esc cancels)"));
        return;
    }
    m_picks.emplace_back(*pick->layer, *pick->featureId);
    if (m_picks.size() < 2) {
        emit message(tr("Click the second pipe (Esc cancels)"));
        return;
    }
    const auto picks = m_picks;
    m_picking = false;
    m_picks.clear();
    m_view->removeEventFilter(this);
    m_view->unsetCursor();
    // The Inspector sees this release after us: it must still find the view sketching.
    QTimer::singleShot(0, this, [this] {
        if (!m_picking && m_view)
            m_view->setProperty(kSketchingProperty, false);
    });
    measureClearance(picks[0].first, picks[0].second, picks[1].first, picks[1].second);
}

std::optional<data::PipeClearance> PipeAnalysisController::measureClearance(data::LayerId layerA,
                                                                            std::int64_t idA,
                                                                            data::LayerId layerB,
                                                                            std::int64_t idB)
{
    const auto* indexA = indexOf(m_session, layerA);
    const auto* indexB = indexOf(m_session, layerB);
    const data::PipeLine* a = indexA ? indexA->pipe(idA) : nullptr;
    const data::PipeLine* b = indexB ? indexB->pipe(idB) : nullptr;
    if (!a || !b) {
        emit message(tr("Pipe %1 is not loaded").arg(a ? idB : idA));
        return std::nullopt;
    }
    const auto clearance = data::pipeClearance(*a, *b);
    if (!clearance) {
        emit message(tr("A pipe has no usable centre line"));
        return std::nullopt;
    }
    m_clearanceText = tr("Pipes #%1 and #%2: %3").arg(idA).arg(idB).arg(describe(*clearance));
    const double value =
        clearance->crossing ? clearance->crossing->verticalClearanceM : clearance->minDistanceM;
    drawClearance(*clearance, tr("%1 m").arg(value, 0, 'f', 2));
    emit message(m_clearanceText);
    return clearance;
}

QString PipeAnalysisController::describe(const data::PipeClearance& c) const
{
    if (c.crossing)
        return tr("they cross, #%1 above; vertical clearance %2 m")
            .arg(c.crossing->upper == data::UpperPipe::A ? tr("first") : tr("second"))
            .arg(c.crossing->verticalClearanceM, 0, 'f', 2);
    return tr("no crossing; horizontal clearance %1 m, least distance %2 m")
        .arg(c.horizontalClearanceM, 0, 'f', 2)
        .arg(c.minDistanceM, 0, 'f', 2);
}

void PipeAnalysisController::drawClearance(const data::PipeClearance& clearance, const QString& label)
{
    removeClearanceNode();
    if (!m_session)
        return;
    const data::ProjectedPoint& o = m_session->project().origin;
    const osg::Vec3 a(float(clearance.pointA.x - o.x), float(clearance.pointA.y - o.y),
                      float(clearance.pointA.z - o.z));
    const osg::Vec3 b(float(clearance.pointB.x - o.x), float(clearance.pointB.y - o.y),
                      float(clearance.pointB.z - o.z));
    m_clearanceNode = new osg::Group;
    m_clearanceNode->setName(kClearanceNodeName);
    osg::StateSet* ss = m_clearanceNode->getOrCreateStateSet();
    // Fixed-function, unlit and on top: the measure must show through the ground and the pipes.
    ss->setAttributeAndModes(new osg::Program, osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE);
    ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF | osg::StateAttribute::OVERRIDE);
    ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF | osg::StateAttribute::OVERRIDE);
    ss->setAttributeAndModes(new osg::LineWidth(3.0f));
    ss->setAttributeAndModes(new osg::Point(8.0f));
    ss->setRenderBinDetails(10000, "RenderBin");
    auto* geometry = new osg::Geometry;
    auto* vertices = new osg::Vec3Array;
    vertices->push_back(a);
    vertices->push_back(b);
    geometry->setVertexArray(vertices);
    auto* colours = new osg::Vec4Array;
    colours->push_back(osg::Vec4(1.0f, 1.0f, 0.2f, 1.0f));
    geometry->setColorArray(colours, osg::Array::BIND_OVERALL);
    geometry->addPrimitiveSet(new osg::DrawArrays(GL_LINES, 0, 2));
    geometry->addPrimitiveSet(new osg::DrawArrays(GL_POINTS, 0, 2));
    auto* text = new osgText::Text;
    text->setText(label.toStdString(), osgText::String::ENCODING_UTF8);
    text->setPosition((a + b) * 0.5f);
    text->setAxisAlignment(osgText::Text::SCREEN);
    text->setCharacterSizeMode(osgText::Text::SCREEN_COORDS);
    text->setCharacterSize(16.0f);
    text->setColor(osg::Vec4(1.0f, 1.0f, 0.2f, 1.0f));
    text->setAlignment(osgText::Text::LEFT_CENTER);
    auto* geode = new osg::Geode;
    geode->addDrawable(geometry);
    geode->addDrawable(text);
    m_clearanceNode->addChild(geode);
    m_session->scene().analysisGroup()->addChild(m_clearanceNode);
    if (m_view)
        m_view->update();
}

void PipeAnalysisController::clearClearance()
{
    removeClearanceNode();
    m_clearanceText.clear();
}

void PipeAnalysisController::removeClearanceNode()
{
    if (m_clearanceNode) {
        const osg::Node::ParentList parents = m_clearanceNode->getParents();
        for (osg::Group* parent : parents)
            parent->removeChild(m_clearanceNode);
        m_clearanceNode = nullptr;
        if (m_view)
            m_view->update();
    }
}

} // namespace citytwin::app
