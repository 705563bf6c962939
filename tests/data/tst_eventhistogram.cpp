// ProjectStore::eventHistogram, what the timeline draws its event density from: counts per bin of
// the events reported in a range (half-open bins, unbounded ranges, never-reported events in no
// bin), the same as counting by brute force for odd spans, and bad bin counts refused.
#include "ProjectStoreFixtures.h"

#include <QtTest>

using namespace citytwin::data;
using namespace citytwin::test;

class TstEventHistogram : public QObject
{
    Q_OBJECT

private:
    ProjectFiles m_files;

private slots:
    void initTestCase() { QVERIFY(m_files.isValid()); }

    void histogram_data()
    {
        QTest::addColumn<TimeRange>("range");
        QTest::addColumn<int>("bins");
        QTest::addColumn<std::vector<std::int64_t>>("expected");
        // Events reported at kT0 + {0, 1, 1, 5, 9, 10, 12} hours (see histogram()).
        const TimeMs h = kHourMs;
        QTest::newRow("4 bins over 12 h")
            << TimeRange{kT0, kT0 + 12 * h} << 4 << std::vector<std::int64_t>{3, 1, 0, 2};
        QTest::newRow("bin edges are half-open")
            << TimeRange{kT0 + h, kT0 + 10 * h} << 3 << std::vector<std::int64_t>{2, 1, 1};
        QTest::newRow("one bin") << TimeRange{kT0, kT0 + 13 * h} << 1 << std::vector<std::int64_t>{7};
        QTest::newRow("empty range") << TimeRange{kT0, kT0} << 2 << std::vector<std::int64_t>{0, 0};
        QTest::newRow("unbounded") << TimeRange::unbounded() << 2 << std::vector<std::int64_t>{0, 7};
    }
    void histogram()
    {
        QFETCH(TimeRange, range);
        QFETCH(int, bins);
        QFETCH(std::vector<std::int64_t>, expected);
        const QString path = m_files.makeProjectFile();
        auto store = openStore(path);
        std::vector<Event> events = sampleEvents(8, 1);
        const int hours[] = {0, 1, 1, 5, 9, 10, 12};
        for (int i = 0; i < 7; ++i)
            events[size_t(i)].reported = kT0 + hours[i] * kHourMs;
        events[7].reported = kNoTime; // never reported: in no bin
        QVERIFY(store->writeEvents(events).isOk());
        const auto counts = store->eventHistogram(range, bins);
        QVERIFY2(counts.isOk(), qPrintable(counts.status().message()));
        QCOMPARE(*counts, expected);
    }

    void histogramMatchesBruteForce()
    {
        // Odd spans and bin counts: every event lands in floor((reported - start) * bins / span).
        auto store = openStore(m_files.makeProjectFile());
        std::vector<Event> events = sampleEvents(3000, 1);
        QVERIFY(store->writeEvents(events).isOk());
        for (const auto& [range, bins] :
             {std::pair{TimeRange{kT0 + 17, kT0 + kDayMs - 1234}, 37},
              std::pair{TimeRange{kT0 - 999, kT0 + 86'399'997}, 1000},
              std::pair{TimeRange{kT0 + 5 * kHourMs, kT0 + 5 * kHourMs + 7}, 3}}) {
            std::vector<std::int64_t> expected(size_t(bins), 0);
            for (const Event& e : events) {
                if (range.contains(e.reported))
                    ++expected[size_t((e.reported - range.start) * bins / (range.end - range.start))];
            }
            QCOMPARE(*store->eventHistogram(range, bins), expected);
        }
    }

    void histogramRejectsBadBins()
    {
        auto store = openStore(m_files.makeProjectFile(3));
        QCOMPARE(store->eventHistogram({kT0, kT0 + 1}, 0).status().code(), Status::Code::InvalidArgument);
        QCOMPARE(store->eventHistogram({kT0, kT0 + 1}, -3).status().code(), Status::Code::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TstEventHistogram)
#include "tst_eventhistogram.moc"
