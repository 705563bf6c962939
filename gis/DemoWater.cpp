#include "gis/DemoWater.h"

#include "gis/DemoRandom.h"

#include <cmath>

namespace citytwin::gis::demo {

namespace {

constexpr double kTwoPi = 6.283185307179586;
constexpr double kRiverMaxHalfWidth = 28.0;
constexpr double kSampleStepM = 4.0;
//! Slack for sampling a curve every kSampleStepM (slopes stay below ~1).
constexpr double kSampleSlackM = 2.5;

} // namespace

double Canal::centre(double along) const
{
    return coord + wobble * std::sin(along / 130.0 + phase);
}

DemoWater::DemoWater(std::uint64_t seed, double half, double riverY) : m_half(half), m_riverY(riverY)
{
    DemoRandom rng(seed);
    m_phase1 = rng.uniform(0.0, kTwoPi);
    m_phase2 = rng.uniform(0.0, kTwoPi);
    m_lakePhase = rng.uniform(0.0, kTwoPi);
}

void DemoWater::setLake(double cx, double cy, double rx, double ry)
{
    m_lakeCx = cx;
    m_lakeCy = cy;
    m_lakeRx = rx;
    m_lakeRy = ry;
}

double DemoWater::riverCentreY(double x) const
{
    return m_riverY + 150.0 * std::sin(kTwoPi * x / 2000.0 + m_phase1) +
           30.0 * std::sin(kTwoPi * x / 700.0 + m_phase2);
}

double DemoWater::riverHalfWidth(double x) const
{
    return 24.0 + 4.0 * std::sin(x / 300.0 + m_phase1);
}

Rect DemoWater::lakeBounds() const
{
    const double s = 1.14;
    return {m_lakeCx - m_lakeRx * s, m_lakeCy - m_lakeRy * s, m_lakeCx + m_lakeRx * s,
            m_lakeCy + m_lakeRy * s};
}

double DemoWater::lakeRadiusScale(double x, double y) const
{
    const double theta = std::atan2((y - m_lakeCy) / m_lakeRy, (x - m_lakeCx) / m_lakeRx);
    return 1.0 + 0.08 * std::sin(3.0 * theta + m_lakePhase) +
           0.05 * std::sin(5.0 * theta + 2.0 * m_lakePhase);
}

WaterProbe DemoWater::probe(double x, double y) const
{
    WaterProbe best;
    {
        const double hw = riverHalfWidth(x);
        best.distance = std::abs(y - riverCentreY(x)) - hw;
        best.halfWidth = hw;
        best.bedDepth = 2.6;
        best.bankWidth = 16.0;
    }
    for (const Canal& c : m_canals) {
        const double along = c.vertical ? y : x;
        const double across = c.vertical ? x : y;
        const double beyondEnd = std::max(c.from - along, along - c.to);
        double d = std::abs(across - c.centre(along)) - c.halfWidth;
        if (beyondEnd > 0.0)
            d = std::max(d, beyondEnd);
        if (d < best.distance)
            best = {d, c.halfWidth, 1.6, 7.0};
    }
    if (hasLake()) {
        const double dx = (x - m_lakeCx) / m_lakeRx;
        const double dy = (y - m_lakeCy) / m_lakeRy;
        const double rho = std::sqrt(dx * dx + dy * dy);
        // Only evaluate the outline near the lake: the atan2 costs.
        if (rho < 1.6) {
            const double minR = std::min(m_lakeRx, m_lakeRy);
            const double d = (rho - lakeRadiusScale(x, y)) * minR;
            if (d < best.distance)
                best = {d, minR, 2.2, 12.0};
        }
    }
    return best;
}

bool DemoWater::touches(const Rect& r, double margin) const
{
    const Rect q = r.inflated(margin);
    {
        double lo = 1e18, hi = -1e18;
        for (double x = q.x0;; x += kSampleStepM) {
            const double xs = std::min(x, q.x1);
            const double c = riverCentreY(xs);
            lo = std::min(lo, c);
            hi = std::max(hi, c);
            if (xs >= q.x1)
                break;
        }
        const double w = kRiverMaxHalfWidth + kSampleSlackM;
        if (q.y0 < hi + w && q.y1 > lo - w)
            return true;
    }
    for (const Canal& c : m_canals) {
        const double a0 = std::max(c.vertical ? q.y0 : q.x0, c.from - c.halfWidth);
        const double a1 = std::min(c.vertical ? q.y1 : q.x1, c.to + c.halfWidth);
        if (a0 > a1)
            continue;
        double lo = 1e18, hi = -1e18;
        for (double a = a0;; a += kSampleStepM) {
            const double as = std::min(a, a1);
            const double cc = c.centre(as);
            lo = std::min(lo, cc);
            hi = std::max(hi, cc);
            if (as >= a1)
                break;
        }
        const double w = c.halfWidth + kSampleSlackM;
        const double p0 = c.vertical ? q.x0 : q.y0;
        const double p1 = c.vertical ? q.x1 : q.y1;
        if (p0 < hi + w && p1 > lo - w)
            return true;
    }
    if (hasLake() && lakeBounds().overlaps(q))
        return true;
    return false;
}

} // namespace citytwin::gis::demo
