// Manholes and underground spaces through the session: the demo's chambers reach down to the
// bottom of the pipe they sit on (− a 0.3 m sump), its tunnel and car park hang under the
// terrain; point and space files are guessed as their kinds; the real ky4 junctions (US feet)
// load in a UTM project with the ky4 pipes, and each connects to a pipe.
#include "app/ProjectSession.h"
#include "data/ManholeDepth.h"
#include "gis/GdalEnvironment.h"
#include "gis/UndergroundReader.h"
#include "scene/FeatureId.h"
#include "tests/app/SessionFixtures.h"
#include "tests/app/SmallDemo.h"
#include "tests/common/TestPaths.h"

#include <QTemporaryDir>
#include <QTest>
#include <map>
#include <osg/ComputeBoundsVisitor>
#include <osg/Geometry>
#include <osg/NodeVisitor>

using namespace citytwin;
using app::ProjectSession;
using data::LayerKind;

namespace {

//! Lowest vertex z (scene frame) of every feature in the geometries named NAME under a node.
class LowestPerFeature : public osg::NodeVisitor
{
public:
    explicit LowestPerFeature(std::string name)
        : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN), m_name(std::move(name))
    {
    }
    void apply(osg::Geometry& g) override
    {
        if (!m_name.empty() && g.getName() != m_name)
            return;
        const osg::Matrixd toWorld = osg::computeLocalToWorld(getNodePath());
        const auto* v = static_cast<const osg::Vec3Array*>(g.getVertexArray());
        for (unsigned i = 0; i < v->size(); ++i) {
            const auto id = scene::featureIdAt(&g, i);
            if (!id)
                continue;
            const double z = (osg::Vec3d((*v)[i]) * toWorld).z();
            auto [it, added] = lowest.try_emplace(*id, z);
            if (!added)
                it->second = std::min(it->second, z);
        }
    }
    std::map<std::int64_t, double> lowest;

private:
    std::string m_name;
};

} // namespace

class TstSessionManholes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        gis::ensureGdalRegistered();
        auto demo = test::makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
        QVERIFY2(demo, qPrintable(demo.status().message()));
        m_project = *demo;
    }

    void demoManholesReachTheirPipes()
    {
        auto opened = ProjectSession::open(m_project);
        QVERIFY(opened);
        ProjectSession& session = **opened;
        QVERIFY(session.loadAllBlocking());
        const data::LayerId manholes = test::firstLayerOf(session.project(), LayerKind::Manholes);
        const data::LayerId pipes = test::firstLayerOf(session.project(), LayerKind::Pipes);
        QVERIFY(manholes.isValid() && pipes.isValid());
        QVERIFY2(session.layerState(manholes) == ProjectSession::LayerState::Ready,
                 qPrintable(session.layerError(manholes)));
        QVERIFY(session.layerWarning(manholes).isEmpty());
        LowestPerFeature shafts("facilities-near");
        session.scene().layerNode(manholes)->accept(shafts);

        auto read = gis::readPointFacilities(
            QFileInfo(m_project).absolutePath() + QStringLiteral("/manholes.gpkg"), session.project().crs);
        QVERIFY(read);
        QCOMPARE(shafts.lowest.size(), read->facilities.size());
        std::vector<data::ProjectedPoint> positions;
        for (const data::PointFacility& f : read->facilities)
            positions.push_back(f.position);
        const auto bottoms = data::deepestConnectedPipeBottoms(positions, session.pipes(pipes));
        const data::ElevationGrid* dem = session.terrain();
        QVERIFY(dem);
        const double z0 = session.project().origin.z;
        int connected = 0;
        for (std::size_t i = 0; i < positions.size(); ++i) {
            const double lowest = shafts.lowest.at(read->facilities[i].id) + z0;
            const double ground = dem->heightAt(positions[i].x, positions[i].y).value_or(0.0);
            if (bottoms[i]) {
                ++connected;
                // Down to the connected pipe's bottom and a 0.3 m sump below it.
                QVERIFY2(std::abs(lowest - (*bottoms[i] - 0.3)) < 0.01,
                         qPrintable(QStringLiteral("facility %1: shaft bottom %2, pipe bottom %3")
                                        .arg(read->facilities[i].id)
                                        .arg(lowest)
                                        .arg(*bottoms[i])));
                QVERIFY(lowest < ground - 1.0);
            } else {
                QVERIFY(std::abs(lowest - (ground - 2.0)) < 0.01); // no pipe: 2 m
            }
        }
        // The generator puts every chamber on its pipe's line.
        QCOMPARE(connected, int(positions.size()));

        // Spaces: the tunnel's and the car park's roofs lie below the ground.
        const data::LayerId spaces = test::firstLayerOf(session.project(), LayerKind::UndergroundSpaces);
        QVERIFY2(session.layerState(spaces) == ProjectSession::LayerState::Ready,
                 qPrintable(session.layerError(spaces)));
        osg::ComputeBoundsVisitor bounds;
        session.scene().layerNode(spaces)->accept(bounds);
        const osg::BoundingBox box = bounds.getBoundingBox();
        QVERIFY(box.valid());
        QVERIFY2(box.zMax() + z0 <
                     dem->heightAt(session.project().origin.x, session.project().origin.y).value_or(0),
                 qPrintable(QString::number(box.zMax())));
    }

    void pointsAndSpacesAreGuessed()
    {
        const QString folder = QFileInfo(m_project).absolutePath();
        auto points = ProjectSession::layerForSource(folder + QStringLiteral("/manholes.gpkg"));
        QVERIFY2(points, qPrintable(points.status().message()));
        QCOMPARE(data::toString(points->kind), data::toString(LayerKind::Manholes));
        QCOMPARE(data::toString(points->group), data::toString(data::LayerGroup::Underground));
        auto spaces = ProjectSession::layerForSource(folder + QStringLiteral("/underground_spaces.gpkg"));
        QVERIFY(spaces);
        QCOMPARE(data::toString(spaces->kind), data::toString(LayerKind::UndergroundSpaces));
        auto buildings = ProjectSession::layerForSource(folder + QStringLiteral("/buildings.gpkg"));
        QVERIFY(buildings);
        QCOMPARE(data::toString(buildings->kind), data::toString(LayerKind::Buildings));
    }

    void ky4JunctionsConnectToKy4Pipes()
    {
        const QString junctions =
            test::sharedDataFile(QStringLiteral("pipes/wntr_ky4/ky4_junctions.geojson"));
        const QString pipeFile = test::sharedDataFile(QStringLiteral("pipes/wntr_ky4/ky4_pipes.geojson"));
        if (junctions.isEmpty() || pipeFile.isEmpty())
            QSKIP("shared data pipes/wntr_ky4 is absent");
        data::Project project;
        project.name = QStringLiteral("ky4");
        project.crs = QStringLiteral("EPSG:32616");
        project.origin = {660000.0, 4150000.0, 0.0};
        data::LayerSettings pipeLayer;
        pipeLayer.name = QStringLiteral("ky4 pipes");
        pipeLayer.kind = LayerKind::Pipes;
        pipeLayer.group = data::LayerGroup::Underground;
        pipeLayer.sourceUri = pipeFile;
        pipeLayer.style.insert(QStringLiteral("sourceCrs"), QStringLiteral("EPSG:3547"));
        const data::LayerId pipes = project.addLayer(pipeLayer);
        data::LayerSettings junctionLayer = pipeLayer;
        junctionLayer.name = QStringLiteral("ky4 junctions");
        junctionLayer.kind = LayerKind::Manholes;
        junctionLayer.sourceUri = junctions;
        const data::LayerId manholes = project.addLayer(junctionLayer);
        QTemporaryDir dir;
        auto created = ProjectSession::create(dir.filePath(QStringLiteral("ky4.citytwin")), project);
        QVERIFY2(created, qPrintable(created.status().message()));
        ProjectSession& session = **created;
        QVERIFY(session.loadAllBlocking());
        QVERIFY2(session.layerState(pipes) == ProjectSession::LayerState::Ready,
                 qPrintable(session.layerError(pipes)));
        QVERIFY2(session.layerState(manholes) == ProjectSession::LayerState::Ready,
                 qPrintable(session.layerError(manholes)));

        LowestPerFeature shafts("facilities-near");
        session.scene().layerNode(manholes)->accept(shafts);
        QCOMPARE(int(shafts.lowest.size()), 959);
        auto read = gis::readPointFacilities(junctions, project.crs);
        QVERIFY(read);
        std::vector<data::ProjectedPoint> positions;
        for (const data::PointFacility& f : read->facilities)
            positions.push_back(f.position);
        const std::vector<data::PipeLine> drawn = session.pipes(pipes);
        QCOMPARE(int(drawn.size()), 1156);
        const auto bottoms = data::deepestConnectedPipeBottoms(positions, drawn);
        int connected = 0;
        for (std::size_t i = 0; i < positions.size(); ++i) {
            if (!bottoms[i])
                continue;
            ++connected;
            // No DEM: ground 0, the shaft ends 0.3 m under its deepest pipe's bottom.
            QVERIFY(std::abs(shafts.lowest.at(read->facilities[i].id) - (*bottoms[i] - 0.3)) < 0.01);
        }
        QVERIFY2(connected == 959,
                 qPrintable(QStringLiteral("%1 of 959 junctions on a pipe").arg(connected)));
    }

private:
    QTemporaryDir m_dir;
    QString m_project;
};

QTEST_MAIN(TstSessionManholes)
#include "tst_sessionmanholes.moc"
