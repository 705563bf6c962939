// Streaming: a generated QIODevice (not a file) yields N short track-point rows on the fly; the
// import into a store must keep the process RSS bounded (chunks, not the whole file, in memory).
// N is CITYTWIN_STREAM_ROWS, 1,000,000 by default; the "slow" registration (ctest -L slow) runs
// 10,000,000. The rows/s printed (qInfo) are the end-to-end import rate; nothing asserts on time.
#include "OverlayFixtures.h"

#include <QElapsedTimer>
#include <QFile>
#include <QIODevice>
#include <QTest>
#include <ctime>

using namespace citytwin;

namespace {

//! "person,lon,lat,t" then ROWS rows made on demand: 100 people moving around Pinghu, one fix a second.
class GeneratedTracks : public QIODevice
{
public:
    explicit GeneratedTracks(std::int64_t rows) : m_rows(rows) { m_pending = "person,lon,lat,t\n"; }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_pending.size() - m_offset + QIODevice::bytesAvailable() + (m_next < m_rows ? 1 << 16 : 0);
    }
    bool atEnd() const override
    {
        return m_next >= m_rows && m_offset >= m_pending.size() && QIODevice::atEnd();
    }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        qint64 written = 0;
        while (written < maxSize) {
            if (m_offset >= m_pending.size()) {
                if (m_next >= m_rows)
                    break;
                refill();
            }
            const qint64 n = std::min<qint64>(maxSize - written, m_pending.size() - m_offset);
            std::memcpy(data + written, m_pending.constData() + m_offset, static_cast<std::size_t>(n));
            written += n;
            m_offset += n;
        }
        return written;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    void refill()
    {
        // Integers only, by hand: printf("%f") would cost more than the import itself.
        m_pending.clear();
        m_offset = 0;
        char line[96];
        for (int i = 0; i < 4096 && m_next < m_rows; ++i, ++m_next) {
            char* p = line;
            p = digits(p, m_next % 100);
            p = append(p, ",121.");
            p = fourDigits(p, m_next % 997);
            p = append(p, ",30.7");
            p = fourDigits(p, m_next % 991);
            *p++ = ',';
            p = digits(p, 1764201600 + m_next / 100);
            *p++ = '\n';
            m_pending.append(line, p - line);
        }
    }
    static char* append(char* p, const char* s)
    {
        while (*s)
            *p++ = *s++;
        return p;
    }
    //! V (≥ 0) in decimal at P; returns the end.
    static char* digits(char* p, std::int64_t v)
    {
        char tmp[20];
        int n = 0;
        do {
            tmp[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v > 0 && n < 20);
        while (n > 0)
            *p++ = tmp[--n];
        return p;
    }
    static char* fourDigits(char* p, std::int64_t v)
    {
        for (int d = 3; d >= 0; --d, v /= 10)
            p[d] = static_cast<char>('0' + v % 10);
        return p + 4;
    }

    std::int64_t m_rows;
    std::int64_t m_next = 0;
    QByteArray m_pending;
    qint64 m_offset = 0;
};

//! The process's resident set in MB (Linux), -1 elsewhere.
double rssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

std::int64_t rowCount()
{
    bool ok = false;
    const qlonglong n = qEnvironmentVariable("CITYTWIN_STREAM_ROWS").toLongLong(&ok);
    return ok && n > 0 ? n : 1000000;
}

data::OverlayMapping trackMapping()
{
    return test::mappingOf(data::OverlayKind::Tracks,
                           {{"id", "person"}, {"x", "lon"}, {"y", "lat"}, {"time", "t"}});
}

} // namespace

class TestOverlayStream : public QObject
{
    Q_OBJECT

private slots:
    void parseOnly()
    {
        // Tokenizer + times + PROJ, no store: the importer's own share of the time.
        const std::int64_t rows = std::min<std::int64_t>(rowCount(), 2000000);
        GeneratedTracks device(rows);
        QVERIFY(device.open(QIODevice::ReadOnly));
        gis::ImportTarget target;
        target.projectCrs = QStringLiteral("EPSG:4549");
        QElapsedTimer timer;
        timer.start();
        const std::clock_t cpu = std::clock();
        auto report = gis::importOverlayCsv(device, QStringLiteral("generated"), trackMapping(), target);
        const double cpuSeconds = double(std::clock() - cpu) / CLOCKS_PER_SEC;
        QVERIFY2(report, qPrintable(report.status().message()));
        QCOMPARE(report->rowsImported, rows);
        qInfo("parse + transform only: %lld rows in %.2f s wall = %.0f rows/s (%.2f s CPU = %.0f rows per "
              "CPU-s)",
              static_cast<long long>(rows), timer.nsecsElapsed() / 1e9, rows / (timer.nsecsElapsed() / 1e9),
              cpuSeconds, rows / cpuSeconds);
    }

    void memoryStaysBounded()
    {
        const std::int64_t rows = rowCount();
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        QVERIFY(store);
        GeneratedTracks device(rows);
        QVERIFY(device.open(QIODevice::ReadOnly));
        auto writer = store->beginOverlayImport();
        QVERIFY2(writer, qPrintable(writer.status().message()));
        gis::ImportTarget target{QStringLiteral("EPSG:4549"), writer->get(), false};
        const double before = rssMb();
        double peak = before;
        QElapsedTimer timer;
        timer.start();
        const std::clock_t cpu = std::clock();
        auto report = gis::importOverlayCsv(device, QStringLiteral("generated"), trackMapping(), target,
                                            [&peak](std::int64_t, std::int64_t) {
                                                peak = std::max(peak, rssMb());
                                                return true;
                                            });
        QVERIFY2(report, qPrintable(report.status().message()));
        QVERIFY((*writer)->commit());
        const double seconds = timer.nsecsElapsed() / 1e9;
        const double cpuSeconds = double(std::clock() - cpu) / CLOCKS_PER_SEC;
        QCOMPARE(report->rowsImported, rows);
        QCOMPARE(report->peopleImported, std::min<std::int64_t>(rows, 100));
        qInfo("end to end into the store (commit included): %lld rows in %.2f s wall = %.0f rows/s (%.2f s "
              "CPU = %.0f "
              "rows per CPU-s); RSS %.0f MB -> peak %.0f MB",
              static_cast<long long>(rows), seconds, rows / seconds, cpuSeconds, rows / cpuSeconds, before,
              peak);
        QVERIFY2(peak - before < 300.0, qPrintable(QStringLiteral("RSS grew by %1 MB").arg(peak - before)));
        auto counts = store->counts();
        QVERIFY(counts);
        QCOMPARE(counts->trackPoints, rows);
    }
};

QTEST_GUILESS_MAIN(TestOverlayStream)
#include "tst_overlaystream.moc"
