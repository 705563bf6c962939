#include "gis/RasterSourceFactory.h"

#include "gis/GdalElevationSource.h"
#include "gis/GdalImagerySource.h"
#include "gis/GdalRasterSource.h"
#include "gis/GisLog.h"
#include "gis/ServiceDescription.h"

namespace citytwin::gis {

using data::Result;

namespace {

Result<std::unique_ptr<GdalRasterSource>> openSource(const QString& uri, const RasterSourceOptions& options)
{
    auto spec = describeRasterSource(uri, options);
    if (!spec)
        return spec.status();
    auto source = GdalRasterSource::open(*spec, options);
    if (source)
        qCDebug(lcGis, "opened raster source %s: extent %.0f,%.0f - %.0f,%.0f, %.3f m cells",
                qUtf8Printable(uri), (*source)->info().extent.minX, (*source)->info().extent.minY,
                (*source)->info().extent.maxX, (*source)->info().extent.maxY, (*source)->info().resolution);
    return source;
}

} // namespace

Result<std::shared_ptr<data::ImagerySource>> openImagerySource(const QString& uri,
                                                               const RasterSourceOptions& options)
{
    auto source = openSource(uri, options);
    if (!source)
        return source.status();
    auto imagery = GdalImagerySource::create(std::move(source).value());
    if (!imagery)
        return imagery.status();
    return std::shared_ptr<data::ImagerySource>(std::move(imagery).value());
}

Result<std::shared_ptr<data::ElevationSource>> openElevationSource(const QString& uri,
                                                                   const RasterSourceOptions& options)
{
    auto source = openSource(uri, options);
    if (!source)
        return source.status();
    auto elevation = GdalElevationSource::create(std::move(source).value());
    if (!elevation)
        return elevation.status();
    return std::shared_ptr<data::ElevationSource>(std::move(elevation).value());
}

} // namespace citytwin::gis
