#include "data/TileKey.h"

namespace citytwin::data {

TileKey TileKey::parent() const
{
    if (!isValid() || level == 0)
        return kInvalidTileKey;
    return {level - 1, x >> 1, y >> 1};
}

std::array<TileKey, 4> TileKey::children() const
{
    const int cx = 2 * x;
    const int cy = 2 * y;
    return {TileKey{level + 1, cx, cy}, TileKey{level + 1, cx + 1, cy}, TileKey{level + 1, cx, cy + 1},
            TileKey{level + 1, cx + 1, cy + 1}};
}

int TileKey::quadrant() const
{
    if (level <= 0)
        return 0;
    return (x & 1) + 2 * (y & 1);
}

TileKey TileKey::ancestor(int targetLevel) const
{
    if (targetLevel < 0 || targetLevel > level || !isValid())
        return kInvalidTileKey;
    const int shift = level - targetLevel;
    return {targetLevel, x >> shift, y >> shift};
}

QString TileKey::toString() const
{
    return QStringLiteral("%1/%2/%3").arg(level).arg(x).arg(y);
}

} // namespace citytwin::data
