#include "app/PeopleController.h"

#include "app/OsgViewWidget.h"
#include "data/Project.h"
#include "app/ProjectSession.h"
#include "scene/CityScene.h"
#include "scene/PeopleLayer.h"
#include "scene/PeoplePicker.h"
#include "scene/PersonTrackBuilder.h"

#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QTimeZone>
#include <QToolTip>
#include <osgGA/CameraManipulator>
#include <osgViewer/Viewer>

namespace citytwin::app {

namespace {

//! How far from a marker's centre the pointer still hits it (logical px; markers are ~10 px).
constexpr double kPickRadiusPx = 9.0;
const char* const kTrackNodeName = "personTrack";

QString timeText(data::TimeMs t, const QTimeZone& zone)
{
    return QDateTime::fromMSecsSinceEpoch(t, zone).toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

gis::FeatureAttributes PersonDetails::attributes(const QString& timeZone) const
{
    const QTimeZone zone = data::timeZoneOrUtc(timeZone);
    gis::FeatureAttributes a;
    a.fid = person.id;
    a.layerName = QObject::tr("people");
    a.fields = {{QObject::tr("Name"), person.name},
                {QObject::tr("Role"), data::toString(person.role)},
                {QObject::tr("Team"), person.team},
                {QObject::tr("Day"), day.toString(Qt::ISODate)},
                {QObject::tr("Fixes"), QString::number(samples)},
                {QObject::tr("Distance"), QObject::tr("%1 km").arg(lengthM / 1000.0, 0, 'f', 2)}};
    if (samples > 0) {
        a.fields.emplace_back(QObject::tr("First fix"), timeText(first, zone));
        a.fields.emplace_back(QObject::tr("Last fix"), timeText(last, zone));
    }
    return a;
}

PeopleController::PeopleController(OsgViewWidget* view, QObject* parent) : QObject(parent), m_view(view)
{
    qRegisterMetaType<PersonDetails>();
    view->installEventFilter(this);
    m_panel = new QLabel(view);
    m_panel->setObjectName(QStringLiteral("personDetailsPanel"));
    m_panel->setTextFormat(Qt::RichText);
    m_panel->setStyleSheet(QStringLiteral("QLabel { background: rgba(255, 255, 255, 225); color: black;"
                                          " border: 1px solid #888; border-radius: 4px; padding: 6px; }"));
    m_panel->move(8, 8);
    m_panel->hide();
}

PeopleController::~PeopleController()
{
    removeTrack();
}

void PeopleController::setSession(ProjectSession* session)
{
    clearSelection();
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session) // a reloaded or removed layer takes the selected person with it
        connect(session, &ProjectSession::layersChanged, this, [this] {
            if (m_selection && !peopleLayer(m_selection->layer))
                clearSelection();
        });
}

scene::PeopleLayer* PeopleController::peopleLayer(data::LayerId layer) const
{
    if (!m_session || m_session->scene().layerKind(layer) != data::LayerKind::People)
        return nullptr;
    return scene::PeopleLayer::of(m_session->scene().layerNode(layer));
}

std::optional<PeopleController::Hit> PeopleController::personAt(const QPoint& pos) const
{
    if (!m_view || !m_session || !m_view->rect().contains(pos))
        return std::nullopt;
    osgViewer::Viewer* viewer = m_view->viewer();
    const double dpr = m_view->devicePixelRatioF();
    // A probe camera at the widget's physical size: the live camera's view matrix follows the
    // manipulator only during frame(); x/y on screen depend on the projection's field of view only.
    osg::ref_ptr<osg::Camera> probe = new osg::Camera;
    probe->setViewport(0, 0, std::max(1.0, m_view->width() * dpr), std::max(1.0, m_view->height() * dpr));
    probe->setViewMatrix(viewer->getCameraManipulator() ? viewer->getCameraManipulator()->getInverseMatrix()
                                                        : viewer->getCamera()->getViewMatrix());
    probe->setProjectionMatrix(viewer->getCamera()->getProjectionMatrix());
    const std::optional<scene::PersonPick> pick = scene::pickPerson(
        *probe, m_session->scene().root(), pos.x() * dpr, pos.y() * dpr, kPickRadiusPx * dpr);
    if (!pick || !pick->layerId)
        return std::nullopt;
    const data::Person& person = pick->layer->person(pick->index);
    return Hit{*pick->layerId, person.id, person.name};
}

QString PeopleController::toolTipAt(const QPoint& pos) const
{
    const std::optional<Hit> hit = personAt(pos);
    if (!hit)
        return {};
    return hit->name.isEmpty() ? tr("Person #%1").arg(hit->personId) : hit->name;
}

bool PeopleController::selectAt(const QPoint& pos)
{
    if (const std::optional<Hit> hit = personAt(pos))
        return selectPerson(hit->layer, hit->personId);
    clearSelection();
    return false;
}

bool PeopleController::selectPerson(data::LayerId layer, std::int64_t personId)
{
    scene::PeopleLayer* people = peopleLayer(layer);
    const int index = people ? people->indexOf(personId) : -1;
    if (index < 0) {
        clearSelection();
        return false;
    }
    const auto i = std::size_t(index);
    // The local day (project time zone) of the scene time: what a dispatcher calls "today".
    const QTimeZone zone = m_session->project().zone();
    const data::TimeMs now = m_session->scene().time();
    const QDate day = QDateTime::fromMSecsSinceEpoch(now, zone).date();
    const data::TimeMs dayStart = QDateTime(day, QTime(0, 0), zone).toMSecsSinceEpoch();
    const data::TimeMs dayEnd = QDateTime(day.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch();
    const double from = double(dayStart - people->epoch()) / 1000.0,
                 to = double(dayEnd - people->epoch()) / 1000.0;
    const double maxGap = people->options().maxGapSeconds;
    const scene::PersonTrackSummary summary =
        scene::PersonTrackBuilder::summarize(people->track(i), from, to, maxGap);

    PersonDetails d;
    d.layer = layer;
    d.person = people->person(i);
    d.day = day;
    d.samples = summary.samples;
    d.runs = summary.runs;
    d.lengthM = summary.lengthM;
    if (summary.samples > 0) {
        d.first = people->epoch() + data::TimeMs(std::llround(summary.firstSeconds * 1000.0));
        d.last = people->epoch() + data::TimeMs(std::llround(summary.lastSeconds * 1000.0));
    }
    d.visibleNow = people->isVisible(i);

    removeTrack();
    m_track = scene::PersonTrackBuilder::build(people->track(i), from, to, maxGap,
                                               scene::PeopleLayer::roleColour(d.person.role));
    m_track->setName(kTrackNodeName);
    m_session->scene().analysisGroup()->addChild(m_track);
    m_selection = d;
    m_panel->setText(detailsText(d));
    m_panel->adjustSize();
    m_panel->show();
    m_panel->raise();
    if (m_view)
        m_view->update();
    emit personSelected(d);
    return true;
}

void PeopleController::removeTrack()
{
    if (m_track && m_session)
        m_session->scene().analysisGroup()->removeChild(m_track);
    m_track = nullptr;
}

void PeopleController::clearSelection()
{
    removeTrack();
    m_panel->hide();
    const bool had = m_selection.has_value();
    m_selection.reset();
    if (m_view)
        m_view->update();
    if (had)
        emit selectionCleared();
}

QString PeopleController::detailsText(const PersonDetails& d) const
{
    const QTimeZone zone = m_session ? m_session->project().zone() : QTimeZone::utc();
    QString text = QStringLiteral("<b>%1</b><br>")
                       .arg((d.person.name.isEmpty() ? tr("Person #%1").arg(d.person.id) : d.person.name)
                                .toHtmlEscaped());
    text += tr("%1, team %2").arg(data::toString(d.person.role), d.person.team.toHtmlEscaped()) +
            QStringLiteral("<br>");
    if (d.samples == 0)
        return text + tr("No fixes on %1").arg(QLocale().toString(d.day, QLocale::ShortFormat));
    return text + tr("%1: %2 fixes, %3 km, %4–%5")
                      .arg(QLocale().toString(d.day, QLocale::ShortFormat))
                      .arg(d.samples)
                      .arg(d.lengthM / 1000.0, 0, 'f', 2)
                      .arg(timeText(d.first, zone), timeText(d.last, zone));
}

bool PeopleController::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_view)
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::LeftButton) {
            m_pressed = true;
            m_pressPos = e->position().toPoint();
        }
        break;
    }
    case QEvent::MouseButtonRelease: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::LeftButton && m_pressed) {
            m_pressed = false;
            const QPoint pos = e->position().toPoint();
            // A drag orbits; a click while sketching adds a point (MapSketchTool): neither selects.
            if ((pos - m_pressPos).manhattanLength() < QApplication::startDragDistance() &&
                !m_view->property("citytwin.sketching").toBool()) {
                if (personAt(pos))
                    selectAt(pos);
                else if (m_selection)
                    clearSelection(); // another click elsewhere
            }
        }
        break;
    }
    case QEvent::KeyPress:
        if (static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape && m_selection)
            clearSelection(); // not consumed: other tools may cancel on Esc too
        break;
    case QEvent::ToolTip: {
        auto* e = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(e->pos());
        if (text.isEmpty())
            break; // not ours: the Inspector's tooltip (buildings, models) may answer
        QToolTip::showText(e->globalPos(), text, m_view);
        return true;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace citytwin::app
