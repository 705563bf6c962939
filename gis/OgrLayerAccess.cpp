#include "gis/OgrLayerAccess.h"

#include "gis/GdalErrorCapture.h"

#include <QLocale>
#include <QStringList>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace citytwin::gis {

using data::Result;
using data::Status;

Result<OGRLayer*> pickVectorLayer(GDALDataset& ds, const QString& layerName, const QString& path)
{
    if (layerName.isEmpty()) {
        if (OGRLayer* first = ds.GetLayer(0))
            return first;
        return Status::error(Status::Code::NotFound, QStringLiteral("%1: no vector layer").arg(path));
    }
    if (OGRLayer* layer = ds.GetLayerByName(layerName.toUtf8().constData()))
        return layer;
    QStringList names;
    for (int i = 0; i < ds.GetLayerCount(); ++i)
        names << QString::fromUtf8(ds.GetLayer(i)->GetName());
    return Status::error(Status::Code::NotFound, QStringLiteral("%1: no layer \"%2\" (it has: %3)")
                                                     .arg(path, layerName, names.join(QStringLiteral(", "))));
}

QString ogrFieldText(OGRFeature& feature, int index)
{
    if (!feature.IsFieldSetAndNotNull(index))
        return {};
    if (feature.GetFieldDefnRef(index)->GetType() == OFTReal) {
        // GDAL's "%.15g" shows 12.300000000000001; the shortest round-trip form reads better.
        return QString::number(feature.GetFieldAsDouble(index), 'g', QLocale::FloatingPointShortest);
    }
    return QString::fromUtf8(feature.GetFieldAsString(index));
}

int polygonPartCount(const OGRGeometry* geom)
{
    if (!geom || geom->IsEmpty())
        return 0;
    auto isPolygon = [](OGRwkbGeometryType t) { return t == wkbPolygon || t == wkbCurvePolygon; };
    const OGRwkbGeometryType type = wkbFlatten(geom->getGeometryType());
    if (isPolygon(type))
        return 1;
    // Curved members are stroked to polygons by FootprintReader, so they count like polygons.
    if (type == wkbMultiPolygon || type == wkbMultiSurface || type == wkbGeometryCollection) {
        int parts = 0;
        for (const OGRGeometry* part : *geom->toGeometryCollection())
            parts += isPolygon(wkbFlatten(part->getGeometryType())) ? 1 : 0;
        return parts;
    }
    return 0;
}

int featurePartCount(const OGRGeometry* geom)
{
    if (const int polygons = polygonPartCount(geom))
        return polygons;
    if (!geom || geom->IsEmpty())
        return 0;
    // Curves are stroked to line strings one for one by linearGeometryOf(), so they count as lines.
    auto isLine = [](OGRwkbGeometryType t) {
        return t == wkbLineString || t == wkbCircularString || t == wkbCompoundCurve;
    };
    const OGRwkbGeometryType type = wkbFlatten(geom->getGeometryType());
    if (isLine(type) || type == wkbPoint)
        return 1;
    if (!OGR_GT_IsSubClassOf(type, wkbGeometryCollection))
        return 0;
    int lines = 0;
    int points = 0;
    for (const OGRGeometry* part : *geom->toGeometryCollection()) {
        const OGRwkbGeometryType t = wkbFlatten(part->getGeometryType());
        lines += isLine(t) ? 1 : 0;
        points += t == wkbPoint ? 1 : 0;
    }
    return lines > 0 ? lines : points;
}

FeatureGeometry linearGeometryOf(OGRFeature& feature, std::int64_t sequence)
{
    FeatureGeometry out;
    out.fid = feature.GetFID() != OGRNullFID ? feature.GetFID() : sequence;
    const OGRGeometry* raw = feature.GetGeometryRef();
    if (!raw)
        out.skipReason = QStringLiteral("no geometry");
    else if (raw->IsEmpty())
        out.skipReason = QStringLiteral("empty geometry");
    else // curves are stroked; everything else is cloned because transform() works in place
        out.geom.reset(OGR_GT_IsNonLinear(raw->getGeometryType()) ? raw->getLinearGeometry() : raw->clone());
    return out;
}

std::vector<const OGRGeometry*> geometryParts(const OGRGeometry& geom, OGRwkbGeometryType partType)
{
    std::vector<const OGRGeometry*> out;
    const OGRwkbGeometryType type = wkbFlatten(geom.getGeometryType());
    if (type == partType) {
        out.push_back(&geom);
    } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
        for (const OGRGeometry* part : *geom.toGeometryCollection())
            if (wkbFlatten(part->getGeometryType()) == partType)
                out.push_back(part);
    }
    return out;
}

bool transformFeatureGeometry(OGRGeometry& geom, OGRCoordinateTransformation* ct)
{
    if (!ct)
        return true;
    GdalErrorCapture transformErrors;
    return geom.transform(ct) == OGRERR_NONE;
}

void recordSkip(int& skipped, QStringList& reasons, std::int64_t fid, const QString& why, int maxReasons)
{
    ++skipped;
    if (reasons.size() < maxReasons)
        reasons << QStringLiteral("feature %1: %2").arg(fid).arg(why);
}

} // namespace citytwin::gis
