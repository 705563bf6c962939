#include "scene/SceneLog.h"

namespace citytwin::scene {

Q_LOGGING_CATEGORY(lcScene, "citytwin.scene")

} // namespace citytwin::scene
