// data/Model: format names, feature lookup, bounds, placement JSON/CLI parsing, type colours.
#include "data/Model.h"

#include <QJsonDocument>
#include <QTest>

using namespace citytwin::data;

Q_DECLARE_METATYPE(std::optional<citytwin::data::ModelPlacement>)

class TstModel : public QObject
{
    Q_OBJECT

private slots:
    void formatNames_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("name");
        QTest::newRow("citygml") << int(ModelFormat::CityGml) << "citygml";
        QTest::newRow("ifc") << int(ModelFormat::Ifc) << "ifc";
        QTest::newRow("gltf") << int(ModelFormat::Gltf) << "gltf";
        QTest::newRow("3dtiles") << int(ModelFormat::Tiles3d) << "3dtiles";
        QTest::newRow("osgb") << int(ModelFormat::Osgb) << "osgb";
    }
    void formatNames()
    {
        QFETCH(int, format);
        QFETCH(QString, name);
        QCOMPARE(toString(ModelFormat(format)), name);
        ModelFormat back = format == 0 ? ModelFormat::Osgb : ModelFormat::CityGml;
        QVERIFY(fromString(name, back));
        QCOMPARE(int(back), format);
        QVERIFY(!fromString(name.toUpper() + QStringLiteral("x"), back));
    }

    void featureAttribute()
    {
        ModelFeature f;
        f.attributes = {{QStringLiteral("function"), QStringLiteral("1000")},
                        {QStringLiteral("empty"), QString()}};
        QCOMPARE(f.attribute(QStringLiteral("function")).value_or(QString()), QStringLiteral("1000"));
        QVERIFY(f.attribute(QStringLiteral("empty")).has_value());
        QVERIFY(!f.attribute(QStringLiteral("missing")).has_value());
    }

    void featureLookup()
    {
        Model m;
        for (int i = 0; i < 5; ++i)
            m.features.push_back(ModelFeature{i, -1, QString::number(i), QStringLiteral("Building"), {}, {}});
        QCOMPARE(m.feature(3)->externalId, QStringLiteral("3"));
        QVERIFY(m.feature(5) == nullptr);
        QVERIFY(m.feature(-1) == nullptr);
        // Unsorted, sparse ids still resolve.
        m.features = {ModelFeature{42, -1, QStringLiteral("a"), {}, {}, {}},
                      ModelFeature{7, 42, QStringLiteral("b"), {}, {}, {}}};
        QCOMPARE(m.feature(7)->externalId, QStringLiteral("b"));
        QCOMPARE(m.feature(42)->externalId, QStringLiteral("a"));
        QVERIFY(m.feature(0) == nullptr);
    }

    void boundsAndTriangles()
    {
        Model m;
        QVERIFY(!m.computeBounds());
        m.boundsMin = {1, 2, 3};
        m.meshes.emplace_back(); // a mesh without vertices leaves the bounds alone
        QVERIFY(!m.computeBounds());
        QCOMPARE(m.boundsMin, (ProjectedPoint{1, 2, 3}));

        ModelMesh a;
        a.anchor = {500000.0, 3400000.0, 10.0};
        a.positions = {-5.f, -2.f, 0.f, 5.f, 2.f, 0.f, 0.f, 0.f, 30.f};
        a.indices = {0, 1, 2};
        ModelMesh b;
        b.anchor = {501000.0, 3399000.0, 0.0};
        b.positions = {0.f, 0.f, -1.f, 1.f, 0.f, -1.f, 0.f, 1.f, -1.f, 1.f, 1.f, -1.f};
        b.indices = {0, 1, 2, 2, 1, 3};
        m.meshes = {a, b};
        QVERIFY(m.computeBounds());
        QCOMPARE(m.boundsMin, (ProjectedPoint{499995.0, 3399000.0, -1.0}));
        QCOMPARE(m.boundsMax, (ProjectedPoint{501001.0, 3400002.0, 40.0}));
        QCOMPARE(m.triangleCount(), std::size_t(3));
        QCOMPARE(b.vertexCount(), std::size_t(4));
    }

    void placementJsonRoundTrip()
    {
        ModelPlacement p;
        p.origin = {121.0123, 30.7011, 4.5};
        p.heightFromTerrain = true;
        p.rotationDeg = -33.5;
        p.scale = 0.001;
        const QJsonObject json = toJson(p);
        // Through text too: this is how LayerSettings::style stores it.
        const QJsonObject reread = QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
        ModelPlacement back;
        QVERIFY(fromJson(reread, back));
        QCOMPARE(back, p);
    }

    void placementJsonBad_data()
    {
        QTest::addColumn<QString>("json");
        QTest::newRow("no lon") << R"({"lat":30})";
        QTest::newRow("no lat") << R"({"lon":121})";
        QTest::newRow("lon as text") << R"({"lon":"121","lat":30})";
        QTest::newRow("lon out of range") << R"({"lon":181,"lat":30})";
        QTest::newRow("lat out of range") << R"({"lon":121,"lat":-91})";
        QTest::newRow("scale zero") << R"({"lon":121,"lat":30,"scale":0})";
        QTest::newRow("scale negative") << R"({"lon":121,"lat":30,"scale":-2})";
        QTest::newRow("height text") << R"({"lon":121,"lat":30,"height":"x"})";
        QTest::newRow("onTerrain number") << R"({"lon":121,"lat":30,"onTerrain":1})";
    }
    void placementJsonBad()
    {
        QFETCH(QString, json);
        ModelPlacement out;
        out.scale = 7.0;
        QVERIFY(!fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), out));
        QCOMPARE(out.scale, 7.0); // untouched on failure
    }

    void placementJsonDefaults()
    {
        ModelPlacement out;
        QVERIFY(fromJson(QJsonDocument::fromJson(R"({"lon":121,"lat":30.7})").object(), out));
        QCOMPARE(out, (ModelPlacement{{121.0, 30.7, 0.0}, false, 0.0, 1.0}));
    }

    void parsePlacement_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<std::optional<ModelPlacement>>("expected");
        QTest::newRow("lon,lat → terrain")
            << "121.0,30.7" << std::optional(ModelPlacement{{121.0, 30.7, 0.0}, true, 0.0, 1.0});
        QTest::newRow("height") << "121.0, 30.7, 4.5"
                                << std::optional(ModelPlacement{{121.0, 30.7, 4.5}, false, 0.0, 1.0});
        QTest::newRow("terrain word")
            << "121,30.7,terrain,90" << std::optional(ModelPlacement{{121.0, 30.7, 0.0}, true, 90.0, 1.0});
        QTest::newRow("all five") << "121,30.7,-2,45,0.01"
                                  << std::optional(ModelPlacement{{121.0, 30.7, -2.0}, false, 45.0, 0.01});
        QTest::newRow("one number") << "121" << std::optional<ModelPlacement>();
        QTest::newRow("six numbers") << "1,2,3,4,5,6" << std::optional<ModelPlacement>();
        QTest::newRow("text lon") << "east,30" << std::optional<ModelPlacement>();
        QTest::newRow("lat 95") << "121,95" << std::optional<ModelPlacement>();
        QTest::newRow("scale 0") << "121,30,0,0,0" << std::optional<ModelPlacement>();
        QTest::newRow("bad rotation") << "121,30,0,north" << std::optional<ModelPlacement>();
        QTest::newRow("empty") << "" << std::optional<ModelPlacement>();
    }
    void parsePlacement()
    {
        QFETCH(QString, text);
        QFETCH(std::optional<ModelPlacement>, expected);
        const std::optional<ModelPlacement> got = citytwin::data::parsePlacement(text);
        QCOMPARE(got.has_value(), expected.has_value());
        if (expected)
            QCOMPARE(*got, *expected);
    }

    void typeColours_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("translucent");
        for (const char* t : {"RoofSurface",       "WallSurface",
                              "GroundSurface",     "OuterCeilingSurface",
                              "OuterFloorSurface", "Door",
                              "Building",          "BuildingPart",
                              "IfcWall",           "IfcWallStandardCase",
                              "IfcSlab",           "IfcRoof",
                              "IfcDoor",           "IfcStair",
                              "IfcStairFlight",    "IfcRailing",
                              "IfcColumn",         "IfcBeam",
                              "IfcCovering",       "IfcFurnishingElement",
                              "IfcMember"})
            QTest::newRow(t) << QString::fromLatin1(t) << false;
        QTest::newRow("IfcSpace") << "IfcSpace" << true;
    }
    void typeColours()
    {
        QFETCH(QString, type);
        QFETCH(bool, translucent);
        const auto c = defaultTypeColour(type);
        QVERIFY(c.has_value());
        for (float v : *c)
            QVERIFY(v >= 0.0f && v <= 1.0f);
        QCOMPARE((*c)[3] < 1.0f, translucent);
    }

    void typeColoursDistinguishSurfaces()
    {
        // The point of semantic colours: roof, wall, ground and window must not look alike.
        const QStringList types{"RoofSurface", "WallSurface", "GroundSurface", "Window", "Door"};
        for (int i = 0; i < types.size(); ++i) {
            for (int j = i + 1; j < types.size(); ++j) {
                const auto a = *defaultTypeColour(types[i]);
                const auto b = *defaultTypeColour(types[j]);
                const float d = std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]);
                QVERIFY2(d > 0.15f, qPrintable(types[i] + " vs " + types[j]));
            }
        }
        QVERIFY(!defaultTypeColour(QStringLiteral("Node")).has_value());
        QVERIFY(!defaultTypeColour(QStringLiteral("roofsurface")).has_value());
        QVERIFY(!defaultTypeColour(QString()).has_value());
    }
};

QTEST_APPLESS_MAIN(TstModel)
#include "tst_model.moc"
