// The small demo's home view against a committed reference image, with a tolerance: catches
// regressions anywhere in the chain (generator, readers, builders, shaders, camera).
// Re-create the reference deliberately with CITYTWIN_UPDATE_REFERENCE=1.
#include "SmallDemo.h"
#include "app/ProjectSession.h"
#include "scene/OffscreenRenderer.h"
#include "tests/common/TestPaths.h"

#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>

using namespace citytwin;

namespace {

constexpr int kWidth = 480;
constexpr int kHeight = 270;
//! A pixel differs when one channel is off by more than this (llvmpipe rasterisation jitter).
constexpr int kChannelTolerance = 24;
//! The render fails when more than this fraction of pixels differ.
constexpr double kMaxDifferingFraction = 0.01;

QImage toQImage(const osg::Image& image)
{
    QImage out(image.s(), image.t(), QImage::Format_RGBA8888);
    for (int row = 0; row < image.t(); ++row)
        std::memcpy(out.scanLine(row), image.data(0, row), size_t(image.s()) * 4);
    return out.convertToFormat(QImage::Format_RGB32);
}

} // namespace

//! Fraction of pixels of A and B whose largest channel difference exceeds kChannelTolerance.
double differingFraction(const QImage& a, const QImage& b, QImage* diff = nullptr)
{
    if (diff)
        *diff = QImage(a.size(), QImage::Format_RGB32);
    qint64 differing = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y);
            const QRgb q = b.pixel(x, y);
            const int d = std::max({std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)),
                                    std::abs(qBlue(p) - qBlue(q))});
            if (d > kChannelTolerance)
                ++differing;
            if (diff) // grey = agreement (faded actual), red = differing pixel
                diff->setPixel(x, y,
                               d > kChannelTolerance ? qRgb(255, 0, 0)
                                                     : qRgb(qGray(p) / 3, qGray(p) / 3, qGray(p) / 3));
        }
    }
    return double(differing) / double(a.width() * a.height());
}

class TstDemoReference : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void homeViewMatchesReference();
    void layerEditsReachTheRender();

private:
    QImage renderHome();

    QTemporaryDir m_dir;
    std::unique_ptr<app::ProjectSession> m_session;
};

void TstDemoReference::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        QSKIP("needs an X display for OpenGL (run the render label under Xvfb)");
    QVERIFY(m_dir.isValid());
    auto demo = test::makeSmallDemo(m_dir.path());
    QVERIFY2(demo, qPrintable(demo.status().message()));
    auto opened = app::ProjectSession::open(*demo, app::ProjectSession::OpenMode::ReadOnly);
    QVERIFY2(opened, qPrintable(opened.status().message()));
    m_session = std::move(*opened);
    QVERIFY(m_session->loadAllBlocking());
    QVERIFY(m_session->project().view(QStringLiteral("home")));
}

QImage TstDemoReference::renderHome()
{
    auto image = scene::OffscreenRenderer::render(
        m_session->scene().root(), *m_session->project().view(QStringLiteral("home")), kWidth, kHeight);
    if (!image) {
        qWarning() << image.status().message();
        return {};
    }
    return toQImage(**image);
}

void TstDemoReference::homeViewMatchesReference()
{
    const QImage actual = renderHome();
    QVERIFY(!actual.isNull());

    const QString reference = test::sourceDir() + QStringLiteral("/tests/app/reference/demo_home.png");
    const QString outDir = test::testOutputDir(QStringLiteral("app"));
    if (qEnvironmentVariable("CITYTWIN_UPDATE_REFERENCE") == QLatin1String("1")) {
        QVERIFY(actual.save(reference));
        QSKIP(qPrintable(QStringLiteral("reference written to %1: inspect it and commit it").arg(reference)));
    }
    const QImage expected = QImage(reference).convertToFormat(QImage::Format_RGB32);
    QVERIFY2(!expected.isNull(), qPrintable(QStringLiteral("%1 is missing; create it with "
                                                           "CITYTWIN_UPDATE_REFERENCE=1")
                                                .arg(reference)));
    QCOMPARE(expected.size(), actual.size());

    QImage diff(actual.size(), QImage::Format_RGB32);
    qint64 differing = 0;
    for (int y = 0; y < actual.height(); ++y) {
        for (int x = 0; x < actual.width(); ++x) {
            const QRgb a = actual.pixel(x, y);
            const QRgb e = expected.pixel(x, y);
            const int d = std::max({std::abs(qRed(a) - qRed(e)), std::abs(qGreen(a) - qGreen(e)),
                                    std::abs(qBlue(a) - qBlue(e))});
            if (d > kChannelTolerance)
                ++differing;
            // Grey = agreement (faded actual), red = differing pixel.
            diff.setPixel(x, y,
                          d > kChannelTolerance ? qRgb(255, 0, 0)
                                                : qRgb(qGray(a) / 3, qGray(a) / 3, qGray(a) / 3));
        }
    }
    const double fraction = double(differing) / double(actual.width() * actual.height());
    if (fraction > kMaxDifferingFraction) {
        actual.save(outDir + QStringLiteral("/demo_home_actual.png"));
        diff.save(outDir + QStringLiteral("/demo_home_diff.png"));
        QFAIL(qPrintable(
            QStringLiteral("%1% of the pixels differ from %2 (allowed %3%); see demo_home_actual.png "
                           "and demo_home_diff.png in %4")
                .arg(fraction * 100.0, 0, 'f', 2)
                .arg(reference)
                .arg(kMaxDifferingFraction * 100.0)
                .arg(outDir)));
    }
}

void TstDemoReference::layerEditsReachTheRender()
{
    app::ProjectSession& s = *m_session;
    const data::LayerId imagery = test::firstLayerOf(s.project(), data::LayerKind::Imagery);
    const data::LayerId buildings = test::firstLayerOf(s.project(), data::LayerKind::Buildings);
    const QImage normal = renderHome();
    QVERIFY(!normal.isNull());

    // The imagery has no node of its own: hiding it must still change the terrain's look.
    s.setLayerVisible(imagery, false);
    const QImage noImagery = renderHome();
    QVERIFY2(differingFraction(normal, noImagery) > 0.05,
             qPrintable(QString::number(differingFraction(normal, noImagery))));
    s.setLayerVisible(imagery, true);
    s.setLayerOpacity(imagery, 0.0);
    const QImage transparentImagery = renderHome();
    QVERIFY2(differingFraction(noImagery, transparentImagery) < 0.01,
             qPrintable(QString::number(differingFraction(noImagery, transparentImagery))));
    s.setLayerOpacity(imagery, 1.0);
    QVERIFY(differingFraction(normal, renderHome()) < 0.001);

    s.setLayerVisible(buildings, false);
    const QImage noBuildings = renderHome();
    QVERIFY(differingFraction(normal, noBuildings) > 0.005);
    s.setLayerVisible(buildings, true);
    QVERIFY(differingFraction(normal, renderHome()) < 0.001);
}

QTEST_GUILESS_MAIN(TstDemoReference)
#include "tst_demo_reference.moc"
