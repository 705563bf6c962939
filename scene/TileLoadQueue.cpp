#include "scene/TileLoadQueue.h"

#include <algorithm>

namespace citytwin::scene {

TileLoadQueue::TileLoadQueue(int threads, int maxInFlight) : m_maxInFlight(std::max(1, maxInFlight))
{
    m_pool.setMaxThreadCount(std::max(1, threads));
}

TileLoadQueue::~TileLoadQueue()
{
    shutdown();
}

bool TileLoadQueue::request(const data::TileKey& key, double priority, Job job)
{
    {
        const std::lock_guard lock(m_mutex);
        if (m_shutDown)
            return false;
        // Loaded and waiting to be merged: nothing to do.
        if (std::any_of(m_done.begin(), m_done.end(), [&](const TileBuildResult& r) { return r.key == key; }))
            return true;
        if (auto it = m_pending.find(key); it != m_pending.end()) {
            if (it->second.cancelled)
                return false;
            it->second.priority = priority;
            return true;
        }
        if (int(m_pending.size()) >= m_maxInFlight)
            return false;
        Entry& e = m_pending[key];
        e.priority = priority;
        e.job = std::move(job);
        e.token = data::CancelToken::create();
    }
    // One runnable per queued entry: each runs whatever entry has the highest priority when a
    // thread frees up, so priorities set after queueing still count and dropped entries cost nothing.
    m_pool.start([this] { runNext(); });
    return true;
}

void TileLoadQueue::runNext()
{
    Job job;
    data::CancelToken token;
    data::TileKey key;
    {
        const std::lock_guard lock(m_mutex);
        auto best = m_pending.end();
        for (auto it = m_pending.begin(); it != m_pending.end(); ++it)
            if (!it->second.running &&
                (best == m_pending.end() || it->second.priority > best->second.priority))
                best = it;
        if (best == m_pending.end())
            return; // its entry was cancelled while queued
        best->second.running = true;
        key = best->first;
        job = std::move(best->second.job);
        token = best->second.token;
    }
    TileBuildResult result = job(token);
    std::function<void()> callback;
    {
        const std::lock_guard lock(m_mutex);
        m_pending.erase(key);
        if (!token.isCancelled() && !result.cancelled)
            m_done.push_back(std::move(result));
        // Also after a cancel: the key is free again and a viewer that wants it back must get
        // a frame to ask (no frame would come otherwise in an on-demand GUI).
        callback = m_readyCallback;
    }
    if (callback)
        callback();
}

bool TileLoadQueue::isPending(const data::TileKey& key) const
{
    const std::lock_guard lock(m_mutex);
    auto it = m_pending.find(key);
    return it != m_pending.end() && !it->second.cancelled;
}

bool TileLoadQueue::hasRoom() const
{
    const std::lock_guard lock(m_mutex);
    return !m_shutDown && int(m_pending.size()) < m_maxInFlight;
}

int TileLoadQueue::cancelUnless(const std::function<bool(const data::TileKey&)>& keep)
{
    const std::lock_guard lock(m_mutex);
    int count = 0;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        Entry& e = it->second;
        if (e.cancelled || keep(it->first)) {
            ++it;
            continue;
        }
        ++count;
        e.token.cancel();
        if (e.running) {
            e.cancelled = true; // stays counted in flight until its worker returns
            ++it;
        } else {
            it = m_pending.erase(it);
        }
    }
    m_cancelledTotal += count;
    return count;
}

int TileLoadQueue::queued() const
{
    const std::lock_guard lock(m_mutex);
    return int(
        std::count_if(m_pending.begin(), m_pending.end(), [](const auto& p) { return !p.second.running; }));
}

int TileLoadQueue::running() const
{
    const std::lock_guard lock(m_mutex);
    return int(
        std::count_if(m_pending.begin(), m_pending.end(), [](const auto& p) { return p.second.running; }));
}

long long TileLoadQueue::cancelledTotal() const
{
    const std::lock_guard lock(m_mutex);
    return m_cancelledTotal;
}

std::optional<TileBuildResult> TileLoadQueue::takeDone()
{
    const std::lock_guard lock(m_mutex);
    if (m_done.empty())
        return std::nullopt;
    TileBuildResult r = std::move(m_done.front());
    m_done.pop_front();
    return r;
}

std::size_t TileLoadQueue::doneCount() const
{
    const std::lock_guard lock(m_mutex);
    return m_done.size();
}

void TileLoadQueue::setReadyCallback(std::function<void()> callback)
{
    const std::lock_guard lock(m_mutex);
    m_readyCallback = std::move(callback);
}

void TileLoadQueue::shutdown()
{
    {
        const std::lock_guard lock(m_mutex);
        m_shutDown = true;
        m_readyCallback = nullptr;
    }
    cancelUnless([](const data::TileKey&) { return false; });
    m_pool.waitForDone();
    const std::lock_guard lock(m_mutex);
    m_done.clear();
}

} // namespace citytwin::scene
