// The basemap's settings and trust under Xvfb: the service settings round-trip through QSettings
// (never into the project file), clearing the tile cache, the trust store and service hosts, and
// the trust prompt for network layers of a project opened from elsewhere.
#include "SmallDemo.h"
#include "app/AddLayerDialog.h"
#include "app/BasemapController.h"
#include "app/LayerActions.h"
#include "app/LayerPropertiesDialog.h"
#include "app/LayerTreeDock.h"
#include "app/LayerTreeModel.h"
#include "app/MainWindow.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectDocument.h"
#include "app/ProjectSession.h"
#include "app/ServiceSettings.h"
#include "app/SettingsDialog.h"
#include "app/SurfaceFormat.h"
#include "app/TileIndicator.h"
#include "app/TileStatsOverlay.h"
#include "app/TrustStore.h"
#include "tests/common/TestPaths.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <memory>

#include "tests/app/WindowFixtures.h"

using namespace citytwin;
using app::MainWindow;
using app::ProjectSession;
using test::makeTestWindow;
using test::waitLoaded;

class TstBasemapSettings : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void settingsRoundTrip();
    void settingsStayOutOfProjectFile();
    void clearCacheEmptiesFolder();
    void trustStoreEntries();
    void serviceHost_data();
    void serviceHost();
    void trustPromptListsHostAndAllowTrusts();
    void trustPromptNotNowAsksOnce();
    void scriptedWindowNeverAsks();

private:
    QTemporaryDir m_dir;
    QString m_demo; //!< pristine small demo
    QString m_demoDir;
};

void TstBasemapSettings::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    QVERIFY(m_dir.isValid());
    auto demo = test::prepareSmallDemo(m_dir);
    QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
    m_demo = demo.value();
    m_demoDir = QFileInfo(m_demo).absolutePath();
}

void TstBasemapSettings::init()
{
    test::resetServiceSettings(m_dir);
}

void TstBasemapSettings::settingsRoundTrip()
{
    QSettings().clear();
    const app::ServiceSettings defaults = app::ServiceSettings::load();
    QVERIFY(defaults.apiKey.isEmpty());
    QVERIFY(defaults.cacheDir.isEmpty());
    QCOMPARE(defaults.cacheMaxMiB, app::ServiceSettings::kDefaultCacheMiB);
    QVERIFY(defaults.effectiveCacheDir().endsWith(QStringLiteral("/tiles")));
    QCOMPARE(defaults.effectiveCacheDir(), app::ServiceSettings::defaultCacheDir());

    const QString cacheDir = m_dir.filePath(QStringLiteral("cache-a"));
    {
        app::SettingsDialog dialog;
        QCOMPARE(dialog.settings(), defaults);
        dialog.apiKeyEdit()->setText(QStringLiteral("  0123abcd  "));
        dialog.cacheDirEdit()->setText(cacheDir);
        dialog.cacheSizeSpin()->setValue(2048);
        dialog.tileMemorySpin()->setValue(1024);
        dialog.grab().save(test::testOutputDir(QStringLiteral("app")) +
                           QStringLiteral("/settings_dialog.png"));
        dialog.accept();
    }
    const app::ServiceSettings saved = app::ServiceSettings::load();
    QCOMPARE(saved.apiKey, QStringLiteral("0123abcd"));
    QCOMPARE(saved.cacheDir, QDir::cleanPath(cacheDir));
    QCOMPARE(saved.cacheMaxMiB, qint64(2048));
    QCOMPARE(saved.cacheMaxBytes(), qint64(2048) << 20);
    QCOMPARE(saved.tileMemoryMiB, qint64(1024));
    {
        auto session = app::ProjectSession::open(test::freshCopyOf(m_demo, QStringLiteral("memory")));
        QVERIFY2(session, qPrintable(session.status().message()));
        saved.applyTo(**session);
        QCOMPARE((*session)->tileMemoryBudget(), std::size_t(1024) << 20);
    }
    QCOMPARE(QSettings().value(QStringLiteral("services/apiKey")).toString(), QStringLiteral("0123abcd"));
    // A new dialog shows what is stored; Cancel changes nothing.
    {
        app::SettingsDialog dialog;
        QCOMPARE(dialog.settings(), saved);
        dialog.apiKeyEdit()->clear();
        dialog.reject();
    }
    QCOMPARE(app::ServiceSettings::load(), saved);
    // The default folder is stored as "the default"; nonsense sizes are clamped.
    app::ServiceSettings s = saved;
    s.cacheDir = app::ServiceSettings::defaultCacheDir();
    s.apiKey.clear();
    s.save();
    QVERIFY(!QSettings().contains(QStringLiteral("services/cacheDir")));
    QVERIFY(!QSettings().contains(QStringLiteral("services/apiKey")));
    QSettings().setValue(QStringLiteral("services/cacheMaxMiB"), 1);
    QCOMPARE(app::ServiceSettings::load().cacheMaxMiB, app::ServiceSettings::kMinCacheMiB);
    QSettings().setValue(QStringLiteral("services/cacheMaxMiB"), QStringLiteral("lots"));
    QCOMPARE(app::ServiceSettings::load().cacheMaxMiB, app::ServiceSettings::kDefaultCacheMiB);
}

void TstBasemapSettings::settingsStayOutOfProjectFile()
{
    const QString key = QStringLiteral("secret-tk-4f1e9b");
    app::ServiceSettings s;
    s.apiKey = key;
    s.cacheDir = m_dir.filePath(QStringLiteral("cache-b"));
    s.save();
    const QString path = test::freshCopyOf(m_demo, QStringLiteral("keyless"));
    QVERIFY(!path.isEmpty());
    {
        auto w = makeTestWindow();
        QVERIFY(w->openProject(path));
        QVERIFY(waitLoaded(*w));
        // An edit, so that Save really writes the project.
        const data::LayerId buildings =
            test::firstLayerOf(w->session()->project(), data::LayerKind::Buildings);
        w->session()->setLayerOpacity(buildings, 0.5);
        QVERIFY2(w->save(), qPrintable(w->lastError()));
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.isEmpty());
    QVERIFY2(!bytes.contains(key.toUtf8()), "the API key was written into the project file");
}

void TstBasemapSettings::clearCacheEmptiesFolder()
{
    const QString cacheDir = m_dir.filePath(QStringLiteral("cache-c"));
    QVERIFY(QDir().mkpath(cacheDir + QStringLiteral("/host/12/3")));
    for (int i = 0; i < 3; ++i) {
        QFile tile(cacheDir + QStringLiteral("/host/12/3/%1.png").arg(i));
        QVERIFY(tile.open(QIODevice::WriteOnly));
        tile.write(QByteArray(100 * 1024, 'x'));
    }
    QCOMPARE(app::ServiceSettings::diskUsage(cacheDir), qint64(300 * 1024));
    app::SettingsDialog dialog;
    dialog.cacheDirEdit()->setText(cacheDir);
    dialog.cacheDirEdit()->editingFinished();
    QCOMPARE(dialog.cacheUsageLabel()->text(), QStringLiteral("0.3 MiB"));
    dialog.clearCacheButton()->click();
    QCOMPARE(app::ServiceSettings::diskUsage(cacheDir), qint64(0));
    QCOMPARE(dialog.cacheUsageLabel()->text(), QStringLiteral("0.0 MiB"));
}

void TstBasemapSettings::trustStoreEntries()
{
    const QString a =
        QStringLiteral("https://t0.tianditu.gov.cn/DataServer?T=img_w&x={x}&y={y}&l={z}&tk={tk}");
    const QString b = QStringLiteral("http://127.0.0.1:8080/{z}/{x}/{y}.png");
    QVERIFY(!app::TrustStore::isTrusted(a));
    app::TrustStore::trust({a, QStringLiteral("  "), a});
    QVERIFY(app::TrustStore::isTrusted(a));
    QVERIFY(app::TrustStore::isTrusted(QStringLiteral(" ") + a)); // stored trimmed
    QVERIFY(!app::TrustStore::isTrusted(b));
    // Exact sources, not hosts: another path on the same host is not trusted.
    QVERIFY(!app::TrustStore::isTrusted(QStringLiteral("https://t0.tianditu.gov.cn/other")));
    app::TrustStore::trust({b});
    QCOMPARE(app::TrustStore::trustedUris(), (QStringList{a, b}));
    QVERIFY(app::TrustStore::policy()(b));

    // The settings dialog lists them and can forget one (on OK).
    app::SettingsDialog dialog;
    QCOMPARE(dialog.trustedList()->count(), 2);
    dialog.trustedList()->setCurrentRow(0);
    QVERIFY(dialog.forgetButton()->isEnabled());
    dialog.forgetButton()->click();
    QCOMPARE(dialog.trustedList()->count(), 1);
    QVERIFY(app::TrustStore::isTrusted(a)); // not before OK
    dialog.accept();
    QVERIFY(!app::TrustStore::isTrusted(a));
    QVERIFY(app::TrustStore::isTrusted(b));
    app::TrustStore::clear();
    QVERIFY(app::TrustStore::trustedUris().isEmpty());

    // Services are remembered as written, local descriptions by absolute path.
    QCOMPARE(app::TrustStore::sourceKey(QStringLiteral(" ") + b, QStringLiteral("/p")), b);
    QCOMPARE(app::TrustStore::sourceKey(QStringLiteral("svc/../wms.xml"), QStringLiteral("/p/q")),
             QStringLiteral("/p/q/wms.xml"));
    QCOMPARE(app::TrustStore::sourceKey(QStringLiteral("/abs/wms.xml"), QStringLiteral("/p")),
             QStringLiteral("/abs/wms.xml"));
}

void TstBasemapSettings::serviceHost_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("host");
    QTest::newRow("xyz") << "https://t0.tianditu.gov.cn/DataServer?T=img_w&x={x}&y={y}&l={z}&tk={tk}"
                         << "t0.tianditu.gov.cn";
    QTest::newRow("port+user") << "http://me:pw@127.0.0.1:8080/{z}/{x}/{y}.png"
                               << "127.0.0.1";
    QTest::newRow("wmts prefix") << "WMTS:https://tiles.example.org/wmts/1.0.0/WMTSCapabilities.xml,layer=img"
                                 << "tiles.example.org";
    QTest::newRow("wms description") << "wms.xml"
                                     << "map.example.net";
    QTest::newRow("no host") << "/data/ortho.tif"
                             << "/data/ortho.tif";
}

void TstBasemapSettings::serviceHost()
{
    QFETCH(QString, uri);
    QFETCH(QString, host);
    QFile xml(m_dir.filePath(QStringLiteral("wms.xml")));
    QVERIFY(xml.open(QIODevice::WriteOnly));
    xml.write("<GDAL_WMS><Service name=\"TMS\"><ServerUrl>https://map.example.net/tiles/${z}/${x}/${y}.png"
              "</ServerUrl></Service></GDAL_WMS>");
    xml.close();
    QCOMPARE(app::TrustStore::serviceHost(uri, m_dir.path()), host);
}

namespace {

//! A project "from elsewhere" at PATH with one imagery layer on service URI (NET gets the layer).
bool makeServiceProject(const QString& path, const QString& uri, data::LayerSettings& net)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    auto project = app::ProjectDocument::emptyProject(path);
    if (!project)
        return false;
    net.name = QStringLiteral("web basemap");
    net.kind = data::LayerKind::Imagery;
    net.sourceUri = uri;
    project->addLayer(net);
    auto created = ProjectSession::create(path, project.value());
    if (!created)
        qWarning() << created.status().message();
    return created.isOk();
}

} // namespace

void TstBasemapSettings::trustPromptListsHostAndAllowTrusts()
{
    // A project "from elsewhere" with a service layer on a local port nothing listens on.
    const QString path = m_dir.filePath(QStringLiteral("net/allow.citytwin"));
    data::LayerSettings net;
    QVERIFY(makeServiceProject(path, QStringLiteral("http://127.0.0.1:9/{z}/{x}/{y}.png"), net));

    auto w = makeTestWindow();
    QStringList shownHosts, shownUris;
    w->basemap()->setTrustPrompt([&](const QStringList& hosts, const QStringList& uris) {
        shownHosts = hosts;
        shownUris = uris;
        return true;
    });
    QVERIFY(w->openProject(path));
    QTRY_COMPARE(w->basemap()->promptCount(), 1);
    QCOMPARE(shownHosts, QStringList{QStringLiteral("127.0.0.1")});
    QCOMPARE(shownUris, QStringList{net.sourceUri});
    QVERIFY(app::TrustStore::isTrusted(net.sourceUri));
    QVERIFY(w->session()->untrustedLayers().empty());
    QVERIFY(waitLoaded(*w));
    QCOMPARE(w->basemap()->promptCount(), 1); // once

    // Next time the project opens it is trusted already: no question.
    auto again = makeTestWindow();
    QVERIFY(again->openProject(path));
    QVERIFY(waitLoaded(*again));
    QTest::qWait(50);
    QCOMPARE(again->basemap()->promptCount(), 0);
    QVERIFY(again->session()->untrustedLayers().empty());
}

void TstBasemapSettings::trustPromptNotNowAsksOnce()
{
    const QString path = m_dir.filePath(QStringLiteral("net/notnow.citytwin"));
    data::LayerSettings net;
    QVERIFY(makeServiceProject(path, QStringLiteral("http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"), net));
    auto w = makeTestWindow(); // its prompt says "Not now"
    QVERIFY(w->openProject(path));
    QTRY_COMPARE(w->basemap()->promptCount(), 1);
    QVERIFY(waitLoaded(*w));
    QTest::qWait(50);
    QCOMPARE(w->basemap()->promptCount(), 1);
    QVERIFY(!app::TrustStore::isTrusted(net.sourceUri));
    QCOMPARE(w->session()->untrustedLayers().size(), size_t(1));

    // Later, Layer → Allow Network Access trusts the selected layer after all.
    const data::LayerId id = w->session()->untrustedLayers().front();
    QAction* trust = w->layerActions()->trustAction();
    QVERIFY(w->layerMenu()->actions().contains(trust));
    w->layerDock()->selectLayer({});
    QVERIFY(!trust->isEnabled());
    w->layerDock()->selectLayer(id);
    QVERIFY(trust->isEnabled());
    trust->trigger();
    QVERIFY(app::TrustStore::isTrusted(net.sourceUri));
    QVERIFY(w->session()->untrustedLayers().empty());
    QVERIFY(!trust->isEnabled());
    QVERIFY(waitLoaded(*w));
}

void TstBasemapSettings::scriptedWindowNeverAsks()
{
    const QString path = m_dir.filePath(QStringLiteral("net/scripted.citytwin"));
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    auto project = app::ProjectDocument::emptyProject(path);
    QVERIFY(project.isOk());
    data::LayerSettings net;
    net.name = QStringLiteral("web basemap");
    net.kind = data::LayerKind::Imagery;
    net.sourceUri = QStringLiteral("http://127.0.0.1:9/scripted/{z}/{x}/{y}.png");
    const data::LayerId id = project->addLayer(net);
    {
        auto created = ProjectSession::create(path, project.value());
        QVERIFY2(created.isOk(), qPrintable(created.status().message()));
    }
    // No injected answer: a window without modal dialogs (--screenshot, scripts) must not block
    // on the question; it answers "Not now" by itself.
    auto w = makeTestWindow();
    w->basemap()->setTrustPrompt({});
    QVERIFY(w->openProject(path));
    QTRY_COMPARE(w->basemap()->promptCount(), 1);
    QVERIFY(waitLoaded(*w));
    QVERIFY(!app::TrustStore::isTrusted(net.sourceUri));
    QCOMPARE(w->session()->untrustedLayers().size(), size_t(1));
    // The tree names the service's host for it.
    const QString tip = w->layerDock()->model()->indexOf(id).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("127.0.0.1")), qPrintable(tip));
}

QTEST_MAIN(TstBasemapSettings)
#include "tst_basemapsettings.moc"
