#include "app/InspectorDock.h"

#include "app/FeatureVisibilityActions.h"
#include "app/ModelTreeWidget.h"

#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

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
    // The table and the model's element tree share the height; the user moves the split.
    m_splitter = new QSplitter(Qt::Vertical, body);
    QSplitter* splitter = m_splitter;
    splitter->addWidget(m_table);
    m_modelSection = new QWidget(splitter);
    auto* modelLayout = new QVBoxLayout(m_modelSection);
    modelLayout->setContentsMargins(0, 0, 0, 0);
    m_actions = new FeatureVisibilityActions(this);
    // Two rows of two: the dock is narrow, and each pair belongs together (features, storeys).
    auto* buttons = new QGridLayout;
    const QList<QAction*> actions = m_actions->actions();
    for (int i = 0; i < actions.size(); ++i) {
        auto* button = new QToolButton(m_modelSection);
        button->setDefaultAction(actions[i]);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        buttons->addWidget(button, i / 2, i % 2);
    }
    modelLayout->addLayout(buttons);
    m_tree = new ModelTreeWidget(m_modelSection);
    modelLayout->addWidget(m_tree, 1);
    splitter->addWidget(m_modelSection);
    splitter->setCollapsible(0, false);
    splitter->setCollapsible(1, false);
    m_modelSection->hide();
    layout->addWidget(splitter, 1);
    setWidget(body);
    retranslate();
}

void InspectorDock::clear()
{
    m_state = State::Empty;
    m_layerName.clear();
    m_error.clear();
    m_featureTitle.clear();
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

void InspectorDock::showModelFeature(const QString& layerName, const data::ModelFeature& feature)
{
    m_state = State::ModelShown;
    m_layerName = layerName;
    m_featureId = feature.id;
    m_error.clear();
    m_featureTitle = feature.name.isEmpty() ? feature.type : feature.type + QLatin1Char(' ') + feature.name;
    m_table->setRowCount(0);
    // The feature's own properties first, in brackets so they never clash with an attribute name.
    addRow(tr("(type)"), feature.type);
    addRow(tr("(name)"), feature.name);
    addRow(tr("(external id)"), feature.externalId);
    for (const data::ModelAttribute& attribute : feature.attributes)
        addRow(attribute.name, attribute.value);
    m_table->resizeColumnToContents(0);
    retranslate();
}

void InspectorDock::showModelHit(const QString& layerName, const QString& nodeName, const data::ProjectedPoint& point)
{
    m_state = State::ModelHit;
    m_layerName = layerName;
    m_error.clear();
    m_featureTitle = nodeName;
    m_table->setRowCount(0);
    addRow(tr("(tile)"), nodeName);
    const QLocale locale;
    addRow(tr("(easting)"), locale.toString(point.x, 'f', 2));
    addRow(tr("(northing)"), locale.toString(point.y, 'f', 2));
    addRow(tr("(height)"), locale.toString(point.z, 'f', 2));
    m_table->resizeColumnToContents(0);
    retranslate();
}

void InspectorDock::setModelSectionVisible(bool visible)
{
    if (visible == isModelSectionVisible())
        return;
    m_modelSection->setVisible(visible);
    // A section shown again after the splitter laid out without it starts with no height: share.
    const QList<int> sizes = m_splitter->sizes();
    if (visible && sizes.size() == 2 && sizes[1] < m_modelSection->minimumSizeHint().height()) {
        const int total = std::max(sizes[0] + sizes[1], 2);
        m_splitter->setSizes({total * 2 / 5, total - total * 2 / 5});
    }
}

bool InspectorDock::isModelSectionVisible() const
{
    return !m_modelSection->isHidden();
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
        m_heading->setText(tr("Nothing selected: click a building or a model in the view."));
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
    case State::ModelShown:
        m_heading->setText(tr("%1 — %2 (#%3)").arg(m_layerName, m_featureTitle).arg(m_featureId));
        m_status->clear();
        break;
    case State::ModelHit:
        m_heading->setText(m_featureTitle.isEmpty() ? m_layerName
                                                    : tr("%1 — %2").arg(m_layerName, m_featureTitle));
        m_status->clear();
        break;
    }
    m_actions->retranslate();
    m_tree->retranslate();
}

void InspectorDock::addRow(const QString& field, const QString& value)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(field));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
}

} // namespace citytwin::app
