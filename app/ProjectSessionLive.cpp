// Time-aware overlay layers at run time. Live mode: overlay rows another connection committed
// reach the loaded layers without a reload (ProjectSession::applyOverlayDelta; app/OverlayLiveWatcher
// polls the file for them). Temporal edits (setLayerTemporal) reach them without a rebuild either.
#include "app/ProjectSession.h"

#include "app/GuiLog.h"
#include "app/LayerLoader.h"
#include "scene/AssetAlarmLayer.h"
#include "scene/FeatureTimes.h"
#include "scene/PeopleLayer.h"
#include "scene/SceneBuilders.h"

namespace citytwin::app {

using data::LayerId;
using data::LayerKind;

void ProjectSession::applyOverlayDelta(const data::OverlayDelta& delta)
{
    // An import that replaced rows (OverlayWriter::clear) since the layers' revision: the delta
    // holds the new rows but cannot say which old ones went, so those layers load again.
    const data::Result<std::int64_t> cleared = m_store->overlayClearedRevision();
    const bool replaced = cleared && *cleared > delta.fromRevision;
    // The revision moved but no revisioned row came: rows without a revision of their own changed
    // (thresholds). The asset layers derive their alarms from them, so they load again (small).
    const bool unrevisioned = delta.isEmpty() && delta.toRevision > delta.fromRevision;
    if (delta.isEmpty() && !replaced && !unrevisioned)
        return;
    // Imported rows carry no height (z 0): they stand on the DEM like the loaders put them.
    const data::ElevationGrid* dem = terrain();
    std::vector<data::Event> events = delta.events;
    for (data::Event& e : events)
        loader::putOnGround(e.position, dem);
    std::vector<data::TrackPoint> points = delta.trackPoints;
    for (data::TrackPoint& p : points)
        loader::putOnGround(p.position, dem);

    std::vector<LayerId> touched;
    std::vector<LayerId> reload;
    for (const data::LayerSettings& layer : m_project.layers()) {
        // A layer still loading reads the store itself; one that failed or is not loaded has no node.
        if (layerState(layer.id) != LayerState::Ready)
            continue;
        osg::Node* node = m_scene->layerNode(layer.id);
        if (!node)
            continue;
        const bool overlay = layer.kind == LayerKind::People || layer.kind == LayerKind::Events ||
                             layer.kind == LayerKind::Assets;
        if (replaced && overlay) {
            reload.push_back(layer.id);
            continue;
        }
        switch (layer.kind) {
        case LayerKind::People:
            if (delta.people.empty() && points.empty())
                break;
            if (scene::PeopleLayer* people = scene::PeopleLayer::of(node)) {
                people->appendSamples(delta.people, points);
                touched.push_back(layer.id);
            } else {
                reload.push_back(layer.id);
            }
            break;
        case LayerKind::Events:
            if (events.empty())
                break;
            if (scene::appendEventMarkers(node, events, m_project.origin, m_scene->epoch()))
                touched.push_back(layer.id);
            else
                reload.push_back(layer.id);
            break;
        case LayerKind::Assets:
            // New assets: the markers are one small geometry without an append API, and building
            // it again from the store is cheap (hundreds of assets; their readings come along).
            if (!delta.assets.empty() || unrevisioned) {
                reload.push_back(layer.id);
            } else if (!delta.sensorReadings.empty()) {
                // New readings only re-derive the alarms of the sensors they touch.
                if (scene::AssetAlarmLayer* alarms = scene::AssetAlarmLayer::of(node)) {
                    alarms->appendReadings(delta.sensorReadings);
                    touched.push_back(layer.id);
                }
            }
            break;
        default:
            break;
        }
    }
    qCDebug(lcGui) << "live delta" << delta.fromRevision << "->" << delta.toRevision << ":"
                   << delta.events.size() << "events," << delta.trackPoints.size() << "track points,"
                   << delta.assets.size() << "assets," << delta.sensorReadings.size() << "readings;"
                   << touched.size() << "layers appended," << reload.size() << "reloaded";
    for (LayerId id : reload)
        reloadLayer(id);
    for (LayerId id : touched)
        emit layerChanged(id); // the view draws again
}

void ProjectSession::setLayerTemporal(LayerId id, const data::TemporalSettings& temporal, const QJsonObject& style)
{
    data::LayerSettings* layer = m_project.layer(id);
    if (!layer || (layer->temporal == temporal && layer->style == style))
        return;
    const bool accumulateChanged = layer->temporal.accumulate != temporal.accumulate;
    data::TemporalSettings before = layer->temporal;
    before.accumulate = temporal.accumulate;
    const bool onlyAccumulate = before == temporal; // nothing else about the times changed
    layer->temporal = temporal;
    layer->style = style;
    if (layer->kind == LayerKind::Events && accumulateChanged)
        scene::setEventAccumulate(m_scene->layerNode(id), temporal.accumulate);
    const LayerKind kind = layer->kind;
    setModified(true);
    emit layerChanged(id);
    if (replaysFeatureTimes(kind)) {
        // The rule alone is a uniform; new fields or a new duration mean new spans (a re-read).
        osg::Node* node = m_scene->layerNode(id);
        if (!onlyAccumulate)
            applyFeatureTimes(id);
        else if (accumulateChanged && node && scene::hasFeatureTimes(node))
            scene::setFeatureTimeAccumulate(node, temporal.accumulate);
    }
}

} // namespace citytwin::app
