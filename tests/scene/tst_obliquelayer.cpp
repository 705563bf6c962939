// buildObliqueLayer + OffscreenRenderer (needs an X display: xvfb-run -a). The shared real tile
// (fanvanzh test.osgb, whose PagedLOD child page is missing) loads, renders and picks by its tile
// name; a generated dataset (a PagedLOD root with a red coarse quad and three finer levels,
// written with osgDB, placed via gis::openObliqueDataset) shows the deepest page's colour at its
// pixel once the DatabasePager paged in level after level; corrupt roots are errors naming the file.
// Images: test-output/scene/oblique_*.png.
#include "tests/common/PixelProbe.h"
#include "RenderHelpers.h"
#include "gis/ObliqueDataset.h"
#include "scene/ObliqueLayer.h"
#include "scene/OffscreenRenderer.h"
#include "scene/Picker.h"
#include "tests/common/TestPaths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/PagedLOD>
#include <osgDB/WriteFile>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

using test::pixelAt;
using test::Rgb;
using test::str;

constexpr int kWidth = 320;
constexpr int kHeight = 240;
const std::array<double, 16> kIdentity{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
const data::ProjectedPoint kOrigin{500000, 3400000, 0};
//! The generated tiles' SRSOrigin (EPSG:4549): local (100, 200, 5) in the project frame.
const data::ProjectedPoint kSrsOrigin{500100, 3400200, 5};
constexpr float kSwitchDistance = 300.0f; //!< nearer than this the finer page is drawn

data::SavedView lookAt(const osg::Vec3d& target, double range)
{
    data::SavedView v;
    v.target = {target.x(), target.y(), target.z()};
    v.pitchDeg = -89.0;
    v.rangeM = range;
    return v;
}

//! An unlit SIZE m square at height Z in tile coordinates, one colour.
osg::ref_ptr<osg::Geode> quad(float size, float z, const osg::Vec4& colour)
{
    osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
    osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
    const float h = size / 2;
    v->push_back({-h, -h, z});
    v->push_back({h, -h, z});
    v->push_back({h, h, z});
    v->push_back({-h, h, z});
    g->setVertexArray(v);
    osg::ref_ptr<osg::Vec4Array> c = new osg::Vec4Array;
    c->push_back(colour);
    g->setColorArray(c, osg::Array::BIND_OVERALL);
    g->addPrimitiveSet(new osg::DrawArrays(GL_QUADS, 0, 4));
    g->getOrCreateStateSet()->setMode(GL_LIGHTING, osg::StateAttribute::OFF);
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(g);
    return geode;
}

//! A PagedLOD drawing COARSE beyond kSwitchDistance and the page file PAGE nearer.
osg::ref_ptr<osg::PagedLOD> pagedQuad(const osg::Vec4& colour, const std::string& page)
{
    osg::ref_ptr<osg::PagedLOD> lod = new osg::PagedLOD;
    lod->setCenterMode(osg::LOD::USER_DEFINED_CENTER);
    lod->setCenter(osg::Vec3(0, 0, 0));
    lod->setRadius(75.0f);
    lod->addChild(quad(100, 0, colour), kSwitchDistance, 1e30f);
    lod->setFileName(1, page);
    lod->setRange(1, 0, kSwitchDistance);
    return lod;
}

//! DIR/metadata.xml (EPSG:4549 at kSrsOrigin) and Data/Tile_+000_+000/: the root PagedLOD (red)
//! pages in L1 (green), which pages in L2 (yellow), which pages in the blue L3. Each level is asked
//! for only once the one above is merged, so blue needs more frames than a renderer draws
//! unless it waits for the pager.
bool writeDataset(const QString& dir)
{
    const QString tileDir = dir + QStringLiteral("/Data/Tile_+000_+000");
    QDir().mkpath(tileDir);
    QFile meta(dir + QStringLiteral("/metadata.xml"));
    if (!meta.open(QIODevice::WriteOnly))
        return false;
    meta.write(QStringLiteral("<?xml version=\"1.0\"?>\n<ModelMetadata version=\"1\"><SRS>EPSG:4549</SRS>"
                              "<SRSOrigin>%1,%2,%3</SRSOrigin></ModelMetadata>\n")
                   .arg(kSrsOrigin.x, 0, 'f', 1)
                   .arg(kSrsOrigin.y, 0, 'f', 1)
                   .arg(kSrsOrigin.z, 0, 'f', 1)
                   .toUtf8());
    meta.close();
    auto file = [&](const char* name) {
        return QFile::encodeName(tileDir + QLatin1Char('/') + QLatin1String(name)).toStdString();
    };
    return osgDB::writeNodeFile(*pagedQuad({1, 0, 0, 1}, "Tile_+000_+000_L1.osgb"),
                                file("Tile_+000_+000.osgb")) &&
           osgDB::writeNodeFile(*pagedQuad({0, 1, 0, 1}, "Tile_+000_+000_L2.osgb"),
                                file("Tile_+000_+000_L1.osgb")) &&
           osgDB::writeNodeFile(*pagedQuad({1, 1, 0, 1}, "Tile_+000_+000_L3.osgb"),
                                file("Tile_+000_+000_L2.osgb")) &&
           osgDB::writeNodeFile(*quad(100, 0, {0, 0, 1, 1}), file("Tile_+000_+000_L3.osgb"));
}

} // namespace

class TestObliqueLayer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_renderer.reset(); }
    void sharedTileRendersWithoutItsMissingPage();
    void pagerPagesInTheFinerLevel();
    void truncatedPageLeavesTheCoarserLevel();
    void corruptRootsAreErrorsNamingTheFile_data();
    void corruptRootsAreErrorsNamingTheFile();
    void readableRootsAreKeptBesideBrokenOnes();

private:
    osg::ref_ptr<osg::Image> render(osg::Node* root, const data::SavedView& view, const QString& name,
                                    OffscreenRenderer::Stats& stats)
    {
        return test::renderNode(*m_renderer, root, view, QStringLiteral("oblique_") + name, &stats);
    }

    std::unique_ptr<OffscreenRenderer> m_renderer;
};

void TestObliqueLayer::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        QSKIP("no X display: run under xvfb-run -a");
    m_renderer = std::make_unique<OffscreenRenderer>(kWidth, kHeight);
    QVERIFY2(m_renderer->isValid(), qPrintable(m_renderer->status().message()));
    m_renderer->setRefineTimeout(20.0);
}

void TestObliqueLayer::sharedTileRendersWithoutItsMissingPage()
{
    const QString file = test::sharedDataFile(QStringLiteral("osgb/fanvanzh_3dtiles/test.osgb"));
    if (file.isEmpty())
        QSKIP("shared data osgb/fanvanzh_3dtiles/test.osgb is absent");
    auto layer = buildObliqueLayer({file}, kIdentity, {0, 0, 0});
    QVERIFY2(layer, qPrintable(layer.status().message()));
    osg::ref_ptr<osg::Node> node = layer.value();
    QVERIFY(obliqueLayerWarning(*node).isEmpty());
    const osg::BoundingSphere bound = node->getBound();
    QVERIFY(bound.valid() && bound.radius() > 1.0f);

    // Close enough that the PagedLOD asks for its finer page, which is not there.
    OffscreenRenderer::Stats stats;
    osg::ref_ptr<osg::Image> image =
        render(node.get(), lookAt(bound.center(), 4.0 * bound.radius()), "shared", stats);
    QVERIFY(image);
    QVERIFY2(stats.refined, "the missing page kept the renderer waiting until its timeout");
    QVERIFY(stats.triangles > 0);
    const QPoint centre(kWidth / 2, kHeight / 2);
    const Rgb c = pixelAt(*image, centre);
    const osg::Vec4 clear = m_renderer->camera()->getClearColor();
    QVERIFY2(std::abs(c.r - int(clear.r() * 255)) + std::abs(c.g - int(clear.g() * 255)) > 20,
             "the tile's texture does not show in the middle of the view");
    const auto hit = Picker::pick(*m_renderer->camera(), node.get(), centre.x(), centre.y());
    QVERIFY(hit);
    QCOMPARE(hit->nodeName, QStringLiteral("test"));
}

void TestObliqueLayer::pagerPagesInTheFinerLevel()
{
    QTemporaryDir tmp;
    QVERIFY(writeDataset(tmp.path()));
    auto dataset = gis::openObliqueDataset(tmp.path(), QStringLiteral("EPSG:4549"));
    QVERIFY2(dataset, qPrintable(dataset.status().message()));
    auto layer = buildObliqueLayer(dataset->rootTiles, dataset->toProject, kOrigin);
    QVERIFY2(layer, qPrintable(layer.status().message()));
    osg::ref_ptr<osg::Node> node = layer.value();
    const osg::Vec3d centre(kSrsOrigin.x - kOrigin.x, kSrsOrigin.y - kOrigin.y, kSrsOrigin.z - kOrigin.z);

    OffscreenRenderer::Stats stats;
    osg::ref_ptr<osg::Image> far = render(node.get(), lookAt(centre, 1500), "far", stats);
    QVERIFY(far);
    const Rgb coarse = pixelAt(*far, test::screenPixel(*m_renderer->camera(), centre));
    QVERIFY2(coarse.r > 200 && coarse.b < 60,
             qPrintable(QStringLiteral("%1 %2 %3").arg(coarse.r).arg(coarse.g).arg(coarse.b)));

    osg::ref_ptr<osg::Image> near = render(node.get(), lookAt(centre, 150), "near", stats);
    QVERIFY(near);
    QVERIFY(stats.refined);
    // The quad's corner 40 m east and north of the origin: placed by toProject, blue from the deepest page.
    const QPoint p = test::screenPixel(*m_renderer->camera(), centre + osg::Vec3d(40, 40, 0));
    QVERIFY(p.x() > 0 && p.x() < kWidth && p.y() > 0 && p.y() < kHeight);
    const Rgb fine = pixelAt(*near, p);
    QVERIFY2(fine.b > 200 && fine.r < 60,
             qPrintable(QStringLiteral("%1 %2 %3").arg(fine.r).arg(fine.g).arg(fine.b)));
    // 60 m out lies beyond the quad: the placement puts the edge where it belongs.
    const Rgb outside =
        pixelAt(*near, test::screenPixel(*m_renderer->camera(), centre + osg::Vec3d(60, 0, 0)));
    QVERIFY(!(outside.b > 200 && outside.r < 60));
    const auto hit = Picker::pick(*m_renderer->camera(), node.get(), p.x(), p.y());
    QVERIFY(hit);
    QCOMPARE(hit->nodeName, QStringLiteral("Tile_+000_+000"));
}

void TestObliqueLayer::truncatedPageLeavesTheCoarserLevel()
{
    QTemporaryDir tmp;
    QVERIFY(writeDataset(tmp.path()));
    // L2 cut short: the pager's read of it must fail (not loop), and L1's green stays.
    QFile page(tmp.filePath(QStringLiteral("Data/Tile_+000_+000/Tile_+000_+000_L2.osgb")));
    QVERIFY(page.open(QIODevice::ReadWrite));
    QVERIFY(page.resize(200));
    page.close();
    auto dataset = gis::openObliqueDataset(tmp.path(), QStringLiteral("EPSG:4549"));
    QVERIFY2(dataset, qPrintable(dataset.status().message()));
    auto layer = buildObliqueLayer(dataset->rootTiles, dataset->toProject, kOrigin);
    QVERIFY2(layer, qPrintable(layer.status().message()));
    const osg::Vec3d centre(kSrsOrigin.x - kOrigin.x, kSrsOrigin.y - kOrigin.y, kSrsOrigin.z - kOrigin.z);
    OffscreenRenderer::Stats stats;
    osg::ref_ptr<osg::Image> near = render(layer.value().get(), lookAt(centre, 150), "truncated_page", stats);
    QVERIFY(near);
    QVERIFY(stats.refined);
    const Rgb c = pixelAt(*near, test::screenPixel(*m_renderer->camera(), centre + osg::Vec3d(40, 40, 0)));
    QVERIFY2(c.g > 200 && c.r < 60 && c.b < 60,
             qPrintable(QStringLiteral("%1 %2 %3").arg(c.r).arg(c.g).arg(c.b)));
}

void TestObliqueLayer::corruptRootsAreErrorsNamingTheFile_data()
{
    QTest::addColumn<int>("keep"); // bytes of the real tile kept; -1: a text file
    // OSG's own reader loops on garbage sizes after the end of a truncated file: every cut must end.
    for (int keep : {16, 40, 200, 1000, 3000, 8000, 15000, 23000})
        QTest::addRow("truncated at %d", keep) << keep;
    QTest::newRow("text") << -1;
}

void TestObliqueLayer::corruptRootsAreErrorsNamingTheFile()
{
    QFETCH(int, keep);
    QTemporaryDir tmp;
    QByteArray bytes = "this is no OSGB tile\n";
    if (keep >= 0) {
        const QString file = test::sharedDataFile(QStringLiteral("osgb/fanvanzh_3dtiles/test.osgb"));
        if (file.isEmpty())
            QSKIP("shared data osgb/fanvanzh_3dtiles/test.osgb is absent");
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        bytes = in.read(keep);
    }
    const QString broken = tmp.filePath(QStringLiteral("Tile_+009_+009.osgb"));
    QFile out(broken);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes);
    out.close();
    auto layer = buildObliqueLayer({broken}, kIdentity, kOrigin);
    QVERIFY(!layer);
    QVERIFY2(layer.status().message().contains(broken), qPrintable(layer.status().message()));
}

void TestObliqueLayer::readableRootsAreKeptBesideBrokenOnes()
{
    QTemporaryDir tmp;
    QVERIFY(writeDataset(tmp.path()));
    const QString good = tmp.filePath(QStringLiteral("Data/Tile_+000_+000/Tile_+000_+000.osgb"));
    const QString missing = tmp.filePath(QStringLiteral("Data/Tile_+001_+000/Tile_+001_+000.osgb"));
    auto layer = buildObliqueLayer({good, missing}, kIdentity, kOrigin);
    QVERIFY2(layer, qPrintable(layer.status().message()));
    const QString warning = obliqueLayerWarning(*layer.value());
    QVERIFY2(warning.contains(missing) && warning.contains(QStringLiteral("1 of 2")), qPrintable(warning));
    QCOMPARE(layer.value()->asGroup()->getNumChildren(), 1u);
}

QTEST_GUILESS_MAIN(TestObliqueLayer)
#include "tst_obliquelayer.moc"
