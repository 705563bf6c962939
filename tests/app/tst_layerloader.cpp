// Pieces of the loading pipeline that need no files: source resolution, rebasing on Save As,
// and draping building bases on the DEM.
#include "app/LayerLoader.h"
#include "app/ProjectFileCopy.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace citytwin;
using namespace citytwin::app;

class TstLayerLoader : public QObject
{
    Q_OBJECT
private slots:
    void resolveSource_data();
    void resolveSource();
    void rebaseSourceUri_data();
    void rebaseSourceUri();
    void drapeUsesLowestHeightUnderFootprint();
    void drapeSeesDipInsideFootprint();
    void drapeLeavesFootprintsOffTheDem();
    void pipesFollowTheTerrain();
};

void TstLayerLoader::resolveSource_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("expected");
    QTest::newRow("relative") << "dem.tif"
                              << "/data/city/dem.tif";
    QTest::newRow("relative subfolder") << "raster/dem.tif"
                                        << "/data/city/raster/dem.tif";
    QTest::newRow("parent folder") << "../shared/dem.tif"
                                   << "/data/shared/dem.tif";
    QTest::newRow("absolute") << "/srv/gis/dem.tif"
                              << "/srv/gis/dem.tif";
    QTest::newRow("empty") << ""
                           << "";
}

void TstLayerLoader::resolveSource()
{
    QFETCH(QString, uri);
    QFETCH(QString, expected);
    QCOMPARE(loader::resolveSource(uri, QStringLiteral("/data/city/pinghu.citytwin")), expected);
}

void TstLayerLoader::rebaseSourceUri_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("expected");
    QTest::newRow("same folder") << "dem.tif"
                                 << "/data/city/copy.citytwin"
                                 << "dem.tif";
    QTest::newRow("subfolder") << "dem.tif"
                               << "/data/city/backup/copy.citytwin"
                               << "../dem.tif";
    QTest::newRow("sibling") << "imagery/a.tif"
                             << "/data/other/copy.citytwin"
                             << "../city/imagery/a.tif";
    QTest::newRow("absolute kept") << "/srv/dem.tif"
                                   << "/x/copy.citytwin"
                                   << "/srv/dem.tif";
    QTest::newRow("store kept") << "store:events"
                                << "/x/copy.citytwin"
                                << "store:events";
    QTest::newRow("url kept") << "https://tiles.example/{z}/{x}/{y}.png"
                              << "/x/copy.citytwin"
                              << "https://tiles.example/{z}/{x}/{y}.png";
}

void TstLayerLoader::rebaseSourceUri()
{
    QFETCH(QString, uri);
    QFETCH(QString, to);
    QFETCH(QString, expected);
    const QString from = QStringLiteral("/data/city/pinghu.citytwin");
    const QString rebased = app::rebaseSourceUri(uri, from, to);
    QCOMPARE(rebased, expected);
    if (!uri.startsWith(QLatin1String("store:")) && !uri.contains(QLatin1String("://")))
        QCOMPARE(loader::resolveSource(rebased, to), loader::resolveSource(uri, from));
}

namespace {

//! 10×10 cells of 10 m over [0,100]², height = x / 10 (a slope rising to the east).
data::ElevationGrid slope()
{
    data::ElevationGrid dem;
    dem.grid.extent = {0.0, 0.0, 100.0, 100.0};
    dem.grid.width = 10;
    dem.grid.height = 10;
    dem.heights.resize(100);
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 10; ++c)
            dem.heights[size_t(r * 10 + c)] = float((c + 0.5) * 10.0 / 10.0);
    return dem;
}

data::Footprint square(double x0, double y0, double side)
{
    data::Footprint fp;
    fp.id = 1;
    fp.height = 12.0;
    fp.outer = {{x0, y0, 0}, {x0 + side, y0, 0}, {x0 + side, y0 + side, 0}, {x0, y0 + side, 0}};
    return fp;
}

} // namespace

void TstLayerLoader::drapeUsesLowestHeightUnderFootprint()
{
    const data::ElevationGrid dem = slope();
    std::vector<data::Footprint> fps{square(40.0, 40.0, 20.0)};
    loader::drapeFootprints(fps, dem);
    // West edge x = 40 → height 4 (bilinear between cell centres 35 and 45: 3.5 .. 4.5).
    QVERIFY2(std::abs(fps[0].baseZ - 4.0) < 1e-6, qPrintable(QString::number(fps[0].baseZ)));
}

void TstLayerLoader::drapeSeesDipInsideFootprint()
{
    data::ElevationGrid dem = slope();
    // A pit in the cell centred at (55, 55): no vertex of the 40..70 square touches its centre.
    dem.heights[size_t(4 * 10 + 5)] = -3.0f;
    std::vector<data::Footprint> fps{square(40.0, 40.0, 30.0)};
    loader::drapeFootprints(fps, dem);
    QCOMPARE(fps[0].baseZ, -3.0);
}

void TstLayerLoader::drapeLeavesFootprintsOffTheDem()
{
    const data::ElevationGrid dem = slope();
    std::vector<data::Footprint> fps{square(500.0, 500.0, 10.0)};
    fps[0].baseZ = 7.5;
    loader::drapeFootprints(fps, dem);
    QCOMPARE(fps[0].baseZ, 7.5);
}

void TstLayerLoader::pipesFollowTheTerrain()
{
    const data::ElevationGrid dem = slope();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    data::PipeLine draped;
    draped.depthM = 1.5;
    draped.points = {{5.0, 50.0, nan}, {95.0, 50.0, nan}}; // 90 m up the slope: 0.5 m → 9.5 m ground
    data::PipeLine surveyed = draped;
    surveyed.points = {{5.0, 60.0, -3.0}, {95.0, 60.0, -2.0}}; // elevations given: kept as they are
    std::vector<data::PipeLine> pipes{draped, surveyed};
    app::loader::hangUnderTerrain(pipes, &dem);
    QCOMPARE(pipes[0].points.size(), size_t(19)); // 90 m in 5 m steps
    for (size_t i = 0; i + 1 < pipes[0].points.size(); ++i) {
        const data::ProjectedPoint& p = pipes[0].points[i];
        QVERIFY(std::hypot(pipes[0].points[i + 1].x - p.x, pipes[0].points[i + 1].y - p.y) <= 5.0 + 1e-9);
        QCOMPARE(p.z, *dem.heightAt(p.x, p.y) - 1.5);
    }
    QCOMPARE(pipes[1].points.size(), size_t(2));
    QCOMPARE(pipes[1].points[0].z, -3.0);
    // Without a DEM the surface is taken as 0.
    std::vector<data::PipeLine> flat{draped};
    app::loader::hangUnderTerrain(flat, nullptr);
    QCOMPARE(flat[0].points.back().z, -1.5);
}

QTEST_GUILESS_MAIN(TstLayerLoader)
#include "tst_layerloader.moc"
