#pragma once

#include <QLoggingCategory>

namespace citytwin::gis {

//! The gis module's logging category, "citytwin.gis".
Q_DECLARE_LOGGING_CATEGORY(lcGis)

} // namespace citytwin::gis
