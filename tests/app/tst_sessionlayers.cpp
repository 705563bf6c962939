// ProjectSession's basemap and layer edits: elevation and imagery through one paged TileEngine,
// adding, removing and moving layers, trust before network, vertical exaggeration (the guess for
// a file or URL: tst_layerforsource).
#include "SessionFixtures.h"
#include "SmallDemo.h"
#include "app/LayerLoader.h"
#include "tests/common/LocalTileServer.h"
#include "tests/common/TestPaths.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace citytwin;
using namespace citytwin::test;

class TstSessionLayers : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void basemapLayersShareOneEngine();
    void addLayerLoadsAGeoTiff();
    void addLayerRefusesBadInput_data();
    void addLayerRefusesBadInput();
    void badFileFailsOnlyItsLayer();
    void untrustedUrlIsNotContacted();
    void urlAddedByTheUserIsTrusted();
    void removeAndMoveLayers();
    void verticalScaleIsStoredAndApplied();

private:
    QTemporaryDir m_demoDir;
    QString m_demo;
};

void TstSessionLayers::initTestCase()
{
    QVERIFY(m_demoDir.isValid());
    auto demo = makeSmallDemo(m_demoDir.path());
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_demo = *demo;
}

void TstSessionLayers::basemapLayersShareOneEngine()
{
    // One elevation and two imagery layers (a second copy of the demo image under another name).
    QTemporaryDir dir;
    const QString demoDir = m_demoDir.path();
    const QString second = dir.filePath(QStringLiteral("second.tif"));
    QVERIFY(QFile::copy(demoDir + QStringLiteral("/imagery.tif"), second));
    auto demo = ProjectSession::open(m_demo, ProjectSession::OpenMode::ReadOnly);
    QVERIFY(demo);
    auto created = basemapProject(
        dir.filePath(QStringLiteral("basemap.citytwin")), (*demo)->project(),
        {basemapLayer(QStringLiteral("DEM"), LayerKind::Elevation, demoDir + QStringLiteral("/dem.tif")),
         basemapLayer(QStringLiteral("Ortho"), LayerKind::Imagery, demoDir + QStringLiteral("/imagery.tif")),
         basemapLayer(QStringLiteral("Second"), LayerKind::Imagery, second)});
    QVERIFY2(created, qPrintable(created.status().message()));
    ProjectSession& s = **created;
    QVERIFY(!s.terrainEngine());
    QSignalSpy engineChanged(&s, &ProjectSession::terrainEngineChanged);
    QSignalSpy activity(&s, &ProjectSession::tileActivity);
    QVERIFY(s.loadAllBlocking());
    for (const data::LayerSettings& l : s.project().layers()) {
        QVERIFY2(s.layerState(l.id) == State::Ready, qPrintable(describe(s)));
        QVERIFY(!s.scene().hasLayer(l.id)); // drawn inside the engine, not as layer nodes
    }
    scene::TileEngine* engine = s.terrainEngine();
    QVERIFY(engine);
    QCOMPARE(engineChanged.count(), 1);
    QCOMPARE(s.scene().terrain(), static_cast<osg::Node*>(engine));
    // The tiling scheme covers the DEM (the elevation source decides it).
    const data::ElevationGrid* dem = s.terrain();
    QVERIFY(dem);
    const data::Extent2D scheme = engine->scheme().extent();
    QVERIFY(scheme.minX <= dem->grid.extent.minX + 1.0 && scheme.maxX >= dem->grid.extent.maxX - 1.0);
    QVERIFY(scheme.minY <= dem->grid.extent.minY + 1.0 && scheme.maxY >= dem->grid.extent.maxY - 1.0);

    // Hiding every basemap layer hides the ground; one visible layer brings it back.
    const auto ids = s.project().layersInDrawOrder();
    for (const data::LayerSettings& l : ids)
        s.setLayerVisible(l.id, false);
    QVERIFY(!s.scene().isTerrainVisible());
    s.setLayerVisible(ids.back().id, true);
    QVERIFY(s.scene().isTerrainVisible());
    QVERIFY(s.isModified());
    QCOMPARE(s.terrainEngine(), engine); // edits never rebuild the engine

    // Nothing draws here, so no tile is wanted: the activity poll reports 0 in flight.
    QVERIFY(activity.wait(2000));
    QCOMPARE(activity.last().at(0).toInt(), 0);
}

void TstSessionLayers::addLayerLoadsAGeoTiff()
{
    QTemporaryDir dir;
    const QString path = copyOfDemo(m_demoDir.path(), m_demo, dir);
    QVERIFY(!path.isEmpty());
    QVERIFY(
        QFile::copy(dir.filePath(QStringLiteral("imagery.tif")), dir.filePath(QStringLiteral("ortho2.tif"))));
    data::LayerId added;
    {
        auto opened = ProjectSession::open(path);
        QVERIFY(opened);
        ProjectSession& s = **opened;
        QVERIFY(s.loadAllBlocking());
        scene::TileEngine* engine = s.terrainEngine();
        QVERIFY(engine);
        const size_t before = s.project().layers().size();
        auto layer = ProjectSession::layerForSource(dir.filePath(QStringLiteral("ortho2.tif")));
        QVERIFY(layer);
        QSignalSpy layersChanged(&s, &ProjectSession::layersChanged);
        QSignalSpy finished(&s, &ProjectSession::loadingFinished);
        auto id = s.addLayer(*layer);
        QVERIFY2(id, qPrintable(id.status().message()));
        added = *id;
        QCOMPARE(layersChanged.count(), 1);
        QVERIFY(s.isModified());
        QCOMPARE(s.project().layers().size(), before + 1);
        QCOMPARE(s.layerState(added), State::Loading);
        QVERIFY(finished.wait(30000));
        QVERIFY2(s.layerState(added) == State::Ready, qPrintable(describe(s)));
        QCOMPARE(s.terrainEngine(), engine); // same extent: the running engine took the new source
        // On top of the basemap group, stored relative to the project folder.
        const data::LayerSettings* l = s.project().layer(added);
        QCOMPARE(l->sourceUri, QStringLiteral("ortho2.tif"));
        QVERIFY(l->group == data::LayerGroup::Basemap);
        for (const data::LayerSettings& other : s.project().layers())
            if (other.group == data::LayerGroup::Basemap && other.id != added)
                QVERIFY(other.order < l->order);
        QVERIFY(s.save());
    }
    auto reopened = ProjectSession::open(path);
    QVERIFY(reopened);
    QVERIFY((*reopened)->project().layer(added));
    QVERIFY((*reopened)->loadAllBlocking());
    QCOMPARE((*reopened)->layerState(added), State::Ready);
}

void TstSessionLayers::addLayerRefusesBadInput_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing file") << int(LayerKind::Imagery) << "@DIR@/gone.tif"
                                  << "gone.tif";
    QTest::newRow("unsupported kind") << int(LayerKind::Heatmap) << "@DIR@/imagery.tif"
                                      << "heatmap";
    QTest::newRow("events from a file") << int(LayerKind::Events) << "@DIR@/imagery.tif"
                                        << "project file";
    QTest::newRow("no source") << int(LayerKind::Imagery) << ""
                               << "no source";
}

void TstSessionLayers::addLayerRefusesBadInput()
{
    QFETCH(int, kind);
    QFETCH(QString, source);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = copyOfDemo(m_demoDir.path(), m_demo, dir);
    QVERIFY(!path.isEmpty());
    const QByteArray before = fileHash(path);
    {
        auto opened = ProjectSession::open(path);
        QVERIFY(opened);
        ProjectSession& s = **opened;
        const data::Project original = s.project();
        QSignalSpy layersChanged(&s, &ProjectSession::layersChanged);
        data::LayerSettings layer = basemapLayer(QStringLiteral("bad"), LayerKind(kind),
                                                 source.replace(QStringLiteral("@DIR@"), dir.path()));
        const auto id = s.addLayer(layer);
        QVERIFY(!id);
        QVERIFY2(id.status().message().contains(message), qPrintable(id.status().message()));
        QVERIFY(s.project() == original);
        QVERIFY(!s.isModified());
        QCOMPARE(layersChanged.count(), 0);
    }
    QCOMPARE(fileHash(path), before);
}

void TstSessionLayers::badFileFailsOnlyItsLayer()
{
    QTemporaryDir dir;
    const QString path = copyOfDemo(m_demoDir.path(), m_demo, dir);
    QVERIFY(!path.isEmpty());
    // A GeoTIFF cut off after its header: it exists, so it can be added, but it cannot be read.
    const QString broken = dir.filePath(QStringLiteral("broken_ortho.tif"));
    {
        QFile from(dir.filePath(QStringLiteral("imagery.tif")));
        QVERIFY(from.open(QIODevice::ReadOnly));
        QFile to(broken);
        QVERIFY(to.open(QIODevice::WriteOnly));
        to.write(from.read(600));
    }
    auto opened = ProjectSession::open(path);
    QVERIFY(opened);
    ProjectSession& s = **opened;
    QVERIFY(s.loadAllBlocking());
    auto id = s.addLayer(basemapLayer(QStringLiteral("Broken"), LayerKind::Imagery, broken));
    QVERIFY2(id, qPrintable(id.status().message()));
    QVERIFY(waitLoaded(s));
    QCOMPARE(s.layerState(*id), State::Failed);
    QVERIFY2(s.layerError(*id).contains(QLatin1String("broken_ortho.tif")), qPrintable(s.layerError(*id)));
    for (LayerKind kind : kDrawnKinds)
        QVERIFY2(s.layerState(firstLayerOf(s.project(), kind)) == State::Ready, qPrintable(describe(s)));
    QVERIFY(s.terrainEngine());
}

void TstSessionLayers::untrustedUrlIsNotContacted()
{
    LocalTileServer server;
    QVERIFY(server.isListening());
    QTemporaryDir dir;
    auto demo = ProjectSession::open(m_demo, ProjectSession::OpenMode::ReadOnly);
    QVERIFY(demo);
    const QString path = dir.filePath(QStringLiteral("shared.citytwin"));
    {
        auto created =
            basemapProject(path, (*demo)->project(),
                           {basemapLayer(QStringLiteral("DEM"), LayerKind::Elevation,
                                         m_demoDir.filePath(QStringLiteral("dem.tif"))),
                            basemapLayer(QStringLiteral("Web"), LayerKind::Imagery, server.xyzTemplate())});
        QVERIFY(created);
    }
    // A project opened from elsewhere: its URL is not contacted until the user trusts it.
    auto opened = ProjectSession::open(path);
    QVERIFY(opened);
    ProjectSession& s = **opened;
    const data::LayerId web = s.project().layersInDrawOrder().back().id;
    QCOMPARE(s.project().layer(web)->sourceUri, server.xyzTemplate());
    QCOMPARE(s.untrustedLayers(), std::vector<data::LayerId>{web});
    QVERIFY(s.loadAllBlocking());
    QCOMPARE(s.layerState(web), State::Failed);
    QVERIFY2(s.layerError(web).contains(QLatin1String("not contacted")) &&
                 s.layerError(web).contains(QLatin1String("trust")),
             qPrintable(s.layerError(web)));
    QCOMPARE(server.requests(), 0);
    QVERIFY(s.terrainEngine()); // the DEM is drawn all the same
    QCOMPARE(s.untrustedLayers(), std::vector<data::LayerId>{web});

    s.trustLayer(web);
    QVERIFY(s.untrustedLayers().empty());
    QVERIFY(waitLoaded(s));
    QVERIFY2(s.layerState(web) == State::Ready, qPrintable(describe(s)));

    // A trust policy (the app's trust store) lets another session load it at once.
    auto again = ProjectSession::open(path);
    QVERIFY(again);
    const QString url = server.xyzTemplate();
    (*again)->setTrustPolicy([url](const QString& uri) { return uri == url; });
    QVERIFY((*again)->untrustedLayers().empty());
    QVERIFY((*again)->loadAllBlocking());
    QCOMPARE((*again)->layerState(web), State::Ready);
}

void TstSessionLayers::urlAddedByTheUserIsTrusted()
{
    LocalTileServer server;
    QVERIFY(server.isListening());
    QTemporaryDir dir;
    const QString path = copyOfDemo(m_demoDir.path(), m_demo, dir);
    QVERIFY(!path.isEmpty());
    auto opened = ProjectSession::open(path);
    QVERIFY(opened);
    ProjectSession& s = **opened;
    s.setTrustPolicy([](const QString&) { return false; });
    s.setServiceOptions(QString(), dir.filePath(QStringLiteral("cache")), 8 << 20);
    QVERIFY(s.loadAllBlocking());
    auto layer = ProjectSession::layerForSource(server.xyzTemplate());
    QVERIFY(layer);
    QCOMPARE(layer->name, QStringLiteral("127.0.0.1"));
    auto id = s.addLayer(*layer);
    QVERIFY2(id, qPrintable(id.status().message()));
    QVERIFY(waitLoaded(s));
    QVERIFY2(s.layerState(*id) == State::Ready, qPrintable(describe(s)));
    QVERIFY(s.untrustedLayers().empty());
}

void TstSessionLayers::removeAndMoveLayers()
{
    QTemporaryDir dir;
    const QString path = copyOfDemo(m_demoDir.path(), m_demo, dir);
    QVERIFY(!path.isEmpty());
    QVERIFY(
        QFile::copy(dir.filePath(QStringLiteral("imagery.tif")), dir.filePath(QStringLiteral("top.tif"))));
    auto opened = ProjectSession::open(path);
    QVERIFY(opened);
    ProjectSession& s = **opened;
    QVERIFY(s.loadAllBlocking());
    auto top = s.addLayer(
        basemapLayer(QStringLiteral("Top"), LayerKind::Imagery, dir.filePath(QStringLiteral("top.tif"))));
    QVERIFY(top);
    QVERIFY(waitLoaded(s));
    const data::LayerId imagery = firstLayerOf(s.project(), LayerKind::Imagery);
    const data::LayerId dem = firstLayerOf(s.project(), LayerKind::Elevation);
    auto basemapOrder = [&s] {
        std::vector<data::LayerId> ids;
        for (const data::LayerSettings& l : s.project().layersInDrawOrder())
            if (l.group == data::LayerGroup::Basemap)
                ids.push_back(l.id);
        return ids;
    };
    QCOMPARE(basemapOrder().back(), *top);

    QSignalSpy layersChanged(&s, &ProjectSession::layersChanged);
    QVERIFY(!s.moveLayer(*top, +1)); // already on top
    QVERIFY(s.moveLayer(*top, -1));
    QCOMPARE(layersChanged.count(), 1);
    std::vector<data::LayerId> order = basemapOrder();
    QCOMPARE(order.back(), imagery);
    QCOMPARE(order[order.size() - 2], *top);
    QVERIFY(s.moveLayer(*top, -10)); // clamped to the bottom of its group
    QCOMPARE(basemapOrder().front(), *top);
    QVERIFY(!s.moveLayer(data::LayerId{9999}, 1));
    // Other groups are untouched by moves in the basemap group.
    const data::LayerId buildings = firstLayerOf(s.project(), LayerKind::Buildings);
    QCOMPARE(s.project().layersInDrawOrder().at(basemapOrder().size()).id, buildings);

    QVERIFY(s.removeLayer(*top));
    QVERIFY(!s.project().layer(*top));
    QCOMPARE(s.layerState(*top), State::NotLoaded);
    QVERIFY(!s.removeLayer(*top));
    QVERIFY(s.removeLayer(buildings));
    QVERIFY(!s.scene().hasLayer(buildings));
    QVERIFY(s.terrainEngine());
    QVERIFY(s.removeLayer(imagery));
    QVERIFY(s.removeLayer(dem));
    QVERIFY(!s.terrainEngine()); // no basemap layer left: no terrain
    QVERIFY(!s.scene().terrain());
    QVERIFY(!s.terrain());
    QCOMPARE(layersChanged.count(), 6); // two moves, four removals
    QVERIFY(s.save());
    auto reopened = ProjectSession::open(path);
    QVERIFY(reopened);
    QVERIFY(!(*reopened)->project().layer(dem));
    QVERIFY((*reopened)->project().layer(firstLayerOf(s.project(), LayerKind::Events)));
}

void TstSessionLayers::verticalScaleIsStoredAndApplied()
{
    QTemporaryDir dir;
    const QString path = copyOfDemo(m_demoDir.path(), m_demo, dir);
    QVERIFY(!path.isEmpty());
    auto opened = ProjectSession::open(path);
    QVERIFY(opened);
    ProjectSession& s = **opened;
    QVERIFY(s.loadAllBlocking());
    const data::LayerId dem = firstLayerOf(s.project(), LayerKind::Elevation);
    const data::LayerId imagery = firstLayerOf(s.project(), LayerKind::Imagery);
    QCOMPARE(s.terrainEngine()->verticalScale(), 1.0);
    s.setLayerVerticalScale(dem, 1.0); // the default: no edit
    QVERIFY(!s.isModified());
    QSignalSpy changed(&s, &ProjectSession::layerChanged);
    s.setLayerVerticalScale(dem, 3.0);
    QCOMPARE(changed.count(), 1);
    QVERIFY(s.isModified());
    QCOMPARE(s.terrainEngine()->verticalScale(), 3.0);
    QCOMPARE(ProjectSession::layerVerticalScale(*s.project().layer(dem)), 3.0);
    s.setLayerVerticalScale(dem, 50.0); // clamped
    QCOMPARE(s.project().layer(dem)->style.value(QStringLiteral("verticalScale")).toDouble(), 10.0);
    s.setLayerVerticalScale(imagery, 2.0); // not an elevation layer: ignored
    QVERIFY(!s.project().layer(imagery)->style.contains(QStringLiteral("verticalScale")));
    QCOMPARE(changed.count(), 2);
    QVERIFY(s.save());
    auto reopened = ProjectSession::open(path);
    QVERIFY(reopened);
    QVERIFY((*reopened)->loadAllBlocking());
    QCOMPARE((*reopened)->terrainEngine()->verticalScale(), 10.0);
}

QTEST_GUILESS_MAIN(TstSessionLayers)
#include "tst_sessionlayers.moc"
