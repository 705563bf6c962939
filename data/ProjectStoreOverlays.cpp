// ProjectStore: the overlay tables (people, track points, events, assets, sensor readings, thresholds).
#include "data/ProjectStore.h"
#include "data/SqliteStatement.h"

#include <charconv>

namespace citytwin::data {

namespace {

//! Rows between two progress callbacks: frequent enough for a responsive cancel, rare enough to be free.
constexpr std::int64_t kProgressInterval = 4096;

Status cancelled(const QString& path)
{
    return Status::error(Status::Code::Cancelled,
                         path + QStringLiteral(": write cancelled; nothing was written"));
}

Status formatError(const QString& path, const QString& problem)
{
    return Status::error(Status::Code::FormatError, QStringLiteral("%1: %2").arg(path, problem));
}

//! Writes ROWS in one transaction with BIND filling the insert statement for each row. The transaction
//! is rolled back (nothing written) on an error or when PROGRESS returns false.
template <class Row, class Bind>
Status writeRows(sqlite3* db, const QString& path, const char* sql, const std::vector<Row>& rows,
                 const ProjectStore::Progress& progress, Bind bind)
{
    SqliteTransaction tx(db, path);
    if (!tx.status().isOk())
        return tx.status();
    SqliteStatement insert(db, sql, path);
    if (!insert.status().isOk())
        return insert.status();
    const auto total = std::int64_t(rows.size());
    for (std::int64_t i = 0; i < total; ++i) {
        if (progress && i % kProgressInterval == 0 && !progress(i, total))
            return cancelled(path);
        bind(insert, rows[size_t(i)]);
        if (Status s = insert.run(); !s.isOk())
            return s.withContext(QStringLiteral("row %1").arg(i));
    }
    // The last call may still cancel: the caller sees "done" only once it is really committed.
    if (progress && !progress(total, total))
        return cancelled(path);
    return tx.commit();
}

//! Staff ids as a compact JSON array text, "[3,17]": readable by SQLite's json_each and by people.
QByteArray staffToText(const std::vector<std::int64_t>& staff)
{
    QByteArray out("[");
    for (size_t i = 0; i < staff.size(); ++i) {
        if (i)
            out += ',';
        out += QByteArray::number(staff[i]);
    }
    out += ']';
    return out;
}

//! Parses staffToText's output without a JSON document per row (100k events must load in well under 0.5 s).
bool staffFromText(const char* p, int size, std::vector<std::int64_t>& out)
{
    out.clear();
    const char* end = p + size;
    while (p < end && (*p == '[' || *p == ' '))
        ++p;
    while (p < end && *p != ']') {
        std::int64_t v = 0;
        const auto [next, ec] = std::from_chars(p, end, v);
        if (ec != std::errc())
            return false;
        out.push_back(v);
        p = next;
        while (p < end && (*p == ',' || *p == ' '))
            ++p;
    }
    return p < end || size == 0;
}

constexpr const char* kEventColumns = "e.id, e.category, e.severity, e.description, e.source, e.x, e.y, e.z, "
                                      "e.reported, e.dispatched, e.on_site, e.resolved, e.closed, e.staff";

Result<std::vector<Event>> readEvents(SqliteStatement& q, const QString& path)
{
    std::vector<Event> events;
    while (q.next()) {
        Event e;
        e.id = q.int64(0);
        e.category = q.text(1);
        e.severity = int(q.int64(2));
        e.description = q.text(3);
        e.source = q.text(4);
        e.position = {q.real(5), q.real(6), q.real(7)};
        e.reported = q.time(8);
        e.dispatched = q.time(9);
        e.onSite = q.time(10);
        e.resolved = q.time(11);
        e.closed = q.time(12);
        int size = 0;
        const char* staff = q.rawText(13, &size);
        if (!staffFromText(staff, size, e.assignedStaff))
            return formatError(path, QStringLiteral("event %1 has an invalid staff list").arg(e.id));
        events.push_back(std::move(e));
    }
    if (!q.status().isOk())
        return q.status();
    return events;
}

} // namespace

Status ProjectStore::writePeople(const std::vector<Person>& people)
{
    if (Status s = checkWritable(); !s.isOk())
        return s;
    return writeRows(m_db, m_path,
                     "INSERT OR REPLACE INTO people(id, name, role, team) VALUES(?1, ?2, ?3, ?4)", people, {},
                     [](SqliteStatement& q, const Person& p) {
                         q.bind(1, p.id);
                         q.bind(2, p.name);
                         q.bind(3, toString(p.role));
                         q.bind(4, p.team);
                     });
}

Status ProjectStore::writeTrackPoints(const std::vector<TrackPoint>& points, const Progress& progress)
{
    if (Status s = checkWritable(); !s.isOk())
        return s;
    return writeRows(m_db, m_path,
                     "INSERT OR REPLACE INTO track_points(person_id, t, x, y, z) VALUES(?1, ?2, ?3, ?4, ?5)",
                     points, progress, [](SqliteStatement& q, const TrackPoint& p) {
                         q.bind(1, p.personId);
                         q.bind(2, p.time);
                         q.bind(3, p.position.x);
                         q.bind(4, p.position.y);
                         q.bind(5, p.position.z);
                     });
}

Status ProjectStore::writeEvents(const std::vector<Event>& events, const Progress& progress)
{
    if (Status s = checkWritable(); !s.isOk())
        return s;
    return writeRows(
        m_db, m_path,
        "INSERT OR REPLACE INTO events(id, category, severity, description, source, x, y, z, reported, "
        "dispatched, on_site, resolved, closed, staff) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        events, progress, [](SqliteStatement& q, const Event& e) {
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
            q.bind(14, staffToText(e.assignedStaff));
        });
}

Status ProjectStore::writeAssets(const std::vector<Asset>& assets)
{
    if (Status s = checkWritable(); !s.isOk())
        return s;
    return writeRows(m_db, m_path,
                     "INSERT OR REPLACE INTO assets(id, type, name, subtype, x, y, z, attributes) "
                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                     assets, {}, [](SqliteStatement& q, const Asset& a) {
                         q.bind(1, a.id);
                         q.bind(2, toString(a.type));
                         q.bind(3, a.name);
                         q.bind(4, a.subtype);
                         q.bind(5, a.position.x);
                         q.bind(6, a.position.y);
                         q.bind(7, a.position.z);
                         q.bind(8, a.attributesJson);
                     });
}

Result<std::vector<Person>> ProjectStore::people() const
{
    SqliteStatement q(m_db, "SELECT id, name, role, team FROM people ORDER BY id", m_path);
    std::vector<Person> people;
    while (q.next()) {
        Person p;
        p.id = q.int64(0);
        p.name = q.text(1);
        const QString role = q.text(2);
        if (!fromString(role, p.role))
            return formatError(m_path,
                               QStringLiteral("person %1 has an unknown role '%2'").arg(p.id).arg(role));
        p.team = q.text(3);
        people.push_back(std::move(p));
    }
    if (!q.status().isOk())
        return q.status();
    return people;
}

Result<std::vector<TrackPoint>> ProjectStore::trackPoints() const
{
    // The table is clustered on (person_id, t): this ORDER BY is a plain scan, no sort.
    SqliteStatement q(m_db, "SELECT person_id, t, x, y, z FROM track_points ORDER BY person_id, t", m_path);
    std::vector<TrackPoint> points;
    while (q.next())
        points.push_back({q.int64(0), q.int64(1), {q.real(2), q.real(3), q.real(4)}});
    if (!q.status().isOk())
        return q.status();
    return points;
}

Result<std::vector<Event>> ProjectStore::events() const
{
    const QByteArray sql = QByteArray("SELECT ") + kEventColumns + " FROM events e ORDER BY e.reported, e.id";
    SqliteStatement q(m_db, sql.constData(), m_path);
    return readEvents(q, m_path);
}

Result<std::vector<Event>> ProjectStore::eventsIn(const TimeRange& range) const
{
    if (range.isEmpty())
        return std::vector<Event>{};
    // Lifetime [reported, closed) (open-ended when closed is NULL) intersects [start, end); events whose
    // lifetime is empty (never reported, or closed before reported) are never on the map.
    const QByteArray sql = QByteArray("SELECT ") + kEventColumns +
                           " FROM events e WHERE e.reported IS NOT NULL AND e.reported < ?2"
                           " AND (e.closed IS NULL OR (e.closed > ?1 AND e.closed > e.reported))"
                           " ORDER BY e.reported, e.id";
    SqliteStatement q(m_db, sql.constData(), m_path);
    q.bind(1, range.start);
    q.bind(2, range.end);
    return readEvents(q, m_path);
}

Result<std::vector<Event>> ProjectStore::eventsInExtent(const Extent2D& extent) const
{
    // The R*Tree stores float32 boxes rounded outwards: it preselects, the exact test is on the real columns.
    const QByteArray sql = QByteArray("SELECT ") + kEventColumns +
                           " FROM events_rtree r JOIN events e ON e.id = r.id"
                           " WHERE r.max_x >= ?1 AND r.min_x <= ?3 AND r.max_y >= ?2 AND r.min_y <= ?4"
                           " AND e.x BETWEEN ?1 AND ?3 AND e.y BETWEEN ?2 AND ?4 ORDER BY e.reported, e.id";
    SqliteStatement q(m_db, sql.constData(), m_path);
    q.bind(1, extent.minX);
    q.bind(2, extent.minY);
    q.bind(3, extent.maxX);
    q.bind(4, extent.maxY);
    return readEvents(q, m_path);
}

Result<std::vector<Asset>> ProjectStore::assets() const
{
    SqliteStatement q(m_db, "SELECT id, type, name, subtype, x, y, z, attributes FROM assets ORDER BY id",
                      m_path);
    std::vector<Asset> assets;
    while (q.next()) {
        Asset a;
        a.id = q.int64(0);
        const QString type = q.text(1);
        if (!fromString(type, a.type))
            return formatError(m_path,
                               QStringLiteral("asset %1 has an unknown type '%2'").arg(a.id).arg(type));
        a.name = q.text(2);
        a.subtype = q.text(3);
        a.position = {q.real(4), q.real(5), q.real(6)};
        a.attributesJson = q.text(7);
        assets.push_back(std::move(a));
    }
    if (!q.status().isOk())
        return q.status();
    return assets;
}

} // namespace citytwin::data
