// ProjectStore: the overlay tables (people, track points, events, assets); the write*() wrappers of all
// overlay tables over OverlayWriter. Live-mode reads (revisions, deltas, histogram) are in ProjectStoreLive.cpp.
#include "data/ProjectStore.h"
#include "data/ProjectStoreRows.h"
#include "data/SqliteStatement.h"

#include <algorithm>
#include <limits>

namespace citytwin::data {

namespace {

//! Rows between two progress callbacks: frequent enough for a responsive cancel, rare enough to be free.
constexpr std::int64_t kProgressInterval = 4096;

Status cancelled(const QString& path)
{
    return Status::error(Status::Code::Cancelled,
                         path + QStringLiteral(": write cancelled; nothing was written"));
}

//! One write*() call: an OverlayWriter (the only code path that writes overlay rows) fed ROWS in slices
//! of kProgressInterval so PROGRESS can cancel between them. Nothing is visible before the commit, and a
//! cancel or error destroys the writer, which rolls everything back.
template <class Row>
Status writeThrough(ProjectStore& store, const std::vector<Row>& rows, const ProjectStore::Progress& progress,
                    Status (OverlayWriter::*add)(const std::vector<Row>&))
{
    Result<std::unique_ptr<OverlayWriter>> writer = store.beginOverlayImport();
    if (!writer)
        return writer.status();
    OverlayWriter& w = **writer;
    const auto total = std::int64_t(rows.size());
    if (!progress) {
        if (Status s = (w.*add)(rows); !s.isOk())
            return s;
    } else {
        std::vector<Row> slice;
        slice.reserve(size_t(std::min(total, kProgressInterval)));
        for (std::int64_t i = 0; i < total; i += kProgressInterval) {
            if (!progress(i, total))
                return cancelled(store.path());
            const auto end = std::min(total, i + kProgressInterval);
            slice.assign(rows.begin() + i, rows.begin() + end);
            if (Status s = (w.*add)(slice); !s.isOk())
                return s;
        }
        // The last call may still cancel: the caller sees "done" only once it is really committed.
        if (!progress(total, total))
            return cancelled(store.path());
    }
    return w.commit();
}

} // namespace

Status ProjectStore::writePeople(const std::vector<Person>& people)
{
    return writeThrough(*this, people, {}, &OverlayWriter::addPeople);
}

Status ProjectStore::writeTrackPoints(const std::vector<TrackPoint>& points, const Progress& progress)
{
    return writeThrough(*this, points, progress, &OverlayWriter::addTrackPoints);
}

Status ProjectStore::writeEvents(const std::vector<Event>& events, const Progress& progress)
{
    return writeThrough(*this, events, progress, &OverlayWriter::addEvents);
}

Status ProjectStore::writeAssets(const std::vector<Asset>& assets)
{
    return writeThrough(*this, assets, {}, &OverlayWriter::addAssets);
}

Status ProjectStore::writeSensorReadings(const std::vector<SensorReading>& readings, const Progress& progress)
{
    return writeThrough(*this, readings, progress, &OverlayWriter::addSensorReadings);
}

Status ProjectStore::writeThresholds(const std::vector<Threshold>& thresholds)
{
    return writeThrough(*this, thresholds, {}, &OverlayWriter::addThresholds);
}

Result<std::vector<Person>> ProjectStore::people() const
{
    const QByteArray sql = QByteArray("SELECT ") + rows::kPersonColumns + " FROM people p ORDER BY p.id";
    SqliteStatement q(m_db, sql.constData(), m_path);
    return rows::readPeople(q, m_path);
}

Result<std::vector<TrackPoint>> ProjectStore::trackPoints() const
{
    // The table is clustered on (person_id, t): this ORDER BY is a plain scan, no sort.
    const QByteArray sql =
        QByteArray("SELECT ") + rows::kTrackPointColumns + " FROM track_points tp ORDER BY tp.person_id, tp.t";
    SqliteStatement q(m_db, sql.constData(), m_path);
    return rows::readTrackPoints(q);
}

Result<std::vector<Event>> ProjectStore::events() const
{
    const QByteArray sql =
        QByteArray("SELECT ") + rows::kEventColumns + " FROM events e ORDER BY e.reported, e.id";
    SqliteStatement q(m_db, sql.constData(), m_path);
    return rows::readEvents(q, m_path);
}

Result<std::vector<Event>> ProjectStore::eventsIn(const TimeRange& range) const
{
    if (range.isEmpty())
        return std::vector<Event>{};
    // Lifetime [reported, closed) (open-ended when closed is NULL) intersects [start, end); events whose
    // lifetime is empty (never reported, or closed before reported) are never on the map.
    const QByteArray sql = QByteArray("SELECT ") + rows::kEventColumns +
                           " FROM events e WHERE e.reported IS NOT NULL AND e.reported < ?2"
                           " AND (e.closed IS NULL OR (e.closed > ?1 AND e.closed > e.reported))"
                           " ORDER BY e.reported, e.id";
    SqliteStatement q(m_db, sql.constData(), m_path);
    q.bind(1, range.start);
    q.bind(2, range.end);
    return rows::readEvents(q, m_path);
}

Result<std::vector<Event>> ProjectStore::eventsInExtent(const Extent2D& extent) const
{
    // The R*Tree stores float32 boxes rounded outwards: it preselects, the exact test is on the real columns.
    const QByteArray sql = QByteArray("SELECT ") + rows::kEventColumns +
                           " FROM events_rtree r JOIN events e ON e.id = r.id"
                           " WHERE r.max_x >= ?1 AND r.min_x <= ?3 AND r.max_y >= ?2 AND r.min_y <= ?4"
                           " AND e.x BETWEEN ?1 AND ?3 AND e.y BETWEEN ?2 AND ?4 ORDER BY e.reported, e.id";
    SqliteStatement q(m_db, sql.constData(), m_path);
    q.bind(1, extent.minX);
    q.bind(2, extent.minY);
    q.bind(3, extent.maxX);
    q.bind(4, extent.maxY);
    return rows::readEvents(q, m_path);
}

Result<std::vector<Event>> ProjectStore::eventMarkers() const
{
    return eventMarkers(std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
}

Result<std::vector<Event>> ProjectStore::eventMarkers(std::int64_t firstId, std::int64_t lastId) const
{
    // By id, the rowid: the table is read sequentially, where ORDER BY reported would visit the
    // rows through its index at random (most of events()' time); the marker builder sorts by time.
    std::int64_t expected = 0;
    {
        SqliteStatement count(m_db, "SELECT count(*) FROM events WHERE id BETWEEN ?1 AND ?2", m_path);
        count.bind(1, firstId);
        count.bind(2, lastId);
        if (count.next())
            expected = count.int64(0);
    }
    const QByteArray sql =
        QByteArray("SELECT ") + rows::kEventMarkerColumns + " FROM events e WHERE e.id BETWEEN ?1 AND ?2 ORDER BY e.id";
    SqliteStatement q(m_db, sql.constData(), m_path);
    q.bind(1, firstId);
    q.bind(2, lastId);
    return rows::readEventMarkers(q, expected);
}

Result<std::optional<std::pair<std::int64_t, std::int64_t>>> ProjectStore::eventIdRange() const
{
    SqliteStatement q(m_db, "SELECT min(id), max(id) FROM events", m_path);
    using Range = std::optional<std::pair<std::int64_t, std::int64_t>>;
    if (!q.next())
        return q.status().isOk() ? Result<Range>(Range{}) : Result<Range>(q.status());
    if (q.isNull(0))
        return Range{};
    return Range{std::pair{q.int64(0), q.int64(1)}};
}

Result<std::optional<Event>> ProjectStore::event(std::int64_t id) const
{
    const QByteArray sql = QByteArray("SELECT ") + rows::kEventColumns + " FROM events e WHERE e.id = ?1";
    SqliteStatement q(m_db, sql.constData(), m_path);
    q.bind(1, id);
    auto events = rows::readEvents(q, m_path);
    if (!events)
        return events.status();
    if (events->empty())
        return std::optional<Event>{};
    return std::optional<Event>{std::move(events->front())};
}

Result<std::vector<Asset>> ProjectStore::assets() const
{
    const QByteArray sql = QByteArray("SELECT ") + rows::kAssetColumns + " FROM assets a ORDER BY a.id";
    SqliteStatement q(m_db, sql.constData(), m_path);
    return rows::readAssets(q, m_path);
}

} // namespace citytwin::data
