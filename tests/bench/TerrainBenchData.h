#pragma once

#include "data/Points.h"
#include "data/Result.h"

#include <QString>

namespace citytwin::bench {

//! The two rasters a terrain benchmark scenario drapes: file paths in EPSG:4549.
struct TerrainFiles
{
    QString dem;
    QString imagery;
};

//! dem.tif and imagery.tif of the demo city in DIR, generating the demo there first when DIR has
//! no project yet (without events or people: only its rasters are used).
data::Result<TerrainFiles> demoTerrainFiles(const QString& dir);

//! A SIDEKM × SIDEKM km area around ORIGIN at 1 m imagery / 5 m DEM, as VRT mosaics of one
//! generated 4 × 4 km tile (JPEG-compressed tiled GeoTIFF with overviews, periodic so the
//! copies join; the VRTs list overview VRTs of the tile's overviews) in DIR; reused when DIR already holds a
//! complete set.
data::Result<TerrainFiles> largeTerrainFiles(const QString& dir, const data::ProjectedPoint& origin,
                                             int sideKm = 40);

} // namespace citytwin::bench
