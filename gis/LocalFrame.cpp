#include "gis/LocalFrame.h"

namespace citytwin::gis {

using data::GeoPoint;
using data::LocalPoint;
using data::ProjectedPoint;
using data::Result;

Result<LocalFrame> LocalFrame::create(const data::Project& project)
{
    auto toGeo = CrsTransformer::create(project.crs, QString::fromLatin1(kGeographicCrs));
    if (!toGeo)
        return toGeo.status().withContext(QStringLiteral("project \"%1\"").arg(project.name));
    return LocalFrame(project.origin, std::move(toGeo).value());
}

LocalFrame::LocalFrame(ProjectedPoint origin, CrsTransformer toGeo)
    : m_origin(origin), m_projectedToGeo(std::move(toGeo))
{
}

Result<GeoPoint> LocalFrame::toGeographic(const LocalPoint& p) const
{
    auto geo = m_projectedToGeo.forward(toProjected(p));
    if (!geo)
        return geo.status();
    return GeoPoint{geo->x, geo->y, geo->z};
}

Result<LocalPoint> LocalFrame::fromGeographic(const GeoPoint& g) const
{
    auto projected = m_projectedToGeo.inverse(ProjectedPoint{g.lon, g.lat, g.height});
    if (!projected)
        return projected.status();
    return toLocal(*projected);
}

ProjectedPoint LocalFrame::toProjected(const LocalPoint& p) const
{
    return {p.x + m_origin.x, p.y + m_origin.y, p.z + m_origin.z};
}

LocalPoint LocalFrame::toLocal(const ProjectedPoint& p) const
{
    return {p.x - m_origin.x, p.y - m_origin.y, p.z - m_origin.z};
}

} // namespace citytwin::gis
