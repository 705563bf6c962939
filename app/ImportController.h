#pragma once

#include "app/ImportDialog.h"
#include "app/ImportReportDialog.h"
#include "data/LayerId.h"
#include "data/OverlayImport.h"
#include "data/Result.h"
#include "data/TimeRange.h"

#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <QString>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QThreadPool;
class QTimer;
class QWidget;

namespace citytwin::app {

class ProjectSession;

//! File → Import… and dropped overlay files: previews the file (gis::previewOverlayFile), opens
//! the ImportDialog, runs gis::importOverlayFile on a worker thread with its own store
//! connection (ProjectStore::open → beginOverlayImport → commit) behind a progress dialog whose
//! Cancel drops the writer (nothing is written), then shows an ImportReportDialog, reloads the
//! overlay layers of the imported kind (adds one when the project has none) and emits imported()
//! so the clock's range can cover the new rows. Main thread only; one import at a time.
class ImportController : public QObject
{
    Q_OBJECT
public:
    //! Dialogs are children of DIALOGPARENT (the main window).
    explicit ImportController(QWidget* dialogParent, QObject* parent = nullptr);
    ~ImportController() override; //!< cancels a running import and waits for its worker

    //! File → Import… (asks for a file, then importFile()). Disabled without a writable session
    //! and while an import runs.
    QAction* importAction() const { return m_action; }
    //! The session imports go into (null: none). A running import still finishes into its file,
    //! but only the session it started in reloads layers.
    void setSession(ProjectSession* session);
    //! True for files this controller imports rather than the window adding them as a map layer:
    //! CSV/TSV/TXT, and GeoJSON/GeoPackage/Shapefile whose layer has point geometry.
    bool canImport(const QString& path) const;
    //! Previews PATH and opens the mapping dialog (window-modal, not blocking: open()); OK starts
    //! the import. A file that cannot be read shows the error in a report dialog instead.
    void importFile(const QString& path);
    //! Imports PATH with MAPPING on the worker (what the dialog's OK does).
    void startImport(const QString& path, const data::OverlayMapping& mapping, bool append);
    //! Cancels the running import: the writer is dropped, nothing is written.
    void cancelImport();
    bool isRunning() const { return m_running; }
    void retranslate();

    //! The mapping dialog last opened (null once closed), the progress and the report dialog.
    ImportDialog* dialog() const { return m_dialog; }
    QProgressDialog* progressDialog() const { return m_progress; }
    ImportReportDialog* reportDialog() const { return m_report; }

    //! How the last import ended.
    struct Outcome
    {
        QString path;
        data::OverlayKind kind = data::OverlayKind::Events;
        bool ok = false;
        bool cancelled = false;
        QString error;                       //!< names the file and the problem (when !ok)
        data::ImportReport report;           //!< when ok
        std::vector<data::LayerId> reloaded; //!< layers reloaded or added
    };
    const std::optional<Outcome>& lastOutcome() const { return m_outcome; }

signals:
    //! Rows of KIND were committed; RANGE spans their times (empty for assets). Connect it to the
    //! clock (widen its range to cover RANGE) and the timeline histogram.
    void imported(citytwin::data::OverlayKind kind, citytwin::data::TimeRange range);
    //! An import ended (committed, failed or cancelled); lastOutcome() says how.
    void finished();
    //! A line for the status bar.
    void message(const QString& text);

private:
    struct Shared; //!< progress and cancel flag, shared with the worker
    void chooseFile();
    void showReport(ImportReportDialog* report);
    void pollProgress();
    void finish(const QString& path, const data::OverlayMapping& mapping,
                data::Result<data::ImportReport> result, bool cancelled);
    //! Reloads the session's overlay layers of KIND, adding one when it has none.
    std::vector<data::LayerId> refreshLayers(data::OverlayKind kind);
    void updateAction();

    QWidget* m_parent = nullptr;
    QAction* m_action = nullptr;
    QPointer<ProjectSession> m_session;
    QPointer<ImportDialog> m_dialog;
    QPointer<QProgressDialog> m_progress;
    QPointer<ImportReportDialog> m_report;
    std::unique_ptr<QThreadPool> m_pool;
    QTimer* m_poll = nullptr;
    std::shared_ptr<Shared> m_shared;
    QString m_sessionPath; //!< the file of the session the running import started in
    bool m_running = false;
    std::optional<Outcome> m_outcome;
};

} // namespace citytwin::app
