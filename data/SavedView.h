#pragma once

#include "data/Points.h"
#include "data/Time.h"

#include <QString>

namespace citytwin::data {

//! A named camera (bookmark): orbit around a target in the local frame.
struct SavedView
{
    QString name;
    LocalPoint target;       //!< point looked at, local frame (metres from the project origin)
    double headingDeg = 0.0; //!< 0 = looking north, 90 = looking east
    double pitchDeg = -45.0; //!< negative looks down; -90 straight down
    double rangeM = 1000.0;  //!< distance from target to eye
    TimeMs time = kNoTime;   //!< optional clock time to restore with the view
    bool operator==(const SavedView&) const = default;
};

} // namespace citytwin::data
