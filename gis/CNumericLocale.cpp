#include "gis/CNumericLocale.h"

namespace citytwin::gis {

CNumericLocale::CNumericLocale()
{
    const locale_t current = duplocale(uselocale(locale_t(nullptr)));
    if (!current)
        return;
    // newlocale takes over CURRENT on success only.
    m_locale = newlocale(LC_NUMERIC_MASK, "C", current);
    if (m_locale)
        m_previous = uselocale(m_locale);
    else
        freelocale(current);
}

CNumericLocale::~CNumericLocale()
{
    if (!m_locale)
        return;
    uselocale(m_previous);
    freelocale(m_locale);
}

} // namespace citytwin::gis
