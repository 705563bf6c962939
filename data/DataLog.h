#pragma once

#include <QLoggingCategory>

//! Logging category of the data module ("citytwin.data").
Q_DECLARE_LOGGING_CATEGORY(lcData)
