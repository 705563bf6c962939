#pragma once

#include "data/RasterSource.h"
#include "data/Result.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

class BuildingModel;

namespace citytwin::gis {

//! An IFC file parsed by IfcPlusPlus (entities with their inverse links resolved), plus what
//! the parser complained about. IfcPlusPlus reports through callbacks, never to the caller: the
//! messages are collected here (and logged to citytwin.gis) so the reader can turn them into
//! warnings or, when nothing usable is left, into an error naming the file.
struct IfcFile
{
    std::shared_ptr<BuildingModel> model;
    QString schema;             //!< "IFC2X3", "IFC4" — as the header declared it
    double lengthToMetre = 1.0; //!< from IfcUnitAssignment (0.001 for millimetre files)
    QStringList errors; //!< parser errors, the first few ("#40=IfcWallStandardCase: Wrong parameter count…")
    int errorCount = 0;
};

//! Reads PATH into an IfcFile. Rejects what is not an ISO-10303-21 file with an IFC schema, a
//! truncated file (no END-ISO-10303-21) and a file whose DATA section yields no entity; the
//! Status (without the file name: the caller adds it) says which. CANCEL is checked while
//! parsing (Cancelled); PROGRESS gets the parser's 0..1. Not thread-safe: see readIfc.
data::Result<IfcFile> loadIfcFile(const QString& path, const data::CancelToken& cancel,
                                  const std::function<void(double)>& progress);

} // namespace citytwin::gis
