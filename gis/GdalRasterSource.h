#pragma once

// The GDAL side shared by the imagery and elevation sources: per-thread datasets, the source's
// footprint in the project CRS, warped reads with overviews and cancellation; internal to gis/.

#include "data/RasterSource.h"
#include "gis/DatasetPool.h"
#include "gis/RasterSourceFactory.h"
#include "gis/RasterWarp.h"
#include "gis/ServiceDescription.h"

#include <memory>

namespace citytwin::gis {

class GdalRasterSource
{
public:
    //! Opens SPEC on this thread, validates it (georeferenced, reaches the project CRS, a first
    //! block reads; for a service, the service answers) and computes its footprint.
    static data::Result<std::unique_ptr<GdalRasterSource>> open(const GdalSourceSpec& spec,
                                                                const RasterSourceOptions& options);

    const data::RasterSourceInfo& info() const { return m_info; }
    const GdalSourceSpec& spec() const { return m_spec; }

    //! This thread's full-resolution dataset (band layout checks at open time).
    data::Result<GDALDataset*> dataset() const { return m_pool.get(-1); }

    //! True when TARGET overlaps the source's data (otherwise a read is all transparent / NaN).
    bool overlaps(const data::GridGeometry& target) const;

    //! Warps the source onto TARGET into a new MEM dataset of BANDS × TYPE following PLAN (bands
    //! and alpha set by the caller). Reads the fitting overview; averages when reducing unless
    //! PLAN asks for nearest (palettes). Cancelled when CANCEL is set before or during the warp.
    data::Result<DatasetPtr> warp(const data::GridGeometry& target, WarpPlan plan, int bands,
                                  GDALDataType type, const data::CancelToken& cancel) const;

    //! STATUS as the user should read it: the API key hidden, service failures naming the host.
    data::Status explain(const data::Status& status) const;

private:
    GdalRasterSource(GdalSourceSpec spec, const RasterSourceOptions& options, OGRSpatialReference projectSrs);
    data::Result<DatasetPtr> openDataset(int overviewLevel) const;
    data::Status validate();

    GdalSourceSpec m_spec;
    RasterSourceOptions m_options;
    OGRSpatialReference m_projectSrs;
    data::RasterSourceInfo m_info;
    bool m_readDirectly = false; //!< already in the project CRS, north-up: window reads, no warp
    mutable DatasetPool m_pool;
};

} // namespace citytwin::gis
