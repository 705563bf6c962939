#include "app/PipeAnalysisController.h"

#include "app/GuiLog.h"
#include "app/OsgViewWidget.h"
#include "app/PipeFilterDialog.h"
#include "app/ProjectSession.h"
#include "data/PipeMapping.h"
#include "scene/CityScene.h"
#include "scene/FeatureStyler.h"
#include "scene/PipeNetworkIndex.h"

#include <QAction>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QTimer>
#include <map>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Group>
#include <osg/LineWidth>
#include <osg/Point>
#include <osg/Program>
#include <osgText/Text>
#include <unordered_map>

namespace citytwin::app {

namespace {

constexpr const char* kSketchingProperty = "citytwin.sketching"; // the Inspector selects nothing meanwhile
constexpr const char* kClearanceNodeName = "clearance";
//! Matching pipes: magenta, a colour no network of CJJ 61 uses, so it reads as "flagged".
const osg::Vec4f kWarningColour{1.0f, 0.0f, 0.85f, 1.0f};
//! Other pipes keep a hint of their network colour, dark enough to recede.
constexpr float kDimFactor = 0.3f;
//! A press and release closer than this are a click, not a drag (px).
constexpr int kClickSlop = 4;

const scene::PipeNetworkIndex* indexOf(ProjectSession* session, data::LayerId id)
{
    return session ? scene::pipeNetworkIndex(session->scene().layerNode(id)) : nullptr;
}

} // namespace

QString pipeAgeText(int installYear, int referenceYear)
{
    if (installYear <= 0)
        return {};
    if (installYear > referenceYear)
        return PipeAnalysisController::tr("installed %1 (after %2)").arg(installYear).arg(referenceYear);
    const int age = referenceYear - installYear;
    // No %n plural: English ships without a .ts file, so it would print "year(s)".
    if (age == 1)
        return PipeAnalysisController::tr("1 year (installed %1)").arg(installYear);
    return PipeAnalysisController::tr("%1 years (installed %2)").arg(age).arg(installYear);
}

PipeAnalysisController::PipeAnalysisController(OsgViewWidget* view, QWidget* dialogParent, QObject* parent)
    : QObject(parent), m_view(view), m_dialogParent(dialogParent)
{
    m_filterAction = new QAction(this);
    m_filterAction->setObjectName(QStringLiteral("pipeFilterAction"));
    m_clearanceAction = new QAction(this);
    m_clearanceAction->setObjectName(QStringLiteral("measureClearanceAction"));
    m_clearAction = new QAction(this);
    m_clearAction->setObjectName(QStringLiteral("clearPipeAnalysisAction"));
    connect(m_filterAction, &QAction::triggered, this, &PipeAnalysisController::showDialog);
    connect(m_clearanceAction, &QAction::triggered, this, &PipeAnalysisController::startClearance);
    connect(m_clearAction, &QAction::triggered, this, [this] {
        cancelClearance();
        clearClearance();
        clearFilter();
    });
    retranslate();
    setSession(nullptr);
}

PipeAnalysisController::~PipeAnalysisController()
{
    cancelClearance();
    clearClearance();
}

PipeFilterDialog* PipeAnalysisController::dialog() const
{
    return m_dialog.data();
}

QList<QAction*> PipeAnalysisController::actions() const
{
    return {m_filterAction, m_clearanceAction, m_clearAction};
}

void PipeAnalysisController::retranslate()
{
    m_filterAction->setText(tr("Pipe &Filter…"));
    m_filterAction->setStatusTip(tr("Highlight pipes by age, material and network"));
    m_clearanceAction->setText(tr("Measure &Clearance"));
    m_clearanceAction->setStatusTip(tr("Click two pipes to measure the clearance between them"));
    m_clearAction->setText(tr("Clear Pipe Analysis"));
}

void PipeAnalysisController::setSession(ProjectSession* session)
{
    cancelClearance();
    clearClearance();
    if (m_session && m_session != session)
        clearFilter();
    for (const auto& c : m_sessionConnections)
        disconnect(c);
    m_sessionConnections.clear();
    m_filter.reset();
    m_result = {};
    m_session = session;
    const bool on = session != nullptr;
    for (QAction* a : actions())
        a->setEnabled(on);
    if (m_dialog) {
        m_dialog->setSummary(QString());
        if (!session)
            m_dialog->close();
    }
    if (!session)
        return;
    // A layer restyled or reloaded under an applied filter gets the filter's colours again.
    m_sessionConnections << connect(session, &ProjectSession::featureStyleApplied, this,
                                    [this](data::LayerId id) {
                                        if (m_filter && !m_clearing && indexOf(m_session, id))
                                            applyFilter(*m_filter);
                                    });
    m_sessionConnections << connect(
        session, &ProjectSession::layerStateChanged, this, [this](data::LayerId id) {
            if (m_filter && m_session && m_session->layerState(id) == ProjectSession::LayerState::Ready &&
                indexOf(m_session, id))
                applyFilter(*m_filter);
        });
}

int PipeAnalysisController::referenceYear() const
{
    return data::referenceYearOf(m_session ? m_session->scene().time() : 0);
}

QStringList PipeAnalysisController::materials() const
{
    std::map<QString, QString> byKey; // case-folded → first spelling
    if (m_session)
        for (data::LayerId id : m_session->pipeLayers())
            if (const auto* index = indexOf(m_session, id))
                for (const data::PipeLine& p : index->pipes())
                    if (!p.material.trimmed().isEmpty())
                        byKey.emplace(p.material.trimmed().toCaseFolded(), p.material.trimmed());
    QStringList list;
    for (const auto& [key, spelling] : byKey)
        list << spelling;
    return list;
}

std::vector<data::PipeNetwork> PipeAnalysisController::networks() const
{
    std::vector<data::PipeNetwork> list;
    if (m_session)
        for (data::LayerId id : m_session->pipeLayers())
            if (const auto* index = indexOf(m_session, id))
                for (const data::PipeLine& p : index->pipes())
                    if (std::find(list.begin(), list.end(), p.network) == list.end())
                        list.push_back(p.network);
    std::sort(list.begin(), list.end());
    return list;
}

void PipeAnalysisController::showDialog()
{
    if (!m_session)
        return;
    if (!m_dialog) {
        m_dialog = new PipeFilterDialog(m_dialogParent);
        connect(m_dialog, &PipeFilterDialog::applyRequested, this,
                [this](const data::PipeFilter& f) { applyFilter(f); });
        connect(m_dialog, &PipeFilterDialog::clearRequested, this, &PipeAnalysisController::clearFilter);
    }
    m_dialog->setChoices(materials(), networks());
    m_dialog->setReferenceYear(referenceYear());
    if (m_filter)
        m_dialog->setFilter(*m_filter);
    m_dialog->setSummary(filterSummary());
    m_dialog->show();
    m_dialog->raise();
}

PipeAnalysisController::FilterResult PipeAnalysisController::applyFilter(const data::PipeFilter& filter)
{
    m_filter = filter;
    m_result = {};
    if (m_session)
        for (data::LayerId id : m_session->pipeLayers())
            applyToLayer(id);
    const QString summary = filterSummary();
    if (m_dialog) {
        m_dialog->setReferenceYear(referenceYear());
        m_dialog->setSummary(summary);
    }
    if (m_view)
        m_view->update();
    emit message(summary);
    return m_result;
}

void PipeAnalysisController::applyToLayer(data::LayerId id)
{
    const scene::PipeNetworkIndex* index = indexOf(m_session, id);
    osg::Node* node = m_session ? m_session->scene().layerNode(id) : nullptr;
    if (!index || !node || !m_filter)
        return;
    const int year = referenceYear();
    std::unordered_map<std::int64_t, osg::Vec4f> colours;
    colours.reserve(index->pipes().size());
    for (const data::PipeLine& p : index->pipes()) {
        ++m_result.total;
        if (m_filter->matches(p, year)) {
            ++m_result.matched;
            m_result.lengthM += data::pipePlanLength(p);
            colours[p.id] = kWarningColour;
        } else {
            const auto rgb = data::pipeNetworkColour(p.network);
            colours[p.id] = {rgb[0] * kDimFactor, rgb[1] * kDimFactor, rgb[2] * kDimFactor, 1.0f};
        }
    }
    scene::setFeatureColours(node, colours);
}

void PipeAnalysisController::clearFilter()
{
    const bool had = m_filter.has_value();
    m_filter.reset();
    m_result = {};
    if (m_dialog)
        m_dialog->setSummary(QString());
    if (!m_session || !had)
        return;
    m_clearing = true;
    for (data::LayerId id : m_session->pipeLayers()) {
        const data::LayerSettings* layer = m_session->project().layer(id);
        if (layer && layer->style.contains(QStringLiteral("featureStyle")))
            m_session->setFeatureStyle(id, m_session->featureStyle(id)); // its own classification again
        else if (osg::Node* node = m_session->scene().layerNode(id))
            scene::setFeatureColours(node, {}); // never styled: the network colours (no edit to the project)
    }
    m_clearing = false;
    if (m_view)
        m_view->update();
    emit message(tr("Pipe filter cleared"));
}

QString PipeAnalysisController::filterSummary() const
{
    if (!m_filter)
        return {};
    return tr("%1 of %2 pipes, %3 km")
        .arg(m_result.matched)
        .arg(m_result.total)
        .arg(m_result.lengthM / 1000.0, 0, 'f', 1);
}

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
