#pragma once

#include "data/Points.h"
#include "data/Rasters.h"
#include "data/TileKey.h"

#include <optional>
#include <vector>

namespace citytwin::data {

//! A quadtree over a rectangle of the project CRS. Level 0 is rootCols × rootRows SQUARE tiles
//! of side rootSize, anchored at the north-west corner (minX, maxY); each level halves the side.
//! A plain value: cheap to copy, no GDAL/OSG, the same on every thread.
class TilingScheme
{
public:
    //! Deepest level the scheme answers (a 16 km root is 1 mm a tile there); deeper keys are outside.
    static constexpr int kMaxLevel = 24;
    //! Root sides are kBaseRootSize·2^k, so tiles of schemes over different extents line up in size.
    static constexpr double kBaseRootSize = 256.0;

    TilingScheme() = default;
    TilingScheme(double minX, double maxY, double rootSize, int rootCols, int rootRows);

    //! A scheme whose root tiles (square, side a power-of-two multiple of BASESIZE, at most
    //! MAXROOTSIZE) cover EXTENT; the grid is centred on EXTENT and grows to whole tiles.
    //! The side is the largest such one that EXTENT's longer edge still spans at least once
    //! (kBaseRootSize for smaller extents), so a small area does not get one huge root.
    //! An empty EXTENT gives an invalid scheme.
    static TilingScheme covering(const Extent2D& extent, double maxRootSize = 16384.0);

    bool isValid() const { return m_rootSize > 0.0 && m_rootCols > 0 && m_rootRows > 0; }
    double rootSize() const { return m_rootSize; }
    int rootCols() const { return m_rootCols; }
    int rootRows() const { return m_rootRows; }
    //! The whole area the root tiles cover.
    Extent2D extent() const;

    //! Side of a tile at LEVEL (rootSize / 2^level).
    double tileSize(int level) const;
    int tilesX(int level) const;
    int tilesY(int level) const;
    //! KEY is valid and inside the grid of its level.
    bool contains(const TileKey& key) const;
    //! Outer edges of KEY in the project CRS.
    Extent2D tileExtent(const TileKey& key) const;
    //! A grid of SAMPLES×SAMPLES cells exactly covering KEY (texture pixels of a tile).
    GridGeometry cellGrid(const TileKey& key, int samples) const;
    //! A grid whose cell CENTRES fall on the (QUADS+1)² mesh vertices of KEY, plus BORDER extra
    //! vertices on each side (for normals that match the neighbours'): width = quads + 1 + 2·border.
    GridGeometry vertexGrid(const TileKey& key, int quads, int border = 0) const;

    std::vector<TileKey> rootKeys() const;
    //! The tile at LEVEL containing projected (X, Y); nullopt outside the scheme.
    std::optional<TileKey> keyAt(double x, double y, int level) const;
    //! Every tile at LEVEL that overlaps EXTENT (row by row, north first).
    std::vector<TileKey> keysIntersecting(const Extent2D& extent, int level) const;
    //! The shallowest level whose tiles of SAMPLES cells a side have cells no larger than
    //! RESOLUTION (project units per cell); at least 0.
    int levelForResolution(double resolution, int samples) const;

    bool operator==(const TilingScheme&) const = default;

private:
    double m_minX = 0.0;
    double m_maxY = 0.0;
    double m_rootSize = 0.0;
    int m_rootCols = 0;
    int m_rootRows = 0;
};

} // namespace citytwin::data
