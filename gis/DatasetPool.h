#pragma once

// One GDAL dataset per thread (and per overview level) for a raster source; internal to gis/.

#include "data/Result.h"
#include "gis/GdalHandles.h"

#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace citytwin::gis {

//! GDAL datasets are not thread-safe: every worker thread gets its own, opened lazily on first
//! use by OPENER(overviewLevel) (-1 = full resolution) and kept until the pool dies. A thread only
//! ever touches its own datasets, so the lock guards the map, not the reads.
class DatasetPool
{
public:
    using Opener = std::function<data::Result<DatasetPtr>(int overviewLevel)>;

    explicit DatasetPool(Opener opener) : m_opener(std::move(opener)) {}
    DatasetPool(const DatasetPool&) = delete;
    DatasetPool& operator=(const DatasetPool&) = delete;

    //! A thread's dataset and what it keeps with it between reads.
    struct Entry
    {
        DatasetPtr dataset;
        GenImgTransformerPtr transformer; //!< to the project CRS, made on the first warp
    };

    //! This thread's dataset for OVERVIEWLEVEL; valid while the pool lives. Failures are not
    //! cached (a service that was down may answer next time).
    data::Result<Entry*> entry(int overviewLevel = -1);
    data::Result<GDALDataset*> get(int overviewLevel = -1)
    {
        auto e = entry(overviewLevel);
        if (!e)
            return e.status();
        return (*e)->dataset.get();
    }

    //! Datasets open now, all threads together (for tests and the debug overlay).
    int openCount() const;

private:
    Opener m_opener;
    mutable std::mutex m_mutex;
    std::map<std::pair<std::thread::id, int>, Entry> m_datasets;
};

} // namespace citytwin::gis
