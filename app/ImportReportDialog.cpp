#include "app/ImportReportDialog.h"

#include "app/ImportReasons.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace citytwin::app {

namespace {

QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QTableWidgetItem* numberItem(std::int64_t n)
{
    auto* item = new QTableWidgetItem(QStringLiteral("%L1").arg(n));
    item->setData(Qt::UserRole, qlonglong(n));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

ImportReportDialog::ImportReportDialog(const QString& path, const data::ImportReport& report, QWidget* parent)
    : QDialog(parent)
{
    build(path);
    m_summary->setText(tr("%1: %2").arg(QFileInfo(path).fileName(), report.summary()));
    m_rejected->setRowCount(int(report.rejected.size()));
    for (int r = 0; r < int(report.rejected.size()); ++r) {
        const data::RejectedRow& row = report.rejected[std::size_t(r)];
        m_rejected->setItem(r, 0, numberItem(row.row));
        m_rejected->setItem(r, 1, new QTableWidgetItem(translatedReason(row.reason)));
    }
    m_reasons->setRowCount(int(report.rejectedByReason.size()));
    int r = 0;
    for (auto it = report.rejectedByReason.cbegin(); it != report.rejectedByReason.cend(); ++it, ++r) {
        m_reasons->setItem(r, 0, numberItem(it.value()));
        m_reasons->setItem(r, 1, new QTableWidgetItem(translatedReasonClass(it.key())));
    }
    if (report.rowsRejected > std::int64_t(report.rejected.size()))
        m_rejected->setToolTip(
            tr("The first %L1 of %L2 rejected rows").arg(report.rejected.size()).arg(report.rowsRejected));
    const bool anyRejected = report.rowsRejected > 0;
    m_rejected->setVisible(anyRejected);
    m_reasons->setVisible(anyRejected);
}

ImportReportDialog::ImportReportDialog(const QString& path, const QString& error, QWidget* parent)
    : QDialog(parent), m_error(true)
{
    build(path);
    m_summary->setText(error);
    m_summary->setStyleSheet(QStringLiteral("color: #c62828"));
    m_rejected->hide();
    m_reasons->hide();
}

void ImportReportDialog::build(const QString& path)
{
    setWindowTitle(tr("Import of %1").arg(QFileInfo(path).fileName()));
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    m_rejected = makeTable({tr("Row"), tr("Why it was rejected")}, this);
    layout->addWidget(m_rejected, 2);
    m_reasons = makeTable({tr("Rows"), tr("Reason")}, this); // the count first: the reason stretches
    layout->addWidget(m_reasons, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 420);
}

QString ImportReportDialog::summaryText() const
{
    return m_summary->text();
}

} // namespace citytwin::app
