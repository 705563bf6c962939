#pragma once

#include "data/Model.h"
#include "data/Result.h"
#include "gis/ModelReader.h"

namespace citytwin::gis {

//! CityGML 1.0/2.0, and 3.0 encodings of the same content (libcitygml; 3.0 <core:boundary> is read as 2.0 boundedBy): every CityObject with geometry becomes features — a building
//! (type "Building", its attributes: gml:id, name, measuredHeight, function, yearOfConstruction,
//! generic attributes…) and, for LOD2 semantic surfaces, one child feature per surface
//! ("RoofSurface", "WallSurface", "GroundSurface"…, parent = the building) coloured by
//! data::defaultTypeColour(). LOD: the highest LOD present per object (LOD2 over LOD1 over LOD0
//! footprints, which are extruded to nothing: skipped). CRS from srsName (EPSG codes, OGC URNs
//! "urn:ogc:def:crs:EPSG::25833", "urn:adv:crs:ETRS89_UTM32*DE_DHHN92_NH"), else
//! options.assumedSourceCrs, else options.placement (local metres), else an error.
data::Result<data::Model> readCityGml(const QString& path, const ModelReadOptions& options);

} // namespace citytwin::gis
