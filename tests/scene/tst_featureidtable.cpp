// FeatureIdTable: vertex → feature lookups, and forEachRun() — the runs per-vertex feature
// attributes (style, times) are written by — agreeing with featureAtVertex() for every vertex,
// including vertices before the first range, a range given up before its first vertex, and
// ranges reaching past the geometry's vertex count.
#include "scene/FeatureId.h"

#include <QTest>
#include <vector>

using citytwin::scene::FeatureIdTable;

class TstFeatureIdTable : public QObject
{
    Q_OBJECT
private slots:
    void runsAgreeWithLookups_data()
    {
        QTest::addColumn<std::vector<unsigned>>("firsts");
        QTest::addColumn<unsigned>("vertexCount");
        QTest::newRow("empty table") << std::vector<unsigned>{} << 5u;
        QTest::newRow("from vertex 0") << std::vector<unsigned>{0, 4, 9} << 12u;
        QTest::newRow("head without feature") << std::vector<unsigned>{3, 6} << 8u;
        QTest::newRow("empty range") << std::vector<unsigned>{0, 4, 4, 7} << 10u;
        QTest::newRow("past the end") << std::vector<unsigned>{0, 5, 20} << 10u;
        QTest::newRow("no vertices") << std::vector<unsigned>{0, 2} << 0u;
    }
    void runsAgreeWithLookups()
    {
        QFETCH(std::vector<unsigned>, firsts);
        QFETCH(unsigned, vertexCount);
        FeatureIdTable table;
        for (std::size_t i = 0; i < firsts.size(); ++i)
            table.beginFeature(firsts[i], std::int64_t(100 + i));
        std::vector<std::optional<std::int64_t>> fromRuns;
        unsigned expectedFirst = 0;
        table.forEachRun(vertexCount, [&](unsigned first, unsigned last, std::optional<std::int64_t> id) {
            QCOMPARE(first, expectedFirst); // contiguous, in order, never empty
            QVERIFY(first < last);
            expectedFirst = last;
            for (unsigned v = first; v < last; ++v)
                fromRuns.push_back(id);
        });
        QCOMPARE(std::size_t(fromRuns.size()), std::size_t(vertexCount));
        for (unsigned v = 0; v < vertexCount; ++v)
            QCOMPARE(fromRuns[v], table.featureAtVertex(v));
    }
};


QTEST_GUILESS_MAIN(TstFeatureIdTable)
#include "tst_featureidtable.moc"
