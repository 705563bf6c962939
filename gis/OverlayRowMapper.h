#pragma once

#include "data/OverlayImport.h"
#include "data/Overlays.h"
#include "data/Result.h"
#include "gis/CrsTransformer.h"
#include "gis/OverlayTimeParser.h"

#include <QStringList>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace citytwin::gis {

//! The rows of one chunk of an import, ready for the OverlayWriter (positions in the project CRS).
struct OverlayChunk
{
    std::vector<data::Person> people; //!< Tracks: people first seen in this chunk
    std::vector<data::TrackPoint> trackPoints;
    std::vector<data::Event> events;
    std::vector<data::Asset> assets;
    std::vector<data::SensorReading> readings;
    //! Thresholds: the records; Assets: the limits of assets with min/max (not records of their own).
    std::vector<data::Threshold> thresholds;
    std::vector<std::int64_t> rows; //!< the source row of each record above (people, asset limits excepted)

    std::size_t records() const { return rows.size(); }
    void clear();
};

//! Turns the records of a source (CSV fields or OGR attributes, as UTF-8 text) into overlay rows
//! as an OverlayMapping says: resolves the mapped columns once, parses each record without
//! allocating (ids, numbers, times), rejects bad rows into the report with their reason, and
//! transforms a chunk's positions to the project CRS in one PROJ batch.
class OverlayRowMapper
{
public:
    //! Fails (naming NAME) when a required role is not mapped, a mapped column is not among
    //! COLUMNS, the time zone is unknown or no transformation exists from SOURCECRS (the
    //! mapping's CRS or, when that is empty, the file's own) to PROJECTCRS.
    static data::Result<std::unique_ptr<OverlayRowMapper>>
    create(const data::OverlayMapping& mapping, const QStringList& columns, bool hasPointGeometry,
           const QString& fileCrs, const QString& projectCrs, const QString& name);

    //! Maps record ROW (1-based) into the pending chunk or rejects it into REPORT. GEOMETRY:
    //! the feature's point (x, y) in the source CRS for OGR sources, null for CSV.
    void addRecord(std::int64_t row, std::span<const std::string_view> fields, const double* geometry,
                   data::ImportReport& report);
    //! Records waiting in the chunk.
    std::size_t pending() const { return m_chunk.records(); }
    //! Transforms the pending positions, rejects those PROJ cannot place, adds the people first
    //! seen, updates REPORT's time range and returns the chunk to write; the caller clear()s it.
    OverlayChunk& finishChunk(data::ImportReport& report);
    //! The CRS positions are read in.
    const QString& sourceCrs() const { return m_sourceCrs; }

    OverlayRowMapper(const OverlayRowMapper&) = delete;
    OverlayRowMapper& operator=(const OverlayRowMapper&) = delete;

private:
    OverlayRowMapper(const data::OverlayMapping& mapping, std::optional<CrsTransformer> transformer);
    template <class T> void transformPositions(std::vector<T>& records, data::ImportReport& report);

    //! The field mapped to ROLE (an index into the roles table of the .cpp); empty when unmapped.
    std::string_view field(std::span<const std::string_view> fields, int role) const;
    bool readPosition(std::int64_t row, std::span<const std::string_view> fields, const double* geometry,
                      data::ProjectedPoint& out, data::ImportReport& report);
    bool readTime(std::int64_t row, std::string_view text, int role, bool required, data::TimeMs& out,
                  data::ImportReport& report);
    void addTrackPoint(std::int64_t row, std::span<const std::string_view> fields, const double* geometry,
                       data::ImportReport& report);
    void addEvent(std::int64_t row, std::span<const std::string_view> fields, const double* geometry,
                  data::ImportReport& report);
    void addAsset(std::int64_t row, std::span<const std::string_view> fields, const double* geometry,
                  data::ImportReport& report);
    void addReading(std::int64_t row, std::span<const std::string_view> fields, data::ImportReport& report);
    void addThreshold(std::int64_t row, std::span<const std::string_view> fields, data::ImportReport& report);
    //! Reads the min/max columns into OUT; false (rejected into REPORT) for a value that is not a
    //! number or a min above the max. Unmapped or empty limits stay nullopt.
    bool readLimits(std::int64_t row, std::span<const std::string_view> fields, data::Threshold& out,
                    data::ImportReport& report);
    std::int64_t recordId(std::span<const std::string_view> fields) const;

    data::OverlayMapping m_mapping;
    QStringList m_header;
    std::vector<int> m_columns;       //!< per role (kRoles order): source column index, -1 unmapped
    std::vector<bool> m_mappedColumn; //!< per source column: used by a role (assets: not an attribute)
    bool m_hasGeometry = false;
    bool m_geographic = false;
    QString m_sourceCrs;
    std::optional<CrsTransformer> m_transformer; //!< none for readings (no positions)
    OverlayTimeParser m_time;
    data::PersonRole m_defaultRole = data::PersonRole::Other;
    bool m_typeColumnIsSensor = false;         //!< "sensor_type": an unknown type text still means a sensor
    std::unordered_set<std::int64_t> m_people; //!< people already handed to the writer
    std::unordered_map<std::int64_t, data::Person> m_pendingPeople;       //!< seen, no point written yet
    std::int64_t m_lastPerson = std::numeric_limits<std::int64_t>::min(); //!< person of the previous row
    OverlayChunk m_chunk;
    std::vector<data::ProjectedPoint> m_positions; //!< scratch for the batch transform
};

} // namespace citytwin::gis
