// readCityGml on bad input (truncated, corrupt, not CityGML, unknown or unfitting srsName, no
// srsName, empty model, empty or missing file), a generated 20,000-building file read in
// reasonable time with monotonic progress and an honoured cancel, and nothing written to stdout.
#include "gis/CityGmlReader.h"
#include "tests/gis/CityGmlFixtures.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unistd.h>

using namespace citytwin;
using test::countType;
using test::kX;
using test::kY;
using test::projectOptions;

class TstCityGmlErrors : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void badInput_data();
    void badInput();
    void malformedGeometry_data();
    void malformedGeometry();
    void hugeFileAndCancel();
    void nothingOnStdout();

private:
    QString write(const QString& name, const QString& text)
    {
        const QString path = m_dir.filePath(name);
        return test::writeText(path, text) ? path : QString();
    }
    QTemporaryDir m_dir;
};

void TstCityGmlErrors::badInput_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("mentions");
    const QString box = test::lod1Box(QStringLiteral("b"), kX, kY, 0, 10, 10);
    const QString good = test::cityModel(QStringLiteral("EPSG:4549"), box + box);
    QTest::newRow("truncated") << "truncated.gml" << good.left(good.size() / 2)
                               << "not a readable CityGML file";
    QTest::newRow("corrupt XML") << "corrupt.gml"
                                 << QString(good).replace(QLatin1String("</gml:posList>"),
                                                          QLatin1String("</gml:pos>"))
                                 << "line";
    QTest::newRow("not CityGML") << "other.xml"
                                 << "<?xml version=\"1.0\"?><kml><Document><name>x</name></Document></kml>"
                                 << "not a CityGML file";
    QTest::newRow("binary junk") << "junk.gml" << QString::fromLatin1("\x01\x02PK\x03\x04 garbage")
                                 << "not a readable CityGML file";
    QTest::newRow("unknown srsName") << "unknown.gml"
                                     << test::cityModel(QStringLiteral("urn:x:my-local-grid"), box)
                                     << "unknown srsName";
    QTest::newRow("EPSG code PROJ lacks")
        << "nocode.gml" << test::cityModel(QStringLiteral("EPSG:999999"), box) << "EPSG:999999";
    QTest::newRow("wrong CRS") << "wrongcrs.gml" << test::cityModel(QStringLiteral("EPSG:4326"), box)
                               << "do not fit";
    QTest::newRow("no srsName") << "local.gml" << test::cityModel(QString(), box) << "placement";
    QTest::newRow("empty CityModel") << "empty.gml" << test::cityModel(QStringLiteral("EPSG:4549"), QString())
                                     << "no buildings";
    QTest::newRow("empty file") << "zero.gml" << QString() << "empty";
    QTest::newRow("missing file") << "" << QString() << "does not exist";
}

void TstCityGmlErrors::badInput()
{
    QFETCH(QString, name);
    QFETCH(QString, content);
    QFETCH(QString, mentions);
    const QString path = name.isEmpty() ? m_dir.filePath(QStringLiteral("gone.gml")) : write(name, content);
    QVERIFY(!path.isEmpty());
    auto model = gis::readCityGml(path, projectOptions());
    QVERIFY(!model.isOk());
    QVERIFY2(model.status().message().contains(path), qPrintable(model.status().message()));
    QVERIFY2(model.status().message().contains(mentions), qPrintable(model.status().message()));
}

void TstCityGmlErrors::malformedGeometry_data()
{
    // Geometry libcitygml accepts as XML but that is broken as geometry: the reader may keep what
    // is usable or fail with a message, but must never crash or produce NaN bounds.
    QTest::addColumn<QString>("polygon"); // replaces the box's top face
    QTest::newRow("odd number count") << "<gml:posList>0 0 0 1 0 0 1 1</gml:posList>";
    QTest::newRow("two points") << "<gml:posList>0 0 0 1 0 0 0 0 0</gml:posList>";
    QTest::newRow("empty posList") << "<gml:posList></gml:posList>";
    QTest::newRow("text numbers") << "<gml:posList>a b c d e f g h i a b c</gml:posList>";
    QTest::newRow("nan") << "<gml:posList>nan 0 0 1 0 0 1 1 0 nan 0 0</gml:posList>";
    QTest::newRow("bow tie") << "<gml:posList>0 0 0 1 1 0 1 0 0 0 1 0 0 0 0</gml:posList>";
    QTest::newRow("all equal") << "<gml:posList>5 5 5 5 5 5 5 5 5 5 5 5</gml:posList>";
    QTest::newRow("xlink to nothing") << "XLINK";
}

void TstCityGmlErrors::malformedGeometry()
{
    QFETCH(QString, polygon);
    const QString box = test::lod1Box(QStringLiteral("m"), 0, 0, 0, 10, 10);
    // Swap the second polygon (the top face) for the broken one, in the box's local 0..10 m frame.
    const qsizetype from =
        box.indexOf(QLatin1String("<gml:surfaceMember>"), box.indexOf(QLatin1String("</gml:surfaceMember>")));
    const qsizetype to =
        box.indexOf(QLatin1String("</gml:surfaceMember>"), from) + int(strlen("</gml:surfaceMember>"));
    const QString broken =
        polygon == QLatin1String("XLINK")
            ? QStringLiteral("<gml:surfaceMember xlink:href=\"#nowhere\"/>")
            : QStringLiteral("<gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing>%1"
                             "</gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember>")
                  .arg(polygon);
    QString text = test::cityModel(QString(), QString(box).replace(from, to - from, broken));
    text.replace(QLatin1String("xmlns:gml="),
                 QLatin1String("xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:gml="));
    const QString path = write(QStringLiteral("malformed.gml"), text);
    gis::ModelReadOptions o = projectOptions();
    o.placement = data::ModelPlacement{{121.0, 30.7, 0.0}, false, 0.0, 1.0};
    auto model = gis::readCityGml(path, o);
    if (!model.isOk()) {
        QVERIFY2(model.status().message().contains(path), qPrintable(model.status().message()));
        return;
    }
    const data::Model& m = model.value();
    QVERIFY(m.triangleCount() >= 10); // the five good faces survive
    for (double v :
         {m.boundsMin.x, m.boundsMin.y, m.boundsMin.z, m.boundsMax.x, m.boundsMax.y, m.boundsMax.z})
        QVERIFY(std::isfinite(v));
    QVERIFY(m.boundsMax.z - m.boundsMin.z < 10.5);
}

void TstCityGmlErrors::hugeFileAndCancel()
{
    constexpr int kSide =
        100; // 100 × 100 × 2 = 20,000 buildings on a 10 m grid (5 km × 5 km with 25 m pitch)
    const QString path = m_dir.filePath(QStringLiteral("huge.gml"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QString model = test::cityModel(QStringLiteral("EPSG:4549"), QStringLiteral("@@"));
        const qsizetype at = model.indexOf(QLatin1String("@@"));
        f.write(model.left(at).toUtf8());
        for (int i = 0; i < 2 * kSide * kSide; ++i)
            f.write(test::lod1Box(QStringLiteral("b%1").arg(i), kX + 25.0 * (i % 200), kY + 25.0 * (i / 200),
                                  0, 12, 3 + i % 40)
                        .toUtf8());
        f.write(model.mid(at + 2).toUtf8());
    }
    QVERIFY(QFileInfo(path).size() > 20 * 1000 * 1000);

    QElapsedTimer timer;
    timer.start();
    double lastProgress = -1;
    bool monotonic = true;
    gis::ModelReadOptions o = projectOptions();
    o.progress = [&](double f) {
        monotonic = monotonic && f >= lastProgress;
        lastProgress = f;
    };
    auto model = gis::readCityGml(path, o);
    const qint64 fullMs = timer.elapsed();
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    QCOMPARE(countType(model.value(), QStringLiteral("Building")), 2 * kSide * kSide);
    QCOMPARE(model.value().triangleCount(), std::size_t(12 * 2 * kSide * kSide));
    QVERIFY(monotonic);
    QCOMPARE(lastProgress, 1.0);
    QVERIFY(model.value().meshes.size() < 100); // merged per cell, not one per building
    qInfo("20,000 LOD1 buildings (%lld MB) read in %lld ms", QFileInfo(path).size() / 1000000, fullMs);
    QVERIFY2(fullMs < 60000, qPrintable(QString::number(fullMs)));

    // Cancel a fifth of the way in: the read stops early with Cancelled.
    gis::ModelReadOptions c = projectOptions();
    c.cancel = data::CancelToken::create();
    c.progress = [&](double f) {
        if (f > 0.2)
            c.cancel.cancel();
    };
    timer.restart();
    auto cancelled = gis::readCityGml(path, c);
    QVERIFY(!cancelled.isOk());
    QCOMPARE(int(cancelled.status().code()), int(data::Status::Code::Cancelled));
    QVERIFY2(timer.elapsed() < fullMs / 2 + 500,
             qPrintable(QStringLiteral("%1 vs %2 ms").arg(timer.elapsed()).arg(fullMs)));
}

void TstCityGmlErrors::nothingOnStdout()
{
    // libcitygml's default logger prints to stdout; the reader must route everything to our log.
    const QString capture = m_dir.filePath(QStringLiteral("stdout.txt"));
    const QString path =
        write(QStringLiteral("noisy.gml"),
              test::cityModel(QStringLiteral("EPSG:4549"),
                              QStringLiteral("<core:cityObjectMember><bldg:Building "
                                             "gml:id=\"x\"><bldg:unknownThing>1</bldg:unknownThing></"
                                             "bldg:Building></core:cityObjectMember>")));
    // QtTest prints our own log categories on stdout: silence them so only the library can write.
    QLoggingCategory::setFilterRules(QStringLiteral("citytwin.*=false"));
    std::fflush(stdout);
    const int saved = ::dup(1);
    FILE* file = std::fopen(qPrintable(capture), "w");
    QVERIFY(file);
    ::dup2(::fileno(file), 1);
    auto bad = gis::readCityGml(path, projectOptions());
    auto corrupt =
        gis::readCityGml(write(QStringLiteral("c.gml"), QStringLiteral("<a><b></a>")), projectOptions());
    std::fflush(stdout);
    ::dup2(saved, 1);
    ::close(saved);
    std::fclose(file);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(!bad.isOk() && !corrupt.isOk());
    QCOMPARE(QFileInfo(capture).size(), qint64(0));
}

QTEST_GUILESS_MAIN(TstCityGmlErrors)
#include "tst_citygmlerrors.moc"
