#include "app/LayerLoader.h"
#include "app/ProjectSession.h"
#include "app/RunOnPool.h"
#include "gis/FieldValues.h"
#include "gis/LocalFrame.h"
#include "gis/PipeReader.h"
#include "scene/FeatureStyler.h"
#include "scene/ModelFeatureIndex.h"
#include "scene/TilesetNode.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QThreadPool>
#include <algorithm>
#include <unordered_set>

// Model layers (features for the inspector, placement) and feature styling of building and
// model layers. Styles change per-vertex colours and uniforms of the live node: never a rebuild.

namespace citytwin::app {

using data::LayerId;
using data::LayerKind;
using data::Status;

namespace {

const QString kFeatureStyleKey = QStringLiteral("featureStyle");
const QString kPlacementKey = QStringLiteral("placement");

//! Kinds whose live node is merged feature geometry that FeatureStyler colours.
bool isStyleable(LayerKind kind)
{
    return kind == LayerKind::Buildings || kind == LayerKind::Model || kind == LayerKind::Pipes;
}

osg::Vec4f toVec(const std::array<float, 4>& c)
{
    return {c[0], c[1], c[2], c[3]};
}

//! Every feature outside STOREY's subtree (the storey's own descendants stay visible).
std::unordered_set<std::int64_t> outsideStorey(const std::vector<data::ModelFeature>& features, std::int64_t storey)
{
    std::unordered_map<std::int64_t, std::int64_t> parentOf;
    for (const data::ModelFeature& f : features)
        parentOf[f.id] = f.parent;
    std::unordered_set<std::int64_t> hidden;
    for (const data::ModelFeature& f : features) {
        bool inside = false;
        std::int64_t p = f.id;
        for (int depth = 0; p >= 0 && depth < 64; ++depth) { // depth cap: a parent cycle cannot hang us
            if (p == storey) {
                inside = true;
                break;
            }
            const auto it = parentOf.find(p);
            p = it == parentOf.end() ? -1 : it->second;
        }
        if (!inside)
            hidden.insert(f.id);
    }
    return hidden;
}

} // namespace

std::vector<data::ModelFeature> ProjectSession::modelFeatures(LayerId id) const
{
    const scene::ModelFeatureIndex* index = scene::modelFeatureIndex(m_scene->layerNode(id));
    return index ? index->features() : std::vector<data::ModelFeature>{};
}

std::optional<data::ModelFeature> ProjectSession::modelFeature(LayerId id, std::int64_t featureId) const
{
    const scene::ModelFeatureIndex* index = scene::modelFeatureIndex(m_scene->layerNode(id));
    return index ? index->feature(featureId) : std::nullopt;
}

QStringList ProjectSession::styleFields(LayerId id) const
{
    const data::LayerSettings* layer = m_project.layer(id);
    if (!layer)
        return {};
    if (layer->kind == LayerKind::Buildings || layer->kind == LayerKind::Pipes) {
        auto names = gis::readFieldNames(resolvedSource(*layer));
        return names ? *names : QStringList{};
    }
    QStringList fields;
    if (const scene::ModelFeatureIndex* index = scene::modelFeatureIndex(m_scene->layerNode(id))) {
        for (const QString& name : index->attributeNames())
            fields << name;
    }
    return fields;
}

data::FeatureStyle ProjectSession::featureStyle(LayerId id) const
{
    data::FeatureStyle style;
    if (const data::LayerSettings* layer = m_project.layer(id))
        data::fromJson(layer->style.value(kFeatureStyleKey).toObject(), style);
    return style;
}

void ProjectSession::setFeatureStyle(LayerId id, const data::FeatureStyle& style)
{
    data::LayerSettings* layer = m_project.layer(id);
    if (!layer || !isStyleable(layer->kind))
        return;
    data::FeatureStyle stored = style;
    std::sort(stored.hidden.begin(), stored.hidden.end());
    stored.hidden.erase(std::unique(stored.hidden.begin(), stored.hidden.end()), stored.hidden.end());
    if (featureStyle(id) != stored || !layer->style.contains(kFeatureStyleKey)) {
        layer->style.insert(kFeatureStyleKey, data::toJson(stored));
        setModified(true);
        emit layerChanged(id);
    }
    applyFeatureStyle(id);
}

data::StyleClassification ProjectSession::styleClassification(LayerId id) const
{
    const auto it = m_styleLegends.find(id);
    return it == m_styleLegends.end() ? data::StyleClassification{} : it->second;
}

QString ProjectSession::styleError(LayerId id) const
{
    const auto it = m_styleErrors.find(id);
    return it == m_styleErrors.end() ? QString() : it->second;
}

void ProjectSession::applyFeatureStyle(LayerId id)
{
    const data::LayerSettings* layer = m_project.layer(id);
    osg::Node* node = m_scene->layerNode(id);
    if (!layer || !node || !isStyleable(layer->kind))
        return;
    const data::FeatureStyle style = featureStyle(id);
    const quint64 generation = ++m_styleGenerations[id];
    m_styleErrors.erase(id);
    if (style.mode == data::StyleMode::Single || style.field.isEmpty()) {
        writeFeatureStyle(id, style, {});
        return;
    }
    if (layer->kind == LayerKind::Model) {
        writeFeatureStyle(id, style, data::classify(data::modelFieldValues(modelFeatures(id), style.field), style));
        return;
    }
    // Buildings and pipes: the field values come from the file, read on a worker.
    using Values = data::Result<std::vector<std::pair<std::int64_t, QString>>>;
    const QString path = resolvedSource(*layer);
    runOnPool<Values>(
        this, m_pool.get(), [path, field = style.field]() { return gis::readFieldValues(path, field); },
        [this, id, generation, style](Values values) {
            const auto it = m_styleGenerations.find(id);
            if (it == m_styleGenerations.end() || it->second != generation || !m_project.layer(id))
                return; // a newer style or the layer is gone
            if (!values) {
                m_styleErrors[id] = values.status().message();
                writeFeatureStyle(id, style, {});
                return;
            }
            writeFeatureStyle(id, style, data::classify(*values, style));
        });
}

void ProjectSession::writeFeatureStyle(LayerId id, const data::FeatureStyle& style,
                                       const data::StyleClassification& classes)
{
    osg::Node* node = m_scene->layerNode(id);
    if (!node)
        return;
    std::unordered_map<std::int64_t, osg::Vec4f> colours;
    colours.reserve(classes.classOf.size());
    for (const auto& [feature, cls] : classes.classOf)
        colours.emplace(feature, toVec(classes.classes[size_t(cls)].colour));
    std::unordered_set<std::int64_t> hidden(style.hidden.begin(), style.hidden.end());
    if (style.isolatedStorey) {
        const auto outside = outsideStorey(modelFeatures(id), *style.isolatedStorey);
        hidden.insert(outside.begin(), outside.end());
    }
    if (auto* tileset = dynamic_cast<scene::TilesetNode*>(node)) {
        // Tiles merged later are coloured by the classes of the features loaded now.
        tileset->setFeatureStyle(
            [colours](const data::ModelFeature& f) -> std::optional<osg::Vec4f> {
                const auto it = colours.find(f.id);
                return it == colours.end() ? std::nullopt : std::optional<osg::Vec4f>(it->second);
            },
            hidden, style.wireframe);
    } else {
        scene::setFeatureColours(node, colours);
        scene::setFeaturesHidden(node, hidden);
        scene::setWireframe(node, style.wireframe);
    }
    m_styleLegends[id] = classes;
    emit featureStyleApplied(id);
}

ProjectSession::FootprintHeights ProjectSession::footprintHeights(LayerId id) const
{
    FootprintHeights heights;
    const data::LayerSettings* layer = m_project.layer(id);
    if (!layer)
        return heights;
    if (const QString f = layer->style.value(QStringLiteral("heightField")).toString(); !f.isEmpty())
        heights.heightField = f;
    if (const QString f = layer->style.value(QStringLiteral("floorsField")).toString(); !f.isEmpty())
        heights.floorsField = f;
    if (const double storey = layer->style.value(QStringLiteral("storeyHeight")).toDouble(); storey > 0)
        heights.storeyHeightM = storey;
    return heights;
}

void ProjectSession::setFootprintHeights(LayerId id, const FootprintHeights& heights)
{
    data::LayerSettings* layer = m_project.layer(id);
    if (!layer || layer->kind != LayerKind::Buildings || footprintHeights(id) == heights)
        return;
    layer->style.insert(QStringLiteral("heightField"), heights.heightField);
    layer->style.insert(QStringLiteral("floorsField"), heights.floorsField);
    layer->style.insert(QStringLiteral("storeyHeight"), std::clamp(heights.storeyHeightM, 1.0, 20.0));
    setModified(true);
    emit layerChanged(id);
    reloadLayer(id);
}

data::PipeMapping ProjectSession::pipeMapping(LayerId id) const
{
    data::PipeMapping mapping;
    if (const data::LayerSettings* layer = m_project.layer(id)) {
        const QJsonObject json = layer->style.value(QStringLiteral("pipeMapping")).toObject();
        if (!json.isEmpty())
            data::fromJson(json, mapping);
        else if (auto guessed = gis::guessPipeMapping(resolvedSource(*layer)))
            mapping = *guessed; // what the loader uses for a layer nobody mapped yet
    }
    return mapping;
}

void ProjectSession::setPipeMapping(LayerId id, const data::PipeMapping& mapping)
{
    data::LayerSettings* layer = m_project.layer(id);
    if (!layer || layer->kind != LayerKind::Pipes || (pipeMapping(id) == mapping && layer->style.contains(QStringLiteral("pipeMapping"))))
        return;
    layer->style.insert(QStringLiteral("pipeMapping"), data::toJson(mapping));
    setModified(true);
    emit layerChanged(id);
    reloadLayer(id);
}

std::optional<data::ModelPlacement> ProjectSession::modelPlacement(LayerId id) const
{
    const data::LayerSettings* layer = m_project.layer(id);
    return layer ? loader::layerPlacement(*layer) : std::nullopt;
}

void ProjectSession::setModelPlacement(LayerId id, const std::optional<data::ModelPlacement>& placement)
{
    data::LayerSettings* layer = m_project.layer(id);
    if (!layer || layer->kind != LayerKind::Model || modelPlacement(id) == placement)
        return;
    if (placement)
        layer->style.insert(kPlacementKey, data::toJson(*placement));
    else
        layer->style.remove(kPlacementKey);
    setModified(true);
    emit layerChanged(id);
    reloadLayer(id);
}

void ProjectSession::reloadLayer(LayerId id)
{
    const data::LayerSettings* layer = m_project.layer(id);
    if (!layer)
        return;
    m_scene->removeLayer(id);
    m_styleLegends.erase(id);
    if (!m_started)
        return; // loads with the rest
    beginLoadRound();
    startLayer(*layer);
    emit loadProgress(m_loadDone, m_loadTotal);
    checkFinished();
}

std::optional<data::ModelPlacement> ProjectSession::defaultPlacement() const
{
    auto frame = gis::LocalFrame::create(m_project);
    if (!frame)
        return std::nullopt;
    auto origin = frame->toGeographic({0.0, 0.0, 0.0});
    if (!origin)
        return std::nullopt;
    data::ModelPlacement placement;
    placement.origin = {origin->lon, origin->lat, 0.0};
    placement.heightFromTerrain = true;
    return placement;
}

} // namespace citytwin::app
