#include "app/GuiLog.h"

namespace citytwin::app {
Q_LOGGING_CATEGORY(lcGui, "citytwin.app")
} // namespace citytwin::app
