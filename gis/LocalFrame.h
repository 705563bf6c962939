#pragma once

#include "data/Points.h"
#include "data/Project.h"
#include "data/Result.h"
#include "gis/CrsTransformer.h"

namespace citytwin::gis {

//! The project's frames in one place: geographic (CGCS2000 lon/lat, EPSG:4490) ↔ projected ↔ local.
//! One instance per thread (it owns PROJ objects).
class LocalFrame
{
public:
    static data::Result<LocalFrame> create(const data::Project& project);

    data::Result<data::GeoPoint> toGeographic(const data::LocalPoint& p) const;
    data::Result<data::LocalPoint> fromGeographic(const data::GeoPoint& g) const;
    data::ProjectedPoint toProjected(const data::LocalPoint& p) const;
    data::LocalPoint toLocal(const data::ProjectedPoint& p) const;

    //! The project CRS ("EPSG:nnnn", WKT or PROJ string) the projected points are in.
    const QString& projectCrs() const { return m_projectedToGeo.sourceCrs(); }
    const data::ProjectedPoint& origin() const { return m_origin; }

    //! CGCS2000 geographic, the frame GeoPoint values are in.
    static constexpr const char* kGeographicCrs = "EPSG:4490";

private:
    LocalFrame(data::ProjectedPoint origin, CrsTransformer toGeo);

    data::ProjectedPoint m_origin;
    CrsTransformer m_projectedToGeo;
};

} // namespace citytwin::gis
