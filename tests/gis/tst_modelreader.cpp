// detectModelFormat on generated files and folders (extension plus the first bytes) and the shared
// samples; readModel's dispatch to the CityGML reader and its errors for paged, unknown and missing
// sources.
#include "gis/ModelReader.h"
#include "tests/common/TestPaths.h"
#include "tests/gis/CityGmlFixtures.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace citytwin;
using data::ModelFormat;

Q_DECLARE_METATYPE(std::optional<citytwin::data::ModelFormat>)

namespace {

constexpr const char* kCityGmlHead =
    "<?xml version=\"1.0\"?>\n<core:CityModel xmlns:core=\"http://www.opengis.net/citygml/2.0\">";
constexpr const char* kTileset =
    R"({"asset":{"version":"1.0"},"geometricError":70,"root":{"geometricError":0}})";

} // namespace

class TstModelReader : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void detect_data();
    void detect();
    void detectShared_data();
    void detectShared();
    void readDispatchesCityGml();
    void readErrors_data();
    void readErrors();

private:
    //! Creates NAME (a file with CONTENT, or a folder when NAME ends with '/') in the temporary dir.
    QString make(const QString& name, const QByteArray& content)
    {
        const QString path = m_dir.filePath(name);
        if (name.endsWith(QLatin1Char('/'))) {
            QDir().mkpath(path);
            return path;
        }
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return path;
    }
    QTemporaryDir m_dir;
};

void TstModelReader::detect_data()
{
    QTest::addColumn<QStringList>("files");  // created in order; the last one is detected
    QTest::addColumn<QByteArray>("content"); // of the last one
    QTest::addColumn<std::optional<ModelFormat>>("expected");
    const auto none = std::optional<ModelFormat>();
    QTest::newRow(".gml CityModel") << QStringList{"a/city.gml"} << QByteArray(kCityGmlHead)
                                    << std::optional(ModelFormat::CityGml);
    QTest::newRow(".citygml upper case")
        << QStringList{"a/city.CITYGML"} << QByteArray(kCityGmlHead) << std::optional(ModelFormat::CityGml);
    QTest::newRow(".xml CityModel") << QStringList{"a/city.xml"} << QByteArray(kCityGmlHead)
                                    << std::optional(ModelFormat::CityGml);
    QTest::newRow(".gml, 5 KB of comments first")
        << QStringList{"a/commented.gml"}
        << (QByteArray("<?xml version=\"1.0\"?>\n<!--") + QByteArray(5000, 'c') + "-->\n" +
            QByteArray(kCityGmlHead).mid(22))
        << std::optional(ModelFormat::CityGml);
    QTest::newRow(".gml but GML of roads")
        << QStringList{"a/roads.gml"} << QByteArray("<?xml version=\"1.0\"?><ogr:FeatureCollection/>")
        << none;
    QTest::newRow(".xml other") << QStringList{"a/pom.xml"} << QByteArray("<project/>") << none;
    QTest::newRow(".ifc") << QStringList{"b/house.ifc"} << QByteArray("ISO-10303-21;\nHEADER;\n")
                          << std::optional(ModelFormat::Ifc);
    QTest::newRow(".ifc not STEP") << QStringList{"b/fake.ifc"} << QByteArray("hello") << none;
    QTest::newRow(".glb") << QStringList{"c/house.glb"} << QByteArray("glTF\x02\0\0\0", 8)
                          << std::optional(ModelFormat::Gltf);
    QTest::newRow(".glb not binary glTF") << QStringList{"c/x.glb"} << QByteArray("PK\x03\x04") << none;
    QTest::newRow(".gltf") << QStringList{"c/cube.gltf"}
                           << QByteArray(R"({"asset":{"version":"2.0"},"scenes":[]})")
                           << std::optional(ModelFormat::Gltf);
    QTest::newRow("tileset.json") << QStringList{"d/tileset.json"} << QByteArray(kTileset)
                                  << std::optional(ModelFormat::Tiles3d);
    QTest::newRow("other .json with asset+root")
        << QStringList{"d/city_tiles.json"} << QByteArray(kTileset) << std::optional(ModelFormat::Tiles3d);
    QTest::newRow(".json GeoJSON") << QStringList{"d/roads.json"}
                                   << QByteArray(R"({"type":"FeatureCollection","features":[]})") << none;
    QTest::newRow(".b3dm alone") << QStringList{"d/tile.b3dm"} << QByteArray("b3dm\x01\0\0\0", 8) << none;
    QTest::newRow("folder with tileset.json")
        << QStringList{"e/tileset.json", "e/"} << QByteArray() << std::optional(ModelFormat::Tiles3d);
    QTest::newRow("oblique folder metadata.xml")
        << QStringList{"f/metadata.xml", "f/"} << QByteArray() << std::optional(ModelFormat::Osgb);
    QTest::newRow("oblique folder Data/Tile_*")
        << QStringList{"g/Data/Tile_+000_+000/", "g/"} << QByteArray() << std::optional(ModelFormat::Osgb);
    QTest::newRow("oblique Data folder itself") << QStringList{"h/Data/Tile_+001_+002/", "h/Data/"}
                                                << QByteArray() << std::optional(ModelFormat::Osgb);
    QTest::newRow("oblique metadata.xml file")
        << QStringList{"i/Data/Tile_+000_+000/", "i/metadata.xml"}
        << QByteArray("<?xml version=\"1.0\"?><ModelMetadata><SRS>EPSG:4547</SRS></ModelMetadata>")
        << std::optional(ModelFormat::Osgb);
    QTest::newRow("lone .osgb") << QStringList{"j/tile.osgb"} << QByteArray("\x6c\x1a\x00\x00", 4)
                                << std::optional(ModelFormat::Osgb);
    QTest::newRow("empty folder") << QStringList{"k/"} << QByteArray() << none;
    QTest::newRow("unknown extension, CityGML inside")
        << QStringList{"l/export.dat"} << QByteArray(kCityGmlHead) << std::optional(ModelFormat::CityGml);
    QTest::newRow("unknown extension, text")
        << QStringList{"l/readme.txt"} << QByteArray("a city model") << none;
    QTest::newRow("missing") << QStringList{} << QByteArray() << none;
}

void TstModelReader::detect()
{
    QFETCH(QStringList, files);
    QFETCH(QByteArray, content);
    QFETCH(std::optional<ModelFormat>, expected);
    QString last = m_dir.filePath(QStringLiteral("nothing-here.gml"));
    for (int i = 0; i < files.size(); ++i) {
        last = make(files[i], i + 1 == files.size() ? content : QByteArray("x"));
        QVERIFY(!last.isEmpty());
    }
    const std::optional<ModelFormat> got = gis::detectModelFormat(last);
    QCOMPARE(got.has_value(), expected.has_value());
    if (expected)
        QCOMPARE(toString(*got), toString(*expected));
}

void TstModelReader::detectShared_data()
{
    QTest::addColumn<QString>("relative");
    QTest::addColumn<int>("expected");
    QTest::newRow("berlin") << "citygml/libcitygml/berlin_open_data_sample_data.citygml"
                            << int(ModelFormat::CityGml);
    QTest::newRow("FZK-Haus") << "citygml/libcitygml/FZK-Haus-LoD0-KIT-IAI-KHH-B36-V1.gml"
                              << int(ModelFormat::CityGml);
    QTest::newRow("duplex") << "ifc/web-ifc/duplex.ifc" << int(ModelFormat::Ifc);
    QTest::newRow("house glb") << "gltf/cesium_houses_cc0/house1-1.glb" << int(ModelFormat::Gltf);
    QTest::newRow("cube gltf") << "gltf/khronos_cube/Cube.gltf" << int(ModelFormat::Gltf);
    QTest::newRow("tileset") << "tiles3d/cesium_city_b3dm/tileset.json" << int(ModelFormat::Tiles3d);
    QTest::newRow("tileset folder") << "tiles3d/cesium_city_b3dm" << int(ModelFormat::Tiles3d);
    QTest::newRow("b3dm tile") << "tiles3d/cesium_city_b3dm/ll.b3dm" << -1;
    QTest::newRow("osgb") << "osgb/fanvanzh_3dtiles/test.osgb" << int(ModelFormat::Osgb);
}

void TstModelReader::detectShared()
{
    QFETCH(QString, relative);
    QFETCH(int, expected);
    const QString path = test::sharedDataFile(relative);
    if (path.isEmpty())
        QSKIP(qPrintable(QStringLiteral("shared %1 is absent").arg(relative)));
    const auto got = gis::detectModelFormat(path);
    QCOMPARE(got ? int(*got) : -1, expected);
}

void TstModelReader::readDispatchesCityGml()
{
    const QString path = m_dir.filePath(QStringLiteral("dispatch.gml"));
    QVERIFY(test::writeText(
        path, test::cityModel(QStringLiteral("EPSG:4549"),
                              test::lod1Box(QStringLiteral("d1"), 595000, 3398000, 0, 10, 20))));
    auto model = gis::readModel(path, gis::ModelReadOptions{});
    QVERIFY2(model.isOk(), qPrintable(model.status().message()));
    QCOMPARE(model.value().name, QStringLiteral("dispatch.gml"));
    QCOMPARE(model.value().features.size(), std::size_t(1));
    QVERIFY(std::abs(model.value().boundsMax.z - 20.0) < 0.01);
}

void TstModelReader::readErrors_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("tileset is paged")
        << QStringList{"r/tileset.json"} << QByteArray(kTileset) << "paged layer";
    QTest::newRow("oblique is paged")
        << QStringList{"s/Data/Tile_+000_+000/", "s/"} << QByteArray() << "paged layer";
    QTest::newRow("b3dm") << QStringList{"t/a.b3dm"} << QByteArray("b3dm") << "tileset.json";
    QTest::newRow("unknown") << QStringList{"u/notes.txt"} << QByteArray("hello") << "not a model format";
    QTest::newRow("missing") << QStringList{} << QByteArray() << "does not exist";
    QTest::newRow("bad CityGML") << QStringList{"v/broken.gml"} << QByteArray(kCityGmlHead) << "broken.gml";
}

void TstModelReader::readErrors()
{
    QFETCH(QStringList, files);
    QFETCH(QByteArray, content);
    QFETCH(QString, mentions);
    QString last = m_dir.filePath(QStringLiteral("missing.ifc"));
    for (int i = 0; i < files.size(); ++i)
        last = make(files[i], i + 1 == files.size() ? content : QByteArray("x"));
    auto model = gis::readModel(last, gis::ModelReadOptions{});
    QVERIFY(!model.isOk());
    QVERIFY2(model.status().message().contains(last), qPrintable(model.status().message()));
    QVERIFY2(model.status().message().contains(mentions), qPrintable(model.status().message()));
}

QTEST_GUILESS_MAIN(TstModelReader)
#include "tst_modelreader.moc"
