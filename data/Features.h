#pragma once

#include "data/Points.h"
#include "data/Time.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace citytwin::data {

//! A building footprint in the project CRS, ready to extrude.
struct Footprint
{
    std::int64_t id = 0;                   //!< feature id (FID) — what picking returns
    std::vector<ProjectedPoint> outer;     //!< outer ring, counter-clockwise, not closed (first != last)
    std::vector<std::vector<ProjectedPoint>> holes;
    double height = 0.0;                   //!< metres above the base
    double baseZ = 0.0;                    //!< ground height at the footprint (0 until draped)
    QString name;
};

//! Network type of an underground utility line.
enum class PipeNetwork { WaterSupply, Drainage, Sewage, Gas, Power, Telecom, Heating, Other };

//! Cross-section of a pipe: round (diameter) or a rectangular box culvert / duct bank (width × height).
enum class PipeSection { Round, Box };

//! A pipe polyline in the project CRS with its attributes.
struct PipeLine
{
    std::int64_t id = 0;
    //! Centre line. z is the centre's absolute elevation when the source gave one (3D lines,
    //! start/end elevation fields); otherwise NaN and the loader sets z = terrain − depthM.
    std::vector<ProjectedPoint> points;
    PipeNetwork network = PipeNetwork::Other;
    double depthM = 1.5;      //!< depth of the pipe centre below the surface (readers convert top/invert depths)
    double diameterM = 0.3;   //!< Round: outer diameter
    PipeSection section = PipeSection::Round;
    double widthM = 0.0;      //!< Box: outer width
    double heightM = 0.0;     //!< Box: outer height
    QString material;
    int installYear = 0;
};

QString toString(PipeNetwork network);
bool fromString(const QString& s, PipeNetwork& out);

} // namespace citytwin::data
