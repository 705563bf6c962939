#include "gis/FeatureAttributes.h"

#include "gis/GdalOpen.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QLocale>
#include <memory>

namespace citytwin::gis {

using data::Result;
using data::Status;

namespace {

//! FootprintReader's id of part P of a multipolygon feature F: F * 1000 + P.
constexpr std::int64_t kPartIdFactor = 1000;

struct FeatureDeleter
{
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};

QString fieldText(OGRFeature& feature, int index)
{
    if (!feature.IsFieldSetAndNotNull(index))
        return {};
    const OGRFieldType type = feature.GetFieldDefnRef(index)->GetType();
    if (type == OFTReal) {
        // GDAL's "%.15g" shows 12.300000000000001; the shortest round-trip form reads better.
        return QString::number(feature.GetFieldAsDouble(index), 'g', QLocale::FloatingPointShortest);
    }
    return QString::fromUtf8(feature.GetFieldAsString(index));
}

} // namespace

Result<FeatureAttributes> readFeatureAttributes(const QString& path, std::int64_t fid, const QString& layerName)
{
    auto ds = openVectorDataset(path);
    if (!ds)
        return ds.status();
    OGRLayer* layer = layerName.isEmpty() ? (*ds)->GetLayer(0) : (*ds)->GetLayerByName(layerName.toUtf8().constData());
    if (!layer)
        return Status::error(Status::Code::NotFound,
                             layerName.isEmpty() ? QStringLiteral("%1: no vector layer").arg(path)
                                                 : QStringLiteral("%1: no layer \"%2\"").arg(path, layerName));
    std::unique_ptr<OGRFeature, FeatureDeleter> feature(layer->GetFeature(GIntBig(fid)));
    if (!feature)
        return Status::error(Status::Code::NotFound,
                             QStringLiteral("%1: layer \"%2\" has no feature %3")
                                 .arg(path, QString::fromUtf8(layer->GetName()))
                                 .arg(fid));
    FeatureAttributes out;
    out.fid = fid;
    out.layerName = QString::fromUtf8(layer->GetName());
    if (const OGRGeometry* geom = feature->GetGeometryRef()) {
        out.geometryType = QString::fromUtf8(OGRGeometryTypeToName(geom->getGeometryType()));
        const OGRwkbGeometryType flat = wkbFlatten(geom->getGeometryType());
        if (flat == wkbPolygon || flat == wkbMultiPolygon || flat == wkbCurvePolygon || flat == wkbMultiSurface)
            out.areaM2 = OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(geom)));
    }
    const int count = feature->GetFieldCount();
    out.fields.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        out.fields.emplace_back(QString::fromUtf8(feature->GetFieldDefnRef(i)->GetNameRef()),
                                fieldText(*feature, i));
    return out;
}

Result<FeatureAttributes> readFootprintAttributes(const QString& path, std::int64_t footprintId,
                                                  const QString& layerName)
{
    auto direct = readFeatureAttributes(path, footprintId, layerName);
    if (direct || direct.status().code() != Status::Code::NotFound || footprintId < kPartIdFactor)
        return direct;
    auto whole = readFeatureAttributes(path, footprintId / kPartIdFactor, layerName);
    // Only a multipolygon can have produced a part id; anything else means the id is just missing.
    if (whole && whole.value().geometryType.contains(QLatin1String("Multi")))
        return whole;
    return direct;
}

} // namespace citytwin::gis
