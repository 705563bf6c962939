#pragma once

#include "data/Status.h"

#include <QString>

namespace citytwin::gis {

//! Registers GDAL/OGR drivers once (thread-safe) and applies citytwin's defaults:
//! no network access unless a layer was trusted by the user, quiet error handler
//! (errors are turned into Status values by each adapter), PROJ network off.
void ensureGdalRegistered();

//! True when PATH would make GDAL go to the network: URLs, /vsicurl/ and the cloud
//! /vsi handlers (also nested, e.g. /vsizip//vsicurl/...), and database/service connection strings.
bool isNetworkSource(const QString& path);

//! Records that the user allowed citytwin to contact URI (a PostGIS "PG:…" connection, a URL)
//! for the rest of this process; checkLocalSource() then lets readers open it. The app decides
//! (its trust prompt and store); gis only remembers the consent. Thread-safe.
void allowNetworkSource(const QString& uri);
bool isNetworkSourceAllowed(const QString& uri);

//! Ok for a local source or an allowed network one; for another network source an Unsupported
//! error naming PATH that says network sources have to be trusted first. Readers call this before handing a path to GDAL. Local
//! *.xml web service descriptions (GDAL WMS/WMTS, WMTS capabilities) count as network sources.
data::Status checkLocalSource(const QString& path);

} // namespace citytwin::gis
