#include "app/LayerLoader.h"

#include <QCoreApplication>

// Interim: the point facility and underground space loaders land with their readers and builders.
namespace citytwin::app::loader {

NodeResult loadManholes(const data::LayerSettings& layer, const JobContext&, const data::ElevationGrid*,
                        const std::vector<data::LayerSettings>&)
{
    return data::Status::error(data::Status::Code::Unsupported,
                               QCoreApplication::translate("UndergroundLoader", "%1: manhole layers are not supported yet").arg(layer.sourceUri));
}

NodeResult loadUndergroundSpaces(const data::LayerSettings& layer, const JobContext&, const data::ElevationGrid*)
{
    return data::Status::error(data::Status::Code::Unsupported,
                               QCoreApplication::translate("UndergroundLoader", "%1: underground space layers are not supported yet").arg(layer.sourceUri));
}

} // namespace citytwin::app::loader
