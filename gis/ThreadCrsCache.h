#pragma once

#include "data/Result.h"
#include "gis/CrsTransformer.h"

#include <QString>

namespace citytwin::gis {

//! A CrsTransformer for SOURCE → TARGET owned by the calling thread and kept for the thread's
//! life: creating one can take 0.7 s (EPSG:4978 → EPSG:4549 searches PROJ's database for datum
//! operations), far too slow to repeat for every 3D Tiles content file. The pointer stays
//! valid until the thread ends; use it on this thread only. Failures are not cached.
data::Result<const CrsTransformer*> threadCrsTransformer(const QString& source, const QString& target);

} // namespace citytwin::gis
