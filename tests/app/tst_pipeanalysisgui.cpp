// PipeAnalysisController in a window on the small demo under Xvfb: a filter colours a matching
// pipe's pixels in the warning colour and dims a pipe that does not match, Clear gives both their
// network colours back; the form lists the loaded materials and networks and reports "N of M
// pipes"; ages count at the scene clock's year; the clearance between two crossing demo pipes
// (by id, and by two clicks) is their depth difference less their radii, drawn in the analysis
// group's "clearance" node while the Inspector selects nothing.
#include "SmallDemo.h"
#include "app/InspectorController.h"
#include "app/MainWindow.h"
#include "app/OsgViewWidget.h"
#include "app/PipeAnalysisController.h"
#include "app/PipeFilterDialog.h"
#include "app/ProjectSession.h"
#include "scene/CityScene.h"
#include "scene/TileEngine.h"
#include "tests/app/WindowFixtures.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <cmath>
#include <memory>
#include <osg/Geode>
#include <osg/Geometry>

using namespace citytwin;
using app::MainWindow;
using app::PipeAnalysisController;
using app::ProjectSession;

namespace {

osg::Node* clearanceNode(MainWindow& w)
{
    osg::Group* analysis = w.session()->scene().analysisGroup();
    for (unsigned i = 0; i < analysis->getNumChildren(); ++i)
        if (analysis->getChild(i)->getName() == "clearance")
            return analysis->getChild(i);
    return nullptr;
}

//! Renders a frame of W's view looking straight down on local point P from RANGEM; the image.
QImage lookDown(MainWindow& w, const data::LocalPoint& p, double rangeM)
{
    data::SavedView v;
    v.target = p;
    v.pitchDeg = -89.9;
    v.rangeM = rangeM;
    w.view()->setView(v);
    const int frames = w.view()->frameCount();
    w.view()->update();
    if (!QTest::qWaitFor([&] { return w.view()->frameCount() > frames; }, 10000))
        qWarning("no new frame within 10 s");
    return w.view()->grabFramebuffer();
}

bool isMagenta(QRgb c)
{
    return qRed(c) > 110 && qBlue(c) > 90 && qGreen(c) < qRed(c) / 2;
}

int brightness(QRgb c)
{
    return qRed(c) + qGreen(c) + qBlue(c);
}

data::LocalPoint local(const data::ProjectedPoint& p, const data::ProjectedPoint& origin)
{
    return {p.x - origin.x, p.y - origin.y, p.z - origin.z};
}

} // namespace

class TstPipeAnalysisGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void filterColoursMatchingPipesAndClearRestores();
    void formListsChoicesAndReportsCounts();
    void agesCountAtTheClocksYear();
    void clearanceBetweenCrossingPipesById();
    void clearanceByTwoClicks();

private:
    //! A pipe of NETWORK whose middle point shows that pipe at the view's centre; its centre pixel.
    std::optional<std::pair<data::LocalPoint, QRgb>> visiblePipe(data::PipeNetwork network);
    //! Two pipes of different networks that cross with room between them.
    std::optional<std::pair<data::PipeLine, data::PipeLine>> crossingPair();

    QTemporaryDir m_dir;
    QString m_project;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<PipeAnalysisController> m_controller;
    data::LayerId m_pipes;
};

void TstPipeAnalysisGui::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    QVERIFY(m_dir.isValid());
    auto demo = test::prepareSmallDemo(m_dir);
    QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
    m_project = demo.value();
}

void TstPipeAnalysisGui::init()
{
    m_window = test::makeTestWindow();
    m_window->show();
    QVERIFY(m_window->openProject(m_project));
    QVERIFY(test::waitLoaded(*m_window));
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    ProjectSession* session = m_window->session();
    m_pipes = test::firstLayerOf(session->project(), data::LayerKind::Pipes);
    QVERIFY(m_pipes.isValid());
    QVERIFY(!session->pipes(m_pipes).empty());
    // See the pipes from above (the demo's pipe layer starts hidden): no buildings, no ground.
    session->setLayerVisible(m_pipes, true);
    session->setLayerVisible(test::firstLayerOf(session->project(), data::LayerKind::Buildings), false);
    QVERIFY(session->terrainEngine());
    scene::setTerrainGroundOpacity(session->terrainEngine(), 0.0f);
    session->scene().setTerrainVisible(false); // as the Underground slider at 0 %: picks reach the pipes
    m_controller = std::make_unique<PipeAnalysisController>(m_window->view(), m_window.get());
    m_controller->setSession(session);
}

void TstPipeAnalysisGui::cleanup()
{
    m_controller.reset();
    m_window.reset();
}

std::optional<std::pair<data::LocalPoint, QRgb>> TstPipeAnalysisGui::visiblePipe(data::PipeNetwork network)
{
    const auto colour = data::pipeNetworkColour(network);
    const data::ProjectedPoint origin = m_window->session()->project().origin;
    int tried = 0;
    for (const data::PipeLine& p : m_window->session()->pipes(m_pipes)) {
        if (p.network != network || p.points.size() < 3 || ++tried > 12)
            continue;
        const data::LocalPoint mid = local(p.points[p.points.size() / 2], origin);
        const QImage image = lookDown(*m_window, mid, 25.0);
        const QRgb c = image.pixel(image.rect().center());
        // The pixel shows this pipe when it is near its network colour (lit from above).
        const double dr = qRed(c) / 255.0 - colour[0], dg = qGreen(c) / 255.0 - colour[1],
                     db = qBlue(c) / 255.0 - colour[2];
        if (std::sqrt(dr * dr + dg * dg + db * db) < 0.45 && brightness(c) > 150)
            return std::make_pair(mid, c);
    }
    return std::nullopt;
}

void TstPipeAnalysisGui::filterColoursMatchingPipesAndClearRestores()
{
    const auto water = visiblePipe(data::PipeNetwork::WaterSupply);
    QVERIFY2(water, "no water pipe seen from above");
    const auto gas = visiblePipe(data::PipeNetwork::Gas);
    QVERIFY2(gas, "no gas pipe seen from above");

    data::PipeFilter filter;
    filter.networks = {data::PipeNetwork::WaterSupply};
    QSignalSpy messages(m_controller.get(), &PipeAnalysisController::message);
    const auto result = m_controller->applyFilter(filter);
    QVERIFY(result.matched > 0 && result.matched < result.total);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().first().toString(), m_controller->filterSummary());

    const QImage matched = lookDown(*m_window, water->first, 25.0);
    const QRgb m = matched.pixel(matched.rect().center());
    QVERIFY2(isMagenta(m), qPrintable(QColor(m).name()));
    const QImage dimmed = lookDown(*m_window, gas->first, 25.0);
    const QRgb d = dimmed.pixel(dimmed.rect().center());
    QVERIFY2(brightness(d) < brightness(gas->second) / 2,
             qPrintable(QColor(d).name() + " vs " + QColor(gas->second).name()));
    QVERIFY(!isMagenta(d));

    m_controller->clearFilter();
    QVERIFY(!m_controller->appliedFilter());
    for (const auto& [point, before] : {*water, *gas}) {
        const QImage image = lookDown(*m_window, point, 25.0);
        const QRgb c = image.pixel(image.rect().center());
        QVERIFY2(std::abs(brightness(c) - brightness(before)) < 30 &&
                     std::abs(qGreen(c) - qGreen(before)) < 20,
                 qPrintable(QColor(c).name() + " vs " + QColor(before).name()));
    }
}

void TstPipeAnalysisGui::formListsChoicesAndReportsCounts()
{
    m_controller->filterAction()->trigger();
    app::PipeFilterDialog* dialog = m_controller->dialog();
    QVERIFY(dialog && dialog->isVisible());
    auto* materials = dialog->findChild<QListWidget*>(QStringLiteral("materials"));
    auto* networks = dialog->findChild<QListWidget*>(QStringLiteral("networks"));
    QVERIFY(materials && networks);
    // The demo's materials (water: ductile_iron, pe, steel; drainage: concrete, hdpe,
    // reinforced_concrete; gas: pe, steel) and its three networks.
    QCOMPARE(materials->count(), 6);
    QCOMPARE(networks->count(), 3);
    data::PipeFilter filter;
    filter.materials = {QStringLiteral("steel")};
    filter.minAgeYears = 10;
    dialog->setFilter(filter);
    QCOMPARE(dialog->filter(), filter);
    const int year = m_controller->referenceYear();
    int expected = 0;
    double lengthM = 0.0;
    const auto pipes = m_window->session()->pipes(m_pipes);
    for (const data::PipeLine& p : pipes)
        if (p.material == QLatin1String("steel") && p.installYear > 0 && year - p.installYear >= 10) {
            ++expected;
            lengthM += data::pipePlanLength(p);
        }
    QPushButton* apply = nullptr;
    for (QPushButton* b : dialog->findChildren<QPushButton*>())
        if (b->text() == QLatin1String("Apply"))
            apply = b;
    QVERIFY(apply);
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(dialog->summary(), QStringLiteral("%1 of %2 pipes, %3 km")
                                    .arg(expected)
                                    .arg(pipes.size())
                                    .arg(lengthM / 1000.0, 0, 'f', 1));
    QCOMPARE(m_controller->appliedFilter(), std::optional<data::PipeFilter>(filter));
    // The same session again keeps the filter; no session drops it and disables the actions.
    m_controller->setSession(m_window->session());
    QVERIFY(m_controller->appliedFilter());
    m_controller->setSession(nullptr);
    QVERIFY(!m_controller->appliedFilter());
    QVERIFY(!m_controller->filterAction()->isEnabled());
    QVERIFY(!dialog->isVisible());
}

void TstPipeAnalysisGui::agesCountAtTheClocksYear()
{
    ProjectSession* session = m_window->session();
    session->setTime(QDateTime(QDate(2015, 3, 1), QTime(8, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    QCOMPARE(m_controller->referenceYear(), 2015);
    data::PipeFilter filter;
    filter.minAgeYears = 10;
    const auto result = m_controller->applyFilter(filter);
    int expected = 0;
    for (const data::PipeLine& p : session->pipes(m_pipes))
        expected += p.installYear > 0 && p.installYear <= 2005;
    QCOMPARE(result.matched, expected);
    session->setTime(QDateTime(QDate(2024, 3, 1), QTime(8, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    QVERIFY(m_controller->applyFilter(filter).matched > expected); // the same network, older in 2024
    QCOMPARE(app::pipeAgeText(2003, 2026), QStringLiteral("23 years (installed 2003)"));
    QCOMPARE(app::pipeAgeText(2025, 2026), QStringLiteral("1 year (installed 2025)"));
    QCOMPARE(app::pipeAgeText(2030, 2026), QStringLiteral("installed 2030 (after 2026)"));
    QCOMPARE(app::pipeAgeText(0, 2026), QString());
}

std::optional<std::pair<data::PipeLine, data::PipeLine>> TstPipeAnalysisGui::crossingPair()
{
    const auto pipes = m_window->session()->pipes(m_pipes);
    for (size_t i = 0; i < pipes.size(); ++i)
        for (size_t j = i + 1; j < pipes.size(); ++j) {
            if (pipes[i].network == pipes[j].network)
                continue;
            const auto c = data::pipeClearance(pipes[i], pipes[j]);
            if (c && c->crossing && c->crossing->verticalClearanceM > 0.2)
                return std::make_pair(pipes[i], pipes[j]);
        }
    return std::nullopt;
}

void TstPipeAnalysisGui::clearanceBetweenCrossingPipesById()
{
    const auto pair = crossingPair();
    QVERIFY2(pair, "the demo has no crossing pipes");
    const auto& [a, b] = *pair;
    QVERIFY(!clearanceNode(*m_window));
    const auto c = m_controller->measureClearance(m_pipes, a.id, m_pipes, b.id);
    QVERIFY(c && c->crossing);
    // Under one ground the clearance is the depth difference less the radii.
    const double expected = std::abs(a.depthM - b.depthM) - 0.5 * (a.diameterM + b.diameterM);
    QVERIFY2(std::abs(c->crossing->verticalClearanceM - expected) < 0.05,
             qPrintable(QStringLiteral("%1 vs %2").arg(c->crossing->verticalClearanceM).arg(expected)));
    QCOMPARE(c->crossing->upper, a.depthM < b.depthM ? data::UpperPipe::A : data::UpperPipe::B);
    QVERIFY2(m_controller->clearanceText().contains(QString::number(c->crossing->verticalClearanceM, 'f', 2)),
             qPrintable(m_controller->clearanceText()));
    // Drawn from A's surface to B's, in the local frame.
    osg::Node* node = clearanceNode(*m_window);
    QVERIFY(node);
    auto* geometry = node->asGroup()->getChild(0)->asGeode()->getDrawable(0)->asGeometry();
    auto* vertices = static_cast<const osg::Vec3Array*>(geometry->getVertexArray());
    QCOMPARE(vertices->size(), 2u);
    const data::ProjectedPoint o = m_window->session()->project().origin;
    QVERIFY(std::abs((*vertices)[0].z() - (c->pointA.z - o.z)) < 1e-3);
    QVERIFY(std::abs((*vertices)[1].x() - (c->pointB.x - o.x)) < 1e-3);
    QVERIFY(std::abs(((*vertices)[0] - (*vertices)[1]).length() - c->crossing->verticalClearanceM) < 1e-3);
    // A new measure replaces it; an unknown pipe draws nothing.
    QVERIFY(!m_controller->measureClearance(m_pipes, a.id, m_pipes, 99999999));
    m_controller->clearClearance();
    QVERIFY(!clearanceNode(*m_window));
    QVERIFY(m_controller->clearanceText().isEmpty());
}

void TstPipeAnalysisGui::clearanceByTwoClicks()
{
    const auto pair = crossingPair();
    QVERIFY(pair);
    const auto c = data::pipeClearance(pair->first, pair->second);
    const data::ProjectedPoint o = m_window->session()->project().origin;
    lookDown(*m_window, local(c->crossing->point, o), 20.0);
    // Two view positions over two different pipes near the crossing.
    app::OsgViewWidget* view = m_window->view();
    std::vector<std::pair<QPoint, std::int64_t>> targets;
    for (int y = 40; y < view->height() - 40 && targets.size() < 2; y += 8)
        for (int x = 40; x < view->width() - 40 && targets.size() < 2; x += 8) {
            const auto hit = view->pick(QPoint(x, y));
            if (hit && hit->layer == m_pipes && hit->featureId &&
                (targets.empty() || targets.front().second != *hit->featureId))
                targets.emplace_back(QPoint(x, y), *hit->featureId);
        }
    QCOMPARE(targets.size(), size_t(2));
    m_controller->clearanceAction()->trigger();
    QVERIFY(m_controller->isPickingClearance());
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, targets[0].first);
    QVERIFY(m_controller->isPickingClearance());
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, targets[1].first);
    QVERIFY(!m_controller->isPickingClearance());
    QVERIFY(clearanceNode(*m_window));
    QVERIFY(m_controller->clearanceText().contains(QStringLiteral("#%1").arg(targets[0].second)));
    QTRY_VERIFY(!view->property("citytwin.sketching").toBool());
    QVERIFY(!m_window->inspector()->selectedFeature()); // the Inspector left the clicks alone
    // Once done, a click selects again.
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, targets[0].first);
    QCOMPARE(m_window->inspector()->selectedFeature(), std::optional<std::int64_t>(targets[0].second));
    // Esc cancels a second measurement.
    m_controller->startClearance();
    QTest::keyClick(view, Qt::Key_Escape);
    QVERIFY(!m_controller->isPickingClearance());
}

QTEST_MAIN(TstPipeAnalysisGui)
#include "tst_pipeanalysisgui.moc"
