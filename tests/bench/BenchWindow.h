#pragma once

#include "data/Result.h"

#include <osgViewer/Viewer>

namespace citytwin::bench {

//! An osgViewer in a real (Xvfb or desktop) X window of WIDTH×HEIGHT, single-threaded, no vsync:
//! what a user's window costs per frame, swap included — unlike a pbuffer with read-back.
data::Result<osg::ref_ptr<osgViewer::Viewer>> openBenchWindow(int width, int height);

//! Resident set size now and at its peak, in MiB (from /proc/self/status).
double currentRssMiB();
double peakRssMiB();

} // namespace citytwin::bench
