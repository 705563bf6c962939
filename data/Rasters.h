#pragma once

#include "data/Points.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace citytwin::data {

//! A north-up grid in the project CRS. Cell (col,row) centre is at
//! (extent.minX + (col+0.5)*cellX, extent.maxY - (row+0.5)*cellY); row 0 is the north edge.
struct GridGeometry
{
    Extent2D extent; //!< outer edges, project CRS
    int width = 0;   //!< columns
    int height = 0;  //!< rows

    double cellX() const { return width > 0 ? extent.width() / width : 0.0; }
    double cellY() const { return height > 0 ? extent.height() / height : 0.0; }
};

//! Elevation samples (metres) in the project CRS. NaN marks no data.
struct ElevationGrid
{
    GridGeometry grid;
    std::vector<float> heights; //!< width*height, row-major, row 0 north

    float at(int col, int row) const { return heights[size_t(row) * size_t(grid.width) + size_t(col)]; }
    //! Bilinear height at projected (x, y); nullopt outside the grid or on no-data.
    std::optional<double> heightAt(double x, double y) const;
};

//! An RGBA8 image in the project CRS, row 0 north.
struct ImageRaster
{
    GridGeometry grid;
    std::vector<std::uint8_t> rgba; //!< width*height*4
};

} // namespace citytwin::data
