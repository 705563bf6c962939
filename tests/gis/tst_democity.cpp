#include "data/ProjectStore.h"
#include "data/SensorAlarms.h"
#include "gis/DemoCity.h"
#include "gis/DemoLayout.h"
#include "gis/GdalEnvironment.h"
#include "gis/UndergroundReader.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>
#include <cmath>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

using namespace citytwin;
using citytwin::data::kNoTime;
using citytwin::data::LayerKind;
using citytwin::gis::DemoCityOptions;
using citytwin::gis::demo::DemoLayout;
using citytwin::gis::demo::Rect;

namespace {

DemoCityOptions smallOptions()
{
    DemoCityOptions o;
    o.buildings = 2000;
    o.people = 100;
    o.events = 5000;
    return o;
}

//! Still smaller, for the runs that only compare outputs.
DemoCityOptions tinyOptions(std::uint32_t seed)
{
    DemoCityOptions o;
    o.seed = seed;
    o.sizeM = 2000.0;
    o.buildings = 400;
    o.people = 10;
    o.events = 500;
    o.eventDays = 7;
    o.pipeKm = 1.0;
    return o;
}

GDALDatasetUniquePtr openDataset(const QString& path, unsigned flags)
{
    return GDALDatasetUniquePtr(GDALDataset::Open(path.toUtf8().constData(), flags | GDAL_OF_READONLY));
}

//! SHA-1 over every building's geometry (WKB) and attributes, in FID order.
QByteArray buildingsHash(const QString& path)
{
    auto ds = openDataset(path, GDAL_OF_VECTOR);
    if (!ds)
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    OGRLayer* layer = ds->GetLayer(0);
    for (auto& f : *layer) {
        const OGRGeometry* g = f->GetGeometryRef();
        std::vector<unsigned char> wkb(size_t(g->WkbSize()));
        g->exportToWkb(wkbNDR, wkb.data());
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(wkb.data()), qsizetype(wkb.size())));
        for (int i = 0; i < f->GetFieldCount(); ++i)
            hash.addData(QByteArray(f->GetFieldAsString(i)));
    }
    return hash.result();
}

QByteArray eventsHash(const QString& projectPath)
{
    auto store = data::ProjectStore::open(projectPath, data::ProjectStore::Mode::ReadOnly);
    if (!store)
        return {};
    auto events = (*store)->events();
    if (!events)
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const data::Event& e : *events) {
        const QString row = QStringLiteral("%1|%2|%3|%4|%5|%6,%7,%8|%9,%10,%11,%12,%13|")
                                .arg(e.id)
                                .arg(e.category, QString::number(e.severity), e.description, e.source)
                                .arg(e.position.x, 0, 'f', 3)
                                .arg(e.position.y, 0, 'f', 3)
                                .arg(e.position.z, 0, 'f', 3)
                                .arg(e.reported)
                                .arg(e.dispatched)
                                .arg(e.onSite)
                                .arg(e.resolved)
                                .arg(e.closed);
        hash.addData(row.toUtf8());
        for (const auto id : e.assignedStaff)
            hash.addData(QByteArray::number(qlonglong(id)) + ',');
    }
    return hash.result();
}

//! Reads band 1 (or the RGB bands) of a raster and gives the pixel at local (x, y).
struct RasterProbe
{
    int width = 0, height = 0, bands = 0;
    double gt[6] = {};
    std::vector<float> values; // pixel-interleaved

    bool load(const QString& path)
    {
        auto ds = openDataset(path, GDAL_OF_RASTER);
        if (!ds)
            return false;
        width = ds->GetRasterXSize();
        height = ds->GetRasterYSize();
        bands = ds->GetRasterCount();
        ds->GetGeoTransform(gt);
        values.resize(size_t(width) * size_t(height) * size_t(bands));
        return ds->RasterIO(GF_Read, 0, 0, width, height, values.data(), width, height, GDT_Float32, bands,
                            nullptr, GSpacing(sizeof(float)) * bands, GSpacing(sizeof(float)) * bands * width,
                            sizeof(float), nullptr) == CE_None;
    }
    //! Bilinear between pixel centres (band 0), as the generator drapes things.
    double bilinear(double px, double py) const
    {
        const double fx = std::clamp((px - gt[0]) / gt[1] - 0.5, 0.0, width - 1.001);
        const double fy = std::clamp((py - gt[3]) / gt[5] - 0.5, 0.0, height - 1.001);
        const int c = int(fx), r = int(fy);
        const auto v = [&](int cc, int rr) {
            return double(values[(size_t(rr) * size_t(width) + size_t(cc)) * size_t(bands)]);
        };
        const double tx = fx - c, ty = fy - r;
        return (v(c, r) * (1 - tx) + v(c + 1, r) * tx) * (1 - ty) +
               (v(c, r + 1) * (1 - tx) + v(c + 1, r + 1) * tx) * ty;
    }
    float at(double px, double py, int band = 0) const
    {
        const int col = std::clamp(int((px - gt[0]) / gt[1]), 0, width - 1);
        const int row = std::clamp(int((py - gt[3]) / gt[5]), 0, height - 1);
        return values[(size_t(row) * size_t(width) + size_t(col)) * size_t(bands) + size_t(band)];
    }
};

} // namespace

class TestDemoCity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void progressIsMonotonic();
    void rastersAreGeoreferenced_data();
    void rastersAreGeoreferenced();
    void demAndImageryAgreeWithThePlan();
    void buildingsAreSensible();
    void buildingsAvoidRoadsWaterAndEachOther();
    void landmarkTowerNearTheOrigin();
    void pipesFollowRoadsUnderground();
    void manholesAndSpacesUnderRoads();
    void projectLoadsWithLayersAndViews();
    void overlaysMatchOptions();
    void eventsHaveLifecycleAndRhythm();
    void sensorAlarmDuringTheStorm();
    void sameSeedSameCityOtherSeedOther();
    void refusesToOverwriteAProject();
    void cancelLeavesNoProject_data();
    void cancelLeavesNoProject();
    void badOptionsAreRejected();

private:
    QString file(const char* name) const { return QDir(m_dir.path()).filePath(QString::fromLatin1(name)); }
    data::ProjectedPoint origin() const { return m_project.origin; }

    QTemporaryDir m_dir;
    QString m_projectPath;
    data::Project m_project;
    std::vector<std::pair<double, QString>> m_progress;
    std::unique_ptr<DemoLayout> m_layout;
};

void TestDemoCity::initTestCase()
{
    QVERIFY(m_dir.isValid());
    gis::ensureGdalRegistered();
    QElapsedTimer timer;
    timer.start();
    auto result = gis::makeDemoCity(m_dir.path(), smallOptions(), [this](double f, const QString& step) {
        m_progress.push_back({f, step});
        return true;
    });
    QVERIFY2(result.isOk(), qPrintable(result.status().message()));
    qInfo("small demo city generated in %lld ms", timer.elapsed());
    m_projectPath = *result;
    QCOMPARE(QFileInfo(m_projectPath).fileName(), QStringLiteral("pinghu.citytwin"));
    auto store = data::ProjectStore::open(m_projectPath, data::ProjectStore::Mode::ReadOnly);
    QVERIFY2(store.isOk(), qPrintable(store.status().message()));
    auto project = (*store)->loadProject();
    QVERIFY2(project.isOk(), qPrintable(project.status().message()));
    m_project = *project;
    m_layout = std::make_unique<DemoLayout>(smallOptions().seed, smallOptions().sizeM);
}

void TestDemoCity::progressIsMonotonic()
{
    QVERIFY(m_progress.size() > 8);
    QCOMPARE(m_progress.front().first, 0.0);
    QCOMPARE(m_progress.back().first, 1.0);
    for (size_t i = 1; i < m_progress.size(); ++i)
        QVERIFY2(m_progress[i].first >= m_progress[i - 1].first, qPrintable(m_progress[i].second));
}

void TestDemoCity::rastersAreGeoreferenced_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("bands");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("compression");
    QTest::addColumn<double>("maxCell");
    QTest::newRow("dem") << "dem.tif" << 1 << int(GDT_Float32) << "DEFLATE" << 10.0;
    QTest::newRow("imagery") << "imagery.tif" << 3 << int(GDT_Byte) << "YCbCr JPEG" << 2.5;
}

void TestDemoCity::rastersAreGeoreferenced()
{
    QFETCH(QString, name);
    QFETCH(int, bands);
    QFETCH(int, type);
    QFETCH(QString, compression);
    QFETCH(double, maxCell);
    auto ds = openDataset(QDir(m_dir.path()).filePath(name), GDAL_OF_RASTER);
    QVERIFY(ds);
    QCOMPARE(QString::fromLatin1(ds->GetDriver()->GetDescription()), QStringLiteral("GTiff"));
    QCOMPARE(ds->GetRasterCount(), bands);
    QCOMPARE(int(ds->GetRasterBand(1)->GetRasterDataType()), type);
    QCOMPARE(QString::fromLatin1(ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE")), compression);
    int bx = 0, by = 0;
    ds->GetRasterBand(1)->GetBlockSize(&bx, &by);
    QCOMPARE(bx, 256); // tiled
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    QVERIFY(srs);
    QVERIFY(srs->IsProjected());
    QCOMPARE(QString::fromLatin1(srs->GetAuthorityCode(nullptr)), QStringLiteral("4549"));
    QCOMPARE(QString::fromLatin1(srs->GetAttrValue("PROJECTION")),
             QStringLiteral(SRS_PT_TRANSVERSE_MERCATOR));
    QCOMPARE(srs->GetNormProjParm(SRS_PP_CENTRAL_MERIDIAN), 120.0);
    double gt[6];
    QCOMPARE(ds->GetGeoTransform(gt), CE_None);
    QVERIFY(gt[1] > 0.5 && gt[1] <= maxCell);
    QCOMPARE(gt[2], 0.0);
    const double w = gt[1] * ds->GetRasterXSize();
    const double h = -gt[5] * ds->GetRasterYSize();
    QVERIFY(std::abs(w - 4000.0) < 1.0 && std::abs(h - 4000.0) < 1.0);
    QVERIFY(std::abs(gt[0] + 0.5 * w - origin().x) < 1.0);
    QVERIFY(std::abs(gt[3] - 0.5 * h - origin().y) < 1.0);
}

void TestDemoCity::demAndImageryAgreeWithThePlan()
{
    RasterProbe dem, img;
    QVERIFY(dem.load(file("dem.tif")));
    QVERIFY(img.load(file("imagery.tif")));
    const auto minmax = std::minmax_element(dem.values.begin(), dem.values.end());
    QVERIFY2(*minmax.first > -4.0 && *minmax.second < 9.0,
             qPrintable(QStringLiteral("%1..%2").arg(*minmax.first).arg(*minmax.second)));
    const double x0 = origin().x, y0 = origin().y;
    const auto& water = m_layout->water();
    double riverSum = 0, landSum = 0;
    int n = 0, blueish = 0;
    for (double x = -1900; x <= 1900; x += 100) {
        const double yr = water.riverCentreY(x);
        if (m_layout->overlapsRoad(Rect{x - 3, yr - 3, x + 3, yr + 3}))
            continue; // bridges
        ++n;
        riverSum += dem.at(x0 + x, y0 + yr);
        landSum += dem.at(x0 + x, y0 + yr + 150.0);
        const float r = img.at(x0 + x, y0 + yr, 0), g = img.at(x0 + x, y0 + yr, 1),
                    b = img.at(x0 + x, y0 + yr, 2);
        if (b > r && g > r && r < 110)
            ++blueish;
    }
    QVERIFY2(riverSum / n < landSum / n - 2.0, "the river is a few metres below its banks");
    QVERIFY(n > 25);
    QVERIFY2(blueish == n,
             qPrintable(QStringLiteral("%1 of %2 river samples look like water").arg(blueish).arg(n)));

    // Carriageways are grey asphalt: sample lanes between the markings, away from crossings.
    int grey = 0, samples = 0;
    for (const auto& road : m_layout->roads()) {
        if (road.cls != gis::demo::RoadClass::Main)
            continue;
        for (double a = road.from + 40; a < road.to - 40; a += 97, ++samples) {
            const double across = road.coord + 6.7;
            const double x = road.vertical ? across : a, y = road.vertical ? a : across;
            const float r = img.at(x0 + x, y0 + y, 0), g = img.at(x0 + x, y0 + y, 1),
                        b = img.at(x0 + x, y0 + y, 2);
            if (std::abs(r - g) < 16 && std::abs(g - b) < 16 && r < 140)
                ++grey;
        }
    }
    QVERIFY(samples > 50);
    QVERIFY2(grey > samples * 0.75,
             qPrintable(QStringLiteral("%1 of %2 road samples grey").arg(grey).arg(samples)));
}

void TestDemoCity::buildingsAreSensible()
{
    auto ds = openDataset(file("buildings.gpkg"), GDAL_OF_VECTOR);
    QVERIFY(ds);
    QCOMPARE(ds->GetLayerCount(), 1);
    OGRLayer* layer = ds->GetLayer(0);
    QCOMPARE(layer->GetFeatureCount(), GIntBig(2000));
    QCOMPARE(QString::fromLatin1(layer->GetSpatialRef()->GetAuthorityCode(nullptr)), QStringLiteral("4549"));
    for (const char* field : {"name", "use", "height", "floors", "year_built"})
        QVERIFY2(layer->GetLayerDefn()->GetFieldIndex(field) >= 0, field);
    const QStringList uses{"residential", "commercial", "industrial", "public"};
    QSet<QString> seenUses;
    int named = 0, lShapes = 0;
    OGREnvelope all;
    QCOMPARE(layer->GetExtent(&all), OGRERR_NONE);
    QVERIFY(all.MinX >= origin().x - 2000 && all.MaxX <= origin().x + 2000);
    QVERIFY(all.MinY >= origin().y - 2000 && all.MaxY <= origin().y + 2000);
    for (auto& f : *layer) {
        const double h = f->GetFieldAsDouble("height");
        const int floors = f->GetFieldAsInteger("floors");
        QVERIFY(h > 2.0 && h < 250.0);
        QVERIFY(floors >= 1 && h >= floors * 2.5);
        const int year = f->GetFieldAsInteger("year_built");
        QVERIFY(year >= 1900 && year <= 2026);
        const QString use = QString::fromUtf8(f->GetFieldAsString("use"));
        QVERIFY2(uses.contains(use), qPrintable(use));
        seenUses.insert(use);
        if (!QString::fromUtf8(f->GetFieldAsString("name")).isEmpty())
            ++named;
        const OGRGeometry* g = f->GetGeometryRef();
        QCOMPARE(wkbFlatten(g->getGeometryType()), wkbPolygon);
        const auto* ring = g->toPolygon()->getExteriorRing();
        QVERIFY(ring->get_IsClosed());
        QVERIFY(!ring->isClockwise()); // counter-clockwise outer rings
        if (ring->getNumPoints() == 7)
            ++lShapes;
        const double area = g->toPolygon()->get_Area();
        QVERIFY2(area >= 20.0 && area < 20000.0, qPrintable(QString::number(area)));
    }
    QCOMPARE(seenUses.size(), uses.size());
    QVERIFY(named > 50 && named < 2000);
    QVERIFY(lShapes > 20);
}

void TestDemoCity::buildingsAvoidRoadsWaterAndEachOther()
{
    auto ds = openDataset(file("buildings.gpkg"), GDAL_OF_VECTOR);
    QVERIFY(ds);
    std::vector<Rect> boxes;
    for (auto& f : *ds->GetLayer(0)) {
        OGREnvelope e;
        f->GetGeometryRef()->getEnvelope(&e);
        boxes.push_back({e.MinX - origin().x, e.MinY - origin().y, e.MaxX - origin().x, e.MaxY - origin().y});
    }
    for (const Rect& b : boxes) {
        QVERIFY2(!m_layout->overlapsRoad(b),
                 qPrintable(QStringLiteral("building at %1,%2 on a road").arg(b.cx()).arg(b.cy())));
        QVERIFY2(!m_layout->water().touches(b, 0.0),
                 qPrintable(QStringLiteral("building at %1,%2 in water").arg(b.cx()).arg(b.cy())));
    }
    for (size_t i = 0; i < boxes.size(); ++i)
        for (size_t j = i + 1; j < boxes.size(); ++j)
            QVERIFY2(!boxes[i].overlaps(boxes[j]),
                     qPrintable(QStringLiteral("buildings %1 and %2 overlap").arg(i + 1).arg(j + 1)));
}

void TestDemoCity::landmarkTowerNearTheOrigin()
{
    auto ds = openDataset(file("buildings.gpkg"), GDAL_OF_VECTOR);
    QVERIFY(ds);
    OGRFeatureUniquePtr tower(ds->GetLayer(0)->GetFeature(1));
    QVERIFY(tower);
    const gis::DemoLandmark& t = gis::kDemoTower;
    QCOMPARE(QString::fromUtf8(tower->GetFieldAsString("name")), QString::fromUtf8(t.name));
    QCOMPARE(QString::fromUtf8(t.name), QStringLiteral("平湖国际金融中心"));
    QCOMPARE(tower->GetFieldAsDouble("height"), t.heightM);
    QCOMPARE(tower->GetFieldAsInteger("floors"), t.floors);
    OGREnvelope e;
    tower->GetGeometryRef()->getEnvelope(&e);
    QCOMPARE(e.MinX - origin().x, t.minX);
    QCOMPARE(e.MinY - origin().y, t.minY);
    QCOMPARE(e.MaxX - origin().x, t.maxX);
    QCOMPARE(e.MaxY - origin().y, t.maxY);
    QVERIFY(std::hypot(0.5 * (t.minX + t.maxX), 0.5 * (t.minY + t.maxY)) < 150.0);
    // Nothing else is taller.
    double tallest = 0.0;
    for (auto& f : *ds->GetLayer(0))
        tallest = std::max(tallest, f->GetFieldAsDouble("height"));
    QCOMPARE(tallest, t.heightM);
}

void TestDemoCity::pipesFollowRoadsUnderground()
{
    auto ds = openDataset(file("pipes.gpkg"), GDAL_OF_VECTOR);
    QVERIFY(ds);
    RasterProbe dem;
    QVERIFY(dem.load(file("dem.tif")));
    OGRLayer* layer = ds->GetLayer(0);
    QVERIFY(layer->GetFeatureCount() > 10);
    double length = 0.0;
    QSet<QString> networks;
    for (auto& f : *layer) {
        networks.insert(QString::fromUtf8(f->GetFieldAsString("network")));
        const double depth = f->GetFieldAsDouble("depth_m");
        QVERIFY(depth > 0.5 && depth < 4.0);
        QVERIFY(f->GetFieldAsDouble("diameter_m") > 0.05);
        const auto* line = f->GetGeometryRef()->toLineString();
        QVERIFY(OGR_GT_HasZ(line->getGeometryType()));
        length += line->get_Length();
        for (int i = 0; i < line->getNumPoints(); ++i) {
            const double x = line->getX(i) - origin().x, y = line->getY(i) - origin().y;
            QVERIFY2(m_layout->roadAt(x, y) >= 0, "pipes lie under roads");
            QVERIFY(std::abs(line->getZ(i) - (dem.bilinear(line->getX(i), line->getY(i)) - depth)) < 0.05);
        }
    }
    QVERIFY2(std::abs(length - 5000.0) < 250.0, qPrintable(QString::number(length)));
    QCOMPARE(networks, (QSet<QString>{"water_supply", "drainage", "gas"}));
}

void TestDemoCity::manholesAndSpacesUnderRoads()
{
    // Manholes: read back as facilities, all under roads, one at most ~60 m from the next along a line.
    auto facilities = gis::readPointFacilities(file("manholes.gpkg"), QStringLiteral("EPSG:4549"));
    QVERIFY2(facilities, qPrintable(facilities.status().message()));
    QCOMPARE(facilities->report.skipped, 0);
    // 5 km of pipes with a chamber every 60 m and at the ends: roughly 80 to 200.
    QVERIFY2(facilities->facilities.size() > 80 && facilities->facilities.size() < 200,
             qPrintable(QString::number(facilities->facilities.size())));
    QSet<int> kinds;
    for (const data::PointFacility& f : facilities->facilities) {
        kinds.insert(int(f.kind));
        QVERIFY2(m_layout->roadAt(f.position.x - origin().x, f.position.y - origin().y) >= 0, "manholes lie on roads");
        QVERIFY(std::isnan(f.position.z)); // draped by the loader
    }
    QVERIFY(kinds.contains(int(data::PointFacilityKind::Manhole)) && kinds.contains(int(data::PointFacilityKind::Valve)) &&
            kinds.contains(int(data::PointFacilityKind::Hydrant)));

    auto spaces = gis::readUndergroundSpaces(file("underground_spaces.gpkg"), QStringLiteral("EPSG:4549"));
    QVERIFY2(spaces, qPrintable(spaces.status().message()));
    QCOMPARE(int(spaces->spaces.size()), 2);
    QCOMPARE(int(spaces->spaces[0].kind), int(data::UndergroundSpaceKind::UtilityTunnel));
    QCOMPARE(int(spaces->spaces[1].kind), int(data::UndergroundSpaceKind::Parking));
    for (const data::ProjectedPoint& p : spaces->spaces[0].outer) // the tunnel runs under its main road
        QVERIFY(m_layout->roadAt(p.x - origin().x, p.y - origin().y) >= 0);
    auto looksLikeSpaces = gis::hasUndergroundSpaceFields(file("underground_spaces.gpkg"));
    QVERIFY(looksLikeSpaces && *looksLikeSpaces);
}

void TestDemoCity::projectLoadsWithLayersAndViews()
{
    const data::Project& p = m_project;
    QCOMPARE(p.name, QStringLiteral("平湖 Pinghu demo"));
    QCOMPARE(p.crs, QStringLiteral("EPSG:4549"));
    QCOMPARE(p.timeZone, QStringLiteral("Asia/Shanghai"));
    QCOMPARE(p.origin.x, std::round(p.origin.x));
    QVERIFY(std::abs(p.origin.x - 595804.28) < 1.0 && std::abs(p.origin.y - 3398141.12) < 1.0);
    QCOMPARE(p.timeExtent.duration(), 30 * data::kDayMs);
    QVERIFY(p.timeExtent.contains(p.initialTime));
    const QDateTime noon = QDateTime::fromMSecsSinceEpoch(p.initialTime, QTimeZone("Asia/Shanghai"));
    QCOMPARE(noon.time().hour(), 12);
    QCOMPARE(noon.date(),
             QDateTime::fromMSecsSinceEpoch(p.timeExtent.end - 1, QTimeZone("Asia/Shanghai")).date());

    const std::vector<std::pair<LayerKind, QString>> expected{
        {LayerKind::Elevation, "dem.tif"},        {LayerKind::Imagery, "imagery.tif"},
        {LayerKind::Buildings, "buildings.gpkg"}, {LayerKind::Pipes, "pipes.gpkg"},
        {LayerKind::Manholes, "manholes.gpkg"},   {LayerKind::UndergroundSpaces, "underground_spaces.gpkg"},
        {LayerKind::People, "store:people"},      {LayerKind::Events, "store:events"},
        {LayerKind::Assets, "store:assets"}};
    QCOMPARE(p.layers().size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        const data::LayerSettings& l = p.layers()[i];
        QCOMPARE(int(l.kind), int(expected[i].first));
        QCOMPARE(l.sourceUri, expected[i].second);
        if (!l.sourceUri.startsWith(QLatin1String("store:")))
            QVERIFY(QFileInfo::exists(QDir(m_dir.path()).filePath(l.sourceUri)));
        if (l.kind == LayerKind::Buildings) {
            QCOMPARE(l.style.value("heightField").toString(), QStringLiteral("height"));
            QCOMPARE(int(l.group), int(data::LayerGroup::CityModels));
        }
        if (l.kind == LayerKind::Pipes || l.kind == LayerKind::Manholes || l.kind == LayerKind::UndergroundSpaces) {
            QVERIFY(!l.visible);
            QCOMPARE(int(l.group), int(data::LayerGroup::Underground));
        }
        if (l.kind == LayerKind::Events) {
            QCOMPARE(int(l.temporal.mode), int(data::TemporalMode::FeatureFields));
            QCOMPARE(l.temporal.startField, QStringLiteral("reported"));
            QCOMPARE(l.temporal.endField, QStringLiteral("closed"));
        }
    }
    const auto* home = p.view(QStringLiteral("home"));
    const auto* top = p.view(QStringLiteral("top"));
    const auto* centre = p.view(QStringLiteral("centre"));
    QVERIFY(home && top && centre);
    QCOMPARE(home->headingDeg, 0.0);
    QVERIFY(home->pitchDeg <= -35.0 && home->pitchDeg >= -45.0);
    QCOMPARE(top->pitchDeg, -90.0);
    QVERIFY(top->rangeM > 4000.0);
    QVERIFY(centre->rangeM < 1500.0 && std::hypot(centre->target.x, centre->target.y) < 200.0);
}

void TestDemoCity::overlaysMatchOptions()
{
    auto store = data::ProjectStore::open(m_projectPath, data::ProjectStore::Mode::ReadOnly);
    QVERIFY(store);
    auto counts = (*store)->counts();
    QVERIFY(counts);
    QCOMPARE(counts->people, std::int64_t(100));
    QCOMPARE(counts->events, std::int64_t(5000));
    QVERIFY(counts->trackPoints >= 100 * 1440);
    QVERIFY(counts->assets > 100);
    // Every sensor, every 10 minutes of the demo day (sensorAlarmDuringTheStorm checks each one).
    QVERIFY(counts->sensorReadings > 0 && counts->sensorReadings % 144 == 0);

    auto people = (*store)->people();
    QVERIFY(people);
    QSet<int> roles;
    for (const auto& person : *people) {
        QVERIFY(!person.name.isEmpty() && !person.team.isEmpty());
        roles.insert(int(person.role));
    }
    QCOMPARE(roles.size(), 4);

    auto points = (*store)->trackPoints();
    QVERIFY(points);
    const data::TimeMs dayStart = m_project.timeExtent.end - data::kDayMs;
    std::map<std::int64_t, std::pair<data::TimeMs, data::TimeMs>> span;
    RasterProbe dem;
    QVERIFY(dem.load(file("dem.tif")));
    for (const auto& tp : *points) {
        QVERIFY(std::abs(tp.position.x - origin().x) <= 2000.0 &&
                std::abs(tp.position.y - origin().y) <= 2000.0);
        QVERIFY(std::abs(tp.position.z - dem.bilinear(tp.position.x, tp.position.y)) < 0.05);
        auto [it, fresh] = span.try_emplace(tp.personId, tp.time, tp.time);
        it->second.first = std::min(it->second.first, tp.time);
        it->second.second = std::max(it->second.second, tp.time);
    }
    QCOMPARE(span.size(), size_t(100));
    // Interpolating between fixes keeps people on the streets (fixes at turns and stops).
    int checked = 0;
    for (size_t i = 1; i < points->size(); ++i) {
        const auto& a = (*points)[i - 1];
        const auto& b = (*points)[i];
        if (a.personId != b.personId || a.personId > 20)
            continue;
        for (const double f : {0.25, 0.5, 0.75}) {
            const double x = a.position.x + (b.position.x - a.position.x) * f - origin().x;
            const double y = a.position.y + (b.position.y - a.position.y) * f - origin().y;
            double d = 0.0;
            m_layout->nearestRoad(x, y, &d);
            QVERIFY2(d < 25.0,
                     qPrintable(QStringLiteral("person %1 at %2 is %3 m off the roads")
                                    .arg(a.personId)
                                    .arg(QDateTime::fromMSecsSinceEpoch(a.time).toString(Qt::ISODate))
                                    .arg(d)));
            ++checked;
        }
    }
    QVERIFY(checked > 20 * 1440);
    for (const auto& [id, s] : span) {
        QCOMPARE(s.first, dayStart);
        QVERIFY(s.second >= dayStart + data::kDayMs - 60 * data::kSecondMs &&
                s.second < dayStart + data::kDayMs);
    }

    auto assets = (*store)->assets();
    QVERIFY(assets);
    QSet<QString> subtypes;
    QSet<int> types;
    for (const auto& a : *assets) {
        types.insert(int(a.type));
        if (a.type == data::AssetType::Sensor)
            subtypes.insert(a.subtype);
        QVERIFY(QJsonDocument::fromJson(a.attributesJson.toUtf8()).isObject());
    }
    QCOMPARE(types.size(), 4);
    QCOMPARE(subtypes, (QSet<QString>{"water_level", "smoke", "gas", "manhole_cover"}));
}

void TestDemoCity::eventsHaveLifecycleAndRhythm()
{
    auto store = data::ProjectStore::open(m_projectPath, data::ProjectStore::Mode::ReadOnly);
    QVERIFY(store);
    auto events = (*store)->events();
    QVERIFY(events);
    QCOMPARE(events->size(), size_t(5000));
    const QSet<QString> sources{"hotline_12345", "patrol", "sensor", "camera"};
    QSet<QString> categories;
    int open = 0, day = 0, night = 0, staffed = 0;
    for (const data::Event& e : *events) {
        QVERIFY(m_project.timeExtent.contains(e.reported));
        QVERIFY(e.severity >= 1 && e.severity <= 4);
        QVERIFY2(sources.contains(e.source), qPrintable(e.source));
        QVERIFY(!e.description.isEmpty());
        categories.insert(e.category);
        data::TimeMs last = e.reported;
        for (const data::TimeMs t : {e.dispatched, e.onSite, e.resolved, e.closed}) {
            if (t == kNoTime) {
                last = kNoTime;
                continue;
            }
            QVERIFY2(last != kNoTime && t >= last, "steps happen in order, none after a missing one");
            last = t;
        }
        if (e.closed == kNoTime)
            ++open;
        if (!e.assignedStaff.empty())
            ++staffed;
        const int hour = QDateTime::fromMSecsSinceEpoch(e.reported, QTimeZone("Asia/Shanghai")).time().hour();
        day += hour >= 9 && hour < 11;
        night += hour >= 3 && hour < 5;
    }
    QVERIFY(categories.contains("hotline_complaint") && categories.contains("illegal_parking") &&
            categories.contains("flood") && categories.contains("fire") && categories.contains("garbage"));
    QVERIFY2(open > 5 && open < 500, qPrintable(QString::number(open)));
    QVERIFY(staffed > 4500);
    QVERIFY2(day > 4 * night, qPrintable(QStringLiteral("9-11h: %1, 3-5h: %2").arg(day).arg(night)));
}

void TestDemoCity::sensorAlarmDuringTheStorm()
{
    auto store = data::ProjectStore::open(m_projectPath, data::ProjectStore::Mode::ReadOnly);
    QVERIFY(store);
    auto assets = (*store)->assets();
    auto thresholds = (*store)->thresholds();
    QVERIFY(assets && thresholds);
    // One limit per sensor subtype, plus the canal gauges' own (lower) warning level.
    QSet<QString> limited;
    int perAsset = 0;
    for (const data::Threshold& t : *thresholds) {
        QVERIFY(t.max && !t.min);
        if (t.assetId != 0)
            ++perAsset;
        else
            limited.insert(t.subtype);
    }
    QCOMPARE(limited, (QSet<QString>{"water_level", "smoke", "gas", "manhole_cover"}));
    QVERIFY(perAsset > 0);

    data::SensorAlarms alarms(*assets, *thresholds);
    const data::TimeMs dayStart = m_project.timeExtent.end - data::kDayMs;
    int sensors = 0;
    for (const data::Asset& a : *assets) {
        if (a.type != data::AssetType::Sensor)
            continue;
        ++sensors;
        auto readings = (*store)->sensorReadings(a.id);
        QVERIFY(readings);
        QCOMPARE(readings->size(), size_t(144));
        QCOMPARE(readings->front().time, dayStart);
        alarms.addReadings(*readings);
    }
    QCOMPARE(int(alarms.watchedSensors().size()), sensors);

    // The storm: one or two river gauges over 2.8 m in the late afternoon, nothing at night or at noon
    // (the time the demo opens at).
    std::vector<data::AlarmInterval> intervals;
    std::vector<std::int64_t> alarming;
    for (std::int64_t id : alarms.watchedSensors()) {
        for (const data::AlarmInterval& i : alarms.intervals(id)) {
            intervals.push_back(i);
            alarming.push_back(id);
        }
    }
    QVERIFY2(!intervals.empty() && intervals.size() <= 2, qPrintable(QString::number(intervals.size())));
    for (size_t k = 0; k < intervals.size(); ++k) {
        const data::AlarmInterval& i = intervals[k];
        QVERIFY(i.start >= dayStart + 16 * data::kHourMs && i.end != kNoTime && i.end <= dayStart + 20 * data::kHourMs);
        QVERIFY(i.end - i.start >= 90 * data::kMinuteMs);
        const auto alarm = alarms.alarmAt(alarming[k], i.start);
        QVERIFY(alarm && alarm->above && alarm->value > 2.8);
        QCOMPARE(alarm->threshold.subtype, QStringLiteral("water_level"));
    }
    QCOMPARE(alarms.alarmsAt(dayStart + 17 * data::kHourMs + 30 * data::kMinuteMs).size(), intervals.size());
    for (data::TimeMs t = dayStart; t < dayStart + data::kDayMs; t += 10 * data::kMinuteMs) {
        const int hour = int((t - dayStart) / data::kHourMs);
        if (hour < 7 || hour >= 21 || hour == 12)
            QVERIFY2(alarms.alarmsAt(t).empty(), qPrintable(QStringLiteral("alarm at %1:00").arg(hour)));
    }

    // The flood the storm causes is on the events layer, by an alarming gauge, while it alarms.
    auto events = (*store)->events();
    QVERIFY(events);
    int floods = 0;
    for (size_t k = 0; k < intervals.size(); ++k) {
        const auto gauge = std::find_if(assets->begin(), assets->end(),
                                        [&](const data::Asset& a) { return a.id == alarming[k]; });
        QVERIFY(gauge != assets->end());
        for (const data::Event& e : *events) {
            if (e.category != QLatin1String("flood") || !intervals[k].contains(e.reported) ||
                std::hypot(e.position.x - gauge->position.x, e.position.y - gauge->position.y) > 40.0)
                continue;
            ++floods;
            QCOMPARE(e.source, QStringLiteral("sensor"));
            QVERIFY2(e.description.contains(gauge->name), qPrintable(e.description));
        }
    }
    QCOMPARE(floods, 1);
}

void TestDemoCity::sameSeedSameCityOtherSeedOther()
{
    QTemporaryDir a, b, c;
    QVERIFY(gis::makeDemoCity(a.path(), tinyOptions(7)).isOk());
    QVERIFY(gis::makeDemoCity(b.path(), tinyOptions(7)).isOk());
    QVERIFY(gis::makeDemoCity(c.path(), tinyOptions(8)).isOk());
    const auto buildings = [](const QTemporaryDir& d) { return buildingsHash(d.filePath("buildings.gpkg")); };
    const auto events = [](const QTemporaryDir& d) { return eventsHash(d.filePath("pinghu.citytwin")); };
    QVERIFY(!buildings(a).isEmpty() && !events(a).isEmpty());
    QCOMPARE(buildings(a), buildings(b));
    QCOMPARE(events(a), events(b));
    QVERIFY(buildings(a) != buildings(c));
    QVERIFY(events(a) != events(c));
}

void TestDemoCity::refusesToOverwriteAProject()
{
    const QFileInfo before(m_projectPath);
    auto again = gis::makeDemoCity(m_dir.path(), smallOptions());
    QVERIFY(!again.isOk());
    QCOMPARE(again.status().code(), data::Status::Code::InvalidArgument);
    QVERIFY2(again.status().message().contains("pinghu.citytwin"), qPrintable(again.status().message()));
    const QFileInfo after(m_projectPath);
    QCOMPARE(after.size(), before.size());
    QCOMPARE(after.lastModified(), before.lastModified());
}

void TestDemoCity::cancelLeavesNoProject_data()
{
    QTest::addColumn<double>("cancelAt");
    QTest::newRow("at once") << 0.0;
    QTest::newRow("while writing buildings") << 0.11;
    QTest::newRow("while tracking people") << 0.5;
    QTest::newRow("while writing events") << 0.9;
}

void TestDemoCity::cancelLeavesNoProject()
{
    QFETCH(double, cancelAt);
    QTemporaryDir dir;
    bool asked = false;
    auto result = gis::makeDemoCity(dir.path(), tinyOptions(3), [&](double f, const QString&) {
        asked = true;
        return f < cancelAt;
    });
    QVERIFY(asked);
    QVERIFY(!result.isOk());
    QCOMPARE(result.status().code(), data::Status::Code::Cancelled);
    QVERIFY2(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty(),
             qPrintable(QDir(dir.path()).entryList(QDir::Files).join(", ")));
}

void TestDemoCity::badOptionsAreRejected()
{
    QTemporaryDir dir;
    DemoCityOptions o = tinyOptions(1);
    o.sizeM = 10.0;
    auto result = gis::makeDemoCity(dir.path(), o);
    QVERIFY(!result.isOk());
    QCOMPARE(result.status().code(), data::Status::Code::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestDemoCity)
#include "tst_democity.moc"
