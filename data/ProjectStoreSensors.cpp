// ProjectStore: sensor readings and thresholds (schema v2; written through OverlayWriter, see
// ProjectStoreOverlays.cpp), and summary queries over the overlays.
#include "data/ProjectStore.h"
#include "data/ProjectStoreRows.h"
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

Result<std::vector<SensorReading>> ProjectStore::sensorReadings(std::int64_t assetId,
                                                                const TimeRange& range) const
{
    if (Status s = checkVersion(2); !s.isOk())
        return s;
    SqliteStatement q(
        m_db,
        "SELECT sr.asset_id, sr.t, sr.value FROM sensor_readings sr WHERE sr.asset_id = ?1 AND sr.t >= ?2 "
        "AND sr.t < ?3 ORDER BY sr.t",
        m_path);
    q.bind(1, assetId);
    q.bind(2, range.start);
    q.bind(3, range.end);
    return rows::readSensorReadings(q);
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
        {"SELECT count(*) FROM thresholds", &c.thresholds},
    };
    for (const auto& [sql, target] : queries) {
        if ((target == &c.sensorReadings || target == &c.thresholds) && m_schemaVersion < 2)
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
    // Schema 3 has no index on track_points.t (see ProjectStoreSchema.cpp): the per-person spans every
    // import records give the same answer from a few rows.
    const bool spans = m_schemaVersion >= 3;
    const char* const queries[5] = {
        "SELECT min(reported) FROM events", "SELECT max(reported) FROM events", "SELECT max(closed) FROM events",
        spans ? "SELECT min(t_min) FROM overlay_spans WHERE kind = 0" : "SELECT min(t) FROM track_points",
        spans ? "SELECT max(t_max) FROM overlay_spans WHERE kind = 0" : "SELECT max(t) FROM track_points"};
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
