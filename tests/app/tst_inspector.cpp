// The Inspector on the small demo city under Xvfb: a click on the landmark tower highlights it (the
// buildings shader's ct_highlightId) and the dock shows its GPKG attributes read on a worker; a drag
// selects nothing; a click on bare ground clears; a double-click flies the camera to the building;
// a source deleted after loading gives an error line in the dock, not a crash; removing the layer clears;
// zh_CN strings, switched at run time.
#include "SmallDemo.h"
#include "app/InspectorController.h"
#include "app/InspectorDock.h"
#include "app/MainWindow.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"
#include "app/Translations.h"
#include "scene/CityScene.h"
#include "tests/app/WindowFixtures.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QHelpEvent>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QToolTip>
#include <memory>
#include <osg/Uniform>

using namespace citytwin;
using app::MainWindow;
using test::highlightId;
using test::lookDownAt;

namespace {

//! The first view position (on a 12 px grid) whose pick satisfies WANT; (-1, -1) when none does.
template<typename Want>
QPoint findPosition(const app::OsgViewWidget& view, Want want)
{
    for (int y = 20; y < view.height() - 20; y += 12)
        for (int x = 20; x < view.width() - 20; x += 12)
            if (const auto hit = view.pick(QPoint(x, y)); hit && want(*hit))
                return QPoint(x, y);
    return QPoint(-1, -1);
}

} // namespace

class TstInspector : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void clickShowsTowerAttributesAndGroundClears();
    void dragSelectsNothing();
    void doubleClickFliesToBuilding();
    void deletedSourceShowsError();
    void removingTheLayerClearsSelection();
    void chineseTranslation();
    void pipeShowsItsAttributes();
    void pipeShowsItsAgeAtTheClocksYear();

private:
    QTemporaryDir m_dir;
    QString m_demo;
};

void TstInspector::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    QVERIFY(m_dir.isValid());
    auto demo = test::prepareSmallDemo(m_dir);
    QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
    m_demo = demo.value();
}

void TstInspector::clickShowsTowerAttributesAndGroundClears()
{
    auto w = test::openTestWindow(m_demo);
    QVERIFY(w);
    QVERIFY(w->inspectorDock());
    QVERIFY(!w->inspectorDock()->toggleViewAction()->associatedObjects().isEmpty()); // in the View menu
    const data::LayerId buildings = test::firstLayerOf(w->session()->project(), data::LayerKind::Buildings);
    QVERIFY(buildings.isValid());
    QCOMPARE(highlightId(*w, buildings), -1.0f);

    const double cx = (gis::kDemoTower.minX + gis::kDemoTower.maxX) / 2;
    const double cy = (gis::kDemoTower.minY + gis::kDemoTower.maxY) / 2;
    QVERIFY(lookDownAt(*w, {cx, cy, 0}, 700));
    const QPoint centre = w->view()->rect().center();
    const auto hit = w->view()->pick(centre);
    QVERIFY(hit && hit->featureId);
    QCOMPARE(*hit->featureId, std::int64_t(1)); // the tower is feature 1 of buildings.gpkg

    QTest::mouseClick(w->view(), Qt::LeftButton, {}, centre);
    QCOMPARE(w->inspector()->selectedFeature(), std::optional<std::int64_t>(1));
    QCOMPARE(highlightId(*w, buildings), 1.0f);
    app::InspectorDock* dock = w->inspectorDock();
    const QString layerName = w->session()->project().layer(buildings)->name;
    QVERIFY2(dock->headingText().contains(layerName) && dock->headingText().contains(QLatin1String("1")),
             qPrintable(dock->headingText()));
    QTRY_COMPARE_WITH_TIMEOUT(w->inspector()->pendingReads(), 0, 10000);
    QVERIFY2(dock->statusText().isEmpty(), qPrintable(dock->statusText()));
    QCOMPARE(dock->value(QStringLiteral("name")), std::optional(QString::fromUtf8(gis::kDemoTower.name)));
    QCOMPARE(dock->value(QStringLiteral("height")).value_or(QString()).toDouble(), gis::kDemoTower.heightM);
    QCOMPARE(dock->value(QStringLiteral("floors")), std::optional(QString::number(gis::kDemoTower.floors)));
    QVERIFY(dock->value(QStringLiteral("year_built")).value_or(QString()).toInt() > 1900);

    // Hovering the selected building: a tooltip with its name, layer and id.
    QHelpEvent help(QEvent::ToolTip, centre, w->view()->mapToGlobal(centre));
    QApplication::sendEvent(w->view(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QString::fromUtf8(gis::kDemoTower.name)) &&
                 QToolTip::text().contains(layerName + QStringLiteral(" #1")),
             qPrintable(QToolTip::text()));
    QToolTip::hideText();

    // Bare ground (a terrain hit, no building) clears the selection and the highlight.
    const QPoint ground = findPosition(*w->view(), [](const scene::PickResult& r) { return !r.featureId; });
    QVERIFY2(ground.x() >= 0, "no bare ground in the view");
    QTest::mouseClick(w->view(), Qt::LeftButton, {}, ground);
    QVERIFY(!w->inspector()->selectedFeature());
    QCOMPARE(highlightId(*w, buildings), -1.0f);
    QVERIFY(dock->headingText().isEmpty());
    QCOMPARE(dock->rowCount(), 0);
}

void TstInspector::dragSelectsNothing()
{
    auto w = test::openTestWindow(m_demo);
    QVERIFY(w);
    QVERIFY(lookDownAt(*w, {80, 120, 0}, 700));
    const QPoint centre = w->view()->rect().center();
    QTest::mousePress(w->view(), Qt::LeftButton, {}, centre);
    QTest::mouseRelease(w->view(), Qt::LeftButton, {}, centre + QPoint(60, 30));
    QVERIFY(!w->inspector()->selectedFeature());
    QVERIFY(w->inspectorDock()->headingText().isEmpty());
}

void TstInspector::doubleClickFliesToBuilding()
{
    auto w = test::openTestWindow(m_demo);
    QVERIFY(w);
    QVERIFY(lookDownAt(*w, {-150, -150, 0}, 1200));
    const QPoint tower = findPosition(*w->view(), [](const scene::PickResult& r) { return r.featureId == 1; });
    QVERIFY2(tower.x() >= 0, "the tower is not in view");
    QTest::mouseDClick(w->view(), Qt::LeftButton, {}, tower);
    QCOMPARE(w->inspector()->selectedFeature(), std::optional<std::int64_t>(1));
    QVERIFY(w->view()->isAnimating()); // a flight, not a jump
    QTRY_VERIFY_WITH_TIMEOUT(!w->view()->isAnimating(), 10000);
    const data::SavedView v = w->view()->view();
    QVERIFY2(v.target.x >= gis::kDemoTower.minX - 1 && v.target.x <= gis::kDemoTower.maxX + 1 &&
                 v.target.y >= gis::kDemoTower.minY - 1 && v.target.y <= gis::kDemoTower.maxY + 1,
             qPrintable(QStringLiteral("%1 %2").arg(v.target.x).arg(v.target.y)));
    QVERIFY(v.rangeM <= 400.0 + 1e-6);
}

void TstInspector::deletedSourceShowsError()
{
    auto w = test::openTestWindow(m_demo);
    QVERIFY(w);
    const QString gpkg = m_dir.filePath(QStringLiteral("demo/buildings.gpkg"));
    const QString away = gpkg + QStringLiteral(".away");
    QVERIFY(QFile::rename(gpkg, away));
    QVERIFY(lookDownAt(*w, {80, 120, 0}, 700));
    QTest::mouseClick(w->view(), Qt::LeftButton, {}, w->view()->rect().center());
    QCOMPARE(w->inspector()->selectedFeature(), std::optional<std::int64_t>(1));
    QTRY_COMPARE_WITH_TIMEOUT(w->inspector()->pendingReads(), 0, 10000);
    const QString status = w->inspectorDock()->statusText();
    QVERIFY(QFile::rename(away, gpkg));
    QVERIFY2(status.contains(QLatin1String("buildings.gpkg")), qPrintable(status));
    QCOMPARE(w->inspectorDock()->rowCount(), 0);
    QVERIFY(w->view()->pick(w->view()->rect().center()).has_value()); // the scene is unaffected
}

void TstInspector::removingTheLayerClearsSelection()
{
    auto w = test::openTestWindow(m_demo);
    QVERIFY(w);
    QVERIFY(lookDownAt(*w, {80, 120, 0}, 700));
    QTest::mouseClick(w->view(), Qt::LeftButton, {}, w->view()->rect().center());
    QCOMPARE(w->inspector()->selectedFeature(), std::optional<std::int64_t>(1));
    const data::LayerId buildings = test::firstLayerOf(w->session()->project(), data::LayerKind::Buildings);
    QVERIFY(w->session()->removeLayer(buildings));
    QVERIFY(!w->inspector()->selectedFeature());
    QVERIFY(w->inspectorDock()->headingText().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(w->inspector()->pendingReads(), 0, 10000);
    QVERIFY(w->inspectorDock()->headingText().isEmpty()); // the late read of the old selection is dropped
}

void TstInspector::pipeShowsItsAttributes()
{
    auto w = test::openTestWindow(m_demo);
    QVERIFY(w);
    const data::LayerId pipes = test::firstLayerOf(w->session()->project(), data::LayerKind::Pipes);
    QVERIFY(pipes.isValid());
    QVERIFY(w->inspector()->selectFeature(pipes, 1)); // the first line of pipes.gpkg
    QCOMPARE(highlightId(*w, pipes), 1.0f);
    QTRY_COMPARE_WITH_TIMEOUT(w->inspector()->pendingReads(), 0, 10000);
    app::InspectorDock* dock = w->inspectorDock();
    QVERIFY2(dock->statusText().isEmpty(), qPrintable(dock->statusText()));
    QVERIFY(!dock->value(QStringLiteral("material")).value_or(QString()).isEmpty());
    QVERIFY(dock->value(QStringLiteral("install_year")).value_or(QString()).toInt() > 1900);
    QVERIFY(dock->value(QStringLiteral("depth_m")).value_or(QString()).toDouble() > 0.0);
}

void TstInspector::pipeShowsItsAgeAtTheClocksYear()
{
    auto w = test::openTestWindow(m_demo);
    QVERIFY(w);
    const data::LayerId pipes = test::firstLayerOf(w->session()->project(), data::LayerKind::Pipes);
    QVERIFY(pipes.isValid());
    app::InspectorDock* dock = w->inspectorDock();
    // Ages count at the scene clock's year: 2020 first, then a replay of 2012.
    for (const int year : {2020, 2012}) {
        w->session()->setTime(
            QDateTime(QDate(year, 7, 1), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch());
        QVERIFY(w->inspector()->selectFeature(pipes, 1));
        QTRY_COMPARE_WITH_TIMEOUT(w->inspector()->pendingReads(), 0, 10000);
        const int installed = dock->value(QStringLiteral("install_year")).value_or(QString()).toInt();
        QVERIFY(installed > 1900);
        const QString age = dock->value(QStringLiteral("Age")).value_or(QString());
        if (installed > year)
            QCOMPARE(age, QStringLiteral("installed %1 (after %2)").arg(installed).arg(year));
        else if (year - installed == 1)
            QCOMPARE(age, QStringLiteral("1 year (installed %1)").arg(installed));
        else
            QCOMPARE(age, QStringLiteral("%1 years (installed %2)").arg(year - installed).arg(installed));
        w->inspector()->clearSelection();
    }
    // A building has no age row.
    const data::LayerId buildings = test::firstLayerOf(w->session()->project(), data::LayerKind::Buildings);
    QVERIFY(w->inspector()->selectFeature(buildings, 1));
    QTRY_COMPARE_WITH_TIMEOUT(w->inspector()->pendingReads(), 0, 10000);
    QVERIFY(!dock->value(QStringLiteral("Age")));
}

void TstInspector::chineseTranslation()
{
    QVERIFY(app::Translations::install(QStringLiteral("zh_CN")));
    auto w = test::openTestWindow(m_demo);
    QVERIFY(w);
    app::InspectorDock* dock = w->inspectorDock();
    QCOMPARE(dock->windowTitle(), QStringLiteral("属性检查器"));
    QCOMPARE(dock->toggleViewAction()->text(), QStringLiteral("属性检查器"));
    dock->showError(QStringLiteral("B"), 7, QStringLiteral("x.gpkg: file does not exist"));
    QCOMPARE(dock->headingText(), QStringLiteral("B — 要素 7"));
    QCOMPARE(dock->statusText(), QStringLiteral("无法读取属性：x.gpkg: file does not exist"));
    // A run-time switch retranslates what the dock shows now (LanguageChange is posted).
    QVERIFY(app::Translations::install(QStringLiteral("en")));
    QTRY_COMPARE(dock->windowTitle(), QStringLiteral("Inspector"));
    QCOMPARE(dock->headingText(), QStringLiteral("B — feature 7"));
    QCOMPARE(dock->statusText(), QStringLiteral("Cannot read the attributes: x.gpkg: file does not exist"));
}

QTEST_MAIN(TstInspector)
#include "tst_inspector.moc"
