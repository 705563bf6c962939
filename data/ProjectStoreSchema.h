#pragma once

#include "data/Result.h"

#include <QString>
#include <cstdint>
#include <vector>

struct sqlite3;

namespace citytwin::data::schema {

//! PRAGMA application_id of every citytwin project: ASCII "CTWI" (file header bytes 68..71).
inline constexpr std::int32_t kApplicationId = 0x43545749;
//! Value of meta.format in every citytwin project (second fingerprint besides application_id).
inline constexpr const char* kFormatName = "citytwin";

//! The version-1 schema, verbatim. Fresh projects start from it and migrate forward, so the upgrade path
//! is the one every new file takes; tests use it to build genuine v1 files.
extern const char* const kVersion1Sql;

//! One forward step: SQL that turns schema version toVersion-1 into toVersion.
struct Migration
{
    int toVersion = 0;
    const char* sql = nullptr;
};
//! All forward migrations, ascending; the last one reaches ProjectStore::kSchemaVersion.
const std::vector<Migration>& migrations();

//! Tables a schema of VERSION must have (used to recognise damaged or foreign files).
std::vector<const char*> requiredTables(int version);

//! Creates the v1 tables in an empty database and stamps application_id, meta.format, user_version=1.
Status createVersion1(sqlite3* db, const QString& file);
//! Runs the migrations after FROMVERSION up to kSchemaVersion in one transaction (all or nothing).
Status migrate(sqlite3* db, int fromVersion, const QString& file);

//! Checks, without modifying it, that PATH is an intact citytwin project this build can read.
//! Opens it read-only. Returns its schema version.
Result<int> inspectFile(const QString& path);

} // namespace citytwin::data::schema
