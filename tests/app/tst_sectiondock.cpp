// The Vertical Section dock under Xvfb on the small demo: Draw Section Line starts the map sketch,
// two points and finish fill the table with the crossed pipes (depths, sizes, layer), the profile
// widget draws them in their network colours (grabbed to PNG), a table row highlights its pipe
// and reports it, the 3D line and curtain sit in the analysis group until cleared, and Export CSV
// writes the rows.
#include "app/MapSketchTool.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"
#include "app/SectionCurtain.h"
#include "app/SectionDock.h"
#include "app/SectionProfileWidget.h"
#include "data/PipeMapping.h"
#include "gis/GdalEnvironment.h"
#include "tests/app/SmallDemo.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <memory>
#include <osg/ComputeBoundsVisitor>

using namespace citytwin;
using app::ProjectSession;
using app::SectionDock;
using SectionResult_t = app::SectionResult;

namespace {

osg::Node* sectionNode(ProjectSession& session)
{
    osg::Group* analysis = session.scene().analysisGroup();
    for (unsigned i = 0; i < analysis->getNumChildren(); ++i)
        if (analysis->getChild(i)->getName() == "section")
            return analysis->getChild(i);
    return nullptr;
}

//! Pixels of IMAGE within 2 of COLOUR on each channel.
int countColour(const QImage& image, const QColor& colour)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            n += std::abs(c.red() - colour.red()) <= 2 && std::abs(c.green() - colour.green()) <= 2 &&
                 std::abs(c.blue() - colour.blue()) <= 2;
        }
    return n;
}

} // namespace

class TstSectionDock : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void twoPointsFillTheTable();
    void profileShowsTheNetworkColour();
    void lineIsDrawnInTheView();
    void rowSelectsThePipe();
    void reloadedPipesAreCutAgain();
    void exportAndClear();
    void noSessionNoDrawing();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ProjectSession> m_session;
    std::unique_ptr<app::OsgViewWidget> m_view;
    std::unique_ptr<SectionDock> m_dock;
    data::PipeLine m_pipe;
};

void TstSectionDock::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    gis::ensureGdalRegistered();
    auto demo = test::makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo, qPrintable(demo.status().message()));
    auto opened = ProjectSession::open(*demo, ProjectSession::OpenMode::ReadOnly);
    QVERIFY2(opened, qPrintable(opened.status().message()));
    m_session = std::move(opened).value();
    QVERIFY(m_session->loadAllBlocking());
    const data::LayerId pipes = test::firstLayerOf(m_session->project(), data::LayerKind::Pipes);
    const auto all = m_session->pipes(pipes);
    QVERIFY(!all.empty());
    m_pipe = all[all.size() / 3];
    m_view = std::make_unique<app::OsgViewWidget>();
    m_view->resize(640, 480);
    m_view->setSceneData(m_session->scene().root());
    m_view->show();
    m_dock = std::make_unique<SectionDock>(m_view.get());
    m_dock->setSession(m_session.get());
    m_dock->resize(700, 600);
    m_dock->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dock.get()));
}

void TstSectionDock::cleanupTestCase()
{
    m_dock.reset();
    m_view.reset();
    m_session.reset();
}

void TstSectionDock::twoPointsFillTheTable()
{
    QVERIFY(m_dock->drawAction()->isEnabled());
    m_dock->drawAction()->trigger();
    QVERIFY(m_dock->drawAction()->isChecked());
    app::MapSketchTool* tool = m_dock->sketchTool();
    QVERIFY(tool->isActive());
    // 40 m across the pipe's first segment, through its middle.
    const data::ProjectedPoint& a = m_pipe.points[0];
    const data::ProjectedPoint& b = m_pipe.points[1];
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    const double nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
    const data::ProjectedPoint mid{0.5 * (a.x + b.x), 0.5 * (a.y + b.y), 0.0};
    const data::Project& project = m_session->project();
    tool->addPoint(project.toLocal({mid.x - 20.0 * nx, mid.y - 20.0 * ny, 0.0}));
    tool->addPoint(project.toLocal({mid.x + 20.0 * nx, mid.y + 20.0 * ny, 0.0}));
    QCOMPARE(m_dock->table()->rowCount(), 0); // a polyline goes on until finished
    tool->finish();
    QVERIFY(!m_dock->drawAction()->isChecked());
    QVERIFY(m_dock->section());
    const QTableWidget* table = m_dock->table();
    QVERIFY(table->rowCount() >= 1);
    QCOMPARE(table->rowCount(), int(m_dock->section()->crossings.size()));
    int row = -1;
    for (int i = 0; i < table->rowCount(); ++i)
        if (m_dock->section()->crossings[size_t(i)].pipeId == m_pipe.id)
            row = i;
    QVERIFY(row >= 0);
    QVERIFY(std::abs(table->item(row, 3)->text().toDouble() - m_pipe.depthM) < 0.05); // depth to centre
    QCOMPARE(table->item(row, 1)->text(), m_pipe.material);
    QCOMPARE(table->item(row, 5)->text(), QString::number(m_pipe.installYear));
    QCOMPARE(table->item(row, 6)->text(), QStringLiteral("20.00"));
    QVERIFY(table->item(row, 4)->text().contains(QString::number(m_pipe.diameterM, 'f', 2)));
    // In 3D: the line kSectionLiftM over the highest ground, the curtain down to 1 m under the deepest pipe.
    osg::Node* node = sectionNode(*m_session);
    QVERIFY(node);
    osg::ComputeBoundsVisitor bounds;
    node->accept(bounds);
    double highestGround = -1e9;
    for (const data::SectionGroundSample& g : m_dock->section()->ground)
        highestGround = std::max(highestGround, g.z);
    const osg::BoundingBox& box = bounds.getBoundingBox();
    QVERIFY2(std::abs(box.zMax() - (highestGround + app::kSectionLiftM - project.origin.z)) < 0.01,
             qPrintable(QString::number(box.zMax())));
    QVERIFY2(std::abs(box.zMin() - (m_dock->section()->deepestInvertZ() - 1.0 - project.origin.z)) < 0.01,
             qPrintable(QString::number(box.zMin())));
    QVERIFY(m_dock->exportAction()->isEnabled());
}

void TstSectionDock::profileShowsTheNetworkColour()
{
    QVERIFY(m_dock->section());
    app::SectionProfileWidget* profile = m_dock->profileWidget();
    QVERIFY(profile->width() > 100 && profile->height() > 80);
    const QImage image = profile->grab().toImage();
    QVERIFY(image.save(m_dir.filePath(QStringLiteral("profile.png"))));
    const auto rgb = data::pipeNetworkColour(m_pipe.network);
    const int pixels = countColour(image, QColor::fromRgbF(rgb[0], rgb[1], rgb[2]));
    QVERIFY2(pixels >= 9, qPrintable(QString::number(pixels)));
    // Without a section the colour is gone: the pixels came from the pipe.
    auto kept = profile->section();
    profile->setSection(std::nullopt);
    QCOMPARE(countColour(profile->grab().toImage(), QColor::fromRgbF(rgb[0], rgb[1], rgb[2])), 0);
    profile->setSection(kept);
}

void TstSectionDock::lineIsDrawnInTheView()
{
    QVERIFY(m_dock->section());
    const SectionResult_t& s = *m_dock->section();
    const data::ProjectedPoint mid = data::pointAlongSection(s.line, 0.5 * s.lengthM);
    data::SavedView v;
    v.target = m_session->project().toLocal({mid.x, mid.y, s.ground[s.ground.size() / 2].z});
    // Looking along the pipe, across the section: the curtain faces the camera.
    const data::ProjectedPoint& a = m_pipe.points[0];
    const data::ProjectedPoint& b = m_pipe.points[1];
    v.headingDeg = std::atan2(b.x - a.x, b.y - a.y) * 180.0 / M_PI;
    v.pitchDeg = -25.0;
    v.rangeM = 120.0;
    m_view->setView(v);
    const QColor line(255, 217, 26); // the section line's colour (1, 0.85, 0.1)
    const auto linePixels = [&] {
        const QImage image = m_view->grabFramebuffer();
        int n = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                n += std::abs(c.red() - line.red()) <= 6 && std::abs(c.green() - line.green()) <= 6 &&
                     std::abs(c.blue() - line.blue()) <= 6;
            }
        return n;
    };
    int with = 0;
    QVERIFY(QTest::qWaitFor([&] { return (with = linePixels()) >= 60; }, 10000));
    osg::Node* node = sectionNode(*m_session);
    QVERIFY(node);
    node->setNodeMask(0);
    const int without = linePixels();
    node->setNodeMask(~0u);
    QVERIFY2(without < with / 10, qPrintable(QStringLiteral("with %1, without %2").arg(with).arg(without)));
}

void TstSectionDock::rowSelectsThePipe()
{
    QSignalSpy spy(m_dock.get(), &SectionDock::crossingSelected);
    const int last = m_dock->table()->rowCount() - 1;
    m_dock->table()->selectRow(last);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().at(1).toLongLong(), m_dock->section()->crossings[size_t(last)].pipeId);
    QCOMPARE(m_dock->profileWidget()->highlighted(), last);
}

void TstSectionDock::reloadedPipesAreCutAgain()
{
    // Reading depth_m as the depth to the top hangs every pipe half a diameter deeper.
    const data::LayerId pipes = test::firstLayerOf(m_session->project(), data::LayerKind::Pipes);
    const std::vector<data::PipeCrossing> before = m_dock->section()->crossings;
    data::PipeMapping mapping = m_session->pipeMapping(pipes);
    mapping.depthReference = data::DepthReference::Top;
    m_session->setPipeMapping(pipes, mapping);
    QVERIFY(QTest::qWaitFor(
        [&] {
            return !m_session->isLoading() && m_dock->section() &&
                   m_dock->section()->crossings.size() == before.size() &&
                   std::abs(m_dock->section()->crossings.front().depthCentreM - before.front().depthCentreM) >
                       0.01;
        },
        30000));
    for (size_t i = 0; i < before.size(); ++i) {
        const data::PipeCrossing& now = m_dock->section()->crossings[i];
        QCOMPARE(now.pipeId, before[i].pipeId);
        QVERIFY2(std::abs(now.depthCentreM - (before[i].depthCentreM + 0.5 * before[i].diameterM)) < 0.01,
                 qPrintable(QStringLiteral("%1 vs %2").arg(now.depthCentreM).arg(before[i].depthCentreM)));
        QVERIFY(std::abs(now.depthTopM - before[i].depthCentreM) < 0.01);
    }
    QCOMPARE(m_dock->table()->rowCount(), int(before.size()));
}

void TstSectionDock::exportAndClear()
{
    const QString csv = m_dir.filePath(QStringLiteral("section.csv"));
    QVERIFY(m_dock->exportCsv(csv));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), m_dock->table()->rowCount() + 1);
    QVERIFY(lines.first().startsWith("distance_m,"));

    m_dock->clearAction()->trigger();
    QVERIFY(!m_dock->section());
    QCOMPARE(m_dock->table()->rowCount(), 0);
    QVERIFY(!sectionNode(*m_session));
    QVERIFY(!m_dock->exportAction()->isEnabled());
    QVERIFY(!m_dock->exportCsv(csv + QStringLiteral(".2")));
    QVERIFY(!QFile::exists(csv + QStringLiteral(".2")));
}

void TstSectionDock::noSessionNoDrawing()
{
    m_dock->setSession(nullptr);
    QVERIFY(!m_dock->drawAction()->isEnabled());
    QVERIFY(!m_dock->showSection({{0, 0, 0}, {10, 0, 0}}));
    m_dock->setSession(m_session.get());
    QVERIFY(m_dock->drawAction()->isEnabled());
}

QTEST_MAIN(TstSectionDock)
#include "tst_sectiondock.moc"
