#include "app/FeatureVisibilityActions.h"

#include "app/ProjectSession.h"

#include <QAction>
#include <algorithm>
#include <unordered_map>

namespace citytwin::app {

namespace {

bool isStorey(const data::ModelFeature& feature)
{
    // IFC "IfcBuildingStorey"; CityGML 3 "Storey" / "BuildingStorey".
    return feature.type.endsWith(QLatin1String("Storey"), Qt::CaseInsensitive);
}

} // namespace

FeatureVisibilityActions::FeatureVisibilityActions(QObject* parent) : QObject(parent)
{
    m_hide = new QAction(this);
    m_hide->setObjectName(QStringLiteral("hideSelectedAction"));
    m_showAll = new QAction(this);
    m_showAll->setObjectName(QStringLiteral("showAllFeaturesAction"));
    m_isolate = new QAction(this);
    m_isolate->setObjectName(QStringLiteral("isolateStoreyAction"));
    m_allStoreys = new QAction(this);
    m_allStoreys->setObjectName(QStringLiteral("showAllStoreysAction"));
    connect(m_hide, &QAction::triggered, this, &FeatureVisibilityActions::hideSelected);
    connect(m_showAll, &QAction::triggered, this, &FeatureVisibilityActions::showAll);
    connect(m_isolate, &QAction::triggered, this, &FeatureVisibilityActions::isolateStorey);
    connect(m_allStoreys, &QAction::triggered, this, &FeatureVisibilityActions::showAllStoreys);
    retranslate();
    updateEnabled();
}

void FeatureVisibilityActions::setSession(ProjectSession* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_layer.reset();
    m_feature.reset();
    if (session) {
        // The style can change elsewhere too (Layer Properties, loading): keep the enabled states true.
        connect(session, &ProjectSession::featureStyleApplied, this,
                &FeatureVisibilityActions::updateEnabled);
        connect(session, &ProjectSession::layersChanged, this, [this] {
            if (m_layer && (!m_session || !m_session->project().layer(*m_layer)))
                setTarget(std::nullopt, std::nullopt);
        });
    }
    updateEnabled();
}

void FeatureVisibilityActions::setTarget(std::optional<data::LayerId> layer,
                                         std::optional<std::int64_t> feature)
{
    m_layer = layer;
    m_feature = layer ? feature : std::nullopt;
    updateEnabled();
}

void FeatureVisibilityActions::retranslate()
{
    m_hide->setText(tr("&Hide Selected"));
    m_hide->setToolTip(tr("Hide the selected feature (Show All brings it back)"));
    m_showAll->setText(tr("Show &All"));
    m_showAll->setToolTip(tr("Show the features hidden in this layer"));
    m_isolate->setText(tr("&Isolate Storey"));
    m_isolate->setToolTip(tr("Show only the storey of the selected element"));
    m_allStoreys->setText(tr("Show All &Storeys"));
    m_allStoreys->setToolTip(tr("End the storey isolation"));
}

bool FeatureVisibilityActions::hideSelected()
{
    if (!m_session || !m_layer || !m_feature)
        return false;
    data::FeatureStyle style = m_session->featureStyle(*m_layer);
    const auto at = std::lower_bound(style.hidden.begin(), style.hidden.end(), *m_feature);
    if (at != style.hidden.end() && *at == *m_feature)
        return false;
    style.hidden.insert(at, *m_feature); // FeatureStyle keeps hidden sorted and unique
    m_session->setFeatureStyle(*m_layer, style);
    m_feature.reset();
    updateEnabled();
    emit selectionHidden();
    return true;
}

bool FeatureVisibilityActions::showAll()
{
    if (!m_session || !m_layer)
        return false;
    data::FeatureStyle style = m_session->featureStyle(*m_layer);
    if (style.hidden.empty())
        return false;
    style.hidden.clear();
    m_session->setFeatureStyle(*m_layer, style);
    updateEnabled();
    return true;
}

bool FeatureVisibilityActions::isolateStorey()
{
    const std::optional<std::int64_t> storey = selectedStorey();
    if (!storey)
        return false;
    data::FeatureStyle style = m_session->featureStyle(*m_layer);
    if (style.isolatedStorey == storey)
        return false;
    style.isolatedStorey = storey;
    m_session->setFeatureStyle(*m_layer, style);
    updateEnabled();
    return true;
}

bool FeatureVisibilityActions::showAllStoreys()
{
    if (!m_session || !m_layer)
        return false;
    data::FeatureStyle style = m_session->featureStyle(*m_layer);
    if (!style.isolatedStorey)
        return false;
    style.isolatedStorey.reset();
    m_session->setFeatureStyle(*m_layer, style);
    updateEnabled();
    return true;
}

std::optional<std::int64_t>
FeatureVisibilityActions::storeyOf(const std::vector<data::ModelFeature>& features, std::int64_t id)
{
    std::unordered_map<std::int64_t, const data::ModelFeature*> byId;
    byId.reserve(features.size());
    for (const data::ModelFeature& f : features)
        byId.emplace(f.id, &f);
    // Bounded walk: a broken file with a parent cycle must not hang the UI.
    for (std::size_t steps = 0; steps <= features.size(); ++steps) {
        const auto it = byId.find(id);
        if (it == byId.end())
            return std::nullopt;
        if (isStorey(*it->second))
            return id;
        id = it->second->parent;
    }
    return std::nullopt;
}

std::optional<std::int64_t> FeatureVisibilityActions::selectedStorey() const
{
    if (!m_session || !m_layer || !m_feature)
        return std::nullopt;
    const data::LayerSettings* layer = m_session->project().layer(*m_layer);
    if (!layer || layer->kind != data::LayerKind::Model)
        return std::nullopt;
    return storeyOf(m_session->modelFeatures(*m_layer), *m_feature);
}

void FeatureVisibilityActions::updateEnabled()
{
    const bool haveLayer = m_session && m_layer && m_session->project().layer(*m_layer);
    const data::FeatureStyle style = haveLayer ? m_session->featureStyle(*m_layer) : data::FeatureStyle{};
    m_hide->setEnabled(haveLayer && m_feature.has_value());
    m_showAll->setEnabled(haveLayer && !style.hidden.empty());
    const std::optional<std::int64_t> storey = haveLayer ? selectedStorey() : std::nullopt;
    m_isolate->setEnabled(storey.has_value() && style.isolatedStorey != storey);
    m_allStoreys->setEnabled(haveLayer && style.isolatedStorey.has_value());
}

} // namespace citytwin::app
