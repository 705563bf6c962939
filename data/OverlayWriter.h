#pragma once

#include "data/OverlayImport.h"
#include "data/Overlays.h"
#include "data/Status.h"

#include <cstdint>
#include <memory>
#include <vector>

struct sqlite3;

namespace citytwin::data {

//! A streaming import into a project's overlay tables: one write transaction held from
//! ProjectStore::beginOverlayImport() to commit(), so rows can be added in chunks (10 million
//! rows never sit in memory at once) and readers see all of them or none. Destroyed without
//! commit() (cancel, error, crash, a killed process) it rolls back and the previous data stays.
//! Rows with an existing key are replaced (events/assets/people: id; track points: person + time;
//! readings: asset + time). Every row written gets the store revision of this import, which
//! ProjectStore::overlayChangesSince() uses to hand live layers what is new.
//! The store must outlive the writer; one writer per store at a time; not thread safe.
class OverlayWriter
{
public:
    ~OverlayWriter(); //!< rolls back unless committed
    OverlayWriter(const OverlayWriter&) = delete;
    OverlayWriter& operator=(const OverlayWriter&) = delete;

    //! Deletes every existing row of KIND (Tracks: people and track points) inside this
    //! transaction: an import that replaces rather than appends. Rolled back with the rest.
    Status clear(OverlayKind kind);

    Status addPeople(const std::vector<Person>& people);
    Status addTrackPoints(const std::vector<TrackPoint>& points);
    Status addEvents(const std::vector<Event>& events);
    Status addAssets(const std::vector<Asset>& assets);
    Status addSensorReadings(const std::vector<SensorReading>& readings);
    Status addThresholds(const std::vector<Threshold>& thresholds);

    //! Rows added so far (all kinds).
    std::int64_t rowsAdded() const { return m_rows; }
    //! The revision the rows of this import carry (visible to readers after commit()).
    std::int64_t revision() const { return m_revision; }

    //! Makes everything added visible at once. After commit() the writer accepts nothing more.
    Status commit();
    bool isCommitted() const { return m_committed; }

private:
    friend class ProjectStore;
    struct Statements;
    OverlayWriter(sqlite3* db, QString path, std::int64_t revision);

    sqlite3* m_db = nullptr;
    QString m_path;
    std::int64_t m_revision = 0;
    std::int64_t m_rows = 0;
    bool m_open = false;
    bool m_committed = false;
    std::unique_ptr<Statements> m_statements; //!< prepared once per table, on first use
};

//! The overlay rows committed after a revision (ProjectStore::overlayChangesSince): what a live
//! layer appends without reloading. Rows come in the same order as the full reads.
struct OverlayDelta
{
    std::int64_t fromRevision = 0; //!< rows with a revision above this …
    std::int64_t toRevision = 0;   //!< … up to and including this one (the store's latest)
    std::vector<Person> people;
    std::vector<TrackPoint> trackPoints;
    std::vector<Event> events; //!< new and changed events (an existing id replaces the old one)
    std::vector<Asset> assets;
    std::vector<SensorReading> sensorReadings;
    bool isEmpty() const
    {
        return people.empty() && trackPoints.empty() && events.empty() && assets.empty() &&
               sensorReadings.empty();
    }
};

} // namespace citytwin::data
