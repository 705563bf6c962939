#include "data/PipeMapping.h"

#include <QJsonDocument>
#include <QtTest>
#include <set>

using namespace citytwin::data;

Q_DECLARE_METATYPE(citytwin::data::PipeNetwork)

class TstPipeMapping : public QObject
{
    Q_OBJECT

private slots:
    void depthReferenceNames()
    {
        for (DepthReference r : {DepthReference::Top, DepthReference::Centre, DepthReference::Invert}) {
            DepthReference back = r == DepthReference::Top ? DepthReference::Invert : DepthReference::Top;
            QVERIFY(fromString(toString(r), back));
            QVERIFY(back == r);
        }
        QCOMPARE(toString(DepthReference::Top), QStringLiteral("top"));
        QCOMPARE(toString(DepthReference::Centre), QStringLiteral("centre"));
        QCOMPARE(toString(DepthReference::Invert), QStringLiteral("invert"));
        DepthReference r = DepthReference::Centre;
        QVERIFY(!fromString(QStringLiteral("center"), r));
        QVERIFY(!fromString(QStringLiteral("Top"), r));
    }

    void jsonRoundTrip()
    {
        PipeMapping m;
        m.depthField = QStringLiteral("埋深");
        m.depthReference = DepthReference::Invert;
        m.startElevationField = QStringLiteral("z_start");
        m.endElevationField = QStringLiteral("z_end");
        m.diameterField.clear();
        m.widthField = QStringLiteral("w");
        m.heightField = QStringLiteral("h");
        m.materialField = QStringLiteral("mat");
        m.installYearField.clear();
        m.networkField = QStringLiteral("type");
        m.defaultNetwork = PipeNetwork::Gas;
        m.defaultDepthM = 0.75;
        m.defaultDiameterM = 0.125;
        // Through text, as the project file stores it.
        const QJsonObject json = QJsonDocument::fromJson(QJsonDocument(toJson(m)).toJson()).object();
        PipeMapping back;
        QVERIFY(fromJson(json, back));
        QVERIFY(back == m);

        PipeMapping defaults;
        QVERIFY(fromJson(toJson(PipeMapping{}), defaults));
        QVERIFY(defaults == PipeMapping{});
    }

    void missingKeysKeepDefaults()
    {
        PipeMapping m;
        m.depthField = QStringLiteral("stale");
        QVERIFY(fromJson(QJsonObject{{QStringLiteral("materialField"), QStringLiteral("mat")}}, m));
        PipeMapping expected;
        expected.materialField = QStringLiteral("mat");
        QVERIFY(m == expected);
    }

    void badJson_data()
    {
        QTest::addColumn<QString>("json");
        QTest::newRow("field not a string") << R"({"depthField": 3})";
        QTest::newRow("field null") << R"({"diameterField": null})";
        QTest::newRow("unknown reference") << R"({"depthReference": "bottom"})";
        QTest::newRow("reference not a string") << R"({"depthReference": 1})";
        QTest::newRow("unknown network") << R"({"defaultNetwork": "oil"})";
        QTest::newRow("chinese network is not a token") << R"({"defaultNetwork": "燃气"})";
        QTest::newRow("negative depth") << R"({"defaultDepthM": -1})";
        QTest::newRow("absurd depth") << R"({"defaultDepthM": 500})";
        QTest::newRow("depth as text") << R"({"defaultDepthM": "1.5"})";
        QTest::newRow("zero diameter") << R"({"defaultDiameterM": 0})";
        QTest::newRow("absurd diameter") << R"({"defaultDiameterM": 25})";
        QTest::newRow("diameter bool") << R"({"defaultDiameterM": true})";
    }
    void badJson()
    {
        QFETCH(QString, json);
        QJsonParseError error{};
        const QJsonObject obj = QJsonDocument::fromJson(json.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        PipeMapping m;
        m.materialField = QStringLiteral("untouched");
        QVERIFY(!fromJson(obj, m));
        QCOMPARE(m.materialField, QStringLiteral("untouched"));
    }

    void networkNames_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("known");
        QTest::addColumn<PipeNetwork>("network");
        const auto row = [](const char* name, const QString& text, PipeNetwork n) {
            QTest::newRow(name) << text << true << n;
        };
        row("water", QStringLiteral("water"), PipeNetwork::WaterSupply);
        row("Water Supply", QStringLiteral("  Water Supply "), PipeNetwork::WaterSupply);
        row("water_supply token", QStringLiteral("water_supply"), PipeNetwork::WaterSupply);
        row("给水", QStringLiteral("给水"), PipeNetwork::WaterSupply);
        row("上水", QStringLiteral(" 上水\t"), PipeNetwork::WaterSupply);
        row("drainage", QStringLiteral("DRAINAGE"), PipeNetwork::Drainage);
        row("storm", QStringLiteral("Storm"), PipeNetwork::Drainage);
        row("雨水", QStringLiteral("雨水"), PipeNetwork::Drainage);
        row("排水", QStringLiteral("排水"), PipeNetwork::Drainage);
        row("sewage", QStringLiteral("sewage"), PipeNetwork::Sewage);
        row("sewer", QStringLiteral("Sewer"), PipeNetwork::Sewage);
        row("污水", QStringLiteral("污水"), PipeNetwork::Sewage);
        row("gas", QStringLiteral("GAS"), PipeNetwork::Gas);
        row("燃气", QStringLiteral("燃气"), PipeNetwork::Gas);
        row("天然气", QStringLiteral("天然气"), PipeNetwork::Gas);
        row("煤气", QStringLiteral("煤气"), PipeNetwork::Gas);
        row("power", QStringLiteral("Power"), PipeNetwork::Power);
        row("electric", QStringLiteral("electric"), PipeNetwork::Power);
        row("电力", QStringLiteral("电力"), PipeNetwork::Power);
        row("供电", QStringLiteral("供电"), PipeNetwork::Power);
        row("telecom", QStringLiteral("telecom"), PipeNetwork::Telecom);
        row("communication", QStringLiteral("Communication"), PipeNetwork::Telecom);
        row("通信", QStringLiteral("通信"), PipeNetwork::Telecom);
        row("电信", QStringLiteral("电信"), PipeNetwork::Telecom);
        row("heating", QStringLiteral("heating"), PipeNetwork::Heating);
        row("热力", QStringLiteral("热力"), PipeNetwork::Heating);
        row("供热", QStringLiteral("供热"), PipeNetwork::Heating);
        row("other", QStringLiteral("Other"), PipeNetwork::Other);
        QTest::newRow("empty") << QString() << false << PipeNetwork::Other;
        QTest::newRow("blank") << QStringLiteral("   ") << false << PipeNetwork::Other;
        QTest::newRow("oil") << QStringLiteral("oil") << false << PipeNetwork::Other;
        QTest::newRow("partial") << QStringLiteral("wat") << false << PipeNetwork::Other;
        QTest::newRow("石油") << QStringLiteral("石油") << false << PipeNetwork::Other;
    }
    void networkNames()
    {
        QFETCH(QString, text);
        QFETCH(bool, known);
        QFETCH(PipeNetwork, network);
        const std::optional<PipeNetwork> n = pipeNetworkFromText(text);
        QCOMPARE(n.has_value(), known);
        if (known)
            QVERIFY(*n == network);
    }

    void everyTokenNamesItsNetwork()
    {
        for (int i = 0; i <= int(PipeNetwork::Other); ++i) {
            const auto n = PipeNetwork(i);
            QVERIFY(pipeNetworkFromText(toString(n)) == std::optional<PipeNetwork>(n));
        }
    }

    void coloursAfterCjj61()
    {
        // CJJ 61 gives drainage and sewage the same brown; every other network has its own colour.
        QVERIFY(pipeNetworkColour(PipeNetwork::Drainage) == pipeNetworkColour(PipeNetwork::Sewage));
        std::set<std::array<float, 3>> distinct;
        for (PipeNetwork n :
             {PipeNetwork::WaterSupply, PipeNetwork::Drainage, PipeNetwork::Gas, PipeNetwork::Power,
              PipeNetwork::Telecom, PipeNetwork::Heating, PipeNetwork::Other})
            distinct.insert(pipeNetworkColour(n));
        QCOMPARE(int(distinct.size()), 7);
        for (int i = 0; i <= int(PipeNetwork::Other); ++i) {
            for (float c : pipeNetworkColour(PipeNetwork(i)))
                QVERIFY(c >= 0.0f && c <= 1.0f);
        }
        QVERIFY(pipeNetworkColour(PipeNetwork::WaterSupply) == (std::array<float, 3>{0.0f, 0.75f, 1.0f}));
        QVERIFY(pipeNetworkColour(PipeNetwork::Gas) == (std::array<float, 3>{1.0f, 0.45f, 0.75f}));
        QVERIFY(pipeNetworkColour(PipeNetwork::Power) == (std::array<float, 3>{0.9f, 0.1f, 0.1f}));
        QVERIFY(pipeNetworkColour(PipeNetwork::Other) == (std::array<float, 3>{0.6f, 0.6f, 0.6f}));
    }
};

QTEST_GUILESS_MAIN(TstPipeMapping)
#include "tst_pipemapping.moc"
