// Tile math of the basemap engine, part one: quadtree keys, scheme bounds and grids, key lookup,
// resolution levels and the root covering, all without GL or GDAL.
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

bool sameExtent(const Extent2D& a, const Extent2D& b, double tol = 1e-9)
{
    return std::abs(a.minX - b.minX) <= tol && std::abs(a.minY - b.minY) <= tol &&
           std::abs(a.maxX - b.maxX) <= tol && std::abs(a.maxY - b.maxY) <= tol;
}


QByteArray describe(const Extent2D& e)
{
    return QStringLiteral("[%1 %2 %3 %4]").arg(e.minX).arg(e.minY).arg(e.maxX).arg(e.maxY).toUtf8();
}


//! Centre of cell (COL, ROW) of G, as documented on GridGeometry.
QPointF cellCentre(const GridGeometry& g, int col, int row)
{
    return {g.extent.minX + (col + 0.5) * g.cellX(), g.extent.maxY - (row + 0.5) * g.cellY()};
}

} // namespace

class TstTileKeys : public QObject
{
    Q_OBJECT

private slots:
    void keyFamily_data()
    {
        QTest::addColumn<TileKey>("key");
        QTest::addColumn<TileKey>("parent");
        QTest::addColumn<int>("quadrant");
        QTest::newRow("root") << TileKey{0, 0, 0} << kInvalidTileKey << 0;
        QTest::newRow("root of a grid") << TileKey{0, 2, 1} << kInvalidTileKey << 0;
        QTest::newRow("NW") << TileKey{1, 0, 0} << TileKey{0, 0, 0} << 0;
        QTest::newRow("NE") << TileKey{1, 1, 0} << TileKey{0, 0, 0} << 1;
        QTest::newRow("SW") << TileKey{1, 0, 1} << TileKey{0, 0, 0} << 2;
        QTest::newRow("SE") << TileKey{1, 1, 1} << TileKey{0, 0, 0} << 3;
        QTest::newRow("deep NE") << TileKey{5, 13, 22} << TileKey{4, 6, 11} << 1;
        QTest::newRow("deep SE") << TileKey{3, 7, 7} << TileKey{2, 3, 3} << 3;
        QTest::newRow("level 10 SW") << TileKey{10, 1022, 513} << TileKey{9, 511, 256} << 2;
    }
    void keyFamily()
    {
        QFETCH(TileKey, key);
        QFETCH(TileKey, parent);
        QFETCH(int, quadrant);
        QCOMPARE(key.parent(), parent);
        QCOMPARE(key.quadrant(), quadrant);
        QCOMPARE(key.ancestor(key.level), key);
        QVERIFY(!key.ancestor(-1).isValid());
        if (parent.isValid()) {
            QCOMPARE(parent.children()[size_t(quadrant)], key);
            QCOMPARE(key.ancestor(key.level - 1), parent);
        }
        const auto children = key.children();
        const char* order[] = {"NW", "NE", "SW", "SE"};
        for (int q = 0; q < 4; ++q) {
            const TileKey& c = children[size_t(q)];
            QVERIFY2(c.level == key.level + 1, order[q]);
            QVERIFY2(c.parent() == key, order[q]);
            QVERIFY2(c.quadrant() == q, order[q]);
            QVERIFY2(c.ancestor(0) == key.ancestor(0), order[q]);
        }
        // x grows east, y grows south: NE is one column east of NW, SW one row south.
        QCOMPARE(children[1].x, children[0].x + 1);
        QCOMPARE(children[2].y, children[0].y + 1);
        QCOMPARE(key.toString(), QStringLiteral("%1/%2/%3").arg(key.level).arg(key.x).arg(key.y));
    }

    void ancestors_data()
    {
        QTest::addColumn<TileKey>("key");
        QTest::addColumn<int>("level");
        QTest::addColumn<TileKey>("expected");
        QTest::newRow("three up") << TileKey{5, 13, 22} << 2 << TileKey{2, 1, 2};
        QTest::newRow("to the root") << TileKey{5, 13, 22} << 0 << TileKey{0, 0, 0};
        QTest::newRow("root in a grid") << TileKey{4, 47, 20} << 0 << TileKey{0, 2, 1};
        QTest::newRow("deeper is invalid") << TileKey{5, 13, 22} << 6 << kInvalidTileKey;
        QTest::newRow("negative is invalid") << TileKey{2, 1, 1} << -1 << kInvalidTileKey;
    }
    void ancestors()
    {
        QFETCH(TileKey, key);
        QFETCH(int, level);
        QFETCH(TileKey, expected);
        QCOMPARE(key.ancestor(level), expected);
        TileKey walk = key;
        while (walk.isValid() && walk.level > level)
            walk = walk.parent();
        if (expected.isValid())
            QCOMPARE(walk, expected); // ancestor() is parent() repeated
    }

    void tileBounds_data()
    {
        QTest::addColumn<TileKey>("key");
        QTest::addColumn<bool>("inside");
        QTest::addColumn<Extent2D>("extent");
        QTest::newRow("NW root") << TileKey{0, 0, 0} << true << Extent2D{1000, 4488, 1512, 5000};
        QTest::newRow("SE root") << TileKey{0, 2, 1} << true << Extent2D{2024, 3976, 2536, 4488};
        QTest::newRow("level 1 SE corner") << TileKey{1, 5, 3} << true << Extent2D{2280, 3976, 2536, 4232};
        QTest::newRow("level 3 NW corner") << TileKey{3, 0, 0} << true << Extent2D{1000, 4936, 1064, 5000};
        QTest::newRow("root column 3") << TileKey{0, 3, 0} << false << Extent2D{};
        QTest::newRow("level 1 row 4") << TileKey{1, 0, 4} << false << Extent2D{};
        QTest::newRow("negative x") << TileKey{2, -1, 0} << false << Extent2D{};
        QTest::newRow("beyond kMaxLevel")
            << TileKey{TilingScheme::kMaxLevel + 1, 0, 0} << false << Extent2D{};
    }
    void tileBounds()
    {
        QFETCH(TileKey, key);
        QFETCH(bool, inside);
        QFETCH(Extent2D, extent);
        const TilingScheme s = grid3x2();
        QCOMPARE(s.contains(key), inside);
        if (!inside)
            return;
        QVERIFY2(sameExtent(s.tileExtent(key), extent), describe(s.tileExtent(key)));
        QCOMPARE(s.tileSize(key.level), 512.0 / (1 << key.level));
        QCOMPARE(s.tilesX(key.level), 3 << key.level);
        QCOMPARE(s.tilesY(key.level), 2 << key.level);
        const GridGeometry cells = s.cellGrid(key, 256);
        QVERIFY(sameExtent(cells.extent, extent));
        QCOMPARE(cells.width, 256);
        QCOMPARE(cells.height, 256);
        QCOMPARE(cells.cellX(), s.tileSize(key.level) / 256.0);
        // The children tile the parent exactly.
        double area = 0.0;
        for (const TileKey& c : key.children()) {
            const Extent2D e = s.tileExtent(c);
            QVERIFY(e.minX >= extent.minX && e.maxX <= extent.maxX && e.minY >= extent.minY &&
                    e.maxY <= extent.maxY);
            area += e.width() * e.height();
        }
        QCOMPARE(area, extent.width() * extent.height());
    }

    void schemeShape()
    {
        const TilingScheme s = grid3x2();
        QVERIFY(s.isValid());
        QVERIFY(!TilingScheme().isValid());
        QVERIFY(sameExtent(s.extent(), {1000, 3976, 2536, 5000}));
        QCOMPARE(names(s.rootKeys()), (QStringList{"0/0/0", "0/1/0", "0/2/0", "0/0/1", "0/1/1", "0/2/1"}));
    }

    void vertexGrid_data()
    {
        QTest::addColumn<TileKey>("key");
        QTest::addColumn<int>("quads");
        QTest::addColumn<int>("border");
        QTest::newRow("root 16 quads") << TileKey{0, 1, 0} << 16 << 0;
        QTest::newRow("root 16 quads + border") << TileKey{0, 1, 0} << 16 << 1;
        QTest::newRow("level 4, 32 quads, 2 border") << TileKey{4, 21, 9} << 32 << 2;
        QTest::newRow("level 9, 64 quads") << TileKey{9, 700, 300} << 64 << 1;
    }
    void vertexGrid()
    {
        QFETCH(TileKey, key);
        QFETCH(int, quads);
        QFETCH(int, border);
        const TilingScheme s = grid3x2();
        const Extent2D e = s.tileExtent(key);
        const GridGeometry g = s.vertexGrid(key, quads, border);
        QCOMPARE(g.width, quads + 1 + 2 * border);
        QCOMPARE(g.height, quads + 1 + 2 * border);
        const double step = s.tileSize(key.level) / quads;
        const double tol = 1e-9 * s.tileSize(0);
        for (int i : {0, quads / 2, quads})
            for (int j : {0, 1, quads}) {
                const QPointF c = cellCentre(g, border + i, border + j);
                QVERIFY2(std::abs(c.x() - (e.minX + i * step)) < tol,
                         qPrintable(QString::number(c.x(), 'f', 9)));
                QVERIFY2(std::abs(c.y() - (e.maxY - j * step)) < tol,
                         qPrintable(QString::number(c.y(), 'f', 9)));
            }
        // Edge vertices are shared with the east and south neighbours (no cracks between meshes).
        const GridGeometry east = s.vertexGrid({key.level, key.x + 1, key.y}, quads, border);
        const GridGeometry south = s.vertexGrid({key.level, key.x, key.y + 1}, quads, border);
        for (int j = 0; j <= quads; ++j) {
            QVERIFY(std::abs(cellCentre(g, border + quads, border + j).x() -
                             cellCentre(east, border, border + j).x()) < tol);
            QVERIFY(std::abs(cellCentre(g, border + j, border + quads).y() -
                             cellCentre(south, border + j, border).y()) < tol);
        }
        // The border rows continue the spacing outward.
        if (border > 0)
            QVERIFY(std::abs(cellCentre(g, border - 1, border).x() - (e.minX - step)) < tol);
    }

    void keyAt_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("expected"); // empty: outside
        QTest::newRow("NW corner") << 1000.0 << 5000.0 << 0 << "0/0/0";
        QTest::newRow("SE outer corner") << 2536.0 << 3976.0 << 0 << "0/2/1";
        QTest::newRow("inner edge goes east") << 1512.0 << 4800.0 << 0 << "0/1/0";
        QTest::newRow("inner edge goes south") << 1100.0 << 4488.0 << 0 << "0/0/1";
        QTest::newRow("level 1") << 1300.0 << 4700.0 << 1 << "1/1/1";
        QTest::newRow("level 6") << 2000.0 << 4000.0 << 6 << "6/125/125";
        QTest::newRow("west of the scheme") << 999.0 << 4000.0 << 0 << "";
        QTest::newRow("east of the scheme") << 2536.1 << 4000.0 << 3 << "";
        QTest::newRow("north of the scheme") << 1500.0 << 5000.5 << 0 << "";
        QTest::newRow("negative level") << 1500.0 << 4500.0 << -1 << "";
    }
    void keyAt()
    {
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(int, level);
        QFETCH(QString, expected);
        const TilingScheme s = grid3x2();
        const std::optional<TileKey> k = s.keyAt(x, y, level);
        QCOMPARE(k.has_value(), !expected.isEmpty());
        if (!k)
            return;
        QCOMPARE(k->toString(), expected);
        QVERIFY(s.tileExtent(*k).contains(x, y));
    }

    void keysIntersecting_data()
    {
        QTest::addColumn<Extent2D>("area");
        QTest::addColumn<int>("level");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("whole scheme") << Extent2D{1000, 3976, 2536, 5000} << 0
                                      << QStringList{"0/0/0", "0/1/0", "0/2/0", "0/0/1", "0/1/1", "0/2/1"};
        QTest::newRow("3 x 3 at level 1")
            << Extent2D{1100, 4300, 1600, 4900} << 1
            << QStringList{"1/0/0", "1/1/0", "1/2/0", "1/0/1", "1/1/1", "1/2/1", "1/0/2", "1/1/2", "1/2/2"};
        QTest::newRow("touching an edge is no overlap")
            << Extent2D{1512, 4600, 1600, 4700} << 0 << QStringList{"0/1/0"};
        QTest::newRow("partly north of the scheme")
            << Extent2D{500, 4000, 1100, 5500} << 0 << QStringList{"0/0/0", "0/0/1"};
        QTest::newRow("outside") << Extent2D{0, 0, 10, 10} << 2 << QStringList{};
        QTest::newRow("empty area") << Extent2D{1200, 4200, 1200, 4300} << 0 << QStringList{};
    }
    void keysIntersecting()
    {
        QFETCH(Extent2D, area);
        QFETCH(int, level);
        QFETCH(QStringList, expected);
        QCOMPARE(names(grid3x2().keysIntersecting(area, level)), expected);
    }

    void levelForResolution_data()
    {
        QTest::addColumn<double>("resolution");
        QTest::addColumn<int>("samples");
        QTest::addColumn<int>("expected");
        QTest::newRow("root cells are 2 m") << 2.0 << 256 << 0;
        QTest::newRow("coarser than the root") << 100.0 << 256 << 0;
        QTest::newRow("exactly 1 m") << 1.0 << 256 << 1;
        QTest::newRow("just under 1 m") << 0.9 << 256 << 2;
        QTest::newRow("25 cm") << 0.25 << 256 << 3;
        QTest::newRow("25 cm, 64 samples") << 0.25 << 64 << 5;
        QTest::newRow("zero resolution is capped") << 0.0 << 256 << TilingScheme::kMaxLevel;
    }
    void levelForResolution()
    {
        QFETCH(double, resolution);
        QFETCH(int, samples);
        QFETCH(int, expected);
        QCOMPARE(grid3x2().levelForResolution(resolution, samples), expected);
    }

    void covering_data()
    {
        QTest::addColumn<Extent2D>("area");
        QTest::addColumn<double>("maxRootSize");
        QTest::addColumn<double>("side");
        QTest::addColumn<int>("cols");
        QTest::addColumn<int>("rows");
        QTest::newRow("town 5 x 3 km")
            << Extent2D{500000, 3390000, 505000, 3393000} << 16384.0 << 4096.0 << 2 << 1;
        QTest::newRow("county 40 x 40 km")
            << Extent2D{480000, 3380000, 520000, 3420000} << 16384.0 << 16384.0 << 3 << 3;
        QTest::newRow("max root 4 km") << Extent2D{0, 0, 40000, 40000} << 4000.0 << 2048.0 << 20 << 20;
        QTest::newRow("exactly one 8 km tile") << Extent2D{0, 0, 8192, 8192} << 16384.0 << 8192.0 << 1 << 1;
        QTest::newRow("tiny area") << Extent2D{10, 10, 110, 60} << 16384.0 << 256.0 << 1 << 1;
        QTest::newRow("long strip") << Extent2D{0, 0, 30000, 300} << 16384.0 << 16384.0 << 2 << 1;
    }
    void covering()
    {
        QFETCH(Extent2D, area);
        QFETCH(double, maxRootSize);
        QFETCH(double, side);
        QFETCH(int, cols);
        QFETCH(int, rows);
        const TilingScheme s = TilingScheme::covering(area, maxRootSize);
        QVERIFY(s.isValid());
        QCOMPARE(s.rootSize(), side);
        QCOMPARE(s.rootCols(), cols);
        QCOMPARE(s.rootRows(), rows);
        const Extent2D e = s.extent();
        QVERIFY2(e.minX <= area.minX && e.maxX >= area.maxX && e.minY <= area.minY && e.maxY >= area.maxY,
                 describe(e));
        QVERIFY(std::abs(e.centerX() - area.centerX()) < 1e-6 &&
                std::abs(e.centerY() - area.centerY()) < 1e-6);
        const Extent2D root = s.tileExtent({0, 0, 0});
        QCOMPARE(root.width(), root.height()); // square tiles
        QVERIFY(s.rootSize() <= maxRootSize);
        const double k = std::log2(s.rootSize() / TilingScheme::kBaseRootSize);
        QCOMPARE(k, std::round(k));
    }

    void coveringEmpty()
    {
        QVERIFY(!TilingScheme::covering(Extent2D{}).isValid());
        QVERIFY(!TilingScheme::covering(Extent2D{5, 5, 5, 10}).isValid());
    }

};

QTEST_APPLESS_MAIN(TstTileKeys)
#include "tst_tilekeys.moc"
