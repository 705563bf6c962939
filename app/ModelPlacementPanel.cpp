#include "app/ModelPlacementPanel.h"

#include "app/GuiLog.h"
#include "app/ProjectSession.h"
#include "gis/CrsTransformer.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QRadioButton>
#include <QVBoxLayout>

namespace citytwin::app {

namespace {

QDoubleSpinBox* spin(QWidget* parent, const char* name, double min, double max, int decimals, double step,
                     const QString& suffix)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(QLatin1String(name));
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setSuffix(suffix);
    return box;
}

} // namespace

ModelPlacementPanel::ModelPlacementPanel(ProjectSession* session, data::LayerId layer, QWidget* parent)
    : QGroupBox(tr("Placement"), parent), m_session(session), m_layer(layer)
{
    setObjectName(QStringLiteral("modelPlacementPanel"));
    auto* layout = new QVBoxLayout(this);
    m_own = new QRadioButton(tr("Use the file's own &georeference"), this);
    m_own->setObjectName(QStringLiteral("placementOwnRadio"));
    m_place = new QRadioButton(tr("&Place the model at:"), this);
    m_place->setObjectName(QStringLiteral("placementPlaceRadio"));
    layout->addWidget(m_own);
    layout->addWidget(m_place);

    auto* form = new QFormLayout;
    layout->addLayout(form);
    // Millionths of a degree are about 0.1 m: enough to put a building on its lot.
    m_lon = spin(this, "placementLonSpin", -180.0, 180.0, 6, 0.0001, QStringLiteral(" °"));
    form->addRow(tr("Longitude:"), m_lon);
    m_lat = spin(this, "placementLatSpin", -90.0, 90.0, 6, 0.0001, QStringLiteral(" °"));
    form->addRow(tr("Latitude:"), m_lat);
    m_height = spin(this, "placementHeightSpin", -1000.0, 9000.0, 2, 1.0, QStringLiteral(" m"));
    form->addRow(tr("Height:"), m_height);
    m_onTerrain = new QCheckBox(tr("Stand on the &terrain"), this);
    m_onTerrain->setObjectName(QStringLiteral("placementOnTerrainCheck"));
    form->addRow(QString(), m_onTerrain);
    m_rotation = spin(this, "placementRotationSpin", -360.0, 360.0, 1, 5.0, QStringLiteral(" °"));
    m_rotation->setToolTip(tr("Clockwise from true north"));
    form->addRow(tr("Rotation:"), m_rotation);
    m_scale = spin(this, "placementScaleSpin", 0.001, 1000.0, 3, 0.1, QString());
    form->addRow(tr("Scale:"), m_scale);

    connect(m_own, &QRadioButton::toggled, this, &ModelPlacementPanel::updateEnabled);
    connect(m_onTerrain, &QCheckBox::toggled, this, &ModelPlacementPanel::updateEnabled);
    setPlacement(session ? session->modelPlacement(layer) : std::nullopt);
    m_untouched = placement();
}

std::optional<data::ModelPlacement> ModelPlacementPanel::placement() const
{
    if (m_own->isChecked())
        return std::nullopt;
    data::ModelPlacement p;
    p.origin = {m_lon->value(), m_lat->value(), m_height->value()};
    p.heightFromTerrain = m_onTerrain->isChecked();
    p.rotationDeg = m_rotation->value();
    p.scale = m_scale->value();
    return p;
}

void ModelPlacementPanel::setPlacement(const std::optional<data::ModelPlacement>& placement)
{
    // Without a placement the fields show where "Place" would put the model: the project origin.
    data::ModelPlacement shown;
    if (placement) {
        shown = *placement;
    } else {
        shown.origin = projectOriginLonLat();
        shown.heightFromTerrain = true;
    }
    m_lon->setValue(shown.origin.lon);
    m_lat->setValue(shown.origin.lat);
    m_height->setValue(shown.origin.height);
    m_onTerrain->setChecked(shown.heightFromTerrain);
    m_rotation->setValue(shown.rotationDeg);
    m_scale->setValue(shown.scale);
    (placement ? m_place : m_own)->setChecked(true);
    updateEnabled();
}

bool ModelPlacementPanel::apply()
{
    if (!m_session)
        return false;
    const std::optional<data::ModelPlacement> wanted = placement();
    // A new placement reloads the model: only for a real change. The spin boxes round what is
    // stored (6 decimals), so untouched widgets count as no change either.
    if (wanted == m_untouched || wanted == m_session->modelPlacement(m_layer))
        return false;
    m_session->setModelPlacement(m_layer, wanted);
    m_untouched = wanted;
    return true;
}

void ModelPlacementPanel::updateEnabled()
{
    const bool place = !m_own->isChecked();
    for (QWidget* w :
         {static_cast<QWidget*>(m_lon), static_cast<QWidget*>(m_lat), static_cast<QWidget*>(m_onTerrain),
          static_cast<QWidget*>(m_rotation), static_cast<QWidget*>(m_scale)})
        w->setEnabled(place);
    m_height->setEnabled(place && !m_onTerrain->isChecked());
}

data::GeoPoint ModelPlacementPanel::projectOriginLonLat() const
{
    if (!m_session)
        return {};
    const data::Project& project = m_session->project();
    // EPSG:4490 is CGCS2000 geographic, the datum ModelPlacement's lon/lat are given in.
    auto transformer = gis::CrsTransformer::create(project.crs, QStringLiteral("EPSG:4490"));
    if (!transformer.isOk()) {
        qCWarning(lcGui) << "placement:" << transformer.status().message();
        return {};
    }
    auto lonLat = transformer.value().forward(project.origin);
    if (!lonLat.isOk()) {
        qCWarning(lcGui) << "placement:" << lonLat.status().message();
        return {};
    }
    return {lonLat.value().x, lonLat.value().y, 0.0};
}

} // namespace citytwin::app
