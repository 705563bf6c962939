#include "app/FootprintHeightPanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>

namespace citytwin::app {

namespace {

//! A combo of the layer's FIELDS with CURRENT selected (kept even when the file lacks it, so a
//! missing field stays visible instead of being silently replaced).
QComboBox* fieldCombo(const QStringList& fields, const QString& current, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    combo->addItems(fields);
    if (!current.isEmpty() && !fields.contains(current))
        combo->addItem(current);
    combo->setCurrentText(current);
    return combo;
}

} // namespace

FootprintHeightPanel::FootprintHeightPanel(ProjectSession* session, data::LayerId layer, QWidget* parent)
    : QGroupBox(tr("Height"), parent), m_session(session), m_layer(layer)
{
    const ProjectSession::FootprintHeights stored = session->footprintHeights(layer);
    const QStringList fields = session->styleFields(layer);
    m_heightField = fieldCombo(fields, stored.heightField, this);
    m_heightField->setToolTip(tr("Field holding the building height in metres (\"12\", \"12.5 m\", \"40 ft\")"));
    m_floorsField = fieldCombo(fields, stored.floorsField, this);
    m_floorsField->setToolTip(tr("Used where the height field is empty: floors × storey height"));
    m_storey = new QDoubleSpinBox(this);
    m_storey->setRange(1.0, 20.0);
    m_storey->setDecimals(1);
    m_storey->setSingleStep(0.1);
    m_storey->setSuffix(tr(" m"));
    m_storey->setValue(stored.storeyHeightM);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Height field:"), m_heightField);
    form->addRow(tr("Floors field:"), m_floorsField);
    form->addRow(tr("Storey height:"), m_storey);
}

ProjectSession::FootprintHeights FootprintHeightPanel::heights() const
{
    ProjectSession::FootprintHeights h;
    h.heightField = m_heightField->currentText();
    h.floorsField = m_floorsField->currentText();
    h.storeyHeightM = m_storey->value();
    return h;
}

bool FootprintHeightPanel::apply()
{
    if (!m_session || m_session->footprintHeights(m_layer) == heights())
        return false;
    m_session->setFootprintHeights(m_layer, heights());
    return true;
}

} // namespace citytwin::app
