#pragma once

#include "data/Time.h"

#include <QMap>
#include <QString>
#include <cstdint>
#include <vector>

namespace citytwin::data {

//! What the rows of an imported file become in the project's overlay store.
enum class OverlayKind {
    Tracks,        //!< people/vehicles: one row per GPS fix (person id, time, position; name/role/team optional)
    Events,        //!< incidents: id, category, severity, location, lifecycle times, staff
    Assets,        //!< CCTV, sensors, hydrants, shelters: id, type, location, attributes
    SensorReadings, //!< asset id, time, value (no location)
    Thresholds      //!< alarm limits of one sensor (asset id) or of every sensor of a subtype: min and/or max
};

//! How time columns are written in the source.
enum class TimeFormat {
    Auto,         //!< ISO 8601 (with or without zone, 'T' or space), else epoch seconds/ms by magnitude
    Iso8601,      //!< "2026-11-27T08:30:00+08:00", "2026-11-27 08:30:00", "2008-12-11 04:42:14+00"
    EpochSeconds, //!< integer or decimal seconds since 1970-01-01 UTC
    EpochMillis,  //!< integer milliseconds since 1970-01-01 UTC
    Pattern       //!< a QDateTime format in OverlayMapping::timePattern ("MM/dd/yyyy hh:mm:ss AP")
};

//! The roles a source column can play (OverlayMapping::columns keys). Which ones a kind needs:
//!   Tracks:         id (person), time, x, y [, name, role, team]
//!   Events:         x, y, reported [, id, category, severity, description, source, dispatched,
//!                   on_site, resolved, closed, staff]
//!   Assets:         x, y [, id, type, name, subtype]; every unmapped column goes into attributes
//!   SensorReadings: asset, time, value
//!   Thresholds:     asset or subtype, min or max (one of each pair at least) [, id]
//!   Assets may also map min/max: each asset with a limit gets its own threshold.
//! A file with point geometry (GeoJSON, GeoPackage, Shapefile, PostGIS) needs no x/y columns.
namespace column {
inline constexpr const char* kId = "id";
inline constexpr const char* kName = "name";
inline constexpr const char* kRole = "role";
inline constexpr const char* kTeam = "team";
inline constexpr const char* kTime = "time";
inline constexpr const char* kX = "x"; //!< longitude when the source CRS is geographic
inline constexpr const char* kY = "y"; //!< latitude when the source CRS is geographic
inline constexpr const char* kCategory = "category";
inline constexpr const char* kSeverity = "severity";
inline constexpr const char* kDescription = "description";
inline constexpr const char* kSource = "source";
inline constexpr const char* kReported = "reported";
inline constexpr const char* kDispatched = "dispatched";
inline constexpr const char* kOnSite = "on_site";
inline constexpr const char* kResolved = "resolved";
inline constexpr const char* kClosed = "closed";
inline constexpr const char* kStaff = "staff"; //!< ids separated by ',', ';' or spaces
inline constexpr const char* kType = "type";
inline constexpr const char* kSubtype = "subtype";
inline constexpr const char* kAsset = "asset";
inline constexpr const char* kValue = "value";
inline constexpr const char* kMin = "min"; //!< lower alarm limit (a value below it alarms)
inline constexpr const char* kMax = "max"; //!< upper alarm limit (a value above it alarms)
} // namespace column

//! How a source file's columns become overlay rows (what the import dialog edits and the CLI's
//! --map options set).
struct OverlayMapping
{
    OverlayKind kind = OverlayKind::Events;
    QMap<QString, QString> columns;            //!< role (column::k…) → source column name
    QString sourceCrs = QStringLiteral("EPSG:4326"); //!< CRS of x/y or of the geometry; empty: the file's own
    TimeFormat timeFormat = TimeFormat::Auto;
    QString timePattern;                       //!< TimeFormat::Pattern only
    //! Zone of times written without one (IANA id); the project's zone is the usual choice.
    QString timeZone = QStringLiteral("UTC");
    QChar delimiter;                           //!< CSV only; null: detected from the header line
    //! Tracks: the role given to people whose role column is missing or unknown.
    QString defaultRole = QStringLiteral("other");
    //! Events: the category given when the category column is missing or empty.
    QString defaultCategory = QStringLiteral("other");
    bool operator==(const OverlayMapping&) const = default;
};

//! One source row that was not imported, and why ("row 17: unparsable time '2026-13-01'").
struct RejectedRow
{
    std::int64_t row = 0; //!< 1-based data row (the CSV header is row 0), or OGR feature index
    QString reason;
};

//! What an import did. Rejected rows do not fail an import; an unreadable file, an impossible
//! mapping, a cancel or a store error does (then nothing was written).
struct ImportReport
{
    static constexpr int kMaxListedRejects = 100;
    std::int64_t rowsRead = 0;
    std::int64_t rowsImported = 0; //!< track points, events, assets or readings written
    std::int64_t peopleImported = 0; //!< Tracks: distinct people written
    std::int64_t thresholdsImported = 0; //!< Assets: per-asset thresholds from min/max columns
    std::int64_t rowsRejected = 0;
    std::vector<RejectedRow> rejected; //!< the first kMaxListedRejects
    QMap<QString, std::int64_t> rejectedByReason; //!< reason class ("unparsable time", …) → count
    TimeMs firstTime = kNoTime;                   //!< earliest time imported (kNoTime: none)
    TimeMs lastTime = kNoTime;                    //!< latest time imported
    double seconds = 0.0;                         //!< wall time of the import

    //! Records a rejected row: counted by REASONCLASS, listed with DETAIL while the list is short.
    void reject(std::int64_t row, const QString& reasonClass, const QString& detail);
    //! One line for a status bar or the CLI: "5,908 rows read, 5,900 imported, 8 rejected (…)".
    QString summary() const;
};

QString toString(OverlayKind kind); //!< "tracks", "events", "assets", "readings", "thresholds"
QString toString(TimeFormat format); //!< "auto", "iso8601", "epoch_s", "epoch_ms", "pattern"
bool fromString(const QString& s, OverlayKind& out);
bool fromString(const QString& s, TimeFormat& out);

//! The roles KIND needs mapped each on its own (x/y only when the file has no point geometry).
//! Thresholds need one role of each of their groups instead: see requiredColumnGroups().
std::vector<QString> requiredColumns(OverlayKind kind, bool fileHasGeometry);
//! What KIND needs mapped: at least one role of every group. A group of one is a required role
//! (requiredColumns()); Thresholds need {asset, subtype} and {min, max}.
std::vector<std::vector<QString>> requiredColumnGroups(OverlayKind kind, bool fileHasGeometry);
//! Empty when MAPPING maps a role of every required group, else what is missing
//! ("no time column mapped", "no asset or subtype column mapped").
QString missingRequiredColumns(const OverlayMapping& mapping, bool fileHasGeometry);
//! The roles KIND can use, required first (for Thresholds: the group roles first).
std::vector<QString> knownColumns(OverlayKind kind);

} // namespace citytwin::data
