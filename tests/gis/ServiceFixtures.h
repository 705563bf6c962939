#pragma once

// Shared helpers of the service suites: web-mercator tile maths around Pinghu and the colour check
// against tests/common/LocalTileServer.h's tiles.

#include "RasterSourceFixtures.h"
#include "tests/common/LocalTileServer.h"

#include <QString>
#include <cmath>

namespace citytwin::test {

inline constexpr double kLon = 121.0, kLat = 30.7;

struct Tile
{
    int z, x, y;
};

inline Tile tileOf(double lon, double lat, int z)
{
    const double n = double(1 << z);
    const double latR = lat * M_PI / 180.0;
    return {z, int((lon + 180.0) / 360.0 * n), int((1.0 - std::asinh(std::tan(latR)) / M_PI) / 2.0 * n)};
}

//! Project-CRS centre of tile T.
inline data::ProjectedPoint tileCentre(const Tile& t)
{
    const double n = double(1 << t.z);
    const double lon = (t.x + 0.5) / n * 360.0 - 180.0;
    const double lat = std::atan(std::sinh(M_PI * (1.0 - 2.0 * (t.y + 0.5) / n))) * 180.0 / M_PI;
    return project(lon, lat);
}

//! A project cell that makes the source read level Z (web-mercator pixel at 30.7N, a bit coarser).
inline double cellForLevel(int z)
{
    return 1.4 * 2 * 20037508.342789244 / 256.0 / double(1 << z) * std::cos(kLat * M_PI / 180.0);
}

//! Reads 8 x 8 pixels at the centre of the level-Z tile under Pinghu; the tile's colour is expected.
inline QString checkTileColour(const data::ImagerySource& source, int z)
{
    const Tile t = tileOf(kLon, kLat, z);
    const data::ProjectedPoint c = tileCentre(t);
    auto img = source.readImage(gridAround(c.x, c.y, cellForLevel(z), 8), {});
    if (!img)
        return img.status().message();
    const QColor want = LocalTileServer::tileColour(t.z, t.x, t.y);
    const std::uint8_t* p = pixelAt(*img, 4, 4);
    if (std::abs(p[0] - want.red()) > 2 || std::abs(p[1] - want.green()) > 2 ||
        std::abs(p[2] - want.blue()) > 2 || p[3] != 255)
        return QStringLiteral("level %1 tile %2/%3: got %4,%5,%6,%7, want %8,%9,%10")
            .arg(z)
            .arg(t.x)
            .arg(t.y)
            .arg(p[0])
            .arg(p[1])
            .arg(p[2])
            .arg(p[3])
            .arg(want.red())
            .arg(want.green())
            .arg(want.blue());
    return {};
}

inline gis::RasterSourceOptions trusted()
{
    auto o = projectOptions();
    o.allowNetwork = true;
    return o;
}

} // namespace citytwin::test
