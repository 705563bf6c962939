#pragma once

#include "data/Result.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <utility>
#include <vector>

namespace citytwin::gis {

//! The attribute field names of the first (or LAYERNAME) layer of an OGR vector source, in
//! schema order — what a building layer can be styled by.
data::Result<QStringList> readFieldNames(const QString& path, const QString& layerName = {});

//! FIELD's value for every feature, keyed exactly like the vector readers' ids — readFootprints(),
//! readPipes(), the facility and underground-space readers (FID; each part P of a multi-geometry
//! with several parts gets FID * 1000 + P and the feature's value; polygon parts count first,
//! else line parts, else points: see featurePartCount()), as text ("" for null). One sequential pass (geometry only counted, not converted). Errors name the file
//! and a missing field.
data::Result<std::vector<std::pair<std::int64_t, QString>>> readFieldValues(const QString& path, const QString& field,
                                                                           const QString& layerName = {});

} // namespace citytwin::gis
