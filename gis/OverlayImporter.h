#pragma once

#include "data/OverlayImport.h"
#include "data/OverlayWriter.h"
#include "data/Result.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <optional>
#include <vector>

class QIODevice;

namespace citytwin::gis {

//! The first rows of a file to import, as the import dialog shows them.
struct OverlayFilePreview
{
    QString path;
    QString format;       //!< "CSV", or the OGR driver name ("GeoJSON", "GPKG", "ESRI Shapefile", "PostgreSQL")
    QStringList columns;  //!< CSV header / OGR field names (geometry not included)
    std::vector<QStringList> rows; //!< up to the requested count, as text
    QChar delimiter;      //!< CSV: the detected delimiter (',', ';', '\t' or '|')
    bool hasPointGeometry = false; //!< OGR layers with point geometry: no x/y columns needed
    QString crs;          //!< the file's own CRS (OGR, e.g. "EPSG:4326"), empty for CSV
    std::int64_t approxRows = -1; //!< OGR feature count or CSV size estimate, -1 unknown
};

//! Reads the header and the first MAXROWS rows of PATH (CSV, GeoJSON, GeoPackage, Shapefile,
//! or a "PG:…" PostGIS connection string). A clear error names the file and the problem.
data::Result<OverlayFilePreview> previewOverlayFile(const QString& path, int maxRows = 20);

//! The kind whose columns the preview's names suggest (track: a time + an id and many rows per id;
//! event: reported/created/complaint; reading: value + asset/sensor; thresholds: min/max/下限/上限 +
//! asset or subtype and no positions); nullopt when nothing fits.
std::optional<data::OverlayKind> guessOverlayKind(const OverlayFilePreview& preview);
//! A mapping for KIND from the preview's column names (English and Chinese: lon/longitude/经度,
//! lat/纬度, time/timestamp/时间, min/lower/alarm_low/下限, max/upper/threshold/上限/阈值, …), its CRS,
//! delimiter and time format guessed from the values.
data::OverlayMapping guessOverlayMapping(const OverlayFilePreview& preview, data::OverlayKind kind);
//! Empty when MAPPING can import PREVIEW's file, else what is missing ("no time column mapped").
QString checkOverlayMapping(const OverlayFilePreview& preview, const data::OverlayMapping& mapping);

//! Called every few thousand rows with the work done and the total (bytes for CSV, features
//! for OGR; total -1 when unknown); returning false cancels the import.
using ImportProgress = std::function<bool(std::int64_t done, std::int64_t total)>;

//! Where imported rows go: positions are converted from the mapping's CRS to PROJECTCRS
//! ("EPSG:nnnn" or WKT); z is 0 (layers drape overlays on the terrain when they load).
struct ImportTarget
{
    QString projectCrs;
    //! Null: a dry run (everything is read, transformed and checked; nothing is written).
    data::OverlayWriter* writer = nullptr;
    bool append = false; //!< false: the kind's existing rows are cleared first (same transaction)
};

//! Imports PATH with MAPPING through TARGET.writer, streaming (memory does not grow with the
//! file). Bad rows are rejected into the report, not fatal. Does not commit: the caller commits
//! on success, and drops the writer (rolling back) on an error or a cancel.
//! Ids that are not integers ("vehicle_4716") become stable integers in [2^52, 2^53) (a hash of
//! the text: the same in every import); events/assets without an id column get the hash of the
//! whole record. An import in which no row could be imported is an error (FormatError) too.
data::Result<data::ImportReport> importOverlayFile(const QString& path, const data::OverlayMapping& mapping,
                                                   const ImportTarget& target,
                                                   const ImportProgress& progress = {});
//! The CSV path of importOverlayFile on an open device (tests stream generated rows through it);
//! NAME is used in messages.
data::Result<data::ImportReport> importOverlayCsv(QIODevice& device, const QString& name,
                                                  const data::OverlayMapping& mapping,
                                                  const ImportTarget& target,
                                                  const ImportProgress& progress = {});

//! Parses one time value as MAPPING says (format, pattern, zone of zone-less values); nullopt
//! when it cannot be read. Shared by the importers and the dialog's preview.
std::optional<data::TimeMs> parseOverlayTime(QStringView text, const data::OverlayMapping& mapping);

} // namespace citytwin::gis
