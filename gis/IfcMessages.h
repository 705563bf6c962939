#pragma once

#include <QString>
#include <QStringList>

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

private:
    static void onMessage(void* self, const QString& text, int type);

    QStringList m_errors;
    int m_errorCount = 0;
    int m_logged = 0;
    friend struct IfcMessagesAccess;
};

} // namespace citytwin::gis
