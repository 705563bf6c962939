#include "data/SqliteStatement.h"

#include "data/DataLog.h"
#include "data/Time.h"

#include <sqlite3.h>

namespace citytwin::data {

namespace {

Status::Code codeFor(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return Status::Code::FormatError;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_PERM:
        return Status::Code::IoError;
    case SQLITE_INTERRUPT:
        return Status::Code::Cancelled;
    default:
        return Status::Code::Internal;
    }
}

} // namespace

Status sqliteError(sqlite3* db, const QString& file, const QString& what)
{
    const int rc = db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM;
    const QString message = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
    const Status::Code code = codeFor(rc);
    if (code == Status::Code::FormatError) // say it plainly: the user's file is damaged, not our query wrong
        return Status::error(code, QStringLiteral("%1: damaged file (%2) while %3").arg(file, message, what));
    return Status::error(code, QStringLiteral("%1: %2: %3").arg(file, what, message));
}

Status sqliteExec(sqlite3* db, const char* sql, const QString& file)
{
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) == SQLITE_OK)
        return Status::ok();
    sqlite3_free(err);
    return sqliteError(db, file,
                       QStringLiteral("executing \"%1\"").arg(QString::fromUtf8(sql).left(80).simplified()));
}

SqliteStatement::SqliteStatement(sqlite3* db, const char* sql, const QString& file) : m_db(db), m_file(file)
{
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK) {
        m_status = sqliteError(
            db, file, QStringLiteral("preparing \"%1\"").arg(QString::fromUtf8(sql).left(80).simplified()));
        m_stmt = nullptr;
    }
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

void SqliteStatement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}
void SqliteStatement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
}

void SqliteStatement::bind(int index, const QString& value)
{
    bind(index, value.toUtf8());
}

void SqliteStatement::bind(int index, const QByteArray& utf8Text)
{
    sqlite3_bind_text(m_stmt, index, utf8Text.constData(), int(utf8Text.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

void SqliteStatement::bindTime(int index, std::int64_t time)
{
    if (time == kNoTime)
        bindNull(index);
    else
        bind(index, time);
}

void SqliteStatement::bindOptional(int index, const std::optional<double>& value)
{
    if (value)
        bind(index, *value);
    else
        bindNull(index);
}

bool SqliteStatement::next()
{
    if (!m_stmt || !m_status.isOk())
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_status = sqliteError(m_db, m_file, QStringLiteral("reading"));
    return false;
}

Status SqliteStatement::run()
{
    if (!m_status.isOk())
        return m_status;
    const int rc = sqlite3_step(m_stmt);
    sqlite3_reset(m_stmt);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return Status::ok();
    // sqlite3_reset keeps the error of the failed step, so the message is still the real one.
    return sqliteError(m_db, m_file, QStringLiteral("writing"));
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t SqliteStatement::int64(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}
double SqliteStatement::real(int col) const
{
    return sqlite3_column_double(m_stmt, col);
}

QString SqliteStatement::text(int col) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, col)) : QString();
}

bool SqliteStatement::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

std::int64_t SqliteStatement::time(int col) const
{
    return isNull(col) ? kNoTime : int64(col);
}

std::optional<double> SqliteStatement::optionalReal(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return real(col);
}

const char* SqliteStatement::rawText(int col, int* size) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    *size = p ? sqlite3_column_bytes(m_stmt, col) : 0;
    return p;
}

SqliteTransaction::SqliteTransaction(sqlite3* db, const QString& file) : m_db(db), m_file(file)
{
    // IMMEDIATE takes the write lock up front, so a conflict shows here and not halfway through a write.
    m_status = sqliteExec(db, "BEGIN IMMEDIATE", file);
    m_open = m_status.isOk();
}

SqliteTransaction::~SqliteTransaction()
{
    if (m_open && sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr) != SQLITE_OK)
        qCWarning(lcData) << m_file << "rollback failed:" << sqlite3_errmsg(m_db);
}

Status SqliteTransaction::commit()
{
    if (!m_open)
        return m_status.isOk()
                   ? Status::error(Status::Code::Internal, m_file + QStringLiteral(": no transaction"))
                   : m_status;
    const Status s = sqliteExec(m_db, "COMMIT", m_file);
    if (s.isOk())
        m_open = false;
    return s;
}

} // namespace citytwin::data
