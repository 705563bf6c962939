#pragma once

#include "data/Model.h"
#include "data/Points.h"
#include "data/RasterSource.h"
#include "data/Result.h"

#include <QString>
#include <QStringList>
#include <array>
#include <vector>

namespace citytwin::gis {

//! One tile of a 3D Tiles tileset, its bounding volume already in the project CRS.
struct TilesetTile
{
    int parent = -1;                 //!< index into Tileset::tiles, -1 for the root
    std::vector<int> children;
    data::ProjectedPoint centre;     //!< bounding sphere enclosing the tile's box/region/sphere, project CRS
    double radius = 0.0;             //!< metres
    double geometricError = 0.0;     //!< metres (3D Tiles geometricError)
    bool refineAdd = false;          //!< refine "ADD" (children add to the parent) vs "REPLACE"
    QString contentPath;             //!< absolute path of the b3dm/glb content; empty: no content
    std::array<double, 16> transform{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}; //!< accumulated tile transform, column-major (ECEF)
};

//! A 3D Tiles 1.0/1.1 tileset: tile 0 is the root. External tilesets (content.uri ending in
//! .json) are read and spliced in as subtrees of the tile that references them.
struct Tileset
{
    QString path;                //!< the tileset.json read
    std::vector<TilesetTile> tiles;
    QStringList warnings;        //!< non-fatal ("tile 7: unsupported content 'x.pnts' skipped")
};

//! Reads PATH (tileset.json) and every external tileset it references, converting bounding
//! volumes (box, region in radians, sphere; with the tile transforms) into project-CRS bounding
//! spheres through PROJ. Errors, each naming the file: not JSON / no "root" / no "asset.version",
//! a reference cycle between tilesets, a missing external tileset or missing content file (the
//! first, and how many more), a bounding volume that is not finite or absurd (radius > 10,000 km
//! or a region outside ±π/±π/2), a negative geometric error, more than 1,000,000 tiles.
data::Result<Tileset> readTileset(const QString& path, const QString& projectCrs, const data::CancelToken& cancel = {});

//! Reads the content of TILE (b3dm, or glb in 3D Tiles 1.1) into the project CRS (gis/GltfReader.h
//! readB3dm/readGlbContent with the tile's transform). Feature ids start at 0 within the tile.
//! Unsupported content (pnts, i3dm, cmpt, subtrees) is an error naming the file and the format.
data::Result<data::Model> readTileContent(const TilesetTile& tile, const QString& projectCrs,
                                          const data::CancelToken& cancel = {});

} // namespace citytwin::gis
