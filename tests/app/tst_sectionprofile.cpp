// The section profile painter without a window: the layout fits the ground and every pipe in the
// plot (or keeps a fixed vertical exaggeration), pipes are drawn to scale in their network colours
// (a box as a box, never smaller than a few pixels), and a click finds the pipe under it.
#include "app/SectionProfilePainter.h"
#include "data/PipeMapping.h"

#include <QImage>
#include <QPainter>
#include <QTest>
#include <cmath>

using namespace citytwin;
using app::SectionResult;

namespace {

data::PipeCrossing crossing(std::int64_t id, double distance, double centreZ, double diameter,
                            data::PipeNetwork network)
{
    data::PipeCrossing c;
    c.pipeId = id;
    c.distanceM = distance;
    c.centreZ = centreZ;
    c.diameterM = diameter;
    c.network = network;
    c.groundZ = 10.0;
    c.depthCentreM = 10.0 - centreZ;
    return c;
}

//! 100 m of flat ground at 10 m over a water pipe at 25 m (centre 8 m, Ø1 m) and a 2 × 1 m
//! power duct at 70 m (centre 7 m).
SectionResult sample()
{
    SectionResult s;
    s.lengthM = 100.0;
    s.line = {{0, 0, 0}, {100, 0, 0}};
    for (int d = 0; d <= 100; d += 10)
        s.ground.push_back({double(d), double(d), 0.0, 10.0});
    s.crossings.push_back(crossing(1, 25.0, 8.0, 1.0, data::PipeNetwork::WaterSupply));
    data::PipeCrossing box = crossing(2, 70.0, 7.0, 0.0, data::PipeNetwork::Power);
    box.section = data::PipeSection::Box;
    box.widthM = 2.0;
    box.heightM = 1.0;
    s.crossings.push_back(box);
    s.hasGround = true;
    return s;
}

QColor colourOf(data::PipeNetwork network)
{
    const auto rgb = data::pipeNetworkColour(network);
    return QColor::fromRgbF(rgb[0], rgb[1], rgb[2]);
}

bool near(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) <= 2 && std::abs(a.green() - b.green()) <= 2 &&
           std::abs(a.blue() - b.blue()) <= 2;
}

} // namespace

class TstSectionProfile : public QObject
{
    Q_OBJECT
private slots:
    void fitLayoutHoldsGroundAndPipes();
    void fixedExaggeration();
    void pipesAreDrawnToScale();
    void clickFindsThePipe();
};

void TstSectionProfile::fitLayoutHoldsGroundAndPipes()
{
    const SectionResult s = sample();
    const QRectF rect(0, 0, 800, 300);
    const app::SectionProfileLayout layout = app::layoutSectionProfile(rect, s, 0.0);
    QVERIFY(rect.contains(layout.plot));
    QCOMPARE(layout.toPixel(0.0, 10.0).x(), layout.plot.left());
    QVERIFY(std::abs(layout.toPixel(100.0, 10.0).x() - layout.plot.right()) < 1e-9);
    // The ground and the deepest bottom (6.5 m) inside, with room around them.
    QVERIFY(layout.toPixel(0.0, 10.0).y() > layout.plot.top());
    QVERIFY(layout.toPixel(70.0, 6.5).y() < layout.plot.bottom());
    QVERIFY(std::abs(layout.exaggeration - layout.heightScale / layout.distanceScale) < 1e-12);
    QVERIFY(layout.exaggeration > 1.0); // 100 m long, a few metres deep: stretched
}

void TstSectionProfile::fixedExaggeration()
{
    const SectionResult s = sample();
    const app::SectionProfileLayout layout = app::layoutSectionProfile(QRectF(0, 0, 800, 300), s, 5.0);
    QVERIFY(std::abs(layout.exaggeration - 5.0) < 1e-12);
    QVERIFY(std::abs(layout.heightScale - 5.0 * layout.distanceScale) < 1e-12);
    // One metre down is five times as many pixels as one metre along.
    const QPointF a = layout.toPixel(10.0, 10.0);
    const QPointF b = layout.toPixel(11.0, 9.0);
    QVERIFY(std::abs((b.y() - a.y()) - 5.0 * (b.x() - a.x())) < 1e-9);
}

void TstSectionProfile::pipesAreDrawnToScale()
{
    const SectionResult s = sample();
    QImage image(800, 300, QImage::Format_RGB32);
    QPainter painter(&image);
    app::SectionPaintOptions options;
    options.labels = false; // no QGuiApplication here: no fonts
    options.verticalExaggeration = 10.0;
    const app::SectionProfileLayout layout =
        app::paintSectionProfile(painter, QRectF(image.rect()), s, options);
    painter.end();
    const QPointF water = layout.toPixel(25.0, 8.0);
    const QPointF power = layout.toPixel(70.0, 7.0);
    QVERIFY(near(image.pixelColor(water.toPoint()), colourOf(data::PipeNetwork::WaterSupply)));
    QVERIFY(near(image.pixelColor(power.toPoint()), colourOf(data::PipeNetwork::Power)));
    // The duct is 1 m high: at ×10 its top and bottom edges are 10 × distanceScale pixels apart.
    const double halfHeightPx = 0.5 * layout.heightScale;
    QVERIFY(near(image.pixelColor(QPointF(power.x(), power.y() - 0.6 * halfHeightPx).toPoint()),
                 colourOf(data::PipeNetwork::Power)));
    QVERIFY(!near(image.pixelColor(QPointF(power.x(), power.y() - 1.5 * halfHeightPx).toPoint()),
                  colourOf(data::PipeNetwork::Power)));
    // A box fills its corners; a circle does not.
    const double halfWidthPx = std::max(1.0 * layout.distanceScale, 3.5);
    QVERIFY(near(
        image.pixelColor(QPointF(power.x() + 0.75 * halfWidthPx, power.y() - 0.75 * halfHeightPx).toPoint()),
        colourOf(data::PipeNetwork::Power)));
    const double waterRx = std::max(0.5 * layout.distanceScale, 3.5);
    const double waterRy = 0.5 * layout.heightScale;
    QVERIFY(!near(image.pixelColor(QPointF(water.x() + 0.9 * waterRx, water.y() - 0.9 * waterRy).toPoint()),
                  colourOf(data::PipeNetwork::WaterSupply)));
}

void TstSectionProfile::clickFindsThePipe()
{
    const SectionResult s = sample();
    const app::SectionProfileLayout layout = app::layoutSectionProfile(QRectF(0, 0, 800, 300), s, 0.0);
    QCOMPARE(app::crossingAt(layout, s, layout.toPixel(25.0, 8.0)), 0);
    QCOMPARE(app::crossingAt(layout, s, layout.toPixel(70.0, 7.0) + QPointF(2, 2)), 1);
    QCOMPARE(app::crossingAt(layout, s, layout.toPixel(50.0, 9.0)), -1);
}

QTEST_GUILESS_MAIN(TstSectionProfile)
#include "tst_sectionprofile.moc"
