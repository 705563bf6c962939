#include "gis/VectorInspect.h"

#include "gis/GdalOpen.h"
#include "gis/OgrLayerAccess.h"

#include <ogrsf_frmts.h>

namespace citytwin::gis {

namespace {

VectorGeometry classify(OGRwkbGeometryType type)
{
    switch (wkbFlatten(type)) {
    case wkbPoint:
    case wkbMultiPoint:
        return VectorGeometry::Point;
    case wkbLineString:
    case wkbMultiLineString:
    case wkbCircularString:
    case wkbCompoundCurve:
    case wkbMultiCurve:
        return VectorGeometry::Line;
    case wkbPolygon:
    case wkbMultiPolygon:
    case wkbCurvePolygon:
    case wkbMultiSurface:
        return VectorGeometry::Polygon;
    default:
        return VectorGeometry::Other;
    }
}

} // namespace

data::Result<VectorGeometry> inspectVectorGeometry(const QString& path)
{
    auto ds = openVectorDataset(path);
    if (!ds)
        return ds.status();
    auto layer = pickVectorLayer(**ds, {}, path);
    if (!layer)
        return layer.status();
    const OGRwkbGeometryType declared = (*layer)->GetGeomType();
    if (wkbFlatten(declared) != wkbUnknown)
        return classify(declared);
    // GeoJSON and some Shapefiles declare nothing: the first feature with a geometry decides.
    (*layer)->ResetReading();
    for (int i = 0; i < 100; ++i) {
        OGRFeatureUniquePtr feature((*layer)->GetNextFeature());
        if (!feature)
            break;
        if (const OGRGeometry* geom = feature->GetGeometryRef())
            return classify(geom->getGeometryType());
    }
    return VectorGeometry::Other;
}

} // namespace citytwin::gis
