#pragma once

#include "data/Status.h"

#include <cassert>
#include <optional>
#include <utility>

namespace citytwin::data {

//! A value or the Status explaining why there is none.
template <class T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Status status) : m_status(std::move(status)) { assert(!m_status.isOk()); }

    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }
    const Status& status() const { return m_status; }

    T& value() & { assert(isOk()); return *m_value; }
    const T& value() const& { assert(isOk()); return *m_value; }
    T&& value() && { assert(isOk()); return std::move(*m_value); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::optional<T> m_value;
    Status m_status;
};

} // namespace citytwin::data
