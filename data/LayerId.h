#pragma once

#include <QHashFunctions>
#include <cstdint>
#include <functional>

namespace citytwin::data {

//! Typed identifier of a layer within a project (never a string key). 0 is invalid.
struct LayerId
{
    std::int64_t value = 0;

    bool isValid() const { return value > 0; }
    auto operator<=>(const LayerId&) const = default;
};

inline size_t qHash(LayerId id, size_t seed = 0) { return ::qHash(id.value, seed); }

} // namespace citytwin::data

template <>
struct std::hash<citytwin::data::LayerId>
{
    size_t operator()(citytwin::data::LayerId id) const noexcept { return std::hash<std::int64_t>{}(id.value); }
};
