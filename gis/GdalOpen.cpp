#include "gis/GdalOpen.h"

#include "gis/GdalEnvironment.h"
#include "gis/GdalErrorCapture.h"

#include <QFileInfo>

namespace citytwin::gis {

using data::Result;
using data::Status;

namespace {

Result<DatasetPtr> openDataset(const QString& path, unsigned kind, const QString& kindName,
                               const char* const* openOptions = nullptr)
{
    ensureGdalRegistered();
    if (Status s = checkLocalSource(path); !s)
        return s;
    // /vsizip/, /vsimem/ … are GDAL virtual paths and "PG:…" connections (allowed above): only
    // GDAL can tell whether they exist.
    if (!path.startsWith(QLatin1String("/vsi")) && !isNetworkSource(path)) {
        const QFileInfo info(path);
        if (!info.exists())
            return Status::error(Status::Code::NotFound, QStringLiteral("%1: file does not exist").arg(path));
        if (info.isFile() && info.size() == 0)
            return Status::error(Status::Code::FormatError, QStringLiteral("%1: file is empty").arg(path));
    }
    GdalErrorCapture errors;
    DatasetPtr ds(GDALDataset::Open(path.toUtf8().constData(),
                                    kind | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, nullptr, openOptions));
    if (!ds)
        return Status::error(
            Status::Code::FormatError,
            QStringLiteral("%1: not a %2 GDAL can read (%3)")
                .arg(path, kindName, errors.summary(QStringLiteral("no driver recognises it"))));
    return ds;
}

} // namespace

Result<DatasetPtr> openRasterDataset(const QString& path, int overviewLevel)
{
    const QByteArray level = "OVERVIEW_LEVEL=" + QByteArray::number(overviewLevel);
    const char* const options[] = {level.constData(), nullptr};
    auto ds =
        openDataset(path, GDAL_OF_RASTER, QStringLiteral("raster"), overviewLevel >= 0 ? options : nullptr);
    if (ds && (*ds)->GetRasterCount() == 0)
        return Status::error(Status::Code::FormatError, QStringLiteral("%1: has no raster bands").arg(path));
    return ds;
}

Result<DatasetPtr> openVectorDataset(const QString& path)
{
    auto ds = openDataset(path, GDAL_OF_VECTOR, QStringLiteral("vector source"));
    if (ds && (*ds)->GetLayerCount() == 0)
        return Status::error(Status::Code::FormatError, QStringLiteral("%1: has no vector layers").arg(path));
    return ds;
}

} // namespace citytwin::gis
