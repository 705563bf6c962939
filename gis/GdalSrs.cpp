#include "gis/GdalSrs.h"

#include "gis/GdalEnvironment.h"
#include "gis/GdalErrorCapture.h"

namespace citytwin::gis {

using data::Result;
using data::Status;

Result<OGRSpatialReference> projectSrs(const QString& crs)
{
    ensureGdalRegistered();
    GdalErrorCapture errors;
    OGRSpatialReference srs;
    if (crs.trimmed().isEmpty() || srs.SetFromUserInput(crs.toUtf8().constData()) != OGRERR_NONE)
        return Status::error(Status::Code::Unsupported,
                             QStringLiteral("project CRS \"%1\" is not a CRS GDAL knows (%2)")
                                 .arg(crs, errors.summary(QStringLiteral("unrecognised"))));
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

QString srsName(const OGRSpatialReference* srs)
{
    if (!srs)
        return QStringLiteral("(none)");
    const char* authority = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    if (authority && code)
        return QStringLiteral("%1:%2").arg(QString::fromUtf8(authority), QString::fromUtf8(code));
    const char* name = srs->GetName();
    return name ? QString::fromUtf8(name) : QStringLiteral("(unnamed CRS)");
}

} // namespace citytwin::gis
