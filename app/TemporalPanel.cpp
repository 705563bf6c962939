#include "app/TemporalPanel.h"

#include "app/ProjectSession.h"
#include "scene/CityScene.h"
#include "scene/PeopleLayer.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <cmath>

namespace citytwin::app {

namespace {
constexpr double kMaxTrailMinutes = 24 * 60;
constexpr double kMinGapMinutes = 0.1;
constexpr double kMaxGapMinutes = 24 * 60;
} // namespace

bool TemporalPanel::appliesTo(data::LayerKind kind)
{
    return kind == data::LayerKind::People || kind == data::LayerKind::Events;
}

double TemporalPanel::maxGapSeconds(const data::LayerSettings& layer)
{
    const double v = layer.style.value(QLatin1String(kMaxGapKey)).toDouble(kDefaultMaxGapSeconds);
    return v > 0 ? v : kDefaultMaxGapSeconds;
}

TemporalPanel::TemporalPanel(ProjectSession* session, data::LayerId layer, QWidget* parent)
    : QGroupBox(tr("Time"), parent), m_session(session), m_layer(layer)
{
    setObjectName(QStringLiteral("temporalPanel"));
    const data::LayerSettings* settings = session ? session->project().layer(layer) : nullptr;
    if (settings) {
        m_kind = settings->kind;
        m_before = settings->temporal;
        m_styleBefore = settings->style;
    }
    auto* form = new QFormLayout(this);
    if (m_kind == data::LayerKind::People) {
        m_trail = new QDoubleSpinBox(this);
        m_trail->setObjectName(QStringLiteral("trailLengthSpin"));
        m_trail->setRange(0, kMaxTrailMinutes);
        m_trail->setDecimals(1);
        m_trail->setSuffix(tr(" min"));
        m_trail->setSpecialValueText(tr("No trail"));
        m_trail->setValue(double(m_before.trailLengthMs) / 60000.0);
        m_trail->setToolTip(tr("How far back each person's fading trail reaches"));
        form->addRow(tr("&Trail length:"), m_trail);
        m_maxGap = new QDoubleSpinBox(this);
        m_maxGap->setObjectName(QStringLiteral("maxGapSpin"));
        m_maxGap->setRange(kMinGapMinutes, kMaxGapMinutes);
        m_maxGap->setDecimals(1);
        m_maxGap->setSuffix(tr(" min"));
        m_maxGap->setValue(settings ? maxGapSeconds(*settings) / 60.0 : kDefaultMaxGapSeconds / 60.0);
        m_maxGap->setToolTip(tr("Between two fixes further apart the person is hidden and the trail breaks, "
                                "instead of jumping across the gap"));
        form->addRow(tr("&Max gap:"), m_maxGap);
    } else if (m_kind == data::LayerKind::Events) {
        m_mode = new QComboBox(this);
        m_mode->setObjectName(QStringLiteral("eventTimeModeCombo"));
        m_mode->addItem(tr("Window — only events active now"));
        m_mode->addItem(tr("Accumulate — everything reported so far"));
        m_mode->setCurrentIndex(m_before.accumulate ? 1 : 0);
        form->addRow(tr("&Show:"), m_mode);
    }
}

data::TemporalSettings TemporalPanel::temporal() const
{
    data::TemporalSettings t = m_before;
    if (m_trail)
        t.trailLengthMs = data::TimeMs(std::llround(m_trail->value() * 60000.0));
    if (m_mode)
        t.accumulate = m_mode->currentIndex() == 1;
    return t;
}

QJsonObject TemporalPanel::style() const
{
    QJsonObject s = m_styleBefore;
    if (m_maxGap) {
        const double before = m_styleBefore.value(QLatin1String(kMaxGapKey)).toDouble(kDefaultMaxGapSeconds);
        const double now = std::round(m_maxGap->value() * 60.0);
        if (std::abs(now - before) > 0.5) // an untouched default stays unset
            s.insert(QLatin1String(kMaxGapKey), now);
    }
    return s;
}

void TemporalPanel::apply()
{
    const data::TemporalSettings t = temporal();
    const QJsonObject s = style();
    if (t == m_before && s == m_styleBefore)
        return;
    if (m_session && m_kind == data::LayerKind::People) {
        if (scene::PeopleLayer* people = scene::PeopleLayer::of(m_session->scene().layerNode(m_layer))) {
            people->setTrailSeconds(double(t.trailLengthMs) / 1000.0);
            people->setMaxGapSeconds(s.value(QLatin1String(kMaxGapKey)).toDouble(kDefaultMaxGapSeconds));
        }
    }
    m_before = t;
    m_styleBefore = s;
    emit changed(m_layer, t, s);
}

} // namespace citytwin::app
