// ProjectStore round trips: project metadata, overlays, queries, sensors, copies, bulk speed.
#include "ProjectStoreFixtures.h"
#include "data/ProjectStore.h"
#include "data/ProjectStoreSchema.h"

#include <QElapsedTimer>
#include <QTest>

using namespace citytwin::data;
using namespace citytwin::test;

Q_DECLARE_METATYPE(citytwin::data::Status::Code)

class TstProjectStore : public QObject
{
    Q_OBJECT

private:
    ProjectFiles m_files;

private slots:
    void initTestCase() { QVERIFY(m_files.isValid()); }

    void createAndReopenRoundTrip()
    {
        const QString path = m_files.freshPath();
        const Project project = sampleProject();
        {
            auto store = ProjectStore::create(path, project);
            QVERIFY2(store.isOk(), qPrintable(store.status().message()));
            QCOMPARE((*store)->schemaVersion(), ProjectStore::kSchemaVersion);
            auto loaded = (*store)->loadProject();
            QVERIFY(loaded.isOk());
            QVERIFY(*loaded == project);
        }
        QCOMPARE(rawInt(path, "PRAGMA application_id"), std::int64_t(schema::kApplicationId));
        QCOMPARE(rawInt(path, "PRAGMA user_version"), std::int64_t(ProjectStore::kSchemaVersion));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(int(f.read(20).at(18)), 2); // file format read version 2 = WAL

        for (auto mode : {ProjectStore::Mode::ReadWrite, ProjectStore::Mode::ReadOnly}) {
            auto store = ProjectStore::open(path, mode);
            QVERIFY2(store.isOk(), qPrintable(store.status().message()));
            QCOMPARE((*store)->mode(), mode);
            auto loaded = (*store)->loadProject();
            QVERIFY2(loaded.isOk(), qPrintable(loaded.status().message()));
            QCOMPARE(loaded->name, project.name);
            QCOMPARE(loaded->origin, project.origin);
            QCOMPARE(loaded->timeExtent, project.timeExtent);
            QCOMPARE(loaded->initialTime, project.initialTime);
            QCOMPARE(loaded->layers().size(), project.layers().size());
            for (size_t i = 0; i < project.layers().size(); ++i)
                QVERIFY2(loaded->layers()[i] == project.layers()[i], qPrintable(project.layers()[i].name));
            QCOMPARE(loaded->views().size(), size_t(2));
            QVERIFY(*loaded == project);
        }
    }

    void oddFileNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("spaces") << QStringLiteral("my project.citytwin");
        QTest::newRow("chinese") << QStringLiteral("平湖 数字孪生.citytwin");
        QTest::newRow("uri characters") << QStringLiteral("a#b?c%20&d=e.citytwin");
    }
    void oddFileNames()
    {
        // The read-only check opens files through a file: URI; names must survive that encoding.
        QFETCH(QString, name);
        const QString path = m_files.dir().filePath(name);
        {
            auto store = ProjectStore::create(path, sampleProject());
            QVERIFY2(store.isOk(), qPrintable(store.status().message()));
        }
        auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
        QVERIFY2(store.isOk(), qPrintable(store.status().message()));
        QCOMPARE((*store)->loadProject()->name, sampleProject().name);
    }

    void saveProjectReplaces()
    {
        const QString path = m_files.makeProjectFile();
        Project changed = sampleProject();
        changed.name = QStringLiteral("Renamed");
        changed.removeLayer(changed.layers().front().id);
        changed.removeView(QStringLiteral("Overview"));
        changed.initialTime = kNoTime;
        {
            auto store = ProjectStore::open(path);
            QVERIFY(store.isOk());
            QVERIFY((*store)->saveProject(changed).isOk());
        }
        auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
        QVERIFY(store.isOk());
        auto loaded = (*store)->loadProject();
        QVERIFY(loaded.isOk());
        QVERIFY(*loaded == changed);
    }

    void overlaysRoundTrip()
    {
        const QString path = m_files.makeProjectFile();
        const std::vector<Person> people{
            {1, QStringLiteral("张伟"), PersonRole::Enforcement, QStringLiteral("城管一队")},
            {2, QStringLiteral("Li Na"), PersonRole::Sanitation, {}}};
        // Given out of order: reads come back by person, then time.
        const std::vector<TrackPoint> track{{2, kT0 + 2000, {10, 20, 0}},
                                            {1, kT0 + 1000, {1, 2, 3}},
                                            {2, kT0 + 1000, {11, 21, 1}},
                                            {1, kT0, {0.5, 0.25, 0.125}}};
        std::vector<Event> events = sampleEvents(50);
        const std::vector<Asset> assets{{5,
                                         AssetType::Sensor,
                                         QStringLiteral("WL-01"),
                                         QStringLiteral("water_level"),
                                         {1, 2, 3},
                                         QStringLiteral(R"({"unit":"m"})")},
                                        {6, AssetType::Cctv, QStringLiteral("Cam"), {}, {4, 5, 6}, {}}};
        {
            auto store = ProjectStore::open(path);
            QVERIFY(store.isOk());
            QVERIFY((*store)->writePeople(people).isOk());
            QVERIFY((*store)->writeTrackPoints(track).isOk());
            QVERIFY((*store)->writeEvents(events).isOk());
            QVERIFY((*store)->writeAssets(assets).isOk());
            // Same ids again replace, never duplicate.
            events[0].description = QStringLiteral("updated");
            QVERIFY((*store)->writeEvents({events[0]}).isOk());
        }
        auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
        QVERIFY(store.isOk());
        const ProjectStore& s = **store;

        auto readPeople = s.people();
        QVERIFY(readPeople.isOk());
        QCOMPARE(readPeople->size(), size_t(2));
        QCOMPARE(readPeople->at(0).name, people[0].name);
        QCOMPARE(readPeople->at(0).team, people[0].team);
        QCOMPARE(toString(readPeople->at(1).role), toString(PersonRole::Sanitation));

        auto readTrack = s.trackPoints();
        QVERIFY(readTrack.isOk());
        QCOMPARE(readTrack->size(), size_t(4));
        const std::pair<std::int64_t, TimeMs> expectedOrder[] = {
            {1, kT0}, {1, kT0 + 1000}, {2, kT0 + 1000}, {2, kT0 + 2000}};
        for (size_t i = 0; i < 4; ++i) {
            QCOMPARE(readTrack->at(i).personId, expectedOrder[i].first);
            QCOMPARE(readTrack->at(i).time, expectedOrder[i].second);
        }
        QCOMPARE(readTrack->front().position, (ProjectedPoint{0.5, 0.25, 0.125}));

        auto readEvents = s.events();
        QVERIFY(readEvents.isOk());
        QCOMPARE(readEvents->size(), events.size());
        QVERIFY(std::is_sorted(readEvents->begin(), readEvents->end(),
                               [](const Event& a, const Event& b) { return a.reported < b.reported; }));
        for (const Event& e : *readEvents) {
            const Event& in = events[size_t(e.id - 1)];
            QCOMPARE(e.category, in.category);
            QCOMPARE(e.severity, in.severity);
            QCOMPARE(e.description, in.description);
            QCOMPARE(e.source, in.source);
            QCOMPARE(e.position, in.position);
            QCOMPARE(e.reported, in.reported);
            QCOMPARE(e.dispatched, in.dispatched);
            QCOMPARE(e.onSite, in.onSite);
            QCOMPARE(e.resolved, in.resolved);
            QCOMPARE(e.closed, in.closed);
            QCOMPARE(e.assignedStaff, in.assignedStaff);
        }

        auto readAssets = s.assets();
        QVERIFY(readAssets.isOk());
        QCOMPARE(readAssets->size(), size_t(2));
        QCOMPARE(readAssets->at(0).attributesJson, assets[0].attributesJson);
        QCOMPARE(readAssets->at(0).subtype, assets[0].subtype);
        QCOMPARE(toString(readAssets->at(1).type), toString(AssetType::Cctv));

        auto counts = s.counts();
        QVERIFY(counts.isOk());
        QCOMPARE(counts->people, 2);
        QCOMPARE(counts->trackPoints, 4);
        QCOMPARE(counts->events, 50);
        QCOMPARE(counts->assets, 2);
    }

    void eventsInRange_data()
    {
        QTest::addColumn<TimeRange>("range");
        QTest::newRow("empty") << TimeRange{kT0 + kHourMs, kT0 + kHourMs};
        QTest::newRow("first hour") << TimeRange{kT0, kT0 + kHourMs};
        QTest::newRow("one ms") << TimeRange{kT0 + 5 * kHourMs, kT0 + 5 * kHourMs + 1};
        QTest::newRow("evening") << TimeRange{kT0 + 18 * kHourMs, kT0 + 20 * kHourMs};
        QTest::newRow("after the day") << TimeRange{kT0 + 2 * kDayMs, kT0 + 3 * kDayMs};
        QTest::newRow("everything") << TimeRange::unbounded();
    }
    void eventsInRange()
    {
        QFETCH(TimeRange, range);
        std::vector<Event> events = sampleEvents(300);
        events[1].reported = kNoTime;          // never on the map
        events[2].closed = events[2].reported; // empty lifetime
        const QString path = m_files.freshPath();
        auto store = ProjectStore::create(path, sampleProject());
        QVERIFY(store.isOk());
        QVERIFY((*store)->writeEvents(events).isOk());

        std::vector<std::int64_t> expected;
        for (const Event& e : events) {
            const TimeRange life = e.lifetime();
            if (!range.isEmpty() && !life.isEmpty() && life.intersects(range))
                expected.push_back(e.id);
        }
        auto found = (*store)->eventsIn(range);
        QVERIFY2(found.isOk(), qPrintable(found.status().message()));
        std::vector<std::int64_t> ids;
        for (const Event& e : *found)
            ids.push_back(e.id);
        std::sort(ids.begin(), ids.end());
        QCOMPARE(ids, expected);
    }

    void eventsInExtentUsesRtree()
    {
        const std::vector<Event> events = sampleEvents(400);
        const QString path = m_files.freshPath();
        auto store = ProjectStore::create(path, sampleProject());
        QVERIFY(store.isOk());
        QVERIFY((*store)->writeEvents(events).isOk());
        const Extent2D box{595200.0, 3397500.0, 595600.0, 3398200.0};
        std::vector<std::int64_t> expected;
        for (const Event& e : events) {
            if (box.contains(e.position.x, e.position.y))
                expected.push_back(e.id);
        }
        QVERIFY(!expected.empty());
        QVERIFY(expected.size() < events.size());
        auto found = (*store)->eventsInExtent(box);
        QVERIFY2(found.isOk(), qPrintable(found.status().message()));
        std::vector<std::int64_t> ids;
        for (const Event& e : *found)
            ids.push_back(e.id);
        std::sort(ids.begin(), ids.end());
        QCOMPARE(ids, expected);
    }

    void overlayTimeExtent()
    {
        const QString path = m_files.freshPath();
        auto store = ProjectStore::create(path, sampleProject());
        QVERIFY(store.isOk());
        auto empty = (*store)->overlayTimeExtent();
        QVERIFY(empty.isOk());
        QVERIFY(empty->isEmpty());

        Event open;
        open.id = 1;
        open.reported = kT0 + 5000; // never closed: its report is the last known instant
        Event closed;
        closed.id = 2;
        closed.reported = kT0 + 1000;
        closed.closed = kT0 + 4000;
        QVERIFY((*store)->writeEvents({open, closed}).isOk());
        QVERIFY((*store)->writeTrackPoints({{1, kT0 - 500, {}}, {1, kT0 + 3000, {}}}).isOk());
        auto extent = (*store)->overlayTimeExtent();
        QVERIFY(extent.isOk());
        QCOMPARE(*extent, (TimeRange{kT0 - 500, kT0 + 5001}));
    }

    void sensorsAndThresholds()
    {
        const QString path = m_files.makeProjectFile();
        auto store = ProjectStore::open(path);
        QVERIFY(store.isOk());
        const std::vector<SensorReading> readings{
            {5, kT0, 1.25}, {5, kT0 + 60000, 1.5}, {6, kT0, 0.0}, {5, kT0 + 120000, 2.75}};
        QVERIFY((*store)->writeSensorReadings(readings).isOk());
        auto r = (*store)->sensorReadings(5, {kT0, kT0 + 120000});
        QVERIFY(r.isOk());
        QCOMPARE(*r, (std::vector<SensorReading>{readings[0], readings[1]}));
        QCOMPARE((*store)->sensorReadings(5)->size(), size_t(3));
        QCOMPARE((*store)->counts()->sensorReadings, 4);

        Threshold perAsset;
        perAsset.id = 1;
        perAsset.assetId = 5;
        perAsset.max = 2.5;
        Threshold perSubtype;
        perSubtype.subtype = QStringLiteral("gas");
        perSubtype.min = 0.0;
        perSubtype.max = 50.0;
        QVERIFY((*store)->writeThresholds({perAsset, perSubtype}).isOk());
        Threshold invalid;
        QCOMPARE((*store)->writeThresholds({invalid}).code(), Status::Code::InvalidArgument);
        auto t = (*store)->thresholds();
        QVERIFY(t.isOk());
        QCOMPARE(t->size(), size_t(2));
        QCOMPARE(t->at(0), perAsset);
        QVERIFY(t->at(1).id > 1); // a fresh id was given
        perSubtype.id = t->at(1).id;
        QCOMPARE(t->at(1), perSubtype);
    }

    void copyToKeepsEverything()
    {
        const QString path = m_files.makeProjectFile(25);
        const QString copy = m_files.freshPath();
        {
            auto store = ProjectStore::open(path);
            QVERIFY(store.isOk());
            QVERIFY((*store)->writeSensorReadings({{5, kT0, 1.0}, {5, kT0 + 1, 2.0}}).isOk());
        }
        const QByteArray before = fileHash(path);
        {
            auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
            QVERIFY(store.isOk());
            const Status s = (*store)->copyTo(copy);
            QVERIFY2(s.isOk(), qPrintable(s.message()));
            QCOMPARE((*store)->copyTo(copy).code(), Status::Code::InvalidArgument); // never overwrites
        }
        QCOMPARE(fileHash(path), before);
        auto copied = ProjectStore::open(copy);
        QVERIFY2(copied.isOk(), qPrintable(copied.status().message()));
        QVERIFY(*(*copied)->loadProject() == sampleProject());
        QCOMPARE((*copied)->counts()->events, 25);
        QCOMPARE((*copied)->sensorReadings(5)->size(), size_t(2));
        QCOMPARE((*copied)->eventsInExtent({0, 0, 1e7, 1e7})->size(), size_t(25));
    }

    void bulkWriteAndReadAreFast()
    {
        // The demo writes ~100k events; opening a project must then read them in well under a second.
        const QString path = m_files.freshPath();
        auto store = ProjectStore::create(path, sampleProject());
        QVERIFY(store.isOk());
        const std::vector<Event> events = sampleEvents(100000);
        QElapsedTimer timer;
        timer.start();
        QVERIFY((*store)->writeEvents(events).isOk());
        const qint64 writeMs = timer.restart();
        auto read = (*store)->events();
        const qint64 readMs = timer.elapsed();
        QVERIFY(read.isOk());
        QCOMPARE(read->size(), events.size());
        qInfo("100k events: write %lld ms, read %lld ms", writeMs, readMs);
        // Generous bounds for a shared, loaded CI box; the target (< 0.5 s read) is met by a wide margin.
        QVERIFY2(readMs < 1500, qPrintable(QStringLiteral("read took %1 ms").arg(readMs)));
        QVERIFY2(writeMs < 10000, qPrintable(QStringLiteral("write took %1 ms").arg(writeMs)));
    }
};

QTEST_GUILESS_MAIN(TstProjectStore)
#include "tst_projectstore.moc"
