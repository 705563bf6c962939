#include "data/PipeMapping.h"
#include "gis/DemoCity.h"
#include "gis/PipeReader.h"
#include "tests/common/TestPaths.h"
#include "tests/gis/PipeFixtures.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <map>
#include <set>

using namespace citytwin;
using namespace citytwin::test::pipes;
using data::DepthReference;
using data::PipeLine;
using data::PipeMapping;
using data::PipeNetwork;
using data::PipeSection;

Q_DECLARE_METATYPE(citytwin::data::DepthReference)

class TstPipeReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        gis::ensureGdalRegistered();
    }

    void demoPipes();
    void realNetworkKy4();
    void depthReferences_data();
    void depthReferences();
    void elevationsInterpolated();
    void millimetres();
    void textValues();
    void guessedMapping();

private:
    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    QTemporaryDir m_dir;
};

void TstPipeReader::demoPipes()
{
    QTemporaryDir dir;
    gis::DemoCityOptions o;
    o.sizeM = 2000.0;
    o.buildings = 200;
    o.people = 5;
    o.events = 100;
    o.eventDays = 2;
    o.pipeKm = 2.0;
    auto made = gis::makeDemoCity(dir.path(), o);
    QVERIFY2(made.isOk(), qPrintable(made.status().message()));
    const QString file = dir.filePath(QStringLiteral("pipes.gpkg"));

    struct Expected
    {
        PipeNetwork network;
        double depth, diameter;
        QString material;
        int year;
        std::vector<double> z;
    };
    std::map<std::int64_t, Expected> expected;
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(file.toUtf8().constData(), GDAL_OF_VECTOR));
        QVERIFY(ds);
        OGRLayer* layer = ds->GetLayer(0);
        for (auto& f : *layer) {
            Expected e{};
            QVERIFY(data::fromString(QString::fromUtf8(f->GetFieldAsString("network")), e.network));
            e.depth = f->GetFieldAsDouble("depth_m");
            e.diameter = f->GetFieldAsDouble("diameter_m");
            e.material = QString::fromUtf8(f->GetFieldAsString("material"));
            e.year = f->GetFieldAsInteger("install_year");
            const OGRLineString* l = f->GetGeometryRef()->toLineString();
            for (int i = 0; i < l->getNumPoints(); ++i)
                e.z.push_back(l->getZ(i));
            expected[f->GetFID()] = e;
        }
    }
    QVERIFY(expected.size() > 5);

    auto guessed = gis::guessPipeMapping(file);
    QVERIFY2(guessed.isOk(), qPrintable(guessed.status().message()));
    QVERIFY(*guessed == PipeMapping{}); // the default mapping is the demo's field names

    auto read = gis::readPipes(file, kProjectCrs, PipeMapping{});
    QVERIFY2(read.isOk(), qPrintable(read.status().message()));
    QCOMPARE(read->report.featuresRead, int(expected.size()));
    QCOMPARE(read->report.pipes, int(expected.size()));
    QCOMPARE(int(read->pipes.size()), int(expected.size()));
    QCOMPARE(read->report.skipped, 0);
    QCOMPARE(read->report.depthsDefaulted, 0);
    QCOMPARE(read->report.sizesDefaulted, 0);
    std::set<PipeNetwork> networks;
    std::set<int> years;
    for (const PipeLine& p : read->pipes) {
        QVERIFY2(expected.count(p.id), qPrintable(QStringLiteral("id %1 is no FID").arg(p.id)));
        const Expected& e = expected[p.id];
        QVERIFY(p.network == e.network);
        QCOMPARE(p.depthM, e.depth);
        QCOMPARE(p.diameterM, e.diameter);
        QVERIFY(p.section == PipeSection::Round);
        QCOMPARE(p.material, e.material);
        QCOMPARE(p.installYear, e.year);
        QVERIFY(!p.material.isEmpty());
        QVERIFY(p.installYear > 1900);
        QVERIFY(p.points.size() >= 2);
        for (const auto& pt : p.points)
            QVERIFY(std::isnan(pt.z)); // depth from the field: the loader drapes
        networks.insert(p.network);
        years.insert(p.installYear);
    }
    QVERIFY(networks.size() >= 3);
    QVERIFY(years.size() >= 3);

    // Without the depth field the lines' own z are the centre elevations.
    PipeMapping noDepth;
    noDepth.depthField.clear();
    auto fromZ = gis::readPipes(file, kProjectCrs, noDepth);
    QVERIFY2(fromZ.isOk(), qPrintable(fromZ.status().message()));
    QCOMPARE(fromZ->report.depthsDefaulted, 0);
    for (const PipeLine& p : fromZ->pipes) {
        const Expected& e = expected[p.id];
        QCOMPARE(p.points.size(), e.z.size()); // the demo writes no repeated vertices
        for (size_t i = 0; i < p.points.size(); ++i)
            QCOMPARE(p.points[i].z, e.z[i]);
    }
}

void TstPipeReader::realNetworkKy4()
{
    const QString file = test::sharedDataFile(QStringLiteral("pipes/wntr_ky4/ky4_pipes.geojson"));
    if (file.isEmpty())
        QSKIP("shared data pipes/wntr_ky4/ky4_pipes.geojson is absent");
    PipeMapping m = bareMapping();
    m.diameterField = QStringLiteral("diameter");
    m.defaultNetwork = PipeNetwork::WaterSupply;
    m.defaultDepthM = 1.2;
    auto read = gis::readPipes(file, QStringLiteral("EPSG:32616"), m);
    QVERIFY2(read.isOk(), qPrintable(read.status().message()));
    QCOMPARE(int(read->pipes.size()), 1156);
    QCOMPARE(read->report.skipped, 0);
    QCOMPARE(read->report.depthsDefaulted, 1156);
    QCOMPARE(read->report.sizesDefaulted, 0);

    std::map<std::int64_t, std::pair<double, double>> props; // FID → (length m, diameter m)
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(file.toUtf8().constData(), GDAL_OF_VECTOR));
        QVERIFY(ds);
        for (auto& f : *ds->GetLayer(0))
            props[f->GetFID()] = {f->GetFieldAsDouble("length"), f->GetFieldAsDouble("diameter")};
    }
    int lengthsChecked = 0;
    int lengthsWithin1Percent = 0;
    for (const PipeLine& p : read->pipes) {
        QVERIFY(props.count(p.id));
        QCOMPARE(p.depthM, 1.2);
        QVERIFY(p.network == PipeNetwork::WaterSupply);
        QCOMPARE(p.diameterM, props[p.id].second);
        QVERIFY(p.diameterM > 0.02 && p.diameterM < 2.0);
        QVERIFY(std::isnan(p.points.front().z));
        // UTM 16N metres: Kentucky lies around 37.5N 85W.
        QVERIFY(p.points.front().x > 0 && p.points.front().x < 1.2e6);
        QVERIFY(p.points.front().y > 4.0e6 && p.points.front().y < 4.3e6);
        const double stored = props[p.id].first;
        if (stored > 10.0) {
            ++lengthsChecked;
            if (std::abs(length2d(p.points) - stored) < 0.01 * stored)
                ++lengthsWithin1Percent;
        }
    }
    // WNTR's lengths are the model's hydraulic lengths: nearly all (98 %) match the drawn geometry, so a
    // feet-as-metres slip (factor 3.28) or a wrong CRS would fail almost every pipe.
    QVERIFY2(
        lengthsWithin1Percent > 0.95 * lengthsChecked,
        qPrintable(
            QStringLiteral("%1 of %2 lengths within 1 %").arg(lengthsWithin1Percent).arg(lengthsChecked)));
}

void TstPipeReader::depthReferences_data()
{
    QTest::addColumn<DepthReference>("reference");
    QTest::addColumn<double>("roundDepth");
    QTest::addColumn<double>("boxDepth");
    // depth field 2.0 for both; the round pipe is 0.4 m, the box 1.2 m wide × 0.6 m high
    QTest::newRow("top") << DepthReference::Top << 2.2 << 2.3;
    QTest::newRow("centre") << DepthReference::Centre << 2.0 << 2.0;
    QTest::newRow("invert") << DepthReference::Invert << 1.8 << 1.7;
}

void TstPipeReader::depthReferences()
{
    QFETCH(DepthReference, reference);
    QFETCH(double, roundDepth);
    QFETCH(double, boxDepth);
    const QString file = path("refs.geojson");
    if (!QFile::exists(file)) {
        const QString error = writeLayer(
            file, "GeoJSON", kProjectCrs, wkbLineString,
            {{"depth", OFTReal}, {"dn", OFTReal}, {"w", OFTReal}, {"h", OFTReal}, {"kind", OFTString}},
            {{line({{0, 0}, {50, 0}, {50, 40}}), {{"depth", 2.0}, {"dn", 0.4}, {"kind", "Gas"}}},
             {line({{0, 10}, {50, 10}}), {{"depth", 2.0}, {"w", 1.2}, {"h", 0.6}, {"kind", " 雨水 "}}}});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    PipeMapping m = bareMapping();
    m.depthField = QStringLiteral("depth");
    m.depthReference = reference;
    m.diameterField = QStringLiteral("dn");
    m.widthField = QStringLiteral("w");
    m.heightField = QStringLiteral("h");
    m.networkField = QStringLiteral("kind");
    auto read = gis::readPipes(file, kProjectCrs, m);
    QVERIFY2(read.isOk(), qPrintable(read.status().message()));
    QCOMPARE(int(read->pipes.size()), 2);
    const PipeLine& round = read->pipes[0];
    QVERIFY(qFuzzyCompare(round.depthM, roundDepth));
    QVERIFY(round.section == PipeSection::Round);
    QVERIFY(round.network == PipeNetwork::Gas);
    QCOMPARE(round.diameterM, 0.4);
    QCOMPARE(int(round.points.size()), 3);
    QVERIFY(std::abs(round.points[1].x - (kE0 + 50)) < 1e-3 &&
            std::abs(round.points[2].y - (kN0 + 40)) < 1e-3);
    QVERIFY(std::isnan(round.points[0].z));
    const PipeLine& box = read->pipes[1];
    QVERIFY(qFuzzyCompare(box.depthM, boxDepth));
    QVERIFY(box.section == PipeSection::Box);
    QVERIFY(box.network == PipeNetwork::Drainage);
    QCOMPARE(box.widthM, 1.2);
    QCOMPARE(box.heightM, 0.6);
    QCOMPARE(read->report.depthsDefaulted, 0);
    QCOMPARE(read->report.sizesDefaulted, 0);
}

void TstPipeReader::elevationsInterpolated()
{
    const QString file = path("elevations.geojson");
    const QString error = writeLayer(
        file, "GeoJSON", kProjectCrs, wkbLineString, {{"z0", OFTReal}, {"z1", OFTReal}, {"dn", OFTReal}},
        {{line({{0, 0}, {30, 0}, {30, 70}}), {{"z0", 10.0}, {"z1", 4.0}, {"dn", 0.4}}},
         {line({{0, 10}, {20, 10}}), {{"z0", 3.0}, {"z1", QVariant()}, {"dn", 0.4}}}});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    PipeMapping m = bareMapping();
    m.startElevationField = QStringLiteral("z0");
    m.endElevationField = QStringLiteral("z1");
    m.diameterField = QStringLiteral("dn");
    m.depthReference = DepthReference::Invert;
    auto read = gis::readPipes(file, kProjectCrs, m);
    QVERIFY2(read.isOk(), qPrintable(read.status().message()));
    QCOMPARE(int(read->pipes.size()), 2);
    const PipeLine& p = read->pipes[0];
    // Invert elevations 10 → 4 over 100 m; the centre is 0.2 m above the invert.
    QCOMPARE(int(p.points.size()), 3);
    QVERIFY(std::abs(p.points[0].z - 10.2) < 1e-9);
    QVERIFY(std::abs(p.points[1].z - (10.2 - 6.0 * 0.3)) < 1e-6);
    QVERIFY(std::abs(p.points[2].z - 4.2) < 1e-9);
    // One end missing: no elevations, so the default depth (draped).
    QVERIFY(std::isnan(read->pipes[1].points[0].z));
    QCOMPARE(read->report.depthsDefaulted, 1);
}

void TstPipeReader::millimetres()
{
    const QString file = path("millimetres.geojson");
    const QString error = writeLayer(file, "GeoJSON", kProjectCrs, wkbLineString,
                                     {{"dn", OFTReal}, {"w", OFTReal}, {"h", OFTReal}},
                                     {{line({{0, 0}, {10, 0}}), {{"dn", 400.0}}},
                                      {line({{0, 5}, {10, 5}}), {{"dn", 0.4}}},
                                      {line({{0, 10}, {10, 10}}), {{"w", 1200.0}, {"h", 800.0}}},
                                      {line({{0, 15}, {10, 15}}), {{"dn", 25000.0}}},
                                      {line({{0, 20}, {10, 20}}), {}}});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    PipeMapping m = bareMapping();
    m.diameterField = QStringLiteral("dn");
    m.widthField = QStringLiteral("w");
    m.heightField = QStringLiteral("h");
    m.defaultDiameterM = 0.15;
    auto read = gis::readPipes(file, kProjectCrs, m);
    QVERIFY2(read.isOk(), qPrintable(read.status().message()));
    QCOMPARE(int(read->pipes.size()), 4);
    QCOMPARE(read->pipes[0].diameterM, 0.4);
    QCOMPARE(read->pipes[1].diameterM, 0.4);
    QVERIFY(read->pipes[2].section == PipeSection::Box);
    QCOMPARE(read->pipes[2].widthM, 1.2);
    QCOMPARE(read->pipes[2].heightM, 0.8);
    QCOMPARE(read->pipes[3].diameterM, 0.15);
    QCOMPARE(read->report.sizesDefaulted, 1);
    QCOMPARE(read->report.skipped, 1);
    QVERIFY2(read->report.skipReasons.value(0).contains(QLatin1String("implausible diameter")),
             qPrintable(read->report.skipReasons.join(QLatin1Char('\n'))));
}

void TstPipeReader::textValues()
{
    // Utility tables often keep sizes and depths as text with their units.
    const QString file = path("text.gpkg");
    const auto row = [](double y, const char* depth, const char* dn) {
        return Feature{line({{0, y}, {10, y}}),
                       {{"depth", QString::fromUtf8(depth)}, {"dn", QString::fromUtf8(dn)}}};
    };
    const QString error = writeLayer(
        file, "GPKG", kProjectCrs, wkbLineString, {{"depth", OFTString}, {"dn", OFTString}},
        {row(0, "1,2", "DN400"), row(1, "1.5m", "Φ300"), row(2, "80 cm", "250mm"), row(3, " 2 米", "de110"),
         row(4, "0.9", "0.5 m"), row(5, "deep", "DN400"), row(6, "1.0", "big"), row(7, "1.0", "25 m")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    PipeMapping m = bareMapping();
    m.depthField = QStringLiteral("depth");
    m.diameterField = QStringLiteral("dn");
    auto read = gis::readPipes(file, kProjectCrs, m);
    QVERIFY2(read.isOk(), qPrintable(read.status().message()));
    const std::vector<std::pair<double, double>> expected{
        {1.2, 0.4}, {1.5, 0.3}, {0.8, 0.25}, {2.0, 0.11}, {0.9, 0.5}};
    QCOMPARE(read->pipes.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        QVERIFY2(std::abs(read->pipes[i].depthM - expected[i].first) < 1e-12, qPrintable(QString::number(i)));
        QVERIFY2(std::abs(read->pipes[i].diameterM - expected[i].second) < 1e-12,
                 qPrintable(QString::number(i)));
    }
    const QStringList reasons = read->report.skipReasons;
    QCOMPARE(reasons.size(), 3);
    QVERIFY2(reasons[0].startsWith(QLatin1String("feature 6: depth is not a number")),
             qPrintable(reasons[0]));
    QVERIFY2(reasons[1].startsWith(QLatin1String("feature 7: diameter is not a number")),
             qPrintable(reasons[1]));
    QVERIFY2(reasons[2].startsWith(QLatin1String("feature 8: implausible diameter (25 m)")),
             qPrintable(reasons[2]));
}

void TstPipeReader::guessedMapping()
{
    // Field names of a Chinese survey table: depth to the pipe top, diameter in millimetres.
    const QString file = path("survey.gpkg");
    const QString error = writeLayer(file, "GPKG", kProjectCrs, wkbLineString,
                                     {{"管顶埋深", OFTReal},
                                      {"管径", OFTInteger},
                                      {"材质", OFTString},
                                      {"建设年代", OFTInteger},
                                      {"管线类型", OFTString},
                                      {"备注", OFTString}},
                                     {{line({{0, 0}, {30, 0}}),
                                       {{"管顶埋深", 1.0},
                                        {"管径", 600},
                                        {"材质", "球墨铸铁"},
                                        {"建设年代", 2008},
                                        {"管线类型", "给水"}}}});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto guessed = gis::guessPipeMapping(file);
    QVERIFY2(guessed.isOk(), qPrintable(guessed.status().message()));
    QCOMPARE(guessed->depthField, QStringLiteral("管顶埋深"));
    QVERIFY(guessed->depthReference == DepthReference::Top);
    QCOMPARE(guessed->diameterField, QStringLiteral("管径"));
    QCOMPARE(guessed->materialField, QStringLiteral("材质"));
    QCOMPARE(guessed->installYearField, QStringLiteral("建设年代"));
    QCOMPARE(guessed->networkField, QStringLiteral("管线类型"));
    QVERIFY(guessed->widthField.isEmpty() && guessed->startElevationField.isEmpty());
    auto read = gis::readPipes(file, kProjectCrs, *guessed);
    QVERIFY2(read.isOk(), qPrintable(read.status().message()));
    QCOMPARE(int(read->pipes.size()), 1);
    const PipeLine& p = read->pipes[0];
    QCOMPARE(p.diameterM, 0.6);
    QVERIFY(std::abs(p.depthM - 1.3) < 1e-12);
    QVERIFY(p.network == PipeNetwork::WaterSupply);
    QCOMPARE(p.material, QStringLiteral("球墨铸铁"));
    QCOMPARE(p.installYear, 2008);

    // A layer without any known field: nothing mapped, so every pipe gets the defaults.
    const QString bare = path("bare.gpkg");
    QVERIFY(writeLayer(bare, "GPKG", kProjectCrs, wkbLineString, {{"remark", OFTString}},
                       {{line({{0, 0}, {30, 0}}), {}}})
                .isEmpty());
    auto none = gis::guessPipeMapping(bare);
    QVERIFY(none.isOk());
    QVERIFY(*none == bareMapping());
    QVERIFY(!gis::guessPipeMapping(path("absent.gpkg")).isOk());
}

QTEST_GUILESS_MAIN(TstPipeReader)
#include "tst_pipereader.moc"
