// Feature layers replayed by their time fields (Layer Properties → Time: start/end fields, or a
// start field + a duration). The spans go onto the live node as per-vertex times that the
// feature shaders test against the scene time: moving the timeline rebuilds nothing.
#include "app/GuiLog.h"
#include "app/ProjectSession.h"
#include "app/RunOnPool.h"
#include "gis/FeatureTimeSpans.h"
#include "gis/FieldValues.h"
#include "scene/FeatureTimes.h"
#include "scene/ModelFeatureIndex.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QThreadPool>
#include <QTimeZone>

namespace citytwin::app {

using data::LayerId;
using data::LayerKind;

bool ProjectSession::replaysFeatureTimes(LayerKind kind)
{
    // Manholes too: their shafts are merged like pipes (PipeGeometryBuilder), one feature id each.
    return kind == LayerKind::Buildings || kind == LayerKind::Pipes || kind == LayerKind::Model ||
           kind == LayerKind::UndergroundSpaces || kind == LayerKind::Manholes;
}

QStringList ProjectSession::temporalFields(LayerId id) const
{
    const data::LayerSettings* layer = m_project.layer(id);
    if (!layer || !replaysFeatureTimes(layer->kind))
        return {};
    if (layer->kind != LayerKind::Model) {
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

std::optional<ProjectSession::FeatureTimeSummary> ProjectSession::featureTimeSummary(LayerId id) const
{
    const auto it = m_timeSummaries.find(id);
    return it == m_timeSummaries.end() ? std::nullopt : std::optional<FeatureTimeSummary>(it->second);
}

QString ProjectSession::featureTimeError(LayerId id) const
{
    const auto it = m_timeErrors.find(id);
    return it == m_timeErrors.end() ? QString() : it->second;
}

void ProjectSession::applyFeatureTimes(LayerId id)
{
    const data::LayerSettings* layer = m_project.layer(id);
    osg::Node* node = m_scene->layerNode(id);
    if (!layer || !node || !replaysFeatureTimes(layer->kind))
        return;
    const quint64 generation = ++m_timeGenerations[id];
    const data::TemporalSettings temporal = layer->temporal;
    if (temporal.mode != data::TemporalMode::FeatureFields) {
        m_timeSummaries.erase(id);
        m_timeErrors.erase(id);
        if (scene::hasFeatureTimes(node)) {
            scene::setFeatureTimes(node, {}, m_scene->epoch(), temporal.accumulate);
            emit layerChanged(id);
        }
        emit featureTimesApplied(id);
        return;
    }
    if (temporal.startField.isEmpty()) {
        const QString why = tr("%1: no start field chosen for the layer's times").arg(layer->name);
        writeFeatureTimes(id, data::Status::error(data::Status::Code::InvalidArgument, why));
        return;
    }
    const QTimeZone zone = m_project.zone();
    if (layer->kind == LayerKind::Model) {
        const std::vector<data::ModelFeature> features = modelFeatures(id);
        const QStringList fields = temporalFields(id);
        for (const QString& field : {temporal.startField, temporal.endField}) {
            if (!field.isEmpty() && !fields.contains(field) && !data::ModelFeature::isBuiltInField(field)) {
                writeFeatureTimes(id, data::Status::error(data::Status::Code::InvalidArgument,
                                                          tr("%1: no feature has the attribute '%2'")
                                                              .arg(layer->name, field)));
                return;
            }
        }
        const auto end = temporal.endField.isEmpty() ? std::vector<std::pair<std::int64_t, QString>>{}
                                                     : data::modelFieldValues(features, temporal.endField);
        writeFeatureTimes(id, gis::featureTimeSpans(data::modelFieldValues(features, temporal.startField), end,
                                                    temporal.durationMs, zone));
        return;
    }
    // Buildings, pipes and underground spaces: the values come from the file, read on a worker.
    using Spans = data::Result<gis::FeatureTimeSpans>;
    const QString path = resolvedSource(*layer);
    ++m_timeReads;
    runOnPool<Spans>(
        this, m_pool.get(), [path, temporal, zone]() { return gis::readFeatureTimeSpans(path, temporal, zone); },
        [this, id, generation](Spans spans) {
            --m_timeReads;
            const auto it = m_timeGenerations.find(id);
            if (it == m_timeGenerations.end() || it->second != generation || !m_project.layer(id))
                return; // a newer temporal edit or the layer is gone
            writeFeatureTimes(id, spans);
        });
}

void ProjectSession::waitForFeatureTimes()
{
    // The results arrive as queued events: wait for them, not for user input.
    while (m_timeReads > 0)
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents | QEventLoop::WaitForMoreEvents);
}

void ProjectSession::writeFeatureTimes(LayerId id, const data::Result<gis::FeatureTimeSpans>& spans)
{
    const data::LayerSettings* layer = m_project.layer(id);
    osg::Node* node = m_scene->layerNode(id);
    if (!layer || !node)
        return; // unloaded meanwhile: attachNode applies the times to the next node
    // The accumulate flag as it is now: it may have been switched while the values were read.
    const bool accumulate = layer->temporal.accumulate;
    if (!spans) {
        m_timeSummaries.erase(id);
        m_timeErrors[id] = spans.status().message();
        scene::setFeatureTimes(node, {}, m_scene->epoch(), accumulate);
        qCWarning(lcGui) << "feature times of" << layer->name << ":" << spans.status().message();
        emit featureTimesApplied(id);
        return;
    }
    FeatureTimeSummary summary;
    summary.features = spans->features;
    summary.timed = std::int64_t(spans->spans.size());
    summary.withoutTime = spans->withoutTime;
    summary.unparsable = spans->unparsable;
    summary.firstUnparsable = spans->firstUnparsable;
    summary.endBeforeStart = spans->endBeforeStart;
    summary.extent = spans->extent;
    scene::setFeatureTimes(node, spans->spans, m_scene->epoch(), accumulate);
    m_timeErrors.erase(id);
    m_timeSummaries[id] = summary;
    qCDebug(lcGui) << "feature times of" << layer->name << ":" << summary.timed << "of" << summary.features
                   << "features timed," << summary.unparsable << "unreadable";
    emit featureTimesApplied(id);
    emit layerChanged(id); // the view draws again
}

} // namespace citytwin::app
