#pragma once

#include "data/LayerId.h"
#include "data/Points.h"
#include "data/RasterSource.h"
#include "data/Status.h"
#include "data/TileKey.h"
#include "data/TilingScheme.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <osg/MatrixTransform>
#include <osg/Texture2D>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

//! Everything a worker needs to build tiles of one engine state (sources, scale, sizes): an
//! immutable snapshot shared by all loads of that state, so the main thread may change layers
//! while loads run.
struct TileBuildContext
{
    struct Elevation
    {
        data::LayerId id;
        std::shared_ptr<const data::ElevationSource> source;
    };
    struct Imagery
    {
        data::LayerId id;
        std::shared_ptr<const data::ImagerySource> source;
    };

    data::TilingScheme scheme;
    data::ProjectedPoint origin;
    int meshQuads = 32;
    int textureSize = 256;
    double skirtRatio = 0.05;
    double verticalScale = 1.0;
    std::vector<Elevation> elevation; //!< enabled sources only, any order
    std::vector<Imagery> imagery;     //!< every imagery layer, visible or not
    std::uint64_t epoch = 0;          //!< engine state this snapshot belongs to
};

//! A failed read of one layer while building a tile.
struct TileLayerError
{
    data::LayerId id;
    data::Status status;
};

//! One imagery layer's texture for a tile.
struct TileTexture
{
    data::LayerId id;
    osg::ref_ptr<osg::Texture2D> texture;
    std::size_t bytes = 0;
};

//! A built tile, ready to be attached on the main thread.
struct TileBuildResult
{
    data::TileKey key;
    std::uint64_t epoch = 0;
    bool cancelled = false;
    //! Translation to the tile centre (local frame) > Geode > Geometry with skirts.
    osg::ref_ptr<osg::MatrixTransform> node;
    std::vector<TileTexture> textures;
    std::vector<TileLayerError> errors;
    double minZ = 0; //!< lowest/highest scaled height of the tile (project CRS z, no skirt)
    double maxZ = 0;
    std::size_t geometryBytes = 0;
};

//! Side of the imagery texture for a tile of side TILESIDE from a source of RESOLUTION (units
//! per pixel, <= 0 unknown): TEXTURESIZE, or a smaller power of two (>= 16) where the source
//! has less detail than that over the tile.
int tileTextureSize(double tileSide, double resolution, int textureSize);

//! Builds tile KEY from CONTEXT on the calling (worker) thread: heights from every elevation
//! source that intersects it (coarse to fine, the finest valid sample wins; none: 0), normals
//! from a one-vertex border so they match the neighbours', skirts, and one texture per imagery
//! layer that intersects it. No GL calls. Stops early with cancelled = true once CANCEL is set.
TileBuildResult buildTerrainTile(const TileBuildContext& context, const data::TileKey& key,
                                 const data::CancelToken& cancel);

} // namespace citytwin::scene
