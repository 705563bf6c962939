#include "app/ImportDialog.h"

#include "app/ImportPreview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStringDecoder>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace citytwin::app {

using data::OverlayKind;
using data::TimeFormat;

namespace {

const QString kNone = QStringLiteral("—");
constexpr int kPreviewRows = 20;

QString kindLabel(OverlayKind kind)
{
    switch (kind) {
    case OverlayKind::Tracks:
        return ImportDialog::tr("People / vehicles (GPS tracks)");
    case OverlayKind::Events:
        return ImportDialog::tr("Events / incidents");
    case OverlayKind::Assets:
        return ImportDialog::tr("Assets (cameras, sensors, hydrants…)");
    case OverlayKind::SensorReadings:
        return ImportDialog::tr("Sensor readings");
    case OverlayKind::Thresholds:
        return ImportDialog::tr("Thresholds (sensor alarm limits)");
    }
    return {};
}

QString roleLabel(const QString& role)
{
    namespace c = data::column;
    static const QMap<QString, const char*> labels{
        {c::kId, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Id")},
        {c::kName, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Name")},
        {c::kRole, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Role")},
        {c::kTeam, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Team")},
        {c::kTime, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Time")},
        {c::kX, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "X / longitude")},
        {c::kY, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Y / latitude")},
        {c::kCategory, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Category")},
        {c::kSeverity, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Severity")},
        {c::kDescription, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Description")},
        {c::kSource, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Source")},
        {c::kReported, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Reported")},
        {c::kDispatched, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Dispatched")},
        {c::kOnSite, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "On site")},
        {c::kResolved, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Resolved")},
        {c::kClosed, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Closed")},
        {c::kStaff, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Staff")},
        {c::kType, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Type")},
        {c::kSubtype, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Subtype")},
        {c::kAsset, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Asset id")},
        {c::kValue, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Value")},
        {c::kMin, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Min (alarm below)")},
        {c::kMax, QT_TRANSLATE_NOOP("citytwin::app::ImportDialog", "Max (alarm above)")},
    };
    const char* label = labels.value(role);
    return label ? ImportDialog::tr(label) : role;
}

bool isCsv(const gis::OverlayFilePreview& preview)
{
    return preview.format.compare(QLatin1String("CSV"), Qt::CaseInsensitive) == 0;
}

} // namespace

ImportDialog::ImportDialog(gis::OverlayFilePreview preview, const QString& projectZone, QWidget* parent)
    : QDialog(parent), m_preview(std::move(preview)), m_header(m_preview.columns), m_projectZone(projectZone)
{
    setWindowTitle(tr("Import %1").arg(QFileInfo(m_preview.path).fileName()));
    buildUi();
    if (!restoreRemembered())
        applyGuess(gis::guessOverlayKind(m_preview).value_or(OverlayKind::Events));
}

void ImportDialog::buildUi()
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QFormLayout;
    auto* file = new QLabel(QFileInfo(m_preview.path).fileName(), this);
    file->setToolTip(m_preview.path);
    top->addRow(tr("File:"), file);
    QString format = m_preview.format;
    if (m_preview.approxRows >= 0)
        format += tr(", about %L1 rows").arg(m_preview.approxRows);
    if (m_preview.hasPointGeometry)
        format += tr(", point geometry");
    m_format = new QLabel(format, this);
    top->addRow(tr("Format:"), m_format);
    m_kind = new QComboBox(this);
    for (OverlayKind kind :
         {OverlayKind::Tracks, OverlayKind::Events, OverlayKind::Assets, OverlayKind::SensorReadings,
          OverlayKind::Thresholds})
        m_kind->addItem(kindLabel(kind), int(kind));
    top->addRow(tr("Import as:"), m_kind);
    layout->addLayout(top);

    // Roles and options side by side, so the preview keeps the width for its read-back columns.
    auto* middle = new QHBoxLayout;
    auto* columns = new QGroupBox(tr("Columns (* required)"), this);
    m_roleForm = new QFormLayout(columns);
    middle->addWidget(columns, 1);

    auto* options = new QGroupBox(tr("Options"), this);
    auto* form = new QFormLayout(options);
    m_crs = new QLineEdit(this);
    m_crs->setPlaceholderText(tr("e.g. EPSG:4326"));
    form->addRow(tr("Source CRS:"), m_crs);
    m_timeFormat = new QComboBox(this);
    m_timeFormat->addItem(tr("Automatic"), int(TimeFormat::Auto));
    m_timeFormat->addItem(tr("ISO 8601"), int(TimeFormat::Iso8601));
    m_timeFormat->addItem(tr("Epoch seconds"), int(TimeFormat::EpochSeconds));
    m_timeFormat->addItem(tr("Epoch milliseconds"), int(TimeFormat::EpochMillis));
    m_timeFormat->addItem(tr("Pattern"), int(TimeFormat::Pattern));
    form->addRow(tr("Time format:"), m_timeFormat);
    m_timePattern = new QLineEdit(this);
    m_timePattern->setPlaceholderText(QStringLiteral("MM/dd/yyyy hh:mm:ss AP"));
    form->addRow(tr("Time pattern:"), m_timePattern);
    m_timeZone = new QComboBox(this);
    m_timeZone->setEditable(true);
    m_timeZone->addItem(m_projectZone);
    if (m_projectZone != QLatin1String("UTC"))
        m_timeZone->addItem(QStringLiteral("UTC"));
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds()) {
        const QString zone = QString::fromLatin1(id);
        if (m_timeZone->findText(zone) < 0)
            m_timeZone->addItem(zone);
    }
    m_timeZone->setToolTip(tr("Zone of times written without one"));
    form->addRow(tr("Time zone:"), m_timeZone);
    m_delimiter = new QComboBox(this);
    m_delimiter->addItem(tr("Comma ( , )"), QStringLiteral(","));
    m_delimiter->addItem(tr("Semicolon ( ; )"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    m_delimiter->addItem(tr("Pipe ( | )"), QStringLiteral("|"));
    m_delimiter->setEnabled(isCsv(m_preview));
    form->addRow(tr("Delimiter:"), m_delimiter);
    m_append = new QCheckBox(tr("Append to existing data (else replace this kind's rows)"), this);
    form->addRow(m_append);
    middle->addWidget(options, 1, Qt::AlignTop);
    layout->addLayout(middle);

    m_table = new QTableWidget(this);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMinimumHeight(200);
    layout->addWidget(m_table, 1);
    m_problemLabel = new QLabel(this);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #c62828"));
    m_problemLabel->setWordWrap(true);
    layout->addWidget(m_problemLabel);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    layout->addWidget(m_buttons);
    resize(960, 680);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ImportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            applyGuess(OverlayKind(m_kind->currentData().toInt()));
    });
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            resplit(m_delimiter->currentData().toString().at(0));
    });
    const auto changed = [this] {
        if (!m_updating)
            refresh();
    };
    connect(m_crs, &QLineEdit::textChanged, this, changed);
    connect(m_timeFormat, &QComboBox::currentIndexChanged, this, changed);
    connect(m_timePattern, &QLineEdit::textChanged, this, changed);
    connect(m_timeZone, &QComboBox::currentTextChanged, this, changed);
}

void ImportDialog::rebuildRoles(const data::OverlayMapping& mapping)
{
    while (m_roleForm->rowCount() > 0)
        m_roleForm->removeRow(0);
    m_roles.clear();
    // A role is required alone (a group of one) or as one of a group (thresholds: asset or subtype,
    // min or max): the label says which others would do.
    const auto groups = data::requiredColumnGroups(mapping.kind, m_preview.hasPointGeometry);
    for (const QString& role : data::knownColumns(mapping.kind)) {
        auto* combo = new QComboBox(this);
        combo->addItem(kNone, QString());
        for (const QString& column : m_preview.columns)
            combo->addItem(column, column);
        const int index = combo->findData(mapping.columns.value(role));
        combo->setCurrentIndex(index < 0 ? 0 : index);
        combo->setObjectName(QStringLiteral("role_") + role);
        const auto group = std::find_if(groups.begin(), groups.end(), [&role](const std::vector<QString>& g) {
            return std::find(g.begin(), g.end(), role) != g.end();
        });
        const bool isRequired = group != groups.end();
        auto* label = new QLabel(
            roleLabel(role) + (isRequired ? QStringLiteral(" *") : QString()) + QLatin1Char(':'), this);
        if (isRequired)
            label->setStyleSheet(QStringLiteral("font-weight: bold"));
        if (isRequired && group->size() > 1) {
            QStringList labels;
            for (const QString& r : *group)
                labels << roleLabel(r);
            label->setToolTip(tr("At least one of %1 is required").arg(labels.join(tr(" / "))));
            combo->setToolTip(label->toolTip());
        }
        m_roleForm->addRow(label, combo);
        m_roles.insert(role, combo);
        connect(combo, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_updating)
                refresh();
        });
    }
}

void ImportDialog::applyGuess(OverlayKind kind)
{
    data::OverlayMapping guess = gis::guessOverlayMapping(m_preview, kind);
    guess.kind = kind;
    guess.timeZone = m_projectZone; // zone-less times are most likely local to the project
    if (guess.sourceCrs.isEmpty() && !m_preview.crs.isEmpty())
        guess.sourceCrs = m_preview.crs;
    if (isCsv(m_preview) && guess.delimiter.isNull())
        guess.delimiter = m_preview.delimiter;
    setMapping(guess);
}

void ImportDialog::setMapping(const data::OverlayMapping& mapping)
{
    m_updating = true;
    m_base = mapping;
    m_kind->setCurrentIndex(m_kind->findData(int(mapping.kind)));
    rebuildRoles(mapping);
    m_crs->setText(mapping.sourceCrs);
    m_timeFormat->setCurrentIndex(std::max(0, m_timeFormat->findData(int(mapping.timeFormat))));
    m_timePattern->setText(mapping.timePattern);
    if (m_timeZone->findText(mapping.timeZone) < 0)
        m_timeZone->addItem(mapping.timeZone);
    m_timeZone->setCurrentText(mapping.timeZone);
    const QChar delimiter = mapping.delimiter.isNull() ? m_preview.delimiter : mapping.delimiter;
    if (!delimiter.isNull()) {
        const int index = m_delimiter->findData(QString(delimiter));
        if (index >= 0)
            m_delimiter->setCurrentIndex(index);
    }
    m_updating = false;
    if (isCsv(m_preview) && !delimiter.isNull() && delimiter != m_preview.delimiter)
        resplit(delimiter); // a remembered mapping with another delimiter than the detected one
    else
        refresh();
}

data::OverlayMapping ImportDialog::mapping() const
{
    data::OverlayMapping out = m_base;
    out.kind = OverlayKind(m_kind->currentData().toInt());
    out.columns.clear();
    for (auto it = m_roles.cbegin(); it != m_roles.cend(); ++it) {
        const QString column = it.value()->currentData().toString();
        if (!column.isEmpty())
            out.columns.insert(it.key(), column);
    }
    out.sourceCrs = m_crs->text().trimmed();
    out.timeFormat = TimeFormat(m_timeFormat->currentData().toInt());
    out.timePattern = m_timePattern->text();
    out.timeZone = m_timeZone->currentText().trimmed();
    out.delimiter = isCsv(m_preview) ? m_delimiter->currentData().toString().at(0) : QChar();
    return out;
}

bool ImportDialog::append() const
{
    return m_append->isChecked();
}

void ImportDialog::setAppend(bool append)
{
    m_append->setChecked(append);
}

void ImportDialog::resplit(QChar delimiter)
{
    QFile file(m_preview.path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return; // the preview stays as read; the import reports the unreadable file
    QStringDecoder decode(QStringDecoder::Utf8);
    std::vector<QStringList> lines;
    while (!file.atEnd() && int(lines.size()) <= kPreviewRows) {
        QString line = decode(file.readLine());
        if (lines.empty() && line.startsWith(QChar(0xFEFF)))
            line.remove(0, 1); // byte order mark
        if (!line.trimmed().isEmpty())
            lines.push_back(splitCsvLine(line, delimiter));
    }
    if (lines.empty())
        return;
    m_preview.columns = lines.front();
    m_preview.rows.assign(lines.begin() + 1, lines.end());
    m_preview.delimiter = delimiter;
    const data::OverlayMapping current = mapping();
    data::OverlayMapping guess = gis::guessOverlayMapping(m_preview, current.kind);
    guess.kind = current.kind;
    guess.sourceCrs = current.sourceCrs;
    guess.timeZone = current.timeZone;
    guess.delimiter = delimiter;
    setMapping(guess);
}

void ImportDialog::refresh()
{
    const data::OverlayMapping current = mapping();
    m_problem = gis::checkOverlayMapping(m_preview, current);
    m_timePattern->setEnabled(current.timeFormat == TimeFormat::Pattern);
    m_problemLabel->setText(m_problem);
    m_problemLabel->setVisible(!m_problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
    fillTable();
}

// The read-back columns come first: what the user checks is visible without scrolling.
int ImportDialog::statusColumn() const
{
    return 0;
}

int ImportDialog::timeColumn() const
{
    return 1;
}

int ImportDialog::positionColumn() const
{
    return 2;
}

void ImportDialog::fillTable()
{
    const data::OverlayMapping current = mapping();
    const QTimeZone display(m_projectZone.toLatin1());
    constexpr int kFirstFileColumn = 3;
    QStringList headers{tr("Will be"), tr("Time (%1)").arg(m_projectZone), tr("Position")};
    headers << m_preview.columns;
    m_table->clear();
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(m_preview.rows.size()));
    for (int r = 0; r < int(m_preview.rows.size()); ++r) {
        const QStringList& row = m_preview.rows[std::size_t(r)];
        for (int c = 0; c < int(row.size()) && c < int(m_preview.columns.size()); ++c)
            m_table->setItem(r, kFirstFileColumn + c, new QTableWidgetItem(row.at(c)));
        const PreviewRowReading read =
            readPreviewRow(m_preview, current, row, display.isValid() ? display : QTimeZone::utc());
        m_table->setItem(r, timeColumn(), new QTableWidgetItem(read.time));
        m_table->setItem(r, positionColumn(), new QTableWidgetItem(read.position));
        auto* status = new QTableWidgetItem(read.problem.isEmpty() ? tr("imported")
                                                                   : tr("rejected: %1").arg(read.problem));
        if (!read.problem.isEmpty())
            status->setForeground(QColor(0xc6, 0x28, 0x28));
        m_table->setItem(r, statusColumn(), status);
    }
    m_table->resizeColumnsToContents();
}

QString ImportDialog::settingsKey(const QStringList& header)
{
    const QByteArray hash =
        QCryptographicHash::hash(header.join(QChar(0x1f)).toUtf8(), QCryptographicHash::Sha1)
            .toHex()
            .left(16);
    return QStringLiteral("import/mappings/") + QString::fromLatin1(hash);
}

bool ImportDialog::restoreRemembered()
{
    const QString text = QSettings().value(settingsKey(m_header)).toString();
    data::OverlayMapping remembered;
    if (text.isEmpty() || !mappingFromJson(QJsonDocument::fromJson(text.toUtf8()).object(), remembered))
        return false;
    for (const QString& column : remembered.columns) {
        if (!m_preview.columns.contains(column))
            return false; // another file after all: guess
    }
    setMapping(remembered);
    return true;
}

void ImportDialog::accept()
{
    if (!m_problem.isEmpty())
        return;
    // The header as the file has it, so the next file of the same kind finds the mapping.
    QSettings().setValue(
        settingsKey(m_header),
        QString::fromUtf8(QJsonDocument(mappingToJson(mapping())).toJson(QJsonDocument::Compact)));
    QDialog::accept();
}

} // namespace citytwin::app
