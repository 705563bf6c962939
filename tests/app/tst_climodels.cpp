// `citytwin-cli layer add` with model files (real public files from ../shared/data, skipped when
// absent): a CityGML building placed on the demo terrain and rendered from above shows its roof;
// a glTF without georeference gets the project origin; bad placements and broken files are
// refused with a message naming them and leave the project file byte-identical.
#include "app/ProjectSession.h"
#include "data/PipeMapping.h"
#include "gis/PipeReader.h"
#include "tests/app/CliFixtures.h"
#include "tests/app/SmallDemo.h"
#include "tests/common/TestPaths.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace citytwin;
using namespace citytwin::test;

class TstCliModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cityGmlAddedPlacedAndRendered();
    void gltfGetsTheProjectOrigin();
    void pipesShowThroughTranslucentGround();
    void pipesAddedFromLines();
    void refusedInputLeavesTheFileAlone_data();
    void refusedInputLeavesTheFileAlone();

private:
    //! A private copy of the demo project for one test.
    QString copyOfDemo(const QString& name);

    QTemporaryDir m_dir;
    QString m_project;
};

void TstCliModels::initTestCase()
{
    QVERIFY(QFileInfo(QStringLiteral(CITYTWIN_CLI_PATH)).isExecutable());
    QVERIFY(m_dir.isValid());
    auto demo = makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_project = *demo;
}

QString TstCliModels::copyOfDemo(const QString& name)
{
    const QString dir = m_dir.filePath(name);
    if (!copyFiles(QFileInfo(m_project).absolutePath(), dir))
        return {};
    return dir + QLatin1Char('/') + QFileInfo(m_project).fileName();
}

void TstCliModels::cityGmlAddedPlacedAndRendered()
{
    const QString gml = sharedDataFile(QStringLiteral("citygml/libcitygml/b1_lod2_cs_w_sem.gml"));
    if (gml.isEmpty())
        QSKIP("shared data absent: citygml/libcitygml");
    const QString project = copyOfDemo(QStringLiteral("citygml"));
    QVERIFY(!project.isEmpty());
    // A 100 × 100 m block with a gable roof 100–150 m up, its corner at the demo centre, on the terrain.
    const Run added = runCli({QStringLiteral("layer"), QStringLiteral("add"), project, gml, QStringLiteral("--placement"),
                              QStringLiteral("121.0,30.7,terrain"), QStringLiteral("--name"), QStringLiteral("Block")});
    QVERIFY2(added.exitCode == 0, qPrintable(show(added)));
    QVERIFY2(added.out.contains(QLatin1String("model")), qPrintable(show(added)));
    const Run info = runCli({QStringLiteral("info"), project, QStringLiteral("--json")});
    QVERIFY2(info.exitCode == 0, qPrintable(show(info)));
    const QJsonObject block = layerNamed(info.out, QStringLiteral("Block"));
    QCOMPARE(block[QStringLiteral("kind")].toString(), QStringLiteral("model"));
    QCOMPARE(block[QStringLiteral("group")].toString(), QStringLiteral("city_models"));

    if (!haveDisplay())
        QSKIP("no X display for the render part (run under xvfb-run)");
    const QString png = m_dir.filePath(QStringLiteral("citygml.png"));
    const Run render = runCli({QStringLiteral("render"), project, QStringLiteral("--look-at"),
                               QStringLiteral("25,50,0,0,-90,700"), QStringLiteral("--size"), QStringLiteral("240x240"),
                               QStringLiteral("-o"), png});
    QVERIFY2(render.exitCode == 0, qPrintable(show(render)));
    QImage image(png);
    QVERIFY(!image.isNull());
    image.save(testOutputDir(QStringLiteral("models")) + QStringLiteral("/cli_citygml.png"));
    // The roof (red-brown) fills the centre; the demo's grey roofs and green/grey ground do not match it.
    const QRgb centre = image.pixel(120, 120);
    QVERIFY2(qRed(centre) > qBlue(centre) + 30 && qRed(centre) > qGreen(centre) + 10,
             qPrintable(QStringLiteral("centre pixel %1").arg(centre, 0, 16)));
    // With the model layer hidden the same pixel is something else.
    const QString hiddenPng = m_dir.filePath(QStringLiteral("citygml-hidden.png"));
    const Run hidden = runCli({QStringLiteral("render"), project, QStringLiteral("--look-at"),
                               QStringLiteral("25,50,0,0,-90,700"), QStringLiteral("--size"), QStringLiteral("240x240"),
                               QStringLiteral("--hide"), QStringLiteral("model"), QStringLiteral("-o"), hiddenPng});
    QVERIFY2(hidden.exitCode == 0, qPrintable(show(hidden)));
    QVERIFY(QImage(hiddenPng).pixel(120, 120) != centre);
}

void TstCliModels::gltfGetsTheProjectOrigin()
{
    const QString glb = sharedDataFile(QStringLiteral("gltf/cesium_houses_cc0/house1-1.glb"));
    if (glb.isEmpty())
        QSKIP("shared data absent: gltf/cesium_houses_cc0");
    const QString project = copyOfDemo(QStringLiteral("gltf"));
    QVERIFY(!project.isEmpty());
    const Run added = runCli({QStringLiteral("layer"), QStringLiteral("add"), project, glb});
    QVERIFY2(added.exitCode == 0, qPrintable(show(added)));
    const Run list = runCli({QStringLiteral("layer"), QStringLiteral("list"), project});
    QVERIFY2(list.out.contains(QLatin1String("house1-1")) && list.out.contains(QLatin1String("model")), qPrintable(show(list)));
}

void TstCliModels::pipesShowThroughTranslucentGround()
{
    if (!haveDisplay())
        QSKIP("no X display for render (run under xvfb-run)");
    // The middle of the demo's first pipe, in the local frame: the view looks straight at it.
    auto opened = app::ProjectSession::open(m_project, app::ProjectSession::OpenMode::ReadOnly);
    QVERIFY(opened);
    const data::Project& project = (*opened)->project();
    auto read = gis::readPipes(QFileInfo(m_project).absolutePath() + QStringLiteral("/pipes.gpkg"), project.crs,
                               data::PipeMapping{});
    QVERIFY2(read && !read->pipes.empty(), read ? "no pipes" : qPrintable(read.status().message()));
    const data::PipeLine& pipe = read->pipes.front();
    data::ProjectedPoint mid = pipe.points[pipe.points.size() / 2];
    if (std::isnan(mid.z)) { // depth from its field: the session hangs it under the DEM
        QVERIFY((*opened)->loadAllBlocking());
        const data::ElevationGrid* dem = (*opened)->terrain();
        QVERIFY(dem);
        const auto ground = dem->heightAt(mid.x, mid.y);
        QVERIFY(ground);
        mid.z = *ground - pipe.depthM;
    }
    const QString target = QStringLiteral("%1,%2,%3,40,-30,25")
                               .arg(mid.x - project.origin.x, 0, 'f', 2)
                               .arg(mid.y - project.origin.y, 0, 'f', 2)
                               .arg(mid.z - project.origin.z, 0, 'f', 2);
    auto render = [&](const QString& name, const QStringList& extra) {
        const QString png = m_dir.filePath(name);
        const Run r = runCli(QStringList{QStringLiteral("render"), m_project, QStringLiteral("--look-at"), target,
                                         QStringLiteral("--layers"), QStringLiteral("elevation,imagery,pipes"),
                                         QStringLiteral("--size"), QStringLiteral("200x200"), QStringLiteral("-o"), png} +
                             extra);
        QImage image = r.exitCode == 0 ? QImage(png) : QImage();
        if (!image.isNull())
            image.save(testOutputDir(QStringLiteral("models")) + QStringLiteral("/cli_") + name);
        return std::make_pair(r, image);
    };
    const auto [seeRun, see] = render(QStringLiteral("pipes_translucent.png"), {QStringLiteral("--ground-opacity"), QStringLiteral("0.3")});
    QVERIFY2(seeRun.exitCode == 0, qPrintable(show(seeRun)));
    const auto [opaqueRun, opaque] = render(QStringLiteral("pipes_opaque.png"), {});
    QVERIFY2(opaqueRun.exitCode == 0, qPrintable(show(opaqueRun)));
    const auto [hiddenRun, hidden] = render(QStringLiteral("pipes_noground.png"), {QStringLiteral("--ground-opacity"), QStringLiteral("0")});
    QVERIFY2(hiddenRun.exitCode == 0, qPrintable(show(hiddenRun)));
    // Sky blue (CJJ 61 water supply) at the centre without ground, towards it through 30 % ground,
    // and only the ground's own colour when the ground is opaque.
    const QRgb bare = hidden.pixel(100, 100), through = see.pixel(100, 100), ground = opaque.pixel(100, 100);
    auto blueness = [](QRgb c) { return qBlue(c) - qRed(c); };
    QVERIFY2(blueness(bare) > 100, qPrintable(QStringLiteral("%1").arg(bare, 0, 16)));
    QVERIFY2(blueness(through) > blueness(ground) + 40,
             qPrintable(QStringLiteral("through %1, opaque %2").arg(through, 0, 16).arg(ground, 0, 16)));
    const Run bad = runCli({QStringLiteral("render"), m_project, QStringLiteral("--look-at"), target,
                            QStringLiteral("--ground-opacity"), QStringLiteral("2"), QStringLiteral("-o"),
                            m_dir.filePath(QStringLiteral("x.png"))});
    QCOMPARE(bad.exitCode, 2);
}

void TstCliModels::pipesAddedFromLines()
{
    const QString project = copyOfDemo(QStringLiteral("pipes"));
    QVERIFY(!project.isEmpty());
    const QString dir = QFileInfo(project).absolutePath();
    const Run added = runCli({QStringLiteral("layer"), QStringLiteral("add"), project, dir + QStringLiteral("/pipes.gpkg"),
                              QStringLiteral("--name"), QStringLiteral("Mains")});
    QVERIFY2(added.exitCode == 0 && added.out.contains(QLatin1String("(pipes)")), qPrintable(show(added)));
    // Polygons forced to pipes: nothing usable, refused, the file untouched.
    const QByteArray before = fileHash(project);
    const Run refused = runCli({QStringLiteral("layer"), QStringLiteral("add"), project, dir + QStringLiteral("/buildings.gpkg"),
                                QStringLiteral("--kind"), QStringLiteral("pipes")});
    QVERIFY2(refused.exitCode == 1 && refused.err.contains(QLatin1String("buildings.gpkg")), qPrintable(show(refused)));
    QCOMPARE(fileHash(project), before);
}

void TstCliModels::refusedInputLeavesTheFileAlone_data()
{
    QTest::addColumn<QString>("kind"); // what to feed
    QTest::addColumn<QString>("expected");
    QTest::newRow("truncated citygml") << "truncated" << "broken.gml";
    QTest::newRow("corrupt glb") << "corrupt-glb" << "broken.glb";
    QTest::newRow("empty ifc") << "empty-ifc" << "empty.ifc";
    QTest::newRow("tileset cycle") << "cycle" << "a.json";
    QTest::newRow("latitude 95") << "bad-placement" << "--placement";
}

void TstCliModels::refusedInputLeavesTheFileAlone()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const QString gml = sharedDataFile(QStringLiteral("citygml/libcitygml/b1_lod2_s.gml"));
    if (gml.isEmpty())
        QSKIP("shared data absent: citygml/libcitygml");
    const QString project = copyOfDemo(QStringLiteral("refused-") + kind);
    QVERIFY(!project.isEmpty());
    const QByteArray before = fileHash(project);
    QTemporaryDir inputs;
    QStringList args{QStringLiteral("layer"), QStringLiteral("add"), project};
    auto write = [&inputs](const QString& name, const QByteArray& bytes) {
        QFile f(inputs.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
        return f.fileName();
    };
    if (kind == QLatin1String("truncated")) {
        QFile in(gml);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        args << write(QStringLiteral("broken.gml"), bytes.left(bytes.size() * 2 / 3)) << QStringLiteral("--placement")
             << QStringLiteral("121,30.7");
    } else if (kind == QLatin1String("corrupt-glb")) {
        args << write(QStringLiteral("broken.glb"), QByteArray("glTF\x02\x00\x00\x00", 8) + QByteArray(40, '\x7f'));
    } else if (kind == QLatin1String("empty-ifc")) {
        args << write(QStringLiteral("empty.ifc"), QByteArray()) << QStringLiteral("--kind") << QStringLiteral("model")
             << QStringLiteral("--placement") << QStringLiteral("121,30.7");
    } else if (kind == QLatin1String("cycle")) {
        const QByteArray box = R"("boundingVolume":{"sphere":[0,0,0,100]},"geometricError":10)";
        write(QStringLiteral("b.json"), R"({"asset":{"version":"1.0"},"geometricError":10,"root":{)" + box +
                                            R"(,"content":{"uri":"a.json"}}})");
        args << write(QStringLiteral("a.json"), R"({"asset":{"version":"1.0"},"geometricError":10,"root":{)" + box +
                                                    R"(,"content":{"uri":"b.json"}}})");
    } else {
        args << gml << QStringLiteral("--placement") << QStringLiteral("121,95");
    }
    const Run run = runCli(args);
    QVERIFY2(run.exitCode != 0, qPrintable(show(run)));
    QVERIFY2(run.err.contains(expected), qPrintable(show(run)));
    QCOMPARE(fileHash(project), before);
}

QTEST_MAIN(TstCliModels)
#include "tst_climodels.moc"
