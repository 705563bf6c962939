#pragma once

#include <QString>

namespace citytwin::app {

class MainWindow;

//! `citytwin --screenshot FILE`: waits until the window's project has loaded and a few frames are
//! drawn, saves the whole window (docks, 3D view and status bar) as an image, and quits the
//! application with 0 (saved) or 1. Used for documentation and headless checks under Xvfb.
class WindowScreenshot
{
public:
    static void saveWhenLoaded(MainWindow* window, const QString& file, bool projectOpened);
};

} // namespace citytwin::app
