#pragma once

// Turns a basemap source URI (file, XYZ template, WMTS URL, GDAL WMS XML) into the string GDAL opens;
// internal to gis/ (RasterSourceFactory builds on it).

#include "data/Result.h"
#include "gis/RasterSourceFactory.h"

#include <QString>

namespace citytwin::gis {

//! What GDAL is asked to open for a source URI, and how to talk about it.
struct GdalSourceSpec
{
    QString uri;      //!< as the user gave it (without the API key substituted: it goes into messages)
    QString gdalName; //!< dataset name for GDALOpenEx: a path, "WMTS:…" or inline <GDAL_WMS>/<GDAL_WMTS> XML
    QString displayName; //!< file name or service host, for RasterSourceInfo::name and messages
    QString host;        //!< service host ("" for local sources)
    RasterSourceType type = RasterSourceType::File;
    bool network = false; //!< reads may go to HTTP
};

//! Builds the GDAL dataset name for URI. Refuses (Unsupported, naming URI) network sources unless
//! OPTIONS.allowNetwork. For WMTS with a cache directory the capabilities document is fetched once
//! and kept there, so the layer opens again offline.
data::Result<GdalSourceSpec> describeRasterSource(const QString& uri, const RasterSourceOptions& options);

//! The GDAL WMS (TMS mini-driver) description of an XYZ template, EPSG:3857, levels 0..MAXLEVEL.
QString xyzToGdalWmsXml(const QString& urlTemplate, const RasterSourceOptions& options, int maxLevel);

//! Deepest zoom level an XYZ template serves: for file:// templates the deepest numeric folder
//! in place of {z}, otherwise kDefaultXyzMaxLevel.
int xyzMaxLevel(const QString& urlTemplate);

//! Web tile services without a stated depth are read down to this zoom level (~0.3 m pixels).
inline constexpr int kDefaultXyzMaxLevel = 19;

} // namespace citytwin::gis
