#include "gis/DemoTerrain.h"

#include "gis/DemoGdal.h"
#include "gis/DemoLayout.h"
#include "gis/DemoRandom.h"

#include <algorithm>
#include <cmath>

namespace citytwin::gis::demo {

namespace {

//! Mean water surface of Pinghu's canals and river (metres, 1985 national height datum-ish).
constexpr double kWaterLevelM = 1.2;
//! Embankments stand a little above the water before the bank rises into the plain.
constexpr double kEmbankmentM = 0.7;

} // namespace

DemoTerrain::DemoTerrain(const DemoLayout& layout, std::uint64_t seed, double cellM)
    : m_layout(layout), m_seed(seed), m_cell(cellM), m_half(layout.half())
{
    m_width = std::max(2, int(std::lround(2.0 * m_half / m_cell)));
    m_height = m_width;
    m_cell = 2.0 * m_half / m_width;
    m_heights.resize(size_t(m_width) * size_t(m_height));
    for (int row = 0; row < m_height; ++row) {
        const double y = m_half - (row + 0.5) * m_cell;
        for (int col = 0; col < m_width; ++col) {
            const double x = -m_half + (col + 0.5) * m_cell;
            m_heights[size_t(row) * size_t(m_width) + size_t(col)] = float(surfaceAt(x, y));
        }
    }
}

double DemoTerrain::surfaceAt(double x, double y) const
{
    // Broad swells of a metre or two plus small ripples: the Hangjiahu plain is nearly flat.
    const double ground = 4.3 + 1.5 * fbm(m_seed, x / 1400.0, y / 1400.0, 3) +
                          0.45 * fbm(m_seed ^ 0xA5A5, x / 260.0, y / 260.0, 2);
    const WaterProbe w = m_layout.water().probe(x, y);
    if (w.distance < 0.0)
        return kWaterLevelM - w.bedDepth * smoothstep(0.0, 0.6 * w.halfWidth, -w.distance);
    const double bank = kWaterLevelM + kEmbankmentM;
    return bank + (ground - bank) * smoothstep(0.0, w.bankWidth, w.distance);
}

double DemoTerrain::heightAt(double x, double y) const
{
    const double fx = std::clamp((x + m_half) / m_cell - 0.5, 0.0, double(m_width - 1));
    const double fy = std::clamp((m_half - y) / m_cell - 0.5, 0.0, double(m_height - 1));
    const int c0 = std::min(int(fx), m_width - 2);
    const int r0 = std::min(int(fy), m_height - 2);
    const double tx = fx - c0;
    const double ty = fy - r0;
    const auto at = [&](int c, int r) { return double(m_heights[size_t(r) * size_t(m_width) + size_t(c)]); };
    const double top = at(c0, r0) + (at(c0 + 1, r0) - at(c0, r0)) * tx;
    const double bottom = at(c0, r0 + 1) + (at(c0 + 1, r0 + 1) - at(c0, r0 + 1)) * tx;
    return top + (bottom - top) * ty;
}

data::Status DemoTerrain::write(const QString& path, const data::ProjectedPoint& origin) const
{
    GeoTiffSpec spec;
    spec.width = m_width;
    spec.height = m_height;
    spec.bands = 1;
    spec.type = GDT_Float32;
    spec.minX = origin.x - m_half;
    spec.maxY = origin.y + m_half;
    spec.cellM = m_cell;
    spec.creationOptions = {QStringLiteral("TILED=YES"), QStringLiteral("BLOCKXSIZE=256"),
                            QStringLiteral("BLOCKYSIZE=256"), QStringLiteral("COMPRESS=DEFLATE"),
                            QStringLiteral("PREDICTOR=3")};
    spec.overviews = {2, 4};
    return writeGeoTiff(path, spec, m_heights.data());
}

} // namespace citytwin::gis::demo
