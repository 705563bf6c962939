#pragma once

#include "gis/DemoGeometry.h"

#include <cstdint>
#include <vector>

namespace citytwin::gis::demo {

//! How a point relates to the nearest water body (river, canal or lake).
struct WaterProbe
{
    double distance = 1e9;   //!< metres outside the water edge; negative inside
    double halfWidth = 1.0;  //!< half width of that water body (for the depth profile)
    double bedDepth = 0.0;   //!< metres of depth at its centre
    double bankWidth = 10.0; //!< metres over which the bank rises to the ground
};

//! A straight-ish canal along one axis: centre = coord + wobble(along), from..to along the axis.
struct Canal
{
    bool vertical = true; //!< runs north-south (x = centre(y))
    double coord = 0.0;
    double from = 0.0;
    double to = 0.0;
    double halfWidth = 6.0;
    double wobble = 4.0;
    double phase = 0.0;
    const char* name = "";

    double centre(double along) const;
};

//! The demo city's water: a meandering river crossing west to east, canals (Pinghu is a water
//! town) and a lake in the east park. One definition serves the DEM, the imagery and the
//! placement of buildings, so they always agree.
class DemoWater
{
public:
    //! HALF: half the area side; RIVERY: mean northing of the river (local).
    DemoWater(std::uint64_t seed, double half, double riverY);

    void addCanal(const Canal& canal) { m_canals.push_back(canal); }
    //! An elliptic lake centred at (CX, CY) with radii RX, RY (wobbled outline).
    void setLake(double cx, double cy, double rx, double ry);

    double riverCentreY(double x) const;
    double riverHalfWidth(double x) const;
    const std::vector<Canal>& canals() const { return m_canals; }
    bool hasLake() const { return m_lakeRx > 0.0; }
    Rect lakeBounds() const;

    //! Nearest water body at (X, Y).
    WaterProbe probe(double x, double y) const;
    bool isWater(double x, double y) const { return probe(x, y).distance < 0.0; }
    //! Conservative: true when any water lies within MARGIN of R.
    bool touches(const Rect& r, double margin) const;

private:
    double lakeRadiusScale(double x, double y) const;

    double m_half;
    double m_riverY;
    double m_phase1;
    double m_phase2;
    std::vector<Canal> m_canals;
    double m_lakeCx = 0.0, m_lakeCy = 0.0, m_lakeRx = 0.0, m_lakeRy = 0.0;
    double m_lakePhase = 0.0;
};

} // namespace citytwin::gis::demo
