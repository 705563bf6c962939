// OverlayWriter and the live-mode reads of ProjectStore: one-transaction streaming imports, revisions and
// deltas between two connections, schema 2 -> 3 migration, and the import rate (the event histogram:
// tst_eventhistogram).
#include "ProjectStoreFixtures.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace citytwin::data;
using namespace citytwin::test;

namespace {

std::vector<TrackPoint> points(std::int64_t person, int n, TimeMs t0, double x0 = 0)
{
    std::vector<TrackPoint> out;
    for (int i = 0; i < n; ++i)
        out.push_back({person, t0 + i * 10'000LL, {x0 + i, 2.0 * i, 1.0}});
    return out;
}

std::vector<std::int64_t> eventIds(const std::vector<Event>& events)
{
    std::vector<std::int64_t> ids;
    for (const Event& e : events)
        ids.push_back(e.id);
    return ids;
}

//! A genuine schema-2 file (v1 + the v2 migration, as citytwin 2 wrote it) with rows in the overlay tables.
QString makeVersion2File(ProjectFiles& files)
{
    const QString path = files.freshPath();
    sqlite3* db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        qFatal("sqlite3_open failed");
    if (!schema::createVersion1(db, path).isOk())
        qFatal("createVersion1 failed");
    const QByteArray v2 = QByteArray(schema::migrations().front().sql) + "PRAGMA user_version = 2;";
    if (schema::migrations().front().toVersion != 2)
        qFatal("the first migration is not the one to version 2");
    const char* rows = R"sql(
        PRAGMA journal_mode = WAL;
        INSERT INTO people VALUES(3, 'Li Wei', 'inspector', 'Team A');
        INSERT INTO track_points VALUES(3, 1767225600000, 1, 2, 0), (3, 1767225610000, 2, 3, 0),
                                       (4, 1767225590000, 5, 5, 0);
        INSERT INTO events(id, category, severity, x, y, z, reported, closed, staff)
            VALUES(11, 'flood', 4, 595100, 3398100, 2, 1767225600000, 1767229200000, '[3]');
        INSERT INTO assets(id, type, name, subtype, x, y, z) VALUES(5, 'sensor', 'WL-5', 'water_level', 1, 2, 3);
        INSERT INTO sensor_readings VALUES(5, 1767225600000, 1.5);
    )sql";
    if (sqlite3_exec(db, v2.constData(), nullptr, nullptr, nullptr) != SQLITE_OK ||
        sqlite3_exec(db, rows, nullptr, nullptr, nullptr) != SQLITE_OK)
        qFatal("v2 file: %s", sqlite3_errmsg(db));
    sqlite3_close(db);
    return path;
}

} // namespace

class TstOverlayWriter : public QObject
{
    Q_OBJECT

private:
    ProjectFiles m_files;

private slots:
    void initTestCase() { QVERIFY(m_files.isValid()); }

    void chunksBecomeVisibleAtCommit()
    {
        const QString path = m_files.makeProjectFile(5);
        auto writerStore = openStore(path);
        auto reader = openStore(path, ProjectStore::Mode::ReadOnly); // another connection, as live mode has
        const std::int64_t rev0 = *reader->overlayRevision();

        auto writer = writerStore->beginOverlayImport();
        QVERIFY2(writer.isOk(), qPrintable(writer.status().message()));
        QCOMPARE((*writer)->revision(), rev0 + 1);
        QVERIFY((*writer)->addPeople({{1, QStringLiteral("A"), PersonRole::Inspector, {}}}).isOk());
        for (int chunk = 0; chunk < 4; ++chunk) {
            QVERIFY((*writer)->addTrackPoints(points(1, 500, kT0 + chunk * 500 * 10'000LL)).isOk());
            QVERIFY((*writer)->addEvents(sampleEvents(100, 1000 + chunk * 100)).isOk());
            // The other connection sees the state before the import, however much was added.
            QCOMPARE(reader->counts()->trackPoints, 0);
            QCOMPARE(reader->counts()->events, 5);
            QCOMPARE(*reader->overlayRevision(), rev0);
        }
        QCOMPARE((*writer)->rowsAdded(), 1 + 4 * 600);
        QVERIFY(!(*writer)->isCommitted());
        QVERIFY2((*writer)->commit().isOk(), "commit");
        QVERIFY((*writer)->isCommitted());
        QCOMPARE(reader->counts()->trackPoints, 2000);
        QCOMPARE(reader->counts()->events, 405);
        QCOMPARE(reader->counts()->people, 1);
        QCOMPARE(*reader->overlayRevision(), rev0 + 1);
        // A committed writer takes nothing more.
        QCOMPARE((*writer)->addEvents(sampleEvents(1, 9999)).code(), Status::Code::InvalidArgument);
        QCOMPARE(reader->counts()->events, 405);
    }

    void destroyingTheWriterRollsBack()
    {
        const QString path = m_files.makeProjectFile(5);
        auto store = openStore(path);
        const std::int64_t rev0 = *store->overlayRevision();
        {
            auto writer = store->beginOverlayImport();
            QVERIFY(writer.isOk());
            QVERIFY((*writer)->addEvents(sampleEvents(200, 100)).isOk());
            QVERIFY((*writer)->addTrackPoints(points(7, 300, kT0)).isOk());
        }
        QCOMPARE(store->counts()->events, 5);
        QCOMPARE(store->counts()->trackPoints, 0);
        QCOMPARE(*store->overlayRevision(), rev0);
        // The store is usable again, and the revision the rolled-back import had is reused.
        QVERIFY(store->writeEvents(sampleEvents(2, 100)).isOk());
        QCOMPARE(store->counts()->events, 7);
        QCOMPARE(*store->overlayRevision(), rev0 + 1);
    }

    void clearIsPartOfTheTransaction()
    {
        const QString path = m_files.makeProjectFile(5);
        auto store = openStore(path);
        QVERIFY(store->writeTrackPoints(points(1, 10, kT0)).isOk());
        {
            auto writer = store->beginOverlayImport();
            QVERIFY((*writer)->clear(OverlayKind::Events).isOk());
            QVERIFY((*writer)->clear(OverlayKind::Tracks).isOk());
            QVERIFY((*writer)->addEvents(sampleEvents(2, 500)).isOk());
        }
        QCOMPARE(store->counts()->events, 5);
        QCOMPARE(store->counts()->trackPoints, 10);
        QCOMPARE(*store->overlayClearedRevision(), 0);

        auto writer = store->beginOverlayImport();
        QVERIFY((*writer)->clear(OverlayKind::Events).isOk());
        QVERIFY((*writer)->addEvents(sampleEvents(2, 500)).isOk());
        QVERIFY((*writer)->commit().isOk());
        QCOMPARE(eventIds(*store->events()), (std::vector<std::int64_t>{500, 501}));
        QCOMPARE(store->counts()->trackPoints, 10); // other kinds untouched
        QCOMPARE(*store->overlayClearedRevision(), (*writer)->revision());
        QCOMPARE(store->eventsInExtent({0, 0, 1e7, 1e7})->size(), size_t(2)); // R*Tree cleared too

        // Clearing the tracks also drops their time extent.
        auto tracks = store->beginOverlayImport();
        QVERIFY((*tracks)->clear(OverlayKind::Tracks).isOk());
        QVERIFY((*tracks)->addTrackPoints(points(2, 3, kT0 + kDayMs)).isOk());
        QVERIFY((*tracks)->commit().isOk());
        const TimeRange extent = *store->overlayTimeExtent();
        QCOMPARE(store->counts()->trackPoints, 3);
        QCOMPARE(extent.end, kT0 + kDayMs + 20'000 + 1);
    }

    void appendReplacesSameKey()
    {
        const QString path = m_files.makeProjectFile();
        auto store = openStore(path);
        QVERIFY(store->writeEvents(sampleEvents(3, 1)).isOk());
        QVERIFY(store->writeTrackPoints(points(1, 3, kT0)).isOk());
        QVERIFY(store->writePeople({{1, QStringLiteral("old"), PersonRole::Enforcement, {}}}).isOk());
        QVERIFY(store->writeAssets({{9, AssetType::Cctv, QStringLiteral("old"), {}, {1, 2, 3}, {}}}).isOk());
        QVERIFY(store->writeSensorReadings({{9, kT0, 1.0}}).isOk());

        auto writer = store->beginOverlayImport();
        Event changed = sampleEvents(1, 2).front();
        changed.category = QStringLiteral("fire");
        changed.position = {1.0, 1.0, 0.0};
        QVERIFY((*writer)->addEvents({changed}).isOk());
        QVERIFY((*writer)->addTrackPoints({{1, kT0 + 10'000, {42, 43, 44}}}).isOk());
        QVERIFY((*writer)->addPeople({{1, QStringLiteral("new"), PersonRole::Inspector, {}}}).isOk());
        QVERIFY((*writer)->addAssets({{9, AssetType::Sensor, QStringLiteral("new"), {}, {1, 2, 3}, {}}}).isOk());
        QVERIFY((*writer)->addSensorReadings({{9, kT0, 2.0}}).isOk());
        QVERIFY((*writer)->commit().isOk());

        const auto c = *store->counts();
        QCOMPARE(c.events, 3);
        QCOMPARE(c.trackPoints, 3);
        QCOMPARE(c.people, 1);
        QCOMPARE(c.assets, 1);
        QCOMPARE(c.sensorReadings, 1);
        const auto events = *store->events();
        const auto it = std::find_if(events.begin(), events.end(), [](const Event& e) { return e.id == 2; });
        QCOMPARE(it->category, QStringLiteral("fire"));
        QCOMPARE(store->eventsInExtent({0, 0, 2, 2})->size(), size_t(1)); // the R*Tree moved with it
        QCOMPARE(store->trackPoints()->at(1).position.x, 42.0);
        QCOMPARE(store->people()->front().name, QStringLiteral("new"));
        QVERIFY(store->assets()->front().type == AssetType::Sensor);
        QCOMPARE(store->sensorReadings(9)->front().value, 2.0);
    }

    void unsortedChunksKeepLastDuplicate()
    {
        // The writer sorts chunks by key for speed; the last of two equal keys must still win.
        const QString path = m_files.makeProjectFile();
        auto store = openStore(path);
        const std::vector<TrackPoint> chunk{{2, kT0 + 5, {1, 0, 0}}, {1, kT0, {2, 0, 0}}, {2, kT0 + 5, {3, 0, 0}},
                                            {1, kT0 - 5, {4, 0, 0}}};
        QVERIFY(store->writeTrackPoints(chunk).isOk());
        const auto read = *store->trackPoints();
        QCOMPARE(read.size(), size_t(3));
        QCOMPARE(read[0].position.x, 4.0);
        QCOMPARE(read[1].position.x, 2.0);
        QCOMPARE(read[2].position.x, 3.0);
        QCOMPARE(*store->overlayTimeExtent(), (TimeRange{kT0 - 5, kT0 + 6}));
    }

    void revisionsAndChangesSince()
    {
        const QString path = m_files.makeProjectFile();
        auto writerStore = openStore(path);
        auto reader = openStore(path, ProjectStore::Mode::ReadOnly);
        QVERIFY(writerStore->writeEvents(sampleEvents(10, 1)).isOk());
        QVERIFY(writerStore->writeTrackPoints(points(1, 5, kT0)).isOk());
        const std::int64_t loaded = *reader->overlayRevision();
        QCOMPARE(loaded, 2);
        QVERIFY(reader->overlayChangesSince(loaded)->isEmpty());

        auto writer = writerStore->beginOverlayImport();
        Event replaced = sampleEvents(1, 3).front();
        replaced.severity = 4;
        std::vector<Event> added = sampleEvents(2, 11);
        added.push_back(replaced);
        QVERIFY((*writer)->addEvents(added).isOk());
        QVERIFY((*writer)->addTrackPoints(points(1, 2, kT0 + kHourMs)).isOk()); // appended to person 1
        QVERIFY((*writer)->addTrackPoints(points(2, 2, kT0)).isOk());
        QVERIFY((*writer)->addSensorReadings({{9, kT0, 1.0}, {8, kT0, 2.0}}).isOk());
        QVERIFY((*writer)->addAssets({{8, AssetType::Sensor, {}, {}, {0, 0, 0}, {}}}).isOk());
        QVERIFY((*writer)->commit().isOk());
        QCOMPARE(*reader->overlayRevision(), 3);

        const auto delta = reader->overlayChangesSince(loaded);
        QVERIFY2(delta.isOk(), qPrintable(delta.status().message()));
        QCOMPARE(delta->fromRevision, loaded);
        QCOMPARE(delta->toRevision, 3);
        // Same order as events(): by reported time, then id.
        std::vector<Event> expected = added;
        std::sort(expected.begin(), expected.end(),
                  [](const Event& a, const Event& b) { return std::pair(a.reported, a.id) < std::pair(b.reported, b.id); });
        QCOMPARE(eventIds(delta->events), eventIds(expected));
        QCOMPARE(delta->events.front().id, 3);
        QCOMPARE(delta->events.front().severity, 4); // the replaced event comes with its new values
        QCOMPARE(delta->trackPoints.size(), size_t(4)); // the 5 older points of person 1 are not in it
        QCOMPARE(delta->trackPoints[0].personId, 1);
        QCOMPARE(delta->trackPoints[0].time, kT0 + kHourMs);
        QCOMPARE(delta->trackPoints[2].personId, 2);
        QCOMPARE(delta->sensorReadings.size(), size_t(2));
        QCOMPARE(delta->sensorReadings[0].assetId, 8);
        QCOMPARE(delta->assets.size(), size_t(1));
        QVERIFY(delta->people.empty());
        QVERIFY(reader->overlayChangesSince(3)->isEmpty());

        // Overlapping imports of the same person: a delta spanning both has every row once.
        QVERIFY(writerStore->writeTrackPoints(points(2, 4, kT0)).isOk());
        const auto both = reader->overlayChangesSince(loaded);
        QCOMPARE(both->toRevision, 4);
        QCOMPARE(both->trackPoints.size(), size_t(6)); // person 1: 2 new; person 2: 4 (2 rewritten + 2)
        for (size_t i = 1; i < both->trackPoints.size(); ++i) {
            const auto& a = both->trackPoints[i - 1];
            const auto& b = both->trackPoints[i];
            QVERIFY(std::pair(a.personId, a.time) < std::pair(b.personId, b.time));
        }
        QCOMPARE(reader->overlayChangesSince(0)->trackPoints.size(), size_t(11)); // 5 + 2 + 4
    }

    void migratesVersion2()
    {
        const QString path = makeVersion2File(m_files);
        const QByteArray before = fileHash(path);
        {
            auto store = openStore(path, ProjectStore::Mode::ReadOnly);
            QCOMPARE(store->schemaVersion(), 2);
            QCOMPARE(store->events()->size(), size_t(1));
            QCOMPARE(store->trackPoints()->size(), size_t(3));
            QCOMPARE(*store->overlayRevision(), 0);
            QCOMPARE(store->overlayChangesSince(0).status().code(), Status::Code::Unsupported);
            QCOMPARE(*store->overlayTimeExtent(), (TimeRange{1767225590000, 1767229200000 + 1}));
            QCOMPARE(store->beginOverlayImport().status().code(), Status::Code::InvalidArgument);
            QCOMPARE(store->eventHistogram({kT0, kT0 + kDayMs}, 4)->front(), 1);
        }
        QCOMPARE(fileHash(path), before);
        {
            auto store = openStore(path);
            QCOMPARE(store->schemaVersion(), 3);
            QCOMPARE(*store->overlayRevision(), 0);
            QCOMPARE(store->trackPoints()->size(), size_t(3));
            QCOMPARE(store->people()->front().name, QStringLiteral("Li Wei"));
            QCOMPARE(store->sensorReadings(5)->size(), size_t(1));
            // The track extent now comes from the migrated spans; it must not change.
            QCOMPARE(*store->overlayTimeExtent(), (TimeRange{1767225590000, 1767229200000 + 1}));
            QVERIFY(store->overlayChangesSince(0)->isEmpty()); // old rows are revision 0
            QVERIFY(store->writeTrackPoints(points(3, 1, kT0 + kHourMs)).isOk());
            const auto delta = *store->overlayChangesSince(0);
            QCOMPARE(delta.toRevision, 1);
            QCOMPARE(delta.trackPoints.size(), size_t(1));
            QVERIFY(delta.events.empty());
        }
        QCOMPARE(rawInt(path, "PRAGMA user_version"), std::int64_t(3));
        QCOMPARE(rawInt(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'track_points_t'"), 0);
        QCOMPARE(rawInt(path, "SELECT count(*) FROM track_points WHERE rev = 0"), 3);
        QCOMPARE(rawInt(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
    }

    void secondWriterFailsFast()
    {
        const QString path = m_files.makeProjectFile(3);
        auto first = openStore(path);
        auto second = openStore(path);
        auto writer = first->beginOverlayImport();
        QVERIFY(writer.isOk());
        QVERIFY((*writer)->addEvents(sampleEvents(10, 100)).isOk());

        QElapsedTimer timer;
        timer.start();
        const auto other = second->beginOverlayImport();
        QVERIFY(!other.isOk());
        QVERIFY2(timer.elapsed() < 3000, "the second import waited for the whole busy timeout");
        QVERIFY2(other.status().message().contains(path), qPrintable(other.status().message()));
        QVERIFY2(other.status().message().contains(QStringLiteral("being written by another import")),
                 qPrintable(other.status().message()));
        // The same store cannot start a second one either.
        const auto nested = first->beginOverlayImport();
        QVERIFY(!nested.isOk());
        QVERIFY(nested.status().message().contains(QStringLiteral("already in progress")));

        QVERIFY((*writer)->commit().isOk());
        writer->reset();
        QVERIFY(second->beginOverlayImport().isOk()); // free again once the first has finished
    }

    void failedChunkPoisonsTheImport()
    {
        const QString path = m_files.makeProjectFile(2);
        auto store = openStore(path);
        auto writer = store->beginOverlayImport();
        QVERIFY((*writer)->addEvents(sampleEvents(3, 50)).isOk());
        const Status bad = (*writer)->addThresholds({Threshold{}}); // names neither asset nor subtype
        QCOMPARE(bad.code(), Status::Code::InvalidArgument);
        QVERIFY(!(*writer)->addEvents(sampleEvents(1, 60)).isOk());
        QVERIFY(!(*writer)->commit().isOk());
        writer->reset();
        QCOMPARE(store->counts()->events, 2);
    }

    void importRate()
    {
        // Not a timed assertion (the box is shared): prints the figures the importer's targets depend on.
        const int n = qEnvironmentVariableIntValue("CITYTWIN_BENCH_POINTS") > 0
                          ? qEnvironmentVariableIntValue("CITYTWIN_BENCH_POINTS")
                          : 1'000'000;
        const QString path = m_files.makeProjectFile();
        auto store = openStore(path);
        QElapsedTimer timer;
        timer.start();
        auto writer = store->beginOverlayImport();
        std::vector<TrackPoint> chunk;
        constexpr int kChunk = 50'000, kPeople = 1000;
        for (int i = 0; i < n; i += kChunk) {
            chunk.clear();
            for (int j = i; j < std::min(n, i + kChunk); ++j) // time-major, like a GPS log
                chunk.push_back({j % kPeople, kT0 + (j / kPeople) * 10'000LL, {double(j), 1.0, 0.0}});
            QVERIFY((*writer)->addTrackPoints(chunk).isOk());
        }
        QVERIFY((*writer)->commit().isOk());
        const qint64 ms = std::max<qint64>(1, timer.elapsed());
        QCOMPARE(store->counts()->trackPoints, n);

        auto reader = openStore(path, ProjectStore::Mode::ReadOnly);
        const std::int64_t rev = *reader->overlayRevision();
        QVERIFY(store->writeTrackPoints(points(7, 3, kT0 + kDayMs)).isOk());
        timer.restart();
        const auto delta = reader->overlayChangesSince(rev);
        const qint64 deltaUs = timer.nsecsElapsed() / 1000;
        QCOMPARE(delta->trackPoints.size(), size_t(3));
        timer.restart();
        QCOMPARE(*reader->overlayRevision(), rev + 1);
        const qint64 pollUs = timer.nsecsElapsed() / 1000;
        qInfo("%d track points in %lld ms: %.0f rows/s; delta of 3 rows on %d: %lld us; revision poll %lld us", n,
              ms, n * 1000.0 / double(ms), n, deltaUs, pollUs);
    }
};

QTEST_GUILESS_MAIN(TstOverlayWriter)
#include "tst_overlaywriter.moc"
