#pragma once

// The small demo city the app tests share: generated per test run into a temporary folder
// (deterministic: fixed seed), small enough to build and render in seconds on llvmpipe.
#include "data/Project.h"
#include "gis/DemoCity.h"

#include <QString>

namespace citytwin::test {

inline gis::DemoCityOptions smallDemoOptions()
{
    gis::DemoCityOptions options;
    options.buildings = 1500;
    options.people = 50;
    options.events = 3000;
    options.eventDays = 3;
    return options;
}

//! Generates the small demo into DIR; returns the project file path.
inline data::Result<QString> makeSmallDemo(const QString& dir)
{
    return gis::makeDemoCity(dir, smallDemoOptions());
}

//! The first layer of KIND in PROJECT (invalid id if none).
inline data::LayerId firstLayerOf(const data::Project& project, data::LayerKind kind)
{
    for (const data::LayerSettings& layer : project.layers()) {
        if (layer.kind == kind)
            return layer.id;
    }
    return {};
}

} // namespace citytwin::test
