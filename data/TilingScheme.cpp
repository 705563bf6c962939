#include "data/TilingScheme.h"

#include <algorithm>
#include <cmath>

namespace citytwin::data {

TilingScheme::TilingScheme(double minX, double maxY, double rootSize, int rootCols, int rootRows)
    : m_minX(minX), m_maxY(maxY), m_rootSize(rootSize), m_rootCols(rootCols), m_rootRows(rootRows)
{
}

TilingScheme TilingScheme::covering(const Extent2D& extent, double maxRootSize)
{
    if (extent.isEmpty() || !(maxRootSize > 0.0))
        return {};
    // The largest side not above maxRootSize that the extent still fills at least once along
    // its longer edge: fewest roots without a root far larger than the whole area.
    const double longer = std::max(extent.width(), extent.height());
    double side = kBaseRootSize;
    while (side * 2.0 <= maxRootSize && side * 2.0 <= longer)
        side *= 2.0;
    const int cols = std::max(1, static_cast<int>(std::ceil(extent.width() / side)));
    const int rows = std::max(1, static_cast<int>(std::ceil(extent.height() / side)));
    return {extent.centerX() - 0.5 * cols * side, extent.centerY() + 0.5 * rows * side, side, cols, rows};
}

Extent2D TilingScheme::extent() const
{
    return {m_minX, m_maxY - m_rootRows * m_rootSize, m_minX + m_rootCols * m_rootSize, m_maxY};
}

double TilingScheme::tileSize(int level) const
{
    return std::ldexp(m_rootSize, -level);
}

int TilingScheme::tilesX(int level) const
{
    return level < 0 || level > kMaxLevel ? 0 : m_rootCols << level;
}

int TilingScheme::tilesY(int level) const
{
    return level < 0 || level > kMaxLevel ? 0 : m_rootRows << level;
}

bool TilingScheme::contains(const TileKey& key) const
{
    return isValid() && key.isValid() && key.level <= kMaxLevel && key.x < tilesX(key.level) &&
           key.y < tilesY(key.level);
}

Extent2D TilingScheme::tileExtent(const TileKey& key) const
{
    // Each edge from its own index (not min + size) so neighbours share bit-identical edges.
    const double s = tileSize(key.level);
    return {m_minX + key.x * s, m_maxY - (key.y + 1) * s, m_minX + (key.x + 1) * s, m_maxY - key.y * s};
}

GridGeometry TilingScheme::cellGrid(const TileKey& key, int samples) const
{
    return {tileExtent(key), samples, samples};
}

GridGeometry TilingScheme::vertexGrid(const TileKey& key, int quads, int border) const
{
    const Extent2D e = tileExtent(key);
    const double d = tileSize(key.level) / quads;
    const double pad = (0.5 + border) * d; // half a cell puts the first cell centre on the edge
    const int n = quads + 1 + 2 * border;
    return {{e.minX - pad, e.minY - pad, e.maxX + pad, e.maxY + pad}, n, n};
}

std::vector<TileKey> TilingScheme::rootKeys() const
{
    std::vector<TileKey> keys;
    if (!isValid())
        return keys;
    keys.reserve(static_cast<size_t>(m_rootCols) * static_cast<size_t>(m_rootRows));
    for (int y = 0; y < m_rootRows; ++y)
        for (int x = 0; x < m_rootCols; ++x)
            keys.push_back({0, x, y});
    return keys;
}

std::optional<TileKey> TilingScheme::keyAt(double x, double y, int level) const
{
    if (!isValid() || level < 0 || level > kMaxLevel || !extent().contains(x, y))
        return std::nullopt;
    const double s = tileSize(level);
    // Points on the outer east/south edge belong to the last column/row.
    const int col = std::min(static_cast<int>(std::floor((x - m_minX) / s)), tilesX(level) - 1);
    const int row = std::min(static_cast<int>(std::floor((m_maxY - y) / s)), tilesY(level) - 1);
    return TileKey{level, std::max(col, 0), std::max(row, 0)};
}

std::vector<TileKey> TilingScheme::keysIntersecting(const Extent2D& area, int level) const
{
    std::vector<TileKey> keys;
    if (!isValid() || area.isEmpty() || level < 0 || level > kMaxLevel)
        return keys;
    const double s = tileSize(level);
    // Half-open spans: a tile that only touches AREA along an edge does not overlap it.
    const double c0 = std::floor((area.minX - m_minX) / s);
    const double c1 = std::ceil((area.maxX - m_minX) / s) - 1.0;
    const double r0 = std::floor((m_maxY - area.maxY) / s);
    const double r1 = std::ceil((m_maxY - area.minY) / s) - 1.0;
    const double lastCol = tilesX(level) - 1;
    const double lastRow = tilesY(level) - 1;
    if (c1 < 0.0 || r1 < 0.0 || c0 > lastCol || r0 > lastRow)
        return keys;
    const int col0 = static_cast<int>(std::max(c0, 0.0));
    const int col1 = static_cast<int>(std::min(c1, lastCol));
    const int row0 = static_cast<int>(std::max(r0, 0.0));
    const int row1 = static_cast<int>(std::min(r1, lastRow));
    keys.reserve(static_cast<size_t>(col1 - col0 + 1) * static_cast<size_t>(row1 - row0 + 1));
    for (int row = row0; row <= row1; ++row)
        for (int col = col0; col <= col1; ++col)
            keys.push_back({level, col, row});
    return keys;
}

int TilingScheme::levelForResolution(double resolution, int samples) const
{
    if (!isValid() || samples <= 0)
        return 0;
    int level = 0;
    // A relative tolerance so 1 m asked of a 256 m / 256-sample tile is level 0, not level 1.
    while (level < kMaxLevel && tileSize(level) / samples > resolution * (1.0 + 1e-9))
        ++level;
    return level;
}

} // namespace citytwin::data
