#include "gis/DemoGdal.h"

#include "gis/GdalErrorCapture.h"
#include "gis/GdalHandles.h"

#include <cpl_string.h>

namespace citytwin::gis::demo {

using data::Status;

OGRSpatialReference projectSrs()
{
    OGRSpatialReference srs;
    srs.importFromEPSG(4549);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

Status writeGeoTiff(const QString& path, const GeoTiffSpec& spec, const void* data)
{
    GdalErrorCapture errors;
    const auto fail = [&](const QString& what) {
        return Status::error(
            Status::Code::IoError,
            QStringLiteral("%1: %2 (%3)").arg(path, what, errors.summary(QStringLiteral("GDAL"))));
    };
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver)
        return Status::error(Status::Code::Unsupported, path + QStringLiteral(": GDAL has no GTiff driver"));
    CPLStringList options;
    for (const QString& o : spec.creationOptions)
        options.AddString(o.toUtf8().constData());
    DatasetPtr ds(driver->Create(path.toUtf8().constData(), spec.width, spec.height, spec.bands, spec.type,
                                 options.List()));
    if (!ds)
        return fail(QStringLiteral("cannot create the GeoTIFF"));
    double gt[6] = {spec.minX, spec.cellM, 0.0, spec.maxY, 0.0, -spec.cellM};
    ds->SetGeoTransform(gt);
    const OGRSpatialReference srs = projectSrs();
    ds->SetSpatialRef(&srs);
    if (spec.rgb) {
        const GDALColorInterp interp[] = {GCI_RedBand, GCI_GreenBand, GCI_BlueBand, GCI_AlphaBand};
        for (int b = 0; b < spec.bands && b < 4; ++b)
            ds->GetRasterBand(b + 1)->SetColorInterpretation(interp[b]);
    }
    const int typeBytes = GDALGetDataTypeSizeBytes(spec.type);
    const GSpacing pixelSpace = GSpacing(typeBytes) * spec.bands;
    const CPLErr err = ds->RasterIO(GF_Write, 0, 0, spec.width, spec.height, const_cast<void*>(data),
                                    spec.width, spec.height, spec.type, spec.bands, nullptr, pixelSpace,
                                    pixelSpace * spec.width, typeBytes, nullptr);
    if (err != CE_None)
        return fail(QStringLiteral("writing the pixels failed"));
    if (!spec.overviews.empty()) {
        const QByteArray resampling = spec.overviewResampling.toUtf8();
        if (ds->BuildOverviews(resampling.constData(), int(spec.overviews.size()), spec.overviews.data(), 0,
                               nullptr, nullptr, nullptr) != CE_None)
            return fail(QStringLiteral("building overviews failed"));
    }
    // Closing flushes the last tiles; a full disk shows up here.
    ds.reset();
    if (errors.hasErrors())
        return fail(QStringLiteral("closing the GeoTIFF failed"));
    return Status::ok();
}

} // namespace citytwin::gis::demo
