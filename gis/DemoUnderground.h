#pragma once

#include "data/Points.h"
#include "data/Status.h"
#include "gis/DemoLayout.h"
#include "gis/DemoPipes.h"

#include <QString>
#include <vector>

namespace citytwin::gis::demo {

//! A point facility of the demo's pipes (local frame): a manhole, valve chamber or hydrant.
struct DemoFacility
{
    XY at;
    data::PipeNetwork network = data::PipeNetwork::Drainage;
    QString kind; //!< as a Chinese survey writes it: 检查井, 阀门井, 消火栓
    double diameterM = 1.0;
    QString name;
    int installYear = 2000; //!< built with the first pipe that reaches it
};

//! Facilities along PIPES: at both ends of every pipe and every ~60 m between (joints shared by
//! two pipes of a network get one facility). Drainage gets inspection chambers (检查井), water
//! supply valve chambers (阀门井) with every fourth a hydrant (消火栓), gas valve chambers.
std::vector<DemoFacility> generateFacilities(const std::vector<DemoPipe>& pipes);

//! Writes manholes.gpkg (layer "manholes", Point, EPSG:4549, no z: the loader puts them on the
//! terrain and down to their pipes) with fields 设施类型, network, diameter_m, name.
data::Status writeFacilities(const QString& path, const std::vector<DemoFacility>& facilities,
                             const data::ProjectedPoint& origin);

//! Writes underground_spaces.gpkg (layer "underground_spaces", Polygon, EPSG:4549) with fields
//! type, name, top_depth, height: a utility tunnel (综合管廊) under the first main road's
//! carriageway, beside its drainage line, and an underground car park under the civic plaza.
data::Status writeUndergroundSpaces(const QString& path, const DemoLayout& layout,
                                    const data::ProjectedPoint& origin);

} // namespace citytwin::gis::demo
