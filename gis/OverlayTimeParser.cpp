#include "gis/OverlayTimeParser.h"

#include "gis/OverlayImporter.h"

#include <QDateTime>
#include <QLocale>
#include <charconv>
#include <cmath>

namespace citytwin::gis {

using data::TimeFormat;
using data::TimeMs;

namespace {

//! Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

//! N digits at P (advanced) into OUT.
bool digits(const char*& p, const char* end, int n, int& out)
{
    if (end - p < n)
        return false;
    int v = 0;
    for (int i = 0; i < n; ++i) {
        if (!isDigit(p[i]))
            return false;
        v = v * 10 + (p[i] - '0');
    }
    out = v;
    p += n;
    return true;
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

QDateTime naiveToDateTime(TimeMs naiveMs, const QTimeZone& zone)
{
    const std::int64_t days = floorDiv(naiveMs, data::kDayMs);
    const QDate date = QDate::fromJulianDay(days + 2440588);
    const QTime time = QTime::fromMSecsSinceStartOfDay(static_cast<int>(naiveMs - days * data::kDayMs));
    return QDateTime(date, time, zone);
}

} // namespace

OverlayTimeParser::OverlayTimeParser(const data::OverlayMapping& mapping)
    : m_format(mapping.timeFormat), m_pattern(mapping.timePattern)
{
    const QString zone = mapping.timeZone.trimmed();
    if (zone.isEmpty() || zone == QLatin1String("UTC") || zone == QLatin1String("Z") ||
        zone == QLatin1String("Etc/UTC")) {
        m_zone = QTimeZone::utc();
        m_zoneIsUtc = true;
    } else {
        m_zone = QTimeZone(zone.toUtf8());
    }
}

bool OverlayTimeParser::parseIso(std::string_view text, TimeMs& naiveMs, bool& hasZone)
{
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end && *p == ' ')
        ++p;
    while (end > p && (end[-1] == ' ' || end[-1] == '\r'))
        --end;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(p, end, 4, year) || p == end || (*p != '-' && *p != '/'))
        return false;
    const char sep = *p++;
    if (!digits(p, end, 2, month) || p == end || *p++ != sep || !digits(p, end, 2, day))
        return false;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return false;
    std::int64_t fractionMs = 0;
    hasZone = false;
    std::int64_t offsetMs = 0;
    if (p < end && (*p == 'T' || *p == ' ' || *p == 't')) {
        ++p;
        if (!digits(p, end, 2, hour) || p == end || *p++ != ':' || !digits(p, end, 2, minute))
            return false;
        if (p < end && *p == ':') {
            ++p;
            if (!digits(p, end, 2, second))
                return false;
            if (p < end && (*p == '.' || *p == ',')) {
                ++p;
                int scale = 100;
                const char* fracStart = p;
                while (p < end && isDigit(*p)) {
                    fractionMs += (*p - '0') * scale; // digits past milliseconds are dropped
                    scale /= 10;
                    ++p;
                }
                if (p == fracStart)
                    return false;
            }
        }
        if (hour > 23 || minute > 59 || second > 60)
            return false;
        second = std::min(second, 59); // a leap second reads as :59
        while (p < end && *p == ' ')
            ++p;
        if (p < end) {
            if (*p == 'Z' || *p == 'z') {
                ++p;
                hasZone = true;
            } else if (*p == '+' || *p == '-') {
                const int sign = *p++ == '-' ? -1 : 1;
                int oh = 0, om = 0;
                if (!digits(p, end, 2, oh))
                    return false;
                if (p < end && *p == ':')
                    ++p;
                if (p < end && !digits(p, end, 2, om))
                    return false;
                if (oh > 18 || om > 59)
                    return false;
                offsetMs = sign * (oh * data::kHourMs + om * data::kMinuteMs);
                hasZone = true;
            } else if (std::string_view(p, static_cast<std::size_t>(end - p)) == "UTC" ||
                       std::string_view(p, static_cast<std::size_t>(end - p)) == "GMT") {
                p = end;
                hasZone = true;
            }
        }
    }
    if (p != end)
        return false;
    naiveMs = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * data::kDayMs +
              hour * data::kHourMs + minute * data::kMinuteMs + second * data::kSecondMs + fractionMs -
              offsetMs;
    return true;
}

std::optional<TimeMs> OverlayTimeParser::parseEpoch(std::string_view text, std::optional<bool> millis)
{
    while (!text.empty() && (text.front() == ' '))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r'))
        text.remove_suffix(1);
    if (text.empty())
        return std::nullopt;
    const char* first = text.data();
    const char* last = first + text.size();
    std::int64_t integer = 0;
    auto [ptr, ec] = std::from_chars(first, last, integer);
    if (ec == std::errc() && ptr == last) {
        const bool ms = millis.value_or(std::abs(static_cast<double>(integer)) >= 1e11);
        return ms ? integer : integer * data::kSecondMs;
    }
    double value = 0.0;
    auto [dptr, dec] = std::from_chars(first, last, value);
    if (dec != std::errc() || dptr != last || !std::isfinite(value))
        return std::nullopt;
    const bool ms = millis.value_or(std::abs(value) >= 1e11);
    const double v = ms ? value : value * 1000.0;
    if (std::abs(v) > 9.0e15) // ±285,000 years: beyond any data, and beyond exact doubles
        return std::nullopt;
    return static_cast<TimeMs>(std::llround(v));
}

std::optional<TimeMs> OverlayTimeParser::parsePattern(std::string_view text)
{
    const QString s = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).trimmed();
    // The C locale: "AP" must read "AM"/"PM" whatever the user's language.
    const QDateTime dt = QLocale::c().toDateTime(s, m_pattern);
    if (!dt.isValid())
        return std::nullopt;
    const TimeMs naive =
        (dt.date().toJulianDay() - 2440588) * data::kDayMs + dt.time().msecsSinceStartOfDay();
    return localToUtc(naive);
}

TimeMs OverlayTimeParser::zoneOffsetAt(TimeMs naiveMs) const
{
    return naiveMs - naiveToDateTime(naiveMs, m_zone).toMSecsSinceEpoch();
}

TimeMs OverlayTimeParser::localToUtc(TimeMs naiveMs)
{
    if (m_zoneIsUtc)
        return naiveMs;
    const std::int64_t hour = floorDiv(naiveMs, data::kHourMs);
    CacheEntry& e = m_cache[static_cast<std::size_t>(hour) & (m_cache.size() - 1)];
    if (e.hour != hour) {
        e.hour = hour;
        e.offsetMs = zoneOffsetAt(hour * data::kHourMs);
        e.uniform = zoneOffsetAt(hour * data::kHourMs + data::kHourMs - 1) == e.offsetMs;
    }
    return e.uniform ? naiveMs - e.offsetMs : naiveToDateTime(naiveMs, m_zone).toMSecsSinceEpoch();
}

std::optional<TimeMs> OverlayTimeParser::parse(std::string_view utf8)
{
    if (!m_zone.isValid())
        return std::nullopt;
    switch (m_format) {
    case TimeFormat::EpochSeconds:
        return parseEpoch(utf8, false);
    case TimeFormat::EpochMillis:
        return parseEpoch(utf8, true);
    case TimeFormat::Pattern:
        return parsePattern(utf8);
    case TimeFormat::Iso8601:
    case TimeFormat::Auto:
        break;
    }
    TimeMs naive = 0;
    bool hasZone = false;
    if (parseIso(utf8, naive, hasZone))
        return hasZone ? naive : localToUtc(naive);
    if (m_format == TimeFormat::Auto)
        return parseEpoch(utf8, std::nullopt);
    return std::nullopt;
}

std::optional<data::TimeMs> parseOverlayTime(QStringView text, const data::OverlayMapping& mapping)
{
    OverlayTimeParser parser(mapping);
    const QByteArray utf8 = text.toUtf8();
    return parser.parse(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
}

} // namespace citytwin::gis
