#pragma once

// The feature loop the vector readers share (footprints, pipes, facilities, underground spaces);
// internal to gis/.

#include "data/Status.h"

#include <QString>
#include <cstdint>
#include <functional>

class OGRFeature;
class OGRLayer;

namespace citytwin::gis {

//! Feeds every feature of LAYER (from the start) to READ with its sequence number (0, 1, … in
//! reading order). A truncated or corrupt file typically yields the features before the damage,
//! then a GDAL error: a half-read layer is worse than a clear failure, so any GDAL error while
//! reading fails the whole read (FormatError naming PATH, how many features came first and GDAL's
//! words).
data::Status readEveryFeature(OGRLayer& layer, const QString& path,
                              const std::function<void(OGRFeature&, std::int64_t)>& read);

} // namespace citytwin::gis
