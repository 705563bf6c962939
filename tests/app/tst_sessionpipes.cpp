// Pipe layers through the session: the demo's pipe network loads under the terrain (every pipe
// centre at ground − depth), a lines file is guessed as pipes, features with bad depths or sizes
// are skipped with a note on the layer while the rest draws, and a file with no usable pipe fails
// naming itself.
#include "app/PipeMappingPanel.h"
#include "app/ProjectSession.h"
#include "data/PipeMapping.h"
#include "gis/GdalEnvironment.h"
#include "gis/PipeReader.h"
#include "tests/app/SessionFixtures.h"
#include "tests/app/SmallDemo.h"

#include <QComboBox>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <osg/ComputeBoundsVisitor>

using namespace citytwin;
using app::ProjectSession;
using data::LayerKind;

namespace {

//! A GeoJSON of pipe lines in EPSG:4549 around the demo origin (x0, y0) with the given properties.
QByteArray pipesGeoJson(double x0, double y0, const QStringList& properties)
{
    QByteArray out = R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4549"}},"features":[)";
    for (int i = 0; i < properties.size(); ++i) {
        const double y = y0 + 20.0 * i;
        out += QStringLiteral(R"(%1{"type":"Feature","properties":{%2},"geometry":{"type":"LineString","coordinates":[[%3,%4],[%5,%4]]}})")
                   .arg(i ? QStringLiteral(",") : QString(), properties[i])
                   .arg(x0 - 100.0, 0, 'f', 2)
                   .arg(y, 0, 'f', 2)
                   .arg(x0 + 100.0, 0, 'f', 2)
                   .toUtf8();
    }
    return out + "]}";
}

} // namespace

class TstSessionPipes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void demoPipesHangUnderTheTerrain();
    void drawnPipesAreKeptForAnalysis();
    void linesAreGuessedAsPipes();
    void badFeaturesAreSkippedWithANote();
    void nothingUsableFailsNamingTheFile();
    void mappingPanelReloadsTheLayer();

private:
    QTemporaryDir m_dir;
    QString m_project;
};

void TstSessionPipes::initTestCase()
{
    gis::ensureGdalRegistered();
    auto demo = test::makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_project = *demo;
}

void TstSessionPipes::demoPipesHangUnderTheTerrain()
{
    auto opened = ProjectSession::open(m_project);
    QVERIFY(opened);
    ProjectSession& session = **opened;
    QVERIFY(session.loadAllBlocking());
    const data::LayerId pipes = test::firstLayerOf(session.project(), LayerKind::Pipes);
    QVERIFY(pipes.isValid());
    QVERIFY2(session.layerState(pipes) == ProjectSession::LayerState::Ready, qPrintable(session.layerError(pipes)));
    QVERIFY(session.layerWarning(pipes).isEmpty());
    osg::Node* node = session.scene().layerNode(pipes);
    QVERIFY(node);

    // The demo's lines are 3D (z = centre elevation written by the generator) or draped: either way
    // every pipe lies below the ground it runs under, by about its depth.
    auto read = gis::readPipes(QFileInfo(m_project).absolutePath() + QStringLiteral("/pipes.gpkg"), session.project().crs,
                               data::PipeMapping{});
    QVERIFY2(read, qPrintable(read.status().message()));
    QVERIFY(!read->pipes.empty());
    const data::ElevationGrid* dem = session.terrain();
    QVERIFY(dem);
    osg::ComputeBoundsVisitor bounds;
    node->accept(bounds);
    const osg::BoundingBox box = bounds.getBoundingBox();
    QVERIFY(box.valid());
    int checked = 0;
    for (const data::PipeLine& pipe : read->pipes) {
        const data::ProjectedPoint& p = pipe.points.front();
        const auto ground = dem->heightAt(p.x, p.y);
        if (!ground)
            continue;
        const double centre = std::isnan(p.z) ? *ground - pipe.depthM : p.z;
        QVERIFY2(centre < *ground, qPrintable(QStringLiteral("pipe %1 at %2 above ground %3").arg(pipe.id).arg(centre).arg(*ground)));
        ++checked;
    }
    QVERIFY(checked > 10);
    // The whole network stays below the highest ground and above a sane depth.
    QVERIFY(box.zMax() < 60.0 && box.zMin() > -30.0);
}

void TstSessionPipes::drawnPipesAreKeptForAnalysis()
{
    auto opened = ProjectSession::open(m_project);
    QVERIFY(opened);
    ProjectSession& session = **opened;
    const data::LayerId pipes = test::firstLayerOf(session.project(), LayerKind::Pipes);
    const data::LayerId buildings = test::firstLayerOf(session.project(), LayerKind::Buildings);
    QVERIFY(session.pipes(pipes).empty()); // nothing before it is loaded
    QVERIFY(session.pipeLayers().empty());
    QVERIFY(session.loadAllBlocking());
    QCOMPARE(session.pipeLayers(), std::vector<data::LayerId>{pipes});
    QVERIFY(session.pipes(buildings).empty());

    const std::vector<data::PipeLine> drawn = session.pipes(pipes);
    auto read = gis::readPipes(QFileInfo(m_project).absolutePath() + QStringLiteral("/pipes.gpkg"), session.project().crs,
                               data::PipeMapping{});
    QVERIFY2(read, qPrintable(read.status().message()));
    QCOMPARE(drawn.size(), read->pipes.size());
    QVERIFY(std::is_sorted(drawn.begin(), drawn.end(), [](const auto& a, const auto& b) { return a.id < b.id; }));
    // What analysis gets is what is drawn: absolute centre elevations, ground − depth where the
    // file gave only a depth (the demo's 3D lines carry it already).
    const data::ElevationGrid* dem = session.terrain();
    QVERIFY(dem);
    int checked = 0;
    for (const data::PipeLine& pipe : drawn) {
        QVERIFY(pipe.points.size() >= 2);
        for (const data::ProjectedPoint& p : pipe.points) {
            QVERIFY2(std::isfinite(p.z), qPrintable(QStringLiteral("pipe %1 has no elevation").arg(pipe.id)));
            if (const auto ground = dem->heightAt(p.x, p.y)) {
                QVERIFY2(std::abs(*ground - pipe.depthM - p.z) < 0.3,
                         qPrintable(QStringLiteral("pipe %1: z %2, ground %3, depth %4").arg(pipe.id).arg(p.z).arg(*ground).arg(pipe.depthM)));
                ++checked;
            }
        }
    }
    QVERIFY(checked > 100);
}

void TstSessionPipes::linesAreGuessedAsPipes()
{
    auto layer = ProjectSession::layerForSource(QFileInfo(m_project).absolutePath() + QStringLiteral("/pipes.gpkg"));
    QVERIFY2(layer, qPrintable(layer.status().message()));
    QCOMPARE(data::toString(layer->kind), data::toString(LayerKind::Pipes));
    QCOMPARE(data::toString(layer->group), data::toString(data::LayerGroup::Underground));
    auto buildings = ProjectSession::layerForSource(QFileInfo(m_project).absolutePath() + QStringLiteral("/buildings.gpkg"));
    QVERIFY(buildings);
    QCOMPARE(data::toString(buildings->kind), data::toString(LayerKind::Buildings));
}

void TstSessionPipes::badFeaturesAreSkippedWithANote()
{
    auto opened = ProjectSession::open(m_project);
    QVERIFY(opened);
    ProjectSession& session = **opened;
    const data::ProjectedPoint o = session.project().origin;
    const QString path = m_dir.filePath(QStringLiteral("mixed.geojson"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(pipesGeoJson(o.x, o.y,
                             {R"("network":"water","depth_m":1.2,"diameter_m":0.3)",
                              R"("network":"gas","depth_m":-2,"diameter_m":0.2)",
                              R"("network":"电力","depth_m":0.8,"diameter_m":0)",
                              R"("network":"drainage","depth_m":2.5,"diameter_m":0.8)"}));
    }
    auto layer = ProjectSession::layerForSource(path);
    QVERIFY(layer);
    auto id = session.addLayer(*layer);
    QVERIFY2(id, qPrintable(id.status().message()));
    QVERIFY(session.loadAllBlocking());
    QVERIFY2(session.layerState(*id) == ProjectSession::LayerState::Ready, qPrintable(session.layerError(*id)));
    const QString warning = session.layerWarning(*id);
    QVERIFY2(warning.startsWith(QLatin1String("2 of 4 pipes skipped")), qPrintable(warning));
}

void TstSessionPipes::nothingUsableFailsNamingTheFile()
{
    auto opened = ProjectSession::open(m_project);
    QVERIFY(opened);
    ProjectSession& session = **opened;
    const data::ProjectedPoint o = session.project().origin;
    const QString path = m_dir.filePath(QStringLiteral("allbad.geojson"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(pipesGeoJson(o.x, o.y, {R"("depth_m":-1,"diameter_m":0.3)", R"("depth_m":500,"diameter_m":0.3)"}));
    }
    data::LayerSettings layer;
    layer.kind = LayerKind::Pipes;
    layer.group = data::LayerGroup::Underground;
    layer.sourceUri = path;
    auto id = session.addLayer(layer);
    QVERIFY(id);
    QVERIFY(session.loadAllBlocking());
    QVERIFY(session.layerState(*id) == ProjectSession::LayerState::Failed);
    QVERIFY2(session.layerError(*id).contains(QLatin1String("allbad.geojson")), qPrintable(session.layerError(*id)));
}

void TstSessionPipes::mappingPanelReloadsTheLayer()
{
    auto opened = ProjectSession::open(m_project);
    QVERIFY(opened);
    ProjectSession& session = **opened;
    QVERIFY(session.loadAllBlocking());
    const data::LayerId pipes = test::firstLayerOf(session.project(), LayerKind::Pipes);
    osg::ComputeBoundsVisitor before;
    session.scene().layerNode(pipes)->accept(before);

    app::PipeMappingPanel panel(&session, pipes);
    // The demo's fields are guessed: depth_m, diameter_m, material, install_year, network.
    QCOMPARE(panel.fieldCombo(QStringLiteral("depth"))->currentData().toString(), QStringLiteral("depth_m"));
    QCOMPARE(panel.fieldCombo(QStringLiteral("installYear"))->currentData().toString(), QStringLiteral("install_year"));
    QVERIFY(!panel.apply()); // unchanged: nothing reloads
    // Depths measured to the pipe top: every centre goes down by half a diameter.
    panel.referenceCombo()->setCurrentIndex(panel.referenceCombo()->findData(int(data::DepthReference::Top)));
    QVERIFY(panel.apply());
    QVERIFY(test::waitLoaded(session));
    QVERIFY2(session.layerState(pipes) == ProjectSession::LayerState::Ready, qPrintable(session.layerError(pipes)));
    QCOMPARE(data::toString(session.pipeMapping(pipes).depthReference), data::toString(data::DepthReference::Top));
    osg::ComputeBoundsVisitor after;
    session.scene().layerNode(pipes)->accept(after);
    QVERIFY2(after.getBoundingBox().zMin() < before.getBoundingBox().zMin() - 0.05,
             qPrintable(QStringLiteral("%1 → %2").arg(before.getBoundingBox().zMin()).arg(after.getBoundingBox().zMin())));
    QVERIFY(session.isModified());
}

QTEST_MAIN(TstSessionPipes)
#include "tst_sessionpipes.moc"
