#include "app/TrustStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>

namespace citytwin::app {

namespace {
const char* const kTrustKey = "trust/services";
constexpr qint64 kMaxDescriptionBytes = 256 * 1024; // GDAL WMS descriptions are a few KiB

QString normalised(const QString& uri)
{
    return uri.trimmed();
}

//! Host of the first http(s) URL in TEXT, or "".
QString firstHttpHost(const QString& text)
{
    static const QRegularExpression url(QStringLiteral(R"((https?)://([^/?#\s"'<>,]+))"),
                                        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = url.match(text);
    if (!m.hasMatch())
        return {};
    // Through QUrl so that user info and ports are stripped the same way as for direct URLs.
    const QUrl parsed(m.captured(1) + QStringLiteral("://") + m.captured(2));
    return parsed.host().isEmpty() ? m.captured(2) : parsed.host();
}
} // namespace

bool TrustStore::isTrusted(const QString& uri)
{
    const QString key = normalised(uri);
    return !key.isEmpty() && trustedUris().contains(key);
}

QStringList TrustStore::trustedUris()
{
    return QSettings().value(QLatin1String(kTrustKey)).toStringList();
}

void TrustStore::trust(const QStringList& uris)
{
    QStringList list = trustedUris();
    bool changed = false;
    for (const QString& uri : uris) {
        const QString key = normalised(uri);
        if (!key.isEmpty() && !list.contains(key)) {
            list.append(key);
            changed = true;
        }
    }
    if (changed)
        QSettings().setValue(QLatin1String(kTrustKey), list);
}

void TrustStore::forget(const QString& uri)
{
    QStringList list = trustedUris();
    if (list.removeAll(normalised(uri)) > 0)
        QSettings().setValue(QLatin1String(kTrustKey), list);
}

void TrustStore::clear()
{
    QSettings().remove(QLatin1String(kTrustKey));
}

std::function<bool(const QString&)> TrustStore::policy()
{
    return [](const QString& uri) { return TrustStore::isTrusted(uri); };
}

QString TrustStore::sourceKey(const QString& uri, const QString& baseDir)
{
    const QString trimmed = normalised(uri);
    const bool url = trimmed.contains(QLatin1String("://")) ||
                     trimmed.startsWith(QLatin1String("WMTS:"), Qt::CaseInsensitive);
    if (url || trimmed.isEmpty())
        return trimmed;
    return QDir::cleanPath(QDir(baseDir).absoluteFilePath(trimmed));
}

QString TrustStore::serviceHost(const QString& uri, const QString& baseDir)
{
    const QString trimmed = normalised(uri);
    if (const QString host = firstHttpHost(trimmed); !host.isEmpty())
        return host;
    // A local service description (GDAL WMS/TMS/WMTS XML): the host is inside the file.
    QString path = trimmed;
    if (path.startsWith(QLatin1String("file://"), Qt::CaseInsensitive))
        path = QUrl(path).toLocalFile();
    if (QFileInfo(path).isRelative() && !baseDir.isEmpty())
        path = QDir(baseDir).filePath(path);
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QString host = firstHttpHost(QString::fromUtf8(file.read(kMaxDescriptionBytes)));
        if (!host.isEmpty())
            return host;
    }
    return trimmed;
}

} // namespace citytwin::app
