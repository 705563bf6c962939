#pragma once

#include <QString>
#include <QStringList>
#include <cpl_error.h>

namespace citytwin::gis {

//! Collects the GDAL/OGR/CPL errors raised on this thread while it lives (GDAL's handler
//! stack is per thread), so an adapter can put GDAL's own words into its Status message.
//! Internal to gis/; nests (the innermost capture gets the messages).
class GdalErrorCapture
{
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    bool hasErrors() const { return !m_errors.isEmpty(); }
    //! The errors (CE_Failure and worse) seen so far, oldest first, joined with "; ".
    QString errors() const;
    //! Errors if any, else warnings, else FALLBACK — the most useful text for a message.
    QString summary(const QString& fallback = {}) const;
    void clear();

private:
    static void CPL_STDCALL handle(CPLErr level, CPLErrorNum code, const char* message);

    QStringList m_errors;
    QStringList m_warnings;
};

} // namespace citytwin::gis
