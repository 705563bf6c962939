#include "gis/ModelPlacementFrame.h"

#include "gis/CrsTransformer.h"
#include "gis/LocalFrame.h"
#include "gis/ThreadCrsCache.h"

#include <cmath>
#include <geodesic.h>
#include <numbers>
#include <vector>

namespace citytwin::gis {

using data::ProjectedPoint;
using data::Result;
using data::Status;

namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

//! Grid convergence and point scale of the projected CRS at a geographic point. Measured rather
//! than asked for: PROJ 9.1's proj_factors() mis-handles the unit/axis steps of an EPSG projected
//! CRS (it returned k = 9.7e6 for EPSG:4549), so the frame steps a few metres along the true
//! north and east geodesics and sees where PROJ puts them (central differences: the error is of
//! the order of the step squared times the change of scale, far below a millimetre per km).
struct ProjectionFactors
{
    double convergenceDeg = 0.0; //!< clockwise angle of true north seen from grid north
    double pointScale = 1.0;
};

Result<ProjectionFactors> projectionFactors(const CrsTransformer& toProject, double lonDeg, double latDeg)
{
    // EPSG:4490 (LocalFrame::kGeographicCrs) is CGCS2000, whose ellipsoid is GRS80's a and f.
    geod_geodesic geodesic;
    geod_init(&geodesic, 6378137.0, 1.0 / 298.257222101);
    constexpr double kStep = 5.0;
    std::vector<ProjectedPoint> points;
    for (const double azimuth : {0.0, 180.0, 90.0, 270.0}) {
        double lat = 0.0;
        double lon = 0.0;
        geod_direct(&geodesic, latDeg, lonDeg, azimuth, kStep, &lat, &lon, nullptr);
        points.push_back({lon, lat, 0.0});
    }
    if (Status s = toProject.forwardInPlace(points); !s)
        return s.withContext(QStringLiteral("scale factors at the placement origin"));
    const double northX = points[0].x - points[1].x;
    const double northY = points[0].y - points[1].y;
    const double eastX = points[2].x - points[3].x;
    const double eastY = points[2].y - points[3].y;
    ProjectionFactors out;
    out.convergenceDeg = std::atan2(northX, northY) / kDegToRad;
    // Conformal projections (Gauss–Krüger, UTM) scale both ways alike; for others the geometric
    // mean keeps areas right, which is the most a single factor can do.
    out.pointScale = std::sqrt(std::hypot(northX, northY) * std::hypot(eastX, eastY)) / (2.0 * kStep);
    // A geographic or feet-based "project CRS" would give degrees or a factor of 3.28: neither
    // is a frame metre-based models can be placed in.
    if (!std::isfinite(out.pointScale) || out.pointScale < 0.1 || out.pointScale > 10.0)
        return Status::error(
            Status::Code::Unsupported,
            QStringLiteral("project CRS \"%1\" is not a projected CRS in metres at lon %2 lat %3")
                .arg(toProject.targetCrs())
                .arg(lonDeg)
                .arg(latDeg));
    return out;
}

} // namespace

Result<ModelPlacementFrame> ModelPlacementFrame::create(const data::ModelPlacement& placement,
                                                        const QString& projectCrs)
{
    const data::GeoPoint& o = placement.origin;
    if (!std::isfinite(o.lon) || !std::isfinite(o.lat) || o.lon < -180.0 || o.lon > 180.0 || o.lat < -90.0 ||
        o.lat > 90.0)
        return Status::error(
            Status::Code::InvalidArgument,
            QStringLiteral("placement origin lon %1 lat %2 is not a valid longitude/latitude")
                .arg(o.lon)
                .arg(o.lat));
    if (!std::isfinite(o.height) || !std::isfinite(placement.rotationDeg))
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("placement height %1 / rotation %2 must be finite")
                                 .arg(o.height)
                                 .arg(placement.rotationDeg));
    if (!std::isfinite(placement.scale) || placement.scale <= 0.0)
        return Status::error(
            Status::Code::InvalidArgument,
            QStringLiteral("placement scale %1 must be a positive number").arg(placement.scale));

    auto cached = threadCrsTransformer(QString::fromLatin1(LocalFrame::kGeographicCrs), projectCrs);
    if (!cached)
        return cached.status();
    const CrsTransformer* toProject = *cached;
    auto origin = toProject->forward({o.lon, o.lat, 0.0});
    if (!origin)
        return origin.status().withContext(QStringLiteral("placement origin"));
    auto factors = projectionFactors(*toProject, o.lon, o.lat);
    if (!factors)
        return factors.status();

    ModelPlacementFrame frame;
    frame.m_placement = placement;
    // Heights are not touched by a map projection: the origin keeps the placement height.
    frame.m_origin = {origin->x, origin->y, o.height};
    frame.m_convergenceDeg = factors->convergenceDeg;
    frame.m_pointScale = factors->pointScale;
    // The model's +y is ROTATIONDEG clockwise from true north, which itself is CONVERGENCE
    // clockwise from grid north.
    const double total = (placement.rotationDeg + frame.m_convergenceDeg) * kDegToRad;
    frame.m_cos = std::cos(total);
    frame.m_sin = std::sin(total);
    return frame;
}

ProjectedPoint ModelPlacementFrame::toProjected(double x, double y, double z) const
{
    // Horizontal metres on the ground become grid metres through the point scale; vertical
    // metres stay metres.
    const double h = m_placement.scale * m_pointScale;
    return {m_origin.x + h * (x * m_cos + y * m_sin), m_origin.y + h * (-x * m_sin + y * m_cos),
            m_origin.z + m_placement.scale * z};
}

void ModelPlacementFrame::rotateDirection(float& x, float& y, float& z) const
{
    const double rx = x * m_cos + y * m_sin;
    const double ry = -x * m_sin + y * m_cos;
    x = static_cast<float>(rx);
    y = static_cast<float>(ry);
    (void)z; // a rotation about the vertical axis leaves z alone
}

QString ModelPlacementFrame::description() const
{
    QString text = QStringLiteral("placed: lon %1 lat %2 h %3 rot %4")
                       .arg(m_placement.origin.lon, 0, 'f', 6)
                       .arg(m_placement.origin.lat, 0, 'f', 6)
                       .arg(m_placement.origin.height, 0, 'f', 1)
                       .arg(m_placement.rotationDeg, 0, 'f', 1);
    if (m_placement.scale != 1.0)
        text += QStringLiteral(" scale %1").arg(m_placement.scale);
    return text;
}

} // namespace citytwin::gis
