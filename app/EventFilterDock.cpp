#include "app/EventFilterDock.h"

#include "app/ProjectSession.h"
#include "app/SessionLayerWalk.h"
#include "scene/EventMarkerLayer.h"
#include "scene/SceneBuilders.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <map>

namespace citytwin::app {

namespace {

//! Item data role holding the category id (the item text carries the count too).
constexpr int kCategoryRole = Qt::UserRole + 1;

} // namespace

EventFilterDock::EventFilterDock(QWidget* parent) : QDockWidget(parent)
{
    setObjectName(QStringLiteral("eventFilterDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    m_categoriesLabel = new QLabel(body);
    m_categories = new QListWidget(body);
    m_categories->setObjectName(QStringLiteral("eventCategories"));
    layout->addWidget(m_categoriesLabel);
    layout->addWidget(m_categories, 1);

    auto* severityRow = new QHBoxLayout;
    m_severityLabel = new QLabel(body);
    m_severity = new QSpinBox(body);
    m_severity->setRange(1, 4);
    m_severityLabel->setBuddy(m_severity);
    severityRow->addWidget(m_severityLabel);
    severityRow->addWidget(m_severity);
    severityRow->addStretch(1);
    layout->addLayout(severityRow);

    m_statesLabel = new QLabel(body);
    layout->addWidget(m_statesLabel);
    auto* statesRow = new QHBoxLayout;
    for (QCheckBox*& box : m_states) {
        box = new QCheckBox(body);
        box->setChecked(true);
        statesRow->addWidget(box);
        connect(box, &QCheckBox::toggled, this, [this] {
            if (!m_updating) {
                apply();
                emit filterChanged();
            }
        });
    }
    statesRow->addStretch(1);
    layout->addLayout(statesRow);

    auto* modeRow = new QHBoxLayout;
    m_window = new QRadioButton(body);
    m_accumulate = new QRadioButton(body);
    m_window->setChecked(true);
    modeRow->addWidget(m_window);
    modeRow->addWidget(m_accumulate);
    modeRow->addStretch(1);
    layout->addLayout(modeRow);

    m_count = new QLabel(body);
    m_count->setObjectName(QStringLiteral("eventCount"));
    layout->addWidget(m_count);
    setWidget(body);

    connect(m_categories, &QListWidget::itemChanged, this, [this] {
        if (!m_updating) {
            apply();
            emit filterChanged();
        }
    });
    connect(m_severity, &QSpinBox::valueChanged, this, [this] {
        if (!m_updating) {
            apply();
            emit filterChanged();
        }
    });
    connect(m_accumulate, &QRadioButton::toggled, this, [this](bool on) {
        if (m_updating)
            return;
        apply();
        emit accumulateChanged(on);
    });
    retranslate();
    updateCount();
}

void EventFilterDock::retranslate()
{
    setWindowTitle(tr("Event Filter"));
    m_categoriesLabel->setText(tr("Categories:"));
    m_severityLabel->setText(tr("Minimum &severity:"));
    m_statesLabel->setText(tr("States:"));
    const std::array<QString, 5> names = {tr("Reported"), tr("Dispatched"), tr("On site"), tr("Resolved"),
                                          tr("Closed")};
    for (std::size_t i = 0; i < names.size(); ++i)
        m_states[i]->setText(names[i]);
    m_states[std::size_t(data::EventState::Closed)]->setToolTip(tr("Closed events are drawn in accumulate mode only"));
    m_window->setText(tr("&Window (existing now)"));
    m_accumulate->setText(tr("&Accumulate (all reported so far)"));
    updateCount();
}

void EventFilterDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void EventFilterDock::setSession(ProjectSession* session)
{
    if (m_session == session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_timeSet = false;
    if (m_session) {
        connect(m_session, &ProjectSession::layerStateChanged, this, &EventFilterDock::onLayerStateChanged);
        connect(m_session, &ProjectSession::loadingFinished, this, &EventFilterDock::refresh);
        const data::LayerSettings* events = firstLayerOfKind(*m_session, data::LayerKind::Events);
        const bool accumulate = events && events->temporal.accumulate;
        m_updating = true;
        (accumulate ? m_accumulate : m_window)->setChecked(true);
        m_updating = false;
    }
    refresh();
}

std::vector<scene::EventMarkerLayer*> EventFilterDock::layers() const
{
    std::vector<scene::EventMarkerLayer*> out;
    if (!m_session)
        return out;
    for (const auto& loaded : loadedLayersOf<scene::EventMarkerLayer>(*m_session, data::LayerKind::Events))
        out.push_back(loaded.layer);
    return out;
}

void EventFilterDock::onLayerStateChanged(data::LayerId id)
{
    if (m_session && isLayerOfKind(*m_session, id, data::LayerKind::Events))
        refresh(); // a (re)loaded layer starts from its settings: give it the dock's filter
}

void EventFilterDock::refresh()
{
    // Categories of every loaded events layer, with their current event counts.
    std::map<QString, int> counts;
    for (const scene::EventMarkerLayer* layer : layers())
        for (const auto& [category, n] : layer->categoryCounts())
            counts[category] += n;
    const scene::EventFilter current = filter();
    m_updating = true;
    m_categories->clear();
    for (const auto& [category, n] : counts) {
        auto* item = new QListWidgetItem(
            tr("%1 (%2)").arg(category.isEmpty() ? tr("(none)") : category).arg(n), m_categories);
        item->setData(kCategoryRole, category);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(current.hiddenCategories.contains(category) ? Qt::Unchecked : Qt::Checked);
    }
    m_updating = false;
    apply();
}

scene::EventFilter EventFilterDock::filter() const
{
    scene::EventFilter f;
    for (int i = 0; i < m_categories->count(); ++i) {
        const QListWidgetItem* item = m_categories->item(i);
        if (item->checkState() != Qt::Checked)
            f.hiddenCategories.insert(item->data(kCategoryRole).toString());
    }
    f.minSeverity = m_severity->value();
    f.stateMask = 0;
    for (std::size_t i = 0; i < m_states.size(); ++i)
        if (m_states[i]->isChecked())
            f.stateMask |= scene::eventStateBit(data::EventState(i));
    return f;
}

bool EventFilterDock::accumulate() const
{
    return m_accumulate->isChecked();
}

void EventFilterDock::setFilter(const scene::EventFilter& f)
{
    m_updating = true;
    for (int i = 0; i < m_categories->count(); ++i) {
        QListWidgetItem* item = m_categories->item(i);
        item->setCheckState(f.hiddenCategories.contains(item->data(kCategoryRole).toString()) ? Qt::Unchecked
                                                                                              : Qt::Checked);
    }
    m_severity->setValue(f.minSeverity);
    for (std::size_t i = 0; i < m_states.size(); ++i)
        m_states[i]->setChecked(f.showsState(data::EventState(i)));
    m_updating = false;
    apply();
}

void EventFilterDock::setAccumulate(bool accumulate)
{
    m_updating = true;
    (accumulate ? m_accumulate : m_window)->setChecked(true);
    m_updating = false;
    apply();
}

void EventFilterDock::apply()
{
    const scene::EventFilter f = filter();
    const bool acc = accumulate();
    m_states[std::size_t(data::EventState::Closed)]->setEnabled(acc);
    for (scene::EventMarkerLayer* layer : layers()) {
        layer->setFilter(f);
        layer->setAccumulate(acc);
    }
    updateCount();
}

void EventFilterDock::setTime(data::TimeMs t)
{
    m_time = t;
    m_timeSet = true;
    updateCount();
}

void EventFilterDock::updateCount()
{
    m_shown = m_total = 0;
    if (m_session) {
        // Without a setTime() yet, the scene's own time.
        const double seconds = m_timeSet ? double(m_time - m_session->scene().epoch()) / 1000.0
                                         : m_session->scene().timeSeconds();
        for (const scene::EventMarkerLayer* layer : layers()) {
            m_shown += layer->countShownAt(seconds);
            m_total += layer->countAt(seconds, scene::EventFilter{});
        }
    }
    m_count->setText(tr("%1 of %2 events shown now").arg(m_shown).arg(m_total));
}

} // namespace citytwin::app
