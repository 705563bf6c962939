#pragma once

#include "data/OverlayImport.h"
#include "data/Time.h"

#include <QString>
#include <QTimeZone>
#include <array>
#include <optional>
#include <string_view>

namespace citytwin::gis {

//! Reads the time values of an import as an OverlayMapping says (format, pattern, zone) into UTC
//! milliseconds, fast enough for millions of rows: ISO 8601 and epoch numbers are parsed by hand
//! (no QDateTime per row), and the zone offset of zone-less local times is looked up per local
//! hour in a small cache, computed through QTimeZone once per hour (an hour that contains a DST
//! change is resolved value by value). A local time in a spring-forward gap or a repeated
//! fall-back hour resolves as QDateTime does. Not thread safe (the cache).
class OverlayTimeParser
{
public:
    explicit OverlayTimeParser(const data::OverlayMapping& mapping);

    //! False when the mapping's zone is not an IANA id Qt knows (times would be wrong).
    bool isZoneValid() const { return m_zone.isValid(); }
    //! UTF8 as the mapping says; nullopt when it cannot be read (an empty value included).
    std::optional<data::TimeMs> parse(std::string_view utf8);

    //! "2026-11-27T08:30:00.250+08:00" and its variants ('T' or ' ', '-' or '/' in the date,
    //! optional seconds and fraction, "Z", "+08", "+0800", "+08:00", a date alone). When the text
    //! has no zone, NAIVEMS gets the wall-clock time as if it were UTC and HASZONE is false.
    static bool parseIso(std::string_view text, data::TimeMs& naiveMs, bool& hasZone);
    //! Seconds or milliseconds since the epoch ("1700000000", "1700000000.5", "-5"); MILLIS
    //! null: decided by magnitude (|v| ≥ 1e11 is milliseconds: 1973 in ms, year 5138 in seconds).
    static std::optional<data::TimeMs> parseEpoch(std::string_view text, std::optional<bool> millis);

private:
    std::optional<data::TimeMs> parsePattern(std::string_view text);
    data::TimeMs localToUtc(data::TimeMs naiveMs);
    data::TimeMs zoneOffsetAt(data::TimeMs naiveMs) const;

    struct CacheEntry
    {
        std::int64_t hour = std::numeric_limits<std::int64_t>::min();
        std::int64_t offsetMs = 0;
        bool uniform = false; //!< false: the hour holds a DST change, resolve each value
    };

    data::TimeFormat m_format;
    QString m_pattern;
    QTimeZone m_zone;
    bool m_zoneIsUtc = false;
    std::array<CacheEntry, 512> m_cache{};
};

} // namespace citytwin::gis
