// File → Import… end to end on a copy of the small demo (no 3D view, so any Qt platform does):
// the controller previews a CSV, opens the mapping dialog without blocking, imports on a worker
// with its own store connection and shows the report; the imported kind's layer reloads (or is
// added when the project has none) and imported() carries the time range for the clock. A
// cancelled import and a file that cannot be read leave the store as it was.
#include "SessionFixtures.h"
#include "SmallDemo.h"
#include "app/ImportController.h"
#include "app/ImportDialog.h"
#include "app/ImportReportDialog.h"
#include "app/ProjectSession.h"
#include "data/ProjectStore.h"
#include "gis/GdalEnvironment.h"
#include "scene/AssetAlarmLayer.h"
#include "tests/common/TestPaths.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QProgressDialog>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace citytwin;
using app::ImportController;
using data::OverlayKind;
namespace col = data::column;

Q_DECLARE_METATYPE(citytwin::data::OverlayKind)
Q_DECLARE_METATYPE(citytwin::data::TimeRange)

namespace {

constexpr int kImportTimeoutMs = 120000;

data::ProjectStore::Counts countsOf(const QString& projectPath)
{
    auto store = data::ProjectStore::open(projectPath, data::ProjectStore::Mode::ReadOnly);
    if (!store)
        qFatal("cannot open %s: %s", qPrintable(projectPath), qPrintable(store.status().message()));
    auto counts = (*store)->counts();
    return counts ? *counts : data::ProjectStore::Counts{};
}

bool sameCounts(const data::ProjectStore::Counts& a, const data::ProjectStore::Counts& b)
{
    return a.people == b.people && a.trackPoints == b.trackPoints && a.events == b.events &&
           a.assets == b.assets && a.sensorReadings == b.sensorReadings;
}

data::TimeMs utc(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

} // namespace

class TstImportGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void canImport_data();
    void canImport();
    void importsEventsThroughDialog();
    void importAddsMissingLayer();
    void thresholdsReachTheAssetLayer();
    void cancelWritesNothing();
    void unreadableFileChangesNothing_data();
    void unreadableFileChangesNothing();
    void failingImportNamesFile();
    void readOnlyProjectRefuses();

private:
    QString write(const QString& name, const QByteArray& text);
    //! Waits for the controller's finished() and the reload it started.
    bool waitFinished(QSignalSpy& finished);

    QTemporaryDir m_dir;
    QString m_demoDir;
    QString m_projectPath;
    std::unique_ptr<test::ProjectSession> m_session;
    std::unique_ptr<ImportController> m_controller;
    int m_case = 0;
};

void TstImportGui::initTestCase()
{
    qRegisterMetaType<data::OverlayKind>();
    qRegisterMetaType<data::TimeRange>();
    QVERIFY(m_dir.isValid());
    gis::ensureGdalRegistered();
    m_demoDir = m_dir.filePath(QStringLiteral("demo"));
    auto project = test::makeSmallDemo(m_demoDir);
    QVERIFY2(project, qPrintable(project.status().message()));
    m_projectPath = QDir(m_demoDir).relativeFilePath(*project);
}

void TstImportGui::init()
{
    // Each case imports into a fresh copy of the demo.
    const QString dir = m_dir.filePath(QStringLiteral("case%1").arg(++m_case));
    QVERIFY(test::copyFolder(m_demoDir, dir));
    auto session = test::ProjectSession::open(QDir(dir).filePath(m_projectPath));
    QVERIFY2(session, qPrintable(session.status().message()));
    m_session = std::move(session).value();
    m_session->startLoading();
    QVERIFY(test::waitLoaded(*m_session));
    m_controller = std::make_unique<ImportController>(nullptr);
    QVERIFY(!m_controller->importAction()->isEnabled());
    m_controller->setSession(m_session.get());
    QVERIFY(m_controller->importAction()->isEnabled());
    QSettings().clear();
}

void TstImportGui::cleanup()
{
    m_controller.reset();
    m_session.reset();
}

QString TstImportGui::write(const QString& name, const QByteArray& text)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
        return {};
    return path;
}

bool TstImportGui::waitFinished(QSignalSpy& finished)
{
    if (finished.isEmpty() && !finished.wait(kImportTimeoutMs))
        return false;
    return test::waitLoaded(*m_session);
}

void TstImportGui::canImport_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("expected");
    QTest::newRow("csv") << "a.csv" << QByteArray("id,lon,lat\n1,121,30.7\n") << true;
    QTest::newRow("tsv") << "a.tsv" << QByteArray("id\tlon\tlat\n1\t121\t30.7\n") << true;
    QTest::newRow("points") << "p.geojson"
                            << QByteArray(R"({"type":"FeatureCollection","features":[{"type":"Feature",
                               "properties":{"id":1},"geometry":{"type":"Point","coordinates":[121.0,30.7]}}]})")
                            << true;
    QTest::newRow("polygons") << "b.geojson"
                              << QByteArray(R"({"type":"FeatureCollection","features":[{"type":"Feature",
                                 "properties":{"height":10},"geometry":{"type":"Polygon","coordinates":
                                 [[[121.0,30.7],[121.001,30.7],[121.001,30.701],[121.0,30.7]]]}}]})")
                              << false;
    QTest::newRow("raster") << "dem.tif" << QByteArray("II*\0") << false;
}

void TstImportGui::canImport()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(bool, expected);
    QCOMPARE(m_controller->canImport(write(name, content)), expected);
}

void TstImportGui::importsEventsThroughDialog()
{
    const QString path = write(QStringLiteral("incidents.csv"),
                               "event_id,category,severity,reported,closed,longitude,latitude\n"
                               "900001,fire,3,2026-11-27T00:30:00Z,2026-11-27T02:00:00Z,121.010,30.700\n"
                               "900002,flood,2,2026-11-27T01:00:00Z,2026-11-27T05:00:00Z,121.012,30.702\n"
                               "900003,traffic,1,not a time,,121.014,30.704\n"
                               "900004,traffic,1,2026-11-28T06:00:00Z,2026-11-28T07:00:00Z,121.016,30.706\n");
    const QString project = m_session->store().path();
    const data::ProjectStore::Counts before = countsOf(project);
    const data::LayerId eventsLayer = test::firstLayerOf(m_session->project(), data::LayerKind::Events);
    QVERIFY(eventsLayer.isValid());

    QSignalSpy finished(m_controller.get(), &ImportController::finished);
    QSignalSpy imported(m_controller.get(), &ImportController::imported);
    m_controller->importFile(path);
    app::ImportDialog* dialog = m_controller->dialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible()); // open()ed, and this call returned: not blocking
    QCOMPARE(dialog->kindCombo()->currentData().toInt(), int(OverlayKind::Events));
    QCOMPARE(dialog->timeZoneCombo()->currentText(), m_session->project().timeZone);
    dialog->appendCheck()->setChecked(true);
    dialog->accept();
    QVERIFY(m_controller->isRunning());
    QVERIFY(!m_controller->importAction()->isEnabled()); // one import at a time
    QVERIFY(waitFinished(finished));

    const auto& outcome = m_controller->lastOutcome();
    QVERIFY(outcome);
    QVERIFY2(outcome->ok, qPrintable(outcome->error));
    QCOMPARE(outcome->report.rowsImported, 3);
    QCOMPARE(outcome->report.rowsRejected, 1);
    QCOMPARE(countsOf(project).events, before.events + 3); // appended: the demo's events stay
    QCOMPARE(countsOf(project).trackPoints, before.trackPoints);

    // The report: summary, the rejected row with its reason, the reason with its count.
    app::ImportReportDialog* report = m_controller->reportDialog();
    QVERIFY(report);
    QVERIFY(report->isVisible());
    QVERIFY(!report->isError());
    QVERIFY2(report->summaryText().contains(QStringLiteral("incidents.csv")),
             qPrintable(report->summaryText()));
    QCOMPARE(report->rejectedTable()->rowCount(), 1);
    QCOMPARE(report->rejectedTable()->item(0, 0)->data(Qt::UserRole).toLongLong(), 3);
    QVERIFY(!report->rejectedTable()->item(0, 1)->text().isEmpty());
    QCOMPARE(report->reasonsTable()->rowCount(), 1);
    QCOMPARE(report->reasonsTable()->item(0, 0)->data(Qt::UserRole).toLongLong(), 1);
    QVERIFY(!report->reasonsTable()->item(0, 1)->text().isEmpty());
    report->grab().save(test::testOutputDir(QStringLiteral("importgui")) +
                        QStringLiteral("/report.png")); // for a look

    // The events layer was loaded again from the store and is ready.
    QCOMPARE(outcome->reloaded.size(), std::size_t(1));
    const data::LayerId reloaded = outcome->reloaded.front();
    QCOMPARE(test::firstLayerOf(m_session->project(), data::LayerKind::Events), reloaded);
    QCOMPARE(int(m_session->layerState(reloaded)), int(test::State::Ready));
    QVERIFY(m_session->scene().layerNode(reloaded));

    // The clock can cover the new events.
    QCOMPARE(imported.size(), 1);
    QCOMPARE(int(imported[0][0].value<OverlayKind>()), int(OverlayKind::Events));
    const auto range = imported[0][1].value<data::TimeRange>();
    QVERIFY(range.contains(utc("2026-11-27T00:30:00Z")));
    QVERIFY(range.contains(utc("2026-11-28T06:00:00Z")));
    QVERIFY(m_controller->importAction()->isEnabled());
}

void TstImportGui::importAddsMissingLayer()
{
    const data::LayerId people = test::firstLayerOf(m_session->project(), data::LayerKind::People);
    QVERIFY(m_session->removeLayer(people));
    QVERIFY(!test::firstLayerOf(m_session->project(), data::LayerKind::People).isValid());
    QByteArray csv = "person_id,name,timestamp,lon,lat\n";
    for (int i = 0; i < 30; ++i) {
        csv += QStringLiteral("p%1,Staff %1,2026-11-27 08:%2:00,%3,%4\n")
                   .arg(i % 3)
                   .arg(i, 2, 10, QLatin1Char('0'))
                   .arg(121.0 + i * 0.0001, 0, 'f', 5)
                   .arg(30.7 + i * 0.0001, 0, 'f', 5)
                   .toUtf8();
    }
    const QString path = write(QStringLiteral("staff.csv"), csv);
    auto preview = gis::previewOverlayFile(path);
    QVERIFY(preview);
    data::OverlayMapping mapping = gis::guessOverlayMapping(*preview, OverlayKind::Tracks);
    mapping.timeZone = m_session->project().timeZone;
    QVERIFY2(gis::checkOverlayMapping(*preview, mapping).isEmpty(),
             qPrintable(gis::checkOverlayMapping(*preview, mapping)));

    QSignalSpy finished(m_controller.get(), &ImportController::finished);
    QSignalSpy imported(m_controller.get(), &ImportController::imported);
    m_controller->startImport(path, mapping, false); // replace: only these three people remain
    QVERIFY(waitFinished(finished));
    QVERIFY2(m_controller->lastOutcome()->ok, qPrintable(m_controller->lastOutcome()->error));
    const auto counts = countsOf(m_session->store().path());
    QCOMPARE(counts.people, 3);
    QCOMPARE(counts.trackPoints, 30);

    const data::LayerId added = test::firstLayerOf(m_session->project(), data::LayerKind::People);
    QVERIFY(added.isValid());
    QCOMPARE(m_session->project().layer(added)->sourceUri, QStringLiteral("store:people"));
    QCOMPARE(int(m_session->layerState(added)), int(test::State::Ready));
    QVERIFY(m_session->scene().layerNode(added));
    QCOMPARE(imported.size(), 1);
    // 08:00 to 08:29 in Shanghai.
    const auto range = imported[0][1].value<data::TimeRange>();
    QCOMPARE(range.start, utc("2026-11-27T00:00:00Z"));
    QCOMPARE(range.end, utc("2026-11-27T00:29:00Z") + 1);
}

void TstImportGui::thresholdsReachTheAssetLayer()
{
    // A river gauge reads about 2 m at noon of the demo's last day, under the demo's 2.8 m limit.
    auto assets = m_session->store().assets();
    QVERIFY(assets);
    std::int64_t gauge = 0;
    for (const data::Asset& a : *assets)
        if (!gauge && a.type == data::AssetType::Sensor && a.subtype == QLatin1String("water_level"))
            gauge = a.id;
    QVERIFY(gauge);
    const data::TimeMs noon = m_session->project().timeExtent.end - 12 * data::kHourMs;
    const auto flagged = [&] {
        const data::LayerId layer = test::firstLayerOf(m_session->project(), data::LayerKind::Assets);
        m_session->setTime(noon + data::kSecondMs); // a change of time: the layer re-flags
        m_session->setTime(noon);
        const scene::AssetAlarmLayer* alarms = scene::AssetAlarmLayer::of(m_session->scene().layerNode(layer));
        return alarms && alarms->isFlagged(gauge);
    };
    QVERIFY(!flagged());

    // Its own 1 m limit, imported: the asset layer reloads with it and the gauge alarms.
    const QString path = write(QStringLiteral("limits.csv"), QStringLiteral("asset_id,max\n%1,1.0\n").arg(gauge).toUtf8());
    auto preview = gis::previewOverlayFile(path);
    QVERIFY(preview);
    const data::OverlayMapping mapping = gis::guessOverlayMapping(*preview, OverlayKind::Thresholds);
    QVERIFY2(gis::checkOverlayMapping(*preview, mapping).isEmpty(),
             qPrintable(gis::checkOverlayMapping(*preview, mapping)));
    QSignalSpy finished(m_controller.get(), &ImportController::finished);
    m_controller->startImport(path, mapping, true);
    QVERIFY(waitFinished(finished));
    QVERIFY2(m_controller->lastOutcome()->ok, qPrintable(m_controller->lastOutcome()->error));
    QCOMPARE(m_controller->lastOutcome()->reloaded.size(), size_t(1));
    QVERIFY(flagged());
}

void TstImportGui::cancelWritesNothing()
{
    // Enough rows that the worker is still reading when the cancel comes.
    QByteArray csv = "person_id,timestamp,lon,lat\n";
    csv.reserve(12 << 20);
    for (int i = 0; i < 300000; ++i)
        csv += "p" + QByteArray::number(i % 500) + ',' + QByteArray::number(1764201600LL + i) + ",121.0" +
               QByteArray::number(i % 1000) + ",30.7" + QByteArray::number(i % 997) + '\n';
    const QString path = write(QStringLiteral("many.csv"), csv);
    auto preview = gis::previewOverlayFile(path);
    QVERIFY(preview);
    data::OverlayMapping mapping = gis::guessOverlayMapping(*preview, OverlayKind::Tracks);
    QVERIFY(gis::checkOverlayMapping(*preview, mapping).isEmpty());
    const QString project = m_session->store().path();
    const data::ProjectStore::Counts before = countsOf(project);
    QVERIFY(before.trackPoints > 0);

    QSignalSpy finished(m_controller.get(), &ImportController::finished);
    QSignalSpy imported(m_controller.get(), &ImportController::imported);
    m_controller->startImport(path, mapping, false); // replace: a leak would drop the demo's tracks
    QVERIFY(m_controller->progressDialog());
    emit m_controller->progressDialog()->canceled(); // the dialog's Cancel button
    QVERIFY(waitFinished(finished));

    const auto& outcome = m_controller->lastOutcome();
    QVERIFY(outcome && !outcome->ok && outcome->cancelled);
    QVERIFY(sameCounts(countsOf(project), before));
    QVERIFY(imported.isEmpty());
    QVERIFY(outcome->reloaded.empty());
    QVERIFY(m_controller->reportDialog() && m_controller->reportDialog()->isError());
    QVERIFY2(m_controller->reportDialog()->summaryText().contains(QStringLiteral("nothing was written")),
             qPrintable(m_controller->reportDialog()->summaryText()));
    QVERIFY2(m_controller->reportDialog()->summaryText().contains(QStringLiteral("many.csv")),
             qPrintable(m_controller->reportDialog()->summaryText()));
    QVERIFY(m_controller->importAction()->isEnabled());
}

void TstImportGui::unreadableFileChangesNothing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content"); // null: the file does not exist
    QTest::newRow("missing") << "missing.csv" << QByteArray();
    QTest::newRow("broken geojson") << "broken.geojson"
                                    << QByteArray("{\"type\": \"FeatureCollection\", \"feat");
}

void TstImportGui::unreadableFileChangesNothing()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    const QString path = content.isNull() ? m_dir.filePath(name) : write(name, content);
    const QString project = m_session->store().path();
    const data::ProjectStore::Counts before = countsOf(project);
    const auto layersBefore = m_session->project().layers();

    QSignalSpy finished(m_controller.get(), &ImportController::finished);
    m_controller->importFile(path);
    QCOMPARE(finished.size(), 1); // at once: no dialog, no worker
    QVERIFY(!m_controller->dialog());
    QVERIFY(!m_controller->isRunning());
    app::ImportReportDialog* report = m_controller->reportDialog();
    QVERIFY(report && report->isError());
    QVERIFY2(report->summaryText().contains(name), qPrintable(report->summaryText()));
    QVERIFY(sameCounts(countsOf(project), before));
    QVERIFY(m_session->project().layers() == layersBefore);
}

void TstImportGui::failingImportNamesFile()
{
    // Readable, mapped, but in a CRS that does not exist: the import fails as a whole.
    const QString path = write(QStringLiteral("badcrs.csv"), "event_id,category,reported,x,y\n"
                                                             "1,fire,2026-11-27T00:30:00Z,500000,3400000\n");
    auto preview = gis::previewOverlayFile(path);
    QVERIFY(preview);
    data::OverlayMapping mapping = gis::guessOverlayMapping(*preview, OverlayKind::Events);
    mapping.columns.insert(QString::fromLatin1(col::kX), QStringLiteral("x"));
    mapping.columns.insert(QString::fromLatin1(col::kY), QStringLiteral("y"));
    mapping.columns.insert(QString::fromLatin1(col::kReported), QStringLiteral("reported"));
    mapping.sourceCrs = QStringLiteral("EPSG:999999");
    const QString project = m_session->store().path();
    const data::ProjectStore::Counts before = countsOf(project);

    QSignalSpy finished(m_controller.get(), &ImportController::finished);
    m_controller->startImport(path, mapping, false);
    QVERIFY(waitFinished(finished));
    const auto& outcome = m_controller->lastOutcome();
    QVERIFY(outcome && !outcome->ok && !outcome->cancelled);
    QVERIFY2(outcome->error.contains(QStringLiteral("badcrs.csv")), qPrintable(outcome->error));
    QVERIFY(m_controller->reportDialog()->isError());
    QVERIFY(sameCounts(countsOf(project), before));
}

void TstImportGui::readOnlyProjectRefuses()
{
    const QString project = m_session->store().path();
    m_controller->setSession(nullptr);
    QVERIFY(!m_controller->importAction()->isEnabled());
    m_session.reset();
    auto session = test::ProjectSession::open(project, test::ProjectSession::OpenMode::ReadOnly);
    QVERIFY2(session, qPrintable(session.status().message()));
    m_session = std::move(session).value();
    m_controller->setSession(m_session.get());
    QVERIFY(!m_controller->importAction()->isEnabled());
    const QString path = write(QStringLiteral("ro.csv"), "event_id,category,reported,longitude,latitude\n"
                                                         "1,fire,2026-11-27T00:30:00Z,121.01,30.70\n");
    const data::ProjectStore::Counts before = countsOf(project);
    m_controller->importFile(path); // a drop: the disabled action does not guard it
    QVERIFY(!m_controller->dialog());
    QVERIFY(m_controller->reportDialog() && m_controller->reportDialog()->isError());
    QVERIFY2(m_controller->reportDialog()->summaryText().contains(QStringLiteral("read-only")),
             qPrintable(m_controller->reportDialog()->summaryText()));
    QVERIFY2(m_controller->reportDialog()->summaryText().contains(QStringLiteral("ro.csv")),
             qPrintable(m_controller->reportDialog()->summaryText()));
    QVERIFY(sameCounts(countsOf(project), before));
}

int main(int argc, char** argv)
{
    // Plain widgets, no QOpenGLWidget: without an X display the offscreen platform does.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("citytwin-tests"));
    QApplication::setApplicationName(QStringLiteral("tst_importgui"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    TstImportGui test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_importgui.moc"
