#pragma once

// Shared by the tile math suites (tst_tilekeys, tst_tileselection): keys and extents as test data,
// keys as readable names, and a small 3 × 2 root grid.
#include "data/TileSelection.h"

#include <QMetaType>
#include <QStringList>
#include <vector>

Q_DECLARE_METATYPE(citytwin::data::TileKey)
Q_DECLARE_METATYPE(citytwin::data::Extent2D)

namespace citytwin::test {

//! KEYS as their toString() names, in order.
inline QStringList names(const std::vector<data::TileKey>& keys)
{
    QStringList out;
    for (const data::TileKey& k : keys)
        out << k.toString();
    return out;
}

//! 3 × 2 roots of 512 m, north-west corner at (1000, 5000): extent x 1000..2536, y 3976..5000.
inline data::TilingScheme grid3x2()
{
    return data::TilingScheme(1000.0, 5000.0, 512.0, 3, 2);
}

} // namespace citytwin::test
