#pragma once

// The transformation from an OGR layer's CRS to the project CRS, shared by the vector readers;
// internal to gis/.

#include "data/Result.h"
#include "gis/GdalHandles.h"

#include <QString>

class OGRLayer;

namespace citytwin::gis {

//! From LAYER's CRS (or ASSUMEDSOURCECRS when the layer declares none) to PROJECTCRS, both with
//! x = east/lon axis order; null when the two are the same. Unsupported naming PATH when the layer
//! has no CRS and none is assumed ("so its WHAT cannot be placed") or PROJ cannot transform.
data::Result<CoordinateTransformationPtr> layerToProjectTransform(OGRLayer& layer, const QString& projectCrs,
                                                                  const QString& assumedSourceCrs,
                                                                  const QString& path, const QString& what);

} // namespace citytwin::gis
