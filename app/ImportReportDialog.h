#pragma once

#include "data/OverlayImport.h"

#include <QDialog>
#include <QString>

class QLabel;
class QTableWidget;

namespace citytwin::app {

//! What an import did, shown when it ends: the summary line, the rejected rows with their
//! reasons (the first ImportReport::kMaxListedRejects) and each reason with its count; or, for an
//! import that failed or was cancelled, the error naming the file and that nothing was written.
class ImportReportDialog : public QDialog
{
    Q_OBJECT
public:
    //! A finished import of PATH.
    ImportReportDialog(const QString& path, const data::ImportReport& report, QWidget* parent = nullptr);
    //! An import of PATH that wrote nothing: ERROR says why (a cancel says so too).
    ImportReportDialog(const QString& path, const QString& error, QWidget* parent = nullptr);

    bool isError() const { return m_error; }
    //! The headline: the report's summary, or the error.
    QString summaryText() const;
    QTableWidget* rejectedTable() const { return m_rejected; }
    QTableWidget* reasonsTable() const { return m_reasons; }

private:
    void build(const QString& path);

    bool m_error = false;
    QLabel* m_summary = nullptr;
    QTableWidget* m_rejected = nullptr;
    QTableWidget* m_reasons = nullptr;
};

} // namespace citytwin::app
