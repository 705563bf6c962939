#pragma once

#include "data/LayerId.h"
#include "data/Overlays.h"
#include "data/Time.h"
#include "gis/FeatureAttributes.h"

#include <QDate>
#include <QObject>
#include <QPoint>
#include <QPointer>
#include <cstdint>
#include <optional>
#include <osg/Node>
#include <osg/ref_ptr>

class QLabel;

namespace citytwin::scene {
class PeopleLayer;
}

namespace citytwin::app {

class OsgViewWidget;
class ProjectSession;

//! What a click on a person shows: who it is and their track of the local day.
struct PersonDetails
{
    data::LayerId layer;
    data::Person person;
    QDate day;                          //!< local day (project time zone) of the scene time at the click
    std::size_t samples = 0;            //!< fixes that day
    int runs = 0;                       //!< stretches of the track split by gaps over the limit
    double lengthM = 0;                 //!< walked that day, gaps excluded
    data::TimeMs first = data::kNoTime; //!< first and last fix that day
    data::TimeMs last = data::kNoTime;
    bool visibleNow = false; //!< on the map at the scene time

    //! The details as Inspector rows (name, role, team, day, fixes, length, first/last fix in
    //! the project time zone), for InspectorDock::showAttributes.
    gis::FeatureAttributes attributes(const QString& timeZone) const;
};

//! People in the 3D view: hovering a person's marker shows their name (a tooltip); a click on a
//! marker selects the person: their track of the local day is drawn in the scene's analysis
//! group (node "personTrack"), a small panel over the view shows the details and
//! personSelected() carries them (e.g. to the Inspector dock). Esc, a click elsewhere or a new
//! session clears it. Watches the view's events without taking clicks or drags away from it;
//! a tooltip over a person is consumed (so other watchers installed earlier do not replace it).
class PeopleController : public QObject
{
    Q_OBJECT
public:
    //! Watches VIEW, which outlives this object's use.
    explicit PeopleController(OsgViewWidget* view, QObject* parent = nullptr);
    ~PeopleController() override;

    //! The session whose people layers are hovered and clicked (null: none); clears the selection.
    void setSession(ProjectSession* session);

    struct Hit
    {
        data::LayerId layer;
        std::int64_t personId = 0;
        QString name;
    };
    //! The visible person whose marker is under widget position POS (logical px), if any.
    std::optional<Hit> personAt(const QPoint& pos) const;
    //! Selects the person under POS as a click does; false (selection cleared) when there is none.
    bool selectAt(const QPoint& pos);
    //! Selects PERSONID of people layer LAYER: draws their day's track, shows and emits the details.
    bool selectPerson(data::LayerId layer, std::int64_t personId);
    void clearSelection();

    std::optional<PersonDetails> selection() const { return m_selection; }
    //! The details panel over the view (hidden while nothing is selected).
    QLabel* detailsPanel() const { return m_panel; }
    //! The tooltip text for the person under POS ("" when none).
    QString toolTipAt(const QPoint& pos) const;

signals:
    void personSelected(const citytwin::app::PersonDetails& details);
    void selectionCleared();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    scene::PeopleLayer* peopleLayer(data::LayerId layer) const;
    void removeTrack();
    QString detailsText(const PersonDetails& d) const;

    QPointer<OsgViewWidget> m_view;
    QPointer<ProjectSession> m_session;
    QLabel* m_panel = nullptr;
    osg::ref_ptr<osg::Node> m_track; //!< in the session's analysis group while selected
    std::optional<PersonDetails> m_selection;
    QPoint m_pressPos;
    bool m_pressed = false;
};

} // namespace citytwin::app

Q_DECLARE_METATYPE(citytwin::app::PersonDetails)
