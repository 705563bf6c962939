#include "app/FeatureStylePanel.h"

#include "app/ProjectSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace citytwin::app {

namespace {

constexpr int kMinClasses = 2;
constexpr int kMaxClasses = 10;
constexpr int kSwatchPx = 14;

QIcon swatch(const std::array<float, 4>& rgba)
{
    QPixmap pixmap(kSwatchPx, kSwatchPx);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(Qt::darkGray);
    painter.setBrush(QColor::fromRgbF(rgba[0], rgba[1], rgba[2], rgba[3]));
    painter.drawRect(0, 0, kSwatchPx - 1, kSwatchPx - 1);
    return QIcon(pixmap);
}

} // namespace

FeatureStylePanel::FeatureStylePanel(ProjectSession* session, data::LayerId layer, QWidget* parent)
    : QGroupBox(tr("Style"), parent), m_session(session), m_layer(layer)
{
    setObjectName(QStringLiteral("featureStylePanel"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    layout->addLayout(form);

    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("styleModeCombo"));
    m_mode->addItem(tr("Single colour"), int(data::StyleMode::Single));
    m_mode->addItem(tr("Categorized"), int(data::StyleMode::Categorized));
    m_mode->addItem(tr("Graduated"), int(data::StyleMode::Graduated));
    form->addRow(tr("&Colour by:"), m_mode);

    m_field = new QComboBox(this);
    m_field->setObjectName(QStringLiteral("styleFieldCombo"));
    if (session)
        m_field->addItems(session->styleFields(layer));
    form->addRow(tr("&Field:"), m_field);

    m_classes = new QSpinBox(this);
    m_classes->setObjectName(QStringLiteral("styleClassesSpin"));
    m_classes->setRange(kMinClasses, kMaxClasses);
    form->addRow(tr("C&lasses:"), m_classes);

    m_breaks = new QComboBox(this);
    m_breaks->setObjectName(QStringLiteral("styleBreaksCombo"));
    m_breaks->addItem(tr("Equal interval"), int(data::ClassBreaks::EqualInterval));
    m_breaks->addItem(tr("Quantile"), int(data::ClassBreaks::Quantile));
    form->addRow(tr("&Breaks:"), m_breaks);

    m_wireframe = new QCheckBox(tr("&Wireframe"), this);
    m_wireframe->setObjectName(QStringLiteral("styleWireframeCheck"));
    form->addRow(QString(), m_wireframe);

    m_legend = new QTreeWidget(this);
    m_legend->setObjectName(QStringLiteral("styleLegend"));
    m_legend->setColumnCount(2);
    m_legend->setHeaderLabels({tr("Class"), tr("Features")});
    m_legend->setRootIsDecorated(false);
    m_legend->setSelectionMode(QAbstractItemView::NoSelection);
    m_legend->header()->setStretchLastSection(false);
    m_legend->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_legend->setMinimumHeight(110);
    layout->addWidget(m_legend, 1);
    m_unclassified = new QLabel(this);
    layout->addWidget(m_unclassified);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("styleError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_error);

    m_showHidden = new QPushButton(this);
    m_showHidden->setObjectName(QStringLiteral("styleShowHiddenButton"));
    layout->addWidget(m_showHidden, 0, Qt::AlignLeft);
    connect(m_showHidden, &QPushButton::clicked, this, &FeatureStylePanel::showHidden);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &FeatureStylePanel::updateEnabled);
    if (session) {
        load(session->featureStyle(layer));
        connect(session, &ProjectSession::featureStyleApplied, this, [this](data::LayerId id) {
            if (id == m_layer)
                refresh();
        });
    }
    updateEnabled();
    refresh();
}

void FeatureStylePanel::load(const data::FeatureStyle& style)
{
    m_mode->setCurrentIndex(m_mode->findData(int(style.mode)));
    if (!style.field.isEmpty() && m_field->findText(style.field) < 0)
        m_field->addItem(style.field); // a field the file no longer has: keep showing what is stored
    if (!style.field.isEmpty())
        m_field->setCurrentText(style.field);
    m_classes->setValue(style.classes);
    m_breaks->setCurrentIndex(m_breaks->findData(int(style.breaks)));
    m_wireframe->setChecked(style.wireframe);
}

data::FeatureStyle FeatureStylePanel::style() const
{
    data::FeatureStyle style = m_session ? m_session->featureStyle(m_layer) : data::FeatureStyle{};
    style.mode = data::StyleMode(m_mode->currentData().toInt());
    // Single ignores the field: the stored one is kept, so an untouched dialog changes nothing.
    if (style.mode != data::StyleMode::Single)
        style.field = m_field->currentText();
    style.classes = m_classes->value();
    style.breaks = data::ClassBreaks(m_breaks->currentData().toInt());
    style.wireframe = m_wireframe->isChecked();
    return style;
}

bool FeatureStylePanel::apply()
{
    if (!m_session)
        return false;
    const data::FeatureStyle wanted = style();
    if (wanted == m_session->featureStyle(m_layer))
        return false; // every edit marks the project modified: only real changes
    m_session->setFeatureStyle(m_layer, wanted);
    return true;
}

QString FeatureStylePanel::errorText() const
{
    return m_error->text();
}

void FeatureStylePanel::refresh()
{
    m_legend->clear();
    if (!m_session)
        return;
    const data::StyleClassification legend = m_session->styleClassification(m_layer);
    for (const data::StyleClass& entry : legend.classes) {
        auto* item = new QTreeWidgetItem(m_legend);
        item->setIcon(0, swatch(entry.colour));
        item->setText(0, entry.label.isEmpty() ? tr("(empty)") : entry.label);
        item->setText(1, QString::number(entry.count));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_legend->resizeColumnToContents(1);
    m_unclassified->setText(
        legend.unclassified > 0
            ? tr("%n feature(s) without a usable value keep their own colour.", nullptr, legend.unclassified)
            : QString());
    m_unclassified->setVisible(legend.unclassified > 0);
    const QString error = m_session->styleError(m_layer);
    m_error->setText(error.isEmpty() ? QString() : tr("The style could not be applied: %1").arg(error));
    m_error->setVisible(!error.isEmpty());
    const auto hidden = int(m_session->featureStyle(m_layer).hidden.size());
    m_showHidden->setText(hidden > 0 ? tr("Show %n Hidden Feature(s)", nullptr, hidden)
                                     : tr("Show Hidden Features"));
    m_showHidden->setEnabled(hidden > 0);
}

void FeatureStylePanel::updateEnabled()
{
    const auto mode = data::StyleMode(m_mode->currentData().toInt());
    m_field->setEnabled(mode != data::StyleMode::Single);
    m_classes->setEnabled(mode == data::StyleMode::Graduated);
    m_breaks->setEnabled(mode == data::StyleMode::Graduated);
}

void FeatureStylePanel::showHidden()
{
    if (!m_session)
        return;
    // An action, not a setting: applied at once (like the Inspector's Show All).
    data::FeatureStyle stored = m_session->featureStyle(m_layer);
    if (stored.hidden.empty())
        return;
    stored.hidden.clear();
    m_session->setFeatureStyle(m_layer, stored);
    refresh();
}

} // namespace citytwin::app
