// openObliqueDataset on generated dataset folders (metadata.xml in EPSG / ENU / WKT forms, Data/
// Tile_*/Tile_*.osgb root tiles written as dummy bytes: the opener does not read tiles): root tile
// discovery, the toProject affine checked against PROJ, and clear errors for broken datasets.
#include "gis/CrsTransformer.h"
#include "gis/ObliqueDataset.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <ogr_spatialref.h>

using namespace citytwin;
using gis::ObliqueDataset;

namespace {

const QString kProjectCrs = QStringLiteral("EPSG:4549");

void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray metadataXml(const QString& srs, const QString& origin)
{
    return QStringLiteral(
               "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ModelMetadata version=\"1\">\n"
               "  <SRS>%1</SRS>\n  <SRSOrigin>%2</SRSOrigin>\n  <Texture><ColorSource>Visible</ColorSource>"
               "</Texture>\n</ModelMetadata>\n")
        .arg(srs.toHtmlEscaped(), origin)
        .toUtf8();
}

//! A dataset folder: metadata.xml (unless METADATA is empty) and two tile folders with their
//! roots plus child pages, and one folder whose root is missing (only pages).
void writeDataset(const QString& dir, const QByteArray& metadata)
{
    if (!metadata.isEmpty())
        writeFile(dir + QStringLiteral("/metadata.xml"), metadata);
    for (const char* tile : {"Tile_+001_+000", "Tile_+000_+000"}) {
        const QString t = QString::fromLatin1(tile);
        writeFile(dir + QStringLiteral("/Data/%1/%1.osgb").arg(t), "not read by the opener");
        writeFile(dir + QStringLiteral("/Data/%1/%1_L17_0.osgb").arg(t), "child page");
    }
    writeFile(dir + QStringLiteral("/Data/Tile_+002_+000/Tile_+002_+000_L17_0.osgb"), "orphan page");
}

data::ProjectedPoint apply(const std::array<double, 16>& m, double x, double y, double z)
{
    return {m[0] * x + m[4] * y + m[8] * z + m[12], m[1] * x + m[5] * y + m[9] * z + m[13],
            m[2] * x + m[6] * y + m[10] * z + m[14]};
}

data::ProjectedPoint project(const QString& from, const data::ProjectedPoint& p)
{
    auto t = gis::CrsTransformer::create(from, kProjectCrs);
    if (!t)
        qFatal("%s", qPrintable(t.status().message()));
    auto out = t->forward(p);
    if (!out)
        qFatal("%s", qPrintable(out.status().message()));
    return *out;
}

QString wktOf(int epsg)
{
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    const QString out = QString::fromUtf8(wkt);
    CPLFree(wkt);
    return out;
}

} // namespace

class TestObliqueDataset : public QObject
{
    Q_OBJECT

private slots:
    void findsRootTiles_data();
    void findsRootTiles();
    void projectedSrsMatchesProj_data();
    void projectedSrsMatchesProj();
    void enuFollowsTrueNorth();
    void loneOsgbNeedsPlacement();
    void folderWithoutMetadataIsLocal();
    void errorsNameTheProblem_data();
    void errorsNameTheProblem();
    void emptyDataOrMissingPath();
};

void TestObliqueDataset::findsRootTiles_data()
{
    QTest::addColumn<QString>("open"); // relative to the dataset folder
    QTest::newRow("folder") << QString();
    QTest::newRow("metadata.xml") << QStringLiteral("metadata.xml");
    QTest::newRow("Data folder") << QStringLiteral("Data");
}

void TestObliqueDataset::findsRootTiles()
{
    QFETCH(QString, open);
    QTemporaryDir tmp;
    writeDataset(tmp.path(), metadataXml(QStringLiteral("EPSG:4549"), QStringLiteral("500000,3400000,12.5")));
    auto d = gis::openObliqueDataset(open.isEmpty() ? tmp.path() : tmp.filePath(open), kProjectCrs);
    QVERIFY2(d, qPrintable(d.status().message()));
    QCOMPARE(QDir(d->folder).canonicalPath(), QDir(tmp.path()).canonicalPath());
    QCOMPARE(d->rootTiles.size(), 2);
    QVERIFY(d->rootTiles[0].endsWith(QStringLiteral("Data/Tile_+000_+000/Tile_+000_+000.osgb")));
    QVERIFY(d->rootTiles[1].endsWith(QStringLiteral("Data/Tile_+001_+000/Tile_+001_+000.osgb")));
    QVERIFY(QFileInfo(d->rootTiles[0]).isAbsolute());
    QCOMPARE(d->srs, QStringLiteral("EPSG:4549"));
    QCOMPARE(d->srsOrigin.z, 12.5);
    QVERIFY(d->georeferenced);
    // Same CRS as the project: a pure translation to the origin.
    const data::ProjectedPoint p = apply(d->toProject, 10, 20, 3);
    QVERIFY(std::abs(p.x - 500010) < 1e-6);
    QVERIFY(std::abs(p.y - 3400020) < 1e-6);
    QVERIFY(std::abs(p.z - 15.5) < 1e-9);
}

void TestObliqueDataset::projectedSrsMatchesProj_data()
{
    QTest::addColumn<QString>("srs");
    QTest::addColumn<QString>("proj"); // what PROJ gets for the expected points
    // EPSG:4547 is the 114E zone: in the 120E zone Pinghu's tiles turn by the convergence difference.
    QTest::newRow("EPSG:4547") << QStringLiteral("EPSG:4547") << QStringLiteral("EPSG:4547");
    QTest::newRow("WKT 4547") << wktOf(4547) << QStringLiteral("EPSG:4547");
    QTest::newRow("WKT 4549") << wktOf(4549) << QStringLiteral("EPSG:4549");
}

void TestObliqueDataset::projectedSrsMatchesProj()
{
    QFETCH(QString, srs);
    QFETCH(QString, proj);
    // Pinghu (lon 121.0, lat 30.7) in the SRS.
    auto toSrs = gis::CrsTransformer::create(QStringLiteral("EPSG:4490"), proj);
    QVERIFY(toSrs);
    const data::ProjectedPoint origin = *toSrs->forward({121.0, 30.7, 0.0});
    QTemporaryDir tmp;
    writeDataset(
        tmp.path(),
        metadataXml(srs, QStringLiteral("%1,%2,4").arg(origin.x, 0, 'f', 3).arg(origin.y, 0, 'f', 3)));
    auto d = gis::openObliqueDataset(tmp.path(), kProjectCrs);
    QVERIFY2(d, qPrintable(d.status().message()));
    const data::ProjectedPoint o{std::round(origin.x * 1000) / 1000, std::round(origin.y * 1000) / 1000, 4};
    // Exact at the origin, within a centimetre 300 m away (the affine is tangent to PROJ there).
    for (const auto& [x, y] : {std::pair{0.0, 0.0}, {300.0, 0.0}, {0.0, -300.0}, {-200.0, 250.0}}) {
        const data::ProjectedPoint expected = project(proj, {o.x + x, o.y + y, o.z});
        const data::ProjectedPoint got = apply(d->toProject, x, y, 7);
        QVERIFY2(std::hypot(got.x - expected.x, got.y - expected.y) < 0.01,
                 qPrintable(QStringLiteral("at %1,%2: %3 m off")
                                .arg(x)
                                .arg(y)
                                .arg(std::hypot(got.x - expected.x, got.y - expected.y))));
        QCOMPARE(got.z, 11.0);
    }
}

void TestObliqueDataset::enuFollowsTrueNorth()
{
    QTemporaryDir tmp;
    writeDataset(tmp.path(), metadataXml(QStringLiteral("ENU:30.7,121.0"), QStringLiteral("0,0,0")));
    auto d = gis::openObliqueDataset(tmp.path(), kProjectCrs);
    QVERIFY2(d, qPrintable(d.status().message()));
    QVERIFY(d->georeferenced);
    const data::ProjectedPoint centre = project(QStringLiteral("EPSG:4490"), {121.0, 30.7, 0});
    const data::ProjectedPoint o = apply(d->toProject, 0, 0, 0);
    QVERIFY(std::hypot(o.x - centre.x, o.y - centre.y) < 0.01);
    // 0.001 degrees north (about 111 m) lies along the ENU y axis, whatever grid north is (1 degree
    // east of the central meridian the convergence is about half a degree).
    const data::ProjectedPoint north = project(QStringLiteral("EPSG:4490"), {121.0, 30.701, 0});
    const double trueNorth = std::atan2(north.x - centre.x, north.y - centre.y);
    const data::ProjectedPoint y = apply(d->toProject, 0, 100, 0);
    const double enuNorth = std::atan2(y.x - o.x, y.y - o.y);
    QVERIFY(std::abs(trueNorth) > 0.005); // not trivially grid north
    QVERIFY2(std::abs(enuNorth - trueNorth) < 1e-5, qPrintable(QString::number(enuNorth - trueNorth)));
    // Gauss–Krüger scale 1 degree off the central meridian: about 1.00011.
    const double scale = std::hypot(y.x - o.x, y.y - o.y) / 100.0;
    QVERIFY2(scale > 1.00005 && scale < 1.0002, qPrintable(QString::number(scale, 'f', 7)));
}

void TestObliqueDataset::loneOsgbNeedsPlacement()
{
    QTemporaryDir tmp;
    writeFile(tmp.filePath(QStringLiteral("tile.osgb")), "bytes");
    auto d = gis::openObliqueDataset(tmp.filePath(QStringLiteral("tile.osgb")), kProjectCrs);
    QVERIFY2(d, qPrintable(d.status().message()));
    QCOMPARE(d->rootTiles,
             QStringList{QFileInfo(tmp.filePath(QStringLiteral("tile.osgb"))).absoluteFilePath()});
    QVERIFY(!d->georeferenced);
    QVERIFY(d->srs.isEmpty());
    const std::array<double, 16> identity{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    QCOMPARE(d->toProject, identity);
}

void TestObliqueDataset::folderWithoutMetadataIsLocal()
{
    QTemporaryDir tmp;
    writeDataset(tmp.path(), {});
    auto d = gis::openObliqueDataset(tmp.path(), kProjectCrs);
    QVERIFY2(d, qPrintable(d.status().message()));
    QCOMPARE(d->rootTiles.size(), 2);
    QVERIFY(!d->georeferenced);
}

void TestObliqueDataset::errorsNameTheProblem_data()
{
    QTest::addColumn<QByteArray>("metadata"); // empty: none written
    QTest::addColumn<bool>("withData");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("names"); // the file or folder the message must name

    const QByteArray good = metadataXml(QStringLiteral("EPSG:4549"), QStringLiteral("0,0,0"));
    QTest::newRow("not well-formed") << QByteArray("<ModelMetadata><SRS>EPSG:4549</SRS>") << true
                                     << QStringLiteral("not well-formed XML")
                                     << QStringLiteral("metadata.xml");
    QTest::newRow("wrong root") << QByteArray("<Other><SRS>EPSG:4549</SRS></Other>") << true
                                << QStringLiteral("expected <ModelMetadata>")
                                << QStringLiteral("metadata.xml");
    QTest::newRow("no SRS") << QByteArray("<ModelMetadata><SRSOrigin>0,0,0</SRSOrigin></ModelMetadata>")
                            << true << QStringLiteral("no <SRS>") << QStringLiteral("metadata.xml");
    QTest::newRow("unknown SRS") << metadataXml(QStringLiteral("EPSG:999999"), QStringLiteral("0,0,0"))
                                 << true << QStringLiteral("unknown SRS \"EPSG:999999\"")
                                 << QStringLiteral("metadata.xml");
    QTest::newRow("geographic SRS") << metadataXml(QStringLiteral("EPSG:4326"), QStringLiteral("121,30.7,0"))
                                    << true << QStringLiteral("not in metres")
                                    << QStringLiteral("metadata.xml");
    QTest::newRow("bad ENU") << metadataXml(QStringLiteral("ENU:north"), QStringLiteral("0,0,0")) << true
                             << QStringLiteral("is not ENU:lat,lon") << QStringLiteral("metadata.xml");
    QTest::newRow("two-number origin")
        << metadataXml(QStringLiteral("EPSG:4549"), QStringLiteral("1,2")) << true
        << QStringLiteral("is not three numbers") << QStringLiteral("metadata.xml");
    QTest::newRow("missing Data") << good << false << QStringLiteral("no Data folder") << QString();
}

void TestObliqueDataset::errorsNameTheProblem()
{
    QFETCH(QByteArray, metadata);
    QFETCH(bool, withData);
    QFETCH(QString, message);
    QFETCH(QString, names);
    QTemporaryDir tmp;
    if (withData)
        writeDataset(tmp.path(), metadata);
    else
        writeFile(tmp.filePath(QStringLiteral("metadata.xml")), metadata);
    auto d = gis::openObliqueDataset(tmp.path(), kProjectCrs);
    QVERIFY(!d);
    const QString text = d.status().message();
    QVERIFY2(text.contains(message), qPrintable(text));
    QVERIFY2(text.contains(
                 QDir(tmp.path()).absoluteFilePath(names).remove(QRegularExpression(QStringLiteral("/$")))),
             qPrintable(text));
}

void TestObliqueDataset::emptyDataOrMissingPath()
{
    QTemporaryDir tmp;
    writeFile(tmp.filePath(QStringLiteral("metadata.xml")),
              metadataXml(QStringLiteral("EPSG:4549"), QStringLiteral("0,0,0")));
    writeFile(tmp.filePath(QStringLiteral("Data/Tile_+000_+000/Tile_+000_+000_L17_0.osgb")), "page only");
    auto d = gis::openObliqueDataset(tmp.path(), kProjectCrs);
    QVERIFY(!d);
    QVERIFY2(d.status().message().contains(QStringLiteral("no .osgb root tiles")),
             qPrintable(d.status().message()));
    QVERIFY2(d.status().message().contains(tmp.filePath(QStringLiteral("Data"))),
             qPrintable(d.status().message()));

    const QString missing = tmp.filePath(QStringLiteral("nowhere"));
    auto none = gis::openObliqueDataset(missing, kProjectCrs);
    QVERIFY(!none);
    QVERIFY2(none.status().message().contains(missing), qPrintable(none.status().message()));

    writeFile(tmp.filePath(QStringLiteral("notes.txt")), "x");
    auto other = gis::openObliqueDataset(tmp.filePath(QStringLiteral("notes.txt")), kProjectCrs);
    QVERIFY(!other);
    QVERIFY2(other.status().message().contains(QStringLiteral("not an oblique dataset")),
             qPrintable(other.status().message()));
}

QTEST_GUILESS_MAIN(TestObliqueDataset)
#include "tst_obliquedataset.moc"
