#pragma once

#include "data/Points.h"
#include "data/Result.h"

#include <QString>
#include <cstdint>
#include <functional>

namespace citytwin::gis {

struct DemoCityOptions
{
    std::uint32_t seed = 20261127;
    double sizeM = 4000.0; //!< side of the square area, metres
    int buildings = 20000;
    int people = 1000;
    int events = 100000;
    int eventDays = 30;
    double pipeKm = 5.0;
    int trackIntervalS = 60; //!< GPS fix interval of the staff tracks (plus a fix at every turn)
};

//! The demo's tallest building, for tests and views that need a known landmark near the origin:
//! 平湖国际金融中心, feature id 1 of buildings.gpkg, an axis-aligned 40 × 40 m square footprint
//! given in metres from the project origin (local frame), 180 m tall, 45 floors. Present
//! whenever sizeM >= 1000.
struct DemoLandmark
{
    const char* name;
    double minX, minY, maxX, maxY; //!< local frame, metres
    double heightM;
    int floors;
};
inline constexpr DemoLandmark kDemoTower{"平湖国际金融中心", 60.0, 100.0, 100.0, 140.0, 180.0, 45};

//! The demo's project origin: lon 121.0 / lat 30.7 (CGCS2000) in EPSG:4549, in whole metres.
data::Result<data::ProjectedPoint> demoCityOrigin();

//! Name of the project file makeDemoCity() writes into its folder.
inline constexpr const char* kDemoProjectFileName = "pinghu.citytwin";

//! Generates the deterministic synthetic demo city of Pinghu (lon 121.0, lat 30.7, EPSG:4549) into
//! DIR through GDAL/OGR — dem.tif, imagery.tif, buildings.gpkg, pipes.gpkg — plus overlays
//! (people with 24 h tracks, events over EVENTDAYS days, assets) and the project file
//! DIR/pinghu.citytwin referencing them. PROGRESS gets a 0..1 fraction and a step name and may
//! return false to cancel (then every file it wrote is removed again). Refuses to overwrite an
//! existing DIR/pinghu.citytwin. Deterministic: the same options give the same files.
//! Returns the project file path.
data::Result<QString> makeDemoCity(const QString& dir, const DemoCityOptions& options = {},
                                   const std::function<bool(double, const QString&)>& progress = {});

} // namespace citytwin::gis
