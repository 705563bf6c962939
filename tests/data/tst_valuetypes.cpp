// Enum names, temporal JSON, event lifecycle and DEM sampling: the small value-type contracts.
#include "data/Features.h"
#include "data/LayerSettings.h"
#include "data/Overlays.h"
#include "data/Rasters.h"

#include <QTest>
#include <cmath>

using namespace citytwin::data;

Q_DECLARE_METATYPE(citytwin::data::EventState)

namespace {

//! Every value of an enum survives toString/fromString, and names are unique and non-empty.
template <class E> void checkNames(std::initializer_list<E> values)
{
    QStringList seen;
    for (E v : values) {
        const QString name = toString(v);
        QVERIFY2(!name.isEmpty(), "an enum value has no name");
        QVERIFY2(!seen.contains(name), qPrintable(name));
        seen << name;
        E back{};
        QVERIFY(fromString(name, back));
        QCOMPARE(toString(back), name); // (QCOMPARE on the enum would pick our ADL toString)
    }
    E unused{};
    QVERIFY(!fromString(QStringLiteral("no-such-name"), unused));
    QVERIFY(!fromString(seen.front().toUpper(), unused)); // file tokens are case-sensitive
}

ElevationGrid grid2x2()
{
    // Cells of 10 m; centres at x = 5, 15 and y = 15 (row 0, north), 5 (row 1).
    ElevationGrid g;
    g.grid = {{0, 0, 20, 20}, 2, 2};
    g.heights = {0.f, 10.f, 20.f, 30.f};
    return g;
}

} // namespace

class TstValueTypes : public QObject
{
    Q_OBJECT

private slots:
    void enumNamesRoundTrip()
    {
        using K = LayerKind;
        checkNames({K::Imagery, K::Elevation, K::Buildings, K::Model, K::Pipes, K::People, K::Events,
                    K::Assets, K::Heatmap});
        using G = LayerGroup;
        checkNames({G::Basemap, G::CityModels, G::Underground, G::People, G::Events, G::Assets, G::Analysis});
        using T = TemporalMode;
        checkNames({T::None, T::FixedRange, T::FeatureFields, T::PointTimestamps});
        using R = PersonRole;
        checkNames({R::Enforcement, R::Coordinator, R::Inspector, R::Sanitation, R::Other});
        using S = EventState;
        checkNames({S::Reported, S::Dispatched, S::OnSite, S::Resolved, S::Closed});
        using A = AssetType;
        checkNames({A::Cctv, A::Sensor, A::Hydrant, A::Shelter, A::Other});
        using P = PipeNetwork;
        checkNames(
            {P::WaterSupply, P::Drainage, P::Sewage, P::Gas, P::Power, P::Telecom, P::Heating, P::Other});
        QCOMPARE(toString(LayerGroup::CityModels), QStringLiteral("city_models"));
        QCOMPARE(toString(EventState::OnSite), QStringLiteral("on_site"));
    }

    void defaultGroups()
    {
        QCOMPARE(toString(defaultGroup(LayerKind::Elevation)), toString(LayerGroup::Basemap));
        QCOMPARE(toString(defaultGroup(LayerKind::Buildings)), toString(LayerGroup::CityModels));
        QCOMPARE(toString(defaultGroup(LayerKind::Pipes)), toString(LayerGroup::Underground));
        QCOMPARE(toString(defaultGroup(LayerKind::Events)), toString(LayerGroup::Events));
        QCOMPARE(toString(defaultGroup(LayerKind::Heatmap)), toString(LayerGroup::Analysis));
    }

    void temporalJsonRoundTrip()
    {
        TemporalSettings t;
        t.mode = TemporalMode::FeatureFields;
        t.range = TimeRange::unbounded(); // beyond a double's exact integers: must still round-trip
        t.startField = QStringLiteral("reported");
        t.endField = QStringLiteral("closed");
        t.trailLengthMs = 15 * kMinuteMs;
        t.accumulate = true;
        TemporalSettings back;
        QVERIFY(fromJson(toJson(t), back));
        QCOMPARE(back, t);

        QJsonObject bad = toJson(t);
        bad.insert(QStringLiteral("mode"), QStringLiteral("sometimes"));
        QVERIFY(!fromJson(bad, back));
        QCOMPARE(back, t); // untouched on failure
    }

    void eventLifetime()
    {
        Event e;
        QVERIFY(e.lifetime().isEmpty()); // never reported: not on the map
        e.reported = 1000;
        QCOMPARE(e.lifetime().start, TimeMs(1000));
        QVERIFY(e.lifetime().contains(std::numeric_limits<TimeMs>::max() - 1)); // open-ended
        e.closed = 5000;
        QCOMPARE(e.lifetime(), (TimeRange{1000, 5000}));
        QVERIFY(!e.lifetime().contains(5000));
    }

    void eventStateAt_data()
    {
        QTest::addColumn<qint64>("t");
        QTest::addColumn<EventState>("state");
        QTest::newRow("reported") << qint64(1000) << EventState::Reported;
        QTest::newRow("dispatched") << qint64(2000) << EventState::Dispatched;
        QTest::newRow("still dispatched") << qint64(2999) << EventState::Dispatched;
        QTest::newRow("resolved (on site skipped)") << qint64(3500) << EventState::Resolved;
        QTest::newRow("closed") << qint64(4000) << EventState::Closed;
    }
    void eventStateAt()
    {
        QFETCH(qint64, t);
        QFETCH(EventState, state);
        Event e;
        e.reported = 1000;
        e.dispatched = 2000;
        e.resolved = 3000; // no on-site step recorded
        e.closed = 4000;
        QCOMPARE(toString(e.stateAt(t)), toString(state));
    }

    void thresholdExceeded()
    {
        Threshold t;
        t.max = 2.5;
        QVERIFY(!t.isExceeded(-100));
        QVERIFY(t.isExceeded(2.6));
        t.min = 0.0;
        QVERIFY(t.isExceeded(-0.1));
        QVERIFY(!t.isExceeded(2.5));
    }

    void heightAtBilinear_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<double>("expected");
        QTest::newRow("centre of NW cell") << 5.0 << 15.0 << 0.0;
        QTest::newRow("centre of SE cell") << 15.0 << 5.0 << 30.0;
        QTest::newRow("between centres") << 10.0 << 10.0 << 15.0;
        QTest::newRow("along x") << 7.5 << 15.0 << 2.5;
        QTest::newRow("edge clamps") << 0.0 << 20.0 << 0.0;
        QTest::newRow("far corner") << 20.0 << 0.0 << 30.0;
    }
    void heightAtBilinear()
    {
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(double, expected);
        const auto h = grid2x2().heightAt(x, y);
        QVERIFY(h.has_value());
        QCOMPARE(*h, expected);
    }

    void heightAtOutsideAndNoData()
    {
        ElevationGrid g = grid2x2();
        QVERIFY(!g.heightAt(-0.1, 10).has_value());
        QVERIFY(!g.heightAt(10, 20.1).has_value());
        g.heights[3] = std::nanf("");
        QVERIFY(!g.heightAt(10, 10).has_value()); // a no-data neighbour with weight
        QVERIFY(g.heightAt(5, 15).has_value());   // a no-data neighbour with zero weight is ignored
        g.heights.pop_back();
        QVERIFY(!g.heightAt(5, 15).has_value()); // inconsistent size: no answer rather than a wrong one
    }
};

QTEST_APPLESS_MAIN(TstValueTypes)
#include "tst_valuetypes.moc"
