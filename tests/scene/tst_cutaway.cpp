// Cut-away state without GL: the uniforms a clip box and a pit set, the CPU mirror of the
// shader's inside test (cutAwayOnPath, as the picker uses it), the layer kinds that are never
// cut, and the excavation pit's walls (top on the surface, bottom at the floor, soil bands).
#include "scene/CityScene.h"
#include "scene/ClipBoxGizmo.h"
#include "scene/CutAway.h"
#include "scene/ExcavationPitBuilder.h"

#include <QtTest>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Viewport>
#include "scene/Picker.h"

using namespace citytwin;
using namespace citytwin::scene;

Q_DECLARE_METATYPE(osg::Vec3d)

namespace {

osg::Uniform* uniform(const CutAway& cut, const char* name)
{
    for (const osg::ref_ptr<osg::Uniform>& u : cut.uniforms())
        if (u->getName() == name)
            return u.get();
    return nullptr;
}

//! An L-shaped (concave) pit: the notch at x > 4, y > 4 is outside.
ExcavationPit lPit()
{
    ExcavationPit pit;
    pit.ring = {{0, 0}, {10, 0}, {10, 4}, {4, 4}, {4, 10}, {0, 10}};
    pit.bottomZ = -6;
    return pit;
}

osg::Geometry* geometryNamed(osg::Node* root, const std::string& name)
{
    auto* group = root->asGroup();
    for (unsigned i = 0; group && i < group->getNumChildren(); ++i)
        if (auto* geode = group->getChild(i)->asGeode())
            for (unsigned d = 0; d < geode->getNumDrawables(); ++d)
                if (geode->getDrawable(d)->getName() == name)
                    return geode->getDrawable(d)->asGeometry();
    return nullptr;
}

} // namespace

class TestCutAway : public QObject
{
    Q_OBJECT

private slots:
    void uniformsFollowTheState()
    {
        CutAway cut;
        osg::ref_ptr<osg::StateSet> ss = new osg::StateSet;
        cut.attach(*ss);
        bool b = true;
        QVERIFY(ss->getUniform(kCutAppliesUniform)->get(b) && b);
        QVERIFY(uniform(cut, "ct_cutBoxOn")->get(b) && !b);
        int count = -1;
        QVERIFY(uniform(cut, "ct_cutPitCount")->get(count) && count == 0);

        cut.setClipBox(ClipBox{{-1, -2, -3}, {4, 5, 6}});
        QVERIFY(uniform(cut, "ct_cutBoxOn")->get(b) && b);
        osg::Vec3f v;
        QVERIFY(uniform(cut, "ct_cutBoxMin")->get(v) && v == osg::Vec3f(-1, -2, -3));
        QVERIFY(uniform(cut, "ct_cutBoxMax")->get(v) && v == osg::Vec3f(4, 5, 6));
        QVERIFY(ss->getUniform("ct_cutBoxOn") == uniform(cut, "ct_cutBoxOn")); // attached, not copied

        cut.setPit(lPit());
        QVERIFY(uniform(cut, "ct_cutPitCount")->get(count) && count == 6);
        osg::Vec4f rect;
        QVERIFY(uniform(cut, "ct_cutPitRect")->get(rect) && rect == osg::Vec4f(0, 0, 10, 10));
        float bottom = 0;
        QVERIFY(uniform(cut, "ct_cutPitBottom")->get(bottom) && bottom == -6.0f);
        osg::Vec2f corner;
        QVERIFY(uniform(cut, "ct_cutPit")->getElement(3, corner) && corner == osg::Vec2f(4, 4));
        QCOMPARE(int(uniform(cut, "ct_cutPit")->getNumElements()), kMaxPitVertices);

        cut.setClipBox(ClipBox{{0, 0, 0}, {0, 1, 1}}); // flat: no box
        QVERIFY(!cut.clipBox());
        QVERIFY(uniform(cut, "ct_cutBoxOn")->get(b) && !b);
        cut.clear();
        QVERIFY(!cut.isActive());
        QVERIFY(uniform(cut, "ct_cutPitCount")->get(count) && count == 0);
        cut.detach(*ss);
        QVERIFY(!ss->getUniform("ct_cutBoxOn") && !ss->getUniform(kCutAppliesUniform));
    }

    void closedAndLongRings()
    {
        CutAway cut;
        ExcavationPit closed = lPit();
        closed.ring.push_back(closed.ring.front());
        cut.setPit(closed);
        QVERIFY(cut.pit());
        QCOMPARE(cut.pit()->ring.size(), size_t(6));
        // A 200-gon is thinned to the uniform array's size and still cuts its centre.
        ExcavationPit round;
        for (int i = 0; i < 200; ++i)
            round.ring.emplace_back(10 * std::cos(i * 2 * M_PI / 200), 10 * std::sin(i * 2 * M_PI / 200));
        round.bottomZ = -2;
        cut.setPit(round);
        QVERIFY(cut.pit());
        QCOMPARE(int(cut.pit()->ring.size()), kMaxPitVertices);
        QVERIFY(cut.cuts({0, 0, 0}));
        QVERIFY(!cut.cuts({11, 0, 0}));
        ExcavationPit line;
        line.ring = {{0, 0}, {1, 1}};
        cut.setPit(line);
        QVERIFY(!cut.pit());
    }

    // The shader define compiles the test in only while something is cut: an idle cut-away
    // costs the fragment shaders nothing.
    void defineOnlyWhileActive()
    {
        CutAway cut;
        osg::ref_ptr<osg::StateSet> ss = new osg::StateSet;
        cut.attach(*ss);
        QVERIFY(!ss->getDefinePair(kCutAwayDefine));
        cut.setClipBox(ClipBox{{0, 0, 0}, {1, 1, 1}});
        QVERIFY(ss->getDefinePair(kCutAwayDefine));
        cut.setClipBox(std::nullopt);
        QVERIFY(!ss->getDefinePair(kCutAwayDefine));
        ExcavationPit pit;
        pit.ring = {{0, 0}, {1, 0}, {0, 1}};
        cut.setPit(pit);
        QVERIFY(ss->getDefinePair(kCutAwayDefine));
        // Attaching elsewhere moves the uniforms and the define.
        osg::ref_ptr<osg::StateSet> other = new osg::StateSet;
        cut.attach(*other);
        QVERIFY(!ss->getDefinePair(kCutAwayDefine));
        QVERIFY(!ss->getUniform("ct_cutBoxOn"));
        QVERIFY(other->getDefinePair(kCutAwayDefine));
        cut.clear();
        QVERIFY(!other->getDefinePair(kCutAwayDefine));
        cut.setClipBox(ClipBox{{0, 0, 0}, {1, 1, 1}});
        cut.detach(*other);
        QVERIFY(!other->getDefinePair(kCutAwayDefine));
        QVERIFY(!other->getUniform("ct_cutBoxOn"));
    }

    void insideTest_data()
    {
        QTest::addColumn<osg::Vec3d>("p");
        QTest::addColumn<bool>("inBox");
        QTest::addColumn<bool>("inPit");
        QTest::newRow("box centre") << osg::Vec3d(25, 25, 0) << true << false;
        QTest::newRow("box face") << osg::Vec3d(30, 25, 0) << true << false;
        QTest::newRow("above the box") << osg::Vec3d(25, 25, 2.5) << false << false;
        QTest::newRow("below the box") << osg::Vec3d(25, 25, -3.5) << false << false;
        QTest::newRow("pit, long arm") << osg::Vec3d(8, 2, 0) << false << true;
        QTest::newRow("pit, tall arm") << osg::Vec3d(2, 8, 10) << false << true;
        QTest::newRow("pit notch (concave)") << osg::Vec3d(7, 7, 0) << false << false;
        QTest::newRow("pit floor") << osg::Vec3d(2, 2, -6) << false << true;
        QTest::newRow("below the pit floor") << osg::Vec3d(2, 2, -6.5) << false << false;
        QTest::newRow("outside both") << osg::Vec3d(-1, 5, 0) << false << false;
    }

    void insideTest()
    {
        QFETCH(osg::Vec3d, p);
        QFETCH(bool, inBox);
        QFETCH(bool, inPit);
        const ClipBox box{{20, 20, -3}, {30, 30, 2}};
        QCOMPARE(box.contains(p), inBox);
        QCOMPARE(lPit().contains(p), inPit);
        CutAway cut;
        cut.setClipBox(box);
        cut.setPit(lPit());
        QCOMPARE(cut.cuts(p), inBox || inPit);

        // The picker's mirror reads the same state from the uniforms on a node path, and a
        // subgraph with ct_cutApplies false is never cut.
        CityScene scene;
        cut.attach(*scene.root()->getOrCreateStateSet());
        osg::ref_ptr<osg::Node> model = new osg::Node;
        osg::ref_ptr<osg::Node> pipe = new osg::Node;
        scene.setLayerNode(data::LayerId{1}, data::LayerKind::Model, model);
        scene.setLayerNode(data::LayerId{2}, data::LayerKind::Pipes, pipe);
        QCOMPARE(cutAwayOnPath(model->getParentalNodePaths().front(), p), inBox || inPit);
        QVERIFY(!cutAwayOnPath(pipe->getParentalNodePaths().front(), p));
        cut.detach(*scene.root()->getStateSet());
        QVERIFY(!cutAwayOnPath(model->getParentalNodePaths().front(), p)); // no cut-away: nothing cut
    }

    void undergroundKindsAreNeverCut_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("cut");
        QTest::newRow("buildings") << int(data::LayerKind::Buildings) << true;
        QTest::newRow("model") << int(data::LayerKind::Model) << true;
        QTest::newRow("pipes") << int(data::LayerKind::Pipes) << false;
        QTest::newRow("manholes") << int(data::LayerKind::Manholes) << false;
        QTest::newRow("underground spaces") << int(data::LayerKind::UndergroundSpaces) << false;
    }

    void undergroundKindsAreNeverCut()
    {
        QFETCH(int, kind);
        QFETCH(bool, cut);
        CityScene scene;
        scene.setLayerNode(data::LayerId{7}, data::LayerKind(kind), new osg::Node);
        const osg::Uniform* u = scene.layerNode(data::LayerId{7})->getParent(0)->getStateSet()->getUniform(kCutAppliesUniform);
        QVERIFY(u);
        bool applies = !cut;
        QVERIFY(u->get(applies));
        QCOMPARE(applies, cut);
        // The analysis graphics (handles, pit walls) are never cut either.
        QVERIFY(scene.analysisGroup()->getStateSet()->getUniform(kCutAppliesUniform)->get(applies) && !applies);
    }

    void boxFaces()
    {
        const ClipBox box{{0, 0, -4}, {10, 20, 2}};
        QCOMPARE(boxFaceCentre(box, BoxFace::MaxX), osg::Vec3d(10, 10, -1));
        QCOMPARE(boxFaceCentre(box, BoxFace::MinZ), osg::Vec3d(5, 10, -4));
        QCOMPARE(boxFaceNormal(BoxFace::MinY), osg::Vec3d(0, -1, 0));
        QCOMPARE(moveBoxFace(box, BoxFace::MaxX, 3).max, osg::Vec3d(13, 20, 2));
        QCOMPARE(moveBoxFace(box, BoxFace::MinX, 3).min, osg::Vec3d(-3, 0, -4)); // outward is -x
        QCOMPARE(moveBoxFace(box, BoxFace::MaxZ, -100, 0.5).max.z(), -3.5);  // keeps half a metre
        QCOMPARE(moveBoxFace(box, BoxFace::MinY, -100, 0.5).min.y(), 19.5);
        for (BoxFace f : {BoxFace::MinX, BoxFace::MaxX, BoxFace::MinY, BoxFace::MaxY, BoxFace::MinZ, BoxFace::MaxZ})
            QCOMPARE(boxFaceFromNodeName(kClipBoxHandlePrefix + boxFaceName(f)), std::optional(f));
        QVERIFY(!boxFaceFromNodeName("clipBoxEdges"));
    }

    void gizmoHandlesArePickable()
    {
        ClipBoxGizmo gizmo;
        gizmo.setBox({{-10, -10, -5}, {10, 10, 5}});
        QCOMPARE(gizmo.node()->getName(), std::string("clipBox"));
        QCOMPARE(gizmo.node()->getNumChildren(), 7u); // edges + six handles
        QCOMPARE(gizmo.handleSize(), 1.0);
        // Looking straight down at the box: the top handle is under the centre pixel.
        osg::ref_ptr<osg::Camera> camera = new osg::Camera;
        camera->setViewport(0, 0, 200, 200);
        camera->setProjectionMatrixAsPerspective(35, 1, 1, 1000);
        camera->setViewMatrixAsLookAt({0, 0, 100}, {0, 0, 0}, {0, 1, 0});
        std::optional<PickResult> hit = Picker::pick(*camera, gizmo.node(), 100, 100);
        QVERIFY(hit);
        QCOMPARE(boxFaceFromNodeName(hit->nodeName.toStdString()), std::optional(BoxFace::MaxZ));
        QVERIFY(std::abs(hit->point.z - 5.5) < 1e-6); // the top of the top handle
        // The +x handle: 10 m east of the centre, on the image's right.
        const osg::Vec3d w = osg::Vec3d(10, 0, 0.5) * camera->getViewMatrix() * camera->getProjectionMatrix() *
                             camera->getViewport()->computeWindowMatrix();
        hit = Picker::pick(*camera, gizmo.node(), w.x(), 200 - w.y());
        QVERIFY(hit);
        QCOMPARE(boxFaceFromNodeName(hit->nodeName.toStdString()), std::optional(BoxFace::MaxX));
        gizmo.setBox({{0, 0, 0}, {400, 400, 400}});
        QCOMPARE(gizmo.handleSize(), 20.0);
    }

    void pitWalls()
    {
        // A sloping surface: the wall tops follow it, the bottoms sit on the floor.
        const SurfaceHeight surface = [](double x, double) { return 1.0 + 0.1 * x; };
        const ExcavationPit pit = lPit();
        osg::ref_ptr<osg::Group> node = buildExcavationPit(pit, surface);
        QCOMPARE(node->getName(), std::string("excavationPit"));
        osg::Geometry* walls = geometryNamed(node.get(), "pitWalls");
        QVERIFY(walls);
        const auto* v = dynamic_cast<const osg::Vec3Array*>(walls->getVertexArray());
        const auto* c = dynamic_cast<const osg::Vec4Array*>(walls->getColorArray());
        QVERIFY(v && c && v->size() == c->size() && !v->empty());
        double minZ = 1e9;
        std::map<std::pair<int, int>, double> topAt; // column (x, y in cm) -> highest z
        for (const osg::Vec3f& p : *v) {
            minZ = std::min(minZ, double(p.z()));
            QVERIFY2(p.z() <= surface(p.x(), p.y()) + 1e-3, "a wall above the surface");
            auto& top = topAt[{int(std::lround(p.x() * 100)), int(std::lround(p.y() * 100))}];
            top = std::max(top, double(p.z()));
            // Every vertex lies on the ring's outline.
            bool onEdge = false;
            for (size_t e = 0; e < pit.ring.size() && !onEdge; ++e) {
                const osg::Vec2d a = pit.ring[e], b = pit.ring[(e + 1) % pit.ring.size()];
                const osg::Vec2d q(p.x(), p.y());
                const double cross = (b - a).x() * (q - a).y() - (b - a).y() * (q - a).x();
                onEdge = std::abs(cross) < 1e-3 && (q - a) * (b - a) >= -1e-6 && (q - b) * (a - b) >= -1e-6;
            }
            QVERIFY(onEdge);
        }
        QCOMPARE(minZ, pit.bottomZ);
        for (const auto& [xy, top] : topAt)
            QVERIFY2(std::abs(top - surface(xy.first / 100.0, xy.second / 100.0)) < 1e-3, "a wall top off the surface");
        // Columns at most kPitWallStepM apart: the 10 m edge has at least 6 columns.
        int onSouthEdge = 0;
        for (const auto& [xy, top] : topAt)
            onSouthEdge += xy.second == 0 ? 1 : 0;
        QVERIFY(onSouthEdge >= 6);
        // Soil bands by depth: the topsoil colour at the top, a deeper band's at the bottom.
        QVERIFY(pitSoilColour(0.1) != pitSoilColour(1.0));
        QVERIFY(pitSoilColour(6.0) != pitSoilColour(9.0));
        bool topsoil = false, deep = false;
        for (const osg::Vec4f& col : *c) {
            const osg::Vec3f rgb(col.r(), col.g(), col.b());
            for (float shade = 0.8f; shade <= 1.0001f; shade += 0.0001f) {
                topsoil = topsoil || (rgb - pitSoilColour(0.1) * shade).length() < 1e-4f;
                deep = deep || (rgb - pitSoilColour(5.5) * shade).length() < 1e-4f;
            }
        }
        QVERIFY(topsoil && deep);
        osg::Geometry* floor = geometryNamed(node.get(), "pitFloor");
        QVERIFY(floor);
        const auto* fv = dynamic_cast<const osg::Vec3Array*>(floor->getVertexArray());
        QVERIFY(fv && fv->size() == 4 * 3); // six vertices: four triangles
        for (const osg::Vec3f& p : *fv)
            QCOMPARE(double(p.z()), pit.bottomZ);
        // An invalid pit builds nothing.
        QCOMPARE(buildExcavationPit(ExcavationPit{}, surface)->getNumChildren(), 0u);
    }
};

QTEST_MAIN(TestCutAway)
#include "tst_cutaway.moc"
