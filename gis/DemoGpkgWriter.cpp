#include "gis/DemoGpkgWriter.h"

#include "gis/DemoGdal.h"

#include <QFile>

namespace citytwin::gis::demo {

using data::Status;

Status GpkgWriter::fail(const QString& what)
{
    return Status::error(
        Status::Code::IoError,
        QStringLiteral("%1: %2 (%3)").arg(m_path, what, m_errors.summary(QStringLiteral("GDAL"))));
}

Status GpkgWriter::open(const QString& path, const char* layer, OGRwkbGeometryType geometryType,
                        const std::vector<Field>& fields)
{
    m_path = path;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver)
        return Status::error(Status::Code::Unsupported, path + QStringLiteral(": GDAL has no GPKG driver"));
    QFile::remove(path);
    m_ds.reset(driver->Create(path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!m_ds)
        return fail(QStringLiteral("cannot create the GeoPackage"));
    OGRSpatialReference srs = projectSrs();
    const char* options[] = {"FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES", nullptr};
    m_layer = m_ds->CreateLayer(layer, &srs, geometryType, const_cast<char**>(options));
    if (!m_layer)
        return fail(QStringLiteral("cannot create layer %1").arg(QLatin1String(layer)));
    for (const Field& f : fields) {
        OGRFieldDefn defn(f.name, f.type);
        if (m_layer->CreateField(&defn) != OGRERR_NONE)
            return fail(QStringLiteral("cannot create field %1").arg(QLatin1String(f.name)));
    }
    if (m_ds->StartTransaction() != OGRERR_NONE)
        return fail(QStringLiteral("cannot start a transaction"));
    return Status::ok();
}

OGRFeature* GpkgWriter::newFeature()
{
    return OGRFeature::CreateFeature(m_layer->GetLayerDefn());
}

Status GpkgWriter::add(OGRFeature* feature, GIntBig fid)
{
    feature->SetFID(fid);
    const OGRErr err = m_layer->CreateFeature(feature);
    OGRFeature::DestroyFeature(feature);
    if (err != OGRERR_NONE)
        return fail(QStringLiteral("writing feature %1 failed").arg(fid));
    return Status::ok();
}

Status GpkgWriter::finish()
{
    if (m_ds->CommitTransaction() != OGRERR_NONE)
        return fail(QStringLiteral("commit failed"));
    m_ds.reset();
    if (m_errors.hasErrors())
        return fail(QStringLiteral("closing failed"));
    return Status::ok();
}

void GpkgWriter::abandon()
{
    if (m_ds) {
        m_ds->RollbackTransaction();
        m_ds.reset();
    }
    QFile::remove(m_path);
}

} // namespace citytwin::gis::demo
