#pragma once

#include "data/Points.h"
#include "data/Status.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace citytwin::gis::demo {

class DemoLayout;

//! The demo DEM: a flat water-town plain (about 2–7 m) with gentle undulation, the river,
//! canals and lake cut a few metres lower. Cells are CELLM square; row 0 is the north edge.
class DemoTerrain
{
public:
    DemoTerrain(const DemoLayout& layout, std::uint64_t seed, double cellM = 5.0);

    //! Bilinear height at local (X, Y); clamped to the grid at its edges.
    double heightAt(double x, double y) const;
    //! The analytic surface the grid samples (exact, slower).
    double surfaceAt(double x, double y) const;

    int width() const { return m_width; }
    int height() const { return m_height; }
    double cellM() const { return m_cell; }
    const std::vector<float>& heights() const { return m_heights; }

    //! Writes dem.tif: Float32, tiled, DEFLATE, EPSG:4549, placed with ORIGIN.
    data::Status write(const QString& path, const data::ProjectedPoint& origin) const;

private:
    const DemoLayout& m_layout;
    std::uint64_t m_seed;
    double m_cell;
    double m_half;
    int m_width;
    int m_height;
    std::vector<float> m_heights;
};

} // namespace citytwin::gis::demo
