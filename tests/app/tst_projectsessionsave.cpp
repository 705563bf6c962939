// ProjectSession's edits and files on the small demo city: edits mark it modified and persist,
// an unchanged value is no edit, a read-only session refuses to save, Save As copies everything
// (and replaces an existing file), and a new project is created empty.
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

class TstProjectSessionSave : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void editsMarkModifiedAndPersist();
    void unchangedValueIsNoEdit();
    void readOnlySessionRefusesSave();
    void saveAsCopiesEverything();
    void saveAsReplacesExistingFile();
    void createNewProject();

private:
    QTemporaryDir m_demoDir;
    QString m_demo;
};

void TstProjectSessionSave::initTestCase()
{
    QVERIFY(m_demoDir.isValid());
    auto demo = test::makeSmallDemo(m_demoDir.path());
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_demo = *demo;
}

void TstProjectSessionSave::editsMarkModifiedAndPersist()
{
    QTemporaryDir dir;
    const QString path = copyOfDemo(m_demoDir.path(), m_demo, dir);
    QVERIFY(!path.isEmpty());
    data::LayerId buildings, imagery;
    const data::SavedView view{
        QStringLiteral("harbour"), {120.0, -340.0, 5.0}, 30.0, -20.0, 450.0, data::kNoTime};
    {
        auto opened = ProjectSession::open(path);
        QVERIFY(opened);
        ProjectSession& s = **opened;
        QVERIFY(s.loadAllBlocking());
        buildings = test::firstLayerOf(s.project(), LayerKind::Buildings);
        imagery = test::firstLayerOf(s.project(), LayerKind::Imagery);
        QVERIFY(s.project().layer(buildings)->visible);
        QVERIFY(!s.isModified());

        QSignalSpy modified(&s, &ProjectSession::modifiedChanged);
        QSignalSpy changed(&s, &ProjectSession::layerChanged);
        QSignalSpy views(&s, &ProjectSession::viewsChanged);
        s.setLayerVisible(buildings, false);
        QVERIFY(s.isModified());
        QCOMPARE(modified.count(), 1);
        QCOMPARE(modified.first().first().toBool(), true);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().value<data::LayerId>(), buildings);
        QVERIFY(!s.scene().isLayerVisible(buildings));

        s.setLayerOpacity(imagery, 0.4);
        s.setLayerOpacity(buildings, 1.7); // clamped
        QCOMPARE(s.project().layer(imagery)->opacity, 0.4);
        QCOMPARE(s.project().layer(buildings)->opacity, 1.0);
        s.setView(view);
        QCOMPARE(views.count(), 1);
        QCOMPARE(modified.count(), 1); // already modified: no second signal

        QVERIFY(s.save());
        QVERIFY(!s.isModified());
        QCOMPARE(modified.count(), 2);
    }
    auto reopened = ProjectSession::open(path);
    QVERIFY(reopened);
    const data::Project& p = (*reopened)->project();
    QCOMPARE(p.layer(buildings)->visible, false);
    QCOMPARE(p.layer(imagery)->opacity, 0.4);
    QVERIFY(p.view(view.name));
    QCOMPARE(*p.view(view.name), view);
    QVERIFY(!(*reopened)->isModified());
}

void TstProjectSessionSave::unchangedValueIsNoEdit()
{
    auto opened = ProjectSession::open(m_demo, ProjectSession::OpenMode::ReadOnly);
    QVERIFY(opened);
    ProjectSession& s = **opened;
    const data::LayerSettings& first = s.project().layers().front();
    QSignalSpy changed(&s, &ProjectSession::layerChanged);
    s.setLayerVisible(first.id, first.visible);
    s.setLayerOpacity(first.id, first.opacity);
    s.setLayerVisible(data::LayerId{9999}, false); // unknown id: ignored
    QVERIFY(!s.isModified());
    QCOMPARE(changed.count(), 0);
}

void TstProjectSessionSave::readOnlySessionRefusesSave()
{
    QByteArray before;
    {
        QFile f(m_demo);
        QVERIFY(f.open(QIODevice::ReadOnly));
        before = f.readAll();
    }
    auto opened = ProjectSession::open(m_demo, ProjectSession::OpenMode::ReadOnly);
    QVERIFY(opened);
    ProjectSession& s = **opened;
    s.setLayerVisible(s.project().layers().front().id, !s.project().layers().front().visible);
    const data::Status st = s.save();
    QVERIFY(!st);
    QVERIFY2(st.message().contains(QFileInfo(m_demo).fileName()), qPrintable(st.message()));
    QVERIFY(s.isModified());
    opened.value().reset();
    QFile f(m_demo);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll() == before);
}

void TstProjectSessionSave::saveAsCopiesEverything()
{
    QTemporaryDir dir;
    const QString path = copyOfDemo(m_demoDir.path(), m_demo, dir);
    QVERIFY(!path.isEmpty());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("elsewhere/deeper")));
    const QString target = dir.filePath(QStringLiteral("elsewhere/deeper/copy.citytwin"));

    auto opened = ProjectSession::open(path);
    QVERIFY(opened);
    ProjectSession& s = **opened;
    const data::Project original = s.project();
    const auto originalCounts = s.store().counts();
    QVERIFY(originalCounts);
    const data::LayerId imagery = test::firstLayerOf(original, LayerKind::Imagery);
    s.setLayerOpacity(imagery, 0.25);

    const data::Status st = s.saveAs(target);
    QVERIFY2(st, qPrintable(st.message()));
    QCOMPARE(s.path(), target);
    QVERIFY(!s.isModified());
    QCOMPARE(s.project().layer(imagery)->opacity, 0.25);

    // Same overlays, same views, and every relative source still points at the same file.
    const auto counts = s.store().counts();
    QVERIFY(counts);
    QCOMPARE(counts->people, originalCounts->people);
    QCOMPARE(counts->trackPoints, originalCounts->trackPoints);
    QCOMPARE(counts->events, originalCounts->events);
    QCOMPARE(counts->assets, originalCounts->assets);
    QCOMPARE(counts->sensorReadings, originalCounts->sensorReadings);
    QCOMPARE(s.project().views().size(), original.views().size());
    for (const data::LayerSettings& l : original.layers()) {
        const data::LayerSettings* copy = s.project().layer(l.id);
        QVERIFY(copy);
        QCOMPARE(app::loader::resolveSource(copy->sourceUri, target),
                 app::loader::resolveSource(l.sourceUri, path));
    }
    QVERIFY(s.loadAllBlocking());
    for (LayerKind kind : kDrawnKinds)
        QVERIFY2(s.layerState(test::firstLayerOf(s.project(), kind)) == State::Ready,
                 qPrintable(describe(s)));

    // The original file did not get the edit.
    opened.value().reset();
    auto old = ProjectSession::open(path);
    QVERIFY(old);
    QCOMPARE((*old)->project().layer(imagery)->opacity, original.layer(imagery)->opacity);
}

void TstProjectSessionSave::saveAsReplacesExistingFile()
{
    QTemporaryDir dir;
    const QString path = copyOfDemo(m_demoDir.path(), m_demo, dir);
    QVERIFY(!path.isEmpty());
    const QString target = dir.filePath(QStringLiteral("existing.citytwin"));
    {
        QFile junk(target);
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a project");
    }
    auto opened = ProjectSession::open(path);
    QVERIFY(opened);
    const data::Status st = (*opened)->saveAs(target);
    QVERIFY2(st, qPrintable(st.message()));
    opened.value().reset();
    auto reopened = ProjectSession::open(target);
    QVERIFY2(reopened, qPrintable(reopened.status().message()));
    QCOMPARE((*reopened)->project().layers().size(),
             (*ProjectSession::open(path))->project().layers().size());
    QVERIFY(!QFileInfo::exists(target + QStringLiteral(".saving")));
}

void TstProjectSessionSave::createNewProject()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto demo = ProjectSession::open(m_demo, ProjectSession::OpenMode::ReadOnly);
    QVERIFY(demo);
    const data::LayerSettings* dem =
        (*demo)->project().layer(test::firstLayerOf((*demo)->project(), LayerKind::Elevation));
    QVERIFY(dem);

    data::Project project;
    project.name = QStringLiteral("terrain only");
    project.origin = (*demo)->project().origin;
    project.timeExtent = (*demo)->project().timeExtent;
    data::LayerSettings layer;
    layer.name = QStringLiteral("DEM");
    layer.kind = LayerKind::Elevation;
    layer.group = data::LayerGroup::Basemap;
    layer.sourceUri = app::loader::resolveSource(dem->sourceUri, m_demo); // absolute: another folder
    project.addLayer(layer);

    const QString path = dir.filePath(QStringLiteral("new.citytwin"));
    auto created = ProjectSession::create(path, project);
    QVERIFY2(created, qPrintable(created.status().message()));
    ProjectSession& s = **created;
    QCOMPARE(s.project().layers().size(), size_t(1));
    const data::LayerId id = s.project().layers().front().id;
    QVERIFY(id.isValid());
    QVERIFY(s.loadAllBlocking());
    QCOMPARE(s.layerState(id), State::Ready);
    QVERIFY(s.terrainEngine());
    QVERIFY(s.scene().terrain());

    QVERIFY(!ProjectSession::create(path, project)); // never overwrites
}

QTEST_GUILESS_MAIN(TstProjectSessionSave)
#include "tst_projectsessionsave.moc"
