// OverlayWriter: the one code path for every overlay write (streaming imports and ProjectStore::write*()).
#include "data/OverlayWriter.h"

#include "data/DataLog.h"
#include "data/ProjectStoreRows.h"
#include "data/SqliteStatement.h"

#include <algorithm>
#include <map>
#include <sqlite3.h>

namespace citytwin::data {

namespace {

//! overlay_spans.kind (ProjectStoreSchema.cpp v3).
constexpr int kTrackSpans = 0;
constexpr int kReadingSpans = 1;

struct TimeSpan
{
    std::int64_t first = 0, last = 0;
};
using SpanMap = std::map<std::pair<int, std::int64_t>, TimeSpan>;

//! Widens the spans of KIND by ROWS, which are sorted by owner: one map lookup per owner run.
template <class Row, class Owner, class Time>
void recordSpans(SpanMap& spans, int kind, const std::vector<Row>& rows, Owner owner, Time time)
{
    for (size_t i = 0; i < rows.size();) {
        const std::int64_t o = owner(rows[i]);
        std::int64_t lo = time(rows[i]), hi = lo;
        for (; i < rows.size() && owner(rows[i]) == o; ++i) {
            lo = std::min(lo, time(rows[i]));
            hi = std::max(hi, time(rows[i]));
        }
        const auto [it, inserted] = spans.try_emplace({kind, o}, TimeSpan{lo, hi});
        if (!inserted) {
            it->second.first = std::min(it->second.first, lo);
            it->second.last = std::max(it->second.last, hi);
        }
    }
}

//! ROWS in key order (OWNER, TIME): B-tree inserts then walk neighbouring leaves instead of jumping
//! between all owners (GPS files are usually time-major). Measured on the 2-core box with 1M points of
//! 1000 people, time-major: 186k rows/cpu-s unsorted, 384k sorted. Stable, so among duplicate keys the
//! last one in input order still wins (INSERT OR REPLACE). Already sorted input is used as is.
template <class Row, class Owner, class Time>
const std::vector<Row>& sortedByKey(const std::vector<Row>& rows, std::vector<Row>& buffer, Owner owner, Time time)
{
    const auto less = [&](const Row& a, const Row& b) {
        return owner(a) < owner(b) || (owner(a) == owner(b) && time(a) < time(b));
    };
    if (std::is_sorted(rows.begin(), rows.end(), less))
        return rows;
    buffer.assign(rows.begin(), rows.end());
    std::stable_sort(buffer.begin(), buffer.end(), less);
    return buffer;
}

} // namespace

//! Insert statements, prepared on first use and reused for every chunk (preparing per chunk would cost
//! more than the rows of a small chunk), and the writer's sticky failure.
struct OverlayWriter::Statements
{
    std::unique_ptr<SqliteStatement> people, trackPoints, events, assets, readings, thresholds;
    //! The first failed add: the transaction may hold part of that chunk, so the writer refuses more
    //! rows and commit() (the import is all or nothing; the destructor rolls back).
    Status failure;
    bool cleared = false; //!< clear() ran: commit() records overlay_cleared_revision
    //! (overlay_spans kind, owner) -> [first, last] time written: stored at commit() for live deltas.
    SpanMap spans;
    //! Reused buffers for chunks that arrive unsorted.
    std::vector<TrackPoint> sortedPoints;
    std::vector<SensorReading> sortedReadings;
};

namespace {

// The rev parameter is bound once per statement: sqlite3_reset() keeps bindings, so every row reuses it.
constexpr const char* kInsertPerson =
    "INSERT OR REPLACE INTO people(id, name, role, team, rev) VALUES(?1, ?2, ?3, ?4, ?5)";
constexpr const char* kInsertTrackPoint =
    "INSERT OR REPLACE INTO track_points(person_id, t, x, y, z, rev) VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kInsertEvent =
    "INSERT OR REPLACE INTO events(id, category, severity, description, source, x, y, z, reported, "
    "dispatched, on_site, resolved, closed, staff, rev) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
constexpr const char* kInsertAsset = "INSERT OR REPLACE INTO assets(id, type, name, subtype, x, y, z, attributes, "
                                     "rev) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr const char* kInsertReading =
    "INSERT OR REPLACE INTO sensor_readings(asset_id, t, value, rev) VALUES(?1, ?2, ?3, ?4)";
constexpr const char* kInsertThreshold =
    "INSERT OR REPLACE INTO thresholds(id, asset_id, subtype, min_value, max_value) VALUES(?1, ?2, ?3, ?4, ?5)";

//! Prepares SLOT on first use (binding the revision at REVINDEX when > 0).
Status prepare(sqlite3* db, const QString& path, std::unique_ptr<SqliteStatement>& slot, const char* sql,
               int revIndex, std::int64_t revision)
{
    if (slot)
        return Status::ok();
    auto q = std::make_unique<SqliteStatement>(db, sql, path);
    if (!q->status().isOk())
        return q->status();
    if (revIndex > 0)
        q->bind(revIndex, revision);
    slot = std::move(q);
    return Status::ok();
}

} // namespace

OverlayWriter::OverlayWriter(sqlite3* db, QString path, std::int64_t revision)
    : m_db(db), m_path(std::move(path)), m_revision(revision), m_open(true),
      m_statements(std::make_unique<Statements>())
{
}

OverlayWriter::~OverlayWriter()
{
    // Statements first: a connection rolls back more cleanly without pending statements.
    m_statements.reset();
    // A failed COMMIT may already have rolled back (SQLite does on I/O errors): only roll back what is open.
    if (m_open && !m_committed && !sqlite3_get_autocommit(m_db) &&
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr) != SQLITE_OK)
        qCWarning(lcData) << m_path << "rolling back an import failed:" << sqlite3_errmsg(m_db);
}

//! Whether rows may still be added; the reason when not.
static Status usable(bool open, bool committed, const Status& failure, const QString& path)
{
    if (committed)
        return Status::error(Status::Code::InvalidArgument,
                             path + QStringLiteral(": the import is already committed"));
    if (!open)
        return Status::error(Status::Code::Internal, path + QStringLiteral(": the import is not open"));
    if (!failure.isOk())
        return Status::error(failure.code(),
                             QStringLiteral("%1: the import failed earlier and will be rolled back (%2)")
                                 .arg(path, failure.message()));
    return Status::ok();
}

namespace {

//! Runs Q once per row of ROWS with BIND filling it; FIRST is the import-wide index of rows[0] for messages.
template <class Row, class Bind>
Status insertRows(SqliteStatement& q, const std::vector<Row>& rows, std::int64_t first, Bind bind)
{
    for (size_t i = 0; i < rows.size(); ++i) {
        if (Status s = bind(q, rows[i]); !s.isOk())
            return s.withContext(QStringLiteral("row %1").arg(first + std::int64_t(i)));
        if (Status s = q.run(); !s.isOk())
            return s.withContext(QStringLiteral("row %1").arg(first + std::int64_t(i)));
    }
    return Status::ok();
}

} // namespace

// Each add*() shares this shape: check, prepare once, insert, remember a failure, count the rows.
// A macro because the pieces are private members and the row binders differ per table.
#define CITYTWIN_OVERLAY_ADD(status, slot, sql, revIndex, rows, bind)                                        \
    Status status = usable(m_open, m_committed, m_statements->failure, m_path);                            \
    if (status.isOk())                                                                                     \
        status = prepare(m_db, m_path, m_statements->slot, sql, revIndex, m_revision);                     \
    if (status.isOk())                                                                                     \
        status = insertRows(*m_statements->slot, rows, m_rows, bind);                                      \
    if (status.isOk())                                                                                     \
        m_rows += std::int64_t(rows.size());                                                               \
    else if (m_statements->failure.isOk() && m_open)                                                       \
        m_statements->failure = status

Status OverlayWriter::addPeople(const std::vector<Person>& people)
{
    CITYTWIN_OVERLAY_ADD(s, people, kInsertPerson, 5, people, [](SqliteStatement& q, const Person& p) {
        q.bind(1, p.id);
        q.bind(2, p.name);
        q.bind(3, toString(p.role));
        q.bind(4, p.team);
        return Status::ok();
    });
    return s;
}

Status OverlayWriter::addTrackPoints(const std::vector<TrackPoint>& points)
{
    const auto owner = [](const TrackPoint& p) { return p.personId; };
    const auto time = [](const TrackPoint& p) { return p.time; };
    const std::vector<TrackPoint>& rows = sortedByKey(points, m_statements->sortedPoints, owner, time);
    CITYTWIN_OVERLAY_ADD(s, trackPoints, kInsertTrackPoint, 6, rows, [](SqliteStatement& q, const TrackPoint& p) {
        q.bind(1, p.personId);
        q.bind(2, p.time);
        q.bind(3, p.position.x);
        q.bind(4, p.position.y);
        q.bind(5, p.position.z);
        return Status::ok();
    });
    if (s.isOk())
        recordSpans(m_statements->spans, kTrackSpans, rows, owner, time);
    return s;
}

Status OverlayWriter::addEvents(const std::vector<Event>& events)
{
    CITYTWIN_OVERLAY_ADD(s, events, kInsertEvent, 15, events, [](SqliteStatement& q, const Event& e) {
        q.bind(1, e.id);
        q.bind(2, e.category);
        q.bind(3, e.severity);
        q.bind(4, e.description);
        q.bind(5, e.source);
        q.bind(6, e.position.x);
        q.bind(7, e.position.y);
        q.bind(8, e.position.z);
        q.bindTime(9, e.reported);
        q.bindTime(10, e.dispatched);
        q.bindTime(11, e.onSite);
        q.bindTime(12, e.resolved);
        q.bindTime(13, e.closed);
        q.bind(14, rows::staffToText(e.assignedStaff));
        return Status::ok();
    });
    return s;
}

Status OverlayWriter::addAssets(const std::vector<Asset>& assets)
{
    CITYTWIN_OVERLAY_ADD(s, assets, kInsertAsset, 9, assets, [](SqliteStatement& q, const Asset& a) {
        q.bind(1, a.id);
        q.bind(2, toString(a.type));
        q.bind(3, a.name);
        q.bind(4, a.subtype);
        q.bind(5, a.position.x);
        q.bind(6, a.position.y);
        q.bind(7, a.position.z);
        q.bind(8, a.attributesJson);
        return Status::ok();
    });
    return s;
}

Status OverlayWriter::addSensorReadings(const std::vector<SensorReading>& readings)
{
    const auto owner = [](const SensorReading& r) { return r.assetId; };
    const auto time = [](const SensorReading& r) { return r.time; };
    const std::vector<SensorReading>& rows = sortedByKey(readings, m_statements->sortedReadings, owner, time);
    CITYTWIN_OVERLAY_ADD(s, readings, kInsertReading, 4, rows, [](SqliteStatement& q, const SensorReading& r) {
        q.bind(1, r.assetId);
        q.bind(2, r.time);
        q.bind(3, r.value);
        return Status::ok();
    });
    if (s.isOk())
        recordSpans(m_statements->spans, kReadingSpans, rows, owner, time);
    return s;
}

Status OverlayWriter::addThresholds(const std::vector<Threshold>& thresholds)
{
    const QString& path = m_path;
    CITYTWIN_OVERLAY_ADD(s, thresholds, kInsertThreshold, 0, thresholds, [&path](SqliteStatement& q, const Threshold& t) {
        if (t.assetId == 0 && t.subtype.isEmpty()) {
            return Status::error(Status::Code::InvalidArgument,
                                 QStringLiteral("%1: threshold %2 names neither an asset nor a subtype")
                                     .arg(path)
                                     .arg(t.id));
        }
        if (t.id > 0)
            q.bind(1, t.id);
        else
            q.bindNull(1); // INTEGER PRIMARY KEY: NULL picks a fresh id
        if (t.assetId != 0)
            q.bind(2, t.assetId);
        else
            q.bindNull(2);
        if (t.subtype.isEmpty())
            q.bindNull(3);
        else
            q.bind(3, t.subtype);
        q.bindOptional(4, t.min);
        q.bindOptional(5, t.max);
        return Status::ok();
    });
    return s;
}

#undef CITYTWIN_OVERLAY_ADD

Status OverlayWriter::clear(OverlayKind kind)
{
    if (Status s = usable(m_open, m_committed, m_statements->failure, m_path); !s.isOk())
        return s;
    // Unqualified DELETEs use SQLite's truncate optimisation where no trigger is involved; events keep
    // their R*Tree in step through events_rtree_delete.
    const char* sql = nullptr;
    int spanKind = -1; // the spans of deleted rows go too (and with them their share of the time extent)
    switch (kind) {
    case OverlayKind::Tracks:
        sql = "DELETE FROM track_points; DELETE FROM people; DELETE FROM overlay_spans WHERE kind = 0;";
        spanKind = kTrackSpans;
        break;
    case OverlayKind::Events:
        sql = "DELETE FROM events;";
        break;
    case OverlayKind::Assets:
        sql = "DELETE FROM assets;";
        break;
    case OverlayKind::SensorReadings:
        sql = "DELETE FROM sensor_readings; DELETE FROM overlay_spans WHERE kind = 1;";
        spanKind = kReadingSpans;
        break;
    case OverlayKind::Thresholds:
        sql = "DELETE FROM thresholds;";
        break;
    }
    if (Status s = sqliteExec(m_db, sql, m_path); !s.isOk()) {
        m_statements->failure = s;
        return s;
    }
    m_statements->cleared = true;
    std::erase_if(m_statements->spans, [spanKind](const auto& e) { return e.first.first == spanKind; });
    return Status::ok();
}

Status OverlayWriter::commit()
{
    if (Status s = usable(m_open, m_committed, m_statements->failure, m_path); !s.isOk())
        return s;
    // The revision is published in the same transaction as the rows: a reader that sees the new
    // overlay_revision also sees every row carrying it.
    SqliteStatement meta(m_db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)", m_path);
    meta.bind(1, QByteArray("overlay_revision"));
    meta.bind(2, m_revision);
    Status s = meta.run();
    if (s.isOk() && m_statements->cleared) {
        meta.bind(1, QByteArray("overlay_cleared_revision"));
        meta.bind(2, m_revision);
        s = meta.run();
    }
    if (s.isOk() && !m_statements->spans.empty()) {
        SqliteStatement span(m_db, "INSERT OR REPLACE INTO overlay_spans(rev, kind, owner, t_min, t_max) "
                                   "VALUES(?1, ?2, ?3, ?4, ?5)", m_path);
        span.bind(1, m_revision);
        for (auto it = m_statements->spans.begin(); s.isOk() && it != m_statements->spans.end(); ++it) {
            span.bind(2, it->first.first);
            span.bind(3, it->first.second);
            span.bind(4, it->second.first);
            span.bind(5, it->second.last);
            s = span.run();
        }
    }
    if (s.isOk()) {
        m_statements = std::make_unique<Statements>(); // finalize before COMMIT; keeps the struct valid
        s = sqliteExec(m_db, "COMMIT", m_path);
    }
    if (!s.isOk()) {
        m_statements->failure = s; // the destructor rolls back what is left of the transaction
        return s.withContext(QStringLiteral("committing the import"));
    }
    m_committed = true;
    m_open = false;
    return Status::ok();
}

} // namespace citytwin::data
