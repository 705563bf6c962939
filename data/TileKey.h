#pragma once

#include <QString>
#include <array>
#include <compare>
#include <cstddef>
#include <functional>

namespace citytwin::data {

//! One tile of a quadtree (TilingScheme): LEVEL 0 is the root grid; x grows east, y grows
//! SOUTH from the scheme's north edge (like XYZ web tiles), so child (2x, 2y) is the north-west one.
struct TileKey
{
    int level = 0;
    int x = 0;
    int y = 0;

    //! The tile one level up that contains this one; an invalid key for level 0.
    TileKey parent() const;
    //! The four tiles one level down, in the order NW, NE, SW, SE.
    std::array<TileKey, 4> children() const;
    //! 0 NW, 1 NE, 2 SW, 3 SE within the parent (0 at level 0).
    int quadrant() const;
    //! The ancestor at LEVEL (<= level); *this when LEVEL == level; invalid when LEVEL < 0.
    TileKey ancestor(int level) const;
    //! Non-negative level and coordinates.
    bool isValid() const { return level >= 0 && x >= 0 && y >= 0; }
    //! "level/x/y", as in logs and cache paths.
    QString toString() const;

    auto operator<=>(const TileKey&) const = default;
};

inline constexpr TileKey kInvalidTileKey{-1, -1, -1};

struct TileKeyHash
{
    std::size_t operator()(const TileKey& k) const noexcept
    {
        return std::hash<long long>()((static_cast<long long>(k.level) << 56) ^
                                      (static_cast<long long>(k.x) << 28) ^ static_cast<long long>(k.y));
    }
};

} // namespace citytwin::data
