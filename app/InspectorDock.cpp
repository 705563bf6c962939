#include "app/InspectorDock.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace citytwin::app {

InspectorDock::InspectorDock(QWidget* parent) : QDockWidget(parent)
{
    setObjectName(QStringLiteral("inspectorDock")); // saveState() keys docks by object name
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    m_heading = new QLabel(body);
    m_heading->setObjectName(QStringLiteral("inspectorHeading"));
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_heading->setWordWrap(true);
    layout->addWidget(m_heading);
    m_status = new QLabel(body);
    m_status->setObjectName(QStringLiteral("inspectorStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    m_table = new QTableWidget(0, 2, body);
    m_table->setObjectName(QStringLiteral("inspectorTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_table, 1);
    setWidget(body);
    retranslate();
}

void InspectorDock::clear()
{
    m_state = State::Empty;
    m_layerName.clear();
    m_error.clear();
    m_table->setRowCount(0);
    retranslate();
}

void InspectorDock::showReading(const QString& layerName, std::int64_t featureId)
{
    m_state = State::Reading;
    m_layerName = layerName;
    m_featureId = featureId;
    m_error.clear();
    m_table->setRowCount(0);
    retranslate();
}

void InspectorDock::showAttributes(const QString& layerName, std::int64_t featureId,
                                   const gis::FeatureAttributes& attributes)
{
    m_state = State::Shown;
    m_layerName = layerName;
    m_featureId = featureId;
    m_error.clear();
    m_table->setRowCount(0);
    for (const auto& [field, value] : attributes.fields)
        addRow(field, value);
    // Not OGR fields: shown after them in brackets so they never clash with a field name.
    if (!attributes.geometryType.isEmpty())
        addRow(tr("(geometry)"), attributes.geometryType);
    if (attributes.areaM2)
        addRow(tr("(area)"), QLocale().toString(*attributes.areaM2, 'f', 1));
    if (attributes.fid != featureId)
        addRow(tr("(source feature)"), QString::number(attributes.fid));
    m_table->resizeColumnToContents(0);
    retranslate();
}

void InspectorDock::showError(const QString& layerName, std::int64_t featureId, const QString& message)
{
    m_state = State::Failed;
    m_layerName = layerName;
    m_featureId = featureId;
    m_error = message;
    m_table->setRowCount(0);
    retranslate();
}

QString InspectorDock::headingText() const
{
    return m_state == State::Empty ? QString() : m_heading->text();
}

QString InspectorDock::statusText() const
{
    return m_status->text();
}

std::optional<QString> InspectorDock::value(const QString& field) const
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, 0)->text() == field)
            return m_table->item(row, 1)->text();
    return std::nullopt;
}

int InspectorDock::rowCount() const
{
    return m_table->rowCount();
}

void InspectorDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void InspectorDock::retranslate()
{
    setWindowTitle(tr("Inspector"));
    m_table->setHorizontalHeaderLabels({tr("Field"), tr("Value")});
    switch (m_state) {
    case State::Empty:
        m_heading->setText(tr("Nothing selected: click a building in the view."));
        m_status->clear();
        break;
    case State::Reading:
        m_heading->setText(tr("%1 — feature %2").arg(m_layerName).arg(m_featureId));
        m_status->setText(tr("Reading attributes…"));
        break;
    case State::Shown:
        m_heading->setText(tr("%1 — feature %2").arg(m_layerName).arg(m_featureId));
        m_status->clear();
        break;
    case State::Failed:
        m_heading->setText(tr("%1 — feature %2").arg(m_layerName).arg(m_featureId));
        m_status->setText(tr("Cannot read the attributes: %1").arg(m_error));
        break;
    }
}

void InspectorDock::addRow(const QString& field, const QString& value)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(field));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
}

} // namespace citytwin::app
