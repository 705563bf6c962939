#pragma once

namespace citytwin::gis {

//! Registers GDAL/OGR drivers once (thread-safe) and applies citytwin's defaults:
//! no network access unless a layer was trusted by the user, quiet error handler
//! (errors are turned into Status values by each adapter), PROJ network off.
void ensureGdalRegistered();

} // namespace citytwin::gis
