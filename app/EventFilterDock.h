#pragma once

#include "data/LayerId.h"
#include "data/Overlays.h"
#include "data/Time.h"
#include "scene/EventMarkerFilter.h"

#include <QDockWidget>
#include <QPointer>
#include <array>
#include <vector>

class QCheckBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QRadioButton;
class QSpinBox;

namespace citytwin::scene {
class EventMarkerLayer;
}

namespace citytwin::app {

class ProjectSession;

//! The "Event Filter" dock: which events the events layers draw — category checkboxes (the
//! categories of the loaded events, with counts), a minimum severity, the lifecycle states,
//! window (only events existing now) or accumulate (everything reported so far, closed ones
//! grey) — and "N of M events shown now". Filters are GPU uniforms (scene::setEventFilter):
//! nothing is rebuilt or re-queried. Applies to every events layer of the session; re-applies
//! itself when a layer is (re)loaded. The clock reaches it through setTime().
class EventFilterDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit EventFilterDock(QWidget* parent = nullptr);

    //! Follows SESSION's events layers (nullptr: none). The mode starts from the first events
    //! layer's TemporalSettings::accumulate.
    void setSession(ProjectSession* session);

    //! The filter the controls describe.
    scene::EventFilter filter() const;
    bool accumulate() const;
    //! Sets the controls (and applies them) from FILTER / ACCUMULATE.
    void setFilter(const scene::EventFilter& filter);
    void setAccumulate(bool accumulate);

    //! Events drawn now / events existing now (unfiltered), over every events layer.
    int shownCount() const { return m_shown; }
    int totalCount() const { return m_total; }

    QListWidget* categoryList() const { return m_categories; }
    QSpinBox* severityBox() const { return m_severity; }
    QCheckBox* stateBox(data::EventState state) const { return m_states[std::size_t(state)]; }
    QRadioButton* windowButton() const { return m_window; }
    QRadioButton* accumulateButton() const { return m_accumulate; }
    QLabel* countLabel() const { return m_count; }

public slots:
    //! The scene clock moved to T: updates the count.
    void setTime(citytwin::data::TimeMs t);
    //! Reads the categories of the loaded layers again and re-applies the filter and mode.
    void refresh();

signals:
    //! The user changed the filter (already applied to the layers).
    void filterChanged();
    //! The user switched window/accumulate (already applied). The lead may store it in the
    //! events layers' TemporalSettings::accumulate so it is saved with the project.
    void accumulateChanged(bool accumulate);

protected:
    void changeEvent(QEvent* event) override;

private:
    std::vector<scene::EventMarkerLayer*> layers() const;
    void apply();
    void updateCount();
    void retranslate();
    void onLayerStateChanged(data::LayerId id);

    QPointer<ProjectSession> m_session;
    data::TimeMs m_time = 0;
    bool m_timeSet = false;
    bool m_updating = false; //!< controls being filled: no apply per item
    int m_shown = 0, m_total = 0;
    QLabel* m_categoriesLabel = nullptr;
    QListWidget* m_categories = nullptr;
    QLabel* m_severityLabel = nullptr;
    QSpinBox* m_severity = nullptr;
    QLabel* m_statesLabel = nullptr;
    std::array<QCheckBox*, 5> m_states{};
    QRadioButton* m_window = nullptr;
    QRadioButton* m_accumulate = nullptr;
    QLabel* m_count = nullptr;
};

} // namespace citytwin::app
