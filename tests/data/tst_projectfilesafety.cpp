// ProjectStore never harms a user's file: rejections leave it byte-identical, cancelled or read-only
// writes change nothing, old schemas migrate with their data.
#include "ProjectStoreFixtures.h"
#include "data/ProjectStore.h"
#include "data/ProjectStoreSchema.h"

#include <QFileInfo>
#include <QTest>

using namespace citytwin::data;
using namespace citytwin::test;

Q_DECLARE_METATYPE(citytwin::data::Status::Code)

class TstProjectFileSafety : public QObject
{
    Q_OBJECT

private:
    ProjectFiles m_files;

private slots:
    void initTestCase() { QVERIFY(m_files.isValid()); }

    void readOnlyRefusesWrites()
    {
        const QString path = m_files.makeProjectFile(10);
        const QByteArray before = fileHash(path);
        {
            auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
            QVERIFY(store.isOk());
            QCOMPARE((*store)->writeEvents(sampleEvents(3, 100)).code(), Status::Code::InvalidArgument);
            QCOMPARE((*store)->saveProject(Project{}).code(), Status::Code::InvalidArgument);
            QCOMPARE((*store)->events()->size(), size_t(10));
        }
        QCOMPARE(fileHash(path), before);
        // Reading must not litter the project's folder with SQLite's WAL side files.
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-shm")));
    }

    void migratesVersion1KeepingData()
    {
        const QString path = m_files.makeVersion1File();
        const QByteArray before = fileHash(path);
        {
            // Read-only: readable as is, nothing upgraded, the file untouched.
            auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
            QVERIFY2(store.isOk(), qPrintable(store.status().message()));
            QCOMPARE((*store)->schemaVersion(), 1);
            QCOMPARE((*store)->events()->size(), size_t(1));
            QCOMPARE((*store)->sensorReadings(5).status().code(), Status::Code::Unsupported);
            QVERIFY((*store)->counts().isOk());
        }
        QCOMPARE(fileHash(path), before);
        {
            auto store = ProjectStore::open(path);
            QVERIFY2(store.isOk(), qPrintable(store.status().message()));
            QCOMPARE((*store)->schemaVersion(), ProjectStore::kSchemaVersion);
            auto project = (*store)->loadProject();
            QVERIFY2(project.isOk(), qPrintable(project.status().message()));
            QCOMPARE(project->name, QStringLiteral("Old project"));
            QCOMPARE(project->origin.x, 595000.5);
            QCOMPARE(project->layers().size(), size_t(1));
            QCOMPARE(project->layers().front().id, LayerId{7});
            QCOMPARE(toString(project->layers().front().temporal.mode),
                     toString(TemporalMode::FeatureFields));
            auto events = (*store)->events();
            QCOMPARE(events->size(), size_t(1));
            QCOMPARE(events->front().category, QStringLiteral("flood"));
            QCOMPARE(events->front().closed, kNoTime);
            QCOMPARE(events->front().assignedStaff, (std::vector<std::int64_t>{3}));
            QCOMPARE((*store)->people()->front().name, QStringLiteral("Li Wei"));
            QVERIFY((*store)->writeSensorReadings({{5, kT0, 3.0}}).isOk());
        }
        QCOMPARE(rawInt(path, "PRAGMA user_version"), std::int64_t(ProjectStore::kSchemaVersion));
        QCOMPARE(rawInt(path, "SELECT count(*) FROM sensor_readings"), std::int64_t(1));
        QCOMPARE(rawInt(path, "SELECT count(*) FROM events_rtree"), std::int64_t(1));
    }

    void rejectsBadFiles_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<Status::Code>("code");
        QTest::newRow("random bytes") << "random" << Status::Code::FormatError;
        QTest::newRow("text file") << "text" << Status::Code::FormatError;
        QTest::newRow("empty file") << "empty" << Status::Code::FormatError;
        QTest::newRow("truncated header") << "header-only" << Status::Code::FormatError;
        QTest::newRow("truncated at a page") << "truncated-page" << Status::Code::FormatError;
        QTest::newRow("truncated mid-page") << "truncated-odd" << Status::Code::FormatError;
        QTest::newRow("foreign sqlite") << "foreign" << Status::Code::FormatError;
        QTest::newRow("our id, no meta") << "no-meta" << Status::Code::FormatError;
        QTest::newRow("missing table") << "missing-table" << Status::Code::FormatError;
        QTest::newRow("newer schema") << "newer" << Status::Code::Unsupported;
        QTest::newRow("missing file") << "missing" << Status::Code::NotFound;
    }
    void rejectsBadFiles()
    {
        QFETCH(QString, kind);
        QFETCH(Status::Code, code);
        QString path = m_files.freshPath();
        if (kind == QLatin1String("random")) {
            QByteArray bytes(8192, Qt::Uninitialized);
            for (int i = 0; i < bytes.size(); ++i)
                bytes[i] = char((i * 2654435761u) >> 13);
            QVERIFY(writeBytes(path, bytes));
        } else if (kind == QLatin1String("text")) {
            QVERIFY(writeBytes(path, "name,x,y\nhall,1,2\n"));
        } else if (kind == QLatin1String("empty")) {
            QVERIFY(writeBytes(path, {}));
        } else if (kind.startsWith(QLatin1String("truncated")) || kind == QLatin1String("header-only")) {
            path = m_files.makeProjectFile(3000);
            QFile f(path);
            const qint64 pageSize = 4096;
            const qint64 keep = kind == QLatin1String("header-only") ? 60
                                : kind == QLatin1String("truncated-page")
                                    ? (f.size() / 2 / pageSize) * pageSize
                                    : f.size() / 2 + 123;
            QVERIFY(f.size() > 4 * pageSize);
            QVERIFY(f.resize(keep));
        } else if (kind == QLatin1String("foreign")) {
            QVERIFY(rawExec(
                path, "CREATE TABLE meta(key TEXT, value); INSERT INTO meta VALUES('format','citytwin');"));
        } else if (kind == QLatin1String("no-meta")) {
            QVERIFY(rawExec(path, QByteArray("PRAGMA application_id = ") +
                                      QByteArray::number(schema::kApplicationId) +
                                      "; PRAGMA user_version = 1; CREATE TABLE other(x);"));
        } else if (kind == QLatin1String("missing-table")) {
            path = m_files.makeProjectFile(5);
            QVERIFY(rawExec(path, "DROP TABLE events"));
        } else if (kind == QLatin1String("newer")) {
            path = m_files.makeProjectFile(5);
            QVERIFY(rawExec(path, "PRAGMA user_version = 99"));
        }
        const bool existed = QFile::exists(path);
        const QByteArray before = fileHash(path);
        const QStringList sidecars{path + QStringLiteral("-wal"), path + QStringLiteral("-shm"),
                                   path + QStringLiteral("-journal")};
        for (const QString& s : sidecars)
            QVERIFY2(!QFile::exists(s), qPrintable(s));

        for (auto mode : {ProjectStore::Mode::ReadWrite, ProjectStore::Mode::ReadOnly}) {
            auto store = ProjectStore::open(path, mode);
            QVERIFY(!store.isOk());
            QCOMPARE(store.status().code(), code);
            QVERIFY2(store.status().message().contains(path), qPrintable(store.status().message()));
            qInfo("%s", qPrintable(store.status().message()));
        }
        QCOMPARE(QFile::exists(path), existed);
        QCOMPARE(fileHash(path), before);
        for (const QString& s : sidecars) // not even an empty WAL is left next to a rejected file
            QVERIFY2(!QFile::exists(s), qPrintable(s));
    }

    void corruptPageIsAFormatError()
    {
        // A damaged page deep in the file passes the cheap open checks; reading it must still give a clear
        // Status naming the file (never a crash or silent garbage), and the file must stay as it was.
        const QString path = m_files.makeProjectFile(3000);
        const std::int64_t root = rawInt(path, "SELECT rootpage FROM sqlite_schema WHERE name = 'events'");
        const std::int64_t pageSize = rawInt(path, "PRAGMA page_size");
        QVERIFY(root > 1);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek((root - 1) * pageSize));
            QVERIFY(f.write(QByteArray(int(pageSize), '\x5a')) == pageSize);
        }
        const QByteArray before = fileHash(path);
        for (auto mode : {ProjectStore::Mode::ReadOnly, ProjectStore::Mode::ReadWrite}) {
            auto store = ProjectStore::open(path, mode);
            if (!store.isOk()) {
                QCOMPARE(store.status().code(), Status::Code::FormatError);
                continue;
            }
            QVERIFY((*store)->loadProject().isOk()); // other tables are intact
            auto events = (*store)->events();
            QVERIFY(!events.isOk());
            QCOMPARE(events.status().code(), Status::Code::FormatError);
            QVERIFY2(events.status().message().contains(path), qPrintable(events.status().message()));
            qInfo("%s", qPrintable(events.status().message()));
        }
        QCOMPARE(fileHash(path), before);
    }

    void cancelWritesNothing_data()
    {
        QTest::addColumn<int>("cancelAtCall");
        QTest::newRow("first call") << 1;
        QTest::newRow("midway") << 3;
        QTest::newRow("final call") << -1;
    }
    void cancelWritesNothing()
    {
        QFETCH(int, cancelAtCall);
        const QString path = m_files.makeProjectFile(5);
        auto store = ProjectStore::open(path);
        QVERIFY(store.isOk());
        const std::vector<Event> events = sampleEvents(20000, 1000);
        int calls = 0;
        std::int64_t lastDone = -1;
        bool monotonic = true;
        const auto progress = [&](std::int64_t done, std::int64_t total) {
            ++calls;
            monotonic = monotonic && done > lastDone && total == std::int64_t(events.size());
            lastDone = done;
            return cancelAtCall < 0 ? done < total : calls < cancelAtCall;
        };
        const Status s = (*store)->writeEvents(events, progress);
        QCOMPARE(s.code(), Status::Code::Cancelled);
        QVERIFY(monotonic);
        QCOMPARE((*store)->counts()->events, 5);

        std::vector<TrackPoint> points(10000);
        for (int i = 0; i < 10000; ++i)
            points[size_t(i)] = {i % 10, kT0 + i, {double(i), 0, 0}};
        QCOMPARE((*store)->writeTrackPoints(points, [](std::int64_t, std::int64_t) { return false; }).code(),
                 Status::Code::Cancelled);
        QCOMPARE((*store)->counts()->trackPoints, 0);

        // And the store is still usable afterwards.
        QVERIFY((*store)->writeTrackPoints(points, [](std::int64_t, std::int64_t) { return true; }).isOk());
        QCOMPARE((*store)->counts()->trackPoints, 10000);
    }

    void createRefusesExistingPath()
    {
        const QString path = m_files.freshPath();
        QVERIFY(writeBytes(path, "precious"));
        auto store = ProjectStore::create(path, sampleProject());
        QVERIFY(!store.isOk());
        QVERIFY(store.status().message().contains(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("precious"));

        const QString project = m_files.makeProjectFile(3);
        const QByteArray before = fileHash(project);
        QVERIFY(!ProjectStore::create(project, Project{}).isOk());
        QCOMPARE(fileHash(project), before);
    }
};

QTEST_GUILESS_MAIN(TstProjectFileSafety)
#include "tst_projectfilesafety.moc"
