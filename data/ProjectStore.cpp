// ProjectStore: opening/creating project files and the project metadata (meta, layers, views).
// Overlay tables are in ProjectStoreOverlays.cpp, the schema and file checks in ProjectStoreSchema.cpp and
// ProjectStoreInspect.cpp.
#include "data/ProjectStore.h"

#include "data/DataLog.h"
#include "data/ProjectStoreSchema.h"
#include "data/SqliteStatement.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <sqlite3.h>

namespace citytwin::data {

namespace {

//! Per-connection settings. WAL + synchronous=NORMAL is durable against application crashes and fast
//! (no fsync per commit); a large page cache and mmap keep million-row reads and writes in memory.
constexpr const char* kConnectionPragmas = "PRAGMA synchronous = NORMAL;"
                                           "PRAGMA cache_size = -65536;"
                                           "PRAGMA temp_store = MEMORY;"
                                           "PRAGMA mmap_size = 268435456;";

Result<sqlite3*> openConnection(const QString& path, int flags)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        Status s = sqliteError(db, path, QStringLiteral("opening"));
        sqlite3_close_v2(db);
        return s;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, ProjectStore::kBusyTimeoutMs);
    if (Status s = sqliteExec(db, kConnectionPragmas, path); !s.isOk()) {
        sqlite3_close_v2(db);
        return s;
    }
    return db;
}

Status enableWal(sqlite3* db, const QString& path)
{
    SqliteStatement q(db, "PRAGMA journal_mode = WAL", path);
    if (!q.next())
        return q.status().isOk()
                   ? Status::error(Status::Code::IoError, path + QStringLiteral(": cannot set WAL mode"))
                   : q.status();
    if (q.text(0).compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return Status::error(
            Status::Code::IoError,
            QStringLiteral("%1: cannot use WAL journal mode (got '%2')").arg(path, q.text(0)));
    return Status::ok();
}

Status formatError(const QString& path, const QString& problem)
{
    return Status::error(Status::Code::FormatError, QStringLiteral("%1: %2").arg(path, problem));
}

void putMeta(SqliteStatement& q, const char* key)
{
    q.bind(1, QByteArray(key));
}

} // namespace

ProjectStore::ProjectStore(QString path, Mode mode, sqlite3* db, int schemaVersion)
    : m_path(std::move(path)), m_mode(mode), m_db(db), m_schemaVersion(schemaVersion)
{
}

ProjectStore::~ProjectStore()
{
    // The last connection to close checkpoints the WAL into the main file and removes -wal/-shm.
    if (sqlite3_close(m_db) != SQLITE_OK)
        qCWarning(lcData) << m_path << "close failed:" << sqlite3_errmsg(m_db);
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::create(const QString& path, const Project& project)
{
    if (QFileInfo::exists(path)) {
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("%1: already exists; refusing to overwrite it").arg(path));
    }
    Result<sqlite3*> db = openConnection(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db)
        return db.status();
    std::unique_ptr<ProjectStore> store(new ProjectStore(path, Mode::ReadWrite, *db, kSchemaVersion));

    // Fresh files take the same path as old ones: v1, then every migration.
    Status s = enableWal(*db, path);
    if (s.isOk())
        s = schema::createVersion1(*db, path);
    if (s.isOk())
        s = schema::migrate(*db, 1, path);
    if (s.isOk())
        s = store->saveProject(project);
    if (!s.isOk()) {
        store.reset();
        // Only our own half-written file is removed; create() never touches an existing path.
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(path + QLatin1String(suffix));
        return s;
    }
    return store;
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::open(const QString& path, Mode mode)
{
    // Validate read-only first: a foreign, newer or damaged file must come out of here byte-identical.
    const Result<int> version = schema::inspectFile(path);
    if (!version)
        return version.status();

    // A read-only SQLite connection to a WAL file cannot delete the -wal/-shm files it needs, so
    // they would be left behind. Where the file is writable, read through a read-write connection
    // that refuses writes (query_only): the last close then tidies up as usual.
    const bool queryOnly = mode == Mode::ReadOnly && QFileInfo(path).isWritable() &&
                           QFileInfo(QFileInfo(path).absolutePath()).isWritable();
    const int flags = (mode == Mode::ReadOnly && !queryOnly) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    Result<sqlite3*> db = openConnection(path, flags);
    if (!db)
        return db.status();
    if (queryOnly)
        sqlite3_exec(*db, "PRAGMA query_only = ON", nullptr, nullptr, nullptr);
    std::unique_ptr<ProjectStore> store(new ProjectStore(path, mode, *db, *version));
    if (mode == Mode::ReadWrite) {
        if (Status s = enableWal(*db, path); !s.isOk())
            return s;
        if (*version < kSchemaVersion) {
            qCInfo(lcData) << path << "migrating schema" << *version << "->" << kSchemaVersion;
            if (Status s = schema::migrate(*db, *version, path); !s.isOk())
                return s;
            store->m_schemaVersion = kSchemaVersion;
        }
    }
    return store;
}

Status ProjectStore::copyTo(const QString& target) const
{
    if (QFileInfo::exists(target)) {
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("%1: already exists; refusing to overwrite it").arg(target));
    }
    // VACUUM INTO reads one snapshot and writes a compact copy, application_id and user_version included.
    // It writes only TARGET, but query_only (read-only stores, see open()) refuses it: lift it meanwhile.
    const bool queryOnly = sqlite3_db_readonly(m_db, "main") == 0 && m_mode == Mode::ReadOnly;
    if (queryOnly)
        sqlite3_exec(m_db, "PRAGMA query_only = OFF", nullptr, nullptr, nullptr);
    SqliteStatement vacuum(m_db, "VACUUM INTO ?1", m_path);
    vacuum.bind(1, target);
    const Status copied = vacuum.run();
    if (queryOnly)
        sqlite3_exec(m_db, "PRAGMA query_only = ON", nullptr, nullptr, nullptr);
    if (Status s = copied; !s.isOk()) {
        QFile::remove(target);
        return s.withContext(QStringLiteral("copying to %1").arg(target));
    }
    return Status::ok();
}

Status ProjectStore::checkWritable() const
{
    if (m_mode == Mode::ReadOnly)
        return Status::error(Status::Code::InvalidArgument, m_path + QStringLiteral(": opened read-only"));
    return Status::ok();
}

Status ProjectStore::checkVersion(int minimum) const
{
    if (m_schemaVersion < minimum) {
        return Status::error(Status::Code::Unsupported,
                             QStringLiteral("%1: needs schema version %2 (file has %3; open it read-write to "
                                            "upgrade)")
                                 .arg(m_path)
                                 .arg(minimum)
                                 .arg(m_schemaVersion));
    }
    return Status::ok();
}

Result<Project> ProjectStore::loadProject() const
{
    Project p;
    SqliteStatement meta(m_db, "SELECT key, value FROM meta", m_path);
    while (meta.next()) {
        const QString key = meta.text(0);
        if (key == QLatin1String("name"))
            p.name = meta.text(1);
        else if (key == QLatin1String("crs"))
            p.crs = meta.text(1);
        else if (key == QLatin1String("time_zone"))
            p.timeZone = meta.text(1);
        else if (key == QLatin1String("origin_x"))
            p.origin.x = meta.real(1);
        else if (key == QLatin1String("origin_y"))
            p.origin.y = meta.real(1);
        else if (key == QLatin1String("origin_z"))
            p.origin.z = meta.real(1);
        else if (key == QLatin1String("time_start"))
            p.timeExtent.start = meta.time(1);
        else if (key == QLatin1String("time_end"))
            p.timeExtent.end = meta.time(1);
        else if (key == QLatin1String("initial_time"))
            p.initialTime = meta.time(1);
    }
    if (!meta.status().isOk())
        return meta.status();

    SqliteStatement layers(
        m_db,
        "SELECT id, name, kind, source_uri, visible, opacity, draw_order, layer_group, style, "
        "temporal FROM layers ORDER BY position, id",
        m_path);
    while (layers.next()) {
        LayerSettings l;
        l.id = LayerId{layers.int64(0)};
        l.name = layers.text(1);
        const QString kind = layers.text(2);
        const QString group = layers.text(7);
        if (!fromString(kind, l.kind))
            return formatError(m_path,
                               QStringLiteral("layer %1 has an unknown kind '%2'").arg(l.id.value).arg(kind));
        if (!fromString(group, l.group))
            return formatError(
                m_path, QStringLiteral("layer %1 has an unknown group '%2'").arg(l.id.value).arg(group));
        l.sourceUri = layers.text(3);
        l.visible = layers.int64(4) != 0;
        l.opacity = layers.real(5);
        l.order = int(layers.int64(6));
        QJsonParseError err{};
        const QJsonDocument style = QJsonDocument::fromJson(layers.text(8).toUtf8(), &err);
        if (err.error != QJsonParseError::NoError || !style.isObject())
            return formatError(m_path, QStringLiteral("layer %1 has an invalid style JSON").arg(l.id.value));
        l.style = style.object();
        const QJsonDocument temporal = QJsonDocument::fromJson(layers.text(9).toUtf8(), &err);
        if (err.error != QJsonParseError::NoError || !temporal.isObject() ||
            !fromJson(temporal.object(), l.temporal))
            return formatError(m_path,
                               QStringLiteral("layer %1 has invalid temporal settings").arg(l.id.value));
        p.addLayer(std::move(l));
    }
    if (!layers.status().isOk())
        return layers.status();

    SqliteStatement views(
        m_db,
        "SELECT name, target_x, target_y, target_z, heading_deg, pitch_deg, range_m, t FROM views "
        "ORDER BY position, name",
        m_path);
    while (views.next()) {
        SavedView v;
        v.name = views.text(0);
        v.target = {views.real(1), views.real(2), views.real(3)};
        v.headingDeg = views.real(4);
        v.pitchDeg = views.real(5);
        v.rangeM = views.real(6);
        v.time = views.time(7);
        p.setView(std::move(v));
    }
    if (!views.status().isOk())
        return views.status();
    return p;
}

Status ProjectStore::saveProject(const Project& project)
{
    if (Status s = checkWritable(); !s.isOk())
        return s;
    SqliteTransaction tx(m_db, m_path);
    if (!tx.status().isOk())
        return tx.status();

    SqliteStatement meta(m_db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)", m_path);
    if (!meta.status().isOk())
        return meta.status();
    const auto text = [&](const char* key, const QString& value) {
        putMeta(meta, key);
        meta.bind(2, value);
        return meta.run();
    };
    const auto real = [&](const char* key, double value) {
        putMeta(meta, key);
        meta.bind(2, value);
        return meta.run();
    };
    const auto time = [&](const char* key, TimeMs value) {
        putMeta(meta, key);
        meta.bindTime(2, value);
        return meta.run();
    };
    for (const Status& s :
         {text("name", project.name), text("crs", project.crs), text("time_zone", project.timeZone),
          real("origin_x", project.origin.x), real("origin_y", project.origin.y),
          real("origin_z", project.origin.z), time("time_start", project.timeExtent.start),
          time("time_end", project.timeExtent.end), time("initial_time", project.initialTime)}) {
        if (!s.isOk())
            return s;
    }

    if (Status s = sqliteExec(m_db, "DELETE FROM layers; DELETE FROM views;", m_path); !s.isOk())
        return s;
    SqliteStatement layer(
        m_db,
        "INSERT INTO layers(id, position, name, kind, source_uri, visible, opacity, draw_order, "
        "layer_group, style, temporal) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        m_path);
    if (!layer.status().isOk())
        return layer.status();
    int position = 0;
    for (const LayerSettings& l : project.layers()) {
        layer.bind(1, l.id.value);
        layer.bind(2, position++);
        layer.bind(3, l.name);
        layer.bind(4, toString(l.kind));
        layer.bind(5, l.sourceUri);
        layer.bind(6, l.visible ? 1 : 0);
        layer.bind(7, l.opacity);
        layer.bind(8, l.order);
        layer.bind(9, toString(l.group));
        layer.bind(10, QJsonDocument(l.style).toJson(QJsonDocument::Compact));
        layer.bind(11, QJsonDocument(toJson(l.temporal)).toJson(QJsonDocument::Compact));
        if (Status s = layer.run(); !s.isOk())
            return s.withContext(QStringLiteral("layer %1").arg(l.id.value));
    }

    SqliteStatement view(
        m_db,
        "INSERT INTO views(name, position, target_x, target_y, target_z, heading_deg, pitch_deg, "
        "range_m, t) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        m_path);
    if (!view.status().isOk())
        return view.status();
    position = 0;
    for (const SavedView& v : project.views()) {
        view.bind(1, v.name);
        view.bind(2, position++);
        view.bind(3, v.target.x);
        view.bind(4, v.target.y);
        view.bind(5, v.target.z);
        view.bind(6, v.headingDeg);
        view.bind(7, v.pitchDeg);
        view.bind(8, v.rangeM);
        view.bindTime(9, v.time);
        if (Status s = view.run(); !s.isOk())
            return s;
    }
    return tx.commit();
}

} // namespace citytwin::data
