#pragma once

#include <QString>
#include <QStringList>
#include <functional>

class StatusCallback;

namespace citytwin::gis {

//! Collects what IfcPlusPlus reports through its StatusCallback mechanism (it never throws to
//! the caller for most problems and would otherwise print or drop them): errors and warnings are
//! kept (the first few) for the reader's messages and logged to citytwin.gis; progress values go
//! to an optional function.
class IfcMessages
{
public:
    //! Routes TARGET's messages here; TARGET must not outlive this object.
    void attach(StatusCallback& target);

    const QStringList& errors() const { return m_errors; }
    int errorCount() const { return m_errorCount; }
    //! Forgets the errors so far (geometry errors are counted apart from parser errors).
    void clearErrors();
    //! Gets IfcPlusPlus's progress values (0..1, never decreasing).
    void setProgress(std::function<void(double)> progress) { m_progress = std::move(progress); }

private:
    static void onMessage(void* self, const QString& text, int type, double progress);

    QStringList m_errors;
    int m_errorCount = 0;
    int m_logged = 0;
    double m_lastProgress = 0.0;
    std::function<void(double)> m_progress;
    friend struct IfcMessagesAccess;
};

} // namespace citytwin::gis
