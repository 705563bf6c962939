#include "app/InspectorController.h"

#include "app/FeatureVisibilityActions.h"
#include "app/GuiLog.h"
#include "app/InspectorDock.h"
#include "app/LayerLoader.h"
#include "app/ModelTreeWidget.h"
#include "app/OsgViewWidget.h"
#include "app/PipeAnalysisController.h"
#include "app/ProjectSession.h"
#include "data/PipeFilter.h"
#include "scene/CityScene.h"
#include "scene/PipeNetworkIndex.h"
#include "scene/SceneBuilders.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <memory>

namespace citytwin::app {

namespace {

//! Eye distance after a double-click fly-to: close enough to see one building, never farther out.
constexpr double kFlyToRangeM = 400.0;
constexpr double kMinFlyToRangeM = 50.0;

using AttributesResult = data::Result<gis::FeatureAttributes>;

//! The install year of pipe FEATUREID: the value of the layer's mapped install-year field in
//! ATTRIBUTES, else what the loader read into the drawn pipe (a guessed mapping); 0 when unknown.
int pipeInstallYear(ProjectSession& session, data::LayerId layer, std::int64_t featureId,
                    const gis::FeatureAttributes& attributes)
{
    const QString field = session.pipeMapping(layer).installYearField;
    for (const auto& [name, value] : attributes.fields) {
        bool ok = false;
        const double year = value.trimmed().toDouble(&ok);
        if (!field.isEmpty() && name.compare(field, Qt::CaseInsensitive) == 0 && ok && year > 0)
            return int(year);
    }
    const scene::PipeNetworkIndex* index = scene::pipeNetworkIndex(session.scene().layerNode(layer));
    const data::PipeLine* pipe = index ? index->pipe(featureId) : nullptr;
    return pipe ? pipe->installYear : 0;
}

} // namespace

InspectorController::InspectorController(OsgViewWidget* view, InspectorDock* dock, QObject* parent)
    : QObject(parent), m_view(view), m_dock(dock)
{
    view->installEventFilter(this);
    connect(dock->modelTree(), &ModelTreeWidget::featureSelected, this, [this](std::int64_t id) {
        if (m_treeLayer)
            selectFeature(*m_treeLayer, id);
    });
    // A hidden feature can no longer be seen: drop the selection (the tree keeps the layer).
    connect(dock->featureActions(), &FeatureVisibilityActions::selectionHidden, this,
            &InspectorController::clearSelection);
}

void InspectorController::setSession(ProjectSession* session)
{
    clearSelection();
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_treeLayer.reset();
    if (m_dock) {
        m_dock->featureActions()->setSession(session);
        m_dock->modelTree()->setFeatures({});
        m_dock->setModelSectionVisible(false);
    }
    if (session) {
        connect(session, &ProjectSession::layersChanged, this, &InspectorController::dropStaleSelection);
        connect(session, &ProjectSession::layerStateChanged, this, &InspectorController::onLayerStateChanged);
        connect(session, &ProjectSession::featureStyleApplied, this, &InspectorController::onFeatureStyleApplied);
    }
}

void InspectorController::dropStaleSelection()
{
    // The selected layer was removed (or its node replaced): the dock would describe a feature
    // that is no longer drawn, and the highlight would sit on a dead node.
    if (m_layer && (!m_session || !m_session->project().layer(*m_layer) ||
                    m_session->scene().layerNode(*m_layer) != m_highlighted.get()))
        clearSelection();
    if (m_treeLayer && (!m_session || !m_session->project().layer(*m_treeLayer))) {
        m_treeLayer.reset();
        if (m_dock) {
            m_dock->modelTree()->setFeatures({});
            m_dock->setModelSectionVisible(false);
        }
    }
}

bool InspectorController::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_view)
        return QObject::eventFilter(watched, event);
    // Only watches: the view still gets every event, so orbiting and zooming are unchanged.
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::LeftButton) {
            m_pressed = true;
            m_doubleClick = false;
            m_pressPos = e->position().toPoint();
        } else if (e->button() == Qt::RightButton) {
            m_rightPressed = true;
            m_rightPressPos = e->position().toPoint();
        }
        break;
    }
    case QEvent::MouseButtonDblClick: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::LeftButton) {
            // The first click of the pair normally selected already; the release that follows must
            // not select again. A double-click that arrives alone (synthetic input) selects too.
            m_pressed = true;
            m_doubleClick = true;
            m_pressPos = e->position().toPoint();
            const std::optional<scene::PickResult> hit = m_view->pick(m_pressPos);
            if (!hit || hit->layer != m_layer || hit->featureId != m_feature)
                selectAt(m_pressPos);
            flyToAt(m_pressPos);
        }
        break;
    }
    case QEvent::MouseButtonRelease: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::LeftButton && m_pressed) {
            m_pressed = false;
            const QPoint pos = e->position().toPoint();
            // A drag orbits the camera; only a press and release in (about) one place is a click.
            if (!m_doubleClick && (pos - m_pressPos).manhattanLength() < QApplication::startDragDistance())
                selectAt(pos);
        } else if (e->button() == Qt::RightButton && m_rightPressed) {
            m_rightPressed = false;
            const QPoint pos = e->position().toPoint();
            // A right drag zooms; a right click (on release, so the drag stays free) opens the menu.
            if ((pos - m_rightPressPos).manhattanLength() < QApplication::startDragDistance())
                showContextMenu(pos, e->globalPosition().toPoint());
        }
        break;
    }
    case QEvent::ToolTip: {
        auto* e = static_cast<QHelpEvent*>(event);
        showToolTip(e->pos(), e->globalPos());
        return true;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

namespace {

//! Layers whose picked ids are OGR feature ids (FID, or FID * 1000 + part): footprints, pipes,
//! manholes/valves/hydrants and underground spaces.
bool hasOgrFeatures(std::optional<data::LayerKind> kind)
{
    return kind == data::LayerKind::Buildings || kind == data::LayerKind::Pipes ||
           kind == data::LayerKind::Manholes || kind == data::LayerKind::UndergroundSpaces;
}

} // namespace

void InspectorController::selectAt(const QPoint& pos)
{
    // A click that adds a point to a sketch (MapSketchTool) selects nothing.
    if (!m_view || !m_session || m_view->property("citytwin.sketching").toBool())
        return;
    const std::optional<scene::PickResult> pick = m_view->pick(pos);
    const std::optional<data::LayerKind> kind =
        pick && pick->layer ? m_session->scene().layerKind(*pick->layer) : std::nullopt;
    if (kind == data::LayerKind::Model) {
        if (pick->featureId)
            selectFeature(*pick->layer, *pick->featureId);
        else
            selectModelHit(*pick);
        return;
    }
    if (!pick || !pick->layer || !pick->featureId || !hasOgrFeatures(kind)) {
        clearSelection();
        return;
    }
    selectFeature(*pick->layer, *pick->featureId);
}

bool InspectorController::selectFeature(data::LayerId layer, std::int64_t featureId)
{
    if (!m_view || !m_session)
        return false;
    const std::optional<data::LayerKind> kind = m_session->scene().layerKind(layer);
    if (kind == data::LayerKind::Model)
        return selectModelFeature(layer, featureId);
    if (!hasOgrFeatures(kind)) {
        clearSelection();
        return false;
    }
    focusLayer(layer);
    osg::Node* node = m_session->scene().layerNode(layer);
    setHighlight(node, featureId, false);
    m_layer = layer;
    m_feature = featureId;
    m_selectedName.clear();
    m_view->update();
    if (m_dock)
        m_dock->featureActions()->setTarget(layer, featureId);
    readAttributes(layer, featureId);
    emit selectionChanged(m_feature);
    return true;
}

void InspectorController::clearSelection()
{
    ++m_generation; // a read still running belongs to the old selection
    setHighlight(nullptr, std::nullopt, false);
    const bool had = m_feature.has_value();
    m_layer.reset();
    m_feature.reset();
    m_selectedName.clear();
    if (m_dock) {
        m_dock->clear();
        m_dock->modelTree()->setCurrentFeature(std::nullopt);
        // The actions keep their layer: Show All must still reach what was just hidden.
        m_dock->featureActions()->setTarget(m_dock->featureActions()->targetLayer(), std::nullopt);
    }
    if (m_view)
        m_view->update();
    if (had)
        emit selectionChanged(std::nullopt);
}

bool InspectorController::flyToAt(const QPoint& pos)
{
    if (!m_view)
        return false;
    const std::optional<scene::PickResult> pick = m_view->pick(pos);
    if (!pick)
        return false;
    data::SavedView v = m_view->view();
    v.target = pick->point;
    v.rangeM = std::clamp(v.rangeM, kMinFlyToRangeM, kFlyToRangeM);
    m_view->setView(v, true);
    return true;
}

void InspectorController::readAttributes(data::LayerId layer, std::int64_t featureId)
{
    const quint64 generation = ++m_generation;
    const data::LayerSettings* settings = m_session->project().layer(layer);
    const QString layerName = settings ? settings->name : QString();
    if (m_dock)
        m_dock->showReading(layerName, featureId);
    if (!settings)
        return;
    const QString path = loader::resolveSource(settings->sourceUri, m_session->path());
    using Shared = std::shared_ptr<AttributesResult>;
    auto* watcher = new QFutureWatcher<Shared>(this);
    ++m_pending;
    connect(watcher, &QFutureWatcher<Shared>::finished, this, [this, watcher, generation, layerName, featureId] {
        watcher->deleteLater();
        --m_pending;
        if (generation != m_generation)
            return; // the user selected something else meanwhile
        const Shared result = watcher->result();
        if (!result->isOk()) {
            qCWarning(lcGui) << "inspector:" << result->status().message();
            if (m_dock)
                m_dock->showError(layerName, featureId, result->status().message());
            return;
        }
        for (const auto& [field, value] : result->value().fields)
            if (field.compare(QLatin1String("name"), Qt::CaseInsensitive) == 0)
                m_selectedName = value;
        gis::FeatureAttributes attributes = result->value();
        if (m_session && m_layer && m_session->scene().layerKind(*m_layer) == data::LayerKind::Pipes) {
            // Ages count at the scene clock's year, so a replay of 2015 shows the pipe as it was then.
            const int year = data::referenceYearOf(m_session->scene().time());
            const QString age = pipeAgeText(pipeInstallYear(*m_session, *m_layer, featureId, attributes), year);
            if (!age.isEmpty())
                attributes.fields.emplace_back(tr("Age"), age);
        }
        if (m_dock)
            m_dock->showAttributes(layerName, featureId, attributes);
    });
    // GDAL opens its own handle in the worker: a slow or remote source never blocks the UI.
    watcher->setFuture(QtConcurrent::run(
        [path, featureId]() { return std::make_shared<AttributesResult>(gis::readFootprintAttributes(path, featureId)); }));
}

void InspectorController::showToolTip(const QPoint& pos, const QPoint& globalPos)
{
    QString text;
    if (m_view && m_session) {
        const std::optional<scene::PickResult> pick = m_view->pick(pos);
        const std::optional<data::LayerKind> kind =
            pick && pick->layer ? m_session->scene().layerKind(*pick->layer) : std::nullopt;
        if (kind == data::LayerKind::Model && pick->featureId) {
            text = modelToolTip(*pick->layer, *pick->featureId);
        } else if (pick && pick->layer && pick->featureId && hasOgrFeatures(kind)) {
            const data::LayerSettings* layer = m_session->project().layer(*pick->layer);
            text = tr("%1 #%2").arg(layer ? layer->name : QString()).arg(*pick->featureId);
            // Names come from the source: only the selection's is at hand without a read.
            if (pick->layer == m_layer && pick->featureId == m_feature && !m_selectedName.isEmpty())
                text = m_selectedName + QLatin1Char('\n') + text;
        }
    }
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(globalPos, text, m_view);
}

} // namespace citytwin::app
