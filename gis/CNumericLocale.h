#pragma once

#include <clocale>

namespace citytwin::gis {

//! Switches the calling thread to the "C" numeric locale for its lifetime (other categories and
//! other threads keep theirs). For libraries that read and print numbers with std::stod/wcstod,
//! which follow LC_NUMERIC: a Qt GUI sets the user's locale at start-up (setlocale(LC_ALL, "")),
//! and under a comma-decimal locale "3.75" reads as 3 (IfcPlusPlus's measure types do, when
//! called outside its STEP reader, which switches the process locale only around its own parse).
class CNumericLocale
{
public:
    CNumericLocale();
    ~CNumericLocale();
    CNumericLocale(const CNumericLocale&) = delete;
    CNumericLocale& operator=(const CNumericLocale&) = delete;

private:
    locale_t m_locale = nullptr;
    locale_t m_previous = nullptr;
};

} // namespace citytwin::gis
