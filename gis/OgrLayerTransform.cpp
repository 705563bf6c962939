#include "gis/OgrLayerTransform.h"

#include "gis/GdalErrorCapture.h"
#include "gis/GdalSrs.h"

#include <ogrsf_frmts.h>

namespace citytwin::gis {

using data::Result;
using data::Status;

Result<CoordinateTransformationPtr> layerToProjectTransform(OGRLayer& layer, const QString& projectCrs,
                                                            const QString& assumedSourceCrs,
                                                            const QString& path, const QString& what)
{
    auto dst = projectSrs(projectCrs);
    if (!dst)
        return dst.status().withContext(path);
    OGRSpatialReference src;
    if (const OGRSpatialReference* declared = layer.GetSpatialRef(); declared && !declared->IsEmpty()) {
        src = *declared;
    } else if (!assumedSourceCrs.isEmpty()) {
        auto assumed = projectSrs(assumedSourceCrs);
        if (!assumed)
            return assumed.status().withContext(path);
        src = *assumed;
    } else {
        return Status::error(
            Status::Code::Unsupported,
            QStringLiteral("%1: layer \"%2\" has no coordinate reference system (a Shapefile "
                           "without .prj?), so its %3 cannot be placed")
                .arg(path, QString::fromUtf8(layer.GetName()), what));
    }
    // Coordinates in OGR layers are x = east/lon whatever the CRS definition's axis order says.
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (src.IsSame(&*dst))
        return CoordinateTransformationPtr();
    GdalErrorCapture errors;
    CoordinateTransformationPtr ct(OGRCreateCoordinateTransformation(&src, &*dst));
    if (!ct)
        return Status::error(Status::Code::Unsupported,
                             QStringLiteral("%1: cannot transform from %2 to %3 (%4)")
                                 .arg(path, srsName(&src), projectCrs, errors.summary()));
    return ct;
}

} // namespace citytwin::gis
