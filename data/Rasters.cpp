#include "data/Rasters.h"

#include <algorithm>
#include <cmath>

namespace citytwin::data {

std::optional<double> ElevationGrid::heightAt(double x, double y) const
{
    const int w = grid.width;
    const int h = grid.height;
    if (w <= 0 || h <= 0 || grid.extent.isEmpty() || heights.size() != size_t(w) * size_t(h))
        return std::nullopt;
    if (!grid.extent.contains(x, y))
        return std::nullopt;

    // Continuous cell coordinates measured from the centre of cell (0,0). Between the outer edge and the
    // first/last centre there is only one sample along that axis, so clamp (flat extrapolation).
    const double fx = std::clamp((x - grid.extent.minX) / grid.cellX() - 0.5, 0.0, double(w - 1));
    const double fy = std::clamp((grid.extent.maxY - y) / grid.cellY() - 0.5, 0.0, double(h - 1));
    const int c0 = int(std::floor(fx));
    const int r0 = int(std::floor(fy));
    const int c1 = std::min(c0 + 1, w - 1);
    const int r1 = std::min(r0 + 1, h - 1);
    const double tx = fx - c0;
    const double ty = fy - r0;

    const double weights[4] = {(1 - tx) * (1 - ty), tx * (1 - ty), (1 - tx) * ty, tx * ty};
    const float samples[4] = {at(c0, r0), at(c1, r0), at(c0, r1), at(c1, r1)};
    double sum = 0.0;
    for (int i = 0; i < 4; ++i) {
        if (weights[i] == 0.0)
            continue; // a no-data neighbour that does not contribute must not poison the result
        if (std::isnan(samples[i]))
            return std::nullopt;
        sum += weights[i] * double(samples[i]);
    }
    return sum;
}

} // namespace citytwin::data
