#pragma once

#include <QString>
#include <array>
#include <utility>

namespace citytwin::data::detail {

//! A fixed table of (enum value, stable name) pairs: one place per enum instead of two switches.
template <class E, std::size_t N> using EnumNameTable = std::array<std::pair<E, const char*>, N>;

template <class E, std::size_t N> QString enumToString(const EnumNameTable<E, N>& table, E value)
{
    for (const auto& [e, name] : table) {
        if (e == value)
            return QString::fromLatin1(name);
    }
    return {};
}

//! Exact, case-sensitive match: the names are file-format tokens, not user input.
template <class E, std::size_t N>
bool enumFromString(const EnumNameTable<E, N>& table, const QString& s, E& out)
{
    for (const auto& [e, name] : table) {
        if (s == QLatin1String(name)) {
            out = e;
            return true;
        }
    }
    return false;
}

} // namespace citytwin::data::detail
