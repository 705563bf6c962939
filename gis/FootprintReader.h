#pragma once

#include "data/Features.h"
#include "data/Result.h"

#include <QString>
#include <vector>

namespace citytwin::gis {

struct FootprintOptions
{
    QString layerName;                        //!< empty: the first layer of the dataset
    QString heightField = QStringLiteral("height");
    QString floorsField = QStringLiteral("floors"); //!< used when the height field is missing/empty
    double storeyHeightM = 3.0;
    double defaultHeightM = 10.0;             //!< neither field usable
};

//! Reads building footprints (Polygon/MultiPolygon) from any OGR vector source (GPKG, GeoJSON,
//! Shapefile, …) and transforms them into PROJECTCRS. Height from HEIGHTFIELD (numbers or
//! strings such as "12 m"), else floors × storey height, else the default.
data::Result<std::vector<data::Footprint>> readFootprints(const QString& path, const QString& projectCrs,
                                                          const FootprintOptions& options = {});

} // namespace citytwin::gis
