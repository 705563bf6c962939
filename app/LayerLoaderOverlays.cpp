// Events and assets from the project store (loadEvents, loadAssets).
#include "app/LayerLoader.h"

#include "data/ProjectStore.h"
#include "scene/SceneBuilders.h"

#include <QCoreApplication>

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
    if (layer.sourceUri != QLatin1String("store:events"))
        return Status::error(
            Status::Code::Unsupported,
            LayerLoader::tr("events can only come from the project file (source 'store:events'), not '%1'")
                .arg(layer.sourceUri));
    // One ProjectStore per thread: the job opens its own read-only connection.
    auto store = data::ProjectStore::open(ctx.projectFile, data::ProjectStore::Mode::ReadOnly);
    if (!store)
        return store.status();
    auto events = (*store)->events();
    if (!events)
        return events.status();
    if (ctx.cancelled())
        return cancelledStatus();
    for (data::Event& e : *events)
        putOnGround(e.position, dem);
    osg::ref_ptr<osg::Node> node = scene::buildEventMarkers(*events, ctx.origin, ctx.epoch);
    if (!node)
        return Status::error(Status::Code::Internal, LayerLoader::tr("the event markers could not be built"));
    return node;
}

NodeResult loadAssets(const data::LayerSettings& layer, const JobContext& ctx, const data::ElevationGrid* dem)
{
    if (const Status source = checkStoreSource(layer, "store:assets", LayerLoader::tr("assets")); !source)
        return source;
    auto store = data::ProjectStore::open(ctx.projectFile, data::ProjectStore::Mode::ReadOnly);
    if (!store)
        return store.status();
    auto assets = (*store)->assets();
    if (!assets)
        return assets.status();
    if (ctx.cancelled())
        return cancelledStatus();
    for (data::Asset& a : *assets)
        putOnGround(a.position, dem);
    osg::ref_ptr<osg::Node> node = scene::buildAssetMarkers(*assets, ctx.origin);
    if (!node)
        return Status::error(Status::Code::Internal, LayerLoader::tr("the asset markers could not be built"));
    return node;
}

} // namespace citytwin::app::loader
