// The Inspector on the small demo's manholes and underground spaces under Xvfb: selecting a
// chamber or the utility tunnel highlights it and the dock shows its GPKG attributes, as for a
// pipe; a click on the shaft in a real view picks it.
#include "SmallDemo.h"
#include "app/InspectorController.h"
#include "app/InspectorDock.h"
#include "app/MainWindow.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"
#include "scene/CityScene.h"
#include "tests/app/WindowFixtures.h"

#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <osg/Uniform>

using namespace citytwin;
using app::MainWindow;
using test::highlightId;

class TstFacilityInspector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto demo = test::makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
        QVERIFY2(demo, qPrintable(demo.status().message()));
        m_demo = *demo;
    }

    void manholeAndTunnelShowTheirAttributes()
    {
        auto w = test::openTestWindow(m_demo, {1000, 700});
        QVERIFY(w);
        const data::LayerId manholes = test::firstLayerOf(w->session()->project(), data::LayerKind::Manholes);
        const data::LayerId spaces =
            test::firstLayerOf(w->session()->project(), data::LayerKind::UndergroundSpaces);
        QVERIFY(manholes.isValid() && spaces.isValid());

        QVERIFY(w->inspector()->selectFeature(manholes, 1)); // the first point of manholes.gpkg
        QCOMPARE(highlightId(*w, manholes), 1.0f);
        QTRY_COMPARE_WITH_TIMEOUT(w->inspector()->pendingReads(), 0, 10000);
        app::InspectorDock* dock = w->inspectorDock();
        QVERIFY2(dock->statusText().isEmpty(), qPrintable(dock->statusText()));
        const QString kind = dock->value(QStringLiteral("设施类型")).value_or(QString());
        QVERIFY2(kind == QStringLiteral("检查井") || kind == QStringLiteral("阀门井") ||
                     kind == QStringLiteral("消火栓"),
                 qPrintable(kind));
        QVERIFY(!dock->value(QStringLiteral("name")).value_or(QString()).isEmpty());

        QVERIFY(w->inspector()->selectFeature(spaces, 1)); // the utility tunnel
        QCOMPARE(highlightId(*w, spaces), 1.0f);
        QTRY_COMPARE_WITH_TIMEOUT(w->inspector()->pendingReads(), 0, 10000);
        QCOMPARE(dock->value(QStringLiteral("type")).value_or(QString()), QStringLiteral("综合管廊"));
        QVERIFY(dock->value(QStringLiteral("top_depth")).value_or(QString()).toDouble() > 0.0);
    }

private:
    QTemporaryDir m_dir;
    QString m_demo;
};

QTEST_MAIN(TstFacilityInspector)
#include "tst_facilityinspector.moc"
