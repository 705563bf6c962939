#pragma once

#include "data/Status.h"

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace citytwin::data {

//! A Status for the last error on DB, naming FILE and what we were doing (WHAT).
Status sqliteError(sqlite3* db, const QString& file, const QString& what);

//! Runs one or more SQL statements without results.
Status sqliteExec(sqlite3* db, const char* sql, const QString& file);

//! A prepared statement (RAII). Bind indices are 1-based, column indices 0-based, as in SQLite.
class SqliteStatement
{
public:
    SqliteStatement(sqlite3* db, const char* sql, const QString& file);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    //! Ok when preparing succeeded; otherwise the error naming the file and the SQL.
    const Status& status() const { return m_status; }

    void bind(int index, std::int64_t value);
    void bind(int index, int value) { bind(index, std::int64_t(value)); }
    void bind(int index, double value);
    void bind(int index, const QString& value);
    void bind(int index, const QByteArray& utf8Text);
    void bindNull(int index);
    //! Binds TIME, or NULL when it is kNoTime (optional instants are NULL in the store).
    void bindTime(int index, std::int64_t time);
    void bindOptional(int index, const std::optional<double>& value);

    //! Steps once: true while a row is available. A failure is recorded in status() and ends the loop.
    bool next();
    //! Steps a statement without results (INSERT/UPDATE/DELETE) and resets it for reuse.
    Status run();
    void reset();

    std::int64_t int64(int col) const;
    double real(int col) const;
    QString text(int col) const;
    bool isNull(int col) const;
    //! The column as an instant, kNoTime when NULL.
    std::int64_t time(int col) const;
    std::optional<double> optionalReal(int col) const;
    //! Raw UTF-8 bytes of a text column (valid until the next step); avoids a QString for parsing.
    const char* rawText(int col, int* size) const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    QString m_file;
    Status m_status;
};

//! BEGIN IMMEDIATE on construction; rolls back on destruction unless commit() succeeded.
class SqliteTransaction
{
public:
    SqliteTransaction(sqlite3* db, const QString& file);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;

    const Status& status() const { return m_status; }
    Status commit();

private:
    sqlite3* m_db = nullptr;
    QString m_file;
    Status m_status;
    bool m_open = false;
};

} // namespace citytwin::data
