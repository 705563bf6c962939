// MainWindow on the small demo city under Xvfb: layer tree groups, visibility/opacity edits reach the
// session and the scene, playback moves the clock,
// the 3D view draws something, the status bar reads lon/lat, and zh_CN gives Chinese menus
// (project files: tst_mainwindowfiles).
#include "tests/app/WindowFixtures.h"
#include "SmallDemo.h"
#include "app/ClockController.h"
#include "app/CursorStatus.h"
#include "app/LayerTreeDock.h"
#include "app/LayerTreeModel.h"
#include "app/MainWindow.h"
#include "app/SectionDock.h"
#include "app/PipeAnalysisController.h"
#include "app/CutAwayController.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"
#include "app/RecentFiles.h"
#include "app/TimelineDock.h"
#include "app/Translations.h"
#include "app/SurfaceFormat.h"
#include "tests/common/TestPaths.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeView>
#include <memory>
#include <set>

using namespace citytwin;
using test::makeTestWindow;
using test::waitLoaded;
using app::MainWindow;
using app::ProjectSession;

namespace {

int distinctColours(const QImage& image)
{
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

} // namespace

class TstMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void opensProjectAndGroupsLayers();
    void checkBoxTogglesVisibility();
    void opacitySliderSetsOpacity();
    void playAdvancesClock();
    void timelineShowsProjectTimeZone();
    void savedViewsMenuFliesToView();
    void viewRendersAndCursorReadsLonLat();
    void chineseTranslation();
    void analysisMenuHoldsTheUndergroundTools();

private:
    QTemporaryDir m_dir;
    QString m_demo;    //!< pristine small demo
    QString m_project; //!< the copy the tests edit
};

void TstMainWindow::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    QVERIFY(m_dir.isValid());
    auto demo = test::prepareSmallDemo(m_dir); // the user's recent files and window state stay out
    QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
    m_demo = demo.value();
    m_project = test::freshCopyOf(m_demo, QStringLiteral("edited"));
    QVERIFY(!m_project.isEmpty());
}

void TstMainWindow::opensProjectAndGroupsLayers()
{
    auto w = test::openTestWindow(m_project, {1100, 700});
    QVERIFY(w);
    QVERIFY(w->windowTitle().startsWith(QStringLiteral("citytwin — ")));
    QVERIFY(w->windowTitle().contains(w->session()->project().name.isEmpty() ? QStringLiteral("edited")
                                                                             : w->session()->project().name));

    const data::Project& project = w->session()->project();
    QVERIFY(project.layers().size() >= 4);
    app::LayerTreeModel* model = w->layerDock()->model();
    int previousGroupRow = -1;
    data::LayerGroup previousGroup = data::LayerGroup::Basemap;
    for (const data::LayerSettings& layer : project.layersInDrawOrder()) {
        const QModelIndex index = model->indexOf(layer.id);
        QVERIFY2(index.isValid(), qPrintable(layer.name));
        QCOMPARE(index.data().toString(), layer.name);
        const QModelIndex group = index.parent();
        QVERIFY(group.isValid());
        QCOMPARE(group.data(app::LayerTreeModel::GroupRole).toInt(), int(layer.group));
        QCOMPARE(group.data().toString(), app::LayerTreeModel::groupName(layer.group));
        QCOMPARE(index.data(Qt::CheckStateRole).toInt(), int(layer.visible ? Qt::Checked : Qt::Unchecked));
        // Groups come in ARCHITECTURE.md order (Basemap, City models, Underground, …).
        if (group.row() != previousGroupRow) {
            QVERIFY(group.row() > previousGroupRow);
            QVERIFY(previousGroupRow < 0 || int(layer.group) > int(previousGroup));
        }
        previousGroupRow = group.row();
        previousGroup = layer.group;
        // A failed layer carries its error in the tooltip; a ready one carries none.
        const auto state = w->session()->layerState(layer.id);
        QCOMPARE(index.data(app::LayerTreeModel::StateRole).toInt(), int(state));
        if (state == ProjectSession::LayerState::Failed)
            QVERIFY(index.data(Qt::ToolTipRole)
                        .toString()
                        .contains(w->session()->layerError(layer.id).toHtmlEscaped()));
    }
    QVERIFY(model->groupItem(data::LayerGroup::Basemap));
    QVERIFY(model->groupItem(data::LayerGroup::CityModels));
    QCOMPARE(w->timelineDock()->timeZone().id(), QByteArray("Asia/Shanghai"));
    QVERIFY(w->timelineDock()->timeLabel()->text().contains(QStringLiteral("Asia/Shanghai")));
}

void TstMainWindow::checkBoxTogglesVisibility()
{
    auto w = test::openTestWindow(m_project, {1100, 700});
    QVERIFY(w);
    ProjectSession* s = w->session();
    const data::LayerId buildings = test::firstLayerOf(s->project(), data::LayerKind::Buildings);
    QVERIFY(buildings.isValid());
    QVERIFY(s->scene().layerNode(buildings));
    QVERIFY(s->scene().isLayerVisible(buildings));

    app::LayerTreeModel* model = w->layerDock()->model();
    const QModelIndex index = model->indexOf(buildings);
    // What the tree view does when the check box is clicked.
    QVERIFY(model->setData(index, Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(!s->project().layer(buildings)->visible);
    QVERIFY(!s->scene().isLayerVisible(buildings));
    QVERIFY(s->isModified());
    QVERIFY(w->isWindowModified());
    QVERIFY(model->setData(index, Qt::Checked, Qt::CheckStateRole));
    QVERIFY(s->project().layer(buildings)->visible);
    QVERIFY(s->scene().isLayerVisible(buildings));

    // And the other way round: a session edit shows in the tree.
    s->setLayerVisible(buildings, false);
    QCOMPARE(model->indexOf(buildings).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
}

void TstMainWindow::opacitySliderSetsOpacity()
{
    auto w = test::openTestWindow(m_project, {1100, 700});
    QVERIFY(w);
    ProjectSession* s = w->session();
    const data::LayerId layer = test::firstLayerOf(s->project(), data::LayerKind::Buildings);
    QSlider* slider = w->layerDock()->opacitySlider();
    QVERIFY(!slider->isEnabled()); // nothing selected yet
    w->layerDock()->selectLayer(layer);
    QCOMPARE(w->layerDock()->currentLayer(), layer);
    QVERIFY(slider->isEnabled());
    QCOMPARE(slider->value(), int(std::lround(s->project().layer(layer)->opacity * 100)));
    slider->setValue(40);
    QCOMPARE(s->project().layer(layer)->opacity, 0.4);
    QVERIFY(std::abs(s->scene().layerOpacity(layer) - 0.4) < 1e-6);
    QVERIFY(s->isModified());
}

void TstMainWindow::playAdvancesClock()
{
    auto w = test::openTestWindow(m_project, {1100, 700});
    QVERIFY(w);
    app::ClockController* clock = w->clock();
    const data::TimeRange range = w->session()->project().timeExtent;
    QVERIFY(!range.isEmpty());
    QCOMPARE(clock->range(), range);
    clock->seek(range.start);
    clock->setRate(3600);
    const data::TimeMs start = clock->currentTime();
    const int frames = w->view()->frameCount();

    QAction* play = w->findChild<QAction*>(QStringLiteral("playAction"));
    QVERIFY(play);
    play->trigger();
    QVERIFY(clock->isPlaying());
    QVERIFY(w->view()->continuousRendering());
    QTRY_VERIFY(clock->currentTime() > start + 60 * data::kSecondMs);
    QTRY_VERIFY(w->view()->frameCount() > frames + 2); // the view follows the clock
    play->trigger();
    QVERIFY(!clock->isPlaying());
    QVERIFY(!w->view()->continuousRendering());
    // One clock for all layers: the scene shows the clock's time.
    QCOMPARE(w->session()->scene().time(), clock->currentTime());

    // The slider and label follow; moving the slider seeks.
    QSlider* slider = w->timelineDock()->slider();
    QVERIFY(slider->value() > 0);
    slider->setValue(0);
    QCOMPARE(clock->currentTime(), range.start);
    QCOMPARE(w->session()->scene().time(), range.start);
}

void TstMainWindow::savedViewsMenuFliesToView()
{
    auto w = test::openTestWindow(m_demo, {1100, 700});
    QVERIFY(w);
    const data::Project& p = w->session()->project();
    QVERIFY2(!p.views().empty(), "the demo project has saved views");
    // Home is the project's "home" view when it has one.
    const data::SavedView* home = p.view(QStringLiteral("home"));
    if (home) {
        QVERIFY(w->view()->homeView().has_value());
        QCOMPARE(w->view()->homeView()->target, home->target);
    }
    QMenu* views = w->viewsMenu();
    QCOMPARE(views->actions().size(), int(p.views().size()));
    const data::SavedView target = p.views().back();
    QAction* action = views->actions().back();
    QCOMPARE(action->text(), target.name);
    action->trigger();
    QVERIFY(w->view()->isAnimating()); // a fly-to, not a jump
    QTRY_VERIFY_WITH_TIMEOUT(!w->view()->isAnimating(), 10000);
    const data::SavedView now = w->view()->view();
    QVERIFY(std::abs(now.target.x - target.target.x) < 0.01 &&
            std::abs(now.target.y - target.target.y) < 0.01);
    QVERIFY(std::abs(now.rangeM - target.rangeM) < 0.01);
    if (target.time != data::kNoTime)
        QCOMPARE(w->clock()->currentTime(), w->clock()->range().clamp(target.time));

    // What "Save Current View…" stores appears in the menu at once.
    data::SavedView mine = now;
    mine.name = QStringLiteral("mine");
    w->session()->setView(mine);
    QCOMPARE(views->actions().size(), int(p.views().size()));
    QCOMPARE(views->actions().back()->text(), QStringLiteral("mine"));
    QVERIFY(w->session()->isModified());
}

void TstMainWindow::timelineShowsProjectTimeZone()
{
    app::ClockController clock;
    app::TimelineDock dock(&clock);
    dock.setTimeZone("Asia/Shanghai");
    const data::TimeMs t =
        QDateTime(QDate(2026, 11, 27), QTime(10, 30, 5), QTimeZone::utc()).toMSecsSinceEpoch();
    QCOMPARE(dock.formatTime(t), QStringLiteral("2026-11-27 18:30:05 Asia/Shanghai (UTC+08:00)"));
    dock.setTimeZone("Nowhere/Invalid");
    QCOMPARE(dock.formatTime(t), QStringLiteral("2026-11-27 10:30:05 UTC (UTC+00:00)"));
    QCOMPARE(dock.timeLabel()->text(), QStringLiteral("—")); // no range yet: no current time to show

    clock.setRange({t, t + data::kDayMs});
    QCOMPARE(dock.slider()->maximum(), int(data::kDayMs / data::kSecondMs) - 1);
    dock.slider()->setValue(3600);
    QCOMPARE(clock.currentTime(), t + data::kHourMs);
    QCOMPARE(dock.timeLabel()->text(), dock.formatTime(t + data::kHourMs));
    const int x3600 = dock.rateCombo()->findData(3600.0);
    QVERIFY(x3600 >= 0);
    dock.rateCombo()->setCurrentIndex(x3600);
    QCOMPARE(clock.rate(), 3600.0);
    clock.setRate(10);
    QCOMPARE(dock.rateCombo()->currentData().toDouble(), 10.0);
    QCOMPARE(dock.rateCombo()->count(), 9); // ×1 ×10 ×60 ×600 ×3600 ×10000, 1 day/s, 30 days/s, 1 year/s
}

void TstMainWindow::viewRendersAndCursorReadsLonLat()
{
    auto w = makeTestWindow(QSize{1100, 700});
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    QVERIFY(w->openProject(m_project));
    QVERIFY(waitLoaded(*w));
    const QImage frame = w->view()->grabFramebuffer();
    const QString out = test::testOutputDir(QStringLiteral("app"));
    frame.save(out + QStringLiteral("/mainwindow_view.png"));
    w->grab().save(out + QStringLiteral("/mainwindow.png"));
    QVERIFY2(distinctColours(frame) > 50, "the 3D view shows (almost) a single colour");

    // The centre of the home view is on the city: lon/lat near Pinghu in the status bar.
    const QPoint centre = w->view()->rect().center();
    const auto hit = w->view()->pick(centre);
    QVERIFY(hit.has_value());
    w->cursorStatus()->setPosition(hit->point);
    const QString text = w->cursorStatus()->text();
    const QRegularExpression number(
        QStringLiteral("Lon ([0-9.]+)°  Lat ([0-9.]+)°  X ([0-9.]+)  Y ([0-9.]+)"));
    const QRegularExpressionMatch m = number.match(text);
    QVERIFY2(m.hasMatch(), qPrintable(text));
    QCOMPARE(m.captured(1).section(QLatin1Char('.'), 1).size(), 6); // 6 decimals
    QVERIFY2(std::abs(m.captured(1).toDouble() - 121.0) < 0.03, qPrintable(text));
    QVERIFY2(std::abs(m.captured(2).toDouble() - 30.7) < 0.03, qPrintable(text));
    const data::ProjectedPoint projected = w->session()->project().toProjected(hit->point);
    QVERIFY2(std::abs(m.captured(3).toDouble() - projected.x) < 0.01, qPrintable(text));
    QVERIFY2(std::abs(m.captured(4).toDouble() - projected.y) < 0.01, qPrintable(text));
    w->cursorStatus()->setPosition(std::nullopt);
    QVERIFY(!w->cursorStatus()->text().contains(QStringLiteral("121")));

    // Hovering names what is under the mouse: look straight down on a building's roof.
    const data::LayerId buildings = test::firstLayerOf(w->session()->project(), data::LayerKind::Buildings);
    std::optional<scene::PickResult> roof;
    for (int y = 10; y < w->view()->height() && !roof; y += 12)
        for (int x = 10; x < w->view()->width() && !roof; x += 12)
            if (auto p = w->view()->pick(QPoint(x, y)); p && p->layer == buildings && p->featureId)
                roof = p;
    QVERIFY2(roof.has_value(), "no building under any sampled pixel of the home view");
    w->cursorStatus()->setPick(roof);
    const QString name = w->session()->project().layer(buildings)->name;
    QCOMPARE(w->cursorStatus()->featureText(), QStringLiteral("%1 #%2").arg(name).arg(*roof->featureId));
    w->cursorStatus()->setPick(std::nullopt);
    QVERIFY(w->cursorStatus()->featureText().isEmpty());
}

void TstMainWindow::analysisMenuHoldsTheUndergroundTools()
{
    auto w = makeTestWindow(QSize{1100, 700});
    QMenu* analysis = w->analysisMenu();
    QVERIFY(analysis);
    QVERIFY(w->menuBar()->actions().contains(analysis->menuAction()));
    const QList<QAction*> actions = analysis->actions();
    QVERIFY2(actions.contains(w->cutAway()->menu()->menuAction()), "the Cut-Away submenu");
    QVERIFY2(actions.contains(w->sectionDock()->drawAction()), "Draw Section Line");
    for (QAction* a : w->pipeAnalysis()->actions())
        QVERIFY2(actions.contains(a), qPrintable(a->text()));
    // No project: nothing to cut, section or filter.
    QVERIFY(!w->sectionDock()->drawAction()->isEnabled());
    QVERIFY(w->openProject(m_demo));
    QVERIFY(waitLoaded(*w));
    QVERIFY(w->sectionDock()->drawAction()->isEnabled());
    QVERIFY(w->sectionDock()->isHidden());
    w->sectionDock()->drawAction()->trigger(); // starts a sketch and shows the dock
    QVERIFY(!w->sectionDock()->isHidden());
}

void TstMainWindow::chineseTranslation()
{
    QVERIFY2(app::Translations::install(QStringLiteral("zh_CN")), "the zh_CN catalogue is not embedded");
    auto w = makeTestWindow(QSize{1100, 700});
    const QList<QAction*> menus = w->menuBar()->actions();
    QVERIFY(menus.size() >= 5);
    QCOMPARE(menus.at(0)->text(), QStringLiteral("文件(&F)"));
    QCOMPARE(menus.at(1)->text(), QStringLiteral("视图(&V)"));
    QCOMPARE(menus.at(2)->text(), QStringLiteral("图层(&L)"));
    QCOMPARE(menus.at(3)->text(), QStringLiteral("分析(&A)"));
    QCOMPARE(menus.at(4)->text(), QStringLiteral("帮助(&H)"));
    QCOMPARE(w->layerDock()->windowTitle(), QStringLiteral("图层"));
    QCOMPARE(w->timelineDock()->windowTitle(), QStringLiteral("时间轴"));
    QCOMPARE(app::LayerTreeModel::groupName(data::LayerGroup::Underground), QStringLiteral("地下"));
    QVERIFY(w->openProject(m_demo));
    QVERIFY(waitLoaded(*w));
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    w->grab().save(test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/mainwindow_zh_CN.png"));

    QVERIFY(app::Translations::install(QStringLiteral("en")));
    auto english = makeTestWindow(QSize{1100, 700});
    QCOMPARE(english->menuBar()->actions().at(0)->text(), QStringLiteral("&File"));
    // Switching the language at run time retranslates the open windows (QEvent::LanguageChange).
    // (the LanguageChange event is posted: wait for it)
    QTRY_COMPARE(w->menuBar()->actions().at(0)->text(), QStringLiteral("&File"));
    QCOMPARE(w->layerDock()->windowTitle(), QStringLiteral("Layers"));
    QCOMPARE(w->layerDock()->model()->groupItem(data::LayerGroup::Basemap)->text(),
             QStringLiteral("Basemap"));
    QVERIFY(app::Translations::install(QStringLiteral("zh_CN")));
    QTRY_COMPARE(english->timelineDock()->windowTitle(), QStringLiteral("时间轴"));
    QVERIFY(english->cursorStatus()->text().startsWith(QStringLiteral("经度")));
    QVERIFY(app::Translations::install(QStringLiteral("en")));
    // View → Language switches at once and is remembered for the next start.
    QAction* chinese = nullptr;
    for (QAction* a : english->languageMenu()->actions())
        if (a->data().toString() == QLatin1String("zh_CN"))
            chinese = a;
    QVERIFY(chinese);
    QCOMPARE(chinese->text(), QStringLiteral("简体中文"));
    chinese->trigger();
    QCOMPARE(app::Translations::current(), QStringLiteral("zh_CN"));
    QCOMPARE(app::Translations::savedLanguage(), QStringLiteral("zh_CN"));
    QTRY_COMPARE(english->menuBar()->actions().at(0)->text(), QStringLiteral("文件(&F)"));
    QVERIFY(chinese->isChecked());
    QVERIFY(app::Translations::switchTo(QStringLiteral("en")));
    QTRY_COMPARE(english->menuBar()->actions().at(0)->text(), QStringLiteral("&File"));
    QCOMPARE(app::Translations::savedLanguage(), QStringLiteral("en"));

    QCOMPARE(app::Translations::chooseLanguage(QString(), QLocale(QLocale::Chinese, QLocale::China)),
             QStringLiteral("zh_CN"));
    QCOMPARE(
        app::Translations::chooseLanguage(QStringLiteral("en"), QLocale(QLocale::Chinese, QLocale::China)),
        QStringLiteral("en"));
    QCOMPARE(app::Translations::chooseLanguage(QString(), QLocale(QLocale::German)), QStringLiteral("en"));
    QCOMPARE(app::Translations::chooseLanguage(QStringLiteral("zh_CN"), QLocale(QLocale::English)),
             QStringLiteral("zh_CN"));
}

int main(int argc, char** argv)
{
    citytwin::app::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("citytwin-tests"));
    QApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    TstMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindow.moc"
