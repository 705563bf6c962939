// FootprintReader's failures: a missing, empty, corrupt or truncated file, an untrusted URL and an
// unknown project CRS each fail with their code and a message that says what is wrong.
#include "gis/CrsTransformer.h"
#include "gis/FootprintReader.h"
#include "gis/GdalEnvironment.h"
#include "tests/common/TestPaths.h"
#include "tests/gis/FootprintFixtures.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

using namespace citytwin;
using citytwin::data::Footprint;
using citytwin::data::ProjectedPoint;
using citytwin::data::Status;
using namespace citytwin::test::footprints;

class TestFootprintReaderErrors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void errors_data();
    void errors();

private:
    QTemporaryDir m_dir;
};

void TestFootprintReaderErrors::errors_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("says");
    QTest::newRow("missing") << "missing" << int(Status::Code::NotFound) << "does not exist";
    QTest::newRow("empty file") << "empty" << int(Status::Code::FormatError) << "empty";
    QTest::newRow("corrupt JSON") << "corrupt" << int(Status::Code::FormatError) << "not a vector source";
    QTest::newRow("truncated GeoJSON") << "truncated" << int(Status::Code::FormatError) << "";
    QTest::newRow("network") << "url" << int(Status::Code::Unsupported) << "need to be trusted";
    QTest::newRow("bad project CRS") << "badcrs" << int(Status::Code::Unsupported) << "EPSG:77777777";
}

void TestFootprintReaderErrors::errors()
{
    QFETCH(QString, kind);
    QFETCH(int, code);
    QFETCH(QString, says);
    QString path = m_dir.filePath(kind + QStringLiteral(".geojson"));
    QString projectCrs = QStringLiteral("EPSG:4549");
    if (kind == QLatin1String("empty")) {
        writeText(path, {});
    } else if (kind == QLatin1String("corrupt")) {
        writeText(path, "{ \"type\": \"FeatureCollection\", \"features\": [ {{{ nonsense");
    } else if (kind == QLatin1String("truncated") || kind == QLatin1String("badcrs")) {
        QVERIFY(writeFixture(path, "GeoJSON", QStringLiteral("EPSG:4326"), false).isEmpty());
        if (kind == QLatin1String("truncated")) {
            QFile f(path);
            QVERIFY(f.resize(f.size() / 2));
        } else {
            projectCrs = QStringLiteral("EPSG:77777777");
        }
    } else if (kind == QLatin1String("url")) {
        path = QStringLiteral("/vsicurl/https://example.com/buildings.geojson");
    }
    auto result = gis::readFootprints(path, projectCrs);
    QVERIFY(!result.isOk());
    QCOMPARE(int(result.status().code()), code);
    QVERIFY2(result.status().message().contains(path), qPrintable(result.status().message()));
    QVERIFY2(result.status().message().contains(says), qPrintable(result.status().message()));
}

QTEST_GUILESS_MAIN(TestFootprintReaderErrors)
#include "tst_footprintreadererrors.moc"
