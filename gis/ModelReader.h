#pragma once

#include "data/Model.h"
#include "data/RasterSource.h"
#include "data/Result.h"

#include <QString>
#include <functional>
#include <optional>

namespace citytwin::gis {

//! What every model reader needs besides the file.
struct ModelReadOptions
{
    QString projectCrs = QStringLiteral("EPSG:4549");
    //! Required for models in local coordinates (glTF, IFC without georeferenced site, CityGML
    //! without srsName); when set it also overrides a file's own georeference. heightFromTerrain
    //! is the caller's business: readers use origin.height as given.
    std::optional<data::ModelPlacement> placement;
    //! CRS of a CityGML file that declares none but holds real projected coordinates ("EPSG:25832").
    QString assumedSourceCrs;
    data::CancelToken cancel;
    std::function<void(double fraction)> progress; //!< 0..1, from the reading thread; may be empty
};

//! The model format of PATH from its extension and first bytes (.gml/.citygml/.xml with a
//! CityModel root, .ifc, .gltf/.glb, tileset.json or a .json with "asset"+"root", a .osgb file,
//! an oblique folder with Data/ or metadata.xml); nullopt for anything else.
std::optional<data::ModelFormat> detectModelFormat(const QString& path);

//! Reads a single-file model (CityGML, IFC, glTF/GLB) into the project CRS, dispatching on
//! detectModelFormat(). 3D Tiles and OSGB are paged, not read whole: see gis/Tileset.h and
//! gis/ObliqueDataset.h. Errors name the file and the problem ("b.gml: line 12: not well-formed",
//! "house.glb: local coordinates need a placement (lon, lat)"). Returns Cancelled when cancelled.
data::Result<data::Model> readModel(const QString& path, const ModelReadOptions& options);

} // namespace citytwin::gis
