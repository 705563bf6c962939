#pragma once

#include "data/Features.h"
#include "data/OverlayWriter.h"
#include "data/Overlays.h"
#include "data/Project.h"
#include "data/Result.h"

#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

struct sqlite3;

namespace citytwin::data {

//! A project file (*.citytwin): one SQLite database in WAL mode holding the project metadata,
//! layers, views and the overlay tables (people, track points, events, assets, sensor readings).
//! Every overlay write goes through an OverlayWriter and stamps its rows with a new overlay revision,
//! so other connections (live mode) can poll overlayRevision() and fetch overlayChangesSince().
//! Schema versioned with PRAGMA user_version; forward migrations run on open (read-write only).
//! A file that is not a citytwin project, has a newer schema, or is corrupt gives a clear Status
//! and is never modified. Every write is one transaction. One instance per thread.
class ProjectStore
{
public:
    //! Schema history: 1 = core tables; 2 = + sensor_readings, thresholds; 3 = + per-row overlay revision
    //! (rev columns, meta.overlay_revision) for live mode (see ProjectStoreSchema.cpp).
    static constexpr int kSchemaVersion = 3;
    enum class Mode { ReadOnly, ReadWrite };
    //! How long a connection waits for another's lock (a checkpoint, a short write) before failing.
    static constexpr int kBusyTimeoutMs = 5000;
    //! How long beginOverlayImport() waits for the write lock: imports hold it for seconds to minutes,
    //! so a second importer fails fast instead of hanging for the whole busy timeout.
    static constexpr int kImportLockWaitMs = 500;

    //! Creates a new project file at PATH (fails if it exists) and writes PROJECT into it.
    static Result<std::unique_ptr<ProjectStore>> create(const QString& path, const Project& project);
    //! Opens an existing project file; ReadWrite migrates an older schema first.
    static Result<std::unique_ptr<ProjectStore>> open(const QString& path, Mode mode = Mode::ReadWrite);

    ~ProjectStore();
    ProjectStore(const ProjectStore&) = delete;
    ProjectStore& operator=(const ProjectStore&) = delete;

    const QString& path() const { return m_path; }
    Mode mode() const { return m_mode; }
    //! Schema version of the open file: kSchemaVersion, or older for a file opened ReadOnly.
    int schemaVersion() const { return m_schemaVersion; }

    //! Project metadata, layers and views.
    Result<Project> loadProject() const;
    //! Replaces metadata, layers and views with PROJECT's, in one transaction.
    Status saveProject(const Project& project);

    //! Writes a consistent snapshot of the whole file (every table, any schema version) to TARGET, which must
    //! not exist. Works on a read-only store; for "save as", open TARGET afterwards and saveProject() into
    //! it.
    Status copyTo(const QString& target) const;

    //! Overlay writes: each call is one transaction; rows with an existing id are replaced.
    //! PROGRESS (optional) gets rows done and may return false to cancel (then nothing is written).
    using Progress = std::function<bool(std::int64_t done, std::int64_t total)>;
    Status writePeople(const std::vector<Person>& people);
    Status writeTrackPoints(const std::vector<TrackPoint>& points, const Progress& progress = {});
    Status writeEvents(const std::vector<Event>& events, const Progress& progress = {});
    Status writeAssets(const std::vector<Asset>& assets);

    //! Overlay reads. Events come sorted by reported time; track points by person then time.
    Result<std::vector<Person>> people() const;
    Result<std::vector<TrackPoint>> trackPoints() const;
    Result<std::vector<Event>> events() const;
    Result<std::vector<Event>> eventsIn(const TimeRange& range) const; //!< lifetimes intersecting RANGE
    Result<std::vector<Asset>> assets() const;
    //! Events located inside EXTENT (project CRS), through the events_rtree index; sorted like events().
    Result<std::vector<Event>> eventsInExtent(const Extent2D& extent) const;
    //! Every event as the map draws it (id, category, severity, position, lifecycle times), in id
    //! order: description, source and staff are left empty (a 1M-event layer loads in a fraction
    //! of events()' time). Read a picked marker's whole row with event(id).
    Result<std::vector<Event>> eventMarkers() const;
    //! eventMarkers() of the events with FIRSTID <= id <= LASTID: one part of a parallel read
    //! (one store per thread, eventIdRange() to split).
    Result<std::vector<Event>> eventMarkers(std::int64_t firstId, std::int64_t lastId) const;
    //! The smallest and largest event id; nullopt without events. Cheap (the id is the rowid).
    Result<std::optional<std::pair<std::int64_t, std::int64_t>>> eventIdRange() const;
    //! The whole row of event ID; nullopt when there is none.
    Result<std::optional<Event>> event(std::int64_t id) const;

    //! Sensor time series and alarm limits (schema version 2).
    Status writeSensorReadings(const std::vector<SensorReading>& readings, const Progress& progress = {});
    //! Readings of ASSETID inside RANGE, by time.
    Result<std::vector<SensorReading>> sensorReadings(std::int64_t assetId,
                                                      const TimeRange& range = TimeRange::unbounded()) const;
    //! Rows with an existing id are replaced; id 0 gets a fresh id.
    Status writeThresholds(const std::vector<Threshold>& thresholds);
    Result<std::vector<Threshold>> thresholds() const;

    struct Counts
    {
        std::int64_t people = 0, trackPoints = 0, events = 0, assets = 0, sensorReadings = 0, thresholds = 0;
    };
    Result<Counts> counts() const;
    //! Span from the first reported event / track point to the last closed / sampled one.
    Result<TimeRange> overlayTimeExtent() const;

    //! Starts a streaming import (data/OverlayWriter.h): one write transaction until its commit().
    //! Fails on a read-only store or while another writer (this or another process) holds the file
    //! (after kImportLockWaitMs: "PATH is being written by another import …"). Reads through this
    //! store while the writer is open see its uncommitted rows; other stores see them after commit().
    Result<std::unique_ptr<OverlayWriter>> beginOverlayImport();
    //! The latest committed overlay revision (0: never written). Cheap: live mode polls it.
    Result<std::int64_t> overlayRevision() const;
    //! Overlay rows committed with a revision above REVISION (live mode: what another process or
    //! `citytwin-cli import --append` added since the layers were loaded).
    Result<OverlayDelta> overlayChangesSince(std::int64_t revision) const;
    //! The revision of the latest committed import that deleted rows (OverlayWriter::clear; 0: none).
    //! A live layer loaded at a revision below it cannot be patched with a delta and must reload.
    Result<std::int64_t> overlayClearedRevision() const;
    //! Reported-time histogram of the events: BINS counts over RANGE (the timeline's histogram).
    //! Bin i counts events reported in [start + i*span/BINS, start + (i+1)*span/BINS); an empty RANGE
    //! gives BINS zeros; BINS must be 1 … 1,000,000.
    Result<std::vector<std::int64_t>> eventHistogram(const TimeRange& range, int bins) const;

private:
    ProjectStore(QString path, Mode mode, sqlite3* db, int schemaVersion);
    Status checkWritable() const;
    Status checkVersion(int minimum) const;

    QString m_path;
    Mode m_mode;
    sqlite3* m_db = nullptr;
    int m_schemaVersion = kSchemaVersion;
};

} // namespace citytwin::data
