#include "app/OverlayLiveWatcher.h"

#include "app/GuiLog.h"
#include "app/ProjectSession.h"
#include "data/ProjectStore.h"

#include <QTimer>
#include <memory>

namespace citytwin::app {

//! The worker side: owns the read-only connection (opened on the worker thread, as SQLite
//! connections must stay on one thread) and the poll timer.
class OverlayLiveWatcher::Poller : public QObject
{
public:
    Poller(OverlayLiveWatcher* owner, QString path, std::int64_t revision)
        : m_owner(owner), m_path(std::move(path)), m_revision(revision)
    {
    }

    void begin()
    {
        m_timer = new QTimer(this);
        m_timer->setInterval(kPollIntervalMs);
        connect(m_timer, &QTimer::timeout, this, &Poller::poll);
        m_timer->start();
        poll();
    }

    void end()
    {
        delete m_timer;
        m_timer = nullptr;
        m_store.reset(); // closed on the thread that opened it
    }

private:
    void poll()
    {
        if (!m_store) {
            auto store = data::ProjectStore::open(m_path, data::ProjectStore::Mode::ReadOnly);
            if (!store)
                return report(store.status().message());
            m_store = std::move(store).value();
        }
        const auto revision = m_store->overlayRevision();
        if (!revision)
            return report(revision.status().message());
        if (*revision <= m_revision)
            return;
        auto delta = m_store->overlayChangesSince(m_revision);
        if (!delta)
            return report(delta.status().message());
        m_revision = delta->toRevision > m_revision ? delta->toRevision : *revision;
        m_failing = false;
        auto shared = std::make_shared<data::OverlayDelta>(std::move(delta).value());
        // Queued to the owner's thread; the owner outlives this object (it joins the thread).
        QMetaObject::invokeMethod(m_owner, [owner = m_owner, shared] { owner->receive(*shared); },
                                  Qt::QueuedConnection);
    }

    void report(const QString& message)
    {
        if (m_failing)
            return; // once per failure, not four times a second
        m_failing = true;
        qCWarning(lcGui) << "live overlay poll:" << message;
        QMetaObject::invokeMethod(m_owner, [owner = m_owner, message] { emit owner->pollFailed(message); },
                                  Qt::QueuedConnection);
    }

    OverlayLiveWatcher* m_owner;
    QString m_path;
    std::int64_t m_revision;
    std::unique_ptr<data::ProjectStore> m_store;
    QTimer* m_timer = nullptr;
    bool m_failing = false;
};

OverlayLiveWatcher::OverlayLiveWatcher(const QString& projectFile, std::int64_t fromRevision, QObject* parent)
    : QObject(parent), m_path(projectFile), m_revision(fromRevision)
{
    m_thread.setObjectName(QStringLiteral("citytwin-live"));
}

OverlayLiveWatcher::~OverlayLiveWatcher()
{
    stop();
}

OverlayLiveWatcher* OverlayLiveWatcher::watch(ProjectSession* session)
{
    const auto revision = session->store().overlayRevision();
    auto* watcher = new OverlayLiveWatcher(session->path(), revision ? *revision : 0, session);
    connect(watcher, &OverlayLiveWatcher::deltaArrived, session, &ProjectSession::applyOverlayDelta);
    watcher->start();
    return watcher;
}

void OverlayLiveWatcher::start()
{
    if (m_thread.isRunning())
        return;
    m_poller = new Poller(this, m_path, m_revision);
    m_poller->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_poller, [p = m_poller] { p->begin(); }, Qt::QueuedConnection);
}

void OverlayLiveWatcher::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(m_poller, [p = m_poller] { p->end(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_poller; // its thread has finished: no event can reach it any more
    m_poller = nullptr;
}

void OverlayLiveWatcher::receive(const data::OverlayDelta& delta)
{
    if (!m_thread.isRunning() || delta.toRevision <= m_revision)
        return; // stopped meanwhile, or already handed over
    m_revision = delta.toRevision;
    emit deltaArrived(delta);
}

} // namespace citytwin::app
