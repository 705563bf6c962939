#pragma once

#include "gis/DemoGeometry.h"
#include "gis/DemoWater.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace citytwin::gis::demo {

enum class RoadClass { Main, Secondary, Lane };

//! An axis-aligned road: centreline at COORD (x for north-south roads, y for east-west ones)
//! from FROM to TO along it, WIDTH wall to wall (carriageway plus sidewalks).
struct Road
{
    bool vertical = true;
    double coord = 0.0;
    double from = 0.0;
    double to = 0.0;
    double width = 18.0;
    double carriageway = 12.0;
    RoadClass cls = RoadClass::Secondary;
    QString name;

    Rect rect() const;
    double length() const { return to - from; }
};

//! Land use of a block; decides the buildings on it and its look in the imagery.
enum class Zone {
    Civic,
    Commercial,
    Residential,
    LowRise,
    OldTown,
    Village,
    Industrial,
    Public,
    Park,
    Field,
    LakePark
};

struct Block
{
    Rect rect; //!< between the road edges (wall to wall)
    Zone zone = Zone::Field;
    std::uint64_t seed = 0;
};

//! A node of the road graph (intersection or road end) and the edges along roads between them.
struct RoadNode
{
    double x = 0.0;
    double y = 0.0;
    std::vector<int> edges;
};

struct RoadEdge
{
    int a = 0;
    int b = 0;
    int road = 0; //!< index into roads()
    double length = 0.0;
};

//! The plan of the synthetic Pinghu: a road grid (main roads every 500 m, secondary ones in
//! between, lanes inside some blocks), the water (DemoWater), blocks with a land use, and the
//! road graph people move on. Local frame: metres from the origin, x east, y north.
class DemoLayout
{
public:
    DemoLayout(std::uint64_t seed, double sizeM);

    double half() const { return m_half; }
    Rect area() const { return {-m_half, -m_half, m_half, m_half}; }
    const std::vector<Road>& roads() const { return m_roads; }
    const std::vector<Block>& blocks() const { return m_blocks; }
    std::vector<Block>& blocks() { return m_blocks; }
    const DemoWater& water() const { return m_water; }
    const std::vector<RoadNode>& nodes() const { return m_nodes; }
    const std::vector<RoadEdge>& edges() const { return m_edges; }
    //! The civic superblock around the origin (landmarks, plaza).
    const Rect& civicBlock() const { return m_civic; }
    //! The plaza in the civic block, kept free of buildings.
    Rect plaza() const;

    //! True when R overlaps any road's wall-to-wall strip.
    bool overlapsRoad(const Rect& r) const;
    //! Index of the road whose strip contains (X, Y), or -1.
    int roadAt(double x, double y) const;
    //! Nearest road (by distance to its strip); DISTANCE receives it.
    int nearestRoad(double x, double y, double* distance = nullptr) const;
    //! Index of the node nearest to (X, Y).
    int nearestNode(double x, double y) const;

private:
    void buildGrid(std::uint64_t seed);
    void buildWater();
    void buildBlocks(std::uint64_t seed);
    void buildGraph();

    double m_half;
    DemoWater m_water;
    std::vector<double> m_mainLines;
    std::vector<double> m_xLines; //!< all north-south road centrelines, ascending
    std::vector<double> m_yLines;
    std::vector<Road> m_roads;
    std::vector<Block> m_blocks;
    std::vector<RoadNode> m_nodes;
    std::vector<RoadEdge> m_edges;
    Rect m_civic;
    Rect m_lakePark;
};

} // namespace citytwin::gis::demo
