// readFieldNames/readFieldValues: field names in schema order, one value per footprint id of the
// demo buildings.gpkg (checked against readFootprints) and per pipe id of its pipes.gpkg (against
// readPipes), multi-geometry part ids, errors naming the file.
#include "gis/DemoCity.h"
#include "gis/FieldValues.h"
#include "gis/FootprintReader.h"
#include "gis/PipeReader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <map>

using namespace citytwin;

class TstFieldValues : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        gis::DemoCityOptions o;
        o.sizeM = 1500.0;
        o.buildings = 200;
        o.people = 2;
        o.events = 10;
        o.eventDays = 1;
        o.pipeKm = 0.2;
        auto project = gis::makeDemoCity(m_dir.filePath(QStringLiteral("demo")), o);
        QVERIFY2(project.isOk(), qPrintable(project.status().message()));
        m_buildings = m_dir.filePath(QStringLiteral("demo/buildings.gpkg"));
        m_pipes = m_dir.filePath(QStringLiteral("demo/pipes.gpkg"));

        m_multi = m_dir.filePath(QStringLiteral("multi.geojson"));
        QFile f(m_multi);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"type":"FeatureCollection","features":[
{"type":"Feature","id":7,"properties":{"use":"twin","height":12.5},"geometry":{"type":"MultiPolygon",
 "coordinates":[[[[121,30.7],[121.001,30.7],[121.001,30.701],[121,30.7]]],
                [[[121.002,30.7],[121.003,30.7],[121.003,30.701],[121.002,30.7]]],
                [[[121.004,30.7],[121.005,30.7],[121.005,30.701],[121.004,30.7]]]]}},
{"type":"Feature","id":8,"properties":{"use":null,"height":3},"geometry":{"type":"Polygon",
 "coordinates":[[[121.01,30.7],[121.011,30.7],[121.011,30.701],[121.01,30.7]]]}},
{"type":"Feature","id":9,"properties":{"use":"pole","height":1},"geometry":{"type":"Point","coordinates":[121,30]}},
{"type":"Feature","id":10,"properties":{"use":"main","height":0},"geometry":{"type":"MultiLineString",
 "coordinates":[[[121,30.71],[121.001,30.71]],[[121.002,30.71],[121.003,30.71]]]}},
{"type":"Feature","id":11,"properties":{"use":"none","height":0},"geometry":null}]})");
    }

    void fieldNamesInSchemaOrder()
    {
        auto names = gis::readFieldNames(m_buildings);
        QVERIFY2(names.isOk(), qPrintable(names.status().message()));
        QCOMPARE(names.value().size(), 5);
        for (const char* expected : {"name", "height", "floors", "year_built", "use"})
            QVERIFY2(names.value().contains(QString::fromLatin1(expected)), expected);
        auto multi = gis::readFieldNames(m_multi);
        QVERIFY(multi.isOk());
        QCOMPARE(multi.value(), (QStringList{"use", "height"}));
    }

    void valuesMatchFootprintIds()
    {
        auto footprints = gis::readFootprints(m_buildings, QStringLiteral("EPSG:4549"));
        QVERIFY2(footprints.isOk(), qPrintable(footprints.status().message()));
        auto heights = gis::readFieldValues(m_buildings, QStringLiteral("height"));
        QVERIFY2(heights.isOk(), qPrintable(heights.status().message()));
        auto names = gis::readFieldValues(m_buildings, QStringLiteral("name"));
        QVERIFY(names.isOk());
        std::map<std::int64_t, QString> heightOf(heights.value().begin(), heights.value().end());
        std::map<std::int64_t, QString> nameOf(names.value().begin(), names.value().end());
        QCOMPARE(heightOf.size(), heights.value().size()); // ids unique
        QVERIFY(footprints.value().size() > 100);
        for (const data::Footprint& fp : footprints.value()) {
            QVERIFY2(heightOf.count(fp.id), qPrintable(QString::number(fp.id)));
            QCOMPARE(heightOf[fp.id].toDouble(), fp.height);
            QCOMPARE(nameOf[fp.id], fp.name);
        }
        auto tower = heightOf.find(1);
        QVERIFY(tower != heightOf.end());
        QCOMPARE(tower->second.toDouble(), gis::kDemoTower.heightM);
    }

    void multipolygonPartIds()
    {
        auto values = gis::readFieldValues(m_multi, QStringLiteral("use"));
        QVERIFY2(values.isOk(), qPrintable(values.status().message()));
        const std::vector<std::pair<std::int64_t, QString>> expected{
            {7000, "twin"}, {7001, "twin"}, {7002, "twin"}, {8, ""},
            {9, "pole"},                    // a point: a facility reader's feature
            {10000, "main"}, {10001, "main"}}; // line parts like readPipes(); no geometry: nothing
        QCOMPARE(values.value(), expected);
        auto footprints = gis::readFootprints(m_multi, QStringLiteral("EPSG:4549"));
        QVERIFY(footprints.isOk());
        QCOMPARE(footprints.value().size(), std::size_t(4));
        for (std::size_t i = 0; i < 4; ++i)
            QCOMPARE(footprints.value()[i].id, expected[i].first);
    }

    // Pipe layers are styled and replayed by their fields too (install year): the ids must be readPipes()'s.
    void valuesMatchPipeIds()
    {
        auto mapping = gis::guessPipeMapping(m_pipes);
        QVERIFY2(mapping.isOk(), qPrintable(mapping.status().message()));
        auto pipes = gis::readPipes(m_pipes, QStringLiteral("EPSG:4549"), mapping.value());
        QVERIFY2(pipes.isOk(), qPrintable(pipes.status().message()));
        QVERIFY(!pipes.value().pipes.empty());
        const QString yearField = mapping.value().installYearField;
        QVERIFY(!yearField.isEmpty());
        auto years = gis::readFieldValues(m_pipes, yearField);
        QVERIFY2(years.isOk(), qPrintable(years.status().message()));
        std::map<std::int64_t, QString> yearOf(years.value().begin(), years.value().end());
        for (const data::PipeLine& pipe : pipes.value().pipes) {
            QVERIFY2(yearOf.count(pipe.id), qPrintable(QString::number(pipe.id)));
            QCOMPARE(yearOf[pipe.id].toInt(), pipe.installYear);
        }
    }

    void errors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("layer");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing field") << QString() << "colour" << QString() << "colour";
        QTest::newRow("missing layer") << QString() << "height"
                                       << "roads"
                                       << "roads";
        QTest::newRow("missing file") << "gone.gpkg"
                                      << "height" << QString() << "does not exist";
        QTest::newRow("not vector") << "junk.gpkg"
                                    << "height" << QString() << "junk.gpkg";
    }
    void errors()
    {
        QFETCH(QString, file);
        QFETCH(QString, field);
        QFETCH(QString, layer);
        QFETCH(QString, mentions);
        const QString path = file.isEmpty() ? m_buildings : m_dir.filePath(file);
        if (file == QLatin1String("junk.gpkg")) {
            QFile junk(path);
            QVERIFY(junk.open(QIODevice::WriteOnly));
            junk.write("this is not a geopackage at all, just some text");
        }
        auto values = gis::readFieldValues(path, field, layer);
        QVERIFY(!values.isOk());
        QVERIFY2(values.status().message().contains(path), qPrintable(values.status().message()));
        QVERIFY2(values.status().message().contains(mentions), qPrintable(values.status().message()));
        if (field == QLatin1String("height")) {
            auto names = gis::readFieldNames(path, layer);
            QVERIFY(!names.isOk());
            QVERIFY2(names.status().message().contains(path), qPrintable(names.status().message()));
        }
    }

private:
    QTemporaryDir m_dir;
    QString m_buildings;
    QString m_pipes;
    QString m_multi;
};

QTEST_GUILESS_MAIN(TstFieldValues)
#include "tst_fieldvalues.moc"
