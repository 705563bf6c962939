// Events layer without GL: category icons and filter masks, appendEventMarkers (new chunks, an
// id replacing its old marker), the CPU count of shown events and window vs accumulate culling.
#include "SceneFixtures.h"
#include "scene/CityScene.h"
#include "scene/EventMarkerLayer.h"
#include "scene/FeatureId.h"
#include "scene/SceneBuilders.h"
#include "scene/Shaders.h"
#include "scene/TimeChunkCallback.h"

#include <QtTest>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/NodeVisitor>

using namespace citytwin;
using namespace citytwin::scene;

namespace {

constexpr data::TimeMs kEpoch = 1'767'225'600'000; // 2026-01-01T00:00Z

data::Event makeEvent(std::int64_t id, const QString& category, int severity, double reportedS, double closedS)
{
    data::Event e = test::fixtureEvent(id, double(id), 0, 0, kEpoch, reportedS, -1, -1, -1, closedS);
    e.category = category;
    e.severity = severity;
    return e;
}

//! The chunk geodes of an events node.
std::vector<osg::Geode*> chunks(osg::Node* node)
{
    std::vector<osg::Geode*> out;
    osg::Group* root = node->asGroup();
    for (unsigned i = 0; root && i < root->getNumChildren(); ++i)
        if (osg::Geode* g = root->getChild(i)->asGeode())
            out.push_back(g);
    return out;
}

//! Counts the drawables a cull callback lets through (what a cull traversal would reach).
class DrawableCounter : public osg::NodeVisitor
{
public:
    DrawableCounter() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
    void apply(osg::Drawable&) override { ++count; }
    int count = 0;
};

int culledDrawables(osg::Geode* chunk)
{
    DrawableCounter counter;
    auto* cb = dynamic_cast<osg::NodeCallback*>(chunk->getCullCallback());
    (*cb)(chunk, &counter);
    return counter.count;
}

} // namespace

class TestEventMarkers : public QObject
{
    Q_OBJECT

private slots:
    void iconOfCategory_data();
    void iconOfCategory();
    void categoryMask();
    void stateMask();
    void filterAccepts();
    void layerCountsWithFilter();
    void appendAddsChunk();
    void appendReplacesId();
    void appendToForeignNodeFails();
    void accumulateKeepsClosedChunks();
    void styleAttributePerVertex();
};

void TestEventMarkers::iconOfCategory_data()
{
    QTest::addColumn<QString>("category");
    QTest::addColumn<int>("icon");
    QTest::newRow("hotline") << "hotline_complaint" << int(EventIcon::HotlineComplaint);
    QTest::newRow("chinese complaint") << QString::fromUtf8("12345热线投诉") << int(EventIcon::HotlineComplaint);
    QTest::newRow("parking") << "illegal_parking" << int(EventIcon::IllegalParking);
    QTest::newRow("parking spaced") << "Illegal Parking" << int(EventIcon::IllegalParking);
    QTest::newRow("chinese parking") << QString::fromUtf8("违章停车") << int(EventIcon::IllegalParking);
    QTest::newRow("flood") << "flood" << int(EventIcon::Flood);
    QTest::newRow("waterlogging") << QString::fromUtf8("道路积水") << int(EventIcon::Flood);
    QTest::newRow("fire") << "fire" << int(EventIcon::Fire);
    QTest::newRow("chinese fire") << QString::fromUtf8("火灾") << int(EventIcon::Fire);
    QTest::newRow("garbage") << "garbage" << int(EventIcon::Other);
    QTest::newRow("empty") << "" << int(EventIcon::Other);
}

void TestEventMarkers::iconOfCategory()
{
    QFETCH(QString, category);
    QFETCH(int, icon);
    QCOMPARE(int(eventIconOf(category)), icon);
}

void TestEventMarkers::categoryMask()
{
    const std::vector<QString> categories = {"fire", "flood", "noise"};
    EventFilter filter;
    auto mask = eventCategoryMask(filter, categories);
    for (float v : mask)
        QCOMPARE(v, 1.0f);
    filter.hiddenCategories = {"flood"};
    mask = eventCategoryMask(filter, categories);
    QCOMPARE(mask[0], 1.0f);
    QCOMPARE(mask[1], 0.0f);
    QCOMPARE(mask[2], 1.0f);
    QCOMPARE(mask[3], 1.0f); // unused slot: a category appended later is drawn

    // Beyond the last slot categories share it: drawn while any of them is wanted.
    std::vector<QString> many;
    for (int i = 0; i < kMaxEventCategories + 3; ++i)
        many.push_back(QStringLiteral("c%1").arg(i));
    QCOMPARE(eventCategorySlot(kMaxEventCategories + 2), kMaxEventCategories - 1);
    filter.hiddenCategories = {many[kMaxEventCategories - 1], many[kMaxEventCategories]};
    QCOMPARE(eventCategoryMask(filter, many)[kMaxEventCategories - 1], 1.0f);
    filter.hiddenCategories += many[kMaxEventCategories + 1];
    filter.hiddenCategories += many[kMaxEventCategories + 2];
    QCOMPARE(eventCategoryMask(filter, many)[kMaxEventCategories - 1], 0.0f);
}

void TestEventMarkers::stateMask()
{
    EventFilter filter;
    filter.stateMask = eventStateBit(data::EventState::Reported) | eventStateBit(data::EventState::Closed);
    const auto mask = eventStateMask(filter);
    QCOMPARE(mask[0], 1.0f);
    QCOMPARE(mask[1], 0.0f);
    QCOMPARE(mask[2], 0.0f);
    QCOMPARE(mask[3], 0.0f);
    QCOMPARE(mask[4], 1.0f);
}

void TestEventMarkers::filterAccepts()
{
    EventFilter filter;
    filter.minSeverity = 3;
    filter.hiddenCategories = {"noise"};
    filter.stateMask = kAllEventStates & ~eventStateBit(data::EventState::Resolved);
    QVERIFY(filter.accepts("fire", 3, data::EventState::Reported));
    QVERIFY(!filter.accepts("fire", 2, data::EventState::Reported));
    QVERIFY(!filter.accepts("noise", 4, data::EventState::Reported));
    QVERIFY(!filter.accepts("fire", 4, data::EventState::Resolved));
}

void TestEventMarkers::layerCountsWithFilter()
{
    // fire sev 4 [10, 100); flood sev 2 [20, open); noise sev 1 [30, 50); fire sev 1 [200, 300).
    osg::ref_ptr<osg::Node> node = buildEventMarkers(
        {makeEvent(1, "fire", 4, 10, 100), makeEvent(2, "flood", 2, 20, -1), makeEvent(3, "noise", 1, 30, 50),
         makeEvent(4, "fire", 1, 200, 300)},
        test::fixtureOrigin(), kEpoch);
    EventMarkerLayer* layer = EventMarkerLayer::of(node.get());
    QVERIFY(layer);
    QCOMPARE(layer->eventCount(), std::size_t(4));
    QCOMPARE(layer->categoryCounts().at("fire"), 2);
    QCOMPARE(layer->countShownAt(5), 0);
    QCOMPARE(layer->countShownAt(40), 3);
    QCOMPARE(layer->countShownAt(60), 2);
    QCOMPARE(layer->countShownAt(250), 2);

    EventFilter filter;
    filter.hiddenCategories = {"fire"};
    QVERIFY(setEventFilter(node.get(), filter));
    QCOMPARE(layer->countShownAt(40), 2);
    QVERIFY(!layer->isShownAt(1, 40));
    filter = {};
    filter.minSeverity = 2;
    QVERIFY(setEventFilter(node.get(), filter));
    QCOMPARE(layer->countShownAt(40), 2);
    QVERIFY(!layer->isShownAt(3, 40));

    // Accumulate: closed events stay (state Closed), unless the Closed state is filtered out.
    filter = {};
    QVERIFY(setEventFilter(node.get(), filter));
    QVERIFY(setEventAccumulate(node.get(), true));
    QCOMPARE(layer->countShownAt(400), 4);
    QVERIFY(layer->isShownAt(3, 400));
    filter.stateMask = kAllEventStates & ~eventStateBit(data::EventState::Closed);
    layer->setFilter(filter);
    QCOMPARE(layer->countShownAt(400), 1); // only the open flood
    QVERIFY(!layer->isShownAt(3, 400));
    QVERIFY(layer->isShownAt(2, 400));

    // The uniforms carry the same masks.
    osg::StateSet* ss = node->getStateSet();
    float v = -1;
    QVERIFY(ss->getUniform("ct_stateVisible")->getElement(4, v));
    QCOMPARE(v, 0.0f);
    QVERIFY(ss->getUniform("ct_accumulate")->get(v));
    QCOMPARE(v, 1.0f);
    filter.hiddenCategories = {"flood"};
    layer->setFilter(filter);
    QVERIFY(ss->getUniform("ct_categoryVisible")->getElement(unsigned(layer->categoryIndex("flood")), v));
    QCOMPARE(v, 0.0f);
    QVERIFY(ss->getUniform("ct_categoryVisible")->getElement(unsigned(layer->categoryIndex("fire")), v));
    QCOMPARE(v, 1.0f);
}

void TestEventMarkers::appendAddsChunk()
{
    osg::ref_ptr<osg::Node> node = buildEventMarkers({}, test::fixtureOrigin(), kEpoch);
    QCOMPARE(chunks(node.get()).size(), std::size_t(0));
    QVERIFY(EventMarkerLayer::of(node.get()));
    // Appending through the CityScene layer group works as on the builder's node.
    CityScene scene(kEpoch);
    const data::LayerId id{5};
    scene.setLayerNode(id, data::LayerKind::Events, node);
    osg::Node* group = scene.root()->getChild(scene.root()->getChildIndex(node->getParent(0)));
    QVERIFY(appendEventMarkers(group, {makeEvent(1, "fire", 3, 10, 20), makeEvent(2, "garbage", 1, 15, -1)},
                               test::fixtureOrigin(), kEpoch));
    const auto c = chunks(node.get());
    QCOMPARE(c.size(), std::size_t(1));
    auto* cb = dynamic_cast<TimeChunkCallback*>(c[0]->getCullCallback());
    QVERIFY(cb);
    QCOMPARE(cb->start(), 10.0);
    QCOMPARE(cb->end(), TimeChunkCallback::kOpenEnd);
    auto* geom = c[0]->getDrawable(0)->asGeometry();
    QCOMPARE(geom->getVertexArray()->getNumElements(), 2u);
    QCOMPARE(featureIdAt(geom, 1).value_or(-1), std::int64_t(2));
    QCOMPARE(EventMarkerLayer::of(node.get())->countShownAt(16), 2);
    // New categories opened their mask slots.
    QCOMPARE(EventMarkerLayer::of(node.get())->categories().size(), std::size_t(2));
}

void TestEventMarkers::appendReplacesId()
{
    osg::ref_ptr<osg::Node> node = buildEventMarkers({makeEvent(1, "fire", 3, 10, -1), makeEvent(2, "flood", 2, 12, -1)},
                                                     test::fixtureOrigin(), kEpoch);
    EventMarkerLayer* layer = EventMarkerLayer::of(node.get());
    QCOMPARE(layer->countShownAt(50), 2);
    // Event 1 is closed at 40 (a lifecycle update); event 3 is new; event 3 twice: the last row wins.
    data::Event update = makeEvent(1, "fire", 3, 10, 40);
    data::Event first3 = makeEvent(3, "noise", 1, 30, -1), last3 = makeEvent(3, "noise", 1, 30, 45);
    QVERIFY(appendEventMarkers(node.get(), {update, first3, last3}, test::fixtureOrigin(), kEpoch));
    QCOMPARE(layer->eventCount(), std::size_t(3));
    QCOMPARE(layer->countShownAt(35), 3);
    QCOMPARE(layer->countShownAt(42), 2); // 1 closed
    QCOMPARE(layer->countShownAt(50), 1); // 3 closed too
    QVERIFY(!layer->isShownAt(1, 50));
    QCOMPARE(layer->categoryCounts().at("fire"), 1);

    // On the GPU the old vertex of event 1 is never reported any more.
    const auto c = chunks(node.get());
    QCOMPARE(c.size(), std::size_t(2)); // the open chunk of the build + the appended one
    auto* oldGeom = c[0]->getDrawable(0)->asGeometry();
    const auto* life = static_cast<const osg::Vec4Array*>(oldGeom->getVertexAttribArray(attrib::kEventLifecycle));
    QCOMPARE((*life)[0].x(), 1e30f);
    QCOMPARE((*life)[1].x(), 12.0f);
    auto* newGeom = c[1]->getDrawable(0)->asGeometry();
    QCOMPARE(newGeom->getVertexArray()->getNumElements(), 2u);
    const auto* close = static_cast<const osg::Vec2Array*>(newGeom->getVertexAttribArray(attrib::kEventCloseSeverity));
    QCOMPARE((*close)[0].x(), 40.0f);
    QCOMPARE((*close)[1].x(), 45.0f);
}

void TestEventMarkers::appendToForeignNodeFails()
{
    osg::ref_ptr<osg::Node> assets = buildAssetMarkers({}, test::fixtureOrigin());
    QVERIFY(!appendEventMarkers(assets.get(), {makeEvent(1, "fire", 1, 1, 2)}, test::fixtureOrigin(), kEpoch));
    QVERIFY(!setEventFilter(nullptr, EventFilter{}));
    QVERIFY(!setEventAccumulate(assets.get(), true));
}

void TestEventMarkers::accumulateKeepsClosedChunks()
{
    CityScene scene(kEpoch);
    osg::ref_ptr<osg::Node> node = buildEventMarkers({makeEvent(1, "fire", 1, 10, 20)}, test::fixtureOrigin(), kEpoch);
    scene.setLayerNode(data::LayerId{1}, data::LayerKind::Events, node);
    osg::Geode* chunk = chunks(node.get()).at(0);
    scene.setTime(kEpoch + 30'000);
    QCOMPARE(culledDrawables(chunk), 0); // window: the chunk ended at 20 s
    QVERIFY(setEventAccumulate(node.get(), true));
    QCOMPARE(culledDrawables(chunk), 1); // accumulate: it stays
    scene.setTime(kEpoch + 5'000);
    QCOMPARE(culledDrawables(chunk), 0); // nothing reported yet in either mode
    scene.setTime(kEpoch + 15'000);
    QVERIFY(setEventAccumulate(node.get(), false));
    QCOMPARE(culledDrawables(chunk), 1);

    // A chunk appended after CityScene bound the layer follows the scene time too.
    QVERIFY(appendEventMarkers(node.get(), {makeEvent(2, "fire", 1, 100, 200)}, test::fixtureOrigin(), kEpoch));
    osg::Geode* appended = chunks(node.get()).at(1);
    QCOMPARE(culledDrawables(appended), 0); // 15 s: before its report
    scene.setTime(kEpoch + 150'000);
    QCOMPARE(culledDrawables(appended), 1);
}

void TestEventMarkers::styleAttributePerVertex()
{
    osg::ref_ptr<osg::Node> node = buildEventMarkers(
        {makeEvent(1, "fire", 1, 10, 20), makeEvent(2, "hotline_complaint", 1, 11, 20), makeEvent(3, "mystery", 1, 12, 20)},
        test::fixtureOrigin(), kEpoch);
    auto* geom = chunks(node.get()).at(0)->getDrawable(0)->asGeometry();
    const auto* style = dynamic_cast<const osg::Vec2Array*>(geom->getVertexAttribArray(8));
    QVERIFY(style);
    QCOMPARE(style->size(), std::size_t(3));
    EventMarkerLayer* layer = EventMarkerLayer::of(node.get());
    QCOMPARE((*style)[0].x(), float(layer->categoryIndex("fire")));
    QCOMPARE((*style)[1].x(), float(layer->categoryIndex("hotline_complaint")));
    QCOMPARE((*style)[0].y(), float(EventIcon::Fire));
    QCOMPARE((*style)[1].y(), float(EventIcon::HotlineComplaint));
    QCOMPARE((*style)[2].y(), float(EventIcon::Other));
}

QTEST_MAIN(TestEventMarkers)
#include "tst_eventmarkers.moc"
