#pragma once
// Which bands of a GDAL raster make its imagery; internal to gis/ (RasterReader and the tile
// sources read imagery the same way).

#include "data/Result.h"

#include <QString>
#include <gdal_priv.h>
#include <vector>

namespace citytwin::gis {

//! Imagery band layout: which source bands are colour, which is alpha, whether a palette applies.
struct ImageryBands
{
    std::vector<int> colour; //!< 1 (grey/palette) or 3 (RGB) source bands, 1-based
    int alpha = 0;           //!< 0: none
    const GDALColorTable* palette = nullptr; //!< band 1's table when it is paletted; owned by DS
};

//! The layout of DS by colour interpretation (R, G, B, alpha; without one: bands 1-3 or band 1).
//! Fails, naming NAME, when a band it would use is not 8-bit.
data::Result<ImageryBands> imageryBands(GDALDataset& ds, const QString& name);

} // namespace citytwin::gis
