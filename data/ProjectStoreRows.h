#pragma once

// Row encoding/decoding shared by the overlay reads (ProjectStoreOverlays.cpp), the live deltas
// (ProjectStoreLive.cpp) and the writer (OverlayWriter.cpp): one definition of each table's columns, so a
// full read and a delta can never decode a row differently. Internal to citytwin_data.

#include "data/Overlays.h"
#include "data/Result.h"
#include "data/SqliteStatement.h"

#include <QByteArray>
#include <cstdint>
#include <vector>

namespace citytwin::data::rows {

//! A FormatError "PATH: PROBLEM" (the file's content, not our query, is wrong).
Status formatError(const QString& path, const QString& problem);

//! Staff ids as a compact JSON array text, "[3,17]": readable by SQLite's json_each and by people.
QByteArray staffToText(const std::vector<std::int64_t>& staff);
//! Parses staffToText's output without a JSON document per row (100k events must load in well under 0.5 s).
bool staffFromText(const char* p, int size, std::vector<std::int64_t>& out);

//! SELECT column lists (table aliases: p, tp, e, a, sr) matching the read*() decoders below.
inline constexpr const char* kPersonColumns = "p.id, p.name, p.role, p.team";
inline constexpr const char* kTrackPointColumns = "tp.person_id, tp.t, tp.x, tp.y, tp.z";
inline constexpr const char* kEventColumns = "e.id, e.category, e.severity, e.description, e.source, e.x, e.y, "
                                             "e.z, e.reported, e.dispatched, e.on_site, e.resolved, e.closed, "
                                             "e.staff";
//! What the map draws of an event (readEventMarkers): no description, source or staff list.
inline constexpr const char* kEventMarkerColumns = "e.id, e.category, e.severity, e.x, e.y, e.z, e.reported, "
                                                   "e.dispatched, e.on_site, e.resolved, e.closed";
inline constexpr const char* kAssetColumns = "a.id, a.type, a.name, a.subtype, a.x, a.y, a.z, a.attributes";
inline constexpr const char* kSensorReadingColumns = "sr.asset_id, sr.t, sr.value";

//! Steps Q to the end, decoding every row; the first bad row or SQLite error is the Status.
Result<std::vector<Person>> readPeople(SqliteStatement& q, const QString& path);
Result<std::vector<TrackPoint>> readTrackPoints(SqliteStatement& q);
Result<std::vector<Event>> readEvents(SqliteStatement& q, const QString& path);
//! kEventMarkerColumns rows: the category text of consecutive rows is shared (one QString per
//! distinct category, not per row); description, source and staff stay empty.
//! EXPECTED: the row count if known (the vector is sized once), else 0.
Result<std::vector<Event>> readEventMarkers(SqliteStatement& q, std::int64_t expected = 0);
Result<std::vector<Asset>> readAssets(SqliteStatement& q, const QString& path);
Result<std::vector<SensorReading>> readSensorReadings(SqliteStatement& q);

} // namespace citytwin::data::rows
