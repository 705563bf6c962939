#include "gis/GdalRasterSource.h"

#include "gis/DirectRead.h"
#include "gis/GdalEnvironment.h"
#include "gis/GdalErrorCapture.h"
#include "gis/GdalOpen.h"
#include "gis/GdalSrs.h"
#include "gis/GisLog.h"
#include "gis/HttpConfigScope.h"
#include "gis/SourceFootprint.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>

namespace citytwin::gis {

using data::CancelToken;
using data::GridGeometry;
using data::Result;
using data::Status;

namespace {

//! Target cells this many times coarser than the source are averaged (as in RasterReader).
constexpr double kAverageFrom = 2.0;

int CPL_STDCALL cancelProgress(double, const char*, void* token)
{
    return static_cast<const CancelToken*>(token)->isCancelled() ? FALSE : TRUE;
}

Status cancelled(const QString& name)
{
    return Status::error(Status::Code::Cancelled, QStringLiteral("%1: read cancelled").arg(name));
}

} // namespace

GdalRasterSource::GdalRasterSource(GdalSourceSpec spec, const RasterSourceOptions& options,
                                   OGRSpatialReference projectSrs)
    : m_spec(std::move(spec)), m_options(options), m_projectSrs(std::move(projectSrs)),
      m_pool([this](int level) { return openDataset(level); })
{
    m_info.name = m_spec.displayName;
    m_info.network = m_spec.network;
}

Result<std::unique_ptr<GdalRasterSource>> GdalRasterSource::open(const GdalSourceSpec& spec,
                                                                 const RasterSourceOptions& options)
{
    ensureGdalRegistered();
    auto srs = projectSrs(options.projectCrs);
    if (!srs)
        return srs.status().withContext(spec.uri);
    std::unique_ptr<GdalRasterSource> source(new GdalRasterSource(spec, options, std::move(srs).value()));
    if (Status s = source->validate(); !s)
        return source->explain(s);
    return source;
}

Result<DatasetPtr> GdalRasterSource::openDataset(int overviewLevel) const
{
    HttpConfigScope http(m_options.timeoutS);
    if (!m_spec.network && m_spec.type == RasterSourceType::File)
        return openRasterDataset(m_spec.gdalName, overviewLevel);
    // Services (and trusted remote files) bypass openRasterDataset's local-only check: the
    // factory has already checked that the user trusted this layer.
    if (m_spec.type == RasterSourceType::GdalWms && !m_spec.gdalName.startsWith(QLatin1Char('<')) &&
        !QFileInfo::exists(m_spec.gdalName))
        return Status::error(Status::Code::NotFound,
                             QStringLiteral("%1: file does not exist").arg(m_spec.uri));
    GdalErrorCapture errors;
    const QByteArray level = "OVERVIEW_LEVEL=" + QByteArray::number(overviewLevel);
    const char* const options[] = {level.constData(), nullptr};
    DatasetPtr ds(GDALDataset::Open(m_spec.gdalName.toUtf8().constData(),
                                    GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, nullptr,
                                    overviewLevel >= 0 ? options : nullptr));
    if (!ds)
        return Status::error(
            Status::Code::IoError,
            QStringLiteral("%1: cannot open the service%2 (%3)")
                .arg(m_spec.uri, m_spec.host.isEmpty() ? QString() : QStringLiteral(" at ") + m_spec.host,
                     errors.summary(QStringLiteral("GDAL does not recognise it"))));
    if (ds->GetRasterCount() == 0)
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("%1: has no raster bands").arg(m_spec.uri));
    return ds;
}

Status GdalRasterSource::validate()
{
    HttpConfigScope http(m_options.timeoutS);
    auto ds = m_pool.get(-1);
    if (!ds)
        return ds.status();
    GDALDataset& d = **ds;
    if (Status s = checkGeoreferenced(d, m_spec.uri); !s)
        return s;
    auto footprint = sourceFootprint(d, m_projectSrs, m_options.origin, kMaxSourceRadiusM, m_spec.uri);
    if (!footprint)
        return footprint.status();
    m_info.extent = footprint->extent;
    m_info.resolution = footprint->resolution;
    m_readDirectly = canReadDirectly(d, m_projectSrs);

    // Opening reads the header only: read a pixel where a broken file or a failing service shows.
    // Files: the last pixel (a truncated tail). Services: the coarsest level (one small request).
    GdalErrorCapture errors;
    GDALRasterBand* band = d.GetRasterBand(1);
    int x = d.GetRasterXSize() - 1;
    int y = d.GetRasterYSize() - 1;
    if (m_spec.type != RasterSourceType::File && band->GetOverviewCount() > 0) {
        band = band->GetOverview(band->GetOverviewCount() - 1);
        x = band->GetXSize() / 2;
        y = band->GetYSize() / 2;
    }
    double value = 0.0;
    const bool ok =
        band->RasterIO(GF_Read, x, y, 1, 1, &value, 1, 1, GDT_Float64, 0, 0, nullptr) == CE_None &&
        (!errors.hasErrors() || m_spec.network); // see WarpPlan::failOnReportedErrors
    if (!ok && m_spec.network && !m_options.cacheDir.isEmpty()) {
        // Offline with a seeded cache: the service is gone but the cached tiles still serve.
        qCWarning(lcGis, "%s: the service did not answer (%s); using the tile cache only",
                  qUtf8Printable(m_spec.displayName), qUtf8Printable(errors.summary()));
        return Status::ok();
    }
    if (!ok)
        return Status::error(
            Status::Code::FormatError,
            QStringLiteral("%1: reading the raster failed, the file is truncated or corrupt (%2)")
                .arg(m_spec.uri, errors.summary(QStringLiteral("read error"))));
    return Status::ok();
}

bool GdalRasterSource::overlaps(const GridGeometry& target) const
{
    const data::Extent2D& e = m_info.extent;
    return !e.isEmpty() && target.extent.minX < e.maxX && target.extent.maxX > e.minX &&
           target.extent.minY < e.maxY && target.extent.maxY > e.minY;
}

Result<DatasetPtr> GdalRasterSource::warp(const GridGeometry& target, WarpPlan plan, int bands,
                                          GDALDataType type, const CancelToken& cancel) const
{
    if (cancel.isCancelled())
        return cancelled(m_info.name);
    HttpConfigScope http(m_options.timeoutS);
    auto base = m_pool.entry(-1);
    if (!base)
        return explain(base.status());
    DatasetPool::Entry* entry = *base;
    const double downsampling =
        m_info.resolution > 0 ? std::min(target.cellX(), target.cellY()) / m_info.resolution : 1.0;
    double residual = downsampling; // what is left to reduce after the overview
    if (downsampling >= kAverageFrom) {
        const int fullWidth = entry->dataset->GetRasterXSize();
        if (const int level = pickOverviewLevel(*entry->dataset, downsampling); level >= 0) {
            auto overview = m_pool.entry(level);
            if (!overview)
                return explain(overview.status());
            entry = *overview;
            residual = downsampling * entry->dataset->GetRasterXSize() / fullWidth;
        }
        // The overview is already averaged: interpolating it is enough (and several times cheaper
        // than GDAL's averaging kernel); only a reduction well past it needs averaging.
        if (plan.resampling != GRA_NearestNeighbour && residual >= kAverageFrom)
            plan.resampling = GRA_Average;
    }
    auto mem = createMemTarget(target, m_projectSrs, bands, type);
    if (!mem)
        return mem.status().withContext(m_info.name);
    plan.failOnReportedErrors = !m_spec.network;
    plan.progress = cancelProgress;
    plan.progressData = const_cast<CancelToken*>(&cancel);
    // The window read is exact for interpolation only: GDAL's averaging RasterIO snaps fractional
    // windows by up to a source pixel. Reductions by 2x or more past the overview take the warper.
    GDALDataset* src = entry->dataset.get();
    const bool direct = m_readDirectly && plan.resampling != GRA_Average;
    if (!direct) {
        if (!entry->transformer) {
            auto transformer = createReusableTransformer(*src, m_projectSrs, m_spec.uri);
            if (!transformer)
                return explain(transformer.status());
            entry->transformer = std::move(transformer).value();
        }
        plan.transformer = entry->transformer.get();
    }
    const Status s = direct ? readDirectly(*src, **mem, plan,
                                           plan.resampling == GRA_NearestNeighbour ? GRIORA_NearestNeighbour
                                                                                   : GRIORA_Bilinear,
                                           m_spec.uri)
                            : warpInto(*src, **mem, plan, m_spec.uri);
    if (cancel.isCancelled())
        return cancelled(m_info.name);
    if (!s)
        return explain(s);
    return mem;
}

Status GdalRasterSource::explain(const Status& status) const
{
    if (status.isOk())
        return status;
    QString message = status.message();
    if (!m_options.apiKey.isEmpty())
        message.replace(m_options.apiKey, QStringLiteral("***"));
    Status::Code code = status.code();
    if (m_spec.network && code != Status::Code::Cancelled && code != Status::Code::Unsupported) {
        // GDAL words a failed download as a read error of a "truncated file", with its advice on
        // ZeroBlockHttpCodes: say what it is instead, with the HTTP status or the transport error.
        static const QRegularExpression httpError(
            QStringLiteral("HTTP status code: (\\d+), error: ([^\\n]*)"));
        const QRegularExpressionMatch m = httpError.match(message);
        if (m.hasMatch()) {
            QString reason = m.captured(2).trimmed();
            if (reason.endsWith(QLatin1Char('.')))
                reason.chop(1);
            if (m.captured(1) != QLatin1String("0"))
                reason = QStringLiteral("HTTP %1: %2").arg(m.captured(1), reason);
            message =
                QStringLiteral("%1: the tile service at %2 failed (%3)").arg(m_spec.uri, m_spec.host, reason);
        } else {
            message.replace(QLatin1String("reading the raster failed, the file is truncated or corrupt"),
                            QStringLiteral("the tile service at %1 failed").arg(m_spec.host));
        }
        code = Status::Code::IoError;
    }
    return Status::error(code, message);
}

} // namespace citytwin::gis
