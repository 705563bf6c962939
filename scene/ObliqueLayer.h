#pragma once

#include "data/Points.h"
#include "data/Result.h"

#include <QString>
#include <QStringList>
#include <array>
#include <osg/Node>
#include <osg/ref_ptr>

namespace citytwin::scene {

//! An oblique-photography (OSGB) layer: the root tiles read with osgDB (the "osgb" plugin) under
//! one MatrixTransform that maps tile coordinates to the local frame (TOPROJECT, column-major,
//! minus ORIGIN). Deeper levels are the tiles' own osg::PagedLOD children, paged by the viewer's
//! DatabasePager (GUI view and OffscreenRenderer alike); their file names resolve against each
//! root tile's folder. A child page that is missing stays unloaded: the coarser level keeps
//! drawing. Each root tile is a node named after its file stem ("Tile_+000_+000"), which
//! PickResult::nodeName reports. Textures and materials are the file's own (fixed function):
//! the layer uses no shader of ours. Errors name the file when a root tile cannot be read (not
//! OSGB, truncated); tiles that read are kept and the others counted in the error text.
//! Runs on worker threads (reads files, no GL).
data::Result<osg::ref_ptr<osg::Node>> buildObliqueLayer(const QStringList& rootTiles,
                                                        const std::array<double, 16>& toProject,
                                                        const data::ProjectedPoint& origin);

//! What buildObliqueLayer() could not read while other root tiles did ("Tile_+001_+000.osgb:
//! truncated …; 1 of 4 root tiles could not be read"), kept on the layer node; empty when all read.
QString obliqueLayerWarning(const osg::Node& layer);

} // namespace citytwin::scene
