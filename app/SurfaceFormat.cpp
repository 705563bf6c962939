#include "app/SurfaceFormat.h"

#include <QSurfaceFormat>

namespace citytwin::app {

void setDefaultSurfaceFormat()
{
    QSurfaceFormat fmt;
    fmt.setRenderableType(QSurfaceFormat::OpenGL);
    fmt.setProfile(QSurfaceFormat::CompatibilityProfile);
    fmt.setVersion(2, 1);
    fmt.setDepthBufferSize(24);
    fmt.setStencilBufferSize(8);
    fmt.setSwapInterval(0); // we render on demand; vsync would only add latency
    QSurfaceFormat::setDefaultFormat(fmt);
}

} // namespace citytwin::app
