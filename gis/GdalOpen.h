#pragma once

// Opening GDAL/OGR datasets with citytwin's checks and error wording; internal to gis/.

#include "data/Result.h"
#include "gis/GdalHandles.h"

#include <QString>

namespace citytwin::gis {

//! Opens PATH read-only as a raster: refuses network sources, says "does not exist" / "is empty" /
//! "not a raster GDAL can read (GDAL's reason)" naming the file.
//! OVERVIEWLEVEL >= 0 opens that overview as if it were the dataset (GDAL's OVERVIEW_LEVEL option).
data::Result<DatasetPtr> openRasterDataset(const QString& path, int overviewLevel = -1);
//! The same for vector sources (OGR).
data::Result<DatasetPtr> openVectorDataset(const QString& path);

} // namespace citytwin::gis
