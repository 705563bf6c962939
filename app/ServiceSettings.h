#pragma once

#include <QString>
#include <QtGlobal>

namespace citytwin::app {

class ProjectSession;

//! The user's basemap service settings: the API key substituted for {tk} in service URLs
//! (Tianditu-style) and the disk cache of fetched tiles. Kept in QSettings — never in a project
//! file, so a shared project does not carry anyone's key.
struct ServiceSettings
{
    static constexpr qint64 kDefaultCacheMiB = 512;
    static constexpr qint64 kMinCacheMiB = 16;
    static constexpr qint64 kMaxCacheMiB = 1024 * 1024; // 1 TiB

    static constexpr qint64 kDefaultTileMemoryMiB = 384;
    static constexpr qint64 kMinTileMemoryMiB = 64;
    static constexpr qint64 kMaxTileMemoryMiB = 16384;

    QString apiKey;
    QString cacheDir; //!< "" = the default (defaultCacheDir())
    qint64 cacheMaxMiB = kDefaultCacheMiB;
    qint64 tileMemoryMiB = kDefaultTileMemoryMiB; //!< RAM for resident terrain tiles (LRU beyond it)

    //! Reads the settings (defaults where none are stored; out-of-range sizes are clamped).
    static ServiceSettings load();
    //! Writes them (an empty or default cache folder is stored as "use the default").
    void save() const;

    //! The cache folder actually used: cacheDir, or defaultCacheDir() when it is empty.
    QString effectiveCacheDir() const;
    qint64 cacheMaxBytes() const { return cacheMaxMiB << 20; }
    //! QStandardPaths::CacheLocation + "/tiles".
    static QString defaultCacheDir();
    //! Bytes of the files under DIR (0 when it does not exist).
    static qint64 diskUsage(const QString& dir);

    //! Hands the key, the cache and the tile memory budget to SESSION (before it starts loading, or for the sources it opens next).
    void applyTo(ProjectSession& session) const;

    bool operator==(const ServiceSettings&) const = default;
};

} // namespace citytwin::app
