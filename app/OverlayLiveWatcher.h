#pragma once

#include "data/OverlayWriter.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <cstdint>

namespace citytwin::app {

class ProjectSession;

//! Live data: watches a project file for overlay rows committed by another connection (another
//! process, `citytwin-cli import --append`) and hands them over as deltas. A worker thread with
//! its own read-only data::ProjectStore asks overlayRevision() every kPollIntervalMs (cheap) and,
//! when it moved, overlayChangesSince(last); deltaArrived is emitted on the watcher's thread.
class OverlayLiveWatcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPollIntervalMs = 250;

    //! Watches PROJECTFILE for revisions above FROMREVISION; start() begins polling.
    OverlayLiveWatcher(const QString& projectFile, std::int64_t fromRevision, QObject* parent = nullptr);
    ~OverlayLiveWatcher() override; //!< stops and joins the worker

    //! A watcher for SESSION (its child, so it ends with it), from the session's current
    //! revision, feeding ProjectSession::applyOverlayDelta; already started.
    static OverlayLiveWatcher* watch(ProjectSession* session);

    void start();
    void stop();
    bool isRunning() const { return m_thread.isRunning(); }
    QString projectFile() const { return m_path; }
    //! The revision of the last delta handed over (or the starting one).
    std::int64_t revision() const { return m_revision; }

signals:
    //! New rows (main thread): revisions (delta.fromRevision, delta.toRevision].
    void deltaArrived(const citytwin::data::OverlayDelta& delta);
    //! Polling failed (the message names the file); polling goes on and retries.
    void pollFailed(const QString& message);

private:
    class Poller;
    void receive(const data::OverlayDelta& delta);

    QString m_path;
    std::int64_t m_revision = 0;
    QThread m_thread;
    Poller* m_poller = nullptr; //!< lives on m_thread
};

} // namespace citytwin::app
