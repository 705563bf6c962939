#include "gis/GisLog.h"

namespace citytwin::gis {

Q_LOGGING_CATEGORY(lcGis, "citytwin.gis")

} // namespace citytwin::gis
