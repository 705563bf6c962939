#include "gis/ServiceDescription.h"

#include "gis/GdalEnvironment.h"
#include "gis/GdalErrorCapture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUrl>
#include <cpl_http.h>

namespace citytwin::gis {

using data::Result;
using data::Status;

namespace {

// Cached tiles are reused offline for years: a basemap that changes upstream is refreshed by
// clearing the cache, not by expiry (an expired tile would be refetched, breaking offline use).
constexpr qint64 kCacheExpiresS = 10LL * 365 * 24 * 3600;

bool isHttpUrl(const QString& s)
{
    const QString l = s.trimmed().toLower();
    return l.startsWith(QLatin1String("http://")) || l.startsWith(QLatin1String("https://"));
}

QString hostOf(const QString& url)
{
    const QUrl u(url);
    if (u.isLocalFile() || u.host().isEmpty())
        return {};
    return u.port() > 0 ? QStringLiteral("%1:%2").arg(u.host()).arg(u.port()) : u.host();
}

//! GDAL's WMS cache block, shared by the WMS and WMTS descriptions.
QString cacheXml(const RasterSourceOptions& options)
{
    if (options.cacheDir.isEmpty())
        return {};
    return QStringLiteral(
               "<Cache><Path>%1</Path><Depth>2</Depth><Expires>%2</Expires><MaxSize>%3</MaxSize></Cache>")
        .arg(QDir(options.cacheDir).absolutePath().toHtmlEscaped())
        .arg(kCacheExpiresS)
        .arg(options.cacheMaxBytes);
}

//! The template as GDAL's TMS mini-driver wants it: ${z}/${x}/${y}, key substituted.
QString gdalTemplate(QString t, const QString& apiKey)
{
    t.replace(QLatin1String("{tk}"), apiKey);
    t.replace(QLatin1String("{-y}"), QLatin1String("${y}"));
    // Load-balancing subdomains ({s}): GDAL's TMS driver cannot rotate them, so use the first of
    // the usual sets — t0…t7 for Tianditu, a/b/c elsewhere.
    if (t.contains(QLatin1String("{s}")))
        t.replace(QLatin1String("{s}"), t.contains(QLatin1String("tianditu"), Qt::CaseInsensitive)
                                            ? QStringLiteral("0")
                                            : QStringLiteral("a"));
    // ${z} already in GDAL's form must not become $${z}.
    static const QRegularExpression placeholder(QStringLiteral("(?<!\\$)\\{([zxy])\\}"));
    t.replace(placeholder, QStringLiteral("${\\1}"));
    return t;
}

Status untrusted(const QString& uri, const QString& host)
{
    return Status::error(
        Status::Code::Unsupported,
        QStringLiteral("%1: this layer reads from %2 over the network; network layers must be added or "
                       "trusted by the user before citytwin contacts them (offline by default)")
            .arg(uri, host.isEmpty() ? QStringLiteral("a web service") : host));
}

//! A local copy of a WMTS GetCapabilities document in the cache, refreshed when the service
//! answers, reused when it does not (offline).
Result<QString> cachedCapabilities(const QString& url, const RasterSourceOptions& options)
{
    const QString dir = QDir(options.cacheDir).absoluteFilePath(QStringLiteral("wmts-capabilities"));
    const QString path =
        dir + QLatin1Char('/') +
        QString::fromLatin1(QCryptographicHash::hash(url.toUtf8(), QCryptographicHash::Md5).toHex()) +
        QStringLiteral(".xml");
    const QByteArray timeout = "TIMEOUT=" + QByteArray::number(options.timeoutS);
    const QByteArray connect = "CONNECTTIMEOUT=" + QByteArray::number(options.timeoutS);
    const char* httpOptions[] = {timeout.constData(), connect.constData(), "MAX_RETRY=0", nullptr};
    GdalErrorCapture errors;
    CPLHTTPResult* r = CPLHTTPFetch(url.toUtf8().constData(), const_cast<char**>(httpOptions));
    QString reason;
    if (r && r->nStatus == 0 && r->pszErrBuf == nullptr && r->nDataLen > 0) {
        QDir().mkpath(dir);
        QSaveFile f(path);
        if (f.open(QIODevice::WriteOnly)) {
            f.write(reinterpret_cast<const char*>(r->pabyData), r->nDataLen);
            f.commit();
        }
    } else {
        reason =
            r && r->pszErrBuf ? QString::fromUtf8(r->pszErrBuf) : errors.summary(QStringLiteral("no answer"));
    }
    CPLHTTPDestroyResult(r);
    if (QFileInfo::exists(path))
        return path;
    return Status::error(
        Status::Code::IoError,
        QStringLiteral("%1: the WMTS service at %2 did not answer (%3)").arg(url, hostOf(url), reason));
}

Result<GdalSourceSpec> describeWmts(GdalSourceSpec spec, const RasterSourceOptions& options)
{
    // "WMTS:url,layer=…,tilematrixset=…" or a bare capabilities URL / file.
    QString body = spec.uri.trimmed();
    if (body.startsWith(QLatin1String("WMTS:"), Qt::CaseInsensitive))
        body = body.mid(5);
    QStringList parts = body.split(QLatin1Char(','));
    QString url = parts.takeFirst();
    url.replace(QLatin1String("{tk}"), options.apiKey);
    if (url.startsWith(QLatin1String("file://")))
        url = QUrl(url).toLocalFile();
    QString extra;
    static const QList<QPair<QString, QString>> kKeys = {
        {QStringLiteral("layer"), QStringLiteral("Layer")},
        {QStringLiteral("style"), QStringLiteral("Style")},
        {QStringLiteral("tilematrixset"), QStringLiteral("TileMatrixSet")},
        {QStringLiteral("tilematrix"), QStringLiteral("TileMatrix")},
        {QStringLiteral("zoom_level"), QStringLiteral("ZoomLevel")}};
    for (const QString& p : parts) {
        const QString key = p.section(QLatin1Char('='), 0, 0).trimmed().toLower();
        const QString value = p.section(QLatin1Char('='), 1);
        for (const auto& k : kKeys)
            if (k.first == key)
                extra += QStringLiteral("<%1>%2</%1>").arg(k.second, value.toHtmlEscaped());
    }
    if (isHttpUrl(url) && !options.cacheDir.isEmpty()) {
        auto local = cachedCapabilities(url, options);
        if (!local)
            return local.status();
        url = *local;
    } else if (!isHttpUrl(url) && !QFileInfo::exists(url)) {
        return Status::error(Status::Code::NotFound,
                             QStringLiteral("%1: WMTS capabilities file does not exist").arg(spec.uri));
    }
    spec.gdalName =
        QStringLiteral("<GDAL_WMTS><GetCapabilitiesUrl>%1</GetCapabilitiesUrl>%2%3"
                       "<Timeout>%4</Timeout><UserAgent>citytwin</UserAgent>"
                       "<ZeroBlockHttpCodes>204,404</ZeroBlockHttpCodes>"
                       "<ZeroBlockOnServerException>true</ZeroBlockOnServerException></GDAL_WMTS>")
            .arg(url.toHtmlEscaped(), extra, cacheXml(options))
            .arg(std::max(1, options.timeoutS));
    return spec;
}

} // namespace

RasterSourceType classifyRasterSource(const QString& uri)
{
    const QString u = uri.trimmed();
    const QString l = u.toLower();
    if (l.startsWith(QLatin1String("wmts:")))
        return RasterSourceType::Wmts;
    if (l.startsWith(QLatin1String("<gdal_wms")) || l.startsWith(QLatin1String("<gdal_wmts")))
        return RasterSourceType::GdalWms;
    if (l.contains(QLatin1String("{z}")) && l.contains(QLatin1String("{x}")) &&
        (l.contains(QLatin1String("{y}")) || l.contains(QLatin1String("{-y}"))))
        return RasterSourceType::XyzTemplate;
    if (l.contains(QLatin1String("wmtscapabilities")) ||
        (l.contains(QLatin1String("service=wmts")) && l.contains(QLatin1String("request=getcapabilities"))))
        return RasterSourceType::Wmts;
    if (l.endsWith(QLatin1String(".xml")))
        return RasterSourceType::GdalWms;
    return RasterSourceType::File;
}

bool needsNetwork(const QString& uri)
{
    switch (classifyRasterSource(uri)) {
    case RasterSourceType::XyzTemplate:
        return !uri.trimmed().toLower().startsWith(QLatin1String("file://"));
    case RasterSourceType::Wmts:    // even a local capabilities document points at the service's tiles
    case RasterSourceType::GdalWms: // a service description: its ServerUrl is (almost always) a web service
        return true;
    case RasterSourceType::File:
        return isNetworkSource(uri);
    }
    return true;
}

int xyzMaxLevel(const QString& urlTemplate)
{
    const QString t = urlTemplate.trimmed();
    if (!t.toLower().startsWith(QLatin1String("file://")))
        return kDefaultXyzMaxLevel;
    const int z = t.indexOf(QLatin1String("{z}"));
    const QString parent = QUrl(t.left(z)).toLocalFile();
    int deepest = -1;
    const QStringList entries = QDir(parent).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& e : entries) {
        bool ok = false;
        const int level = e.toInt(&ok);
        if (ok && level >= 0 && level <= 30)
            deepest = std::max(deepest, level);
    }
    return deepest;
}

QString xyzToGdalWmsXml(const QString& urlTemplate, const RasterSourceOptions& options, int maxLevel)
{
    const bool tmsRows = urlTemplate.contains(QLatin1String("{-y}"));
    return QStringLiteral(
               "<GDAL_WMS><Service name=\"TMS\"><ServerUrl>%1</ServerUrl></Service>"
               "<DataWindow><UpperLeftX>-20037508.342789244</UpperLeftX><UpperLeftY>20037508.342789244</"
               "UpperLeftY>"
               "<LowerRightX>20037508.342789244</LowerRightX><LowerRightY>-20037508.342789244</LowerRightY>"
               "<TileLevel>%2</TileLevel><TileCountX>1</TileCountX><TileCountY>1</TileCountY>"
               "<YOrigin>%3</YOrigin></DataWindow>"
               "<Projection>EPSG:3857</Projection><BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY>"
               "<BandsCount>4</BandsCount><MaxConnections>4</MaxConnections><Timeout>%4</Timeout>"
               "<UserAgent>citytwin</UserAgent>"
               "<ZeroBlockHttpCodes>204,404</ZeroBlockHttpCodes>%5</GDAL_WMS>")
        .arg(gdalTemplate(urlTemplate.trimmed(), options.apiKey).toHtmlEscaped())
        .arg(maxLevel)
        .arg(tmsRows ? QStringLiteral("bottom") : QStringLiteral("top"))
        .arg(std::max(1, options.timeoutS))
        .arg(cacheXml(options));
}

Result<GdalSourceSpec> describeRasterSource(const QString& uri, const RasterSourceOptions& options)
{
    GdalSourceSpec spec;
    spec.uri = uri.trimmed();
    spec.type = classifyRasterSource(spec.uri);
    spec.network = needsNetwork(spec.uri);
    if (spec.uri.isEmpty())
        return Status::error(Status::Code::InvalidArgument, QStringLiteral("no raster source given"));
    QString urlPart = spec.uri;
    if (spec.type == RasterSourceType::Wmts &&
        urlPart.startsWith(QLatin1String("WMTS:"), Qt::CaseInsensitive))
        urlPart = urlPart.mid(5).section(QLatin1Char(','), 0, 0);
    spec.host = hostOf(urlPart);
    spec.displayName =
        spec.host.isEmpty()
            ? QFileInfo(QUrl(urlPart).isLocalFile() ? QUrl(urlPart).toLocalFile() : urlPart).fileName()
            : spec.host;
    if (spec.displayName.isEmpty())
        spec.displayName = spec.type == RasterSourceType::GdalWms ? QStringLiteral("GDAL WMS") : spec.uri;
    if (spec.network && !options.allowNetwork)
        return untrusted(spec.uri, spec.host);

    switch (spec.type) {
    case RasterSourceType::File:
    case RasterSourceType::GdalWms:
        spec.gdalName = spec.uri;
        return spec;
    case RasterSourceType::XyzTemplate: {
        if (spec.uri.contains(QLatin1String("{tk}")) && options.apiKey.isEmpty())
            return Status::error(
                Status::Code::InvalidArgument,
                QStringLiteral("%1: the service needs an API key ({tk}); set it in the settings")
                    .arg(spec.uri));
        const int maxLevel = xyzMaxLevel(spec.uri);
        if (maxLevel < 0)
            return Status::error(
                Status::Code::NotFound,
                QStringLiteral("%1: no tile folders (0, 1, 2 …) where the template has {z}").arg(spec.uri));
        spec.gdalName = xyzToGdalWmsXml(spec.uri, options, maxLevel);
        return spec;
    }
    case RasterSourceType::Wmts:
        return describeWmts(std::move(spec), options);
    }
    return Status::error(Status::Code::Internal, QStringLiteral("%1: unknown source type").arg(uri));
}

} // namespace citytwin::gis
