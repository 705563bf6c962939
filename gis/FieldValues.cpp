#include "gis/FieldValues.h"

#include "gis/GdalErrorCapture.h"
#include "gis/GdalOpen.h"
#include "gis/OgrLayerAccess.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace citytwin::gis {

using data::Result;
using data::Status;

Result<QStringList> readFieldNames(const QString& path, const QString& layerName)
{
    auto ds = openVectorDataset(path);
    if (!ds)
        return ds.status();
    auto layer = pickVectorLayer(**ds, layerName, path);
    if (!layer)
        return layer.status();
    OGRFeatureDefn& defn = *(*layer)->GetLayerDefn();
    QStringList names;
    for (int i = 0; i < defn.GetFieldCount(); ++i)
        names << QString::fromUtf8(defn.GetFieldDefn(i)->GetNameRef());
    return names;
}

Result<std::vector<std::pair<std::int64_t, QString>>>
readFieldValues(const QString& path, const QString& field, const QString& layerName)
{
    auto ds = openVectorDataset(path);
    if (!ds)
        return ds.status();
    auto layer = pickVectorLayer(**ds, layerName, path);
    if (!layer)
        return layer.status();
    OGRLayer& l = **layer;
    const int index = l.GetLayerDefn()->GetFieldIndex(field.toUtf8().constData());
    if (index < 0)
        return Status::error(Status::Code::NotFound, QStringLiteral("%1: layer \"%2\" has no field \"%3\"")
                                                         .arg(path, QString::fromUtf8(l.GetName()), field));
    // Only the one field is needed: OGR then skips decoding the others (GPKG, Shapefile honour it).
    QStringList ignored;
    OGRFeatureDefn& defn = *l.GetLayerDefn();
    for (int i = 0; i < defn.GetFieldCount(); ++i)
        if (i != index)
            ignored << QString::fromUtf8(defn.GetFieldDefn(i)->GetNameRef());
    std::vector<QByteArray> ignoredUtf8;
    std::vector<const char*> ignoredList;
    for (const QString& name : ignored)
        ignoredUtf8.push_back(name.toUtf8());
    for (const QByteArray& name : ignoredUtf8)
        ignoredList.push_back(name.constData());
    ignoredList.push_back(nullptr);
    l.SetIgnoredFields(ignoredList.data());

    std::vector<std::pair<std::int64_t, QString>> out;
    GdalErrorCapture errors;
    l.ResetReading();
    std::int64_t sequence = 0;
    for (auto& feature : l) {
        // Same fallback as FootprintReader for drivers without FIDs: the read order.
        const std::int64_t fid = feature->GetFID() != OGRNullFID ? feature->GetFID() : sequence;
        ++sequence;
        const int parts = featurePartCount(feature->GetGeometryRef());
        if (parts == 0)
            continue; // no reader makes a feature from it, so nothing can be styled
        const QString value = ogrFieldText(*feature, index);
        if (parts == 1) {
            out.emplace_back(fid, value);
            continue;
        }
        for (int p = 0; p < parts; ++p)
            out.emplace_back(fid * kFootprintPartIdFactor + p, value);
    }
    l.SetIgnoredFields(nullptr);
    if (errors.hasErrors()) // a truncated file: values for half the buildings would mislead the legend
        return Status::error(
            Status::Code::FormatError,
            QStringLiteral("%1: reading failed after %2 features, the file is truncated or corrupt (%3)")
                .arg(path)
                .arg(sequence)
                .arg(errors.errors()));
    return out;
}

} // namespace citytwin::gis
