// ProjectSession on the small demo city: opening, the loading pipeline, per-layer failures, a real
// DEM in another CRS (edits and save/saveAs: tst_projectsessionsave).
#include "SessionFixtures.h"
#include "SmallDemo.h"
#include "app/LayerLoader.h"
#include "app/ProjectSession.h"
#include "gis/CrsTransformer.h"
#include "tests/common/TestPaths.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace citytwin;
using namespace citytwin::test;

class TstProjectSession : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void openMissingFileNamesIt();
    void openCorruptFileLeavesItAlone();
    void loadAllBlockingLoadsEveryLayer();
    void sceneTimeFollowsProject();
    void startLoadingIsAsynchronous();
    void cancelledLoadCanRestart();
    void destroyedWhileLoading();
    void missingFileFailsOnlyItsLayer_data();
    void missingFileFailsOnlyItsLayer();
    void realDemInAnotherCrs();

private:
    QTemporaryDir m_demoDir;
    QString m_demo;
};

void TstProjectSession::initTestCase()
{
    QVERIFY(m_demoDir.isValid());
    auto demo = test::makeSmallDemo(m_demoDir.path());
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_demo = *demo;
}

void TstProjectSession::openMissingFileNamesIt()
{
    auto s = ProjectSession::open(QStringLiteral("/nonexistent/folder/nothere.citytwin"));
    QVERIFY(!s);
    QVERIFY2(s.status().message().contains(QLatin1String("nothere.citytwin")),
             qPrintable(s.status().message()));
}

void TstProjectSession::openCorruptFileLeavesItAlone()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.citytwin"));
    const QByteArray garbage = QByteArray("SQLite format 3\0 but not really").repeated(200);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(garbage);
    }
    auto s = ProjectSession::open(path); // read-write if possible: still no repair, no migration
    QVERIFY(!s);
    QVERIFY2(s.status().message().contains(QLatin1String("broken.citytwin")),
             qPrintable(s.status().message()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll() == garbage);
}

void TstProjectSession::loadAllBlockingLoadsEveryLayer()
{
    auto opened = ProjectSession::open(m_demo);
    QVERIFY2(opened, qPrintable(opened.status().message()));
    ProjectSession& s = **opened;
    QCOMPARE(s.path(), m_demo);
    QVERIFY(!s.terrain());

    QSignalSpy progress(&s, &ProjectSession::loadProgress);
    QSignalSpy finished(&s, &ProjectSession::loadingFinished);
    QSignalSpy states(&s, &ProjectSession::layerStateChanged);
    const data::Status st = s.loadAllBlocking();
    QVERIFY2(st, qPrintable(st.message()));
    QVERIFY(!s.isLoading());
    QCOMPARE(finished.count(), 1);
    QVERIFY(!progress.isEmpty());
    const int total = progress.last().at(1).toInt();
    QCOMPARE(progress.last().at(0).toInt(), total);
    QCOMPARE(total, int(kDrawnKinds.size()));
    QVERIFY(states.count() >= 2 * total); // Loading, then Ready, for each

    for (LayerKind kind : kDrawnKinds) {
        const data::LayerId id = test::firstLayerOf(s.project(), kind);
        QVERIFY2(id.isValid(), qPrintable(data::toString(kind)));
        QVERIFY2(s.layerState(id) == State::Ready, qPrintable(describe(s)));
        QVERIFY(s.layerError(id).isEmpty());
    }
    // Elevation and imagery are drawn by the paged terrain (not layer nodes): the scene's terrain.
    for (LayerKind kind : {LayerKind::Buildings, LayerKind::Events})
        QVERIFY(s.scene().hasLayer(test::firstLayerOf(s.project(), kind)));
    for (LayerKind kind : {LayerKind::Elevation, LayerKind::Imagery})
        QVERIFY(!s.scene().hasLayer(test::firstLayerOf(s.project(), kind)));
    QVERIFY(s.terrainEngine());
    QCOMPARE(s.scene().terrain(), static_cast<osg::Node*>(s.terrainEngine()));
    QVERIFY(s.terrainEngine()->scheme().extent().contains(s.project().origin.x, s.project().origin.y));
    for (const data::LayerSettings& l : s.project().layers())
        QVERIFY(s.layerState(l.id) != State::Loading && s.layerState(l.id) != State::NotLoaded);

    const data::ElevationGrid* dem = s.terrain();
    QVERIFY(dem);
    QVERIFY(dem->grid.width > 1 && dem->grid.width <= app::loader::kMaxDemCells);
    QVERIFY(dem->grid.height > 1 && dem->grid.height <= app::loader::kMaxDemCells);
    // The demo area surrounds the origin.
    QVERIFY(dem->grid.extent.contains(s.project().origin.x, s.project().origin.y));
}

void TstProjectSession::sceneTimeFollowsProject()
{
    auto opened = ProjectSession::open(m_demo);
    QVERIFY(opened);
    ProjectSession& s = **opened;
    const data::Project& p = s.project();
    QCOMPARE(s.scene().epoch(), p.timeExtent.start);
    QCOMPARE(s.scene().time(), p.initialTime != data::kNoTime ? p.initialTime : p.timeExtent.start);
    const data::TimeMs later = p.timeExtent.start + data::kHourMs;
    s.setTime(later);
    QCOMPARE(s.scene().time(), later);
    QVERIFY(!s.isModified()); // moving the clock is not an edit
}

void TstProjectSession::startLoadingIsAsynchronous()
{
    auto opened = ProjectSession::open(m_demo);
    QVERIFY(opened);
    ProjectSession& s = **opened;
    QSignalSpy finished(&s, &ProjectSession::loadingFinished);
    s.startLoading();
    QVERIFY(s.isLoading());
    const data::LayerId buildings = test::firstLayerOf(s.project(), LayerKind::Buildings);
    QCOMPARE(s.layerState(buildings), State::Loading);
    QVERIFY(finished.wait(60000));
    QVERIFY(!s.isLoading());
    QCOMPARE(s.layerState(buildings), State::Ready);
}

void TstProjectSession::cancelledLoadCanRestart()
{
    auto opened = ProjectSession::open(m_demo);
    QVERIFY(opened);
    ProjectSession& s = **opened;
    s.startLoading();
    s.cancelLoading();
    QVERIFY(!s.isLoading());
    QTest::qWait(300); // abandoned jobs may finish now: their results must be dropped
    for (const data::LayerSettings& l : s.project().layers()) {
        QVERIFY(s.layerState(l.id) != State::Loading);
        QVERIFY(s.layerState(l.id) != State::Ready);
    }
    QVERIFY(!s.scene().hasLayer(test::firstLayerOf(s.project(), LayerKind::Buildings)));
    QVERIFY(s.loadAllBlocking());
    for (LayerKind kind : kDrawnKinds)
        QVERIFY2(s.layerState(test::firstLayerOf(s.project(), kind)) == State::Ready,
                 qPrintable(describe(s)));
}

void TstProjectSession::destroyedWhileLoading()
{
    // Closing a project (or the app) mid-load: the jobs finish into nothing, no callback reaches a dead
    // session.
    for (int delayMs : {0, 20, 200}) {
        auto opened = ProjectSession::open(m_demo);
        QVERIFY(opened);
        (*opened)->startLoading();
        QTest::qWait(delayMs);
        opened.value().reset();
    }
    QTest::qWait(100);
}

void TstProjectSession::missingFileFailsOnlyItsLayer_data()
{
    QTest::addColumn<int>("missingKind");
    QTest::addColumn<QList<int>>("failedKinds");
    QTest::newRow("buildings") << int(LayerKind::Buildings) << QList<int>{int(LayerKind::Buildings)};
    QTest::newRow("imagery") << int(LayerKind::Imagery) << QList<int>{int(LayerKind::Imagery)};
    QTest::newRow("pipes") << int(LayerKind::Pipes) << QList<int>{int(LayerKind::Pipes)};
    // No DEM: the imagery lies on flat ground, buildings stand at height 0 and events carry z.
    QTest::newRow("elevation") << int(LayerKind::Elevation) << QList<int>{int(LayerKind::Elevation)};
}

void TstProjectSession::missingFileFailsOnlyItsLayer()
{
    QFETCH(int, missingKind);
    QFETCH(QList<int>, failedKinds);
    QTemporaryDir dir;
    const QString path = copyOfDemo(m_demoDir.path(), m_demo, dir);
    QVERIFY(!path.isEmpty());

    QString removed;
    {
        auto opened = ProjectSession::open(path);
        QVERIFY(opened);
        const data::LayerSettings* layer =
            (*opened)->project().layer(test::firstLayerOf((*opened)->project(), LayerKind(missingKind)));
        QVERIFY(layer);
        removed = app::loader::resolveSource(layer->sourceUri, path);
        QVERIFY2(QFile::remove(removed), qPrintable(removed));
    }

    auto opened = ProjectSession::open(path);
    QVERIFY(opened);
    ProjectSession& s = **opened;
    QVERIFY(s.loadAllBlocking()); // some layers loaded: not an error as a whole
    for (LayerKind kind : kDrawnKinds) {
        const data::LayerId id = test::firstLayerOf(s.project(), kind);
        if (failedKinds.contains(int(kind))) {
            QVERIFY2(s.layerState(id) == State::Failed, qPrintable(describe(s)));
            QVERIFY(!s.layerError(id).isEmpty());
        } else {
            QVERIFY2(s.layerState(id) == State::Ready, qPrintable(describe(s)));
        }
    }
    const data::LayerId missing = test::firstLayerOf(s.project(), LayerKind(missingKind));
    QVERIFY2(s.layerError(missing).contains(QFileInfo(removed).fileName()),
             qPrintable(s.layerError(missing)));
}

void TstProjectSession::realDemInAnotherCrs()
{
    // Mt Fuji, SRTM 90 m in EPSG:4326, loaded into a UTM 54N project: the DEM is warped on load.
    const QString dem = test::sharedDataFile(QStringLiteral("dem/osgearth/mt_fuji_90m.tif"));
    if (dem.isEmpty())
        QSKIP("shared sample data dem/osgearth/mt_fuji_90m.tif is not available");
    auto toUtm = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:32654"));
    QVERIFY(toUtm);
    auto summit = toUtm->forward({138.7274, 35.3606, 0.0});
    QVERIFY(summit);

    data::Project project;
    project.name = QStringLiteral("Fuji");
    project.crs = QStringLiteral("EPSG:32654");
    project.timeZone = QStringLiteral("Asia/Tokyo");
    project.origin = *summit;
    data::LayerSettings layer;
    layer.name = QStringLiteral("SRTM");
    layer.kind = LayerKind::Elevation;
    layer.sourceUri = dem;
    project.addLayer(layer);
    const QString world = test::sharedDataFile(QStringLiteral("imagery/osgearth/world.tif"));
    if (!world.isEmpty()) {
        layer.name = QStringLiteral("World");
        layer.kind = LayerKind::Imagery;
        layer.sourceUri = world;
        layer.id = {};
        project.addLayer(layer);
    }

    // Kept under the test output folder: `citytwin-cli render` can show it afterwards.
    const QString path = test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/fuji.citytwin");
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
    auto created = ProjectSession::create(path, project);
    QVERIFY2(created, qPrintable(created.status().message()));
    ProjectSession& s = **created;
    QVERIFY(s.loadAllBlocking());
    for (const data::LayerSettings& l : s.project().layers())
        QVERIFY2(s.layerState(l.id) == State::Ready, qPrintable(describe(s)));
    const data::ElevationGrid* grid = s.terrain();
    QVERIFY(grid);
    QVERIFY(grid->grid.width <= app::loader::kMaxDemCells && grid->grid.height <= app::loader::kMaxDemCells);
    const auto top = grid->heightAt(summit->x, summit->y);
    QVERIFY(top);
    QVERIFY2(*top > 3300.0 && *top < 3800.0, qPrintable(QString::number(*top)));
    float highest = 0.0f;
    for (float h : grid->heights)
        if (!std::isnan(h))
            highest = std::max(highest, h);
    QVERIFY2(highest > 3500.0f && highest < 3800.0f, qPrintable(QString::number(highest)));
}

QTEST_GUILESS_MAIN(TstProjectSession)
#include "tst_projectsession.moc"
