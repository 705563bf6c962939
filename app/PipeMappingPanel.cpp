#include "app/PipeMappingPanel.h"

#include "app/ProjectSession.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>

namespace citytwin::app {

namespace {

//! "(none)" first, then the layer's FIELDS; CURRENT selected (added when the file lacks it, so a
//! missing field stays visible).
QComboBox* makeFieldCombo(const QStringList& fields, const QString& current, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    combo->addItem(PipeMappingPanel::tr("(none)"), QString());
    for (const QString& f : fields)
        combo->addItem(f, f);
    if (!current.isEmpty() && combo->findData(current) < 0)
        combo->addItem(current, current);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
    return combo;
}

QDoubleSpinBox* metres(double value, double max, QWidget* parent)
{
    auto* spin = new QDoubleSpinBox(parent);
    spin->setRange(0.01, max);
    spin->setDecimals(2);
    spin->setSingleStep(0.1);
    spin->setSuffix(PipeMappingPanel::tr(" m"));
    spin->setValue(value);
    return spin;
}

} // namespace

PipeMappingPanel::PipeMappingPanel(ProjectSession* session, data::LayerId layer, QWidget* parent)
    : QGroupBox(tr("Pipe fields"), parent), m_session(session), m_layer(layer)
{
    const data::PipeMapping stored = session->pipeMapping(layer);
    const QStringList fields = session->styleFields(layer);
    auto* form = new QFormLayout(this);
    const std::pair<QString, std::pair<QString, QString>> rows[] = {
        {QStringLiteral("depth"), {tr("Depth field:"), stored.depthField}},
        {QStringLiteral("startElevation"), {tr("Start elevation field:"), stored.startElevationField}},
        {QStringLiteral("endElevation"), {tr("End elevation field:"), stored.endElevationField}},
        {QStringLiteral("diameter"), {tr("Diameter field:"), stored.diameterField}},
        {QStringLiteral("width"), {tr("Box width field:"), stored.widthField}},
        {QStringLiteral("height"), {tr("Box height field:"), stored.heightField}},
        {QStringLiteral("material"), {tr("Material field:"), stored.materialField}},
        {QStringLiteral("installYear"), {tr("Install year field:"), stored.installYearField}},
        {QStringLiteral("network"), {tr("Network type field:"), stored.networkField}},
    };
    for (const auto& [key, row] : rows) {
        QComboBox* combo = makeFieldCombo(fields, row.second, this);
        m_fields.emplace_back(key, combo);
        form->addRow(row.first, combo);
        if (key == QLatin1String("depth")) {
            m_reference = new QComboBox(this);
            m_reference->addItem(tr("Top of the pipe"), int(data::DepthReference::Top));
            m_reference->addItem(tr("Centre line"), int(data::DepthReference::Centre));
            m_reference->addItem(tr("Invert (bottom inside)"), int(data::DepthReference::Invert));
            m_reference->setCurrentIndex(m_reference->findData(int(stored.depthReference)));
            form->addRow(tr("Depth and elevations measure:"), m_reference);
        }
    }
    m_defaultDepth = metres(stored.defaultDepthM, 100.0, this);
    m_defaultDepth->setToolTip(tr("Depth of the centre line where a pipe has no depth or elevation"));
    form->addRow(tr("Default depth:"), m_defaultDepth);
    m_defaultDiameter = metres(stored.defaultDiameterM, 20.0, this);
    m_defaultDiameter->setToolTip(tr("Diameter where a pipe has no size; sizes above 20 are read as millimetres"));
    form->addRow(tr("Default diameter:"), m_defaultDiameter);
}

QComboBox* PipeMappingPanel::fieldCombo(const QString& key) const
{
    for (const auto& [k, combo] : m_fields)
        if (k == key)
            return combo;
    return nullptr;
}

data::PipeMapping PipeMappingPanel::mapping() const
{
    data::PipeMapping m = m_session ? m_session->pipeMapping(m_layer) : data::PipeMapping{};
    auto field = [this](const char* key) { return fieldCombo(QString::fromLatin1(key))->currentData().toString(); };
    m.depthField = field("depth");
    m.startElevationField = field("startElevation");
    m.endElevationField = field("endElevation");
    m.diameterField = field("diameter");
    m.widthField = field("width");
    m.heightField = field("height");
    m.materialField = field("material");
    m.installYearField = field("installYear");
    m.networkField = field("network");
    m.depthReference = data::DepthReference(m_reference->currentData().toInt());
    m.defaultDepthM = m_defaultDepth->value();
    m.defaultDiameterM = m_defaultDiameter->value();
    return m;
}

bool PipeMappingPanel::apply()
{
    if (!m_session || m_session->pipeMapping(m_layer) == mapping())
        return false;
    m_session->setPipeMapping(m_layer, mapping());
    return true;
}

} // namespace citytwin::app
