// InspectorController on model layers: synchronous attributes from the session, the dock's
// element tree, highlight through scene/FeatureStyler, hits on oblique (OSGB) tiles.
#include "app/InspectorController.h"

#include "app/FeatureVisibilityActions.h"
#include "app/InspectorDock.h"
#include "app/ModelTreeWidget.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"
#include "scene/CityScene.h"
#include "scene/FeatureStyler.h"
#include "scene/SceneBuilders.h"

#include <QMenu>

namespace citytwin::app {

bool InspectorController::selectModelFeature(data::LayerId layer, std::int64_t featureId)
{
    const std::optional<data::ModelFeature> feature = m_session->modelFeature(layer, featureId);
    if (!feature) {
        clearSelection();
        return false;
    }
    ++m_generation; // a building read still running belongs to the old selection
    focusLayer(layer);
    setHighlight(m_session->scene().layerNode(layer), featureId, true);
    m_layer = layer;
    m_feature = featureId;
    m_selectedName = feature->name;
    if (m_dock) {
        m_dock->showModelFeature(layerName(layer), *feature);
        m_dock->modelTree()->setCurrentFeature(featureId);
        m_dock->featureActions()->setTarget(layer, featureId);
    }
    m_view->update();
    emit selectionChanged(m_feature);
    return true;
}

void InspectorController::selectModelHit(const scene::PickResult& pick)
{
    // An oblique (OSGB) mesh has no features: what can be told is the layer, the tile and the point.
    const bool had = m_feature.has_value();
    ++m_generation;
    const data::LayerId layer = *pick.layer;
    focusLayer(layer);
    setHighlight(m_session->scene().layerNode(layer), std::nullopt, true);
    m_layer = layer;
    m_feature.reset();
    m_selectedName.clear();
    if (m_dock) {
        m_dock->showModelHit(layerName(layer), pick.nodeName, m_session->project().toProjected(pick.point));
        m_dock->modelTree()->setCurrentFeature(std::nullopt);
        m_dock->featureActions()->setTarget(layer, std::nullopt);
    }
    m_view->update();
    if (had)
        emit selectionChanged(std::nullopt);
}

void InspectorController::setHighlight(osg::Node* node, std::optional<std::int64_t> id, bool model)
{
    if (m_highlighted.valid()) {
        if (m_highlightIsModel)
            scene::setFeatureHighlight(m_highlighted.get(), std::nullopt);
        else
            scene::setBuildingsHighlight(m_highlighted.get(), std::nullopt);
    }
    m_highlighted = node;
    m_highlightIsModel = model;
    if (!node || !id)
        return;
    if (model)
        scene::setFeatureHighlight(node, id);
    else
        scene::setBuildingsHighlight(node, id);
}

void InspectorController::focusLayer(data::LayerId layer)
{
    if (!m_dock || !m_session)
        return;
    const data::LayerSettings* settings = m_session->project().layer(layer);
    if (!settings)
        return;
    if (settings->kind == data::LayerKind::Model) {
        showTree(layer);
    } else {
        m_treeLayer.reset();
        m_dock->modelTree()->setFeatures({});
        m_dock->setModelSectionVisible(false);
    }
    if (m_dock->featureActions()->targetLayer() != layer)
        m_dock->featureActions()->setTarget(layer, std::nullopt);
}

void InspectorController::showTree(data::LayerId layer)
{
    if (m_treeLayer == layer)
        return;
    m_treeLayer = layer;
    ModelTreeWidget* tree = m_dock->modelTree();
    tree->setFeatures(m_session->modelFeatures(layer));
    tree->setHiddenFeatures(m_session->featureStyle(layer).hidden);
    m_dock->setModelSectionVisible(true);
}

void InspectorController::onLayerStateChanged(data::LayerId layer)
{
    dropStaleSelection(); // a reload (new placement) replaces the node the selection was made on
    if (m_treeLayer != layer || !m_dock || !m_session)
        return;
    // The model was (re)loaded: its features may differ now.
    m_treeLayer.reset();
    showTree(layer);
    m_dock->modelTree()->setCurrentFeature(m_layer == layer ? m_feature : std::nullopt);
}

void InspectorController::onFeatureStyleApplied(data::LayerId layer)
{
    if (m_treeLayer == layer && m_dock && m_session)
        m_dock->modelTree()->setHiddenFeatures(m_session->featureStyle(layer).hidden);
}

void InspectorController::showContextMenu(const QPoint& pos, const QPoint& globalPos)
{
    if (!m_view || !m_dock || !m_session)
        return;
    // What the menu acts on is what was right-clicked, as in a file manager.
    const std::optional<scene::PickResult> hit = m_view->pick(pos);
    if (hit && hit->layer && (hit->layer != m_layer || hit->featureId != m_feature))
        selectAt(pos);
    if (!m_menu) {
        m_menu = new QMenu(m_view);
        m_menu->setObjectName(QStringLiteral("viewContextMenu"));
        m_menu->addActions(m_dock->featureActions()->actions());
    }
    m_menu->popup(globalPos); // not exec(): the view keeps drawing, and tests are not blocked
}

QString InspectorController::layerName(data::LayerId layer) const
{
    const data::LayerSettings* settings = m_session ? m_session->project().layer(layer) : nullptr;
    return settings ? settings->name : QString();
}

QString InspectorController::modelToolTip(data::LayerId layer, std::int64_t featureId) const
{
    const std::optional<data::ModelFeature> feature = m_session->modelFeature(layer, featureId);
    if (!feature)
        return {};
    const QString title =
        feature->name.isEmpty() ? feature->type : feature->type + QLatin1Char(' ') + feature->name;
    return tr("%1\n%2 #%3").arg(title, layerName(layer)).arg(featureId);
}

} // namespace citytwin::app
