#pragma once

// Synthetic inputs shared by the scene suites: a small DEM with a known height function,
// a flat-colour imagery raster, footprints and events at known local positions.

#include "data/Features.h"
#include "data/Overlays.h"
#include "data/Points.h"
#include "data/Rasters.h"

#include <cmath>
#include <cstdint>
#include <vector>

namespace citytwin::test {

//! Project origin of the fixtures (somewhere in EPSG:4549 around Pinghu).
inline data::ProjectedPoint fixtureOrigin()
{
    return {595800.0, 3398100.0, 0.0};
}

//! Height of the fixture DEM at cell (col, row): a gentle tilt so cells are distinguishable.
inline float fixtureHeight(int col, int row)
{
    return 5.0f + 0.1f * float(col) + 0.05f * float(row);
}

//! COLS×ROWS DEM of CELL-metre cells centred on the origin.
inline data::ElevationGrid fixtureDem(int cols = 64, int rows = 48, double cell = 25.0)
{
    const data::ProjectedPoint o = fixtureOrigin();
    data::ElevationGrid dem;
    dem.grid.width = cols;
    dem.grid.height = rows;
    dem.grid.extent = {o.x - cols * cell / 2, o.y - rows * cell / 2, o.x + cols * cell / 2,
                       o.y + rows * cell / 2};
    dem.heights.resize(size_t(cols) * size_t(rows));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            dem.heights[size_t(r) * size_t(cols) + size_t(c)] = fixtureHeight(c, r);
    return dem;
}

//! Imagery of one colour covering EXTENT.
inline data::ImageRaster fixtureImagery(const data::Extent2D& extent, std::uint8_t r, std::uint8_t g,
                                        std::uint8_t b)
{
    data::ImageRaster img;
    img.grid.extent = extent;
    img.grid.width = 32;
    img.grid.height = 32;
    img.rgba.resize(32 * 32 * 4);
    for (size_t i = 0; i < img.rgba.size(); i += 4) {
        img.rgba[i] = r;
        img.rgba[i + 1] = g;
        img.rgba[i + 2] = b;
        img.rgba[i + 3] = 255;
    }
    return img;
}

//! Axis-aligned rectangle footprint at local (CX, CY) of size W×H, counter-clockwise.
inline data::Footprint rectFootprint(std::int64_t id, double cx, double cy, double w, double h, double height,
                                     double baseZ)
{
    const data::ProjectedPoint o = fixtureOrigin();
    data::Footprint fp;
    fp.id = id;
    const double x0 = o.x + cx - w / 2, x1 = o.x + cx + w / 2, y0 = o.y + cy - h / 2, y1 = o.y + cy + h / 2;
    fp.outer = {{x0, y0, 0}, {x1, y0, 0}, {x1, y1, 0}, {x0, y1, 0}};
    fp.height = height;
    fp.baseZ = baseZ;
    return fp;
}

//! An L-shaped (concave) footprint with its corner at local (X, Y): 30×30 minus the NE 15×15.
//! Given clockwise on purpose (the builder must fix the winding). Area 675 m².
inline data::Footprint lFootprint(std::int64_t id, double x, double y, double height, double baseZ)
{
    const data::ProjectedPoint o = fixtureOrigin();
    data::Footprint fp;
    fp.id = id;
    const double ox = o.x + x, oy = o.y + y;
    fp.outer = {{ox, oy, 0},           {ox, oy + 30, 0},      {ox + 15, oy + 30, 0},
                {ox + 15, oy + 15, 0}, {ox + 30, oy + 15, 0}, {ox + 30, oy, 0}};
    fp.height = height;
    fp.baseZ = baseZ;
    return fp;
}

//! A 40×40 courtyard building with a 20×20 hole in the middle, corner at local (X, Y). Area 1200 m².
inline data::Footprint courtyardFootprint(std::int64_t id, double x, double y, double height, double baseZ)
{
    const data::ProjectedPoint o = fixtureOrigin();
    data::Footprint fp;
    fp.id = id;
    const double ox = o.x + x, oy = o.y + y;
    fp.outer = {
        {ox, oy, 0}, {ox + 40, oy, 0}, {ox + 40, oy + 40, 0}, {ox, oy + 40, 0}, {ox, oy, 0}}; // closed ring
    fp.holes = {{{ox + 10, oy + 10, 0}, {ox + 30, oy + 10, 0}, {ox + 30, oy + 30, 0}, {ox + 10, oy + 30, 0}}};
    fp.height = height;
    fp.baseZ = baseZ;
    return fp;
}

//! An event at local (X, Y, Z) whose lifecycle steps are seconds after EPOCH (negative: not happened).
inline data::Event fixtureEvent(std::int64_t id, double x, double y, double z, data::TimeMs epoch,
                                double reportedS, double dispatchedS, double onSiteS, double resolvedS,
                                double closedS)
{
    const data::ProjectedPoint o = fixtureOrigin();
    auto at = [epoch](double s) {
        return s < 0 ? data::kNoTime : epoch + data::TimeMs(std::llround(s * 1000));
    };
    data::Event e;
    e.id = id;
    e.category = QStringLiteral("illegal_parking");
    e.severity = 2;
    e.position = {o.x + x, o.y + y, o.z + z};
    e.reported = at(reportedS);
    e.dispatched = at(dispatchedS);
    e.onSite = at(onSiteS);
    e.resolved = at(resolvedS);
    e.closed = at(closedS);
    return e;
}

} // namespace citytwin::test
