// Imports seen from other connections while they run: a reader thread never sees half an import, and a
// process killed (SIGKILL) in the middle of one leaves the file as it was before.
#include "ProjectStoreFixtures.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QtTest>
#include <atomic>
#include <cstdio>
#include <set>
#include <thread>

using namespace citytwin::data;
using namespace citytwin::test;

namespace {

constexpr const char* kChildImportArg = "--child-import";

std::vector<TrackPoint> pointChunk(int chunk, int n)
{
    std::vector<TrackPoint> out;
    out.reserve(size_t(n));
    for (int i = 0; i < n; ++i)
        out.push_back({100 + i % 50, kT0 + (std::int64_t(chunk) * n + i) * 1000, {double(i), 0, 0}});
    return out;
}

//! The child side of killDuringImport: begins an import on PATH and streams large events into it until
//! killed, reporting "rows N" after every chunk. Never commits.
int childImport(const QString& path)
{
    auto store = ProjectStore::open(path);
    if (!store) {
        std::fprintf(stderr, "open: %s\n", qPrintable(store.status().message()));
        return 2;
    }
    auto writer = (*store)->beginOverlayImport();
    if (!writer) {
        std::fprintf(stderr, "begin: %s\n", qPrintable(writer.status().message()));
        return 3;
    }
    // 4 KB descriptions: the import outgrows SQLite's page cache within a few thousand rows, so dirty
    // pages of the uncommitted transaction really are in the -wal file when the kill comes.
    const QString filler(4096, QLatin1Char('x'));
    for (int chunk = 0;; ++chunk) {
        std::vector<Event> events = sampleEvents(500, 1'000'000 + chunk * 500);
        for (Event& e : events)
            e.description = filler;
        if (!(*writer)->addEvents(events).isOk() || !(*writer)->addTrackPoints(pointChunk(chunk, 2000)).isOk())
            return 4;
        std::printf("rows %lld\n", static_cast<long long>((*writer)->rowsAdded()));
        std::fflush(stdout);
    }
}

} // namespace

class TstOverlayLive : public QObject
{
    Q_OBJECT

private:
    ProjectFiles m_files;

private slots:
    void initTestCase() { QVERIFY(m_files.isValid()); }

    void readerSeesBeforeOrAfterNeverHalf()
    {
        const QString path = m_files.makeProjectFile(5);
        std::int64_t baseRevision = 0;
        {
            auto store = ProjectStore::open(path);
            QVERIFY((*store)->writeTrackPoints(pointChunk(0, 1000)).isOk());
            baseRevision = *(*store)->overlayRevision();
        }
        constexpr int kImports = 3, kChunks = 20, kChunkRows = 2000;
        std::atomic<bool> done{false};
        std::atomic<int> committed{0};
        QString writerError;
        // One store per thread (ProjectStore is not thread safe); the writer appends in chunks.
        std::thread writerThread([&] {
            auto store = ProjectStore::open(path);
            for (int i = 0; i < kImports && store.isOk(); ++i) {
                auto writer = (*store)->beginOverlayImport();
                if (!writer) {
                    writerError = writer.status().message();
                    break;
                }
                for (int c = 0; c < kChunks; ++c) {
                    if (Status s = (*writer)->addTrackPoints(pointChunk(1 + i * kChunks + c, kChunkRows)); !s.isOk())
                        writerError = s.message();
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                }
                if (Status s = (*writer)->commit(); !s.isOk())
                    writerError = s.message();
                ++committed;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            done = true;
        });

        auto reader = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
        QVERIFY(reader.isOk());
        std::set<std::int64_t> seen;
        int reads = 0;
        bool consistent = true;
        QString bad;
        while (!done || reads == 0) {
            const std::int64_t before = committed;
            const auto delta = (*reader)->overlayChangesSince(0); // one snapshot: revision + rows
            const std::int64_t after = committed;
            ++reads;
            if (!delta) {
                consistent = false;
                bad = delta.status().message();
                break;
            }
            // Each committed import adds kChunks * kChunkRows rows and one revision; a snapshot must
            // hold whole imports only, as many as its revision says: at least those committed before
            // the read began, at most one more than counted after it (committed, not yet counted).
            const auto rows = std::int64_t(delta->trackPoints.size());
            const std::int64_t imports = delta->toRevision - baseRevision;
            if (rows != 1000 + imports * kChunks * kChunkRows || imports < before || imports > after + 1) {
                consistent = false;
                bad = QStringLiteral("%1 rows at revision %2").arg(rows).arg(delta->toRevision);
                break;
            }
            seen.insert(imports);
        }
        writerThread.join();
        QVERIFY2(writerError.isEmpty(), qPrintable(writerError));
        QVERIFY2(consistent, qPrintable(bad));
        QCOMPARE(committed.load(), kImports);
        const auto final = (*reader)->overlayChangesSince(0);
        QCOMPARE(final->trackPoints.size(), size_t(1000 + kImports * kChunks * kChunkRows));
        qInfo("%d consistent reads while importing; saw %d distinct states", reads, int(seen.size()));
        QVERIFY2(seen.size() >= 2, "the reader never read while an import was running");
    }

    void killDuringImportKeepsPreviousData()
    {
        const QString path = m_files.makeProjectFile(5);
        {
            auto store = ProjectStore::open(path);
            QVERIFY((*store)->writeTrackPoints(pointChunk(0, 100)).isOk());
        }
        const QByteArray before = fileHash(path);
        std::int64_t revision = 0;
        {
            auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
            revision = *(*store)->overlayRevision();
        }

        QProcess child;
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start(QCoreApplication::applicationFilePath(), {QLatin1String(kChildImportArg), path});
        QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
        const QString wal = path + QStringLiteral("-wal");
        std::int64_t rows = 0;
        QElapsedTimer timer;
        timer.start();
        // Wait until the uncommitted import has spilled well over a megabyte of pages into the WAL.
        while (timer.elapsed() < 60000 && (rows < 5000 || QFileInfo(wal).size() < 2 * 1024 * 1024)) {
            if (!child.waitForReadyRead(5000) && child.state() != QProcess::Running)
                break;
            while (child.canReadLine()) {
                const QByteArray line = child.readLine().trimmed();
                if (line.startsWith("rows "))
                    rows = line.mid(5).toLongLong();
            }
        }
        QVERIFY2(child.state() == QProcess::Running,
                 qPrintable(QStringLiteral("child ended early: %1").arg(QString::fromUtf8(child.readAllStandardError()))));
        const qint64 walBytes = QFileInfo(wal).size();
        child.kill(); // SIGKILL: no destructor, no rollback, no close
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        qInfo("killed the importer after %lld rows with a %lld-byte WAL", static_cast<long long>(rows), walBytes);
        QVERIFY2(walBytes > 1024 * 1024, "the import never reached the disk; the test would prove nothing");

        auto store = ProjectStore::open(path);
        QVERIFY2(store.isOk(), qPrintable(store.status().message()));
        QCOMPARE(fileHash(path), before); // recovery ignored the uncommitted frames, wrote nothing yet
        QCOMPARE((*store)->counts()->events, 5);
        QCOMPARE((*store)->counts()->trackPoints, 100);
        QCOMPARE(*(*store)->overlayRevision(), revision);
        QVERIFY((*store)->overlayChangesSince(revision)->isEmpty());
        QCOMPARE(rawInt(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
        // And the next import works.
        QVERIFY((*store)->writeEvents(sampleEvents(2, 900)).isOk());
        QCOMPARE((*store)->counts()->events, 7);
    }
};

int main(int argc, char** argv)
{
    // Re-run as the importer child (killDuringImportKeepsPreviousData) rather than as the test.
    if (argc == 3 && qstrcmp(argv[1], kChildImportArg) == 0) {
        QCoreApplication app(argc, argv);
        return childImport(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TstOverlayLive test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_overlaylive.moc"
