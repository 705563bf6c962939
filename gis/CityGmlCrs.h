#pragma once

// srsName parsing for the CityGML reader; internal to gis/.

#include <QString>
#include <optional>

namespace citytwin::gis {

//! The horizontal CRS ("EPSG:nnnn") a CityGML srsName means: "EPSG:25833", OGC URNs
//! ("urn:ogc:def:crs:EPSG::25833", "urn:ogc:def:crs:EPSG:6.12:25833", compound
//! "urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837"), OGC URLs
//! ("http://www.opengis.net/def/crs/EPSG/0/25833") and the German AdV URNs
//! ("urn:adv:crs:ETRS89_UTM32*DE_DHHN92_NH" → EPSG:25832, "urn:adv:crs:DE_DHDN_3GK3*…" → EPSG:31467).
//! The height part is dropped: heights are kept as written. nullopt for anything else.
std::optional<QString> cityGmlSrsToCrs(const QString& srsName);

} // namespace citytwin::gis
