#pragma once

#include "data/Features.h"
#include "data/Points.h"

#include <optional>
#include <vector>

namespace citytwin::data {

//! For each of POSITIONS (x, y), the bottom elevation of the deepest pipe connected to it: a pipe
//! whose centre line passes within TOLERANCEM (plus the pipe's half width) of it in plan, at
//! the pipe's elevation there (centre z interpolated along the segment minus half the pipe's
//! height). Nullopt where no pipe with a finite z is connected. Pipes are indexed in a plan grid
//! once, so 1,000 positions × 10,000 segments cost milliseconds.
std::vector<std::optional<double>> deepestConnectedPipeBottoms(const std::vector<ProjectedPoint>& positions,
                                                               const std::vector<PipeLine>& pipes,
                                                               double toleranceM = 1.0);

} // namespace citytwin::data
