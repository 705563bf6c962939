// Real public rasters (../shared/data, see its PROVENANCE.md) drawn by the session's paged terrain land
// in the right place: the Mt Fuji DEM gives the summit its height under world-wide imagery, and
// imagery in a projected CRS, in lon/lat, as raster MBTiles (EPSG:3857) and as GPKG tiles shows, at
// the screen position of a map point, the colour GDAL reads from the file at that point. Every case
// is skipped with a reason when its file is absent.
#include "app/ProjectSession.h"
#include "gis/CrsTransformer.h"
#include "gis/GdalEnvironment.h"
#include "scene/OffscreenRenderer.h"
#include "scene/Picker.h"
#include "tests/app/FileSampler.h"
#include "tests/common/TestPaths.h"

#include <QElapsedTimer>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <vector>
#include <osg/Viewport>

using namespace citytwin;
using test::colourDistance;
using test::FileSampler;
using test::meanColour;

namespace {

constexpr int kWidth = 320;
constexpr int kHeight = 240;

struct LayerFile
{
    QString path;
    data::LayerKind kind;
};

QImage toQImage(const osg::Image& image)
{
    QImage out(image.s(), image.t(), QImage::Format_RGBA8888);
    for (int row = 0; row < image.t(); ++row)
        std::memcpy(out.scanLine(row), image.data(0, row), size_t(image.s()) * 4);
    return out.convertToFormat(QImage::Format_RGB32);
}

//! Rendered vs file colours over a grid of screen points, for the true mapping and for wrong ones.
struct Agreement
{
    int samples = 0;
    int mirroredSamples = 0; //!< mirrored/shifted points may fall outside the file or on transparency
    int shiftedSamples = 0;
    double trueDiff = 0.0;     //!< mean colour distance at the true map position
    double trueMedian = 0.0;   //!< its median: edges blur differently (GL filtering vs nearest pixel)
    double gain = 0.0;         //!< drawn / file brightness (lighting), applied before comparing
    double mirroredDiff = 0.0; //!< the same screen colours vs the file mirrored about the view centre
    double shiftedDiff = 0.0;  //!< … vs the file shifted by a sixth of the view
    QString describe() const
    {
        return QStringLiteral("%1 samples: colour distance mean %2 median %7 (mirrored %3 over %4, shifted "
                              "%5 over %6), brightness gain %8")
            .arg(samples)
            .arg(trueDiff, 0, 'f', 1)
            .arg(mirroredDiff, 0, 'f', 1)
            .arg(mirroredSamples)
            .arg(shiftedDiff, 0, 'f', 1)
            .arg(shiftedSamples)
            .arg(trueMedian, 0, 'f', 1)
            .arg(gain, 0, 'f', 3);
    }
};

} // namespace

class TstRealBasemap : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void fujiDemAndWorldImagery();
    void imageryLandsWhereTheFileSaysSo_data();
    void imageryLandsWhereTheFileSaysSo();

private:
    //! A session in CRS with its origin at (LON, LAT) and the given layers, all loaded; empty + a
    //! failure message on error.
    std::unique_ptr<app::ProjectSession> openSession(const QString& name, const QString& crs, double lon,
                                                     double lat, const std::vector<LayerFile>& layers);
    //! Renders VIEW straight down with RENDERER and saves NAME.png in the test output dir.
    QImage render(scene::OffscreenRenderer& renderer, app::ProjectSession& session,
                  const data::SavedView& view, const QString& name);
    //! Local ground point under screen pixel (COL, ROW), intersecting the plane z = GROUNDZ.
    static osg::Vec3d groundUnder(const osg::Camera& camera, double col, double row, double groundZ);
    Agreement compare(const QImage& image, const osg::Camera& camera, const app::ProjectSession& session,
                      const FileSampler& file, double groundZ) const;

    QTemporaryDir m_dir;
    QString m_failure;
};

void TstRealBasemap::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        QSKIP("needs an X display for OpenGL (run the render label under Xvfb)");
    QVERIFY(m_dir.isValid());
    gis::ensureGdalRegistered();
}

std::unique_ptr<app::ProjectSession> TstRealBasemap::openSession(const QString& name, const QString& crs,
                                                                double lon, double lat,
                                                                const std::vector<LayerFile>& layers)
{
    m_failure.clear();
    auto toProject = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), crs);
    if (!toProject) {
        m_failure = toProject.status().message();
        return {};
    }
    auto origin = toProject->forward({lon, lat, 0.0});
    if (!origin) {
        m_failure = origin.status().message();
        return {};
    }
    data::Project project;
    project.name = name;
    project.crs = crs;
    project.origin = {std::round(origin->x), std::round(origin->y), 0.0};
    int order = 0;
    for (const LayerFile& file : layers) {
        data::LayerSettings l;
        l.name = QFileInfo(file.path).completeBaseName();
        l.kind = file.kind;
        l.group = data::LayerGroup::Basemap;
        l.order = order++;
        l.sourceUri = file.path;
        project.addLayer(l);
    }
    auto created = app::ProjectSession::create(m_dir.filePath(name + QStringLiteral(".citytwin")), project);
    if (!created) {
        m_failure = created.status().message();
        return {};
    }
    std::unique_ptr<app::ProjectSession> session = std::move(*created);
    if (!session->loadAllBlocking())
        m_failure = name + QStringLiteral(": loadAllBlocking failed");
    for (const data::LayerSettings& l : session->project().layers())
        if (session->layerState(l.id) != app::ProjectSession::LayerState::Ready)
            m_failure = l.name + QStringLiteral(" not ready: ") + session->layerError(l.id);
    if (!session->terrainEngine())
        m_failure = name + QStringLiteral(": no terrain engine");
    return m_failure.isEmpty() ? std::move(session) : nullptr;
}

QImage TstRealBasemap::render(scene::OffscreenRenderer& renderer, app::ProjectSession& session,
                              const data::SavedView& view, const QString& name)
{
    auto image = renderer.renderImage(session.scene().root(), view);
    if (!image) {
        m_failure = image.status().message();
        return {};
    }
    QImage out = toQImage(**image);
    out.save(test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/realbasemap_%1.png").arg(name));
    return out;
}

osg::Vec3d TstRealBasemap::groundUnder(const osg::Camera& camera, double col, double row, double groundZ)
{
    const osg::Matrixd toWindow =
        camera.getViewMatrix() * camera.getProjectionMatrix() * camera.getViewport()->computeWindowMatrix();
    const osg::Matrixd fromWindow = osg::Matrixd::inverse(toWindow);
    // Window y grows upwards; the centre of image pixel (col, row) is at (col + 0.5, H - row - 0.5).
    const double wx = col + 0.5, wy = camera.getViewport()->height() - row - 0.5;
    const osg::Vec3d nearP = osg::Vec3d(wx, wy, 0.0) * fromWindow;
    const osg::Vec3d farP = osg::Vec3d(wx, wy, 1.0) * fromWindow;
    const double t = (groundZ - nearP.z()) / (farP.z() - nearP.z());
    return nearP + (farP - nearP) * t;
}

Agreement TstRealBasemap::compare(const QImage& image, const osg::Camera& camera,
                                  const app::ProjectSession& session, const FileSampler& file,
                                  double groundZ) const
{
    const data::ProjectedPoint origin = session.project().origin;
    const osg::Vec3d centre = groundUnder(camera, kWidth / 2.0 - 0.5, kHeight / 2.0 - 0.5, groundZ);
    const osg::Vec3d right = groundUnder(camera, kWidth - 0.5, kHeight / 2.0 - 0.5, groundZ);
    const double shift = (right - centre).length() / 3.0; // a sixth of the view's width
    qInfo().noquote() << QStringLiteral("view centre (%1, %2), half width %3 m")
                             .arg(origin.x + centre.x(), 0, 'f', 0)
                             .arg(origin.y + centre.y(), 0, 'f', 0)
                             .arg((right - centre).length(), 0, 'f', 0);

    // The file's colour averaged over the ground of the 3×3 screen pixels around (col, row); a
    // mapping (identity, mirror, shift) moves the local ground point before reading the file.
    auto fileColour = [&](int col, int row, auto mapping) -> std::optional<QColor> {
        double sum[3] = {0, 0, 0};
        int n = 0;
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                const osg::Vec3d g = mapping(groundUnder(camera, col + dx, row + dy, groundZ));
                const auto c = file.colourAt(origin.x + g.x(), origin.y + g.y());
                if (!c)
                    return std::nullopt;
                sum[0] += c->red();
                sum[1] += c->green();
                sum[2] += c->blue();
                ++n;
            }
        return QColor(int(sum[0] / n + 0.5), int(sum[1] / n + 0.5), int(sum[2] / n + 0.5));
    };
    const auto identity = [](const osg::Vec3d& g) { return g; };
    const auto mirrored = [&](const osg::Vec3d& g) { return centre * 2.0 - g; };
    const auto shifted = [&](const osg::Vec3d& g) { return g + osg::Vec3d(shift, -shift, 0.0); };

    struct Sample
    {
        QColor drawn;
        QColor truth;
        std::optional<QColor> mirror, moved;
    };
    std::vector<Sample> samples;
    for (int row = 15; row < kHeight - 10; row += 15)
        for (int col = 15; col < kWidth - 10; col += 15) {
            // Only where the file has an opaque colour (elsewhere the ground colour shows).
            if (const auto truth = fileColour(col, row, identity))
                samples.push_back({meanColour(image, col, row), *truth, fileColour(col, row, mirrored),
                                   fileColour(col, row, shifted)});
        }
    // The terrain is lit: the drawn colour is the file's times one brightness factor (the sun on
    // flat ground), fitted over all samples. One global factor cannot hide a misplaced image.
    double drawnSum = 0.0, fileSum = 0.0;
    for (const Sample& s : samples) {
        drawnSum += s.drawn.red() + s.drawn.green() + s.drawn.blue();
        fileSum += s.truth.red() + s.truth.green() + s.truth.blue();
    }
    Agreement a;
    a.gain = fileSum > 0.0 ? drawnSum / fileSum : 0.0;
    const auto lit = [&](const QColor& c) {
        return QColor(std::min(255, int(c.red() * a.gain + 0.5)), std::min(255, int(c.green() * a.gain + 0.5)),
                      std::min(255, int(c.blue() * a.gain + 0.5)));
    };
    std::vector<double> distances;
    for (const Sample& s : samples) {
        distances.push_back(colourDistance(s.drawn, lit(s.truth)));
        a.trueDiff += distances.back();
        ++a.samples;
        if (s.mirror) {
            a.mirroredDiff += colourDistance(s.drawn, lit(*s.mirror));
            ++a.mirroredSamples;
        }
        if (s.moved) {
            a.shiftedDiff += colourDistance(s.drawn, lit(*s.moved));
            ++a.shiftedSamples;
        }
    }
    a.trueDiff /= std::max(a.samples, 1);
    if (!distances.empty()) {
        std::nth_element(distances.begin(), distances.begin() + distances.size() / 2, distances.end());
        a.trueMedian = distances[distances.size() / 2];
    }
    a.mirroredDiff /= std::max(a.mirroredSamples, 1);
    a.shiftedDiff /= std::max(a.shiftedSamples, 1);
    return a;
}

void TstRealBasemap::fujiDemAndWorldImagery()
{
    const QString dem = test::sharedDataFile(QStringLiteral("dem/osgearth/mt_fuji_90m.tif"));
    const QString world = test::sharedDataFile(QStringLiteral("imagery/osgearth/world.tif"));
    if (dem.isEmpty() || world.isEmpty())
        QSKIP("../shared/data/dem/osgearth/mt_fuji_90m.tif or imagery/osgearth/world.tif is absent");
    QElapsedTimer timer;
    timer.start();
    // UTM 54N, origin on the summit (3776 m).
    auto session = openSession(QStringLiteral("fuji"), QStringLiteral("EPSG:32654"), 138.7275, 35.3606,
                               {{dem, data::LayerKind::Elevation}, {world, data::LayerKind::Imagery}});
    QVERIFY2(session, qPrintable(m_failure));

    scene::OffscreenRenderer renderer(kWidth, kHeight);
    QVERIFY2(renderer.isValid(), qPrintable(renderer.status().message()));
    const osg::Vec4 sky = renderer.camera()->getClearColor();
    const auto skyFraction = [&](const QImage& image) {
        const QRgb s = qRgb(int(sky.r() * 255 + 0.5), int(sky.g() * 255 + 0.5), int(sky.b() * 255 + 0.5));
        int n = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                n += colourDistance(QColor(image.pixel(x, y)), QColor(s)) < 3.0 ? 1 : 0;
        return double(n) / (image.width() * image.height());
    };

    // Close up, straight down on the summit: the ground there is at the summit's height.
    data::SavedView close;
    close.target = {0.0, 0.0, 3700.0};
    close.pitchDeg = -90.0;
    close.rangeM = 4000.0;
    const QImage summit = render(renderer, *session, close, QStringLiteral("fuji_summit"));
    QVERIFY2(!summit.isNull(), qPrintable(m_failure));
    QVERIFY2(skyFraction(summit) < 0.01, qPrintable(QString::number(skyFraction(summit))));
    const auto top = scene::Picker::pick(*renderer.camera(), session->scene().root(), kWidth / 2.0,
                                         kHeight / 2.0);
    QVERIFY(top);
    qInfo().noquote() << QStringLiteral("summit pick: (%1, %2, %3)")
                             .arg(top->point.x, 0, 'f', 1)
                             .arg(top->point.y, 0, 'f', 1)
                             .arg(top->point.z, 0, 'f', 1);
    QVERIFY2(std::hypot(top->point.x, top->point.y) < 100.0, qPrintable(QString::number(top->point.x)));
    QVERIFY2(top->point.z > 3690.0 && top->point.z < 3800.0, qPrintable(QString::number(top->point.z)));

    // From 60 km up: a point 15 km south-west of the summit (the foothills) is far lower.
    data::SavedView wide;
    wide.target = {0.0, 0.0, 0.0};
    wide.pitchDeg = -90.0;
    wide.rangeM = 60000.0;
    const QImage area = render(renderer, *session, wide, QStringLiteral("fuji_area"));
    QVERIFY2(!area.isNull(), qPrintable(m_failure));
    QVERIFY2(skyFraction(area) < 0.01, qPrintable(QString::number(skyFraction(area))));
    const osg::Vec3d sw = osg::Vec3d(-10600.0, -10600.0, 500.0) *
                          (renderer.camera()->getViewMatrix() * renderer.camera()->getProjectionMatrix() *
                           renderer.camera()->getViewport()->computeWindowMatrix());
    const auto low = scene::Picker::pick(*renderer.camera(), session->scene().root(), sw.x(), kHeight - sw.y());
    QVERIFY(low);
    qInfo().noquote() << QStringLiteral("foothill pick: (%1, %2, %3)")
                             .arg(low->point.x, 0, 'f', 1)
                             .arg(low->point.y, 0, 'f', 1)
                             .arg(low->point.z, 0, 'f', 1);
    QVERIFY2(std::hypot(low->point.x, low->point.y) > 14000.0, qPrintable(QString::number(low->point.x)));
    QVERIFY2(low->point.z > 0.0 && low->point.z < 1500.0, qPrintable(QString::number(low->point.z)));

    // The terrain is imagery-coloured: hiding the imagery changes the picture (the height shading
    // replaces it), and with it the colours are nearer the file's own than without.
    auto file = FileSampler::open(world, session->project().crs);
    QVERIFY2(file, qPrintable(file.status().message()));
    const Agreement withImagery = compare(area, *renderer.camera(), *session, *file, 1000.0);
    data::LayerId imagery;
    for (const data::LayerSettings& l : session->project().layers())
        if (l.kind == data::LayerKind::Imagery)
            imagery = l.id;
    // (Hiding the only imagery layer switches the terrain to its no-imagery program: the next case's
    // fresh renderer, reusing this context id, must not inherit the dropped program's GL name.)
    session->setLayerVisible(imagery, false);
    const QImage bare = render(renderer, *session, wide, QStringLiteral("fuji_no_imagery"));
    QVERIFY2(!bare.isNull(), qPrintable(m_failure));
    const Agreement without = compare(bare, *renderer.camera(), *session, *file, 1000.0);
    qInfo().noquote() << "with imagery:" << withImagery.describe() << "; without:" << without.describe();
    QVERIFY(withImagery.samples > 100);
    QVERIFY2(withImagery.gain > 0.75 && withImagery.gain < 1.1 && withImagery.trueDiff < 8.0,
             qPrintable(withImagery.describe()));
    QVERIFY2(withImagery.trueDiff < 0.6 * without.trueDiff, qPrintable(withImagery.describe()));
    qInfo() << "fuji case ms:" << timer.elapsed();
}

void TstRealBasemap::imageryLandsWhereTheFileSaysSo_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("crs");
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("rangeM");
    // Boston: 200 m pixels in UTM 19N, project in the same CRS; the harbour and the coast in view.
    QTest::newRow("boston-inset EPSG:32619") << QStringLiteral("imagery/osgearth/boston-inset.tif")
                                             << QStringLiteral("EPSG:32619") << -71.02 << 42.33 << 60000.0;
    // New York: lon/lat pixels of ≈ 19 m, drawn in UTM 18N; the Hudson, Manhattan and Brooklyn.
    QTest::newRow("nyc-inset EPSG:4326 in EPSG:32618")
        << QStringLiteral("imagery/osgearth/nyc-inset-wgs84.tif") << QStringLiteral("EPSG:32618") << -74.01
        << 40.715 << 14000.0;
    // Raster MBTiles in web mercator (≈ 3 km ground pixels at zoom 5 here, the sea transparent):
    // the Low Countries' province borders and the coast.
    QTest::newRow("world_countries.mbtiles EPSG:3857 in EPSG:32631")
        << QStringLiteral("imagery/osgearth/world_countries.mbtiles") << QStringLiteral("EPSG:32631") << 5.0
        << 51.8 << 150000.0;
    // GPKG tiles in lon/lat (0.05° pixels), drawn in Alaska Albers around Anchorage / Cook Inlet.
    QTest::newRow("wgs84.gpkg EPSG:4326 in EPSG:3338")
        << QStringLiteral("imagery/geopackage_js/wgs84.gpkg") << QStringLiteral("EPSG:3338") << -150.0 << 61.0
        << 150000.0;
}

void TstRealBasemap::imageryLandsWhereTheFileSaysSo()
{
    QFETCH(QString, file);
    QFETCH(QString, crs);
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(double, rangeM);
    const QString path = test::sharedDataFile(file);
    if (path.isEmpty())
        QSKIP(qPrintable(QStringLiteral("../shared/data/%1 is absent").arg(file)));
    QElapsedTimer timer;
    timer.start();
    const QString name = QFileInfo(path).completeBaseName();
    auto session = openSession(name, crs, lon, lat, {{path, data::LayerKind::Imagery}});
    QVERIFY2(session, qPrintable(m_failure));
    auto sampler = FileSampler::open(path, crs);
    QVERIFY2(sampler, qPrintable(sampler.status().message()));

    scene::OffscreenRenderer renderer(kWidth, kHeight);
    QVERIFY2(renderer.isValid(), qPrintable(renderer.status().message()));
    data::SavedView view;
    view.pitchDeg = -90.0;
    view.rangeM = rangeM;
    const QImage image = render(renderer, *session, view, name);
    QVERIFY2(!image.isNull(), qPrintable(m_failure));
    // The flat terrain of an imagery-only project: the ground height under the centre.
    const auto hit = scene::Picker::pick(*renderer.camera(), session->scene().root(), kWidth / 2.0,
                                         kHeight / 2.0);
    QVERIFY(hit);
    const Agreement a = compare(image, *renderer.camera(), *session, *sampler, hit->point.z);
    qInfo().noquote() << name << a.describe() << "in" << timer.elapsed() << "ms";
    QVERIFY2(a.samples >= 100, qPrintable(a.describe()));
    // The drawn colour is the file's, lit (texture filtering and JPEG/PNG decoding aside).
    QVERIFY2(a.gain > 0.75 && a.gain < 1.1, qPrintable(a.describe()));
    QVERIFY2(a.trueMedian < 5.0 && a.trueDiff < 8.0, qPrintable(a.describe()));
    // Position and orientation: a mirrored or shifted drawing would match far worse.
    QVERIFY2(a.mirroredSamples >= 30 && a.shiftedSamples >= 30, qPrintable(a.describe()));
    QVERIFY2(a.trueDiff < 0.6 * a.mirroredDiff && a.trueDiff < 0.6 * a.shiftedDiff, qPrintable(a.describe()));
}

QTEST_GUILESS_MAIN(TstRealBasemap)
#include "tst_realbasemap.moc"
