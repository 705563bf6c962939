#pragma once

#include <QLoggingCategory>

namespace citytwin::app {
//! Logging category of the GUI side of app/ ("citytwin.app").
Q_DECLARE_LOGGING_CATEGORY(lcGui)
} // namespace citytwin::app
