#pragma once

namespace citytwin::app {

//! Sets Qt's default OpenGL surface format for citytwin's views; call before QApplication.
//! Debian's OSG is a GL2 build: it needs a Compatibility context (a Core profile draws nothing).
void setDefaultSurfaceFormat();

} // namespace citytwin::app
