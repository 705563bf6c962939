// Asset markers and the people layer without GL: marker counts/colours/shapes, and the people
// interpolation (at samples, between them, across gaps, before/after a track), role colours,
// and CityScene driving the layer through its time listeners.
#include "SceneFixtures.h"
#include "scene/CityScene.h"
#include "scene/FeatureId.h"
#include "scene/PeopleLayer.h"
#include "scene/SceneBuilders.h"
#include "scene/Shaders.h"

#include <QtTest>
#include <osg/Geode>
#include <osg/Geometry>

using namespace citytwin;
using namespace citytwin::scene;

Q_DECLARE_METATYPE(osg::Vec3f)

namespace {

constexpr data::TimeMs kEpoch = 1'767'225'600'000; // 2026-01-01T00:00Z
constexpr double kLift = PeopleOptions{}.liftM;

data::TrackPoint sample(std::int64_t person, double seconds, double x, double y, double z)
{
    const data::ProjectedPoint o = test::fixtureOrigin();
    return {person, kEpoch + data::TimeMs(std::llround(seconds * 1000)), {o.x + x, o.y + y, o.z + z}};
}

data::Person person(std::int64_t id, data::PersonRole role)
{
    data::Person p;
    p.id = id;
    p.role = role;
    p.name = QStringLiteral("p%1").arg(id);
    return p;
}

data::Asset asset(std::int64_t id, data::AssetType type, double x, double y)
{
    const data::ProjectedPoint o = test::fixtureOrigin();
    data::Asset a;
    a.id = id;
    a.type = type;
    a.position = {o.x + x, o.y + y, o.z + 4.0};
    return a;
}

const osg::Geometry* firstGeometry(osg::Node* node)
{
    auto* geode = node ? node->asGeode() : nullptr;
    return geode && geode->getNumDrawables() > 0 ? geode->getDrawable(0)->asGeometry() : nullptr;
}

//! Person 1: samples at 100 s (0,0,10), 200 s (100,0,10), 300 s (100,50,20), then a 2000 s gap,
//! 2300 s (0,0,10). Given shuffled and mixed with person 2's to exercise the sort.
std::vector<data::TrackPoint> fixtureTracks()
{
    return {sample(1, 300, 100, 50, 20), sample(2, 50, -10, -10, 0), sample(1, 100, 0, 0, 10),
            sample(1, 2300, 0, 0, 10),   sample(1, 200, 100, 0, 10), sample(2, 150, 10, 10, 0),
            sample(99, 150, 0, 0, 0)}; // unknown person: dropped
}

} // namespace

class TestOverlayBuilders : public QObject
{
    Q_OBJECT

private slots:
    void assetMarkersOneVertexPerAsset();
    void assetColoursDistinct();
    void emptyAssetsBuildEmptyNode();
    void peopleInterpolation_data();
    void peopleInterpolation();
    void peopleColoursAndCounts();
    void sceneTimeDrivesPeople();
    void hiddenLayerSkipsUpdates();
};

void TestOverlayBuilders::assetMarkersOneVertexPerAsset()
{
    const std::vector<data::Asset> assets = {
        asset(10, data::AssetType::Cctv, 0, 0), asset(11, data::AssetType::Sensor, 10, 0),
        asset(12, data::AssetType::Hydrant, 20, 0), asset(13, data::AssetType::Shelter, 30, 0),
        asset(14, data::AssetType::Other, 40, 0)};
    osg::ref_ptr<osg::Node> node = buildAssetMarkers(assets, test::fixtureOrigin());
    const osg::Geometry* geom = firstGeometry(node.get());
    QVERIFY(geom);
    QCOMPARE(node->asGeode()->getNumDrawables(), 1u); // one draw call for every asset
    const auto* positions = dynamic_cast<const osg::Vec3Array*>(geom->getVertexArray());
    const auto* colours = dynamic_cast<const osg::Vec4Array*>(geom->getColorArray());
    const auto* shapes =
        dynamic_cast<const osg::FloatArray*>(geom->getVertexAttribArray(attrib::kAssetShape));
    QVERIFY(positions && colours && shapes);
    QCOMPARE(positions->size(), assets.size());
    QCOMPARE(colours->size(), assets.size());
    QCOMPARE(shapes->size(), assets.size());
    QCOMPARE(geom->getPrimitiveSet(0)->getMode(), GLenum(GL_POINTS));
    QCOMPARE(geom->getPrimitiveSet(0)->getNumIndices(), unsigned(assets.size()));
    for (size_t i = 0; i < assets.size(); ++i) {
        QCOMPARE((*positions)[i].x(), float(10 * i));
        QVERIFY((*positions)[i].z() > 4.0f); // lifted above its ground
        const osg::Vec3f expected = assetMarkerColour(assets[i].type);
        QCOMPARE(osg::Vec3f((*colours)[i].r(), (*colours)[i].g(), (*colours)[i].b()), expected);
    }
    QCOMPARE((*shapes)[0], 1.0f); // CCTV square
    QCOMPARE((*shapes)[1], 2.0f); // sensor diamond
    QCOMPARE((*shapes)[3], 3.0f); // shelter triangle
    const FeatureIdTable* ids = featureIdTable(geom);
    QVERIFY(ids);
    QCOMPARE(ids->featureAtVertex(2), std::int64_t(12));
    // Overlay: drawn without depth test.
    QCOMPARE(node->getStateSet()->getMode(GL_DEPTH_TEST) & osg::StateAttribute::ON, 0u);
}

void TestOverlayBuilders::assetColoursDistinct()
{
    const osg::Vec3f cctv = assetMarkerColour(data::AssetType::Cctv);
    const osg::Vec3f sensor = assetMarkerColour(data::AssetType::Sensor);
    const osg::Vec3f hydrant = assetMarkerColour(data::AssetType::Hydrant);
    const osg::Vec3f shelter = assetMarkerColour(data::AssetType::Shelter);
    QVERIFY(cctv.z() > cctv.x() && cctv.z() > cctv.y());             // blue
    QVERIFY(sensor.x() > sensor.y() && sensor.z() > sensor.y());     // purple
    QVERIFY(hydrant.x() > hydrant.y() && hydrant.x() > hydrant.z()); // red-ish
    QVERIFY(shelter.y() > shelter.x() && shelter.y() > shelter.z()); // green
    // Apart from the event state colours (reported red 0.9/0.1/0.1, resolved green 0.15/0.75/0.2).
    QVERIFY((hydrant - osg::Vec3f(0.9f, 0.1f, 0.1f)).length() > 0.3f);
    QVERIFY((shelter - osg::Vec3f(0.15f, 0.75f, 0.2f)).length() > 0.25f);
    const std::vector<osg::Vec3f> all = {cctv, sensor, hydrant, shelter};
    for (size_t i = 0; i < all.size(); ++i)
        for (size_t j = i + 1; j < all.size(); ++j)
            QVERIFY((all[i] - all[j]).length() > 0.3f);
}

void TestOverlayBuilders::emptyAssetsBuildEmptyNode()
{
    osg::ref_ptr<osg::Node> node = buildAssetMarkers({}, test::fixtureOrigin());
    QVERIFY(node);
    QCOMPARE(node->asGeode()->getNumDrawables(), 0u);
}

void TestOverlayBuilders::peopleInterpolation_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<bool>("visible");
    QTest::addColumn<osg::Vec3f>("position"); // without the lift
    QTest::newRow("before first") << 99.0 << false << osg::Vec3f();
    QTest::newRow("at first") << 100.0 << true << osg::Vec3f(0, 0, 10);
    QTest::newRow("quarter") << 125.0 << true << osg::Vec3f(25, 0, 10);
    QTest::newRow("at middle sample") << 200.0 << true << osg::Vec3f(100, 0, 10);
    QTest::newRow("between 2 and 3") << 260.0 << true << osg::Vec3f(100, 30, 16);
    QTest::newRow("at sample before gap") << 300.0 << true << osg::Vec3f(100, 50, 20);
    QTest::newRow("inside gap") << 301.0 << false << osg::Vec3f();
    QTest::newRow("late in gap") << 2299.0 << false << osg::Vec3f();
    QTest::newRow("at last") << 2300.0 << true << osg::Vec3f(0, 0, 10);
    QTest::newRow("after last") << 2300.5 << false << osg::Vec3f();
}

void TestOverlayBuilders::peopleInterpolation()
{
    QFETCH(double, seconds);
    QFETCH(bool, visible);
    QFETCH(osg::Vec3f, position);
    osg::ref_ptr<osg::Node> node =
        PeopleLayer::build({person(1, data::PersonRole::Inspector), person(2, data::PersonRole::Sanitation)},
                           fixtureTracks(), test::fixtureOrigin(), kEpoch);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    QVERIFY(layer);
    const int index = layer->indexOf(1);
    QCOMPARE(index, 0);
    const int shown = layer->update(seconds);
    QCOMPARE(layer->isVisible(size_t(index)), visible);
    // Person 2 exists only in [50, 150].
    QCOMPARE(shown, int(visible) + int(seconds >= 50 && seconds <= 150));
    if (visible) {
        const osg::Vec3f p = layer->position(size_t(index)) - osg::Vec3f(0, 0, float(kLift));
        QVERIFY2((p - position).length() < 1e-3f,
                 qPrintable(QStringLiteral("(%1, %2, %3)").arg(p.x()).arg(p.y()).arg(p.z())));
    }
}

void TestOverlayBuilders::peopleColoursAndCounts()
{
    osg::ref_ptr<osg::Node> node =
        PeopleLayer::build({person(1, data::PersonRole::Inspector), person(2, data::PersonRole::Sanitation),
                            person(3, data::PersonRole::Enforcement)}, // no track: never shown
                           fixtureTracks(), test::fixtureOrigin(), kEpoch);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    QVERIFY(layer);
    QCOMPARE(layer->personCount(), size_t(3));
    const osg::Geometry* geom = firstGeometry(node.get());
    QVERIFY(geom);
    QCOMPARE(geom, layer->geometry());
    QCOMPARE(geom->getPrimitiveSet(0)->getMode(), GLenum(GL_POINTS));
    QCOMPARE(geom->getPrimitiveSet(0)->getNumIndices(), 3u);
    const auto* colours = dynamic_cast<const osg::Vec4Array*>(geom->getColorArray());
    QVERIFY(colours);
    QCOMPARE(osg::Vec3f((*colours)[1].r(), (*colours)[1].g(), (*colours)[1].b()),
             PeopleLayer::roleColour(data::PersonRole::Sanitation));
    QVERIFY(PeopleLayer::roleColour(data::PersonRole::Inspector) !=
            PeopleLayer::roleColour(data::PersonRole::Enforcement));
    // Updates rewrite the same arrays: no geometry rebuild.
    const osg::Array* before = geom->getVertexArray();
    const unsigned modified = before->getModifiedCount();
    QCOMPARE(layer->update(120), 2);
    QCOMPARE(geom->getVertexArray(), before);
    QVERIFY(before->getModifiedCount() > modified);
    QVERIFY(!layer->isVisible(2));
}

void TestOverlayBuilders::sceneTimeDrivesPeople()
{
    CityScene scene(kEpoch);
    scene.setTime(kEpoch + 150'000); // before the layer exists: attaching applies it
    osg::ref_ptr<osg::Node> node = PeopleLayer::build({person(1, data::PersonRole::Coordinator)},
                                                      fixtureTracks(), test::fixtureOrigin(), kEpoch);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    scene.setLayerNode(data::LayerId{5}, data::LayerKind::People, node);
    QVERIFY(layer->isVisible(0));
    QCOMPARE(layer->position(0).x(), 50.0f);
    scene.setTime(kEpoch + 250'000);
    QCOMPARE(layer->position(0).y(), 25.0f);
    scene.setTime(kEpoch + 1'000'000);
    QVERIFY(!layer->isVisible(0));
    // A replaced layer is no longer driven.
    scene.setLayerNode(data::LayerId{5}, data::LayerKind::People, nullptr);
    scene.setTime(kEpoch + 150'000);
    QVERIFY(!layer->isVisible(0));
}

void TestOverlayBuilders::hiddenLayerSkipsUpdates()
{
    CityScene scene(kEpoch);
    osg::ref_ptr<osg::Node> node = PeopleLayer::build({person(1, data::PersonRole::Coordinator)},
                                                      fixtureTracks(), test::fixtureOrigin(), kEpoch);
    PeopleLayer* layer = PeopleLayer::of(node.get());
    const data::LayerId id{6};
    scene.setLayerNode(id, data::LayerKind::People, node);
    scene.setTime(kEpoch + 100'000);
    QCOMPARE(layer->position(0).x(), 0.0f);
    scene.setLayerVisible(id, false);
    scene.setTime(kEpoch + 200'000);
    QCOMPARE(layer->position(0).x(), 0.0f); // hidden: not interpolated
    scene.setLayerVisible(id, true);        // shown again: caught up at once
    QCOMPARE(layer->position(0).x(), 100.0f);
}

QTEST_GUILESS_MAIN(TestOverlayBuilders)
#include "tst_overlaybuilders.moc"
