// FeatureStyler without GL: the ct_style values written per feature, hiding that keeps colours,
// clearing, wireframe and highlight state, on buildModel() and buildBuildings() output alike.
#include "ModelFixtures.h"
#include "SceneFixtures.h"
#include "scene/FeatureId.h"
#include "scene/FeatureProgram.h"
#include "scene/FeatureStyler.h"
#include "scene/ModelBuilder.h"
#include "scene/SceneBuilders.h"

#include <QtTest>
#include <osg/Geometry>
#include <osg/NodeVisitor>
#include <osg/PolygonMode>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

enum class Builder { Model, Buildings };

// Two features per builder: A (model roof / building 42) and B (model walls / building 43).
struct Fixture
{
    osg::ref_ptr<osg::Node> node;
    std::int64_t a;
    std::int64_t b;
};

Fixture build(Builder builder)
{
    if (builder == Builder::Model)
        return {buildModel(test::boxHouse(0, 0, 0), test::fixtureOrigin()), test::kRoofId, test::kWallsId};
    return {buildBuildings({test::rectFootprint(42, 0, 0, 20, 20, 10, 0),
                            test::rectFootprint(43, 30, 0, 10, 10, 6, 0),
                            test::rectFootprint(44, 3000, 0, 10, 10, 6, 0)}, // another chunk
                           test::fixtureOrigin()),
            42, 43};
}

class Collector : public osg::NodeVisitor
{
public:
    Collector() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
    void apply(osg::Geometry& g) override { found.push_back(&g); }
    std::vector<osg::Geometry*> found;
};

std::vector<osg::Geometry*> geometries(osg::Node* node)
{
    Collector c;
    node->accept(c);
    return c.found;
}

const osg::Vec4ubArray* styleArray(const osg::Geometry* g)
{
    return dynamic_cast<const osg::Vec4ubArray*>(g->getVertexAttribArray(featureAttrib::kStyle));
}

bool styledFlag(const osg::Geometry* g)
{
    bool on = false;
    const osg::StateSet* ss = g->getStateSet();
    const osg::Uniform* u = ss ? ss->getUniform("ct_styled") : nullptr;
    return u && u->get(on) && on;
}

//! Every vertex of feature ID, over all geometries under NODE, has style VALUE; every geometry
//! has the array and the flag FLAG; at least one such vertex exists.
bool allVerticesOf(osg::Node* node, std::int64_t id, const osg::Vec4ub& value, bool flag, QString& why)
{
    int count = 0;
    for (osg::Geometry* g : geometries(node)) {
        const osg::Vec4ubArray* style = styleArray(g);
        if (!style || style->size() != g->getVertexArray()->getNumElements() || !style->getNormalize()) {
            why = QStringLiteral("missing or mis-sized ct_style array");
            return false;
        }
        if (styledFlag(g) != flag) {
            why = QStringLiteral("ct_styled is not %1").arg(flag);
            return false;
        }
        for (unsigned v = 0; v < style->size(); ++v) {
            if (featureIdAt(g, v) != id)
                continue;
            ++count;
            const osg::Vec4ub s = (*style)[v];
            if (s != value) {
                why = QStringLiteral("vertex %1 of %2 is (%3,%4,%5,%6)")
                          .arg(v)
                          .arg(id)
                          .arg(s.r())
                          .arg(s.g())
                          .arg(s.b())
                          .arg(s.a());
                return false;
            }
        }
    }
    why = QStringLiteral("no vertex of feature %1").arg(id);
    return count > 0;
}

const osg::Vec4ub kKeep(0, 0, 0, 128);

} // namespace

#define VERIFY_STYLE(node, id, value, flag)                                                                  \
    do {                                                                                                     \
        QString why;                                                                                         \
        QVERIFY2(allVerticesOf(node, id, value, flag, why), qPrintable(why));                                \
    } while (false)

class TestFeatureStyler : public QObject
{
    Q_OBJECT

private slots:
    void coloursWrittenPerFeature_data();
    void coloursWrittenPerFeature();
    void hidingKeepsColours_data();
    void hidingKeepsColours();
    void clearingRestoresBase_data();
    void clearingRestoresBase();
    void wireframeState();
    void highlightOverridesModelsBelow();
    void buildersDeclareStyleDefaults_data();
    void buildersDeclareStyleDefaults();
};

void TestFeatureStyler::coloursWrittenPerFeature_data()
{
    QTest::addColumn<Builder>("builder");
    QTest::newRow("model") << Builder::Model;
    QTest::newRow("buildings") << Builder::Buildings;
}

void TestFeatureStyler::coloursWrittenPerFeature()
{
    QFETCH(Builder, builder);
    Fixture f = build(builder);
    setFeatureColours(f.node.get(),
                      {{f.a, osg::Vec4f(0.0f, 0.0f, 1.0f, 1.0f)}, {999, osg::Vec4f(1, 1, 1, 1)}});
    VERIFY_STYLE(f.node.get(), f.a, osg::Vec4ub(0, 0, 255, 255), true);
    VERIFY_STYLE(f.node.get(), f.b, kKeep, true);
    // A new map replaces the old one: A goes back to its base colour, B turns half green.
    setFeatureColours(f.node.get(), {{f.b, osg::Vec4f(0.0f, 0.5f, 0.0f, 1.0f)}});
    VERIFY_STYLE(f.node.get(), f.a, kKeep, true);
    VERIFY_STYLE(f.node.get(), f.b, osg::Vec4ub(0, 128, 0, 255), true);
}

void TestFeatureStyler::hidingKeepsColours_data()
{
    coloursWrittenPerFeature_data();
}

void TestFeatureStyler::hidingKeepsColours()
{
    QFETCH(Builder, builder);
    Fixture f = build(builder);
    setFeatureColours(f.node.get(), {{f.a, osg::Vec4f(1.0f, 0.0f, 0.0f, 1.0f)}});
    setFeaturesHidden(f.node.get(), {f.a, f.b});
    VERIFY_STYLE(f.node.get(), f.a, osg::Vec4ub(255, 0, 0, 0), true);
    VERIFY_STYLE(f.node.get(), f.b, osg::Vec4ub(0, 0, 0, 0), true);
    setFeaturesHidden(f.node.get(), {f.b}); // exactly B now: A shows with its colour again
    VERIFY_STYLE(f.node.get(), f.a, osg::Vec4ub(255, 0, 0, 255), true);
    VERIFY_STYLE(f.node.get(), f.b, osg::Vec4ub(0, 0, 0, 0), true);
    setFeatureColours(f.node.get(), {}); // colours cleared, B stays hidden
    VERIFY_STYLE(f.node.get(), f.a, kKeep, true);
    VERIFY_STYLE(f.node.get(), f.b, osg::Vec4ub(0, 0, 0, 0), true);
    // What a picker asks: hidden exactly for B's vertices.
    int hiddenVertices = 0;
    for (osg::Geometry* g : geometries(f.node.get()))
        for (unsigned v = 0; v < g->getVertexArray()->getNumElements(); ++v) {
            QCOMPARE(featureHiddenAt(g, v), featureIdAt(g, v) == f.b);
            hiddenVertices += featureHiddenAt(g, v) ? 1 : 0;
        }
    QVERIFY(hiddenVertices > 0);
    setFeaturesHidden(f.node.get(), {});
    for (osg::Geometry* g : geometries(f.node.get()))
        QVERIFY(!featureHiddenAt(g, 0));
    QVERIFY(!featureHiddenAt(nullptr, 0));
}

void TestFeatureStyler::clearingRestoresBase_data()
{
    coloursWrittenPerFeature_data();
}

void TestFeatureStyler::clearingRestoresBase()
{
    QFETCH(Builder, builder);
    Fixture f = build(builder);
    // Clearing a node that was never styled creates nothing.
    setFeatureColours(f.node.get(), {});
    setFeaturesHidden(f.node.get(), {});
    for (osg::Geometry* g : geometries(f.node.get())) {
        QVERIFY(!styleArray(g));
        QVERIFY(!styledFlag(g));
    }
    setFeatureColours(f.node.get(), {{f.a, osg::Vec4f(0, 1, 0, 1)}});
    setFeaturesHidden(f.node.get(), {f.b});
    setFeatureColours(f.node.get(), {});
    setFeaturesHidden(f.node.get(), {});
    VERIFY_STYLE(f.node.get(), f.a, kKeep, false);
    VERIFY_STYLE(f.node.get(), f.b, kKeep, false);
    setFeatureColours(nullptr, {}); // no node: nothing to do, no crash
    setFeaturesHidden(nullptr, {1});
}

void TestFeatureStyler::wireframeState()
{
    Fixture f = build(Builder::Model);
    auto mode = [&]() -> const osg::PolygonMode* {
        const osg::StateSet* ss = f.node->getStateSet();
        return dynamic_cast<const osg::PolygonMode*>(ss->getAttribute(osg::StateAttribute::POLYGONMODE));
    };
    QVERIFY(!mode());
    setWireframe(f.node.get(), true);
    QVERIFY(mode());
    QCOMPARE(mode()->getMode(osg::PolygonMode::FRONT), osg::PolygonMode::LINE);
    QCOMPARE(mode()->getMode(osg::PolygonMode::BACK), osg::PolygonMode::LINE);
    setWireframe(f.node.get(), false);
    QVERIFY(!mode());
    setWireframe(nullptr, true);
}

void TestFeatureStyler::highlightOverridesModelsBelow()
{
    // A parent of two models (like tiles of a tileset): its highlight must win over the -1 of
    // each model root.
    osg::ref_ptr<osg::Group> parent = new osg::Group;
    Fixture one = build(Builder::Model);
    parent->addChild(one.node);
    parent->addChild(build(Builder::Model).node);
    setFeatureHighlight(parent.get(), 7);
    const osg::StateSet::RefUniformPair* pair = parent->getStateSet()->getUniformPair("ct_highlightId");
    QVERIFY(pair);
    float v = 0;
    QVERIFY(pair->first->get(v));
    QCOMPARE(v, 7.0f);
    QVERIFY(pair->second & osg::StateAttribute::OVERRIDE);
    setFeatureHighlight(parent.get(), std::nullopt);
    QVERIFY(parent->getStateSet()->getUniform("ct_highlightId")->get(v));
    QCOMPARE(v, -1.0f);
    // The buildings entry point is the same uniform.
    setBuildingsHighlight(one.node.get(), 3);
    QVERIFY(one.node->getStateSet()->getUniform("ct_highlightId")->get(v));
    QCOMPARE(v, 3.0f);
}

void TestFeatureStyler::buildersDeclareStyleDefaults_data()
{
    coloursWrittenPerFeature_data();
}

void TestFeatureStyler::buildersDeclareStyleDefaults()
{
    // OSG keeps a program's uniform values between draws: the builder's root must say
    // ct_styled false for the geometries that have no style array.
    QFETCH(Builder, builder);
    Fixture f = build(builder);
    const osg::StateSet* ss = f.node->getStateSet();
    bool styled = true;
    QVERIFY(ss->getUniform("ct_styled") && ss->getUniform("ct_styled")->get(styled));
    QVERIFY(!styled);
    float id = 0;
    QVERIFY(ss->getUniform("ct_highlightId")->get(id));
    QCOMPARE(id, -1.0f);
    const auto* program = dynamic_cast<const osg::Program*>(ss->getAttribute(osg::StateAttribute::PROGRAM));
    QVERIFY(program);
    const osg::Program::AttribBindingList& bindings = program->getAttribBindingList();
    QVERIFY(bindings.count("ct_style") && bindings.at("ct_style") == featureAttrib::kStyle);
    QVERIFY(bindings.count("ct_featureId") && bindings.at("ct_featureId") == featureAttrib::kFeatureId);
}

QTEST_GUILESS_MAIN(TestFeatureStyler)
#include "tst_featurestyler.moc"
