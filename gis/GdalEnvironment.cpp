#include "gis/GdalEnvironment.h"

#include "gis/GisLog.h"

#include <QFile>
#include <QSet>
#include <array>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <mutex>
#include <ogr_srs_api.h>

namespace citytwin::gis {

namespace {

//! Process-wide fallback: errors nobody captured go to the log at debug level instead of stderr.
//! Adapters install a GdalErrorCapture around their calls to turn errors into Status messages.
void CPL_STDCALL quietHandler(CPLErr level, CPLErrorNum code, const char* message)
{
    if (level == CE_Debug)
        return;
    qCDebug(lcGis, "GDAL %s %d: %s", level >= CE_Failure ? "error" : "warning", int(code), message);
}

//! Sets KEY only when neither the environment nor the application chose a value already, so a
//! user can still opt in (e.g. a longer timeout) without recompiling.
void setDefaultConfig(const char* key, const char* value)
{
    if (!CPLGetConfigOption(key, nullptr))
        CPLSetConfigOption(key, value);
}

} // namespace

void ensureGdalRegistered()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Offline safety: a source that reaches the network by accident must fail fast rather
        // than hang a worker thread for minutes on retries.
        setDefaultConfig("GDAL_HTTP_TIMEOUT", "5");
        setDefaultConfig("GDAL_HTTP_CONNECTTIMEOUT", "3");
        setDefaultConfig("GDAL_HTTP_MAX_RETRY", "0");
        // Opening a file must not list its whole folder (slow on big folders and network shares).
        // TRUE, not EMPTY_DIR: EMPTY_DIR tells drivers there are no side-cars at all, which loses
        // world files (.tfw/.pgw/.jgw), external overviews (.ovr) and CRSs kept in .aux.xml;
        // TRUE lets each driver probe for the side-cars it knows. PAM (.aux.xml) stays on for the
        // same reason; the readers never compute statistics, so they do not write any.
        setDefaultConfig("GDAL_DISABLE_READDIR_ON_OPEN", "TRUE");
        setDefaultConfig("PROJ_NETWORK", "OFF");
        GDALAllRegister();
        OSRSetPROJEnableNetwork(FALSE);
        CPLSetErrorHandler(quietHandler);
        qCDebug(lcGis, "GDAL %s registered, %d drivers", GDALVersionInfo("RELEASE_NAME"),
                GDALGetDriverCount());
    });
}

bool isNetworkSource(const QString& path)
{
    static constexpr std::array kUrlSchemes = {"http://", "https://", "ftp://", "ftps://", "s3://", "gs://"};
    static constexpr std::array kNetworkVsi = {"/vsicurl", "/vsis3",    "/vsigs",      "/vsiaz",  "/vsiadls",
                                               "/vsioss",  "/vsiswift", "/vsiwebhdfs", "/vsihdfs"};
    static constexpr std::array kConnectionPrefixes = {
        "pg:",  "postgresql:", "mysql:", "odbc:",   "mssql:", "oci:",      "wms:",       "wmts:",
        "wcs:", "wfs:",        "oapif:", "ogcapi:", "eoapi:", "plscenes:", "<gdal_wms>", "<gdal_wmts>"};
    const QString p = path.trimmed().toLower();
    for (const char* scheme : kUrlSchemes)
        if (p.startsWith(QLatin1String(scheme)))
            return true;
    for (const char* prefix : kConnectionPrefixes)
        if (p.startsWith(QLatin1String(prefix)))
            return true;
    // Anywhere in the path: /vsi handlers chain (/vsizip//vsicurl/https://...).
    for (const char* vsi : kNetworkVsi)
        if (p.contains(QLatin1String(vsi)))
            return true;
    return p.contains(QLatin1String("://"));
}

namespace {

//! A local XML file that is really a web service description (GDAL WMS/WMTS, WMTS capabilities):
//! GDAL would fetch its tiles over HTTP, so it needs the same trust as a URL.
bool isServiceDescriptionFile(const QString& path)
{
    if (!path.endsWith(QLatin1String(".xml"), Qt::CaseInsensitive))
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(4096).toLower();
    return head.contains("<gdal_wms") || head.contains("<gdal_wmts") ||
           (head.contains("<capabilities") && head.contains("wmts"));
}

} // namespace

namespace {

std::mutex& allowedMutex()
{
    static std::mutex m;
    return m;
}

QSet<QString>& allowedSources()
{
    static QSet<QString> s;
    return s;
}

} // namespace

void allowNetworkSource(const QString& uri)
{
    const std::lock_guard lock(allowedMutex());
    allowedSources().insert(uri.trimmed());
}

bool isNetworkSourceAllowed(const QString& uri)
{
    const std::lock_guard lock(allowedMutex());
    return allowedSources().contains(uri.trimmed());
}

data::Status checkLocalSource(const QString& path)
{
    if (path.trimmed().isEmpty())
        return data::Status::error(data::Status::Code::InvalidArgument, QStringLiteral("no file name given"));
    if ((isNetworkSource(path) || isServiceDescriptionFile(path)) && !isNetworkSourceAllowed(path))
        return data::Status::error(
            data::Status::Code::Unsupported,
            QStringLiteral(
                "%1: network sources need to be trusted before citytwin opens them (offline by default)")
                .arg(path));
    return data::Status::ok();
}

} // namespace citytwin::gis
