// EventFilterDock on the small demo: the categories of the loaded events with counts, "N of M
// events shown now" against counts computed from the store's rows, a category unchecked and
// checked again, a minimum severity, a state, accumulate vs window, and a reloaded layer that
// gets the dock's filter back.
#include "app/EventFilterDock.h"
#include "app/ProjectSession.h"
#include "gis/GdalEnvironment.h"
#include "scene/EventMarkerLayer.h"
#include "SessionFixtures.h"
#include "SmallDemo.h"

#include <QCheckBox>
#include <QLabel>
#include <QListWidget>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QApplication>
#include <QtTest>
#include <functional>
#include <memory>

using namespace citytwin;
using app::EventFilterDock;
using app::ProjectSession;

class TstEventFilterDock : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void categoriesFromLoadedEvents();
    void countsMatchTheStore();
    void uncheckCategoryAndBack();
    void minimumSeverityAndStates();
    void accumulateCountsEverythingReported();
    void noSessionShowsNothing();

private:
    int expected(const std::function<bool(const data::Event&)>& pass, bool accumulate) const;
    scene::EventMarkerLayer* layer() const;

    QTemporaryDir m_dir;
    std::unique_ptr<ProjectSession> m_session;
    std::unique_ptr<EventFilterDock> m_dock;
    std::vector<data::Event> m_events;
    data::TimeMs m_t = 0;
};

void TstEventFilterDock::initTestCase()
{
    gis::ensureGdalRegistered();
    auto demo = test::makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo, qPrintable(demo.status().message()));
    auto opened = ProjectSession::open(*demo, ProjectSession::OpenMode::ReadOnly);
    QVERIFY2(opened, qPrintable(opened.status().message()));
    m_session = std::move(opened).value();
    QVERIFY(m_session->loadAllBlocking());
    auto events = m_session->store().events();
    QVERIFY(events);
    m_events = *events;
    QVERIFY(m_events.size() > 100);
    // Mid-afternoon of the second demo day: plenty of open and closed events.
    const data::TimeRange extent = m_session->project().timeExtent;
    m_t = extent.start + (extent.end - extent.start) / 2 + 3 * data::kHourMs;
    m_dock = std::make_unique<EventFilterDock>();
    m_dock->setSession(m_session.get());
    m_dock->setTime(m_t);
}

void TstEventFilterDock::cleanupTestCase()
{
    m_dock.reset();
    m_session.reset();
}

void TstEventFilterDock::init()
{
    m_dock->setAccumulate(false);
    m_dock->setFilter(scene::EventFilter{});
}

scene::EventMarkerLayer* TstEventFilterDock::layer() const
{
    const data::LayerId id = test::firstLayerOf(m_session->project(), data::LayerKind::Events);
    return scene::EventMarkerLayer::of(m_session->scene().layerNode(id));
}

int TstEventFilterDock::expected(const std::function<bool(const data::Event&)>& pass, bool accumulate) const
{
    int n = 0;
    for (const data::Event& e : m_events) {
        if (e.reported == data::kNoTime || e.reported > m_t)
            continue;
        if (!accumulate && e.closed != data::kNoTime && e.closed <= m_t)
            continue;
        n += pass(e) ? 1 : 0;
    }
    return n;
}

void TstEventFilterDock::categoriesFromLoadedEvents()
{
    QSet<QString> categories;
    for (const data::Event& e : m_events)
        categories.insert(e.category);
    QListWidget* list = m_dock->categoryList();
    QCOMPARE(list->count(), int(categories.size()));
    for (int i = 0; i < list->count(); ++i)
        QCOMPARE(list->item(i)->checkState(), Qt::Checked);
    // Items show their counts: "fire (12)".
    const QString fire = list->findItems(QStringLiteral("fire ("), Qt::MatchStartsWith).value(0)->text();
    int fires = 0;
    for (const data::Event& e : m_events)
        fires += e.category == QLatin1String("fire") ? 1 : 0;
    QCOMPARE(fire, QStringLiteral("fire (%1)").arg(fires));
}

void TstEventFilterDock::countsMatchTheStore()
{
    const int now = expected([](const data::Event&) { return true; }, false);
    QVERIFY(now > 10);
    QCOMPARE(m_dock->totalCount(), now);
    QCOMPARE(m_dock->shownCount(), now);
    QCOMPARE(m_dock->countLabel()->text(), QStringLiteral("%1 of %1 events shown now").arg(now));
    // The count follows the clock.
    m_dock->setTime(m_session->project().timeExtent.start - data::kDayMs);
    QCOMPARE(m_dock->totalCount(), 0);
    m_dock->setTime(m_t);
    QCOMPARE(m_dock->totalCount(), now);
}

void TstEventFilterDock::uncheckCategoryAndBack()
{
    QSignalSpy changed(m_dock.get(), &EventFilterDock::filterChanged);
    QListWidgetItem* item = m_dock->categoryList()->findItems(QStringLiteral("illegal_parking ("), Qt::MatchStartsWith).value(0);
    QVERIFY(item);
    item->setCheckState(Qt::Unchecked);
    QCOMPARE(changed.count(), 1);
    QVERIFY(m_dock->filter().hiddenCategories.contains(QStringLiteral("illegal_parking")));
    const int without = expected([](const data::Event& e) { return e.category != QLatin1String("illegal_parking"); }, false);
    QVERIFY(without < m_dock->totalCount());
    QCOMPARE(m_dock->shownCount(), without);
    QVERIFY(layer()->filter().hiddenCategories.contains(QStringLiteral("illegal_parking"))); // applied to the layer
    item->setCheckState(Qt::Checked);
    QCOMPARE(m_dock->shownCount(), m_dock->totalCount());
    QVERIFY(layer()->filter().hiddenCategories.isEmpty());
}

void TstEventFilterDock::minimumSeverityAndStates()
{
    m_dock->severityBox()->setValue(3);
    QCOMPARE(m_dock->shownCount(), expected([](const data::Event& e) { return e.severity >= 3; }, false));
    QCOMPARE(layer()->filter().minSeverity, 3);
    m_dock->severityBox()->setValue(1);
    // Reported (not yet dispatched) events hidden.
    m_dock->stateBox(data::EventState::Reported)->setChecked(false);
    const data::TimeMs t = m_t;
    QCOMPARE(m_dock->shownCount(),
             expected([t](const data::Event& e) { return e.stateAt(t) != data::EventState::Reported; }, false));
    QVERIFY(m_dock->shownCount() < m_dock->totalCount());
    // Closed is only meaningful in accumulate mode.
    QVERIFY(!m_dock->stateBox(data::EventState::Closed)->isEnabled());
}

void TstEventFilterDock::accumulateCountsEverythingReported()
{
    QSignalSpy mode(m_dock.get(), &EventFilterDock::accumulateChanged);
    m_dock->accumulateButton()->setChecked(true);
    QCOMPARE(mode.count(), 1);
    QVERIFY(layer()->accumulate());
    const int reported = expected([](const data::Event&) { return true; }, true);
    QVERIFY(reported > expected([](const data::Event&) { return true; }, false));
    QCOMPARE(m_dock->totalCount(), reported);
    QCOMPARE(m_dock->shownCount(), reported);
    QVERIFY(m_dock->stateBox(data::EventState::Closed)->isEnabled());
    m_dock->stateBox(data::EventState::Closed)->setChecked(false);
    QCOMPARE(m_dock->shownCount(), expected([](const data::Event&) { return true; }, false));
    m_dock->windowButton()->setChecked(true);
    QVERIFY(!layer()->accumulate());
}

void TstEventFilterDock::noSessionShowsNothing()
{
    EventFilterDock dock;
    dock.setTime(m_t);
    QCOMPARE(dock.categoryList()->count(), 0);
    QCOMPARE(dock.totalCount(), 0);
    dock.setSession(m_session.get());
    QVERIFY(dock.categoryList()->count() > 0);
    dock.setSession(nullptr);
    QCOMPARE(dock.categoryList()->count(), 0);
}

int main(int argc, char** argv)
{
    // Plain widgets, no QOpenGLWidget: without an X display the offscreen platform does.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TstEventFilterDock test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_eventfilterdock.moc"
