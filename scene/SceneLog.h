#pragma once

#include <QLoggingCategory>

namespace citytwin::scene {

//! Logging category of the scene module ("citytwin.scene").
Q_DECLARE_LOGGING_CATEGORY(lcScene)

} // namespace citytwin::scene
