#include "gis/OgrFeatureLoop.h"

#include "gis/GdalErrorCapture.h"

#include <ogrsf_frmts.h>

namespace citytwin::gis {

data::Status readEveryFeature(OGRLayer& layer, const QString& path,
                              const std::function<void(OGRFeature&, std::int64_t)>& read)
{
    GdalErrorCapture errors;
    layer.ResetReading();
    std::int64_t sequence = 0;
    for (OGRFeatureUniquePtr feature(layer.GetNextFeature()); feature; feature.reset(layer.GetNextFeature()))
        read(*feature, sequence++);
    if (errors.hasErrors())
        return data::Status::error(
            data::Status::Code::FormatError,
            QStringLiteral("%1: reading failed after %2 features, the file is truncated or "
                           "corrupt (%3)")
                .arg(path)
                .arg(sequence)
                .arg(errors.errors()));
    return {};
}

} // namespace citytwin::gis
