#pragma once

#include "data/LayerId.h"
#include "data/LayerSettings.h"

#include <QGroupBox>
#include <QJsonObject>
#include <QPointer>
#include <QTimeZone>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;

namespace citytwin::app {

class ProjectSession;

//! Layer Properties' "Time" section. People layers: the fading trail's length
//! (TemporalSettings::trailLengthMs, 0 = no trail) and the longest gap between two fixes a
//! marker and its trail bridge (style key "maxGapSeconds", default 600 s). Events layers:
//! "window" (only events active now) or "accumulate" (everything reported so far;
//! TemporalSettings::accumulate). apply() puts people settings on the live layer at once (no
//! reload) and reports every change through changed(), which the owner stores in the project.
//! Feature layers (buildings, pipes, models, underground spaces; ProjectSession::replaysFeatureTimes):
//! "Replay" always shown / start and end fields / start field + duration, the fields, the
//! duration, window or accumulate, and a status line with what the session applied.
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
    //! Events and feature layers: 0 window, 1 accumulate; null for other kinds.
    QComboBox* modeCombo() const { return m_mode; }
    //! Feature layers: how features get times (ReplayIndex); null for other kinds.
    QComboBox* replayCombo() const { return m_replay; }
    enum ReplayIndex { AlwaysShown = 0, StartEndFields = 1, StartDuration = 2 };
    //! Feature layers: the start/end field choosers (filled from ProjectSession::temporalFields).
    QComboBox* startFieldCombo() const { return m_startField; }
    QComboBox* endFieldCombo() const { return m_endField; }
    //! Feature layers: the duration of "start field + duration" (0: no end) in durationUnitCombo()'s unit.
    QDoubleSpinBox* durationSpin() const { return m_duration; }
    QComboBox* durationUnitCombo() const { return m_durationUnit; }
    //! Feature layers: what the session applied (counts, years, unreadable values) or why not.
    QLabel* statusLabel() const { return m_status; }

    //! Whether the edits can be applied; problem() says why not (e.g. no start field chosen).
    bool isValid() const { return problem().isEmpty(); }
    QString problem() const;
    //! The status line for SUMMARY of a layer of KIND ("2,114 of 2,180 buildings have times, 1985–2024").
    static QString summaryText(data::LayerKind kind, std::int64_t timed, std::int64_t features,
                               const data::TimeRange& extent, std::int64_t unparsable,
                               const QString& firstUnparsable, std::int64_t endBeforeStart,
                                   const QTimeZone& zone);

    //! The temporal settings and style as edited (the layer's others unchanged).
    data::TemporalSettings temporal() const;
    QJsonObject style() const;
    //! Applies what changed: people settings to the live layer; emits changed() when anything did.
    void apply();

signals:
    //! LAYER's temporal settings or style changed: store them in the project (e.g. a session edit).
    void changed(citytwin::data::LayerId layer, const citytwin::data::TemporalSettings& temporal,
                 const QJsonObject& style);
    //! isValid() changed (the dialog enables OK and Apply by it).
    void validityChanged(bool valid);

private:
    void buildFeatureRows(QFormLayout* form);
    //! Enables the rows the replay mode uses and re-checks validity.
    void updateFeatureRows();
    //! The status line: the problem, else the session's summary or error for the layer.
    void updateStatus();

    QPointer<ProjectSession> m_session;
    data::LayerId m_layer;
    data::LayerKind m_kind = data::LayerKind::People;
    data::TemporalSettings m_before;
    QJsonObject m_styleBefore;
    QDoubleSpinBox* m_trail = nullptr;
    QDoubleSpinBox* m_maxGap = nullptr;
    QComboBox* m_mode = nullptr;
    QComboBox* m_replay = nullptr;
    QComboBox* m_startField = nullptr;
    QComboBox* m_endField = nullptr;
    QDoubleSpinBox* m_duration = nullptr;
    QComboBox* m_durationUnit = nullptr;
    QLabel* m_status = nullptr;
    bool m_durationEdited = false; //!< untouched: the stored duration stays exact
    bool m_valid = true;
};

} // namespace citytwin::app
