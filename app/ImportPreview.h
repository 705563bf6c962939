#pragma once

#include "data/OverlayImport.h"
#include "gis/OverlayImporter.h"

#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace citytwin::app {

//! How the import will read one preview row (the dialog's extra columns): its time shown in
//! the project's zone, its position, and why it would be rejected (empty: it will be imported).
struct PreviewRowReading
{
    QString time;     //!< "2026-11-27 08:30:00" in the display zone, or empty
    QString position; //!< "121.01000, 30.70000", "(geometry)" or empty
    QString problem;  //!< "unparsable time '2026-13-01'", "missing id", … or empty
};

//! Reads ROW (cells named by PREVIEW.columns) as MAPPING says; times are shown in DISPLAYZONE.
//! Checks only what can be told from the cells (times, numbers, required values), not the CRS.
PreviewRowReading readPreviewRow(const gis::OverlayFilePreview& preview, const data::OverlayMapping& mapping,
                                 const QStringList& row, const QTimeZone& displayZone);

//! The role whose time orders KIND's rows (Tracks/readings: time, Events: reported; Assets: none).
QString primaryTimeRole(data::OverlayKind kind);

//! Splits one CSV line by DELIMITER, honouring double quotes ("a,b" and "" escapes); for the
//! dialog's preview when the user picks another delimiter than the detected one.
QStringList splitCsvLine(const QString& line, QChar delimiter);

} // namespace citytwin::app

class QJsonObject;

namespace citytwin::app {

//! MAPPING as JSON, for QSettings (the dialog remembers the last mapping per file header).
QJsonObject mappingToJson(const data::OverlayMapping& mapping);
//! Reads what mappingToJson wrote; false (OUT untouched) when JSON is not such a mapping.
bool mappingFromJson(const QJsonObject& json, data::OverlayMapping& out);

} // namespace citytwin::app
