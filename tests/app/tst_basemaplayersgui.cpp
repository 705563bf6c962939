// Basemap layers in the GUI under Xvfb: Layer → Add Layer… (driven through the dialog), drag & drop
// of files, Remove / Move Up / Move Down reorder the tree, Layer Properties (opacity, vertical
// exaggeration), the tiles indicator, the Tile Statistics overlay and the translated Layer menu.
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

namespace {

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

class TstBasemapLayersGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void addLayerThroughDialog();
    void addLayerDialogShowsSessionError();
    void dropFileAddsLayer();
    void mimeDataSources();
    void removeAndMoveChangeTreeOrder();
    void layerPropertiesSetOpacityAndExaggeration();
    void tileIndicatorFollowsActivity();
    void tileStatisticsOverlay();
    void layerMenuTranslated();

private:
    QTemporaryDir m_dir;
    QString m_demo; //!< pristine small demo
    QString m_demoDir;
};

void TstBasemapLayersGui::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    QVERIFY(m_dir.isValid());
    auto demo = test::prepareSmallDemo(m_dir);
    QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
    m_demo = demo.value();
    m_demoDir = QFileInfo(m_demo).absolutePath();
}

void TstBasemapLayersGui::init()
{
    test::resetServiceSettings(m_dir);
}

void TstBasemapLayersGui::addLayerThroughDialog()
{
    const QString path = test::freshCopyOf(m_demo, QStringLiteral("add"));
    auto w = test::openTestWindow(path, {1000, 680});
    QVERIFY(w);
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
    QTRY_VERIFY_WITH_TIMEOUT(!s->isLoading(), test::kWindowLoadTimeoutMs);
    QCOMPARE(int(s->layerState(added)), int(ProjectSession::LayerState::Ready));
}

void TstBasemapLayersGui::addLayerDialogShowsSessionError()
{
    const QString path = test::freshCopyOf(m_demo, QStringLiteral("adderror"));
    auto w = makeTestWindow();
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

void TstBasemapLayersGui::dropFileAddsLayer()
{
    const QString path = test::freshCopyOf(m_demo, QStringLiteral("drop"));
    auto w = test::openTestWindow(path, {1000, 680});
    QVERIFY(w);
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

void TstBasemapLayersGui::mimeDataSources()
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

void TstBasemapLayersGui::removeAndMoveChangeTreeOrder()
{
    const QString path = test::freshCopyOf(m_demo, QStringLiteral("order"));
    auto w = test::openTestWindow(path, {1000, 680});
    QVERIFY(w);
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

void TstBasemapLayersGui::layerPropertiesSetOpacityAndExaggeration()
{
    const QString path = test::freshCopyOf(m_demo, QStringLiteral("props"));
    auto w = test::openTestWindow(path, {1000, 680});
    QVERIFY(w);
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

void TstBasemapLayersGui::tileIndicatorFollowsActivity()
{
    const QString path = test::freshCopyOf(m_demo, QStringLiteral("tiles"));
    auto w = makeTestWindow();
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
                             test::kWindowLoadTimeoutMs);
    QTRY_VERIFY(indicator->isHidden()); // idle: nothing in flight
    QCOMPARE(indicator->inFlight(), 0);

    // An engine-side change (all tiles reload) asks for frames through the redraw callback alone:
    // no input, no session signal, and the view still refines again.
    scene::TileEngine* engine = s->terrainEngine();
    const long long loaded = engine->stats().loadedTotal;
    const int frames = w->view()->frameCount();
    engine->setVerticalScale(engine->verticalScale() * 2.0);
    QTRY_VERIFY_WITH_TIMEOUT(engine->stats().loadedTotal > loaded && engine->isIdle(), test::kWindowLoadTimeoutMs);
    QVERIFY(w->view()->frameCount() > frames + 1);

    emit s->tileActivity(12);
    QVERIFY(!indicator->isHidden());
    QCOMPARE(indicator->label()->text(), QStringLiteral("Tiles: 12"));
    emit s->tileActivity(0);
    QVERIFY(indicator->isHidden());
}

void TstBasemapLayersGui::tileStatisticsOverlay()
{
    const QString path = test::freshCopyOf(m_demo, QStringLiteral("stats"));
    auto w = makeTestWindow();
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
                             test::kWindowLoadTimeoutMs);
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
    auto next = makeTestWindow();
    QVERIFY(next->tileStatsOverlay()->toggleAction()->isChecked());
    next->tileStatsOverlay()->toggleAction()->trigger();
    QVERIFY(next->tileStatsOverlay()->isHidden());
    QVERIFY(!QSettings().value(QStringLiteral("view/tileStatistics")).toBool());
}

void TstBasemapLayersGui::layerMenuTranslated()
{
    auto w = makeTestWindow();
    // File, View, Layer, Analysis, Help.
    const QList<QAction*> menus = w->menuBar()->actions();
    QCOMPARE(menus.size(), 5);
    QCOMPARE(menus.at(2)->menu(), w->layerMenu());
    QCOMPARE(menus.at(2)->text(), QStringLiteral("&Layer"));
    QVERIFY(!w->layerActions()->addAction()->isEnabled()); // no project
}

QTEST_MAIN(TstBasemapLayersGui)
#include "tst_basemaplayersgui.moc"
