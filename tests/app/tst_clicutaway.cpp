// `citytwin-cli render --clip-box / --pit / --pit-depth` on the small demo (needs an X display:
// xvfb-run -a): the demo's first pipe is hidden by the opaque ground, a clip box around it or an
// excavation pit over it opens the ground (the pit shows soil walls); malformed values are usage
// errors before any loading, and --help documents the options. Images: test-output/cli/cutaway_*.png.
#include "app/ProjectSession.h"
#include "data/PipeMapping.h"
#include "data/Rasters.h"
#include "gis/PipeReader.h"
#include "tests/app/CliFixtures.h"
#include "tests/app/SmallDemo.h"
#include "tests/common/TestPaths.h"

#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace citytwin;
using namespace citytwin::test;

class TstCliCutAway : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void helpDocumentsTheOptions();
    void badValuesAreUsageErrors_data();
    void badValuesAreUsageErrors();
    void clipBoxAndPitShowThePipe();

private:
    QTemporaryDir m_dir;
    QString m_project;
};

void TstCliCutAway::initTestCase()
{
    QVERIFY(QFileInfo(QStringLiteral(CITYTWIN_CLI_PATH)).isExecutable());
    QVERIFY(m_dir.isValid());
    auto demo = makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo, qPrintable(demo.status().message()));
    m_project = *demo;
}

void TstCliCutAway::helpDocumentsTheOptions()
{
    const Run help = runCli({QStringLiteral("render"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char* option : {"--clip-box", "--pit ", "--pit-depth", "XMIN,YMIN,ZMIN,XMAX,YMAX,ZMAX", "local frame"})
        QVERIFY2(help.out.contains(QLatin1String(option)), option);
}

void TstCliCutAway::badValuesAreUsageErrors_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("box of 5") << QStringList{QStringLiteral("--clip-box"), QStringLiteral("0,0,0,1,1")} << "--clip-box";
    QTest::newRow("flat box") << QStringList{QStringLiteral("--clip-box"), QStringLiteral("0,0,0,1,1,0")} << "--clip-box";
    QTest::newRow("box word") << QStringList{QStringLiteral("--clip-box"), QStringLiteral("a,0,0,1,1,1")} << "--clip-box";
    QTest::newRow("pit of 2") << QStringList{QStringLiteral("--pit"), QStringLiteral("0,0 1,1")} << "--pit";
    QTest::newRow("pit point") << QStringList{QStringLiteral("--pit"), QStringLiteral("0,0 1,1 2")} << "--pit";
    QTest::newRow("depth alone") << QStringList{QStringLiteral("--pit-depth"), QStringLiteral("3")} << "--pit-depth";
    QTest::newRow("negative depth") << QStringList{QStringLiteral("--pit"), QStringLiteral("0,0 1,0 1,1"),
                                                   QStringLiteral("--pit-depth"), QStringLiteral("-2")}
                                    << "--pit-depth";
}

void TstCliCutAway::badValuesAreUsageErrors()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    const Run r = runCli(QStringList{QStringLiteral("render"), m_project, QStringLiteral("--look-at"),
                                     QStringLiteral("0,0,0"), QStringLiteral("-o"), m_dir.filePath(QStringLiteral("x.png"))} +
                         extra);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(show(r)));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("x.png"))));
}

void TstCliCutAway::clipBoxAndPitShowThePipe()
{
    if (!haveDisplay())
        QSKIP("no X display for render (run under xvfb-run)");
    auto opened = app::ProjectSession::open(m_project, app::ProjectSession::OpenMode::ReadOnly);
    QVERIFY(opened);
    const data::Project& project = (*opened)->project();
    auto read = gis::readPipes(QFileInfo(m_project).absolutePath() + QStringLiteral("/pipes.gpkg"), project.crs,
                               data::PipeMapping{});
    QVERIFY2(read && !read->pipes.empty(), read ? "no pipes" : qPrintable(read.status().message()));
    const data::PipeLine& pipe = read->pipes.front();
    data::ProjectedPoint mid = pipe.points[pipe.points.size() / 2];
    QVERIFY((*opened)->loadAllBlocking());
    const data::ElevationGrid* dem = (*opened)->terrain();
    QVERIFY(dem);
    const auto groundAt = dem->heightAt(mid.x, mid.y);
    QVERIFY(groundAt);
    if (std::isnan(mid.z)) // depth from its field: the session hangs it under the DEM
        mid.z = *groundAt - pipe.depthM;
    const double x = mid.x - project.origin.x, y = mid.y - project.origin.y, z = mid.z - project.origin.z;
    const double ground = *groundAt - project.origin.z;
    const QString target = QStringLiteral("%1,%2,%3,40,-45,30").arg(x, 0, 'f', 2).arg(y, 0, 'f', 2).arg(z, 0, 'f', 2);
    auto render = [&](const QString& name, const QStringList& extra) {
        const QString png = m_dir.filePath(name + QStringLiteral(".png"));
        const Run r = runCli(QStringList{QStringLiteral("render"), m_project, QStringLiteral("--look-at"), target,
                                         QStringLiteral("--layers"), QStringLiteral("elevation,imagery,pipes"),
                                         QStringLiteral("--size"), QStringLiteral("200x200"), QStringLiteral("-o"), png} +
                             extra);
        QImage image = r.exitCode == 0 ? QImage(png) : QImage();
        if (!image.isNull())
            image.save(testOutputDir(QStringLiteral("cli")) + QStringLiteral("/cutaway_") + name + QStringLiteral(".png"));
        return std::make_pair(r, image);
    };
    auto blueness = [](QRgb c) { return qBlue(c) - qRed(c); };

    const auto [opaqueRun, opaque] = render(QStringLiteral("opaque"), {});
    QVERIFY2(opaqueRun.exitCode == 0, qPrintable(show(opaqueRun)));
    QVERIFY2(blueness(opaque.pixel(100, 100)) < 60, qPrintable(QString::number(opaque.pixel(100, 100), 16)));

    const QString box = QStringLiteral("%1,%2,%3,%4,%5,%6")
                            .arg(x - 6)
                            .arg(y - 6)
                            .arg(z - 3)
                            .arg(x + 6)
                            .arg(y + 6)
                            .arg(ground + 5);
    const auto [boxRun, boxed] = render(QStringLiteral("clip_box"), {QStringLiteral("--clip-box"), box});
    QVERIFY2(boxRun.exitCode == 0, qPrintable(show(boxRun)));
    QVERIFY2(blueness(boxed.pixel(100, 100)) > 100, qPrintable(QString::number(boxed.pixel(100, 100), 16)));

    const QString ring = QStringLiteral("%1,%2 %3,%2 %3,%4 %1,%4").arg(x - 8).arg(y - 8).arg(x + 8).arg(y + 8);
    const auto [pitRun, pit] = render(QStringLiteral("pit"), {QStringLiteral("--pit"), ring, QStringLiteral("--pit-depth"),
                                                              QStringLiteral("6")});
    QVERIFY2(pitRun.exitCode == 0, qPrintable(show(pitRun)));
    QVERIFY2(blueness(pit.pixel(100, 100)) > 100, qPrintable(QString::number(pit.pixel(100, 100), 16)));
    // The pit's walls: soil browns (red over green over blue) that the opaque view has not.
    auto soilPixels = [](const QImage& img) {
        int n = 0;
        for (int py = 0; py < img.height(); py += 2)
            for (int px = 0; px < img.width(); px += 2) {
                const QRgb c = img.pixel(px, py);
                n += qRed(c) > qGreen(c) + 15 && qGreen(c) > qBlue(c) + 10 && qRed(c) > 60 ? 1 : 0;
            }
        return n;
    };
    QVERIFY2(soilPixels(pit) > soilPixels(opaque) + 100,
             qPrintable(QStringLiteral("soil pixels: pit %1, opaque %2").arg(soilPixels(pit)).arg(soilPixels(opaque))));
}

QTEST_MAIN(TstCliCutAway)
#include "tst_clicutaway.moc"
