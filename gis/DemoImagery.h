#pragma once

#include "data/Points.h"
#include "data/Status.h"
#include "gis/DemoBuildings.h"
#include "gis/DemoCanvas.h"
#include "gis/DemoLayout.h"

#include <QString>
#include <atomic>
#include <cstdint>
#include <vector>

namespace citytwin::gis::demo {

//! Paints the demo's ortho imagery from the same plan as the DEM and the buildings: fields,
//! parks and block grounds, water, roads with lane marks and street trees, building shadows
//! and roofs. Deterministic for a seed.
class DemoImagery
{
public:
    //! Paints at once (a few seconds for 4 × 4 km at 2 m); STOP, when set from another thread,
    //! skips the remaining steps and makes write() report a cancel.
    DemoImagery(const DemoLayout& layout, const std::vector<DemoBuilding>& buildings, std::uint64_t seed,
                double pixelM = 2.0, const std::atomic<bool>* stop = nullptr);

    const DemoCanvas& canvas() const { return m_canvas; }
    //! Writes imagery.tif: RGB, tiled, JPEG (YCbCr), internal overviews, EPSG:4549.
    data::Status write(const QString& path, const data::ProjectedPoint& origin) const;

private:
    bool stopped() const { return m_stop && m_stop->load(); }
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
    const std::atomic<bool>* m_stop;
};

} // namespace citytwin::gis::demo
