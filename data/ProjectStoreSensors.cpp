// ProjectStore: sensor readings and thresholds (schema v2), and summary queries over the overlays.
#include "data/ProjectStore.h"
#include "data/SqliteStatement.h"

#include <sqlite3.h>

namespace citytwin::data {

namespace {

//! One optional integer from a single-aggregate query (SQLite answers min()/max() alone from an index).
Result<std::optional<std::int64_t>> queryOptionalInt(sqlite3* db, const char* sql, const QString& path)
{
    SqliteStatement q(db, sql, path);
    if (!q.next())
        return q.status().isOk() ? Result<std::optional<std::int64_t>>(std::optional<std::int64_t>{})
                                 : q.status();
    if (q.isNull(0))
        return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{q.int64(0)};
}

} // namespace

Status ProjectStore::writeSensorReadings(const std::vector<SensorReading>& readings, const Progress& progress)
{
    if (Status s = checkWritable(); !s.isOk())
        return s;
    if (Status s = checkVersion(2); !s.isOk())
        return s;
    SqliteTransaction tx(m_db, m_path);
    if (!tx.status().isOk())
        return tx.status();
    SqliteStatement insert(
        m_db, "INSERT OR REPLACE INTO sensor_readings(asset_id, t, value) VALUES(?1, ?2, ?3)", m_path);
    if (!insert.status().isOk())
        return insert.status();
    const auto total = std::int64_t(readings.size());
    for (std::int64_t i = 0; i < total; ++i) {
        if (progress && i % 4096 == 0 && !progress(i, total))
            return Status::error(Status::Code::Cancelled, m_path + QStringLiteral(": write cancelled"));
        const SensorReading& r = readings[size_t(i)];
        insert.bind(1, r.assetId);
        insert.bind(2, r.time);
        insert.bind(3, r.value);
        if (Status s = insert.run(); !s.isOk())
            return s;
    }
    if (progress && !progress(total, total))
        return Status::error(Status::Code::Cancelled, m_path + QStringLiteral(": write cancelled"));
    return tx.commit();
}

Result<std::vector<SensorReading>> ProjectStore::sensorReadings(std::int64_t assetId,
                                                                const TimeRange& range) const
{
    if (Status s = checkVersion(2); !s.isOk())
        return s;
    SqliteStatement q(
        m_db,
        "SELECT asset_id, t, value FROM sensor_readings WHERE asset_id = ?1 AND t >= ?2 AND t < ?3 "
        "ORDER BY t",
        m_path);
    q.bind(1, assetId);
    q.bind(2, range.start);
    q.bind(3, range.end);
    std::vector<SensorReading> readings;
    while (q.next())
        readings.push_back({q.int64(0), q.int64(1), q.real(2)});
    if (!q.status().isOk())
        return q.status();
    return readings;
}

Status ProjectStore::writeThresholds(const std::vector<Threshold>& thresholds)
{
    if (Status s = checkWritable(); !s.isOk())
        return s;
    if (Status s = checkVersion(2); !s.isOk())
        return s;
    SqliteTransaction tx(m_db, m_path);
    if (!tx.status().isOk())
        return tx.status();
    SqliteStatement insert(m_db,
                           "INSERT OR REPLACE INTO thresholds(id, asset_id, subtype, min_value, max_value) "
                           "VALUES(?1, ?2, ?3, ?4, ?5)",
                           m_path);
    for (const Threshold& t : thresholds) {
        if (t.assetId == 0 && t.subtype.isEmpty()) {
            return Status::error(Status::Code::InvalidArgument,
                                 QStringLiteral("%1: threshold %2 names neither an asset nor a subtype")
                                     .arg(m_path)
                                     .arg(t.id));
        }
        if (t.id > 0)
            insert.bind(1, t.id);
        else
            insert.bindNull(1); // INTEGER PRIMARY KEY: NULL picks a fresh id
        if (t.assetId != 0)
            insert.bind(2, t.assetId);
        else
            insert.bindNull(2);
        if (t.subtype.isEmpty())
            insert.bindNull(3);
        else
            insert.bind(3, t.subtype);
        insert.bindOptional(4, t.min);
        insert.bindOptional(5, t.max);
        if (Status s = insert.run(); !s.isOk())
            return s;
    }
    return tx.commit();
}

Result<std::vector<Threshold>> ProjectStore::thresholds() const
{
    if (Status s = checkVersion(2); !s.isOk())
        return s;
    SqliteStatement q(m_db, "SELECT id, asset_id, subtype, min_value, max_value FROM thresholds ORDER BY id",
                      m_path);
    std::vector<Threshold> result;
    while (q.next()) {
        Threshold t;
        t.id = q.int64(0);
        t.assetId = q.isNull(1) ? 0 : q.int64(1);
        t.subtype = q.text(2);
        t.min = q.optionalReal(3);
        t.max = q.optionalReal(4);
        result.push_back(std::move(t));
    }
    if (!q.status().isOk())
        return q.status();
    return result;
}

Result<ProjectStore::Counts> ProjectStore::counts() const
{
    Counts c;
    const std::pair<const char*, std::int64_t*> queries[] = {
        {"SELECT count(*) FROM people", &c.people},
        {"SELECT count(*) FROM track_points", &c.trackPoints},
        {"SELECT count(*) FROM events", &c.events},
        {"SELECT count(*) FROM assets", &c.assets},
        {"SELECT count(*) FROM sensor_readings", &c.sensorReadings},
    };
    for (const auto& [sql, target] : queries) {
        if (target == &c.sensorReadings && m_schemaVersion < 2)
            continue;
        const auto n = queryOptionalInt(m_db, sql, m_path);
        if (!n)
            return n.status();
        *target = n->value_or(0);
    }
    return c;
}

Result<TimeRange> ProjectStore::overlayTimeExtent() const
{
    std::optional<std::int64_t> values[5];
    const char* const queries[5] = {"SELECT min(reported) FROM events", "SELECT max(reported) FROM events",
                                    "SELECT max(closed) FROM events", "SELECT min(t) FROM track_points",
                                    "SELECT max(t) FROM track_points"};
    for (int i = 0; i < 5; ++i) {
        const auto v = queryOptionalInt(m_db, queries[i], m_path);
        if (!v)
            return v.status();
        values[i] = *v;
    }
    std::optional<TimeMs> first, last;
    for (int i : {0, 3}) {
        if (values[i])
            first = first ? std::min(*first, *values[i]) : *values[i];
    }
    for (int i : {1, 2, 4}) {
        if (values[i])
            last = last ? std::max(*last, *values[i]) : *values[i];
    }
    if (!first || !last)
        return TimeRange{};
    // Half-open: the last instant must be inside the range.
    return TimeRange{*first, *last + 1};
}

} // namespace citytwin::data
