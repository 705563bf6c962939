// readIfc on broken, unreferenced, unplaced and large IFC files written by the test: every
// failure is a Status naming the file, a broken line only costs its element, cancel is honoured.

#include "IfcFixtures.h"
#include "IfcModelChecks.h"
#include "gis/IfcReader.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

using namespace citytwin;
using namespace citytwin::test;
using data::Model;
using data::Status;
using gis::ModelReadOptions;

class TestIfcErrors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void noGeoreference();
    void corruptLineIsAWarning();
    void badInput_data();
    void badInput();
    void largeFileAndCancel();

private:
    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        if (!writeText(path, bytes))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QTemporaryDir m_dir;
};

void TestIfcErrors::noGeoreference()
{
    IfcFileSpec spec;
    spec.walls = {IfcWallSpec{}};
    const QString path = write("local.ifc", makeIfc(spec).toLatin1());
    auto result = gis::readIfc(path, ModelReadOptions{});
    QVERIFY(!result);
    QVERIFY2(result.status().message().startsWith("local.ifc: no georeference"),
             qPrintable(result.status().message()));
    QVERIFY(result.status().message().contains("give a placement"));
}

void TestIfcErrors::corruptLineIsAWarning()
{
    IfcFileSpec spec;
    // Wall 1's line is garbled; wall 3 lies 5,000 km away (a mangled number): both are dropped.
    spec.walls = {IfcWallSpec{0, 0, 0}, IfcWallSpec{0, 5, 0}, IfcWallSpec{0, 10, 0},
                  IfcWallSpec{5.0e6, 0, 0}};
    spec.corruptWall = 1;
    const QString path = write("onebadline.ifc", makeIfc(spec).toLatin1());
    ModelReadOptions options;
    options.placement = pinghu();
    auto result = gis::readIfc(path, options);
    QVERIFY2(result, qPrintable(result.status().message()));
    QCOMPARE(countFeatures(*result, {"IfcWall"}), 2);
    QVERIFY2(result->warnings.join('\n').contains("#119"), qPrintable(result->warnings.join('\n')));
    QVERIFY2(result->warnings.join('\n').contains("IfcWall 1W00000000000000000003: coordinates beyond"),
             qPrintable(result->warnings.join('\n')));
    QCOMPARE(result->skippedElements, 1);
    QVERIFY(result->boundsMax.x - result->boundsMin.x < 10.0);
}

void TestIfcErrors::badInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    IfcFileSpec spec;
    spec.walls = {IfcWallSpec{}, IfcWallSpec{0, 5, 0}};
    const QByteArray good = makeIfc(spec).toLatin1();
    QTest::newRow("empty") << QByteArray() << "empty file";
    QTest::newRow("text") << QByteArray("just some notes\nnothing to see\n") << "not an IFC file";
    QTest::newRow("truncated") << good.left(good.size() / 2) << "truncated";
    QByteArray garbled = good;
    garbled.replace("=IFC", "=XQZ");
    QTest::newRow("every entity garbled") << garbled << "no IFC entities";
    QTest::newRow("no products") << makeIfc(IfcFileSpec{}).toLatin1() << "no elements";
    QByteArray step = good;
    step.replace("FILE_SCHEMA(('IFC4'))", "FILE_SCHEMA(('AUTOMOTIVE_DESIGN'))");
    QTest::newRow("other STEP schema") << step << "is not IFC";
}

void TestIfcErrors::badInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const QString name = QStringLiteral("bad-%1.ifc").arg(QTest::currentDataTag()).replace(' ', '_');
    const QString path = write(name, bytes);
    ModelReadOptions options;
    options.placement = pinghu();
    auto result = gis::readIfc(path, options);
    QVERIFY(!result);
    QVERIFY2(result.status().message().startsWith(name + ": "), qPrintable(result.status().message()));
    QVERIFY2(result.status().message().contains(expected), qPrintable(result.status().message()));
    auto missing = gis::readIfc(m_dir.filePath("missing.ifc"), options);
    QCOMPARE(missing.status().code(), Status::Code::NotFound);
}

void TestIfcErrors::largeFileAndCancel()
{
    IfcFileSpec spec;
    for (int i = 0; i < 5000; ++i)
        spec.walls.push_back(IfcWallSpec{double(i % 100) * 5.0, double(i / 100) * 5.0, 0.0});
    const QString path = write("large.ifc", makeIfc(spec).toLatin1());
    ModelReadOptions options;
    options.placement = pinghu();
    QElapsedTimer timer;
    timer.start();
    double last = -1;
    bool monotonic = true;
    options.progress = [&](double f) {
        monotonic = monotonic && f >= last;
        last = f;
    };
    auto full = gis::readIfc(path, options);
    const qint64 fullMs = timer.elapsed();
    QVERIFY2(full, qPrintable(full.status().message()));
    QCOMPARE(countFeatures(*full, {"IfcWall"}), 5000);
    QCOMPARE(full->meshes.size(), size_t(5000));
    QVERIFY(monotonic);
    QCOMPARE(last, 1.0);

    // Cancel while parsing, then while converting: the reader stops soon after either.
    for (const double at : {0.05, 0.3}) {
        options.cancel = data::CancelToken::create();
        options.progress = [&options, at](double f) {
            if (f > at)
                options.cancel.cancel();
        };
        timer.restart();
        auto cancelled = gis::readIfc(path, options);
        const qint64 cancelMs = timer.elapsed();
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.status().code(), Status::Code::Cancelled);
        qInfo("5000 walls: full read %lld ms, cancelled at %.2f after %lld ms", fullMs, at, cancelMs);
        QVERIFY(cancelMs < fullMs);
    }
}

QTEST_GUILESS_MAIN(TestIfcErrors)
#include "tst_ifcerrors.moc"
