#include "gis/DatasetPool.h"

namespace citytwin::gis {

data::Result<DatasetPool::Entry*> DatasetPool::entry(int overviewLevel)
{
    const auto key = std::make_pair(std::this_thread::get_id(), overviewLevel);
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_datasets.find(key); it != m_datasets.end())
            return &it->second;
    }
    // Opened outside the lock: opening a service can take a network round trip and must not
    // hold up the other workers.
    auto opened = m_opener(overviewLevel);
    if (!opened)
        return opened.status();
    std::lock_guard lock(m_mutex);
    // A thread id is reused only after its thread ended, so an entry found now is a dead
    // thread's dataset that nobody uses any more: replace it.
    Entry& slot = m_datasets[key];
    slot.transformer.reset(); // made for the old dataset
    slot.dataset = std::move(opened).value();
    return &slot;
}

int DatasetPool::openCount() const
{
    std::lock_guard lock(m_mutex);
    return int(m_datasets.size());
}

} // namespace citytwin::gis
