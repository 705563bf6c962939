// People and their GPS tracks from the project store (loadPeople).
#include "app/LayerLoader.h"
#include "app/TemporalPanel.h"
#include "data/ProjectStore.h"
#include "scene/PeopleLayer.h"

#include <QCoreApplication>
#include <algorithm>

namespace citytwin::app::loader {

namespace {

using data::Status;

struct LayerLoader
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::LayerLoader)
};

} // namespace

NodeResult loadPeople(const data::LayerSettings& layer, const JobContext& ctx, const data::ElevationGrid* dem)
{
    auto store = openStoreSource(layer, ctx, "store:people", LayerLoader::tr("people"));
    if (!store)
        return store.status();
    auto people = (*store)->people();
    if (!people)
        return people.status();
    if (ctx.cancelled())
        return cancelledStatus();
    auto tracks = (*store)->trackPoints();
    if (!tracks)
        return tracks.status();
    if (ctx.cancelled())
        return cancelledStatus();
    // Field staff walk on the ground: fixes without a height (imported: z 0) are put on the DEM.
    for (data::TrackPoint& p : *tracks)
        putOnGround(p.position, dem);
    // The layer's time settings: trail length (temporal) and the gap limit (style, TemporalPanel).
    scene::PeopleOptions options;
    options.trailSeconds = double(std::max<data::TimeMs>(0, layer.temporal.trailLengthMs)) / 1000.0;
    options.maxGapSeconds = TemporalPanel::maxGapSeconds(layer);
    osg::ref_ptr<osg::Node> node =
        scene::PeopleLayer::build(*people, *tracks, ctx.origin, ctx.epoch, options);
    if (!node)
        return Status::error(Status::Code::Internal, LayerLoader::tr("the people layer could not be built"));
    return node;
}

} // namespace citytwin::app::loader
