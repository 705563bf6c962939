#include "data/ProjectStoreSchema.h"

#include "data/ProjectStore.h"
#include "data/SqliteStatement.h"

#include <sqlite3.h>

namespace citytwin::data::schema {

// Times are INTEGER epoch ms (NULL = not set); positions REAL in the project CRS.
// Track points and readings are WITHOUT ROWID, clustered on (owner, t): reads "by person then time" are a
// straight b-tree scan and a sample at an existing (owner, t) is replaced, not duplicated.
const char* const kVersion1Sql = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY NOT NULL, value) WITHOUT ROWID;
CREATE TABLE layers(
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    source_uri TEXT NOT NULL DEFAULT '',
    visible INTEGER NOT NULL DEFAULT 1,
    opacity REAL NOT NULL DEFAULT 1.0,
    draw_order INTEGER NOT NULL DEFAULT 0,
    layer_group TEXT NOT NULL,
    style TEXT NOT NULL DEFAULT '{}',
    temporal TEXT NOT NULL DEFAULT '{}');
CREATE TABLE views(
    name TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL,
    target_x REAL NOT NULL, target_y REAL NOT NULL, target_z REAL NOT NULL,
    heading_deg REAL NOT NULL, pitch_deg REAL NOT NULL, range_m REAL NOT NULL,
    t INTEGER);
CREATE TABLE people(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    team TEXT NOT NULL DEFAULT '');
CREATE TABLE track_points(
    person_id INTEGER NOT NULL,
    t INTEGER NOT NULL,
    x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL,
    PRIMARY KEY(person_id, t)) WITHOUT ROWID;
CREATE INDEX track_points_t ON track_points(t);
CREATE TABLE events(
    id INTEGER PRIMARY KEY,
    category TEXT NOT NULL,
    severity INTEGER NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL,
    reported INTEGER, dispatched INTEGER, on_site INTEGER, resolved INTEGER, closed INTEGER,
    staff TEXT NOT NULL DEFAULT '[]');
CREATE INDEX events_reported ON events(reported);
CREATE INDEX events_closed ON events(closed);
CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_x, max_x, min_y, max_y);
CREATE TRIGGER events_rtree_insert AFTER INSERT ON events BEGIN
    INSERT OR REPLACE INTO events_rtree VALUES(new.id, new.x, new.x, new.y, new.y);
END;
CREATE TRIGGER events_rtree_update AFTER UPDATE OF id, x, y ON events BEGIN
    DELETE FROM events_rtree WHERE id = old.id;
    INSERT OR REPLACE INTO events_rtree VALUES(new.id, new.x, new.x, new.y, new.y);
END;
CREATE TRIGGER events_rtree_delete AFTER DELETE ON events BEGIN
    DELETE FROM events_rtree WHERE id = old.id;
END;
CREATE TABLE assets(
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    subtype TEXT NOT NULL DEFAULT '',
    x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL,
    attributes TEXT NOT NULL DEFAULT '{}');
)sql";

// v2: sensor time series and alarm limits (ARCHITECTURE.md "Storage"). A threshold targets one asset or,
// with asset_id NULL, every sensor of a subtype.
static const char* const kVersion2Sql = R"sql(
CREATE TABLE sensor_readings(
    asset_id INTEGER NOT NULL,
    t INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY(asset_id, t)) WITHOUT ROWID;
CREATE INDEX sensor_readings_t ON sensor_readings(t);
CREATE TABLE thresholds(
    id INTEGER PRIMARY KEY,
    asset_id INTEGER,
    subtype TEXT,
    min_value REAL,
    max_value REAL,
    CHECK(asset_id IS NOT NULL OR subtype IS NOT NULL));
CREATE INDEX thresholds_asset ON thresholds(asset_id);
)sql";

// v3: overlay revisions for live mode and appending imports (data/OverlayWriter.h). Every overlay row
// carries the revision of the import that wrote it (rev), meta.overlay_revision the latest committed one.
// ADD COLUMN with a constant default rewrites nothing; existing rows are revision 0 ("before any revisioned
// write"), which no live reader asks for. meta.overlay_cleared_revision is the latest import that deleted
// rows (OverlayWriter::clear): a layer loaded before it cannot be patched by a delta and must reload.
//
// Finding "rev > r" fast: people, events and assets get a rev index (small tables, or, for events, the
// R*Tree costs far more per row anyway). The time series do not: on this 2-core box each secondary index
// on track_points halved the insert rate (sorted 1M rows: PK only 850k rows/cpu-s, + t index 530k,
// + rev index 390k), and imports must sustain ~1M points/s. Instead an import records, per owner
// (person / sensor asset), the time span it wrote in overlay_spans; a delta reads those few rows and then
// primary-key ranges (owner, t_min..t_max) filtered on rev. The same spans answer min/max track time
// (overlayTimeExtent), which is why track_points_t can go. kind: 0 track points, 1 sensor readings.
static const char* const kVersion3Sql = R"sql(
ALTER TABLE people ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE track_points ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE assets ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sensor_readings ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
CREATE INDEX people_rev ON people(rev);
CREATE INDEX events_rev ON events(rev);
CREATE INDEX assets_rev ON assets(rev);
CREATE TABLE overlay_spans(
    rev INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    owner INTEGER NOT NULL,
    t_min INTEGER NOT NULL,
    t_max INTEGER NOT NULL,
    PRIMARY KEY(rev, kind, owner)) WITHOUT ROWID;
CREATE INDEX overlay_spans_kind ON overlay_spans(kind, t_min);
INSERT INTO overlay_spans(rev, kind, owner, t_min, t_max)
    SELECT 0, 0, person_id, min(t), max(t) FROM track_points GROUP BY person_id;
INSERT INTO overlay_spans(rev, kind, owner, t_min, t_max)
    SELECT 0, 1, asset_id, min(t), max(t) FROM sensor_readings GROUP BY asset_id;
DROP INDEX track_points_t;
INSERT OR REPLACE INTO meta(key, value) VALUES('overlay_revision', 0), ('overlay_cleared_revision', 0);
)sql";

const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> kMigrations{{2, kVersion2Sql}, {3, kVersion3Sql}};
    return kMigrations;
}

std::vector<const char*> requiredTables(int version)
{
    std::vector<const char*> tables{"meta",         "layers", "views",        "people",
                                    "track_points", "events", "events_rtree", "assets"};
    if (version >= 2) {
        tables.push_back("sensor_readings");
        tables.push_back("thresholds");
    }
    if (version >= 3)
        tables.push_back("overlay_spans");
    return tables;
}

Status createVersion1(sqlite3* db, const QString& file)
{
    SqliteTransaction tx(db, file);
    if (!tx.status().isOk())
        return tx.status();
    const QByteArray stamp = QStringLiteral("PRAGMA application_id = %1; PRAGMA user_version = 1;"
                                            "INSERT INTO meta(key, value) VALUES('format', '%2');")
                                 .arg(kApplicationId)
                                 .arg(QLatin1String(kFormatName))
                                 .toUtf8();
    for (const char* sql : {kVersion1Sql, stamp.constData()}) {
        if (Status s = sqliteExec(db, sql, file); !s.isOk())
            return s;
    }
    return tx.commit();
}

Status migrate(sqlite3* db, int fromVersion, const QString& file)
{
    if (fromVersion >= ProjectStore::kSchemaVersion)
        return Status::ok();
    SqliteTransaction tx(db, file);
    if (!tx.status().isOk())
        return tx.status();
    for (const Migration& m : migrations()) {
        if (m.toVersion <= fromVersion)
            continue;
        if (Status s = sqliteExec(db, m.sql, file); !s.isOk())
            return s.withContext(QStringLiteral("migrating to schema version %1").arg(m.toVersion));
        // user_version lives in the header page, so it commits or rolls back with the tables.
        const QByteArray bump = QByteArray("PRAGMA user_version = ") + QByteArray::number(m.toVersion);
        if (Status s = sqliteExec(db, bump.constData(), file); !s.isOk())
            return s;
    }
    return tx.commit();
}

} // namespace citytwin::data::schema
