#pragma once

#include "data/Features.h"
#include "data/Points.h"

#include <QString>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace citytwin::data {

//! What a point facility of a pipe network is.
enum class PointFacilityKind { Manhole, Valve, Hydrant, Other };
QString toString(PointFacilityKind kind);
bool fromString(const QString& s, PointFacilityKind& out);
//! The kind named by TEXT as utility surveys write it, in English or Chinese: manhole/well/
//! inspection chamber/检查井/窨井/雨水井/污水井/井, valve/阀门/阀, hydrant/fire hydrant/消防栓/消火栓;
//! also toString(PointFacilityKind) names. Nullopt when nothing matches.
std::optional<PointFacilityKind> pointFacilityKindFromText(const QString& text);

//! A manhole/well, valve or hydrant in the project CRS. Drawn as a vertical cylinder from the
//! surface down to its bottom: the deepest connected pipe's bottom (see ManholeDepth.h) unless
//! the source gives a depth.
struct PointFacility
{
    std::int64_t id = 0;
    //! x, y; z = the surface elevation when the source gave one (3D points), else NaN (the loader
    //! puts it on the DEM).
    ProjectedPoint position{0.0, 0.0, std::numeric_limits<double>::quiet_NaN()};
    PointFacilityKind kind = PointFacilityKind::Manhole;
    PipeNetwork network = PipeNetwork::Other;
    //! Depth of the bottom below the surface; NaN: down to the deepest connected pipe's bottom.
    double depthM = std::numeric_limits<double>::quiet_NaN();
    double diameterM = 1.0; //!< shaft / chamber diameter
    QString name;
};

//! What an underground space is.
enum class UndergroundSpaceKind { UtilityTunnel, Parking, Shelter, Other };
QString toString(UndergroundSpaceKind kind);
bool fromString(const QString& s, UndergroundSpaceKind& out);
//! The kind named by TEXT in English or Chinese: utility tunnel/综合管廊/管廊, parking/garage/
//! 停车/车库, shelter/civil air defence/人防/避难/防空; also toString() names.
std::optional<UndergroundSpaceKind> undergroundSpaceKindFromText(const QString& text);

//! An underground structure: a polygon extruded from its floor up to its roof, below the surface.
struct UndergroundSpace
{
    std::int64_t id = 0;
    std::vector<ProjectedPoint> outer;                //!< outer ring, not closed, any orientation
    std::vector<std::vector<ProjectedPoint>> holes;
    UndergroundSpaceKind kind = UndergroundSpaceKind::Other;
    double topDepthM = 2.0; //!< depth of the roof's top below the surface
    double heightM = 3.5;   //!< outer height, roof top to floor bottom
    //! Elevation of the roof's top; NaN until the loader sets it (surface at the centroid − topDepthM).
    double topZ = std::numeric_limits<double>::quiet_NaN();
    QString name;
};

//! Display colour (RGB 0..1) of a point facility: its network's colour (pipeNetworkColour), hydrants red.
std::array<float, 3> pointFacilityColour(const PointFacility& facility);
//! Display colour of an underground space: tunnels steel blue-grey, parking sand, shelters olive, other grey.
std::array<float, 3> undergroundSpaceColour(UndergroundSpaceKind kind);

} // namespace citytwin::data
