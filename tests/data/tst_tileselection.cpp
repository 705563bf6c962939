// Tile math of the basemap engine, part two: screen-space error, distance to a tile and the
// screen-space-error selection (replace only when the visible children are ready), scripted
// scenes and randomized invariants, without GL or GDAL.
#include "TileFixtures.h"
#include "data/TileSelection.h"

#include <QSet>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace citytwin::data;

using citytwin::test::grid3x2;
using citytwin::test::names;

namespace {

//! The selection scenes below: roots of 1024 m in one row, north edge at y = 1024; with a
//! viewport of 2 px and a 90° field of view a tile's error in px is its side / distance, so a
//! tile refines exactly when it is larger than its distance to the eye.
SelectionInput selectionInput(const TilingScheme& scheme, const ProjectedPoint& eye, int maxLevel,
                              std::function<bool(const TileKey&)> ready, bool westHalfOnly)
{
    SelectionInput in;
    in.eye = eye;
    in.viewportHeight = 2.0;
    in.fovyDeg = 90.0;
    in.maxErrorPx = 1.0;
    in.maxLevel = maxLevel;
    in.geometricError = [scheme](const TileKey& k) { return scheme.tileSize(k.level); };
    in.isVisible = [scheme, westHalfOnly](const TileKey& k) {
        return !westHalfOnly || scheme.tileExtent(k).minX < 512.0;
    };
    in.isReady = std::move(ready);
    return in;
}


//! Invariants every selection must keep, whatever the scene.
void checkSelectionInvariants(const TilingScheme& scheme, const SelectionInput& in, const SelectionResult& r)
{
    QSet<QString> drawn;
    for (const TileKey& k : r.draw) {
        QVERIFY2(scheme.contains(k), qPrintable(k.toString()));
        QVERIFY2(in.isReady(k) && in.isVisible(k), qPrintable(k.toString() + " drawn but not ready/visible"));
        QVERIFY2(k.level <= std::max(in.maxLevel, 0), qPrintable(k.toString() + " deeper than maxLevel"));
        QVERIFY2(!drawn.contains(k.toString()), qPrintable(k.toString() + " drawn twice"));
        drawn.insert(k.toString());
    }
    // Overlap in a quadtree means one key is an ancestor of another.
    for (const TileKey& k : r.draw)
        for (int level = 0; level < k.level; ++level)
            QVERIFY2(!drawn.contains(k.ancestor(level).toString()),
                     qPrintable(k.toString() + " overlaps " + k.ancestor(level).toString()));
    QSet<QString> requested;
    for (size_t i = 0; i < r.requests.size(); ++i) {
        const TileKey& k = r.requests[i].key;
        QVERIFY2(!in.isReady(k), qPrintable(k.toString() + " requested but ready"));
        QVERIFY2(!requested.contains(k.toString()), qPrintable(k.toString() + " requested twice"));
        requested.insert(k.toString());
        if (i > 0)
            QVERIFY2(r.requests[i - 1].priority >= r.requests[i].priority, "requests not sorted by priority");
    }
}

} // namespace

class TstTileSelection : public QObject
{
    Q_OBJECT

private slots:
    void screenSpaceError_data()
    {
        QTest::addColumn<double>("geometricError");
        QTest::addColumn<double>("distance");
        QTest::addColumn<double>("viewportHeight");
        QTest::addColumn<double>("fovyDeg");
        QTest::addColumn<double>("expected");
        QTest::newRow("90 degrees") << 10.0 << 100.0 << 1000.0 << 90.0 << 50.0;
        QTest::newRow("twice as far, half the error") << 10.0 << 200.0 << 1000.0 << 90.0 << 25.0;
        QTest::newRow("60 degrees, 720 px") << 1.0 << 1000.0 << 720.0 << 60.0 << 0.6235382907247958;
        QTest::newRow("1 m texel at 500 m, 35 degrees") << 1.0 << 500.0 << 720.0 << 35.0 << 2.2835482577;
    }
    void screenSpaceError()
    {
        QFETCH(double, geometricError);
        QFETCH(double, distance);
        QFETCH(double, viewportHeight);
        QFETCH(double, fovyDeg);
        QFETCH(double, expected);
        const double px = citytwin::data::screenSpaceError(geometricError, distance, viewportHeight, fovyDeg);
        QVERIFY2(std::abs(px - expected) < 1e-6, qPrintable(QString::number(px, 'g', 12)));
        QVERIFY(std::isinf(citytwin::data::screenSpaceError(geometricError, 0.0, viewportHeight, fovyDeg)));
        QVERIFY(citytwin::data::screenSpaceError(geometricError, -1.0, viewportHeight, fovyDeg) > 1e12);
    }

    void distanceToBox_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<double>("z");
        QTest::addColumn<double>("expected");
        // Box [0, 10] × [0, 10] × [0, 2].
        QTest::newRow("inside") << 5.0 << 5.0 << 1.0 << 0.0;
        QTest::newRow("on a face") << 10.0 << 5.0 << 2.0 << 0.0;
        QTest::newRow("south-west in plane") << -3.0 << -4.0 << 1.0 << 5.0;
        QTest::newRow("above") << 5.0 << 5.0 << 12.0 << 10.0;
        QTest::newRow("below a corner") << 13.0 << 14.0 << -12.0 << 13.0;
    }
    void distanceToBox()
    {
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(double, z);
        QFETCH(double, expected);
        QCOMPARE(citytwin::data::distanceToBox({x, y, z}, {0, 0, 10, 10}, 0.0, 2.0), expected);
    }

    void selectTiles_data()
    {
        // One or two 1024 m roots in a row, north edge y = 1024 (see selectionInput()).
        QTest::addColumn<int>("roots");
        QTest::addColumn<double>("eyeX");
        QTest::addColumn<double>("eyeZ");
        QTest::addColumn<int>("maxLevel");
        QTest::addColumn<int>("readyLevel");        // tiles at this level and above are ready
        QTest::addColumn<QStringList>("alsoReady"); // and these
        QTest::addColumn<bool>("westHalfOnly");     // tiles east of x = 512 are out of view
        QTest::addColumn<QStringList>("draw");      // any order
        QTest::addColumn<QStringList>("requests");  // in priority order
        QTest::addColumn<double>("firstPriority");
        const QStringList nwCorner{"1/1/0", "1/0/1", "1/1/1", "2/1/0", "2/0/1",
                                   "2/1/1", "3/1/0", "3/0/1", "3/1/1"};
        QTest::newRow("eye over the NW corner refines there only")
            << 1 << 0.0 << 100.0 << 4 << 9 << QStringList{} << false
            << nwCorner + QStringList{"4/0/0", "4/1/0", "4/0/1", "4/1/1"} << QStringList{} << 0.0;
        QTest::newRow("maxLevel caps the refinement")
            << 1 << 0.0 << 100.0 << 2 << 9 << QStringList{} << false
            << QStringList{"1/1/0", "1/0/1", "1/1/1", "2/0/0", "2/1/0", "2/0/1", "2/1/1"} << QStringList{}
            << 0.0;
        QTest::newRow("far eye keeps the root") << 1 << 0.0 << 5000.0 << 9 << 9 << QStringList{} << false
                                                << QStringList{"0/0/0"} << QStringList{} << 0.0;
        QTest::newRow("missing grandchildren: parent drawn, they are requested")
            << 1 << 0.0 << 100.0 << 4 << 1 << QStringList{"2/0/0", "2/1/0"} << false
            << QStringList{"1/0/0", "1/1/0", "1/0/1", "1/1/1"} << QStringList{"2/0/1", "2/1/1"} << 5.12;
        QTest::newRow("deepest level missing")
            << 1 << 0.0 << 100.0 << 4 << 3 << QStringList{} << false << nwCorner + QStringList{"3/0/0"}
            << QStringList{"4/0/0", "4/1/0", "4/0/1", "4/1/1"} << 1.28;
        QTest::newRow("nothing ready: the root is requested")
            << 1 << 0.0 << 100.0 << 4 << -1 << QStringList{} << false << QStringList{} << QStringList{"0/0/0"}
            << 10.24;
        QTest::newRow("only the root ready")
            << 1 << 0.0 << 100.0 << 4 << 0 << QStringList{} << false << QStringList{"0/0/0"}
            << QStringList{"1/0/0", "1/1/0", "1/0/1", "1/1/1"} << 10.24;
        QTest::newRow("invisible subtree skipped")
            << 1 << 0.0 << 100.0 << 4 << 9 << QStringList{} << true
            << QStringList{"1/0/1", "2/1/0", "2/0/1", "2/1/1", "3/1/0", "3/0/1",
                           "3/1/1", "4/0/0", "4/1/0", "4/0/1", "4/1/1"}
            << QStringList{} << 0.0;
        QTest::newRow("off-screen children are not requested")
            << 1 << 0.0 << 100.0 << 4 << 0 << QStringList{} << true << QStringList{"0/0/0"}
            << QStringList{"1/0/0", "1/0/1"} << 10.24;
        // Eye 76 m east of the first root: the second root is nearer, so its children come first
        // although the traversal meets the first root's children first.
        QTest::newRow("requests sorted by priority")
            << 2 << 1100.0 << 100.0 << 4 << 0 << QStringList{} << false << QStringList{"0/0/0", "0/1/0"}
            << QStringList{"1/2/0", "1/3/0", "1/2/1", "1/3/1", "1/0/0", "1/1/0", "1/0/1", "1/1/1"} << 10.24;
        QTest::newRow("roots requested by priority")
            << 2 << 1100.0 << 100.0 << 4 << -1 << QStringList{} << false << QStringList{}
            << QStringList{"0/1/0", "0/0/0"} << 10.24;
    }
    void selectTiles()
    {
        QFETCH(int, roots);
        QFETCH(double, eyeX);
        QFETCH(double, eyeZ);
        QFETCH(int, maxLevel);
        QFETCH(int, readyLevel);
        QFETCH(QStringList, alsoReady);
        QFETCH(bool, westHalfOnly);
        QFETCH(QStringList, draw);
        QFETCH(QStringList, requests);
        QFETCH(double, firstPriority);
        const TilingScheme scheme(0.0, 1024.0, 1024.0, roots, 1);
        const auto ready = [readyLevel, alsoReady](const TileKey& k) {
            return k.level <= readyLevel || alsoReady.contains(k.toString());
        };
        const SelectionInput in = selectionInput(scheme, {eyeX, 1024.0, eyeZ}, maxLevel, ready, westHalfOnly);
        const SelectionResult r = citytwin::data::selectTiles(scheme, in);
        QStringList drawn = names(r.draw);
        drawn.sort();
        draw.sort();
        QCOMPARE(drawn, draw);
        QStringList requested;
        for (const TileRequest& q : r.requests)
            requested << q.key.toString();
        QCOMPARE(requested, requests);
        if (!r.requests.empty())
            QVERIFY2(std::abs(r.requests.front().priority - firstPriority) < 1e-9,
                     qPrintable(QString::number(r.requests.front().priority)));
        checkSelectionInvariants(scheme, in, r);
    }

    void selectTilesInvariants_data()
    {
        QTest::addColumn<double>("eyeX");
        QTest::addColumn<double>("eyeY");
        QTest::addColumn<double>("eyeZ");
        QTest::addColumn<int>("readyPercent");
        QTest::newRow("street level, all ready") << 1700.0 << 4300.0 << 30.0 << 100;
        QTest::newRow("street level, half ready") << 1700.0 << 4300.0 << 30.0 << 50;
        QTest::newRow("high, few ready") << 1200.0 << 4900.0 << 800.0 << 20;
        QTest::newRow("outside the scheme, low") << 900.0 << 5100.0 << 5.0 << 70;
    }
    void selectTilesInvariants()
    {
        QFETCH(double, eyeX);
        QFETCH(double, eyeY);
        QFETCH(double, eyeZ);
        QFETCH(int, readyPercent);
        const TilingScheme scheme = grid3x2();
        // Deterministic pseudo-random readiness; roots always ready so the whole area is drawn.
        const auto ready = [readyPercent](const TileKey& k) {
            return k.level == 0 || int(TileKeyHash()(k) * 2654435761u % 100u) < readyPercent;
        };
        SelectionInput in = selectionInput(scheme, {eyeX, eyeY, eyeZ}, 12, ready, false);
        in.viewportHeight = 720.0;
        in.fovyDeg = 35.0;
        in.maxErrorPx = 2.0;
        in.geometricError = [scheme](const TileKey& k) { return scheme.tileSize(k.level) / 256.0; };
        in.heightRange = [](const TileKey&) { return std::pair<double, double>{-5.0, 40.0}; };
        const SelectionResult r = citytwin::data::selectTiles(scheme, in);
        checkSelectionInvariants(scheme, in, r);
        // Drawn tiles cover the scheme exactly (roots are ready: no hole anywhere).
        double area = 0.0;
        for (const TileKey& k : r.draw)
            area += scheme.tileExtent(k).width() * scheme.tileExtent(k).height();
        QCOMPARE(area, scheme.extent().width() * scheme.extent().height());
        // A drawn tile that is still too coarse is one waiting for its children.
        QSet<QString> waitingParents;
        for (const TileRequest& q : r.requests)
            waitingParents.insert(q.key.parent().toString());
        for (const TileKey& k : r.draw) {
            const double px = citytwin::data::screenSpaceError(
                in.geometricError(k), citytwin::data::distanceToBox(in.eye, scheme.tileExtent(k), -5.0, 40.0),
                in.viewportHeight, in.fovyDeg);
            if (px > in.maxErrorPx && k.level < in.maxLevel)
                QVERIFY2(waitingParents.contains(k.toString()), qPrintable(k.toString() + " too coarse"));
        }
        if (readyPercent == 100) {
            QVERIFY(r.requests.empty());
            QVERIFY(std::any_of(r.draw.begin(), r.draw.end(), [](const TileKey& k) { return k.level >= 5; }));
        } else {
            QVERIFY(!r.requests.empty());
        }
    }
};

QTEST_APPLESS_MAIN(TstTileSelection)
#include "tst_tileselection.moc"
