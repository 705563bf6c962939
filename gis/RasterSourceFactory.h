#pragma once

#include "data/Points.h"
#include "data/RasterSource.h"
#include "data/Result.h"

#include <QString>
#include <functional>
#include <memory>

namespace citytwin::gis {

//! How a basemap layer's source URI is read.
enum class RasterSourceType {
    File,        //!< any raster GDAL opens locally: GeoTIFF/COG, VRT, MBTiles, GPKG tiles, JPEG/PNG + world file, JP2/ECW if built
    XyzTemplate, //!< URL template with {z} {x} {y} (http, https or file://), EPSG:3857 web tiles; may hold {tk}
    Wmts,        //!< WMTS GetCapabilities URL (…WMTSCapabilities.xml or SERVICE=WMTS&REQUEST=GetCapabilities), or "WMTS:…"
    GdalWms      //!< a local GDAL WMS/TMS/WMTS service description (*.xml with <GDAL_WMS> or <GDAL_WMTS>)
};

//! Classifies URI (does not touch the file or the network).
RasterSourceType classifyRasterSource(const QString& uri);
//! True for the types that (may) fetch over HTTP: XYZ/WMTS with an http(s) URL, GDAL WMS descriptions.
bool needsNetwork(const QString& uri);

//! Options shared by every basemap source of a project.
struct RasterSourceOptions
{
    QString projectCrs;            //!< target CRS of every read ("EPSG:4549", WKT…)
    data::ProjectedPoint origin;   //!< project origin: world-wide sources are clipped to kMaxSourceRadiusM around it
    bool allowNetwork = false;     //!< the user added or trusted this layer; otherwise HTTP sources are refused
    QString cacheDir;              //!< disk cache for fetched service tiles ("" = no disk cache)
    qint64 cacheMaxBytes = 512LL << 20; //!< the disk cache is trimmed (least recently used first) above this
    QString apiKey;                //!< substituted for {tk} in service URLs (Tianditu-style keys); never stored in projects
    int timeoutS = 10;             //!< per HTTP request
};

//! World-wide sources (web basemaps, world.tif) are clipped to this radius around the origin.
inline constexpr double kMaxSourceRadiusM = 100000.0;

//! Opens URI as imagery / elevation for tile reads in OPTIONS.projectCrs. Opening validates the
//! source (exists, georeferenced, CRS reaches the project CRS, readable bands; a service answers)
//! and fails with a message naming URI and the problem. The source reads with one GDAL dataset per
//! thread and is safe to share between workers. A service with OPTIONS.cacheDir set still opens
//! when it does not answer (offline: reads come from the cache; tiles not cached fail naming the
//! host). Missing service tiles (HTTP 404/204) read as transparent.
data::Result<std::shared_ptr<data::ImagerySource>> openImagerySource(const QString& uri,
                                                                    const RasterSourceOptions& options);
data::Result<std::shared_ptr<data::ElevationSource>> openElevationSource(const QString& uri,
                                                                        const RasterSourceOptions& options);

//! Pre-fetching of service tiles into the disk cache for offline use (`citytwin-cli cache seed`).
struct SeedRequest
{
    QString uri;                   //!< XYZ / WMTS / GDAL WMS source
    data::Extent2D lonLatBox;      //!< area in lon/lat degrees (CGCS2000 ≈ WGS84)
    int minLevel = 0;              //!< source zoom levels (XYZ z / WMTS tile matrix index)
    int maxLevel = 0;
};
struct SeedReport
{
    qint64 tilesRequested = 0;
    qint64 tilesFetched = 0; //!< newly downloaded
    qint64 tilesCached = 0;  //!< already in the cache
    qint64 tilesFailed = 0;
    qint64 cacheBytes = 0;   //!< cache size afterwards
};
//! Fetches every tile of REQUEST into OPTIONS.cacheDir (required; network must be allowed).
//! PROGRESS gets tiles done / total and may return false to cancel (Status Cancelled). Tiles are
//! the service's 256 px tiles per level; one the service does not have (404) counts as failed.
//! Afterwards the cache is trimmed to OPTIONS.cacheMaxBytes.
data::Result<SeedReport> seedTileCache(const SeedRequest& request, const RasterSourceOptions& options,
                                       const std::function<bool(qint64 done, qint64 total)>& progress = {});

//! Trims the disk cache in DIR to MAXBYTES, deleting least recently used files first; returns its
//! size afterwards.
qint64 trimTileCache(const QString& dir, qint64 maxBytes);

} // namespace citytwin::gis
