#pragma once

#include "data/LayerId.h"
#include "data/LayerSettings.h"

#include <QGroupBox>
#include <QJsonObject>
#include <QPointer>

class QComboBox;
class QDoubleSpinBox;

namespace citytwin::app {

class ProjectSession;

//! Layer Properties' "Time" section. People layers: the fading trail's length
//! (TemporalSettings::trailLengthMs, 0 = no trail) and the longest gap between two fixes a
//! marker and its trail bridge (style key "maxGapSeconds", default 600 s). Events layers:
//! "window" (only events active now) or "accumulate" (everything reported so far;
//! TemporalSettings::accumulate). apply() puts people settings on the live layer at once (no
//! reload) and reports every change through changed(), which the owner stores in the project.
class TemporalPanel : public QGroupBox
{
    Q_OBJECT
public:
    //! Style key of the people layers' gap limit, in seconds.
    static constexpr const char* kMaxGapKey = "maxGapSeconds";
    static constexpr double kDefaultMaxGapSeconds = 600.0;

    //! Whether layers of KIND have a Time section.
    static bool appliesTo(data::LayerKind kind);
    //! Max gap of a people layer's settings (style key, else the default).
    static double maxGapSeconds(const data::LayerSettings& layer);

    TemporalPanel(ProjectSession* session, data::LayerId layer, QWidget* parent = nullptr);

    //! People: trail length in minutes (0: off); null for other kinds.
    QDoubleSpinBox* trailSpin() const { return m_trail; }
    //! People: max gap in minutes; null for other kinds.
    QDoubleSpinBox* maxGapSpin() const { return m_maxGap; }
    //! Events: 0 window, 1 accumulate; null for other kinds.
    QComboBox* modeCombo() const { return m_mode; }

    //! The temporal settings and style as edited (the layer's others unchanged).
    data::TemporalSettings temporal() const;
    QJsonObject style() const;
    //! Applies what changed: people settings to the live layer; emits changed() when anything did.
    void apply();

signals:
    //! LAYER's temporal settings or style changed: store them in the project (e.g. a session edit).
    void changed(citytwin::data::LayerId layer, const citytwin::data::TemporalSettings& temporal,
                 const QJsonObject& style);

private:
    QPointer<ProjectSession> m_session;
    data::LayerId m_layer;
    data::LayerKind m_kind = data::LayerKind::People;
    data::TemporalSettings m_before;
    QJsonObject m_styleBefore;
    QDoubleSpinBox* m_trail = nullptr;
    QDoubleSpinBox* m_maxGap = nullptr;
    QComboBox* m_mode = nullptr;
};

} // namespace citytwin::app
