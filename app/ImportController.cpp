#include "app/ImportController.h"

#include "app/GuiLog.h"
#include "app/ImportDialog.h"
#include "app/ImportReportDialog.h"
#include "app/ProjectSession.h"
#include "app/RunOnPool.h"
#include "data/ProjectStore.h"
#include "gis/OverlayImporter.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonObject>
#include <QProgressDialog>
#include <QThreadPool>
#include <QTimer>

namespace citytwin::app {

using data::LayerKind;
using data::OverlayKind;
using data::Status;

struct ImportController::Shared
{
    std::atomic<std::int64_t> done{0};
    std::atomic<std::int64_t> total{-1};
    std::atomic_bool cancel{false};
};

namespace {

constexpr int kProgressSteps = 1000;
constexpr int kPollMs = 100;

//! What the worker hands back.
struct JobResult
{
    data::Result<data::ImportReport> report;
    bool cancelled = false;
};

LayerKind layerKindOf(OverlayKind kind)
{
    switch (kind) {
    case OverlayKind::Tracks:
        return LayerKind::People;
    case OverlayKind::Events:
        return LayerKind::Events;
    case OverlayKind::Assets:
    case OverlayKind::SensorReadings: // readings colour the assets (alarms)
    case OverlayKind::Thresholds:     // and so do the limits they are checked against
        break;
    }
    return LayerKind::Assets;
}

//! The layer the demo project declares for KIND's store table (gis/DemoProject.cpp).
data::LayerSettings defaultLayer(LayerKind kind)
{
    data::LayerSettings layer;
    layer.kind = kind;
    switch (kind) {
    case LayerKind::People:
        layer.name = ImportController::tr("People");
        layer.sourceUri = QStringLiteral("store:people");
        layer.group = data::LayerGroup::People;
        layer.temporal.mode = data::TemporalMode::PointTimestamps;
        layer.temporal.trailLengthMs = 10 * data::kMinuteMs;
        layer.style = QJsonObject{{"colorField", "role"}, {"labelField", "name"}};
        break;
    case LayerKind::Events:
        layer.name = ImportController::tr("Events");
        layer.sourceUri = QStringLiteral("store:events");
        layer.group = data::LayerGroup::Events;
        layer.temporal.mode = data::TemporalMode::FeatureFields;
        layer.temporal.startField = QStringLiteral("reported");
        layer.temporal.endField = QStringLiteral("closed");
        layer.style = QJsonObject{{"colorField", "category"}, {"sizeField", "severity"}};
        break;
    default:
        layer.name = ImportController::tr("Assets");
        layer.sourceUri = QStringLiteral("store:assets");
        layer.group = data::LayerGroup::Assets;
        layer.style = QJsonObject{{"symbolField", "type"}, {"labelField", "name"}};
        break;
    }
    return layer;
}

//! Reloads ID from the store. Uses ProjectSession::reloadLayer when it is public; until then the
//! layer is removed and added again with the same settings (it gets a new id). Returns the id
//! the layer has afterwards.
template <class Session> std::optional<data::LayerId> reloadStoreLayer(Session& session, data::LayerId id)
{
    if constexpr (requires { session.reloadLayer(id); }) {
        session.reloadLayer(id);
        return id;
    } else {
        const data::LayerSettings* layer = session.project().layer(id);
        if (!layer)
            return std::nullopt;
        const data::LayerSettings settings = *layer;
        session.removeLayer(id);
        auto added = session.addLayer(settings);
        if (!added) {
            qCWarning(lcGui) << "reloading" << settings.name << "failed:" << added.status().message();
            return std::nullopt;
        }
        return *added;
    }
}

JobResult runImport(const QString& storePath, const QString& path, const data::OverlayMapping& mapping,
                    const QString& projectCrs, bool append, std::atomic<std::int64_t>& done,
                    std::atomic<std::int64_t>& total, std::atomic_bool& cancel)
{
    const auto cancelled = [&] {
        return JobResult{Status::error(Status::Code::Cancelled,
                                       ImportController::tr("Import of %1 cancelled: nothing was written.")
                                           .arg(QFileInfo(path).fileName())),
                         true};
    };
    if (cancel)
        return cancelled();
    // One store connection per thread: the session's stays on the main thread.
    auto store = data::ProjectStore::open(storePath, data::ProjectStore::Mode::ReadWrite);
    if (!store)
        return {store.status(), false};
    auto writer = (*store)->beginOverlayImport();
    if (!writer)
        return {writer.status(), false};
    const gis::ImportTarget target{projectCrs, writer->get(), append};
    auto report = gis::importOverlayFile(path, mapping, target, [&](std::int64_t d, std::int64_t t) {
        done = d;
        total = t;
        return !cancel;
    });
    // A cancel that came after the last progress call still writes nothing: the writer is
    // dropped uncommitted, which rolls back.
    if (cancel || (!report && report.status().code() == Status::Code::Cancelled))
        return cancelled();
    if (!report)
        return {report.status(), false};
    if (Status s = (*writer)->commit(); !s)
        return {s, false};
    return {std::move(report), false};
}

} // namespace

ImportController::ImportController(QWidget* dialogParent, QObject* parent)
    : QObject(parent), m_parent(dialogParent), m_pool(std::make_unique<QThreadPool>())
{
    m_pool->setMaxThreadCount(1);
    m_action = new QAction(this);
    m_action->setObjectName(QStringLiteral("actionImportOverlays"));
    connect(m_action, &QAction::triggered, this, &ImportController::chooseFile);
    m_poll = new QTimer(this);
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, &ImportController::pollProgress);
    retranslate();
    updateAction();
}

ImportController::~ImportController()
{
    if (m_shared)
        m_shared->cancel = true;
    m_pool->waitForDone(); // the worker holds a store connection and a writer: let it roll back
}

void ImportController::retranslate()
{
    m_action->setText(tr("&Import…"));
    m_action->setStatusTip(tr("Import people, events, assets, sensor readings or alarm thresholds from CSV, "
                              "GeoJSON, GeoPackage or Shapefile into the project"));
}

void ImportController::setSession(ProjectSession* session)
{
    m_session = session;
    updateAction();
}

void ImportController::updateAction()
{
    m_action->setEnabled(m_session && !m_running &&
                         m_session->store().mode() == data::ProjectStore::Mode::ReadWrite);
}

bool ImportController::canImport(const QString& path) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("tsv") || suffix == QLatin1String("txt"))
        return true;
    if (suffix != QLatin1String("geojson") && suffix != QLatin1String("json") &&
        suffix != QLatin1String("gpkg") && suffix != QLatin1String("shp"))
        return false;
    // Points are overlays (people, events, assets); lines and polygons are map layers.
    auto preview = gis::previewOverlayFile(path, 0);
    return preview && preview->hasPointGeometry;
}

void ImportController::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        m_parent, tr("Import Overlays"), QString(),
        tr("Overlay files (*.csv *.tsv *.txt *.geojson *.json *.gpkg *.shp);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void ImportController::importFile(const QString& path)
{
    if (!m_session || m_running)
        return;
    // A drop bypasses the disabled action: a read-only project says so before any dialog.
    const bool readOnly = m_session->store().mode() != data::ProjectStore::Mode::ReadWrite;
    auto preview =
        readOnly
            ? data::Result<gis::OverlayFilePreview>(data::Status::error(
                  Status::Code::Unsupported,
                  tr("the project %1 is open read-only").arg(QDir::toNativeSeparators(m_session->path()))))
            : gis::previewOverlayFile(path);
    if (!preview) {
        m_outcome = Outcome{path, OverlayKind::Events, false, false, preview.status().message(), {}, {}};
        showReport(new ImportReportDialog(
            path, tr("Cannot import %1: %2").arg(QDir::toNativeSeparators(path), preview.status().message()),
            m_parent));
        emit message(tr("Cannot import %1").arg(QFileInfo(path).fileName()));
        emit finished();
        return;
    }
    if (m_dialog)
        m_dialog->deleteLater();
    m_dialog = new ImportDialog(std::move(preview).value(), m_session->project().timeZone, m_parent);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this, path, dialog = m_dialog.data()] {
        startImport(path, dialog->mapping(), dialog->append());
    });
    m_dialog->open(); // window-modal without a nested event loop
}

void ImportController::startImport(const QString& path, const data::OverlayMapping& mapping, bool append)
{
    if (!m_session || m_running)
        return;
    m_running = true;
    updateAction();
    m_shared = std::make_shared<Shared>();
    m_sessionPath = m_session->store().path();
    const QString name = QFileInfo(path).fileName();
    qCInfo(lcGui) << "importing" << path << "as" << data::toString(mapping.kind)
                  << (append ? "(append)" : "");

    if (m_progress)
        m_progress->deleteLater();
    m_progress =
        new QProgressDialog(tr("Importing %1…").arg(name), tr("Cancel"), 0, kProgressSteps, m_parent);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(500);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setValue(0);
    connect(m_progress, &QProgressDialog::canceled, this, &ImportController::cancelImport);
    m_poll->start();

    std::shared_ptr<Shared> shared = m_shared;
    const QString storePath = m_sessionPath;
    const QString projectCrs = m_session->project().crs;
    runOnPool<JobResult>(
        this, m_pool.get(),
        [=] {
            // SHARED (captured) outlives the job even when the controller goes first.
            return runImport(storePath, path, mapping, projectCrs, append, shared->done, shared->total,
                             shared->cancel);
        },
        [this, path, mapping](JobResult result) {
            finish(path, mapping, std::move(result.report), result.cancelled);
        });
}

void ImportController::cancelImport()
{
    if (!m_running || !m_shared)
        return;
    m_shared->cancel = true;
    if (m_progress) {
        m_progress->setLabelText(tr("Cancelling: nothing will be written…"));
        m_progress->setCancelButton(nullptr);
    }
}

void ImportController::pollProgress()
{
    if (!m_progress || !m_shared || m_shared->cancel)
        return;
    const std::int64_t total = m_shared->total;
    const std::int64_t done = m_shared->done;
    if (total > 0) {
        m_progress->setMaximum(kProgressSteps);
        m_progress->setValue(int(std::min<std::int64_t>(kProgressSteps, done * kProgressSteps / total)));
    } else {
        m_progress->setMaximum(0); // busy indicator: the size is unknown
    }
}

void ImportController::finish(const QString& path, const data::OverlayMapping& mapping,
                              data::Result<data::ImportReport> result, bool cancelled)
{
    m_poll->stop();
    m_running = false;
    m_shared.reset();
    if (m_progress) {
        m_progress->close();
        m_progress->deleteLater();
    }
    updateAction();
    Outcome outcome;
    outcome.path = path;
    outcome.kind = mapping.kind;
    outcome.cancelled = cancelled;
    const QString name = QFileInfo(path).fileName();
    if (!result) {
        outcome.error = cancelled ? result.status().message()
                                  : tr("Import of %1 failed: %2\nNothing was imported.")
                                        .arg(QDir::toNativeSeparators(path), result.status().message());
        qCWarning(lcGui) << "import of" << path << (cancelled ? "cancelled" : "failed:")
                         << result.status().message();
        m_outcome = outcome;
        showReport(new ImportReportDialog(path, outcome.error, m_parent));
        emit message(cancelled ? tr("Import of %1 cancelled").arg(name)
                               : tr("Import of %1 failed").arg(name));
        emit finished();
        return;
    }
    outcome.ok = true;
    outcome.report = std::move(result).value();
    qCInfo(lcGui) << "imported" << path << ":" << outcome.report.summary();
    // The layers show the new rows only in the session the import wrote into.
    if (m_session && m_session->store().path() == m_sessionPath)
        outcome.reloaded = refreshLayers(mapping.kind);
    m_outcome = outcome;
    showReport(new ImportReportDialog(path, m_outcome->report, m_parent));
    emit message(tr("Imported %1: %2").arg(name, m_outcome->report.summary()));
    const data::ImportReport& report = m_outcome->report;
    if (report.firstTime != data::kNoTime && report.lastTime != data::kNoTime)
        emit imported(mapping.kind, data::TimeRange{report.firstTime, report.lastTime + 1});
    else
        emit imported(mapping.kind, data::TimeRange{});
    emit finished();
}

std::vector<data::LayerId> ImportController::refreshLayers(OverlayKind kind)
{
    std::vector<data::LayerId> result;
    const LayerKind layerKind = layerKindOf(kind);
    std::vector<data::LayerId> existing;
    for (const data::LayerSettings& layer : m_session->project().layers()) {
        if (layer.kind == layerKind && layer.sourceUri.startsWith(QLatin1String("store:")))
            existing.push_back(layer.id);
    }
    for (data::LayerId id : existing) {
        if (auto now = reloadStoreLayer(*m_session, id))
            result.push_back(*now);
    }
    if (existing.empty()) {
        auto added = m_session->addLayer(defaultLayer(layerKind));
        if (added)
            result.push_back(*added);
        else
            qCWarning(lcGui) << "adding an overlay layer failed:" << added.status().message();
    }
    return result;
}

void ImportController::showReport(ImportReportDialog* report)
{
    if (m_report)
        m_report->deleteLater();
    m_report = report;
    m_report->setAttribute(Qt::WA_DeleteOnClose);
    m_report->show(); // not modal: the map stays usable while the report is read
}

} // namespace citytwin::app
