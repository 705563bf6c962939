#include "gis/IfcGeoreference.h"

#include "gis/CrsTransformer.h"
#include "gis/IfcFile.h"

#include <QRegularExpression>
#include <cmath>
#include <ifcpp/IFC4/include/IfcCompoundPlaneAngleMeasure.h>
#include <ifcpp/IFC4/include/IfcCoordinateReferenceSystem.h>
#include <ifcpp/IFC4/include/IfcDirection.h>
#include <ifcpp/IFC4/include/IfcGeometricRepresentationContext.h>
#include <ifcpp/IFC4/include/IfcLabel.h>
#include <ifcpp/IFC4/include/IfcLengthMeasure.h>
#include <ifcpp/IFC4/include/IfcMapConversion.h>
#include <ifcpp/IFC4/include/IfcReal.h>
#include <ifcpp/IFC4/include/IfcSite.h>
#include <ifcpp/model/BuildingModel.h>
#include <numbers>

namespace citytwin::gis {

using data::Result;
using data::Status;

namespace {

//! Degrees of an IfcCompoundPlaneAngleMeasure (degrees, minutes, seconds, millionths of a
//! second; all with the sign of the angle).
std::optional<double> degrees(const shared_ptr<IfcCompoundPlaneAngleMeasure>& m)
{
    if (!m || m->m_vec.size() < 3)
        return std::nullopt;
    const std::vector<int>& v = m->m_vec;
    const double micro = v.size() > 3 ? v[3] : 0.0;
    return v[0] + v[1] / 60.0 + (v[2] + micro * 1e-6) / 3600.0;
}

//! Degrees the model's +y axis is turned clockwise from true north, from TrueNorth (the
//! direction of true north in model x/y).
double rotationFromTrueNorth(const BuildingModel& model)
{
    for (const auto& [id, entity] : model.getMapIfcEntities()) {
        const auto context = dynamic_pointer_cast<IfcGeometricRepresentationContext>(entity);
        if (!context || !context->m_TrueNorth || context->m_TrueNorth->m_DirectionRatios.size() < 2)
            continue;
        const auto& r = context->m_TrueNorth->m_DirectionRatios;
        if (!r[0] || !r[1] || (r[0]->m_value == 0.0 && r[1]->m_value == 0.0))
            continue;
        return std::atan2(-r[0]->m_value, r[1]->m_value) * 180.0 / std::numbers::pi;
    }
    return 0.0;
}

//! "EPSG:31256" from the names exporters write: "EPSG:31256", "epsg:31256", "31256", a URN.
QString crsName(const QString& name)
{
    static const QRegularExpression digits(QStringLiteral("^\\d+$"));
    const QString n = name.trimmed();
    if (digits.match(n).hasMatch())
        return QStringLiteral("EPSG:") + n;
    return n;
}

double value(const shared_ptr<IfcLengthMeasure>& v, double fallback = 0.0)
{
    return v ? v->m_value : fallback;
}

} // namespace

IfcGeoreference::IfcGeoreference() = default;
IfcGeoreference::~IfcGeoreference() = default;
IfcGeoreference::IfcGeoreference(IfcGeoreference&&) noexcept = default;
IfcGeoreference& IfcGeoreference::operator=(IfcGeoreference&&) noexcept = default;

Result<IfcGeoreference> IfcGeoreference::create(const IfcFile& file, const ModelReadOptions& options)
{
    IfcGeoreference g;
    if (options.placement) {
        auto frame = ModelPlacementFrame::create(*options.placement, options.projectCrs);
        if (!frame)
            return frame.status();
        g.m_description = frame->description();
        g.m_frame = std::move(frame.value());
        return g;
    }
    const BuildingModel& model = *file.model;
    for (const auto& [id, entity] : model.getMapIfcEntities()) {
        const auto conversion = dynamic_pointer_cast<IfcMapConversion>(entity);
        if (!conversion || !conversion->m_TargetCRS || !conversion->m_TargetCRS->m_Name)
            continue;
        const QString crs = crsName(QString::fromStdWString(conversion->m_TargetCRS->m_Name->m_value));
        if (crs != options.projectCrs) {
            auto transformer = CrsTransformer::create(crs, options.projectCrs);
            if (!transformer)
                return transformer.status().withContext(
                    QStringLiteral("IfcMapConversion target CRS %1").arg(crs));
            g.m_toProject = std::make_unique<CrsTransformer>(std::move(transformer.value()));
        }
        g.m_eastings = value(conversion->m_Eastings);
        g.m_northings = value(conversion->m_Northings);
        g.m_height = value(conversion->m_OrthogonalHeight);
        const double a = conversion->m_XAxisAbscissa ? conversion->m_XAxisAbscissa->m_value : 1.0;
        const double b = conversion->m_XAxisOrdinate ? conversion->m_XAxisOrdinate->m_value : 0.0;
        const double len = std::hypot(a, b);
        if (len > 0.0) {
            g.m_cos = a / len;
            g.m_sin = b / len;
        }
        // Scale maps project length units to map units (metres assumed); our coordinates are
        // metres already. Exporters often omit it for millimetre files: a result far from 1
        // means the file disagrees with itself, and metres are the safer reading.
        const double scale = (conversion->m_Scale ? conversion->m_Scale->m_value : 1.0) / file.lengthToMetre;
        if (scale > 0.5 && scale < 2.0) {
            g.m_scale = scale;
        } else {
            g.m_warnings.append(
                QStringLiteral("IfcMapConversion scale %1 ignored (map units taken as metres)")
                    .arg(scale * file.lengthToMetre));
        }
        g.m_description = QStringLiteral("%1 (IfcMapConversion E %2 N %3 H %4)")
                              .arg(crs)
                              .arg(g.m_eastings, 0, 'f', 3)
                              .arg(g.m_northings, 0, 'f', 3)
                              .arg(g.m_height, 0, 'f', 3);
        return g;
    }
    for (const auto& [id, entity] : model.getMapIfcEntities()) {
        const auto site = dynamic_pointer_cast<IfcSite>(entity);
        if (!site)
            continue;
        const std::optional<double> lat = degrees(site->m_RefLatitude);
        const std::optional<double> lon = degrees(site->m_RefLongitude);
        if (!lat || !lon || std::abs(*lat) > 90.0 || std::abs(*lon) > 180.0)
            continue;
        data::ModelPlacement placement;
        placement.origin = data::GeoPoint{*lon, *lat, value(site->m_RefElevation) * file.lengthToMetre};
        placement.rotationDeg = rotationFromTrueNorth(model);
        auto frame = ModelPlacementFrame::create(placement, options.projectCrs);
        if (!frame)
            return frame.status().withContext(QStringLiteral("IfcSite reference point"));
        g.m_description = QStringLiteral("IfcSite ") + frame->description();
        g.m_frame = std::move(frame.value());
        return g;
    }
    return Status::error(
        Status::Code::InvalidArgument,
        QStringLiteral("no georeference (IfcSite has no RefLatitude/RefLongitude): give a placement"));
}

std::optional<data::ProjectedPoint> IfcGeoreference::toProjected(double x, double y, double z) const
{
    if (m_frame)
        return m_frame->toProjected(x, y, z);
    const data::ProjectedPoint map{m_eastings + m_scale * (m_cos * x - m_sin * y),
                                   m_northings + m_scale * (m_sin * x + m_cos * y), m_height + m_scale * z};
    if (!m_toProject)
        return map;
    auto p = m_toProject->forward(map);
    if (!p)
        return std::nullopt;
    return p.value();
}

} // namespace citytwin::gis
