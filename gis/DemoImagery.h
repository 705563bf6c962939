#pragma once

#include "data/Points.h"
#include "data/Status.h"
#include "gis/DemoBuildings.h"
#include "gis/DemoCanvas.h"
#include "gis/DemoLayout.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace citytwin::gis::demo {

//! Paints the demo's ortho imagery from the same plan as the DEM and the buildings: fields,
//! parks and block grounds, water, roads with lane marks and street trees, building shadows
//! and roofs. Deterministic for a seed.
class DemoImagery
{
public:
    DemoImagery(const DemoLayout& layout, const std::vector<DemoBuilding>& buildings, std::uint64_t seed,
                double pixelM = 2.0);

    const DemoCanvas& canvas() const { return m_canvas; }
    //! Writes imagery.tif: RGB, tiled, JPEG (YCbCr), internal overviews, EPSG:4549.
    data::Status write(const QString& path, const data::ProjectedPoint& origin) const;

private:
    void paintGround();
    void paintBlocks();
    void paintCivic(const Block& block);
    void paintWater();
    void paintRoads();
    void paintRoadMarks(size_t roadIndex);
    void paintStreetTrees(size_t roadIndex);
    void paintShadows();
    void paintRoofs();

    const DemoLayout& m_layout;
    const std::vector<DemoBuilding>& m_buildings;
    std::uint64_t m_seed;
    DemoCanvas m_canvas;
};

} // namespace citytwin::gis::demo
