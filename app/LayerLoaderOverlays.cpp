// Events and assets from the project store (loadEvents, loadAssets).
#include "app/LayerLoader.h"

#include "data/ProjectStore.h"
#include "data/SensorAlarms.h"
#include "scene/SceneBuilders.h"

#include <QCoreApplication>
#include <utility>

namespace citytwin::app::loader {

namespace {

using data::Status;

struct LayerLoader
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::LayerLoader)
};

} // namespace

NodeResult loadEvents(const data::LayerSettings& layer, const JobContext& ctx, const data::ElevationGrid* dem)
{
    auto store = openStoreSource(layer, ctx, "store:events", LayerLoader::tr("events"));
    if (!store)
        return store.status();
    // Only what the markers draw, by id: a third of events()' time for 1M events (descriptions,
    // sources and staff are read per picked event, ProjectStore::event). One thread: reading the
    // id range in two halves on two connections was no faster on 2 cores (page faults contend).
    auto events = (*store)->eventMarkers();
    if (!events)
        return events.status();
    if (ctx.cancelled())
        return cancelledStatus();
    if (dem)
        for (data::Event& e : *events)
            putOnGround(e.position, dem);
    // Window or accumulate comes from the layer's temporal settings; filters are the dock's (live only).
    scene::EventMarkerOptions options;
    options.accumulate = layer.temporal.accumulate;
    osg::ref_ptr<osg::Node> node = scene::buildEventMarkers(*events, ctx.origin, ctx.epoch, options);
    if (!node)
        return Status::error(Status::Code::Internal, LayerLoader::tr("the event markers could not be built"));
    return node;
}

NodeResult loadAssets(const data::LayerSettings& layer, const JobContext& ctx, const data::ElevationGrid* dem)
{
    auto store = openStoreSource(layer, ctx, "store:assets", LayerLoader::tr("assets"));
    if (!store)
        return store.status();
    auto assets = (*store)->assets();
    if (!assets)
        return assets.status();
    if (ctx.cancelled())
        return cancelledStatus();
    for (data::Asset& a : *assets)
        putOnGround(a.position, dem);
    auto thresholds = (*store)->thresholds();
    if (!thresholds)
        return thresholds.status();
    // Only sensors with a threshold can alarm: their readings alone are read. The store has no
    // bulk readings query yet, so one indexed query per watched sensor.
    data::SensorAlarms alarms(*assets, *thresholds);
    for (const std::int64_t sensor : alarms.watchedSensors()) {
        if (ctx.cancelled())
            return cancelledStatus();
        auto readings = (*store)->sensorReadings(sensor);
        if (!readings)
            return readings.status();
        alarms.addReadings(*readings);
    }
    osg::ref_ptr<osg::Node> node = scene::buildAssetMarkers(*assets, ctx.origin, std::move(alarms), ctx.epoch);
    if (!node)
        return Status::error(Status::Code::Internal, LayerLoader::tr("the asset markers could not be built"));
    return node;
}

} // namespace citytwin::app::loader
