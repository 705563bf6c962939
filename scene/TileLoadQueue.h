#pragma once

#include "data/RasterSource.h"
#include "data/TileKey.h"
#include "scene/TileMeshBuilder.h"

#include <QThreadPool>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

namespace citytwin::scene {

//! Tile loads on an own worker pool: the highest priority queued load runs next, at most
//! maxInFlight loads are queued or running, an abandoned load is dropped (queued) or told to
//! stop through its CancelToken (running), finished loads wait in a done list for the main
//! thread. request()/cancel()/takeDone() are for one (the main) thread; workers only run jobs.
class TileLoadQueue
{
public:
    using Job = std::function<TileBuildResult(const data::CancelToken&)>;

    TileLoadQueue(int threads, int maxInFlight);
    ~TileLoadQueue();
    TileLoadQueue(const TileLoadQueue&) = delete;
    TileLoadQueue& operator=(const TileLoadQueue&) = delete;

    //! Queues JOB for KEY with PRIORITY (larger first). A key already queued only takes the new
    //! priority, a key loaded and waiting in the done list is left alone (true for both);
    //! false when KEY cannot be queued now (queue full, or a cancelled load of KEY is
    //! still winding down): ask again later.
    bool request(const data::TileKey& key, double priority, Job job);
    //! KEY is queued or running (and not cancelled).
    bool isPending(const data::TileKey& key) const;
    bool hasRoom() const;
    //! Cancels every pending load whose key KEEP rejects; returns how many were cancelled.
    int cancelUnless(const std::function<bool(const data::TileKey&)>& keep);
    int queued() const;
    int running() const;
    long long cancelledTotal() const;

    //! The oldest finished load, if any (cancelled loads never get here).
    std::optional<TileBuildResult> takeDone();
    std::size_t doneCount() const;
    //! Called on a worker thread each time a load ends (finished or cancelled).
    void setReadyCallback(std::function<void()> callback);

    //! Cancels everything, waits for the workers and drops finished loads.
    void shutdown();

private:
    struct Entry
    {
        double priority = 0;
        Job job;
        data::CancelToken token;
        bool running = false;
        bool cancelled = false;
    };

    void runNext();

    mutable std::mutex m_mutex;
    std::unordered_map<data::TileKey, Entry, data::TileKeyHash> m_pending;
    std::deque<TileBuildResult> m_done;
    std::function<void()> m_readyCallback;
    int m_maxInFlight = 8;
    long long m_cancelledTotal = 0;
    bool m_shutDown = false;
    QThreadPool m_pool;
};

} // namespace citytwin::scene
