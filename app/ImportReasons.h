#pragma once

#include <QString>

namespace citytwin::app {

//! The reason classes the importers (gis/OverlayRowMapper, gis/OverlayImporter) give rejected
//! rows are English keys ("bad number"); the report dialog and the CLI show them translated.

//! REASONCLASS in the UI language; unknown classes as they are.
QString translatedReasonClass(const QString& reasonClass);
//! A rejected row's reason "CLASS: detail" with its CLASS translated (the detail quotes the
//! file's own values and column names, which stay as they are).
QString translatedReason(const QString& reason);

} // namespace citytwin::app
