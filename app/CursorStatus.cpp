#include "app/CursorStatus.h"

#include "app/GuiLog.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

namespace citytwin::app {

CursorStatus::CursorStatus(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    m_label = new QLabel(this);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Fixed-width digits keep the readout from jittering while the mouse moves.
    QFont mono = m_label->font();
    mono.setStyleHint(QFont::Monospace);
    mono.setFamily(QStringLiteral("monospace"));
    m_label->setFont(mono);
    layout->addWidget(m_label);
    m_feature = new QLabel(this);
    m_feature->setObjectName(QStringLiteral("cursorFeature"));
    layout->addWidget(m_feature);
    layout->addStretch(1);
    setPosition(std::nullopt);
}

void CursorStatus::setProject(const data::Project* project, TerrainHeight terrain)
{
    m_frame.reset();
    m_crs.clear();
    m_project = project;
    m_terrain = std::move(terrain);
    if (project) {
        m_crs = project->crs;
        auto frame = gis::LocalFrame::create(*project);
        if (frame)
            m_frame.emplace(std::move(frame.value()));
        else
            qCWarning(lcGui) << "cursor readout without lon/lat:" << frame.status().message();
    }
    setPosition(std::nullopt);
}

void CursorStatus::setPick(const std::optional<scene::PickResult>& pick)
{
    setPosition(pick ? std::optional(pick->point) : std::nullopt);
    QString feature;
    if (pick && pick->layer && m_project) {
        if (const data::LayerSettings* layer = m_project->layer(*pick->layer)) {
            feature = pick->featureId ? tr("%1 #%2").arg(layer->name).arg(*pick->featureId) : layer->name;
        }
    }
    m_feature->setText(feature);
}

QString CursorStatus::featureText() const
{
    return m_feature->text();
}

QString CursorStatus::text() const
{
    return m_label->text();
}

void CursorStatus::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        setPosition(m_last);
    QWidget::changeEvent(event);
}

void CursorStatus::setPosition(std::optional<data::LocalPoint> hit)
{
    m_last = hit;
    if (!hit)
        m_feature->clear();
    if (!hit || !m_frame) {
        m_label->setText(tr("Lon —  Lat —  X —  Y —  H —"));
        return;
    }
    const data::ProjectedPoint p = m_frame->toProjected(*hit);
    QString geo = tr("Lon —  Lat —");
    if (auto g = m_frame->toGeographic(*hit))
        geo = tr("Lon %1°  Lat %2°").arg(g->lon, 0, 'f', 6).arg(g->lat, 0, 'f', 6);
    QString height = tr("H %1 m").arg(p.z, 0, 'f', 1);
    if (m_terrain) {
        const std::optional<double> ground = m_terrain(p.x, p.y);
        // Only worth a second number when the hit is above the ground (a roof, a pipe, a marker).
        if (ground && std::abs(*ground - p.z) > 0.5)
            height += QLatin1Char(' ') + tr("(ground %1 m)").arg(*ground, 0, 'f', 1);
    }
    m_label->setText(tr("%1  X %2  Y %3  %4").arg(geo).arg(p.x, 0, 'f', 2).arg(p.y, 0, 'f', 2).arg(height));
    m_label->setToolTip(tr("Projected coordinates in %1; lon/lat in CGCS2000").arg(m_crs));
}

} // namespace citytwin::app
