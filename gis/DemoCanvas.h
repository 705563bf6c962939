#pragma once

#include "gis/DemoBuildings.h"
#include "gis/DemoGeometry.h"
#include "gis/DemoRandom.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace citytwin::gis::demo {

struct Rgb
{
    float r = 0.0f;
    float g = 0.0f;
    float b = 0.0f;

    Rgb scaled(float f) const { return {r * f, g * f, b * f}; }
    Rgb mixed(const Rgb& o, float t) const
    {
        return {r + (o.r - r) * t, g + (o.g - g) * t, b + (o.b - b) * t};
    }
    Rgb plus(float d) const { return {r + d, g + d, b + d}; }
};

//! An RGB8 raster over the square local area [-half, half]², row 0 north, with world-space
//! fill helpers (a pixel is painted when its centre is inside the shape).
class DemoCanvas
{
public:
    DemoCanvas(double half, double pixelM) : m_half(half)
    {
        m_size = std::max(2, int(std::lround(2.0 * half / pixelM)));
        m_px = 2.0 * half / m_size;
        m_rgb.assign(size_t(m_size) * size_t(m_size) * 3, 0);
    }

    int size() const { return m_size; }
    double pixelM() const { return m_px; }
    double half() const { return m_half; }
    const std::vector<std::uint8_t>& data() const { return m_rgb; }

    double xOf(int col) const { return -m_half + (col + 0.5) * m_px; }
    double yOf(int row) const { return m_half - (row + 0.5) * m_px; }
    int colOf(double x) const { return int(std::floor((x + m_half) / m_px)); }
    int rowOf(double y) const { return int(std::floor((m_half - y) / m_px)); }

    Rgb get(int col, int row) const
    {
        const std::uint8_t* p = &m_rgb[(size_t(row) * size_t(m_size) + size_t(col)) * 3];
        return {float(p[0]), float(p[1]), float(p[2])};
    }
    void set(int col, int row, const Rgb& c)
    {
        std::uint8_t* p = &m_rgb[(size_t(row) * size_t(m_size) + size_t(col)) * 3];
        p[0] = clampByte(c.r);
        p[1] = clampByte(c.g);
        p[2] = clampByte(c.b);
    }
    void blend(int col, int row, const Rgb& c, float alpha) { set(col, row, get(col, row).mixed(c, alpha)); }
    bool inside(int col, int row) const { return col >= 0 && row >= 0 && col < m_size && row < m_size; }

    //! Small per-pixel grain in [-1, 1] (sensor noise, texture).
    static float grain(std::uint64_t seed, int col, int row)
    {
        return float(
            double(DemoRandom::hash(seed, std::uint64_t(col), std::uint64_t(row)) >> 11) * 0x1.0p-52 - 1.0);
    }

    //! Calls F(col, row, x, y) for every pixel whose centre lies in R.
    template <class F> void forRect(const Rect& r, F&& f)
    {
        const int c0 = std::max(0, int(std::ceil((r.x0 + m_half) / m_px - 0.5)));
        const int c1 = std::min(m_size - 1, int(std::floor((r.x1 + m_half) / m_px - 0.5)));
        const int r0 = std::max(0, int(std::ceil((m_half - r.y1) / m_px - 0.5)));
        const int r1 = std::min(m_size - 1, int(std::floor((m_half - r.y0) / m_px - 0.5)));
        for (int row = r0; row <= r1; ++row)
            for (int col = c0; col <= c1; ++col)
                f(col, row, xOf(col), yOf(row));
    }

    //! Calls F(col, row, x, y) for every pixel whose centre lies in the polygon RING (even-odd).
    template <class F> void forPolygon(const std::vector<XY>& ring, F&& f)
    {
        if (ring.size() < 3)
            return;
        double minY = ring[0].y, maxY = ring[0].y;
        for (const XY& p : ring) {
            minY = std::min(minY, p.y);
            maxY = std::max(maxY, p.y);
        }
        const int r0 = std::max(0, int(std::ceil((m_half - maxY) / m_px - 0.5)));
        const int r1 = std::min(m_size - 1, int(std::floor((m_half - minY) / m_px - 0.5)));
        std::vector<double> xs;
        for (int row = r0; row <= r1; ++row) {
            const double y = yOf(row);
            xs.clear();
            for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                const XY& a = ring[i];
                const XY& b = ring[j];
                if ((a.y > y) != (b.y > y))
                    xs.push_back(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x));
            }
            std::sort(xs.begin(), xs.end());
            for (size_t k = 0; k + 1 < xs.size(); k += 2) {
                const int c0 = std::max(0, int(std::ceil((xs[k] + m_half) / m_px - 0.5)));
                const int c1 = std::min(m_size - 1, int(std::floor((xs[k + 1] + m_half) / m_px - 0.5)));
                for (int col = c0; col <= c1; ++col)
                    f(col, row, xOf(col), y);
            }
        }
    }

private:
    static std::uint8_t clampByte(float v) { return std::uint8_t(std::clamp(v + 0.5f, 0.0f, 255.0f)); }

    double m_half;
    double m_px;
    int m_size;
    std::vector<std::uint8_t> m_rgb;
};

} // namespace citytwin::gis::demo
