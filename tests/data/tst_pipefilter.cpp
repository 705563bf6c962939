// data::PipeFilter: the ageing-network query (age at a reference year, materials, networks),
// its JSON round trip, its one-line description, ages and plan lengths.
#include "data/PipeFilter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

using namespace citytwin::data;

Q_DECLARE_METATYPE(citytwin::data::PipeFilter)

namespace {

PipeLine pipe(PipeNetwork network, const QString& material, int installYear)
{
    PipeLine p;
    p.network = network;
    p.material = material;
    p.installYear = installYear;
    p.points = {{0, 0, 0}, {30, 40, 5}, {30, 50, -5}};
    return p;
}

PipeFilter filter(int minAge, QStringList materials, std::vector<PipeNetwork> networks)
{
    PipeFilter f;
    f.minAgeYears = minAge;
    f.materials = std::move(materials);
    f.networks = std::move(networks);
    return f;
}

} // namespace

class TstPipeFilter : public QObject
{
    Q_OBJECT
private slots:
    void matches_data();
    void matches();
    void defaultMatchesEverything();
    void ages();
    void referenceYear();
    void jsonRoundTrip();
    void jsonRejectsBadValues();
    void description();
    void planLength();
};

void TstPipeFilter::matches_data()
{
    QTest::addColumn<PipeFilter>("filter");
    QTest::addColumn<int>("installYear");
    QTest::addColumn<QString>("material");
    QTest::addColumn<int>("network");
    QTest::addColumn<int>("year");
    QTest::addColumn<bool>("expected");
    const int water = int(PipeNetwork::WaterSupply), gas = int(PipeNetwork::Gas);
    QTest::newRow("old enough") << filter(20, {}, {}) << 2000 << "PE" << water << 2020 << true;
    QTest::newRow("exactly the age") << filter(20, {}, {}) << 2000 << "PE" << water << 2020 << true;
    QTest::newRow("one year short") << filter(20, {}, {}) << 2001 << "PE" << water << 2020 << false;
    QTest::newRow("replayed earlier") << filter(20, {}, {}) << 2000 << "PE" << water << 2015 << false;
    QTest::newRow("unknown year") << filter(1, {}, {}) << 0 << "PE" << water << 2020 << false;
    QTest::newRow("not yet installed") << filter(1, {}, {}) << 2030 << "PE" << water << 2020 << false;
    QTest::newRow("material case") << filter(0, {"cast iron"}, {}) << 1990 << "Cast Iron" << water << 2020
                                   << true;
    QTest::newRow("material spaces") << filter(0, {" steel "}, {}) << 1990 << "steel" << water << 2020
                                     << true;
    QTest::newRow("material any of") << filter(0, {"PE", "铸铁"}, {}) << 1990 << "铸铁" << water << 2020
                                     << true;
    QTest::newRow("material other") << filter(0, {"cast iron"}, {}) << 1990 << "ductile iron" << water << 2020
                                    << false;
    QTest::newRow("network in") << filter(0, {}, {PipeNetwork::Gas, PipeNetwork::WaterSupply}) << 1990 << "PE"
                                << water << 2020 << true;
    QTest::newRow("network out") << filter(0, {}, {PipeNetwork::Gas}) << 1990 << "PE" << water << 2020
                                 << false;
    QTest::newRow("all three") << filter(30, {"cast iron"}, {PipeNetwork::Gas}) << 1980 << "CAST IRON" << gas
                               << 2020 << true;
    QTest::newRow("all but age") << filter(30, {"cast iron"}, {PipeNetwork::Gas}) << 2000 << "cast iron"
                                 << gas << 2020 << false;
}

void TstPipeFilter::matches()
{
    QFETCH(PipeFilter, filter);
    QFETCH(int, installYear);
    QFETCH(QString, material);
    QFETCH(int, network);
    QFETCH(int, year);
    QFETCH(bool, expected);
    QCOMPARE(filter.matches(pipe(PipeNetwork(network), material, installYear), year), expected);
    QVERIFY(filter.isActive());
}

void TstPipeFilter::defaultMatchesEverything()
{
    const PipeFilter f;
    QVERIFY(!f.isActive());
    QVERIFY(f.matches(pipe(PipeNetwork::Other, QString(), 0), 2020));
    QVERIFY(f.matches(pipe(PipeNetwork::Gas, QStringLiteral("PE"), 2030), 2020));
}

void TstPipeFilter::ages()
{
    QCOMPARE(pipeAge(pipe(PipeNetwork::Gas, {}, 2003), 2026), std::optional<int>(23));
    QCOMPARE(pipeAge(pipe(PipeNetwork::Gas, {}, 2026), 2026), std::optional<int>(0));
    QCOMPARE(pipeAge(pipe(PipeNetwork::Gas, {}, 2027), 2026), std::nullopt);
    QCOMPARE(pipeAge(pipe(PipeNetwork::Gas, {}, 0), 2026), std::nullopt);
}

void TstPipeFilter::referenceYear()
{
    const auto at = [](int y, int m, int d, int h) {
        return QDateTime(QDate(y, m, d), QTime(h, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    };
    QCOMPARE(referenceYearOf(at(2015, 6, 1, 12)), 2015);
    QCOMPARE(referenceYearOf(at(2015, 12, 31, 23)), 2015);
    QCOMPARE(referenceYearOf(at(1990, 1, 1, 0)), 1990);
    QCOMPARE(referenceYearOf(0), QDate::currentDate().year());
    QCOMPARE(referenceYearOf(kNoTime), QDate::currentDate().year());
}

void TstPipeFilter::jsonRoundTrip()
{
    const PipeFilter f =
        filter(25, {"cast iron", "灰口铸铁"}, {PipeNetwork::WaterSupply, PipeNetwork::Heating});
    PipeFilter back;
    QVERIFY(fromJson(toJson(f), back));
    QCOMPARE(back, f);
    PipeFilter fromEmpty = f;
    QVERIFY(fromJson(QJsonObject{}, fromEmpty));
    QCOMPARE(fromEmpty, PipeFilter{});
}

void TstPipeFilter::jsonRejectsBadValues()
{
    const PipeFilter original = filter(5, {"PE"}, {});
    PipeFilter out = original;
    QVERIFY(!fromJson({{QStringLiteral("minAgeYears"), -1}}, out));
    QVERIFY(!fromJson({{QStringLiteral("minAgeYears"), 2.5}}, out));
    QVERIFY(!fromJson({{QStringLiteral("minAgeYears"), QStringLiteral("ten")}}, out));
    QVERIFY(!fromJson({{QStringLiteral("networks"), QJsonArray{QStringLiteral("lava")}}}, out));
    QVERIFY(!fromJson({{QStringLiteral("materials"), QJsonArray{3}}}, out));
    QCOMPARE(out, original); // a failed read leaves the target alone
}

void TstPipeFilter::description()
{
    QCOMPARE(PipeFilter{}.description(), QStringLiteral("all pipes"));
    QCOMPARE(filter(30, {}, {}).description(), QStringLiteral("age ≥ 30 years"));
    QCOMPARE(filter(30, {"cast iron", "steel"}, {PipeNetwork::WaterSupply}).description(),
             QStringLiteral("age ≥ 30 years, material cast iron or steel, network water supply"));
    QCOMPARE(filter(0, {}, {PipeNetwork::Gas, PipeNetwork::Power, PipeNetwork::Sewage}).description(),
             QStringLiteral("network gas, power or sewage"));
}

void TstPipeFilter::planLength()
{
    // 50 m (3-4-5) then 10 m north; z does not count.
    QCOMPARE(pipePlanLength(pipe(PipeNetwork::Gas, {}, 0)), 60.0);
    QCOMPARE(pipePlanLength(PipeLine{}), 0.0);
}

QTEST_APPLESS_MAIN(TstPipeFilter)
#include "tst_pipefilter.moc"
