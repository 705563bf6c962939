#pragma once

#include <QString>
#include <QStringList>
#include <functional>

namespace citytwin::app {

//! The network services the user has allowed citytwin to contact (QSettings "trust/services"):
//! a project opened from elsewhere may only fetch from sources listed here (or added by the user
//! in this session). Entries are exact source URIs, not hosts: trusting one tile service of a host
//! does not let a project reach any other URL there. Each call reads QSettings afresh, so the
//! functions are safe from any thread and several windows agree.
class TrustStore
{
public:
    static bool isTrusted(const QString& uri);
    static QStringList trustedUris();
    //! Adds URIS (duplicates and blanks ignored).
    static void trust(const QStringList& uris);
    static void forget(const QString& uri);
    static void clear();
    //! The policy handed to every ProjectSession (setTrustPolicy).
    static std::function<bool(const QString& uri)> policy();

    //! How a layer's source is remembered: URLs as written, a local service description (GDAL WMS
    //! XML) by its absolute path (resolved against BASEDIR, the project's folder) — "wms.xml" next
    //! to another project is another file.
    static QString sourceKey(const QString& uri, const QString& baseDir);

    //! The host a source URI will contact, for a consent prompt: the URL's host (XYZ template,
    //! WMTS capabilities, "WMTS:" strings), or for a local GDAL WMS description (resolved against
    //! BASEDIR when relative) the host of the first http(s) URL inside it. Falls back to the URI.
    static QString serviceHost(const QString& uri, const QString& baseDir = {});
};

} // namespace citytwin::app
