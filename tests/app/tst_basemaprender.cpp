// Reprojection end to end: imagery in EPSG:4326 and in EPSG:3857 over the demo area, drawn by the
// session's paged terrain on an EPSG:4549 DEM, lands where the EPSG:4549 position of its features
// projects on screen (within a pixel), seen straight down.
#include "app/ProjectSession.h"
#include "gis/CrsTransformer.h"
#include "gis/GdalEnvironment.h"
#include "scene/OffscreenRenderer.h"
#include "scene/Picker.h"
#include "tests/common/LocalTileServer.h"
#include "tests/common/TestPaths.h"

#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstring>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <osg/Viewport>

using namespace citytwin;

namespace {

constexpr int kImageSize = 400;
constexpr double kRangeM = 1000.0;
//! The demo's centre (CGCS2000 lon/lat, the same as WGS84 for PROJ here).
constexpr double kLon0 = 121.0;
constexpr double kLat0 = 30.7;

//! Heights of the test DEM: a gentle plane, so a feature's ground height is known exactly.
double demHeight(double localX, double localY)
{
    return 12.0 + 0.004 * localX - 0.003 * localY;
}

struct Feature
{
    QString name;
    data::ProjectedPoint projected; //!< centre of the bright square, EPSG:4549
    bool (*isFeature)(QRgb);        //!< classifies a rendered pixel
};

bool yellowish(QRgb p)
{
    return (qRed(p) + qGreen(p)) / 2 - qBlue(p) > 90 && std::abs(qRed(p) - qGreen(p)) < 60;
}

bool magentaish(QRgb p)
{
    return (qRed(p) + qBlue(p)) / 2 - qGreen(p) > 90 && std::abs(qRed(p) - qBlue(p)) < 60;
}

//! Writes a GeoTIFF of W×H pixels in CRS with geotransform GT; FILL(col, row, rgba) paints it.
template <class Fill>
data::Status writeRaster(const QString& path, const char* crs, int w, int h, const double gt[6], int bands,
                         Fill fill)
{
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    const char* const options[] = {"PHOTOMETRIC=RGB", bands == 4 ? "ALPHA=YES" : nullptr, nullptr};
    GDALDatasetUniquePtr ds(
        driver->Create(path.toUtf8().constData(), w, h, bands, GDT_Byte, const_cast<char**>(options)));
    if (!ds)
        return data::Status::error(data::Status::Code::IoError, path + QStringLiteral(": cannot create"));
    OGRSpatialReference srs;
    srs.SetFromUserInput(crs);
    ds->SetSpatialRef(&srs);
    ds->SetGeoTransform(const_cast<double*>(gt));
    std::vector<std::uint8_t> band(size_t(w) * size_t(h));
    for (int b = 0; b < bands; ++b) {
        for (int row = 0; row < h; ++row)
            for (int col = 0; col < w; ++col) {
                std::uint8_t rgba[4];
                fill(col, row, rgba);
                band[size_t(row) * size_t(w) + size_t(col)] = rgba[b];
            }
        if (ds->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, w, h, band.data(), w, h, GDT_Byte, 0, 0) !=
            CE_None)
            return data::Status::error(data::Status::Code::IoError, path + QStringLiteral(": cannot write"));
    }
    return data::Status::ok();
}

QImage toQImage(const osg::Image& image)
{
    QImage out(image.s(), image.t(), QImage::Format_RGBA8888);
    for (int row = 0; row < image.t(); ++row)
        std::memcpy(out.scanLine(row), image.data(0, row), size_t(image.s()) * 4);
    return out.convertToFormat(QImage::Format_RGB32);
}

} // namespace

class TstBasemapRender : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void featuresLandOnTheirProjectedPosition_data();
    void featuresLandOnTheirProjectedPosition();
    void pickingTheTerrainGivesGroundNoLayer();
    void failingServiceFailsOnlyItsLayer();
    void elevationBeyondTheSchemeRebuildsTheEngine();

private:
    data::Status writeDem(const QString& path, double eastM = 0.0);
    data::Result<Feature> writeGeographic(const QString& path);
    data::Result<Feature> writeWebMercator(const QString& path);

    QTemporaryDir m_dir;
    data::ProjectedPoint m_origin;
    std::unique_ptr<app::ProjectSession> m_session;
    std::vector<Feature> m_features;
    QImage m_image;
    data::SavedView m_view;
    osg::Matrixd m_toWindow;
};

data::Status TstBasemapRender::writeDem(const QString& path, double eastM)
{
    // 3 km square, 10 m cells, centred EASTM east of the origin.
    constexpr int kCells = 300;
    constexpr double kCell = 10.0;
    const double gt[6] = {m_origin.x + eastM - 1500.0, kCell, 0.0, m_origin.y + 1500.0, 0.0, -kCell};
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds(
        driver->Create(path.toUtf8().constData(), kCells, kCells, 1, GDT_Float32, nullptr));
    if (!ds)
        return data::Status::error(data::Status::Code::IoError, path + QStringLiteral(": cannot create"));
    OGRSpatialReference srs;
    srs.importFromEPSG(4549);
    ds->SetSpatialRef(&srs);
    ds->SetGeoTransform(const_cast<double*>(gt));
    std::vector<float> heights(size_t(kCells) * kCells);
    for (int row = 0; row < kCells; ++row)
        for (int col = 0; col < kCells; ++col) {
            const double x = gt[0] + (col + 0.5) * kCell - m_origin.x;
            const double y = gt[3] - (row + 0.5) * kCell - m_origin.y;
            heights[size_t(row) * kCells + size_t(col)] = float(demHeight(x, y));
        }
    if (ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, kCells, kCells, heights.data(), kCells, kCells,
                                       GDT_Float32, 0, 0) != CE_None)
        return data::Status::error(data::Status::Code::IoError, path + QStringLiteral(": cannot write"));
    return data::Status::ok();
}

data::Result<Feature> TstBasemapRender::writeGeographic(const QString& path)
{
    // About 3 × 3 km in degrees, 6e-5° pixels (≈ 5.7 × 6.7 m); a 5×5-pixel yellow square NE of the origin.
    constexpr int kW = 500, kH = 440;
    constexpr double kPx = 6e-5;
    const double gt[6] = {kLon0 - kW / 2 * kPx, kPx, 0.0, kLat0 + kH / 2 * kPx, 0.0, -kPx};
    const int c0 = kW / 2 + 25, r0 = kH / 2 - 30, side = 5;
    const data::Status written =
        writeRaster(path, "EPSG:4326", kW, kH, gt, 3, [&](int c, int r, std::uint8_t* p) {
            const bool in = c >= c0 && c < c0 + side && r >= r0 && r < r0 + side;
            p[0] = in ? 255 : 70;
            p[1] = in ? 235 : 75;
            p[2] = in ? 0 : 80;
            p[3] = 255;
        });
    if (!written)
        return written;
    auto toProject = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:4549"));
    if (!toProject)
        return toProject.status();
    auto centre = toProject->forward({gt[0] + (c0 + side / 2.0) * kPx, gt[3] - (r0 + side / 2.0) * kPx, 0.0});
    if (!centre)
        return centre.status();
    return Feature{QStringLiteral("EPSG:4326"), *centre, &yellowish};
}

data::Result<Feature> TstBasemapRender::writeWebMercator(const QString& path)
{
    // The same area in web-mercator metres (≈ 0.86 ground m per unit here), 6 m pixels, transparent but
    // for a 6×6-pixel magenta square SW of the origin: it lies over the geographic layer.
    auto toMercator = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:3857"));
    if (!toMercator)
        return toMercator.status();
    auto centre = toMercator->forward({kLon0, kLat0, 0.0});
    if (!centre)
        return centre.status();
    constexpr int kW = 560, kH = 560;
    constexpr double kPx = 6.0;
    const double gt[6] = {std::round(centre->x) - kW / 2 * kPx, kPx, 0.0,
                          std::round(centre->y) + kH / 2 * kPx, 0.0, -kPx};
    const int c0 = kW / 2 - 30, r0 = kH / 2 + 25, side = 6;
    const data::Status written =
        writeRaster(path, "EPSG:3857", kW, kH, gt, 4, [&](int c, int r, std::uint8_t* p) {
            const bool in = c >= c0 && c < c0 + side && r >= r0 && r < r0 + side;
            p[0] = in ? 245 : 0;
            p[1] = 0;
            p[2] = in ? 245 : 0;
            p[3] = in ? 255 : 0;
        });
    if (!written)
        return written;
    auto toProject = gis::CrsTransformer::create(QStringLiteral("EPSG:3857"), QStringLiteral("EPSG:4549"));
    if (!toProject)
        return toProject.status();
    auto feature =
        toProject->forward({gt[0] + (c0 + side / 2.0) * kPx, gt[3] - (r0 + side / 2.0) * kPx, 0.0});
    if (!feature)
        return feature.status();
    return Feature{QStringLiteral("EPSG:3857"), *feature, &magentaish};
}

void TstBasemapRender::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        QSKIP("needs an X display for OpenGL (run the render label under Xvfb)");
    QVERIFY(m_dir.isValid());
    gis::ensureGdalRegistered();
    auto toProject = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:4549"));
    QVERIFY(toProject);
    auto origin = toProject->forward({kLon0, kLat0, 0.0});
    QVERIFY(origin);
    m_origin = {std::round(origin->x), std::round(origin->y), 0.0};

    const QString dem = m_dir.filePath(QStringLiteral("dem4549.tif"));
    QVERIFY(writeDem(dem));
    auto geographic = writeGeographic(m_dir.filePath(QStringLiteral("ortho4326.tif")));
    QVERIFY2(geographic, qPrintable(geographic.status().message()));
    auto mercator = writeWebMercator(m_dir.filePath(QStringLiteral("web3857.tif")));
    QVERIFY2(mercator, qPrintable(mercator.status().message()));
    m_features = {*geographic, *mercator};

    data::Project project;
    project.name = QStringLiteral("reprojection");
    project.crs = QStringLiteral("EPSG:4549");
    project.origin = m_origin;
    const QString files[] = {QStringLiteral("dem4549.tif"), QStringLiteral("ortho4326.tif"),
                             QStringLiteral("web3857.tif")};
    const data::LayerKind kinds[] = {data::LayerKind::Elevation, data::LayerKind::Imagery,
                                     data::LayerKind::Imagery};
    for (int i = 0; i < 3; ++i) {
        data::LayerSettings l;
        l.name = files[i];
        l.kind = kinds[i];
        l.group = data::LayerGroup::Basemap;
        l.order = i;
        l.sourceUri = files[i]; // relative to the project file
        project.addLayer(l);
    }
    auto created =
        app::ProjectSession::create(m_dir.filePath(QStringLiteral("reprojection.citytwin")), project);
    QVERIFY2(created, qPrintable(created.status().message()));
    m_session = std::move(*created);
    QVERIFY(m_session->loadAllBlocking());
    for (const data::LayerSettings& l : m_session->project().layers())
        QVERIFY2(m_session->layerState(l.id) == app::ProjectSession::LayerState::Ready,
                 qPrintable(l.name + QStringLiteral(": ") + m_session->layerError(l.id)));
    QVERIFY(m_session->terrainEngine());

    // Straight down on the point between the two features.
    data::SavedView view;
    view.name = QStringLiteral("down");
    const double midX = 0.5 * (m_features[0].projected.x + m_features[1].projected.x) - m_origin.x;
    const double midY = 0.5 * (m_features[0].projected.y + m_features[1].projected.y) - m_origin.y;
    view.target = {midX, midY, demHeight(midX, midY)};
    view.headingDeg = 0.0;
    view.pitchDeg = -90.0;
    view.rangeM = kRangeM;
    scene::OffscreenRenderer renderer(kImageSize, kImageSize);
    QVERIFY2(renderer.isValid(), qPrintable(renderer.status().message()));
    auto image = renderer.renderImage(m_session->scene().root(), view);
    QVERIFY2(image, qPrintable(image.status().message()));
    QVERIFY(m_session->terrainEngine()->isIdle()); // the renderer waited for the refined view
    m_view = view;
    m_image = toQImage(**image);
    m_image.save(test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/basemap_reprojection.png"));
    const osg::Camera& camera = *renderer.camera();
    m_toWindow =
        camera.getViewMatrix() * camera.getProjectionMatrix() * camera.getViewport()->computeWindowMatrix();
}

void TstBasemapRender::featuresLandOnTheirProjectedPosition_data()
{
    QTest::addColumn<int>("feature");
    QTest::newRow("EPSG:4326 imagery") << 0;
    QTest::newRow("EPSG:3857 imagery") << 1;
}

void TstBasemapRender::featuresLandOnTheirProjectedPosition()
{
    QFETCH(int, feature);
    const Feature& f = m_features.at(size_t(feature));
    const double x = f.projected.x - m_origin.x;
    const double y = f.projected.y - m_origin.y;
    const osg::Vec3d window = osg::Vec3d(x, y, demHeight(x, y)) * m_toWindow;
    // Pixel (col, row from the top) whose centre is that window point.
    const double expectedCol = window.x() - 0.5;
    const double expectedRow = (kImageSize - window.y()) - 0.5;
    QVERIFY2(expectedCol > 20 && expectedCol < kImageSize - 20 && expectedRow > 20 &&
                 expectedRow < kImageSize - 20,
             qPrintable(QStringLiteral("%1 %2").arg(expectedCol).arg(expectedRow)));

    // Centroid of the feature's pixels near there (the other feature is far away).
    double sumCol = 0, sumRow = 0;
    int count = 0;
    for (int row = int(expectedRow) - 30; row <= int(expectedRow) + 30; ++row)
        for (int col = int(expectedCol) - 30; col <= int(expectedCol) + 30; ++col)
            if (m_image.valid(col, row) && f.isFeature(m_image.pixel(col, row))) {
                sumCol += col;
                sumRow += row;
                ++count;
            }
    // A square of some 30 m seen from 1 km (≈ 1.6 m per screen pixel): far more than 4 × 4 pixels.
    QVERIFY2(count >= 16, qPrintable(QStringLiteral("%1: %2 feature pixels near (%3, %4)")
                                         .arg(f.name)
                                         .arg(count)
                                         .arg(expectedCol, 0, 'f', 1)
                                         .arg(expectedRow, 0, 'f', 1)));
    const double col = sumCol / count;
    const double row = sumRow / count;
    const QString where = QStringLiteral("%1: feature at (%2, %3), expected (%4, %5), %6 pixels")
                              .arg(f.name)
                              .arg(col, 0, 'f', 2)
                              .arg(row, 0, 'f', 2)
                              .arg(expectedCol, 0, 'f', 2)
                              .arg(expectedRow, 0, 'f', 2)
                              .arg(count);
    qInfo().noquote() << where;
    QVERIFY2(std::hypot(col - expectedCol, row - expectedRow) <= 1.0, qPrintable(where));
}

void TstBasemapRender::pickingTheTerrainGivesGroundNoLayer()
{
    // The cursor readout picks the terrain: a ground point on the DEM, and no layer (the terrain is
    // the basemap as a whole, not one of its layers).
    scene::OffscreenRenderer renderer(kImageSize, kImageSize);
    QVERIFY(renderer.renderImage(m_session->scene().root(), m_view));
    for (const QPointF& at : {QPointF(kImageSize / 2.0, kImageSize / 2.0), QPointF(60.5, 330.5)}) {
        const auto hit = scene::Picker::pick(*renderer.camera(), m_session->scene().root(), at.x(), at.y());
        QVERIFY(hit);
        QVERIFY(!hit->layer);
        QVERIFY2(
            std::abs(hit->point.z - demHeight(hit->point.x, hit->point.y)) < 0.5,
            qPrintable(
                QStringLiteral("%1 vs %2").arg(hit->point.z).arg(demHeight(hit->point.x, hit->point.y))));
    }
}

void TstBasemapRender::failingServiceFailsOnlyItsLayer()
{
    // A service that opened fine and then fails every tile: the engine reports it while drawing,
    // the session turns the layer Failed, and the other layers are drawn as before.
    test::LocalTileServer server;
    QVERIFY(server.isListening());
    app::ProjectSession& s = *m_session;
    auto layer = app::ProjectSession::layerForSource(server.xyzTemplate());
    QVERIFY(layer);
    auto id = s.addLayer(*layer);
    QVERIFY2(id, qPrintable(id.status().message()));
    QTRY_VERIFY_WITH_TIMEOUT(!s.isLoading(), 30000);
    QVERIFY2(s.layerState(*id) == app::ProjectSession::LayerState::Ready, qPrintable(s.layerError(*id)));
    server.setFault(test::LocalTileServer::Fault::ServerError);

    QSignalSpy states(&s, &app::ProjectSession::layerStateChanged);
    scene::OffscreenRenderer renderer(kImageSize, kImageSize);
    auto image = renderer.renderImage(s.scene().root(), m_view);
    QVERIFY2(image, qPrintable(image.status().message()));
    QVERIFY(server.tileRequests() > 0);
    QCOMPARE(s.layerState(*id), app::ProjectSession::LayerState::Failed);
    QVERIFY2(s.layerError(*id).contains(QLatin1String("127.0.0.1")), qPrintable(s.layerError(*id)));
    QVERIFY(!states.isEmpty());
    for (const data::LayerSettings& l : s.project().layers())
        if (l.id != *id)
            QVERIFY2(s.layerState(l.id) == app::ProjectSession::LayerState::Ready, qPrintable(l.name));
    // The layers below still show their features where they belong.
    const QImage after = toQImage(**image);
    int same = 0;
    for (int y = 0; y < kImageSize; y += 4)
        for (int x = 0; x < kImageSize; x += 4)
            same += m_image.pixel(x, y) == after.pixel(x, y) ? 1 : 0;
    QVERIFY2(same > 0.9 * (kImageSize / 4) * (kImageSize / 4), qPrintable(QString::number(same)));
    QVERIFY(s.removeLayer(*id));
}

void TstBasemapRender::elevationBeyondTheSchemeRebuildsTheEngine()
{
    // A second DEM 5 km east lies outside the tiling scheme made for the first: the session makes a
    // new engine whose scheme covers both (and says so), keeping every layer.
    app::ProjectSession& s = *m_session;
    const QString east = m_dir.filePath(QStringLiteral("dem_east.tif"));
    QVERIFY(writeDem(east, 5000.0));
    scene::TileEngine* before = s.terrainEngine();
    QVERIFY(before);
    QVERIFY(!before->scheme().extent().contains(m_origin.x + 6000.0, m_origin.y));
    QSignalSpy changed(&s, &app::ProjectSession::terrainEngineChanged);
    data::LayerSettings layer;
    layer.kind = data::LayerKind::Elevation;
    layer.sourceUri = east;
    auto id = s.addLayer(layer);
    QVERIFY2(id, qPrintable(id.status().message()));
    QCOMPARE(s.project().layer(*id)->name, QStringLiteral("dem_east"));
    QTRY_VERIFY_WITH_TIMEOUT(!s.isLoading(), 30000);
    QCOMPARE(s.layerState(*id), app::ProjectSession::LayerState::Ready);
    QVERIFY(changed.count() >= 1);
    scene::TileEngine* after = s.terrainEngine();
    QVERIFY(after && after != before);
    QCOMPARE(s.scene().terrain(), static_cast<osg::Node*>(after));
    const data::Extent2D extent = after->scheme().extent();
    QVERIFY(extent.contains(m_origin.x - 1400.0, m_origin.y) &&
            extent.contains(m_origin.x + 6400.0, m_origin.y));

    // The features are still drawn where they belong.
    scene::OffscreenRenderer renderer(kImageSize, kImageSize);
    auto image = renderer.renderImage(s.scene().root(), m_view);
    QVERIFY2(image, qPrintable(image.status().message()));
    const QImage redrawn = toQImage(**image);
    int same = 0;
    for (int y = 0; y < kImageSize; y += 4)
        for (int x = 0; x < kImageSize; x += 4)
            same += redrawn.pixel(x, y) == m_image.pixel(x, y) ? 1 : 0;
    QVERIFY2(same > 0.9 * (kImageSize / 4) * (kImageSize / 4), qPrintable(QString::number(same)));
    QVERIFY(s.removeLayer(*id));
}

QTEST_GUILESS_MAIN(TstBasemapRender)
#include "tst_basemaprender.moc"
