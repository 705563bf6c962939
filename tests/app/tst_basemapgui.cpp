// The basemap GUI of issue 4 under Xvfb: Layer → Add Layer… (driven through the dialog), drag & drop
// of files, Remove / Move Up / Move Down reorder the tree, Layer Properties (opacity, vertical
// exaggeration), the service settings round-trip through QSettings (never into the project file),
// the trust prompt for network layers of a project opened from elsewhere, the tiles indicator and
// the Tile Statistics overlay.
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

using namespace citytwin;
using app::MainWindow;
using app::ProjectSession;

namespace {

constexpr int kLoadTimeoutMs = 120000;

std::unique_ptr<MainWindow> makeWindow()
{
    auto w = std::make_unique<MainWindow>();
    w->setUnsavedChangesPolicy(MainWindow::UnsavedChanges::Discard);
    w->setModalErrors(false);
    // No test may wait on a question nobody answers: refuse unless a test says otherwise.
    w->basemap()->setTrustPrompt([](const QStringList&, const QStringList&) { return false; });
    w->resize(1000, 680);
    return w;
}

bool waitLoaded(MainWindow& w)
{
    return QTest::qWaitFor([&] { return w.session() && !w.session()->isLoading(); }, kLoadTimeoutMs);
}

//! Layer ids of GROUP in the order the tree shows them.
std::vector<data::LayerId> treeOrder(MainWindow& w, data::LayerGroup group)
{
    std::vector<data::LayerId> ids;
    app::LayerTreeModel* model = w.layerDock()->model();
    QStandardItem* item = model->groupItem(group);
    for (int row = 0; item && row < item->rowCount(); ++row)
        ids.push_back(model->layerIdAt(item->child(row)->index()));
    return ids;
}

//! Drops MIME on the window as a user would (enter, then drop); true when the drop was accepted.
bool dropOn(QWidget* target, QMimeData* mime)
{
    const QPoint pos = target->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

} // namespace

class TstBasemapGui : public QObject
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
    void addLayerThroughDialog();
    void addLayerDialogShowsSessionError();
    void dropFileAddsLayer();
    void mimeDataSources();
    void removeAndMoveChangeTreeOrder();
    void layerPropertiesSetOpacityAndExaggeration();
    void trustPromptListsHostAndAllowTrusts();
    void trustPromptNotNowAsksOnce();
    void scriptedWindowNeverAsks();
    void tileIndicatorFollowsActivity();
    void tileStatisticsOverlay();
    void layerMenuTranslated();

private:
    QString freshCopy(const QString& name);

    QTemporaryDir m_dir;
    QString m_demo; //!< pristine small demo
    QString m_demoDir;
};

void TstBasemapGui::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    QVERIFY(m_dir.isValid());
    // The user's settings (key, cache, trusted services) stay out of the test and vice versa.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    QSettings().clear();
    auto demo = test::makeSmallDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
    m_demo = demo.value();
    m_demoDir = QFileInfo(m_demo).absolutePath();
}

void TstBasemapGui::init()
{
    QSettings().clear();
    // Fetched tiles go to the test's folder, not the user's cache.
    app::ServiceSettings services;
    services.cacheDir = m_dir.filePath(QStringLiteral("tilecache"));
    services.save();
}

QString TstBasemapGui::freshCopy(const QString& name)
{
    const QString path = m_dir.filePath(QStringLiteral("demo/%1.citytwin").arg(name));
    QFile::remove(path);
    return QFile::copy(m_demo, path) ? path : QString();
}

void TstBasemapGui::settingsRoundTrip()
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
        auto session = app::ProjectSession::open(freshCopy(QStringLiteral("memory")));
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

void TstBasemapGui::settingsStayOutOfProjectFile()
{
    const QString key = QStringLiteral("secret-tk-4f1e9b");
    app::ServiceSettings s;
    s.apiKey = key;
    s.cacheDir = m_dir.filePath(QStringLiteral("cache-b"));
    s.save();
    const QString path = freshCopy(QStringLiteral("keyless"));
    QVERIFY(!path.isEmpty());
    {
        auto w = makeWindow();
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

void TstBasemapGui::clearCacheEmptiesFolder()
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

void TstBasemapGui::trustStoreEntries()
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

void TstBasemapGui::serviceHost_data()
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

void TstBasemapGui::serviceHost()
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

void TstBasemapGui::addLayerThroughDialog()
{
    const QString path = freshCopy(QStringLiteral("add"));
    auto w = makeWindow();
    w->show();
    QVERIFY(w->openProject(path));
    QVERIFY(waitLoaded(*w));
    ProjectSession* s = w->session();
    const size_t before = s->project().layers().size();

    QAction* add = w->layerActions()->addAction();
    QVERIFY(w->layerMenu()->actions().contains(add));
    QVERIFY(add->isEnabled());
    add->trigger();
    auto* dialog = w->findChild<app::AddLayerDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->okButton()->isEnabled()); // no source yet

    const QString tif = QDir(m_demoDir).filePath(QStringLiteral("imagery.tif"));
    QVERIFY(QFileInfo::exists(tif));
    dialog->setSource(tif);
    QCOMPARE(dialog->mode(), app::AddLayerDialog::Mode::File);
    QVERIFY(dialog->okButton()->isEnabled());
    dialog->grab().save(test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/add_layer_dialog.png"));
    // Guessed from the file: a 3-band GeoTIFF is imagery, named after the file.
    QCOMPARE(data::toString(dialog->kind()), data::toString(data::LayerKind::Imagery));
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("imagery"));
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral(" 2"));
    dialog->okButton()->click();
    QTRY_VERIFY(!w->findChild<app::AddLayerDialog*>()); // closed and deleted

    QCOMPARE(s->project().layers().size(), before + 1);
    const data::LayerId added = w->layerDock()->currentLayer();
    QVERIFY(added.isValid());
    const data::LayerSettings* layer = s->project().layer(added);
    QVERIFY(layer);
    QCOMPARE(layer->name, QStringLiteral("imagery 2"));
    QCOMPARE(data::toString(layer->kind), data::toString(data::LayerKind::Imagery));
    QCOMPARE(data::toString(layer->group), data::toString(data::LayerGroup::Basemap));
    // The tree was rebuilt with it, on top of the basemap group (last row: drawn last).
    QCOMPARE(treeOrder(*w, data::LayerGroup::Basemap).back(), added);
    QCOMPARE(w->layerDock()->model()->indexOf(added).data().toString(), QStringLiteral("imagery 2"));
    QVERIFY(s->isModified());
    QTRY_VERIFY_WITH_TIMEOUT(!s->isLoading(), kLoadTimeoutMs);
    QCOMPARE(int(s->layerState(added)), int(ProjectSession::LayerState::Ready));
}

void TstBasemapGui::addLayerDialogShowsSessionError()
{
    const QString path = freshCopy(QStringLiteral("adderror"));
    auto w = makeWindow();
    QVERIFY(w->openProject(path));
    QVERIFY(waitLoaded(*w));
    const size_t before = w->session()->project().layers().size();
    app::AddLayerDialog* dialog = w->layerActions()->openAddLayerDialog();
    QVERIFY(dialog);
    const QString missing = m_dir.filePath(QStringLiteral("no-such-ortho.tif"));
    dialog->setSource(missing);
    dialog->setKind(data::LayerKind::Imagery);
    dialog->accept();
    // Still open, with the session's message naming the file.
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->errorText().contains(QStringLiteral("no-such-ortho.tif")),
             qPrintable(dialog->errorText()));
    QCOMPARE(w->session()->project().layers().size(), before);
    QVERIFY(!dialog->addedLayer().isValid());
    // A service address switches the dialog to the service field.
    dialog->setSource(
        QStringLiteral("https://t0.tianditu.gov.cn/DataServer?T=img_w&x={x}&y={y}&l={z}&tk={tk}"));
    QCOMPARE(dialog->mode(), app::AddLayerDialog::Mode::Service);
    QCOMPARE(data::toString(dialog->layerSettings().kind), data::toString(data::LayerKind::Imagery));
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("t0.tianditu.gov.cn"));
    dialog->reject();
    QCOMPARE(w->session()->project().layers().size(), before);
}

void TstBasemapGui::dropFileAddsLayer()
{
    const QString path = freshCopy(QStringLiteral("drop"));
    auto w = makeWindow();
    w->show();
    QVERIFY(w->openProject(path));
    QVERIFY(waitLoaded(*w));
    ProjectSession* s = w->session();
    const size_t before = s->project().layers().size();

    QMimeData text;
    text.setText(QStringLiteral("just some words"));
    QVERIFY(!dropOn(w.get(), &text)); // prose is not a source

    QMimeData files;
    files.setUrls({QUrl::fromLocalFile(QDir(m_demoDir).filePath(QStringLiteral("dem.tif")))});
    QVERIFY(dropOn(w.get(), &files));
    QCOMPARE(s->project().layers().size(), before + 1);
    const data::LayerId added = w->layerDock()->currentLayer();
    const data::LayerSettings* layer = s->project().layer(added);
    QVERIFY(layer);
    // A one-band float GeoTIFF is guessed as elevation.
    QCOMPARE(data::toString(layer->kind), data::toString(data::LayerKind::Elevation));
    QCOMPARE(layer->name, QStringLiteral("dem"));
    QVERIFY(w->layerDock()->model()->indexOf(added).isValid());

    // A file that cannot be a layer: nothing added, the reason is kept.
    QMimeData bad;
    bad.setUrls({QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("missing.tif")))});
    QVERIFY(dropOn(w.get(), &bad));
    QCOMPARE(s->project().layers().size(), before + 1);
    QCOMPARE(w->layerActions()->lastErrors().size(), 1);
    QVERIFY(w->layerActions()->lastErrors().first().contains(QStringLiteral("missing.tif")));
}

void TstBasemapGui::mimeDataSources()
{
    QMimeData urls;
    urls.setUrls({QUrl(QStringLiteral("http://127.0.0.1:9/{z}/{x}/{y}.png")),
                  QUrl::fromLocalFile(QStringLiteral("/data/ortho.tif"))});
    QCOMPARE(app::LayerActions::sourcesFromMimeData(&urls),
             (QStringList{QStringLiteral("http://127.0.0.1:9/{z}/{x}/{y}.png"),
                          QStringLiteral("/data/ortho.tif")}));
    QMimeData text;
    text.setText(QStringLiteral("https://t0.tianditu.gov.cn/DataServer?T=img_w&x={x}&y={y}&l={z}&tk={tk}\n"
                                "not a source\nfile:///data/dem.tif\n"));
    QCOMPARE(app::LayerActions::sourcesFromMimeData(&text),
             (QStringList{
                 QStringLiteral("https://t0.tianditu.gov.cn/DataServer?T=img_w&x={x}&y={y}&l={z}&tk={tk}"),
                 QStringLiteral("/data/dem.tif")}));
    QMimeData empty;
    QVERIFY(app::LayerActions::sourcesFromMimeData(&empty).isEmpty());
    QVERIFY(app::LayerActions::sourcesFromMimeData(nullptr).isEmpty());
}

void TstBasemapGui::removeAndMoveChangeTreeOrder()
{
    const QString path = freshCopy(QStringLiteral("order"));
    auto w = makeWindow();
    w->show();
    QVERIFY(w->openProject(path));
    QVERIFY(waitLoaded(*w));
    ProjectSession* s = w->session();
    app::LayerActions* actions = w->layerActions();
    // Nothing selected: only Add is possible.
    w->layerDock()->selectLayer({});
    QVERIFY(!actions->removeAction()->isEnabled());
    QVERIFY(!actions->moveUpAction()->isEnabled());

    const std::vector<data::LayerId> start = treeOrder(*w, data::LayerGroup::Basemap);
    QVERIFY2(start.size() >= 2, "the demo has elevation and imagery in the basemap group");
    const data::LayerId first = start.front();
    w->layerDock()->selectLayer(first);
    QVERIFY(!actions->moveUpAction()->isEnabled()); // already the first row
    QVERIFY(actions->moveDownAction()->isEnabled());
    actions->moveDownAction()->trigger();
    std::vector<data::LayerId> now = treeOrder(*w, data::LayerGroup::Basemap);
    QCOMPARE(now.at(1), first);
    QCOMPARE(now.at(0), start.at(1));
    QCOMPARE(w->layerDock()->currentLayer(), first); // the selection follows the layer
    QVERIFY(actions->moveUpAction()->isEnabled());
    QVERIFY(s->isModified());
    actions->moveUpAction()->trigger();
    QVERIFY(treeOrder(*w, data::LayerGroup::Basemap) == start);

    // The same actions sit in the tree's context menu.
    for (QAction* a : {actions->addAction(), actions->removeAction(), actions->moveUpAction(),
                       actions->moveDownAction(), actions->propertiesAction()}) {
        QVERIFY(w->layerMenu()->actions().contains(a));
        QVERIFY(w->layerDock()->contextActions().contains(a));
    }

    const data::LayerId last = start.back();
    w->layerDock()->selectLayer(last);
    QVERIFY(!actions->moveDownAction()->isEnabled());
    const QString name = s->project().layer(last)->name;
    actions->removeAction()->trigger();
    QVERIFY(!s->project().layer(last));
    now = treeOrder(*w, data::LayerGroup::Basemap);
    QCOMPARE(now.size(), start.size() - 1);
    QVERIFY(std::find(now.begin(), now.end(), last) == now.end());
    QVERIFY(!w->layerDock()->model()->indexOf(last).isValid());
    QVERIFY(!w->layerDock()->currentLayer().isValid());
    QVERIFY(!actions->removeAction()->isEnabled());
    Q_UNUSED(name);
}

void TstBasemapGui::layerPropertiesSetOpacityAndExaggeration()
{
    const QString path = freshCopy(QStringLiteral("props"));
    auto w = makeWindow();
    w->show();
    QVERIFY(w->openProject(path));
    QVERIFY(waitLoaded(*w));
    ProjectSession* s = w->session();
    const data::LayerId dem = test::firstLayerOf(s->project(), data::LayerKind::Elevation);
    const data::LayerId imagery = test::firstLayerOf(s->project(), data::LayerKind::Imagery);
    QVERIFY(dem.isValid() && imagery.isValid());

    w->layerDock()->selectLayer(imagery);
    app::LayerPropertiesDialog* dialog = w->layerActions()->openPropertiesDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->verticalScaleSpin()->isEnabled()); // imagery has no heights
    dialog->opacitySpin()->setValue(35);
    QCOMPARE(dialog->opacitySlider()->value(), 35);
    dialog->accept();
    QCOMPARE(s->project().layer(imagery)->opacity, 0.35);
    QTRY_VERIFY(!w->findChild<app::LayerPropertiesDialog*>()); // closed and deleted

    w->layerDock()->selectLayer(dem);
    w->layerActions()->propertiesAction()->trigger();
    dialog = w->findChild<app::LayerPropertiesDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->verticalScaleSpin()->isEnabled());
    QCOMPARE(dialog->verticalScaleSpin()->value(), 1.0);
    dialog->grab().save(test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/layer_properties.png"));
    dialog->verticalScaleSpin()->setValue(2.5);
    dialog->accept();
    QCOMPARE(ProjectSession::layerVerticalScale(*s->project().layer(dem)), 2.5);
    if (scene::TileEngine* engine = s->terrainEngine())
        QCOMPARE(engine->verticalScale(), 2.5);
    QVERIFY(s->isModified());
    QTRY_VERIFY(!w->findChild<app::LayerPropertiesDialog*>());
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

void TstBasemapGui::trustPromptListsHostAndAllowTrusts()
{
    // A project "from elsewhere" with a service layer on a local port nothing listens on.
    const QString path = m_dir.filePath(QStringLiteral("net/allow.citytwin"));
    data::LayerSettings net;
    QVERIFY(makeServiceProject(path, QStringLiteral("http://127.0.0.1:9/{z}/{x}/{y}.png"), net));

    auto w = makeWindow();
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
    auto again = makeWindow();
    QVERIFY(again->openProject(path));
    QVERIFY(waitLoaded(*again));
    QTest::qWait(50);
    QCOMPARE(again->basemap()->promptCount(), 0);
    QVERIFY(again->session()->untrustedLayers().empty());
}

void TstBasemapGui::trustPromptNotNowAsksOnce()
{
    const QString path = m_dir.filePath(QStringLiteral("net/notnow.citytwin"));
    data::LayerSettings net;
    QVERIFY(makeServiceProject(path, QStringLiteral("http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"), net));
    auto w = makeWindow(); // its prompt says "Not now"
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

void TstBasemapGui::scriptedWindowNeverAsks()
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
    auto w = makeWindow();
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

void TstBasemapGui::tileIndicatorFollowsActivity()
{
    const QString path = freshCopy(QStringLiteral("tiles"));
    auto w = makeWindow();
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    app::TileIndicator* indicator = w->tileIndicator();
    QVERIFY(indicator->isHidden());
    QVERIFY(w->openProject(path));
    QVERIFY(waitLoaded(*w));
    ProjectSession* s = w->session();
    // Without any input, the engine's redraw callback keeps frames coming until the view is refined.
    QTRY_VERIFY_WITH_TIMEOUT(s->terrainEngine() && s->terrainEngine()->isIdle() &&
                                 s->terrainEngine()->stats().drawnTiles > 0,
                             kLoadTimeoutMs);
    QTRY_VERIFY(indicator->isHidden()); // idle: nothing in flight
    QCOMPARE(indicator->inFlight(), 0);

    // An engine-side change (all tiles reload) asks for frames through the redraw callback alone:
    // no input, no session signal, and the view still refines again.
    scene::TileEngine* engine = s->terrainEngine();
    const long long loaded = engine->stats().loadedTotal;
    const int frames = w->view()->frameCount();
    engine->setVerticalScale(engine->verticalScale() * 2.0);
    QTRY_VERIFY_WITH_TIMEOUT(engine->stats().loadedTotal > loaded && engine->isIdle(), kLoadTimeoutMs);
    QVERIFY(w->view()->frameCount() > frames + 1);

    emit s->tileActivity(12);
    QVERIFY(!indicator->isHidden());
    QCOMPARE(indicator->label()->text(), QStringLiteral("Tiles: 12"));
    emit s->tileActivity(0);
    QVERIFY(indicator->isHidden());
}

void TstBasemapGui::tileStatisticsOverlay()
{
    const QString path = freshCopy(QStringLiteral("stats"));
    auto w = makeWindow();
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    app::TileStatsOverlay* overlay = w->tileStatsOverlay();
    QAction* toggle = overlay->toggleAction();
    QVERIFY(toggle->isCheckable());
    QVERIFY(!toggle->isChecked());
    QVERIFY(overlay->isHidden());
    bool inViewMenu = false;
    for (QAction* menu : w->menuBar()->actions())
        if (menu->menu() && menu->menu()->actions().contains(toggle))
            inViewMenu = true;
    QVERIFY(inViewMenu);

    QVERIFY(w->openProject(path));
    QVERIFY(waitLoaded(*w));
    toggle->trigger();
    QVERIFY(!overlay->isHidden());
    QVERIFY(QSettings().value(QStringLiteral("view/tileStatistics")).toBool());
    ProjectSession* s = w->session();
    QTRY_VERIFY_WITH_TIMEOUT(s->terrainEngine() && s->terrainEngine()->stats().residentTiles > 0,
                             kLoadTimeoutMs);
    // The timer refreshes the label: it shows the engine's numbers.
    const scene::TileEngine::Stats stats = s->terrainEngine()->stats();
    QTRY_VERIFY(overlay->text().contains(QStringLiteral("resident")));
    QVERIFY(!overlay->text().startsWith(QStringLiteral("Tiles: 0 resident")));
    QVERIFY(stats.loadedTotal > 0);
    QCOMPARE(app::TileStatsOverlay::formatStats(stats).count(QLatin1Char('\n')), 4);
    QVERIFY(app::TileStatsOverlay::formatStats(stats).contains(
        QStringLiteral("Loaded %1").arg(stats.loadedTotal)));
    QCOMPARE(overlay->parentWidget(), static_cast<QWidget*>(w->view()));
    w->grab().save(test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/tile_statistics.png"));

    // Remembered for the next window.
    auto next = makeWindow();
    QVERIFY(next->tileStatsOverlay()->toggleAction()->isChecked());
    next->tileStatsOverlay()->toggleAction()->trigger();
    QVERIFY(next->tileStatsOverlay()->isHidden());
    QVERIFY(!QSettings().value(QStringLiteral("view/tileStatistics")).toBool());
}

void TstBasemapGui::layerMenuTranslated()
{
    auto w = makeWindow();
    // File, View, Layer, Help.
    const QList<QAction*> menus = w->menuBar()->actions();
    QCOMPARE(menus.size(), 4);
    QCOMPARE(menus.at(2)->menu(), w->layerMenu());
    QCOMPARE(menus.at(2)->text(), QStringLiteral("&Layer"));
    QVERIFY(!w->layerActions()->addAction()->isEnabled()); // no project
}

int main(int argc, char** argv)
{
    citytwin::app::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("citytwin-tests"));
    QApplication::setApplicationName(QStringLiteral("tst_basemapgui"));
    TstBasemapGui test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_basemapgui.moc"
