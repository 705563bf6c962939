#pragma once

// The reader suites' check that numbers still parse under a locale whose decimal separator is a
// comma (a Qt GUI runs under the user's locale; de_DE reads "3.75" as 3 with std::stod).
#include <clocale>

namespace citytwin::test {

//! Switches LC_ALL to the first installed comma-decimal locale (de_DE, fr_FR, ru_RU) and returns
//! its name, or null when none is installed (set LOCPATH to a localedef'd de_DE). Restore with
//! setlocale(LC_ALL, "C").
inline const char* useCommaDecimalLocale()
{
    for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "ru_RU.UTF-8"})
        if (std::setlocale(LC_ALL, name))
            return name;
    return nullptr;
}

} // namespace citytwin::test
