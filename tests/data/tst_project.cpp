#include "data/Project.h"

#include <QTest>

using namespace citytwin::data;

class TstProject : public QObject
{
    Q_OBJECT

private:
    static LayerSettings layer(const QString& name, LayerKind kind, int order = 0)
    {
        LayerSettings l;
        l.name = name;
        l.kind = kind;
        l.group = defaultGroup(kind);
        l.order = order;
        return l;
    }

private slots:
    void addLayerAssignsIds()
    {
        Project p;
        const LayerId a = p.addLayer(layer("dem", LayerKind::Elevation));
        const LayerId b = p.addLayer(layer("imagery", LayerKind::Imagery));
        QVERIFY(a.isValid());
        QVERIFY(b.isValid());
        QVERIFY(a != b);

        LayerSettings withId = layer("buildings", LayerKind::Buildings);
        withId.id = LayerId{42};
        QCOMPARE(p.addLayer(withId), LayerId{42});
        // A clashing id is replaced, so ids stay unique.
        const LayerId c = p.addLayer(withId);
        QVERIFY(c != LayerId{42});
        QCOMPARE(c, LayerId{43});
        QCOMPARE(p.layers().size(), size_t(4));
    }

    void findAndRemove()
    {
        Project p;
        const LayerId a = p.addLayer(layer("a", LayerKind::Events));
        const LayerId b = p.addLayer(layer("b", LayerKind::People));
        QVERIFY(p.layer(a));
        QCOMPARE(p.layer(a)->name, QStringLiteral("a"));
        p.layer(b)->opacity = 0.25;
        QCOMPARE(std::as_const(p).layer(b)->opacity, 0.25);
        QVERIFY(p.removeLayer(a));
        QVERIFY(!p.removeLayer(a));
        QVERIFY(!p.layer(a));
        QVERIFY(!p.layer(LayerId{999}));
        QCOMPARE(p.layers().size(), size_t(1));
    }

    void drawOrderSortsByGroupThenOrder()
    {
        Project p;
        p.addLayer(layer("events", LayerKind::Events, 0));
        p.addLayer(layer("imagery-top", LayerKind::Imagery, 2));
        p.addLayer(layer("pipes", LayerKind::Pipes, 0));
        p.addLayer(layer("dem", LayerKind::Elevation, 0));
        p.addLayer(layer("imagery-tie", LayerKind::Imagery, 2)); // same group+order: added later, drawn later
        p.addLayer(layer("buildings", LayerKind::Buildings, 1));

        QStringList names;
        for (const LayerSettings& l : p.layersInDrawOrder())
            names << l.name;
        QCOMPARE(names, (QStringList{"dem", "imagery-top", "imagery-tie", "buildings", "pipes", "events"}));
        // The stored order is untouched.
        QCOMPARE(p.layers().front().name, QStringLiteral("events"));
    }

    void viewsAreKeyedByName()
    {
        Project p;
        SavedView v;
        v.name = QStringLiteral("Town hall");
        v.rangeM = 500;
        p.setView(v);
        v.rangeM = 800;
        p.setView(v); // replaces
        SavedView w;
        w.name = QStringLiteral("Harbour");
        p.setView(w);
        QCOMPARE(p.views().size(), size_t(2));
        QVERIFY(p.view(QStringLiteral("Town hall")));
        QCOMPARE(p.view(QStringLiteral("Town hall"))->rangeM, 800.0);
        QVERIFY(p.removeView(QStringLiteral("Town hall")));
        QVERIFY(!p.removeView(QStringLiteral("Town hall")));
        QVERIFY(!p.view(QStringLiteral("Town hall")));
        QCOMPARE(p.views().front().name, QStringLiteral("Harbour"));
    }

    void localFrameRoundTrip_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<double>("z");
        QTest::newRow("origin") << 595804.2829 << 3398141.1227 << 3.5;
        QTest::newRow("offset") << 596804.2829 << 3397141.1227 << -12.0;
    }
    void localFrameRoundTrip()
    {
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(double, z);
        Project p;
        p.origin = {595804.2829, 3398141.1227, 3.5};
        const ProjectedPoint projected{x, y, z};
        const LocalPoint local = p.toLocal(projected);
        QCOMPARE(local.x, x - p.origin.x);
        QCOMPARE(local.y, y - p.origin.y);
        QCOMPARE(local.z, z - p.origin.z);
        QCOMPARE(p.toProjected(local), projected);
    }

    void equality()
    {
        Project a;
        a.name = QStringLiteral("Pinghu");
        a.addLayer(layer("dem", LayerKind::Elevation));
        Project b = a;
        QVERIFY(a == b);
        b.layer(b.layers().front().id)->visible = false;
        QVERIFY(!(a == b));
    }
};

QTEST_APPLESS_MAIN(TstProject)
#include "tst_project.moc"
