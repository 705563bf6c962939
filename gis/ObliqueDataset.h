#pragma once

#include "data/Points.h"
#include "data/Result.h"

#include <QString>
#include <QStringList>
#include <array>
#include <vector>

namespace citytwin::gis {

//! An oblique-photography dataset (Smart3D/ContextCapture "OSGB" export): a folder with
//! metadata.xml (<SRS> "EPSG:4547" / "ENU:30.7,121.0" / WKT, <SRSOrigin> "x,y,z") and
//! Data/Tile_+xxx_+yyy/Tile_+xxx_+yyy.osgb root tiles, each an osg::PagedLOD tree paged by OSG.
//! Or a single .osgb file (local coordinates: needs a placement from the caller).
struct ObliqueDataset
{
    QString folder;                    //!< dataset folder (where metadata.xml is), or the .osgb's folder
    QStringList rootTiles;             //!< absolute paths of the root .osgb files, sorted
    QString srs;                       //!< as written in metadata.xml; empty for a lone .osgb
    data::ProjectedPoint srsOrigin;    //!< SRSOrigin, in SRS units
    //! Maps tile vertex coordinates (metres, relative to SRSOrigin in SRS, or ENU at the ENU
    //! origin) into the PROJECT CRS: column-major 4×4 affine (rotation for grid convergence,
    //! point scale, translation), exact at the origin. Identity translation when no SRS is known.
    std::array<double, 16> toProject{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    bool georeferenced = false;        //!< toProject came from metadata.xml
};

//! Opens PATH: a dataset folder, its metadata.xml, its Data folder, or one .osgb file. Errors
//! name the path: no .osgb tiles found, metadata.xml not well-formed, unknown SRS, an SRSOrigin
//! that is not three numbers. Does not read the tiles (OSG does, in scene/ObliqueLayer).
data::Result<ObliqueDataset> openObliqueDataset(const QString& path, const QString& projectCrs);

} // namespace citytwin::gis
