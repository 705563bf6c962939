#pragma once

#include "data/Result.h"

#include <QString>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace citytwin::gis {

//! Everything an inspector shows about one feature of an OGR source.
struct FeatureAttributes
{
    std::int64_t fid = 0;        //!< OGR feature id that was read
    QString layerName;           //!< OGR layer it came from
    QString geometryType;        //!< "Polygon", "MultiPolygon", … (empty: no geometry)
    std::optional<double> areaM2; //!< planar area in the source's units², for (multi)polygons
    //! Field names and values as text, in the layer's field order; null/unset fields give "".
    std::vector<std::pair<QString, QString>> fields;
};

//! Reads all attributes of feature FID of LAYERNAME (empty: the first layer) in the OGR source
//! PATH. NotFound when the file, the layer or the feature does not exist; messages name PATH.
data::Result<FeatureAttributes> readFeatureAttributes(const QString& path, std::int64_t fid,
                                                      const QString& layerName = {});

//! The attributes behind a footprint id from readFootprints(): the feature with that FID, or,
//! when there is none, the multipolygon feature id / 1000 whose part it is.
data::Result<FeatureAttributes> readFootprintAttributes(const QString& path, std::int64_t footprintId,
                                                        const QString& layerName = {});

} // namespace citytwin::gis
