#pragma once

#include "data/Features.h"
#include "data/Result.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace citytwin::gis {

struct FootprintOptions
{
    QString layerName; //!< empty: the first layer of the dataset
    QString heightField = QStringLiteral("height");
    QString floorsField = QStringLiteral("floors"); //!< used when the height field is missing/empty
    double storeyHeightM = 3.0;
    double defaultHeightM = 10.0;               //!< neither field usable
    QString nameField = QStringLiteral("name"); //!< copied into Footprint::name when present
    //! Used only when the layer declares no CRS (e.g. a Shapefile without .prj); empty: such a layer is an
    //! error.
    QString assumedSourceCrs;
};

//! What a footprint read did besides returning footprints: how many features it skipped and why,
//! and where the heights came from.
struct FootprintReadReport
{
    int featuresRead = 0;    //!< features the layer returned
    int footprints = 0;      //!< footprints produced (a multipolygon gives one per part)
    int skippedFeatures = 0; //!< features that gave no footprint
    QStringList skipReasons; //!< "feature 12: empty geometry", … (the first 20)
    int heightsFromField = 0;
    int heightsFromFloors = 0;
    int heightsDefaulted = 0;
};

struct FootprintReadResult
{
    std::vector<data::Footprint> footprints;
    FootprintReadReport report;
};

//! Reads building footprints (Polygon/MultiPolygon) from any OGR vector source (GPKG, GeoJSON,
//! Shapefile, …) and transforms them into PROJECTCRS. Height from HEIGHTFIELD (numbers or
//! strings such as "12 m"), else floors × storey height, else the default.
//!
//! Ids: a Polygon (or a one-part MultiPolygon) gets the feature's FID; part P of a MultiPolygon
//! with several parts gets FID * 1000 + P, so id / 1000 recovers the feature of a part.
//! Rings: outer counter-clockwise, holes clockwise, not closed, consecutive duplicates removed.
//! Null/empty/non-polygon geometries and degenerate rings are skipped, not errors.
data::Result<std::vector<data::Footprint>> readFootprints(const QString& path, const QString& projectCrs,
                                                          const FootprintOptions& options = {});

//! readFootprints() plus a report of skipped features and height sources.
data::Result<FootprintReadResult> readFootprintsWithReport(const QString& path, const QString& projectCrs,
                                                           const FootprintOptions& options = {});

//! Parses a height attribute: "12", "12.5m", "12 m", "40 ft", "12,5" → metres; nullopt when
//! it is not a positive length.
std::optional<double> parseHeightM(const QString& text);

} // namespace citytwin::gis
