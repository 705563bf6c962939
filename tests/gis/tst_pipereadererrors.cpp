#include "data/PipeMapping.h"
#include "gis/PipeReader.h"
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

class TstPipeReaderErrors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        gis::ensureGdalRegistered();
    }

    void badFeaturesSkipped();
    void mixed2d3d_data();
    void mixed2d3d();
    void missingMappedField();
    void noCrs();
    void corruptFiles_data();
    void corruptFiles();

private:
    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    QTemporaryDir m_dir;
};

void TstPipeReaderErrors::badFeaturesSkipped()
{
    const QString file = path("bad.gpkg");
    const QVariantMap ok{{"depth_m", 1.5}, {"diameter_m", 0.3}};
    auto with = [&ok](const char* key, const QVariant& v) {
        QVariantMap m = ok;
        m.insert(QString::fromLatin1(key), v);
        return m;
    };
    const QString l = line({{0, 0}, {20, 0}});
    const QString error =
        writeLayer(file, "GPKG", kProjectCrs, wkbUnknown, {{"depth_m", OFTReal}, {"diameter_m", OFTReal}},
                   {{l, ok},                             // 1
                    {l, with("depth_m", QVariant())},    // 2: defaulted depth
                    {l, with("depth_m", -1.5)},          // 3
                    {l, with("depth_m", 150.0)},         // 4
                    {l, with("diameter_m", QVariant())}, // 5: defaulted size
                    {l, with("diameter_m", -0.3)},       // 6
                    {l, with("diameter_m", 30000.0)},    // 7
                    {QString(), ok},                     // 8
                    {QStringLiteral("POINT (%1 %2)").arg(kE0, 0, 'f', 3).arg(kN0, 0, 'f', 3), ok}, // 9
                    {line({{5, 5}}), ok},                                                          // 10
                    {line({{5, 5}, {5, 5}}), ok},                                                  // 11
                    {QStringLiteral("MULTILINESTRING ((%1 %2, %1 %2), (%1 %2, %3 %2), (%1 %4, %3 %4))")
                         .arg(kE0, 0, 'f', 3)
                         .arg(kN0, 0, 'f', 3)
                         .arg(kE0 + 10, 0, 'f', 3)
                         .arg(kN0 + 10, 0, 'f', 3),
                     ok}}); // 12: three parts, the first degenerate
    QVERIFY2(error.isEmpty(), qPrintable(error));
    PipeMapping m = bareMapping();
    m.depthField = QStringLiteral("depth_m");
    m.diameterField = QStringLiteral("diameter_m");
    auto read = gis::readPipes(file, kProjectCrs, m);
    QVERIFY2(read.isOk(), qPrintable(read.status().message()));
    const auto& r = read->report;
    const QString reasons = r.skipReasons.join(QLatin1Char('\n'));
    QCOMPARE(r.featuresRead, 12);
    QCOMPARE(r.skipped, 8);
    QCOMPARE(r.pipes, 5);
    QCOMPARE(r.depthsDefaulted, 1);
    QCOMPARE(r.sizesDefaulted, 1);
    const QStringList expectedReasons{
        QStringLiteral("feature 3: negative depth (-1.5 m)"),
        QStringLiteral("feature 4: implausible depth (150 m)"),
        QStringLiteral("feature 6: non-positive diameter"),
        QStringLiteral("feature 7: implausible diameter"),
        QStringLiteral("feature 8: no geometry"),
        QStringLiteral("feature 9: not a line (POINT)"),
        QStringLiteral("feature 10: fewer than 2 distinct points"),
        QStringLiteral("feature 11: fewer than 2 distinct points"),
    };
    QCOMPARE(r.skipReasons.size(), expectedReasons.size());
    for (int i = 0; i < expectedReasons.size(); ++i)
        QVERIFY2(r.skipReasons[i].startsWith(expectedReasons[i]), qPrintable(reasons));
    QVERIFY(pipeWithId(read->pipes, 1));
    QCOMPARE(pipeWithId(read->pipes, 2)->depthM, PipeMapping{}.defaultDepthM);
    QCOMPARE(pipeWithId(read->pipes, 5)->diameterM, PipeMapping{}.defaultDiameterM);
    QVERIFY(!pipeWithId(read->pipes, 12000));
    QVERIFY(pipeWithId(read->pipes, 12001) && pipeWithId(read->pipes, 12002));
    QVERIFY(!pipeWithId(read->pipes, 12));
}

void TstPipeReaderErrors::mixed2d3d_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("driver");
    QTest::newRow("gpkg") << QStringLiteral("mixed.gpkg") << QByteArray("GPKG");
    QTest::newRow("geojson") << QStringLiteral("mixed.geojson") << QByteArray("GeoJSON");
}

void TstPipeReaderErrors::mixed2d3d()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, driver);
    const QString file = m_dir.filePath(name);
    const QString error =
        writeLayer(file, driver.constData(), kProjectCrs, wkbUnknown, {{"depth_m", OFTReal}},
                   {{line({{0, 0, -2.0}, {20, 0, -2.5}}), {}},
                    {line({{0, 5}, {20, 5}}), {}},
                    {line({{0, 10, -1.0}, {20, 10, -1.0}}), {{"depth_m", 2.5}}}});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    PipeMapping m = bareMapping();
    m.depthField = QStringLiteral("depth_m");
    auto read = gis::readPipes(file, kProjectCrs, m);
    QVERIFY2(read.isOk(), qPrintable(read.status().message()));
    QCOMPARE(int(read->pipes.size()), 3);
    // In file order (GeoPackage FIDs start at 1, GeoJSON's at 0).
    const PipeLine& threeD = read->pipes[0];
    QCOMPARE(threeD.points[0].z, -2.0);
    QCOMPARE(threeD.points[1].z, -2.5);
    QVERIFY(std::isnan(read->pipes[1].points[0].z));
    // A depth value wins over the line's z.
    QVERIFY(std::isnan(read->pipes[2].points[0].z));
    QCOMPARE(read->pipes[2].depthM, 2.5);
    QCOMPARE(read->report.depthsDefaulted, 1);
}

void TstPipeReaderErrors::missingMappedField()
{
    const QString file = path("fields.gpkg");
    const QString error = writeLayer(file, "GPKG", kProjectCrs, wkbLineString, {{"depth_m", OFTReal}},
                                     {{line({{0, 0}, {20, 0}}), {{"depth_m", 1.0}}}});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    PipeMapping m = bareMapping();
    m.depthField = QStringLiteral("depth_m");
    m.diameterField = QStringLiteral("管径");
    auto read = gis::readPipes(file, kProjectCrs, m);
    QVERIFY(!read.isOk());
    QCOMPARE(read.status().code(), data::Status::Code::NotFound);
    QVERIFY2(read.status().message().contains(QStringLiteral("\"管径\"")) &&
                 read.status().message().contains(file) &&
                 read.status().message().contains(QLatin1String("depth_m")),
             qPrintable(read.status().message()));
}

void TstPipeReaderErrors::noCrs()
{
    const QString file = path("nocrs.shp");
    const QString error = writeLayer(file, "ESRI Shapefile", QString(), wkbLineString, {{"dn", OFTReal}},
                                     {{line({{0, 0}, {20, 0}}), {{"dn", 0.5}}}});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    PipeMapping m = bareMapping();
    m.diameterField = QStringLiteral("dn");
    auto refused = gis::readPipes(file, kProjectCrs, m);
    QVERIFY(!refused.isOk());
    QVERIFY2(refused.status().message().contains(file) &&
                 refused.status().message().contains(QLatin1String("no coordinate reference system")),
             qPrintable(refused.status().message()));
    auto assumed = gis::readPipes(file, kProjectCrs, m, QStringLiteral("EPSG:4549"));
    QVERIFY2(assumed.isOk(), qPrintable(assumed.status().message()));
    QCOMPARE(int(assumed->pipes.size()), 1);
    QCOMPARE(assumed->pipes[0].diameterM, 0.5);
    QVERIFY(std::abs(assumed->pipes[0].points[1].x - (kE0 + 20)) < 1e-3);
}

void TstPipeReaderErrors::corruptFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content"); // empty: the first half of a valid file of that format
    QTest::newRow("truncated geojson") << QStringLiteral("truncated.geojson") << QByteArray();
    QTest::newRow("truncated gpkg") << QStringLiteral("truncated.gpkg") << QByteArray();
    QTest::newRow("garbage gpkg") << QStringLiteral("garbage.gpkg")
                                  << QByteArray("SQLite format 3\0garbage", 24);
    QTest::newRow("missing") << QStringLiteral("missing.geojson") << QByteArray("-");
}

void TstPipeReaderErrors::corruptFiles()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    const QString file = m_dir.filePath(name);
    if (content.isEmpty()) {
        const bool gpkg = name.endsWith(QLatin1String(".gpkg"));
        const QString full = m_dir.filePath(QStringLiteral("full_") + name);
        std::vector<Feature> features;
        for (int i = 0; i < (gpkg ? 3000 : 50); ++i)
            features.push_back({line({{0, double(i)}, {20, double(i)}, {40, double(i) + 1}}), {{"dn", 0.3}}});
        QVERIFY(writeLayer(full, gpkg ? "GPKG" : "GeoJSON", kProjectCrs, wkbLineString, {{"dn", OFTReal}},
                           features)
                    .isEmpty());
        QFile in(full);
        QVERIFY(in.open(QIODevice::ReadOnly));
        content = in.readAll().left(in.size() / 2);
    }
    if (content != "-") {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(content);
    }
    auto read = gis::readPipes(file, kProjectCrs, bareMapping());
    QVERIFY(!read.isOk());
    QVERIFY2(read.status().message().contains(file), qPrintable(read.status().message()));
}

QTEST_GUILESS_MAIN(TstPipeReaderErrors)
#include "tst_pipereadererrors.moc"
