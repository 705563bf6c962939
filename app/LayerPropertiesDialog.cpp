#include "app/LayerPropertiesDialog.h"

#include "app/FeatureStylePanel.h"
#include "app/FootprintHeightPanel.h"
#include "app/ModelPlacementPanel.h"
#include "app/PipeMappingPanel.h"
#include "app/ProjectSession.h"
#include "app/TemporalPanel.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

namespace citytwin::app {

namespace {
QLabel* selectableLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}
} // namespace

LayerPropertiesDialog::LayerPropertiesDialog(ProjectSession* session, data::LayerId layer, QWidget* parent)
    : QDialog(parent), m_session(session), m_layer(layer)
{
    setObjectName(QStringLiteral("layerPropertiesDialog"));
    const data::LayerSettings* settings = session ? session->project().layer(layer) : nullptr;
    setWindowTitle(settings ? tr("Layer Properties — %1").arg(settings->name) : tr("Layer Properties"));
    setMinimumWidth(420);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    layout->addLayout(form);

    const bool elevation = settings && settings->kind == data::LayerKind::Elevation;
    if (settings) {
        form->addRow(tr("Name:"), selectableLabel(settings->name, this));
        form->addRow(tr("Kind:"), selectableLabel(data::toString(settings->kind), this));
        form->addRow(tr("Source:"), selectableLabel(QDir::toNativeSeparators(settings->sourceUri), this));
        const QString error = session->layerError(layer);
        if (!error.isEmpty()) {
            QLabel* errorLabel = selectableLabel(error, this);
            errorLabel->setStyleSheet(QStringLiteral("color: #b00020"));
            form->addRow(tr("Error:"), errorLabel);
        }
    }

    auto* opacityRow = new QHBoxLayout;
    m_opacitySlider = new QSlider(Qt::Horizontal, this);
    m_opacitySlider->setRange(0, 100);
    m_opacitySpin = new QSpinBox(this);
    m_opacitySpin->setObjectName(QStringLiteral("opacitySpin"));
    m_opacitySpin->setRange(0, 100);
    m_opacitySpin->setSuffix(QStringLiteral(" %"));
    opacityRow->addWidget(m_opacitySlider, 1);
    opacityRow->addWidget(m_opacitySpin);
    auto* opacityLabel = new QLabel(tr("&Opacity:"), this);
    opacityLabel->setBuddy(m_opacitySpin); // a row of widgets gets no buddy from the form
    form->addRow(opacityLabel, opacityRow);
    connect(m_opacitySlider, &QSlider::valueChanged, m_opacitySpin, &QSpinBox::setValue);
    connect(m_opacitySpin, &QSpinBox::valueChanged, m_opacitySlider, &QSlider::setValue);
    m_opacitySpin->setValue(settings ? int(std::lround(settings->opacity * 100.0)) : 100);

    m_verticalScale = new QDoubleSpinBox(this);
    m_verticalScale->setObjectName(QStringLiteral("verticalScaleSpin"));
    m_verticalScale->setRange(kMinVerticalScale, kMaxVerticalScale);
    m_verticalScale->setDecimals(1);
    m_verticalScale->setSingleStep(0.5);
    m_verticalScale->setPrefix(QStringLiteral("× "));
    m_verticalScale->setValue(settings ? ProjectSession::layerVerticalScale(*settings) : 1.0);
    m_verticalScale->setEnabled(elevation);
    m_verticalScale->setToolTip(elevation ? tr("Stretches the terrain heights (1 = true scale)")
                                          : tr("Only elevation layers have a vertical exaggeration"));
    form->addRow(tr("&Vertical exaggeration:"), m_verticalScale);

    const bool model = settings && settings->kind == data::LayerKind::Model;
    const bool buildings = settings && settings->kind == data::LayerKind::Buildings;
    const bool pipes = settings && settings->kind == data::LayerKind::Pipes;
    if (pipes) {
        m_pipeFields = new PipeMappingPanel(session, layer, this);
        layout->addWidget(m_pipeFields);
    }
    if (buildings) {
        m_heights = new FootprintHeightPanel(session, layer, this);
        layout->addWidget(m_heights);
    }
    if (model || buildings || pipes) {
        m_style = new FeatureStylePanel(session, layer, this);
        layout->addWidget(m_style, 1);
    }
    if (model) {
        m_placement = new ModelPlacementPanel(session, layer, this);
        layout->addWidget(m_placement);
    }
    if (settings && TemporalPanel::appliesTo(settings->kind)) {
        m_temporal = new TemporalPanel(session, layer, this);
        layout->addWidget(m_temporal);
    }

    auto* buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    m_apply = buttons->button(QDialogButtonBox::Apply);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &LayerPropertiesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &LayerPropertiesDialog::reject);
    // Apply keeps the dialog open, so the legend can be seen for the style just chosen.
    connect(m_apply, &QPushButton::clicked, this, &LayerPropertiesDialog::applyChanges);
    if (m_temporal) {
        // A replay without its start field cannot be applied: the Time section says why.
        QPushButton* ok = buttons->button(QDialogButtonBox::Ok);
        const auto enable = [ok, apply = m_apply](bool valid) {
            ok->setEnabled(valid);
            apply->setEnabled(valid);
        };
        enable(m_temporal->isValid());
        connect(m_temporal, &TemporalPanel::validityChanged, this, enable);
    }
}

void LayerPropertiesDialog::applyChanges()
{
    const data::LayerSettings* settings = m_session ? m_session->project().layer(m_layer) : nullptr;
    if (settings) {
        // Read everything first: an edit may change the project's layer list under SETTINGS.
        const bool elevation = settings->kind == data::LayerKind::Elevation;
        const double opacityBefore = settings->opacity;
        const double scaleBefore = ProjectSession::layerVerticalScale(*settings);
        const double opacity = m_opacitySpin->value() / 100.0;
        const double scale = m_verticalScale->value();
        // Only real changes: each edit marks the project modified.
        if (std::abs(opacity - opacityBefore) > 1e-9)
            m_session->setLayerOpacity(m_layer, opacity);
        if (elevation && std::abs(scale - scaleBefore) > 1e-9)
            m_session->setLayerVerticalScale(m_layer, scale);
        // The panels ask the session again: the edits above may have moved SETTINGS.
        if (m_heights)
            m_heights->apply(); // re-extrudes the layer; the style is applied to the new node
        if (m_pipeFields)
            m_pipeFields->apply(); // reloads the pipes; the style is applied to the new node
        if (m_style)
            m_style->apply();
        if (m_temporal)
            m_temporal->apply(); // the owner stores it (TemporalPanel::changed); the session applies it
        if (m_placement)
            m_placement->apply(); // last: a new placement reloads the layer
    }
}

void LayerPropertiesDialog::accept()
{
    applyChanges();
    QDialog::accept();
}

} // namespace citytwin::app
