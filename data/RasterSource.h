#pragma once

#include "data/Points.h"
#include "data/Rasters.h"
#include "data/Result.h"

#include <QString>
#include <atomic>
#include <memory>

namespace citytwin::data {

//! Cancellation shared between whoever asked for work and the worker doing it. Copies share the
//! flag; a default-constructed token is never cancelled.
class CancelToken
{
public:
    static CancelToken create() { CancelToken t; t.m_flag = std::make_shared<std::atomic_bool>(false); return t; }
    //! A token on an existing flag (e.g. a loading session's cancel flag); null: never cancelled.
    static CancelToken fromFlag(std::shared_ptr<std::atomic_bool> flag) { CancelToken t; t.m_flag = std::move(flag); return t; }
    void cancel() const { if (m_flag) m_flag->store(true); }
    bool isCancelled() const { return m_flag && m_flag->load(); }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

//! What every raster source tells about itself, in the PROJECT CRS.
struct RasterSourceInfo
{
    QString name;        //!< for messages: the file name or the service host
    Extent2D extent;     //!< area with data, project CRS (clipped to a sane area for world-wide sources)
    double resolution = 0; //!< finest useful cell size in project units (metres)
    bool network = false;  //!< reads go to HTTP (a service layer)
};

//! Basemap imagery read on demand for a tile. Implementations (gis/) must be safe to call from
//! several worker threads at once (a GDAL dataset per thread) and should stop early, returning
//! Status Cancelled, once CANCEL is set.
class ImagerySource
{
public:
    virtual ~ImagerySource() = default;
    virtual const RasterSourceInfo& info() const = 0;
    //! RGBA8 on TARGET (project CRS); outside the source's data the pixels are transparent
    //! (alpha 0), which is not an error. Errors name the source and the problem.
    virtual Result<ImageRaster> readImage(const GridGeometry& target, const CancelToken& cancel) const = 0;
};

//! Elevation read on demand for a tile; same threading and cancel rules as ImagerySource.
class ElevationSource
{
public:
    virtual ~ElevationSource() = default;
    virtual const RasterSourceInfo& info() const = 0;
    //! Heights (metres) at the cell centres of TARGET; NaN outside the source and on no-data.
    virtual Result<ElevationGrid> readHeights(const GridGeometry& target, const CancelToken& cancel) const = 0;
};

} // namespace citytwin::data
