// TilesetNode drawn through OffscreenRenderer (needs an X display: xvfb-run -a): the renderer
// waits until the tileset has refined the view, so a far view shows the root's red and a near
// one the children's green at their pixels; a style set before loading colours tiles merged
// later. Images: test-output/scene/tileset_*.png.
#include "tests/common/PixelProbe.h"
#include "RenderHelpers.h"
#include "TilesetFixtures.h"
#include "scene/OffscreenRenderer.h"
#include "scene/TilesetNode.h"
#include "tests/common/TestPaths.h"

#include <QtTest>
#include <algorithm>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

using test::pixelAt;
using test::Rgb;
using test::str;

constexpr int kWidth = 320;
constexpr int kHeight = 240;

data::SavedView topDown(double x, double y, double range)
{
    data::SavedView v;
    v.target = {x, y, 0};
    v.pitchDeg = -89.0;
    v.rangeM = range;
    return v;
}

//! Channel I (0 r, 1 g, 2 b) clearly above the other two.
bool dominant(const Rgb& c, int i)
{
    const double v[3] = {c.r, c.g, c.b};
    return v[i] > v[(i + 1) % 3] + 50 && v[i] > v[(i + 2) % 3] + 50;
}

} // namespace

class TestTilesetRender : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_renderer.reset(); }
    void nearViewShowsTheChildTiles();
    void styleColoursTilesMergedLater();

private:
    osg::ref_ptr<osg::Image> render(TilesetNode& node, const data::SavedView& view, const QString& name)
    {
        OffscreenRenderer::Stats stats;
        osg::ref_ptr<osg::Image> image =
            test::renderNode(*m_renderer, &node, view, QStringLiteral("tileset_") + name, &stats);
        if (image && !stats.refined)
            qWarning() << name << "not refined";
        return stats.refined ? image : nullptr;
    }
    QPoint pixel(double x, double y, double z) const
    {
        return test::screenPixel(*m_renderer->camera(), osg::Vec3d(x, y, z));
    }

    std::unique_ptr<OffscreenRenderer> m_renderer;
};

void TestTilesetRender::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        QSKIP("no X display: run under xvfb-run -a");
    m_renderer = std::make_unique<OffscreenRenderer>(kWidth, kHeight);
    QVERIFY2(m_renderer->isValid(), qPrintable(m_renderer->status().message()));
    m_renderer->setRefineTimeout(20.0);
}

void TestTilesetRender::nearViewShowsTheChildTiles()
{
    auto control = std::make_shared<test::LoaderControl>();
    osg::ref_ptr<TilesetNode> node =
        new TilesetNode(test::tilesetTiles(), test::tilesetLoader(control), test::kTilesetOrigin);

    osg::ref_ptr<osg::Image> far = render(*node, topDown(0, 0, 20000), QStringLiteral("far"));
    QVERIFY(far);
    const Rgb rootColour = pixelAt(*far, pixel(-500, -500, test::kRootHeight));
    QVERIFY2(dominant(rootColour, 0), qPrintable(str(rootColour)));
    QCOMPARE(node->stats().drawn, 1);

    osg::ref_ptr<osg::Image> near = render(*node, topDown(0, 0, 2000), QStringLiteral("near"));
    QVERIFY(near);
    QCOMPARE(node->stats().drawn, 4);
    for (int i = 1; i <= 4; ++i) {
        const auto [cx, cy] = test::tileCentre(i);
        const Rgb c = pixelAt(*near, pixel(cx - 250, cy, test::kChildHeight));
        QVERIFY2(dominant(c, 1), qPrintable(QStringLiteral("tile %1: %2").arg(i).arg(str(c))));
    }
}

void TestTilesetRender::styleColoursTilesMergedLater()
{
    auto control = std::make_shared<test::LoaderControl>();
    osg::ref_ptr<TilesetNode> node =
        new TilesetNode(test::tilesetTiles(), test::tilesetLoader(control), test::kTilesetOrigin);
    // Set before any tile is loaded: applies as they merge.
    node->setFeatureStyle(
        [](const data::ModelFeature& f) -> std::optional<osg::Vec4f> {
            if (f.attribute(QStringLiteral("tile")) == QStringLiteral("4"))
                return osg::Vec4f(0.1f, 0.2f, 0.95f, 1.0f);
            return std::nullopt;
        },
        {}, false);
    osg::ref_ptr<osg::Image> near = render(*node, topDown(0, 0, 2000), QStringLiteral("styled"));
    QVERIFY(near);
    const Rgb styled = pixelAt(*near, pixel(250, 500, test::kChildHeight));
    QVERIFY2(dominant(styled, 2), qPrintable(str(styled)));
    const Rgb plain = pixelAt(*near, pixel(-750, -500, test::kChildHeight));
    QVERIFY2(dominant(plain, 1), qPrintable(str(plain)));
}

QTEST_GUILESS_MAIN(TestTilesetRender)
#include "tst_tilesetrender.moc"
