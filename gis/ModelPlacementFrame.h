#pragma once

#include "data/Model.h"
#include "data/Points.h"
#include "data/Result.h"

#include <QString>
#include <memory>

namespace citytwin::gis {

//! Turns a model's local metres (x east, y north, z up, after any y-up conversion) into the
//! project CRS for a ModelPlacement: the placement origin goes through PROJ (CGCS2000 lon/lat →
//! project CRS) once; local offsets are rotated by the placement rotation plus the grid
//! convergence at the origin (so the model's +y follows TRUE north, not grid north), scaled by
//! the placement scale times the projection's point scale factor, and added (heights: the placement scale
//! only). Exact at the origin; for a 1 km model in a Gauss–Krüger zone the error stays far below 1 cm.
//! Copyable and thread-safe after creation (no PROJ objects kept).
class ModelPlacementFrame
{
public:
    static data::Result<ModelPlacementFrame> create(const data::ModelPlacement& placement,
                                                    const QString& projectCrs);

    data::ProjectedPoint toProjected(double x, double y, double z) const;
    //! Rotates a local direction (normals) into the project frame (unit length kept).
    void rotateDirection(float& x, float& y, float& z) const;

    const data::ProjectedPoint& origin() const { return m_origin; }
    //! Convergence at the origin, degrees: true north minus grid north, i.e. the clockwise angle of
    //! true north seen from grid north (negative east of the central meridian in the north).
    double convergenceDeg() const { return m_convergenceDeg; }
    //! "placed: lon 121.000000 lat 30.700000 h 4.0 rot 0.0" — for Model::sourceCrs.
    QString description() const;

private:
    data::ModelPlacement m_placement;
    data::ProjectedPoint m_origin;
    double m_convergenceDeg = 0.0;
    double m_pointScale = 1.0;
    double m_cos = 1.0; //!< of the total rotation from local to grid axes
    double m_sin = 0.0;
};

} // namespace citytwin::gis
