// schema::inspectFile: decides whether a file is an intact citytwin project before anything writes to it.
#include "data/ProjectStore.h"
#include "data/ProjectStoreSchema.h"
#include "data/SqliteStatement.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <sqlite3.h>

namespace citytwin::data::schema {

namespace {

constexpr int kSqliteHeaderSize = 100;

std::uint32_t bigEndian32(const QByteArray& b, int offset)
{
    const auto* p = reinterpret_cast<const unsigned char*>(b.constData()) + offset;
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

Status formatError(const QString& path, const QString& problem)
{
    return Status::error(Status::Code::FormatError, QStringLiteral("%1: %2").arg(path, problem));
}

//! Byte-level checks of the 100-byte SQLite header: magic, page size and, when no WAL could hold newer
//! pages, that the file is as long as the header says (a cut-off copy is otherwise only noticed on the
//! first read of a missing page, possibly deep into the session).
Status checkHeader(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Status::error(Status::Code::IoError,
                             QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
    const QByteArray header = f.read(kSqliteHeaderSize);
    const qint64 fileSize = f.size();
    static const QByteArray kMagic("SQLite format 3\0", 16);
    if (!header.startsWith(kMagic)) {
        return formatError(path, kMagic.startsWith(header) && !header.isEmpty()
                                     ? QStringLiteral("truncated SQLite file (%1 bytes)").arg(fileSize)
                                     : QStringLiteral("not a citytwin project (not an SQLite database)"));
    }
    if (header.size() < kSqliteHeaderSize)
        return formatError(path, QStringLiteral("truncated SQLite file (%1 bytes)").arg(fileSize));

    const auto rawPageSize = (std::uint32_t(std::uint8_t(header[16])) << 8) | std::uint8_t(header[17]);
    const qint64 pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0)
        return formatError(path, QStringLiteral("corrupt SQLite header (page size %1)").arg(pageSize));

    const QFileInfo wal(path + QStringLiteral("-wal"));
    const bool walMayHoldPages = wal.exists() && wal.size() > 0;
    const std::uint32_t changeCounter = bigEndian32(header, 24);
    const std::uint32_t headerPages = bigEndian32(header, 28);
    const std::uint32_t validFor = bigEndian32(header, 92);
    if (!walMayHoldPages) {
        if (fileSize % pageSize != 0)
            return formatError(path, QStringLiteral("truncated or corrupt (%1 bytes is not a whole number of "
                                                    "%2-byte pages)")
                                         .arg(fileSize)
                                         .arg(pageSize));
        // The in-header size is only trustworthy when written by the same change (SQLite >= 3.7.0).
        if (validFor == changeCounter && headerPages > 0 && fileSize < qint64(headerPages) * pageSize)
            return formatError(path, QStringLiteral("truncated (%1 of %2 bytes)")
                                         .arg(fileSize)
                                         .arg(qint64(headerPages) * pageSize));
    }
    return Status::ok();
}

//! One integer from a PRAGMA or query; a Status on failure.
Result<std::int64_t> queryInt(sqlite3* db, const char* sql, const QString& path)
{
    SqliteStatement q(db, sql, path);
    if (!q.status().isOk())
        return q.status();
    if (!q.next())
        return q.status().isOk()
                   ? formatError(path, QStringLiteral("no result for \"%1\"").arg(QLatin1String(sql)))
                   : q.status();
    return q.int64(0);
}

Result<int> inspectOpenDatabase(sqlite3* db, const QString& path)
{
    const Result<std::int64_t> appId = queryInt(db, "PRAGMA application_id", path);
    if (!appId)
        return appId.status();
    if (*appId != kApplicationId) {
        return formatError(path, QStringLiteral("not a citytwin project (an SQLite database of another "
                                                "application, application_id 0x%1)")
                                     .arg(quint32(*appId), 8, 16, QLatin1Char('0')));
    }
    const Result<std::int64_t> version = queryInt(db, "PRAGMA user_version", path);
    if (!version)
        return version.status();
    if (*version > ProjectStore::kSchemaVersion) {
        return Status::error(
            Status::Code::Unsupported,
            QStringLiteral("%1: project schema version %2 is newer than this citytwin supports "
                           "(%3); open it with a newer citytwin")
                .arg(path)
                .arg(*version)
                .arg(ProjectStore::kSchemaVersion));
    }
    if (*version < 1)
        return formatError(path, QStringLiteral("incomplete citytwin project (no schema version)"));

    for (const char* table : requiredTables(int(*version))) {
        SqliteStatement q(db, "SELECT 1 FROM sqlite_schema WHERE name = ?1", path);
        q.bind(1, QString::fromLatin1(table));
        if (!q.next()) {
            return q.status().isOk()
                       ? formatError(path, QStringLiteral("damaged citytwin project (table '%1' is missing)")
                                               .arg(QLatin1String(table)))
                       : q.status();
        }
    }
    SqliteStatement format(db, "SELECT value FROM meta WHERE key = 'format'", path);
    if (!format.next() || format.text(0) != QLatin1String(kFormatName)) {
        return format.status().isOk()
                   ? formatError(path, QStringLiteral("not a citytwin project (meta.format is "
                                                      "not '%1')")
                                           .arg(QLatin1String(kFormatName)))
                   : format.status();
    }
    return int(*version);
}

} // namespace

Result<int> inspectFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Status::error(Status::Code::NotFound, QStringLiteral("%1: no such file").arg(path));
    if (!info.isFile())
        return Status::error(Status::Code::InvalidArgument, QStringLiteral("%1: not a file").arg(path));
    if (Status s = checkHeader(path); !s.isOk())
        return s;

    // Without a -wal file the database is fully checkpointed and no writer is active, so it can be read as
    // immutable: SQLite then creates no -wal/-shm files next to a file we may be about to reject.
    QByteArray name = path.toUtf8();
    int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
    if (!QFileInfo::exists(path + QStringLiteral("-wal"))) {
        name = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toEncoded() + "?immutable=1";
        flags |= SQLITE_OPEN_URI;
    }
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(name.constData(), &db, flags, nullptr);
    // Other connections (a session's loaders open the file on several threads) may hold a lock
    // for a moment, e.g. the checkpoint of a closing connection: wait for it like every other
    // connection does instead of failing with "database is locked".
    if (rc == SQLITE_OK)
        sqlite3_busy_timeout(db, 5000);
    Result<int> result = rc == SQLITE_OK
                             ? inspectOpenDatabase(db, path)
                             : Result<int>(sqliteError(db, path, QStringLiteral("opening read-only")));
    sqlite3_close_v2(db);
    return result;
}

} // namespace citytwin::data::schema
