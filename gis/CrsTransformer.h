#pragma once

#include "data/Points.h"
#include "data/Result.h"

#include <QString>
#include <memory>
#include <vector>

namespace citytwin::gis {

//! Transforms coordinates between two CRSs with PROJ, axis order normalised
//! (x = east/lon, y = north/lat, whatever the CRS definition says).
//! Not shareable between threads: each thread creates (or clone()s) its own — one PJ per thread.
class CrsTransformer
{
public:
    //! SOURCE/TARGET: "EPSG:nnnn", WKT, or a PROJ string.
    static data::Result<CrsTransformer> create(const QString& sourceCrs, const QString& targetCrs);

    CrsTransformer(CrsTransformer&&) noexcept;
    CrsTransformer& operator=(CrsTransformer&&) noexcept;
    ~CrsTransformer();

    data::Result<CrsTransformer> clone() const;

    data::Result<data::ProjectedPoint> forward(const data::ProjectedPoint& p) const;
    data::Result<data::ProjectedPoint> inverse(const data::ProjectedPoint& p) const;
    //! Forward-transforms POINTS in place; fails (leaving them unspecified) if any point fails.
    data::Status forwardInPlace(std::vector<data::ProjectedPoint>& points) const;

    const QString& sourceCrs() const { return m_source; }
    const QString& targetCrs() const { return m_target; }

private:
    struct Impl;
    CrsTransformer(QString source, QString target, std::unique_ptr<Impl> impl);

    QString m_source;
    QString m_target;
    std::unique_ptr<Impl> m_impl;
};

} // namespace citytwin::gis
