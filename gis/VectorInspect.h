#pragma once

#include "data/Result.h"

#include <QString>

namespace citytwin::gis {

//! The kind of geometry a vector source's first layer declares (or, for layers that declare
//! "unknown", its first feature has): what decides whether it becomes a buildings layer
//! (polygons) or a pipes layer (lines) when it is added.
enum class VectorGeometry { Point, Line, Polygon, Other };

//! Reads PATH's header (and at most one feature); errors name the file.
data::Result<VectorGeometry> inspectVectorGeometry(const QString& path);

} // namespace citytwin::gis
