#pragma once

// In-memory raster sources over the scene fixtures (a data::ElevationGrid, a data::ImageRaster) and
// a TileEngine built from them, so the render suites draw the paged terrain the app draws.

#include "data/LayerId.h"
#include "data/RasterSource.h"
#include "data/Rasters.h"
#include "data/TilingScheme.h"
#include "scene/TileEngine.h"

#include <QString>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <osg/ref_ptr>
#include <utility>

namespace citytwin::test {

//! Heights of a grid sampled bilinearly (data::ElevationGrid::heightAt) onto each target cell
//! centre; NaN outside the grid and next to no-data cells.
class GridElevation : public data::ElevationSource
{
public:
    explicit GridElevation(data::ElevationGrid dem) : m_dem(std::move(dem))
    {
        m_info.name = QStringLiteral("fixture DEM");
        m_info.extent = m_dem.grid.extent;
        m_info.resolution = std::min(m_dem.grid.cellX(), m_dem.grid.cellY());
    }
    const data::RasterSourceInfo& info() const override { return m_info; }
    data::Result<data::ElevationGrid> readHeights(const data::GridGeometry& target,
                                                  const data::CancelToken& cancel) const override
    {
        data::ElevationGrid out;
        out.grid = target;
        out.heights.resize(size_t(target.width) * size_t(target.height));
        for (int r = 0; r < target.height; ++r) {
            if (cancel.isCancelled())
                return data::Status::error(data::Status::Code::Cancelled,
                                           QStringLiteral("fixture DEM: cancelled"));
            const double y = target.extent.maxY - (r + 0.5) * target.cellY();
            for (int c = 0; c < target.width; ++c) {
                const double x = target.extent.minX + (c + 0.5) * target.cellX();
                out.heights[size_t(r) * size_t(target.width) + size_t(c)] =
                    float(m_dem.heightAt(x, y).value_or(std::numeric_limits<double>::quiet_NaN()));
            }
        }
        return out;
    }

private:
    data::ElevationGrid m_dem;
    data::RasterSourceInfo m_info;
};

//! An image sampled nearest-cell onto the target; transparent outside its extent.
class GridImagery : public data::ImagerySource
{
public:
    explicit GridImagery(data::ImageRaster image) : m_image(std::move(image))
    {
        m_info.name = QStringLiteral("fixture imagery");
        m_info.extent = m_image.grid.extent;
        m_info.resolution = std::min(m_image.grid.cellX(), m_image.grid.cellY());
    }
    const data::RasterSourceInfo& info() const override { return m_info; }
    data::Result<data::ImageRaster> readImage(const data::GridGeometry& target,
                                              const data::CancelToken& cancel) const override
    {
        const data::GridGeometry& g = m_image.grid;
        data::ImageRaster out;
        out.grid = target;
        out.rgba.assign(size_t(target.width) * size_t(target.height) * 4, 0); // transparent
        for (int r = 0; r < target.height; ++r) {
            if (cancel.isCancelled())
                return data::Status::error(data::Status::Code::Cancelled,
                                           QStringLiteral("fixture imagery: cancelled"));
            const double y = target.extent.maxY - (r + 0.5) * target.cellY();
            for (int c = 0; c < target.width; ++c) {
                const double x = target.extent.minX + (c + 0.5) * target.cellX();
                if (!g.extent.contains(x, y))
                    continue;
                const int sc = std::clamp(int((x - g.extent.minX) / g.cellX()), 0, g.width - 1);
                const int sr = std::clamp(int((g.extent.maxY - y) / g.cellY()), 0, g.height - 1);
                const std::uint8_t* from = &m_image.rgba[(size_t(sr) * size_t(g.width) + size_t(sc)) * 4];
                std::copy(from, from + 4, &out.rgba[(size_t(r) * size_t(target.width) + size_t(c)) * 4]);
            }
        }
        return out;
    }

private:
    data::ImageRaster m_image;
    data::RasterSourceInfo m_info;
};

//! The paged terrain of DEM (layer ELEVATIONID) draped with IMAGERY (layer IMAGERYID; none when
//! null), on the tiling scheme that covers the DEM, as the app builds it for its basemap layers.
inline osg::ref_ptr<scene::TileEngine> gridTerrain(const data::ElevationGrid& dem, const data::ImageRaster* imagery,
                                                   const data::ProjectedPoint& origin, data::LayerId elevationId,
                                                   data::LayerId imageryId,
                                                   const scene::TileEngineOptions& options = {})
{
    osg::ref_ptr<scene::TileEngine> engine =
        new scene::TileEngine(data::TilingScheme::covering(dem.grid.extent), origin, options);
    engine->addElevationSource(elevationId, std::make_shared<GridElevation>(dem));
    if (imagery)
        engine->addImagerySource(imageryId, std::make_shared<GridImagery>(*imagery));
    return engine;
}

} // namespace citytwin::test
