// citytwin-cli render as users run it: a separate process drawing the demo to PNG (home view,
// lon/lat look-at, event lifetimes at two times, layer selection), the Xvfb hint without a
// display, and a project whose files are missing.
#include "CliFixtures.h"
#include "SmallDemo.h"
#include "data/ProjectStore.h"
#include "tests/common/TestPaths.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <cmath>

using namespace citytwin;
using namespace citytwin::test;

namespace {

//! Mean colour of the rows [y0, y1).
QColor meanColour(const QImage& img, int y0, int y1, int x0 = 0, int x1 = -1)
{
    if (x1 < 0)
        x1 = img.width();
    double r = 0, g = 0, b = 0;
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const QColor c = img.pixelColor(x, y);
            r += c.red();
            g += c.green();
            b += c.blue();
            ++n;
        }
    return n ? QColor(int(r / n), int(g / n), int(b / n)) : QColor();
}

int colourDistance(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

} // namespace

class TstCliRender : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void renderHomeView();
    void renderLookAtLonLat();
    void renderFollowsEventLifetime();
    void renderLayerSelection();
    void renderWithoutDisplayExplainsXvfb();
    void projectWithoutItsFiles();

private:
    QTemporaryDir m_dir;
    QString m_project;
};

void TstCliRender::initTestCase()
{
    QVERIFY(QFileInfo(QStringLiteral(CITYTWIN_CLI_PATH)).isExecutable());
    QVERIFY(m_dir.isValid());
    QString why;
    m_project = makeSmallDemoWithCli(m_dir.filePath(QStringLiteral("demo")), &why);
    QVERIFY2(!m_project.isEmpty(), qPrintable(why));
}

void TstCliRender::renderHomeView()
{
    if (!haveDisplay())
        QSKIP("render needs an X display (run the render label under Xvfb)");
    const QString png = test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/cli_home_640x360.png");
    QFile::remove(png);
    const Run r = runCli({QStringLiteral("render"), m_project, QStringLiteral("--view"),
                          QStringLiteral("home"), QStringLiteral("--size"), QStringLiteral("640x360"),
                          QStringLiteral("-o"), png, QStringLiteral("--stats")});
    QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
    // Only kinds without a scene builder in this version (pipes, models, heatmaps) may be reported as not
    // drawn.
    for (const QString& line : r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        QVERIFY2(line.contains(QLatin1String("not available in this version")), qPrintable(show(r)));
    QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("draw calls:\\s+[1-9]"))), qPrintable(show(r)));
    QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("triangles:\\s+[1-9]"))), qPrintable(show(r)));
    QVERIFY(r.out.contains(QLatin1String("first frame:")));

    QImage img(png);
    QVERIFY(!img.isNull());
    QCOMPARE(img.size(), QSize(640, 360));
    QSet<QRgb> colours;
    for (int y = 0; y < img.height(); y += 4)
        for (int x = 0; x < img.width(); x += 4)
            colours.insert(img.pixel(x, y));
    QVERIFY2(colours.size() > 200, qPrintable(QString::number(colours.size())));
    // Sky (the clear colour, light blue) across the top; the ground below is not sky.
    const QColor sky(158, 199, 237);
    const QColor top = meanColour(img, 0, 8);
    const QColor bottom = meanColour(img, img.height() - 60, img.height());
    QVERIFY2(colourDistance(top, sky) < 40, qPrintable(top.name()));
    QVERIFY2(colourDistance(bottom, sky) > 60, qPrintable(bottom.name()));
}

void TstCliRender::renderLookAtLonLat()
{
    if (!haveDisplay())
        QSKIP("render needs an X display (run the render label under Xvfb)");
    const QString png = test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/cli_lookat_lonlat.png");
    QFile::remove(png);
    // Straight down on the demo's centre (lon 121.0, lat 30.7): all ground, no sky.
    const Run r = runCli({QStringLiteral("render"), m_project, QStringLiteral("--look-at"),
                          QStringLiteral("121.0,30.7,0,0,-90,1500"), QStringLiteral("--lonlat"),
                          QStringLiteral("--size"), QStringLiteral("320x200"), QStringLiteral("-o"), png});
    QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
    QImage img(png);
    QCOMPARE(img.size(), QSize(320, 200));
    const QColor sky(158, 199, 237);
    QVERIFY2(colourDistance(meanColour(img, 0, 8), sky) > 40, qPrintable(meanColour(img, 0, 8).name()));
}

void TstCliRender::renderFollowsEventLifetime()
{
    if (!haveDisplay())
        QSKIP("render needs an X display (run the render label under Xvfb)");
    auto store = data::ProjectStore::open(m_project, data::ProjectStore::Mode::ReadOnly);
    QVERIFY(store);
    auto project = (*store)->loadProject();
    auto events = (*store)->events();
    QVERIFY(project && events && !events->empty());
    // A long-lived, closed event that has the place to itself while it lasts.
    const data::Event* chosen = nullptr;
    for (const data::Event& e : *events) {
        if (e.closed == data::kNoTime || e.closed - e.reported < 2 * data::kHourMs)
            continue;
        bool alone = true;
        for (const data::Event& o : *events) {
            if (o.id != e.id &&
                std::hypot(o.position.x - e.position.x, o.position.y - e.position.y) < 120.0 &&
                o.lifetime().intersects({e.reported - data::kHourMs, e.closed + data::kHourMs})) {
                alone = false;
                break;
            }
        }
        if (alone) {
            chosen = &e;
            break;
        }
    }
    QVERIFY(chosen);
    const data::LocalPoint at = project->toLocal(chosen->position);
    const QString lookAt =
        QStringLiteral("%1,%2,%3,0,-89,250").arg(at.x, 0, 'f', 2).arg(at.y, 0, 'f', 2).arg(at.z, 0, 'f', 2);
    auto iso = [](data::TimeMs t) {
        return QDateTime::fromMSecsSinceEpoch(t, QTimeZone::utc()).toString(Qt::ISODateWithMs);
    };
    const std::vector<std::pair<QString, data::TimeMs>> times{
        {QStringLiteral("before"), chosen->reported - 30 * data::kMinuteMs},
        {QStringLiteral("during"), chosen->reported + (chosen->closed - chosen->reported) / 2},
        {QStringLiteral("after"), chosen->closed + 30 * data::kMinuteMs}};
    std::map<QString, QImage> images;
    for (const auto& [name, t] : times) {
        const QString png =
            test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/cli_event_%1.png").arg(name);
        const Run r = runCli({QStringLiteral("render"), m_project, QStringLiteral("--look-at"), lookAt,
                              QStringLiteral("--time"), iso(t), QStringLiteral("--size"),
                              QStringLiteral("200x200"), QStringLiteral("-o"), png});
        QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
        images[name] = QImage(png);
        QCOMPARE(images[name].size(), QSize(200, 200));
    }
    // The marker sits at the image centre only while the event lasts.
    auto centre = [](const QImage& img) { return meanColour(img, 90, 110, 90, 110); };
    const int beforeDuring = colourDistance(centre(images["before"]), centre(images["during"]));
    const int beforeAfter = colourDistance(centre(images["before"]), centre(images["after"]));
    QVERIFY2(beforeDuring > 30, qPrintable(QStringLiteral("before/during differ by %1").arg(beforeDuring)));
    QVERIFY2(
        beforeAfter < beforeDuring / 3,
        qPrintable(QStringLiteral("before/after %1, before/during %2").arg(beforeAfter).arg(beforeDuring)));
}

void TstCliRender::renderLayerSelection()
{
    if (!haveDisplay())
        QSKIP("render needs an X display (run the render label under Xvfb)");
    auto render = [this](const QStringList& extra, const QString& name) {
        const QString png =
            test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/cli_layers_%1.png").arg(name);
        QFile::remove(png);
        QStringList args{QStringLiteral("render"), m_project,
                         QStringLiteral("--view"), QStringLiteral("home"),
                         QStringLiteral("--size"), QStringLiteral("240x135"),
                         QStringLiteral("-o"),     png};
        const Run r = runCli(args + extra);
        if (r.exitCode != 0)
            qWarning().noquote() << show(r);
        return std::pair{r, QImage(png)};
    };
    const auto [allRun, all] = render({}, QStringLiteral("all"));
    const auto [onlyRun, terrainOnly] =
        render({QStringLiteral("--layers"), QStringLiteral("elevation,imagery")}, QStringLiteral("terrain"));
    const auto [hideRun, hidden] =
        render({QStringLiteral("--hide"), QStringLiteral("buildings,events,assets,people")},
               QStringLiteral("hidden"));
    QVERIFY(!all.isNull() && !terrainOnly.isNull() && !hidden.isNull());
    // Only the ground is asked for, so nothing is reported as not drawn.
    QVERIFY2(onlyRun.err.isEmpty(), qPrintable(show(onlyRun)));
    auto differing = [](const QImage& a, const QImage& b) {
        int n = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x)
                n += colourDistance(a.pixelColor(x, y), b.pixelColor(x, y)) > 30 ? 1 : 0;
        return double(n) / (a.width() * a.height());
    };
    QVERIFY2(differing(all, terrainOnly) > 0.05, qPrintable(QString::number(differing(all, terrainOnly))));
    // Showing only the ground or hiding what stands on it comes to the same picture.
    QVERIFY2(differing(terrainOnly, hidden) < 0.01,
             qPrintable(QString::number(differing(terrainOnly, hidden))));
    // The file is untouched: a later plain render shows everything again.
    const auto [againRun, again] = render({}, QStringLiteral("again"));
    QVERIFY(differing(all, again) < 0.001);
}

void TstCliRender::renderWithoutDisplayExplainsXvfb()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    const Run r =
        runCli({QStringLiteral("render"), m_project, QStringLiteral("--view"), QStringLiteral("home"),
                QStringLiteral("-o"), m_dir.filePath(QStringLiteral("nodisplay.png"))},
               env);
    QVERIFY2(r.exitCode == 1, qPrintable(show(r)));
    QVERIFY2(r.err.contains(QLatin1String("xvfb-run")), qPrintable(show(r)));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("nodisplay.png"))));
}

void TstCliRender::projectWithoutItsFiles()
{
    // The project file alone in another folder: its relative sources point at nothing.
    const QString lonely = m_dir.filePath(QStringLiteral("lonely/pinghu.citytwin"));
    QVERIFY(QDir().mkpath(QFileInfo(lonely).absolutePath()));
    QVERIFY(QFile::copy(m_project, lonely));

    const Run info = runCli({QStringLiteral("info"), lonely, QStringLiteral("--json")});
    QVERIFY2(info.exitCode == 0, qPrintable(show(info)));
    const QJsonArray layers =
        QJsonDocument::fromJson(info.out.toUtf8()).object()[QStringLiteral("layers")].toArray();
    QVERIFY(!layers.isEmpty());
    for (const QJsonValue& v : layers) {
        const QJsonObject l = v.toObject();
        const bool inStore = l[QStringLiteral("source")].toString().startsWith(QLatin1String("store:"));
        QCOMPARE(l[QStringLiteral("sourceExists")].toBool(), inStore);
    }
    const Run text = runCli({QStringLiteral("info"), lonely});
    QVERIFY2(text.out.contains(QLatin1String("[MISSING]")), qPrintable(show(text)));

    if (!haveDisplay())
        return;
    // Render goes on with what is there (the events) and names each missing file.
    const QString png = m_dir.filePath(QStringLiteral("lonely.png"));
    const Run r = runCli({QStringLiteral("render"), lonely, QStringLiteral("--view"), QStringLiteral("home"),
                          QStringLiteral("--size"), QStringLiteral("160x90"), QStringLiteral("-o"), png});
    QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
    for (const char* file : {"dem.tif", "buildings.gpkg"})
        QVERIFY2(r.err.contains(QLatin1String(file)), qPrintable(show(r)));
    QVERIFY(QImage(png).size() == QSize(160, 90));
}

QTEST_GUILESS_MAIN(TstCliRender)
#include "tst_clirender.moc"
