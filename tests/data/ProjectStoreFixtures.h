#pragma once

// Sample content and file forging for tst_projectstore.

#include "data/Overlays.h"
#include "data/Project.h"
#include "data/ProjectStore.h"
#include "data/ProjectStoreSchema.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <sqlite3.h>

namespace citytwin::test {

using namespace citytwin::data;

inline constexpr TimeMs kT0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z

//! A project using every persisted field, including values that are easy to lose (kNoTime, unbounded).
inline Project sampleProject()
{
    Project p;
    p.name = QStringLiteral("平湖 Pinghu demo");
    p.crs = QStringLiteral("EPSG:4549");
    p.origin = {595804.2829, 3398141.1227, 4.25};
    p.timeZone = QStringLiteral("Asia/Shanghai");
    p.timeExtent = {kT0, kT0 + kDayMs};
    p.initialTime = kT0 + 8 * kHourMs;

    LayerSettings dem;
    dem.name = QStringLiteral("DEM");
    dem.kind = LayerKind::Elevation;
    dem.group = LayerGroup::Basemap;
    dem.sourceUri = QStringLiteral("rasters/dem.tif");
    dem.style = QJsonObject{{"exaggeration", 1.5}, {"ramp", QJsonArray{"#002200", "#ffffff"}}};
    p.addLayer(dem);

    LayerSettings events;
    events.name = QStringLiteral("事件 Events");
    events.kind = LayerKind::Events;
    events.group = LayerGroup::Events;
    events.sourceUri = QStringLiteral("store:events");
    events.visible = false;
    events.opacity = 0.75;
    events.order = 3;
    events.temporal.mode = TemporalMode::FeatureFields;
    events.temporal.startField = QStringLiteral("reported");
    events.temporal.endField = QStringLiteral("closed");
    events.temporal.range = TimeRange::unbounded();
    events.temporal.accumulate = true;
    p.addLayer(events);

    LayerSettings people;
    people.name = QStringLiteral("Staff");
    people.kind = LayerKind::People;
    people.group = LayerGroup::People;
    people.sourceUri = QStringLiteral("store:people");
    people.order = -2;
    people.temporal.mode = TemporalMode::PointTimestamps;
    people.temporal.trailLengthMs = 10 * kMinuteMs;
    p.addLayer(people);

    SavedView hall{QStringLiteral("Town hall"), {120.5, -340.25, 8.0}, 30.0, -35.0, 650.0, kT0 + kHourMs};
    SavedView overview{QStringLiteral("Overview"), {}, 0.0, -89.0, 12000.0, kNoTime};
    p.setView(hall);
    p.setView(overview);
    return p;
}

//! N events spread over a day with varied lifecycles (some open, some with skipped steps).
inline std::vector<Event> sampleEvents(int n, std::int64_t firstId = 1)
{
    std::vector<Event> events;
    events.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        Event e;
        e.id = firstId + i;
        e.category = i % 3 == 0 ? QStringLiteral("illegal_parking") : QStringLiteral("hotline_complaint");
        e.severity = 1 + i % 4;
        e.description = QStringLiteral("事件 #%1").arg(e.id);
        e.source = QStringLiteral("hotline_12345");
        e.position = {595000.0 + (i * 37) % 2000, 3397000.0 + (i * 53) % 2000, 3.0 + i % 5};
        e.reported = kT0 + (i * 7919LL) % kDayMs;
        e.dispatched = e.reported + 5 * kMinuteMs;
        e.onSite = i % 5 == 0 ? kNoTime : e.reported + 20 * kMinuteMs;
        e.resolved = i % 7 == 0 ? kNoTime : e.reported + kHourMs;
        e.closed = i % 7 == 0 ? kNoTime : e.reported + 2 * kHourMs;
        if (i % 2 == 0)
            e.assignedStaff = {i % 50 + 1, i % 13 + 100};
        events.push_back(e);
    }
    return events;
}

inline QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result();
}

inline bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

//! Runs SQL on PATH through the plain sqlite3 API (creating the file); false on any error.
inline bool rawExec(const QString& path, const QByteArray& sql)
{
    sqlite3* db = nullptr;
    bool ok = sqlite3_open(path.toUtf8().constData(), &db) == SQLITE_OK &&
              sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!ok)
        qWarning("rawExec: %s", sqlite3_errmsg(db));
    sqlite3_close(db);
    return ok;
}

//! One integer from SQL on PATH, opened read-only.
inline std::int64_t rawInt(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    std::int64_t v = -1;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* q = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &q, nullptr) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
            v = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return v;
}

//! The store at PATH opened in MODE; aborts the test run when it cannot be opened.
inline std::unique_ptr<ProjectStore> openStore(const QString& path,
                                               ProjectStore::Mode mode = ProjectStore::Mode::ReadWrite)
{
    auto store = ProjectStore::open(path, mode);
    if (!store)
        qFatal("open %s: %s", qPrintable(path), qPrintable(store.status().message()));
    return std::move(*store);
}

//! Creates project files in a temporary folder removed with it.
class ProjectFiles
{
public:
    bool isValid() const { return m_dir.isValid(); }
    const QTemporaryDir& dir() const { return m_dir; }

    QString freshPath() { return m_dir.filePath(QStringLiteral("p%1.citytwin").arg(++m_counter)); }

    //! A closed project file holding sampleProject() and N events.
    QString makeProjectFile(int events = 0)
    {
        const QString path = freshPath();
        auto store = ProjectStore::create(path, sampleProject());
        if (!store)
            qFatal("create failed: %s", qPrintable(store.status().message()));
        if (events > 0 && !(*store)->writeEvents(sampleEvents(events)).isOk())
            qFatal("writeEvents failed");
        return path;
    }

    //! A genuine schema-v1 file, as an older citytwin wrote it, with one row in several tables.
    QString makeVersion1File()
    {
        const QString path = freshPath();
        sqlite3* db = nullptr;
        if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
            qFatal("sqlite3_open failed");
        const Status s = schema::createVersion1(db, path);
        if (!s.isOk())
            qFatal("createVersion1: %s", qPrintable(s.message()));
        const char* rows = R"sql(
            INSERT INTO meta VALUES('name', 'Old project'), ('crs', 'EPSG:4549'), ('origin_x', 595000.5);
            INSERT INTO layers(id, position, name, kind, layer_group, temporal)
                VALUES(7, 0, 'Events', 'events', 'events', '{"mode":"feature_fields"}');
            INSERT INTO people VALUES(3, 'Li Wei', 'inspector', 'Team A');
            INSERT INTO events(id, category, severity, x, y, z, reported, closed, staff)
                VALUES(11, 'flood', 4, 595100, 3398100, 2, 1767225600000, NULL, '[3]');
        )sql";
        if (sqlite3_exec(db, rows, nullptr, nullptr, nullptr) != SQLITE_OK)
            qFatal("v1 rows: %s", sqlite3_errmsg(db));
        sqlite3_close(db);
        return path;
    }

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
};

} // namespace citytwin::test
