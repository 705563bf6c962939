#include "app/ServiceSettings.h"

#include "app/ProjectSession.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <algorithm>

namespace citytwin::app {

namespace {
const char* const kApiKeyKey = "services/apiKey";
const char* const kCacheDirKey = "services/cacheDir";
const char* const kCacheMaxKey = "services/cacheMaxMiB";
const char* const kTileMemoryKey = "terrain/tileMemoryMiB";
} // namespace

ServiceSettings ServiceSettings::load()
{
    QSettings settings;
    ServiceSettings s;
    s.apiKey = settings.value(QLatin1String(kApiKeyKey)).toString().trimmed();
    s.cacheDir = settings.value(QLatin1String(kCacheDirKey)).toString().trimmed();
    bool ok = false;
    const qint64 mib = settings.value(QLatin1String(kCacheMaxKey), kDefaultCacheMiB).toLongLong(&ok);
    s.cacheMaxMiB = ok ? std::clamp(mib, kMinCacheMiB, kMaxCacheMiB) : kDefaultCacheMiB;
    const qint64 memory = settings.value(QLatin1String(kTileMemoryKey), kDefaultTileMemoryMiB).toLongLong(&ok);
    s.tileMemoryMiB = ok ? std::clamp(memory, kMinTileMemoryMiB, kMaxTileMemoryMiB) : kDefaultTileMemoryMiB;
    return s;
}

void ServiceSettings::save() const
{
    QSettings settings;
    const QString key = apiKey.trimmed();
    if (key.isEmpty())
        settings.remove(QLatin1String(kApiKeyKey));
    else
        settings.setValue(QLatin1String(kApiKeyKey), key);
    // The default is stored as "none" so that it follows QStandardPaths if that ever moves.
    const QString dir = cacheDir.trimmed();
    if (dir.isEmpty() || QDir::cleanPath(dir) == QDir::cleanPath(defaultCacheDir()))
        settings.remove(QLatin1String(kCacheDirKey));
    else
        settings.setValue(QLatin1String(kCacheDirKey), QDir::cleanPath(dir));
    settings.setValue(QLatin1String(kCacheMaxKey), std::clamp(cacheMaxMiB, kMinCacheMiB, kMaxCacheMiB));
    settings.setValue(QLatin1String(kTileMemoryKey),
                      std::clamp(tileMemoryMiB, kMinTileMemoryMiB, kMaxTileMemoryMiB));
}

QString ServiceSettings::effectiveCacheDir() const
{
    const QString dir = cacheDir.trimmed();
    return dir.isEmpty() ? defaultCacheDir() : QDir::cleanPath(dir);
}

QString ServiceSettings::defaultCacheDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/tiles");
}

qint64 ServiceSettings::diskUsage(const QString& dir)
{
    qint64 bytes = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        bytes += it.fileInfo().size();
    }
    return bytes;
}

void ServiceSettings::applyTo(ProjectSession& session) const
{
    session.setServiceOptions(apiKey.trimmed(), effectiveCacheDir(), cacheMaxBytes());
    session.setTileMemoryBudget(std::size_t(std::clamp(tileMemoryMiB, kMinTileMemoryMiB, kMaxTileMemoryMiB)) << 20);
}

} // namespace citytwin::app
