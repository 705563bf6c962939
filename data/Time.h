#pragma once

#include <cstdint>
#include <limits>

namespace citytwin::data {

//! Inside citytwin every instant is UTC milliseconds since the Unix epoch.
using TimeMs = std::int64_t;

//! "Not set" for optional instants stored as plain integers (e.g. an event not yet closed).
inline constexpr TimeMs kNoTime = std::numeric_limits<TimeMs>::min();

inline constexpr TimeMs kSecondMs = 1000;
inline constexpr TimeMs kMinuteMs = 60 * kSecondMs;
inline constexpr TimeMs kHourMs = 60 * kMinuteMs;
inline constexpr TimeMs kDayMs = 24 * kHourMs;

} // namespace citytwin::data
