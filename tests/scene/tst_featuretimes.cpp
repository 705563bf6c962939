// FeatureTimes without GL: the per-vertex (start, end) seconds on texture unit 3 for spans, no
// span and open ends, the ct_timed / ct_timeAccumulate uniforms, clearing, replacing, the
// CPU-side test pickers use, and living together with FeatureStyler — on buildings, models and
// pipes alike.
#include "ModelFixtures.h"
#include "SceneFixtures.h"
#include "TileTestSources.h"
#include "TilesetFixtures.h"
#include "scene/FacilityBuilder.h"
#include "scene/FeatureId.h"
#include "scene/FeatureStyler.h"
#include "scene/FeatureTimes.h"
#include "scene/ModelBuilder.h"
#include "scene/PipeBuilder.h"
#include "scene/SceneBuilders.h"
#include "scene/TilesetNode.h"
#include "scene/UndergroundSpaceBuilder.h"

#include <QElapsedTimer>
#include <QtTest>
#include <osg/Geometry>
#include <osg/NodeVisitor>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

constexpr data::TimeMs kEpoch = 1'767'225'600'000; // 2026-01-01T00:00Z
constexpr data::TimeMs kHour = data::kHourMs;
constexpr float kNever = 3.0e38f; // what "since ever" / "for ever" become (FeatureTimes.cpp)

enum class Builder { Buildings, Model, Pipes, Manholes, UndergroundSpaces };

} // namespace

Q_DECLARE_METATYPE(Builder)

namespace {

// Three features per builder: A gets a closed span, B an open-ended one, C none.
struct Fixture
{
    osg::ref_ptr<osg::Node> node;
    std::int64_t a;
    std::int64_t b;
    std::int64_t c;
};

Fixture build(Builder builder)
{
    const data::ProjectedPoint o = test::fixtureOrigin();
    switch (builder) {
    case Builder::Buildings:
        return {buildBuildings({test::rectFootprint(42, 0, 0, 20, 20, 10, 0),
                                test::rectFootprint(43, 30, 0, 10, 10, 6, 0),
                                test::rectFootprint(44, 3000, 0, 10, 10, 6, 0)}, // another chunk
                               o),
                42, 43, 44};
    case Builder::Model: {
        // The box house's roof and walls, and a shed (feature 3) beside it.
        data::Model model = test::boxHouse(0, 0, 0);
        model.features.push_back({3, -1, QStringLiteral("shed-1"), QStringLiteral("Building"), {}, {}});
        model.meshes.push_back(test::quadMesh(test::fixturePoint(0, 0, 0), 15, 0, 20, 5, 3, 3, test::kWallColour));
        model.computeBounds();
        return {buildModel(model, o), test::kRoofId, test::kWallsId, 3};
    }
    case Builder::Pipes: {
        std::vector<data::PipeLine> pipes;
        for (std::int64_t id : {7, 8, 9}) {
            data::PipeLine p;
            p.id = id;
            p.network = data::PipeNetwork::WaterSupply;
            p.diameterM = 0.6;
            const double y = o.y + 5.0 * double(id);
            p.points = {{o.x - 20, y, -2.0}, {o.x + 20, y, -2.0}};
            pipes.push_back(p);
        }
        return {buildPipes(pipes, o), 7, 8, 9};
    }
    case Builder::Manholes: {
        std::vector<data::PointFacility> manholes;
        for (std::int64_t id : {11, 12, 13}) {
            data::PointFacility f;
            f.id = id;
            f.position = {o.x + 10.0 * double(id), o.y, 5.0};
            f.depthM = 3.0;
            manholes.push_back(f);
        }
        return {buildFacilities(manholes, o), 11, 12, 13};
    }
    case Builder::UndergroundSpaces: {
        std::vector<data::UndergroundSpace> spaces;
        for (std::int64_t id : {21, 22, 23}) {
            data::UndergroundSpace u;
            u.id = id;
            const double x = o.x + 30.0 * double(id);
            u.outer = {{x, o.y, 0}, {x + 20, o.y, 0}, {x + 20, o.y + 10, 0}, {x, o.y + 10, 0}};
            u.topZ = -2.0;
            spaces.push_back(u);
        }
        return {buildUndergroundSpaces(spaces, o), 21, 22, 23};
    }
    }
    return {};
}

class Collector : public osg::NodeVisitor
{
public:
    Collector() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
    void apply(osg::Geometry& g) override
    {
        if (featureIdTable(&g))
            found.push_back(&g);
    }
    std::vector<osg::Geometry*> found;
};

std::vector<osg::Geometry*> geometries(osg::Node* node)
{
    Collector c;
    node->accept(c);
    return c.found;
}

const osg::Vec2Array* timesArray(const osg::Geometry* g)
{
    return dynamic_cast<const osg::Vec2Array*>(g->getTexCoordArray(kFeatureTimeUnit));
}

//! The value of bool uniform NAME on SS, nullopt when absent.
std::optional<bool> boolUniform(const osg::StateSet* ss, const char* name)
{
    const osg::Uniform* u = ss ? ss->getUniform(name) : nullptr;
    bool value = false;
    if (!u || !u->get(value))
        return std::nullopt;
    return value;
}

//! Every vertex of feature ID under NODE carries VALUE in an array as long as the vertex array;
//! at least one such vertex exists.
bool allVerticesOf(osg::Node* node, std::int64_t id, const osg::Vec2& value, QString& why)
{
    int count = 0;
    for (osg::Geometry* g : geometries(node)) {
        const osg::Vec2Array* times = timesArray(g);
        if (!times || times->size() != g->getVertexArray()->getNumElements()) {
            why = QStringLiteral("missing or mis-sized times array");
            return false;
        }
        for (unsigned v = 0; v < times->size(); ++v) {
            if (featureIdAt(g, v) != id)
                continue;
            ++count;
            if ((*times)[v] != value) {
                why = QStringLiteral("feature %1 vertex %2: (%3, %4) instead of (%5, %6)")
                          .arg(id)
                          .arg(v)
                          .arg(double((*times)[v].x()))
                          .arg(double((*times)[v].y()))
                          .arg(double(value.x()))
                          .arg(double(value.y()));
                return false;
            }
        }
    }
    if (count == 0)
        why = QStringLiteral("no vertex of feature %1").arg(id);
    return count > 0;
}

//! Whether the first vertex of feature ID under NODE is timed out at SECONDS; nullopt without one.
std::optional<bool> timedOut(osg::Node* node, std::int64_t id, double seconds)
{
    for (osg::Geometry* g : geometries(node))
        for (unsigned v = 0; v < g->getVertexArray()->getNumElements(); ++v)
            if (featureIdAt(g, v) == id)
                return featureTimedOutAt(g, v, seconds);
    return std::nullopt;
}

//! A: [10:00, 14:00) on the epoch's day; B: from 10:00, open-ended; C: no entry.
std::unordered_map<std::int64_t, data::TimeRange> spansOf(const Fixture& f)
{
    return {{f.a, {kEpoch + 10 * kHour, kEpoch + 14 * kHour}}, {f.b, {kEpoch + 10 * kHour, data::kNoTime}}};
}

void addBuilders()
{
    QTest::addColumn<Builder>("builder");
    QTest::newRow("buildings") << Builder::Buildings;
    QTest::newRow("model") << Builder::Model;
    QTest::newRow("pipes") << Builder::Pipes;
    QTest::newRow("manholes") << Builder::Manholes;
    QTest::newRow("underground spaces") << Builder::UndergroundSpaces;
}

} // namespace

class TestFeatureTimes : public QObject
{
    Q_OBJECT

private slots:
    void defaultsOnEveryRoot_data() { addBuilders(); }
    void defaultsOnEveryRoot()
    {
        QFETCH(Builder, builder);
        const Fixture f = build(builder);
        QVERIFY(f.node);
        const osg::StateSet* ss = f.node->getStateSet();
        QCOMPARE(boolUniform(ss, "ct_timed"), std::optional<bool>(false));
        QCOMPARE(boolUniform(ss, "ct_timeAccumulate"), std::optional<bool>(false));
        const osg::Uniform* time = ss->getUniform("ct_time");
        float t = -1;
        QVERIFY(time && time->get(t));
        QCOMPARE(t, 0.0f);
        QVERIFY(!hasFeatureTimes(f.node.get()));
        for (osg::Geometry* g : geometries(f.node.get()))
            QVERIFY(!timesArray(g)); // nothing allocated before the first use
    }

    void valuesPerVertex_data() { addBuilders(); }
    void valuesPerVertex()
    {
        QFETCH(Builder, builder);
        const Fixture f = build(builder);
        setFeatureTimes(f.node.get(), spansOf(f), kEpoch, false);
        QVERIFY(hasFeatureTimes(f.node.get()));
        QString why;
        QVERIFY2(allVerticesOf(f.node.get(), f.a, {36000.0f, 50400.0f}, why), qPrintable(why));
        QVERIFY2(allVerticesOf(f.node.get(), f.b, {36000.0f, kNever}, why), qPrintable(why));
        QVERIFY2(allVerticesOf(f.node.get(), f.c, {-kNever, kNever}, why), qPrintable(why));
        for (osg::Geometry* g : geometries(f.node.get())) {
            QCOMPARE(boolUniform(g->getStateSet(), "ct_timed"), std::optional<bool>(true));
            QCOMPARE(boolUniform(g->getStateSet(), "ct_timeAccumulate"), std::optional<bool>(false));
        }
        // The node's own defaults stay: untimed geometry elsewhere is not switched on.
        QCOMPARE(boolUniform(f.node->getStateSet(), "ct_timed"), std::optional<bool>(false));
    }

    void spansBeforeTheEpochAndUnbounded()
    {
        const Fixture f = build(Builder::Buildings);
        std::unordered_map<std::int64_t, data::TimeRange> spans{
            {f.a, {kEpoch - 365 * data::kDayMs, kEpoch - 2 * kHour}}, {f.b, data::TimeRange::unbounded()}};
        setFeatureTimes(f.node.get(), spans, kEpoch, false);
        QString why;
        QVERIFY2(allVerticesOf(f.node.get(), f.a, {-31536000.0f, -7200.0f}, why), qPrintable(why));
        QVERIFY2(allVerticesOf(f.node.get(), f.b, {-kNever, kNever}, why), qPrintable(why));
        QCOMPARE(timedOut(f.node.get(), f.a, -3 * 3600.0), std::optional<bool>(false));
        QCOMPARE(timedOut(f.node.get(), f.a, 0.0), std::optional<bool>(true));
        QCOMPARE(timedOut(f.node.get(), f.b, -1e12), std::optional<bool>(false));
        QCOMPARE(timedOut(f.node.get(), f.b, 1e12), std::optional<bool>(false));
    }

    void timedOutAt_data()
    {
        QTest::addColumn<Builder>("builder");
        QTest::addColumn<bool>("accumulate");
        QTest::addColumn<double>("hours");
        QTest::addColumn<bool>("aOut");
        QTest::addColumn<bool>("bOut");
        for (const auto& [name, builder] :
             {std::pair{"buildings", Builder::Buildings}, std::pair{"model", Builder::Model},
              std::pair{"pipes", Builder::Pipes}, std::pair{"manholes", Builder::Manholes},
              std::pair{"underground spaces", Builder::UndergroundSpaces}}) {
            const auto row = [&](const char* label, bool acc, double h, bool a, bool b) {
                QTest::addRow("%s %s", name, label) << builder << acc << h << a << b;
            };
            row("09:00", false, 9.0, true, true);
            row("09:59", false, 9.0 + 59.0 / 60.0, true, true);
            row("10:00 start included", false, 10.0, false, false);
            row("12:00", false, 12.0, false, false);
            row("14:00 end excluded", false, 14.0, true, false);
            row("15:00", false, 15.0, true, false);
            row("a year on", false, 24.0 * 365.0, true, false);
            row("acc 09:00", true, 9.0, true, true);
            row("acc 12:00", true, 12.0, false, false);
            row("acc 15:00", true, 15.0, false, false);
        }
    }
    void timedOutAt()
    {
        QFETCH(Builder, builder);
        QFETCH(bool, accumulate);
        QFETCH(double, hours);
        QFETCH(bool, aOut);
        QFETCH(bool, bOut);
        const Fixture f = build(builder);
        setFeatureTimes(f.node.get(), spansOf(f), kEpoch, accumulate);
        const double seconds = hours * 3600.0;
        QCOMPARE(timedOut(f.node.get(), f.a, seconds), std::optional<bool>(aOut));
        QCOMPARE(timedOut(f.node.get(), f.b, seconds), std::optional<bool>(bOut));
        QCOMPARE(timedOut(f.node.get(), f.c, seconds), std::optional<bool>(false)); // no span: always
    }

    void accumulateIsAUniform()
    {
        const Fixture f = build(Builder::Buildings);
        setFeatureTimes(f.node.get(), spansOf(f), kEpoch, false);
        const std::vector<osg::Geometry*> geoms = geometries(f.node.get());
        const osg::Vec2Array* before = timesArray(geoms.front());
        QCOMPARE(timedOut(f.node.get(), f.a, 15 * 3600.0), std::optional<bool>(true));
        setFeatureTimeAccumulate(f.node.get(), true);
        for (osg::Geometry* g : geoms)
            QCOMPARE(boolUniform(g->getStateSet(), "ct_timeAccumulate"), std::optional<bool>(true));
        QCOMPARE(timesArray(geoms.front()), before); // no vertex rewritten
        QCOMPARE(timedOut(f.node.get(), f.a, 15 * 3600.0), std::optional<bool>(false));
        QCOMPARE(timedOut(f.node.get(), f.a, 9 * 3600.0), std::optional<bool>(true));
        setFeatureTimeAccumulate(f.node.get(), false);
        QCOMPARE(timedOut(f.node.get(), f.a, 15 * 3600.0), std::optional<bool>(true));
        for (osg::Geometry* g : geoms)
            QCOMPARE(boolUniform(g->getStateSet(), "ct_timeAccumulate"), std::optional<bool>(false));
    }

    void clearRestoresUntimed_data() { addBuilders(); }
    void clearRestoresUntimed()
    {
        QFETCH(Builder, builder);
        const Fixture f = build(builder);
        setFeatureTimes(f.node.get(), spansOf(f), kEpoch, true);
        QVERIFY(hasFeatureTimes(f.node.get()));
        setFeatureTimes(f.node.get(), {}, kEpoch, false);
        QVERIFY(!hasFeatureTimes(f.node.get()));
        for (osg::Geometry* g : geometries(f.node.get())) {
            QCOMPARE(boolUniform(g->getStateSet(), "ct_timed"), std::optional<bool>(false));
            QVERIFY(!timesArray(g));
            QVERIFY(!featureTimedOutAt(g, 0, 9 * 3600.0));
        }
        QCOMPARE(timedOut(f.node.get(), f.a, 9 * 3600.0), std::optional<bool>(false));
        // And on again.
        setFeatureTimes(f.node.get(), spansOf(f), kEpoch, false);
        QCOMPARE(timedOut(f.node.get(), f.a, 9 * 3600.0), std::optional<bool>(true));
    }

    void secondCallReplacesTheFirst()
    {
        const Fixture f = build(Builder::Buildings);
        setFeatureTimes(f.node.get(), spansOf(f), kEpoch, false);
        // Only C is timed now, one day later; A and B lose their spans.
        setFeatureTimes(f.node.get(), {{f.c, {kEpoch + 24 * kHour, kEpoch + 48 * kHour}}}, kEpoch, false);
        QVERIFY(hasFeatureTimes(f.node.get()));
        QString why;
        QVERIFY2(allVerticesOf(f.node.get(), f.a, {-kNever, kNever}, why), qPrintable(why));
        QVERIFY2(allVerticesOf(f.node.get(), f.b, {-kNever, kNever}, why), qPrintable(why));
        QVERIFY2(allVerticesOf(f.node.get(), f.c, {86400.0f, 172800.0f}, why), qPrintable(why));
        QCOMPARE(timedOut(f.node.get(), f.a, 9 * 3600.0), std::optional<bool>(false));
        QCOMPARE(timedOut(f.node.get(), f.c, 12 * 3600.0), std::optional<bool>(true));
        QCOMPARE(timedOut(f.node.get(), f.c, 36 * 3600.0), std::optional<bool>(false));
        // A different epoch shifts the seconds.
        setFeatureTimes(f.node.get(), {{f.c, {kEpoch + 24 * kHour, kEpoch + 48 * kHour}}}, kEpoch + 24 * kHour, false);
        QVERIFY2(allVerticesOf(f.node.get(), f.c, {0.0f, 86400.0f}, why), qPrintable(why));
    }

    void livesWithTheStyler_data() { addBuilders(); }
    void livesWithTheStyler()
    {
        QFETCH(Builder, builder);
        const Fixture f = build(builder);
        setFeaturesHidden(f.node.get(), {f.b});
        setFeatureColours(f.node.get(), {{f.c, osg::Vec4f(0, 1, 0, 1)}});
        setFeatureTimes(f.node.get(), spansOf(f), kEpoch, false);
        setFeatureColours(f.node.get(), {{f.a, osg::Vec4f(0, 0, 1, 1)}}); // after the times
        QString why;
        QVERIFY2(allVerticesOf(f.node.get(), f.a, {36000.0f, 50400.0f}, why), qPrintable(why));
        for (osg::Geometry* g : geometries(f.node.get())) {
            const osg::StateSet* ss = g->getStateSet();
            QCOMPARE(boolUniform(ss, "ct_styled"), std::optional<bool>(true));
            QCOMPARE(boolUniform(ss, "ct_timed"), std::optional<bool>(true));
            for (unsigned v = 0; v < g->getVertexArray()->getNumElements(); ++v) {
                const std::optional<std::int64_t> id = featureIdAt(g, v);
                QCOMPARE(featureHiddenAt(g, v), id == f.b); // B stays hidden whatever the time
                if (id == f.a)
                    QVERIFY(featureTimedOutAt(g, v, 9 * 3600.0) && !featureTimedOutAt(g, v, 12 * 3600.0));
            }
        }
        // Clearing the style leaves the times, clearing the times leaves the style.
        setFeaturesHidden(f.node.get(), {});
        QCOMPARE(timedOut(f.node.get(), f.a, 9 * 3600.0), std::optional<bool>(true));
        setFeatureTimes(f.node.get(), {}, kEpoch, false);
        for (osg::Geometry* g : geometries(f.node.get()))
            QCOMPARE(boolUniform(g->getStateSet(), "ct_styled"), std::optional<bool>(true)); // A still coloured
    }

    void laterContentInheritsTheTimes()
    {
        // Content attached after setFeatureTimes() (what TilesetNode does per merged tile).
        osg::ref_ptr<osg::Group> layer = new osg::Group;
        const Fixture first = build(Builder::Buildings);
        layer->addChild(first.node);
        setFeatureTimes(layer.get(), spansOf(first), kEpoch, false);
        const Fixture later = build(Builder::Buildings); // the same ids, built anew
        inheritFeatureTimes(layer.get(), later.node.get());
        layer->addChild(later.node);
        QString why;
        QVERIFY2(allVerticesOf(later.node.get(), later.a, {36000.0f, 50400.0f}, why), qPrintable(why));
        QVERIFY2(allVerticesOf(later.node.get(), later.c, {-kNever, kNever}, why), qPrintable(why));
        setFeatureTimeAccumulate(layer.get(), true); // the rule of the layer covers it
        QCOMPARE(timedOut(later.node.get(), later.a, 15 * 3600.0), std::optional<bool>(false));
        setFeatureTimes(layer.get(), {}, kEpoch, false); // and clearing too
        for (osg::Geometry* g : geometries(later.node.get())) {
            QCOMPARE(boolUniform(g->getStateSet(), "ct_timed"), std::optional<bool>(false));
            QVERIFY(!timesArray(g));
        }
        // Without times nothing is inherited.
        const Fixture untimed = build(Builder::Buildings);
        inheritFeatureTimes(layer.get(), untimed.node.get());
        for (osg::Geometry* g : geometries(untimed.node.get()))
            QVERIFY(!timesArray(g) && !boolUniform(g->getStateSet(), "ct_timed"));
    }

    void tilesMergedLaterAreTimed()
    {
        auto control = std::make_shared<test::LoaderControl>();
        TilesetOptions options;
        options.workerThreads = 2;
        osg::ref_ptr<TilesetNode> node =
            new TilesetNode(test::tilesetTiles(), test::tilesetLoader(control), test::kTilesetOrigin, options);
        test::HeadlessFrames frames;
        const auto runUntilIdle = [&](double range) {
            data::SavedView view;
            view.pitchDeg = -89.0;
            view.rangeM = range;
            QElapsedTimer timer;
            timer.start();
            frames.frame(node.get(), view);
            while (!node->isIdle() && timer.elapsed() < 10000) {
                QThread::msleep(2);
                frames.frame(node.get(), view);
            }
            return node->isIdle();
        };
        QVERIFY(runUntilIdle(20000)); // the root tile only
        const std::size_t before = geometries(node.get()).size();
        // Tiles number their features in layer-unique blocks from 0: 10 features in all.
        std::unordered_map<std::int64_t, data::TimeRange> spans;
        for (std::int64_t id = 0; id < 100; ++id)
            spans.emplace(id, data::TimeRange{kEpoch + 10 * kHour, kEpoch + 14 * kHour});
        setFeatureTimes(node.get(), spans, kEpoch, false);
        QVERIFY(runUntilIdle(2000)); // the children merge now
        const std::vector<osg::Geometry*> all = geometries(node.get());
        QVERIFY(all.size() > before);
        for (osg::Geometry* g : all) {
            const osg::Vec2Array* times = timesArray(g);
            QVERIFY(times && times->size() == g->getVertexArray()->getNumElements());
            for (const osg::Vec2& span : *times)
                QCOMPARE(span, osg::Vec2(36000.0f, 50400.0f));
            QVERIFY(featureTimedOutAt(g, 0, 9 * 3600.0) && !featureTimedOutAt(g, 0, 12 * 3600.0));
        }
        control->release = true; // held loads must end for the node's workers to stop
    }

    void untimedAndNullAreSafe()
    {
        setFeatureTimes(nullptr, {{1, {0, 1}}}, 0, false);
        setFeatureTimeAccumulate(nullptr, true);
        QVERIFY(!hasFeatureTimes(nullptr));
        QVERIFY(!featureTimedOutAt(nullptr, 0, 0.0));
        const Fixture f = build(Builder::Model);
        setFeatureTimeAccumulate(f.node.get(), true); // before any times: nothing timed
        QVERIFY(!hasFeatureTimes(f.node.get()));
        for (osg::Geometry* g : geometries(f.node.get())) {
            QVERIFY(!featureTimedOutAt(g, 0, -1e9));
            QVERIFY(!featureTimedOutAt(g, 1u << 30, 0.0));
        }
        setFeatureTimes(f.node.get(), spansOf(f), kEpoch, false);
        for (osg::Geometry* g : geometries(f.node.get()))
            QVERIFY(!featureTimedOutAt(g, g->getVertexArray()->getNumElements(), 0.0)); // past the end
    }
};

QTEST_GUILESS_MAIN(TestFeatureTimes)
#include "tst_featuretimes.moc"
