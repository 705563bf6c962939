// TimelineDock: the playback window slider narrows the clock's range, the histogram under the
// slider counts the demo's events in that window (and again when rows are appended), Now/Live
// follow an injected wall clock, keyboard shortcuts, and the dock fits a 1280 px window.
#include "SmallDemo.h"
#include "app/ClockController.h"
#include "app/EventHistogramWidget.h"
#include "app/TimeRangeSlider.h"
#include "app/TimelineDock.h"
#include "data/ProjectStore.h"
#include "tests/common/TestPaths.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QComboBox>
#include <QTest>
#include <QToolButton>
#include <numeric>

using namespace citytwin;
using app::ClockController;
using app::TimelineDock;
using data::TimeMs;
using data::TimeRange;

namespace {
constexpr TimeMs kStart = 1'764'201'600'000; // 2025-11-27 00:00 UTC
const TimeRange kDays{kStart, kStart + 4 * data::kDayMs};

std::int64_t sum(const std::vector<std::int64_t>& v)
{
    return std::accumulate(v.begin(), v.end(), std::int64_t(0));
}
} // namespace

class TstTimelineDock : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void rangeSliderNarrowsTheClockRange();
    void doubleClickSelectsTheWholeExtent();
    void histogramSumsToTheEventsInRange_data();
    void histogramSumsToTheEventsInRange();
    void histogramFollowsAppendedEvents();
    void nowJumpsToTheWallClock();
    void liveFollowsTheWallClockUntilPlay();
    void keyboardPlaysAndSteps();
    void fitsA1280PxWindow();
    void speedsReachAYearPerSecond();

private:
    //! Events of the demo whose reported time lies in RANGE.
    std::int64_t eventsIn(const TimeRange& range) const;
    QTemporaryDir m_dir;
    QString m_demo;
    std::vector<data::Event> m_events;
    TimeRange m_extent;
};

void TstTimelineDock::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto demo = test::makeSmallDemo(m_dir.path());
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_demo = *demo;
    auto store = data::ProjectStore::open(m_demo, data::ProjectStore::Mode::ReadOnly);
    QVERIFY2(store, qPrintable(store.status().message()));
    auto events = (*store)->events();
    QVERIFY(events);
    m_events = *events;
    auto project = (*store)->loadProject();
    QVERIFY(project);
    m_extent = project->timeExtent;
    QVERIFY(!m_extent.isEmpty());
    QVERIFY(eventsIn(m_extent) > 100);
}

std::int64_t TstTimelineDock::eventsIn(const TimeRange& range) const
{
    return std::count_if(m_events.begin(), m_events.end(),
                         [&](const data::Event& e) { return e.reported != data::kNoTime && range.contains(e.reported); });
}

void TstTimelineDock::rangeSliderNarrowsTheClockRange()
{
    ClockController clock;
    clock.setExtent(kDays);
    TimelineDock dock(&clock);
    dock.resize(900, 160);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    app::TimeRangeSlider* range = dock.rangeSlider();
    QCOMPARE(range->extent(), kDays);
    QCOMPARE(range->range(), kDays);
    const int y = range->height() / 2;

    // The start handle dragged to the middle: the window starts there, the extent stays.
    const QPoint from(range->xOf(kDays.start), y);
    const QPoint to(range->xOf(kDays.start + 2 * data::kDayMs), y);
    QTest::mousePress(range, Qt::LeftButton, {}, from);
    QTest::mouseMove(range, to);
    QTest::mouseRelease(range, Qt::LeftButton, {}, to);
    QCOMPARE(clock.extent(), kDays);
    QCOMPARE(clock.range().end, kDays.end);
    const TimeMs px = kDays.duration() / range->width() + 1; // one pixel of time
    QVERIFY2(std::abs(clock.range().start - (kStart + 2 * data::kDayMs)) <= px,
             qPrintable(dock.formatTime(clock.range().start)));
    // The main slider spans the window now.
    QCOMPARE(dock.slider()->maximum(), int((clock.range().duration() - 1) / data::kSecondMs));
    QVERIFY(clock.currentTime() >= clock.range().start);
    QCOMPARE(dock.histogram()->range(), clock.range());

    // The window dragged as a whole keeps its length.
    const TimeRange before = clock.range();
    const QPoint inside(range->xOf(before.start + before.duration() / 2), y);
    QTest::mousePress(range, Qt::LeftButton, {}, inside);
    QTest::mouseMove(range, inside - QPoint(range->width() / 8, 0));
    QTest::mouseRelease(range, Qt::LeftButton, {}, inside - QPoint(range->width() / 8, 0));
    QCOMPARE(clock.range().duration(), before.duration());
    QVERIFY(clock.range().start < before.start);
}

void TstTimelineDock::doubleClickSelectsTheWholeExtent()
{
    ClockController clock;
    clock.setExtent(kDays);
    clock.setRange({kStart + data::kDayMs, kStart + 2 * data::kDayMs});
    QCOMPARE(clock.extent(), kDays); // a window inside the extent keeps it
    TimelineDock dock(&clock);
    dock.resize(900, 160);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QCOMPARE(dock.rangeSlider()->range(), clock.range());
    QTest::mouseDClick(dock.rangeSlider(), Qt::LeftButton, {}, dock.rangeSlider()->rect().center());
    QCOMPARE(clock.range(), kDays);
}

void TstTimelineDock::histogramSumsToTheEventsInRange_data()
{
    QTest::addColumn<double>("from");
    QTest::addColumn<double>("to");
    QTest::newRow("whole extent") << 0.0 << 1.0;
    QTest::newRow("middle third") << 1.0 / 3 << 2.0 / 3;
    QTest::newRow("first hour-ish") << 0.0 << 0.02;
}

void TstTimelineDock::histogramSumsToTheEventsInRange()
{
    QFETCH(double, from);
    QFETCH(double, to);
    ClockController clock;
    clock.setExtent(m_extent);
    const TimeRange window{m_extent.start + TimeMs(from * double(m_extent.duration())),
                           m_extent.start + TimeMs(to * double(m_extent.duration()))};
    clock.setRange(window);
    QCOMPARE(clock.range(), window);
    TimelineDock dock(&clock);
    dock.resize(1000, 160);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    dock.setProjectFile(m_demo);
    app::EventHistogramWidget* h = dock.histogram();
    QTRY_VERIFY(!h->isBusy() && h->countsRange() == window);
    QVERIFY2(h->error().isEmpty(), qPrintable(h->error()));
    QCOMPARE(int(h->counts().size()), h->binCount());
    QVERIFY(h->counts().size() >= std::size_t(app::EventHistogramWidget::kMinBins));
    QCOMPARE(sum(h->counts()), eventsIn(window));
}

void TstTimelineDock::histogramFollowsAppendedEvents()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("copy.citytwin"));
    QVERIFY(QFile::copy(m_demo, copy));
    ClockController clock;
    clock.setExtent(m_extent);
    TimelineDock dock(&clock);
    dock.setProjectFile(copy);
    app::EventHistogramWidget* h = dock.histogram();
    QTRY_VERIFY(!h->isBusy() && h->countsRange() == m_extent);
    const std::int64_t before = sum(h->counts());
    QCOMPARE(before, eventsIn(m_extent));

    {
        auto store = data::ProjectStore::open(copy);
        QVERIFY2(store, qPrintable(store.status().message()));
        auto writer = (*store)->beginOverlayImport();
        QVERIFY2(writer, qPrintable(writer.status().message()));
        std::vector<data::Event> added(5);
        for (std::size_t i = 0; i < added.size(); ++i) {
            added[i].id = 9'000'000 + std::int64_t(i);
            added[i].category = QStringLiteral("fire");
            added[i].reported = m_extent.start + TimeMs(i + 1) * data::kHourMs;
        }
        QVERIFY((*writer)->addEvents(added));
        QVERIFY((*writer)->commit());
    }
    QSignalSpy changed(h, &app::EventHistogramWidget::histogramChanged);
    dock.refreshHistogram();
    QTRY_VERIFY(changed.size() >= 1 && !h->isBusy());
    QCOMPARE(sum(h->counts()), before + 5);
}

void TstTimelineDock::nowJumpsToTheWallClock()
{
    ClockController clock;
    TimeMs wall = kDays.end + 10 * data::kDayMs; // far after the recorded days
    clock.setWallClock([&wall] { return wall; });
    clock.setExtent(kDays);
    TimelineDock dock(&clock);
    dock.setTimeZone("Asia/Shanghai");
    QVERIFY(dock.nowButton()->isEnabled());
    dock.nowButton()->click();
    QCOMPARE(clock.currentTime(), wall);
    QVERIFY(!clock.isLive() && !clock.isPlaying());
    // The extent and the window widened to reach now; the recorded days stay in them.
    QVERIFY(clock.extent().contains(wall) && clock.extent().start == kDays.start);
    QVERIFY(clock.range().contains(wall));
    QCOMPARE(dock.rangeSlider()->extent(), clock.extent());
    QCOMPARE(dock.slider()->value(), int((wall - clock.range().start) / data::kSecondMs));
    QVERIFY2(dock.timeLabel()->text().startsWith(dock.formatTime(wall)), qPrintable(dock.timeLabel()->text()));
    QVERIFY(dock.timeLabel()->text().contains(QStringLiteral("UTC+08:00")));
    // Time passes; Now is a jump, not a mode: the clock stays.
    wall += 5 * data::kSecondMs;
    QTest::qWait(3 * ClockController::kLiveTickIntervalMs);
    QCOMPARE(clock.currentTime(), wall - 5 * data::kSecondMs);
}

void TstTimelineDock::liveFollowsTheWallClockUntilPlay()
{
    ClockController clock;
    TimeMs wall = kDays.start + data::kDayMs + 123'456;
    clock.setWallClock([&wall] { return wall; });
    clock.setExtent(kDays);
    clock.setRange({kDays.start, kDays.start + data::kHourMs}); // now lies after the window
    TimelineDock dock(&clock);
    QSignalSpy live(&clock, &ClockController::liveChanged);
    dock.liveButton()->click();
    QVERIFY(clock.isLive());
    QCOMPARE(live.size(), 1);
    QVERIFY(dock.liveButton()->isChecked());
    QCOMPARE(clock.currentTime(), wall);
    QVERIFY(clock.range().contains(wall));
    QCOMPARE(clock.extent(), kDays); // now was inside the recorded days

    // The clock, the slider and the label follow the wall clock, past the end of the days too.
    for (TimeMs later : {TimeMs(2500), TimeMs(3 * data::kDayMs)}) {
        wall += later;
        QTRY_COMPARE(clock.currentTime(), wall);
        QVERIFY(clock.range().contains(wall) && clock.extent().contains(wall));
        QCOMPARE(dock.slider()->value(), int((wall - clock.range().start) / data::kSecondMs));
        QVERIFY(dock.timeLabel()->text().startsWith(dock.formatTime(wall)));
    }
    // Play leaves live mode and plays from where it was.
    dock.playButton()->click();
    QVERIFY(clock.isPlaying());
    QVERIFY(!clock.isLive());
    QVERIFY(!dock.liveButton()->isChecked());
    QCOMPARE(live.size(), 2);
    clock.pause();
    // A step leaves it too, and the clock stays where the step put it.
    dock.liveButton()->click();
    QVERIFY(clock.isLive());
    const TimeMs at = clock.currentTime();
    dock.stepBackAction()->trigger();
    QVERIFY(!clock.isLive());
    QCOMPARE(clock.currentTime(), at - clock.stepSize());
    wall += data::kMinuteMs;
    QTest::qWait(3 * ClockController::kLiveTickIntervalMs);
    QCOMPARE(clock.currentTime(), at - clock.stepSize());
}

void TstTimelineDock::keyboardPlaysAndSteps()
{
    ClockController clock;
    clock.setExtent(kDays);
    clock.seek(kStart + data::kDayMs);
    clock.setRate(60);
    TimelineDock dock(&clock);
    dock.show();
    dock.activateWindow();
    if (!QTest::qWaitForWindowActive(&dock))
        QSKIP("this platform does not activate windows (no keyboard focus to test)");
    dock.slider()->setFocus();
    QTest::keyClick(dock.slider(), Qt::Key_Right);
    QCOMPARE(clock.currentTime(), kStart + data::kDayMs + data::kMinuteMs);
    QTest::keyClick(dock.slider(), Qt::Key_Left);
    QTest::keyClick(dock.slider(), Qt::Key_Left);
    QCOMPARE(clock.currentTime(), kStart + data::kDayMs - data::kMinuteMs);
    QTest::keyClick(dock.slider(), Qt::Key_Space);
    QVERIFY(clock.isPlaying());
    QTest::keyClick(dock.slider(), Qt::Key_Space);
    QVERIFY(!clock.isPlaying());
}

// Feature layers replay decades (construction years): the fastest speeds are days and a year per second.
void TstTimelineDock::speedsReachAYearPerSecond()
{
    ClockController clock;
    clock.setExtent(kDays);
    TimelineDock dock(&clock);
    auto* rate = dock.findChild<QComboBox*>(QStringLiteral("timelineRate"));
    QVERIFY(rate);
    QCOMPARE(rate->count(), int(std::size(TimelineDock::kRates)));
    QCOMPARE(rate->itemText(0), QStringLiteral("×1"));
    QCOMPARE(rate->itemText(rate->count() - 1), TimelineDock::rateLabel(data::Clock::kMaxRate));
    QCOMPARE(TimelineDock::rateLabel(86400.0), QStringLiteral("1 day/s"));
    QCOMPARE(TimelineDock::rateLabel(2592000.0), QStringLiteral("30 days/s"));
    rate->setCurrentIndex(rate->count() - 1);
    QCOMPARE(clock.rate(), data::Clock::kMaxRate);
    clock.setRate(600);
    QCOMPARE(rate->currentText(), QStringLiteral("×600"));
}

void TstTimelineDock::fitsA1280PxWindow()
{
    ClockController clock;
    clock.setExtent(m_extent);
    clock.seek(m_extent.start + m_extent.duration() / 3);
    QMainWindow window;
    auto* dock = new TimelineDock(&clock, &window);
    dock->setTimeZone("Asia/Shanghai");
    dock->setProjectFile(m_demo);
    window.addDockWidget(Qt::BottomDockWidgetArea, dock);
    window.setCentralWidget(new QWidget(&window));
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY2(dock->minimumSizeHint().width() <= 1280, qPrintable(QString::number(dock->minimumSizeHint().width())));
    QCOMPARE(dock->width(), window.width());
    // Every control keeps its full size; the time label is not cut.
    QVERIFY(dock->timeLabel()->width() >= dock->timeLabel()->sizeHint().width());
    QVERIFY(dock->liveButton()->width() >= dock->liveButton()->sizeHint().width());
    QVERIFY(dock->slider()->width() > 600);
    QCOMPARE(dock->histogram()->width(), dock->slider()->width());
    QCOMPARE(dock->rangeSlider()->width(), dock->slider()->width());
    QVERIFY(dock->height() < 250);

    // The bars are drawn: the histogram shows its highlight colour (and the picture is kept for review).
    app::EventHistogramWidget* h = dock->histogram();
    QTRY_VERIFY(!h->isBusy() && h->countsRange() == m_extent && int(h->counts().size()) == h->binCount());
    const QImage bars = h->grab().toImage();
    const QRgb highlight = h->palette().color(QPalette::Highlight).rgb();
    int barPixels = 0;
    for (int y = 0; y < bars.height(); ++y)
        for (int x = 0; x < bars.width(); ++x)
            barPixels += bars.pixel(x, y) == highlight;
    QVERIFY2(barPixels > bars.width(), qPrintable(QString::number(barPixels)));
    window.grab().save(test::testOutputDir(QStringLiteral("timeline")) + QStringLiteral("/timeline_1280.png"));
}

int main(int argc, char** argv)
{
    // Plain widgets, no QOpenGLWidget: without an X display the offscreen platform does.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TstTimelineDock test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_timelinedock.moc"
