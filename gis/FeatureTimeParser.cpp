#include "gis/FeatureTimeParser.h"

#include "data/OverlayImport.h"
#include "gis/FeatureTimeSpans.h"

#include <QDate>
#include <cmath>
#include <cstdio>

namespace citytwin::gis {

using data::TimeMs;

namespace {

constexpr int kMinYear = 1000; // a bare number in this range is a year, not an epoch value
constexpr int kMaxYear = 2999;

data::OverlayMapping isoMapping(const QTimeZone& zone)
{
    data::OverlayMapping mapping;
    mapping.timeFormat = data::TimeFormat::Iso8601;
    mapping.timeZone = zone.isValid() ? QString::fromUtf8(zone.id()) : QStringLiteral("invalid/zone");
    return mapping;
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

//! 1 to MAXDIGITS digits at I (advanced) into OUT.
bool readDigits(QStringView text, qsizetype& i, int maxDigits, int& out)
{
    int v = 0;
    int n = 0;
    while (i < text.size() && n < maxDigits && isDigit(text[i])) {
        v = v * 10 + (text[i].unicode() - u'0');
        ++i;
        ++n;
    }
    out = v;
    return n > 0 && (i == text.size() || !isDigit(text[i]));
}

//! "[+-]digits[.digits]": what a number field (Integer, Real, or text holding one) gives.
bool isPlainNumber(QStringView text, qsizetype& integerDigits)
{
    qsizetype i = 0;
    if (i < text.size() && (text[i] == u'-' || text[i] == u'+'))
        ++i;
    const qsizetype intStart = i;
    while (i < text.size() && isDigit(text[i]))
        ++i;
    integerDigits = i - intStart;
    if (integerDigits == 0)
        return false;
    if (i < text.size() && text[i] == u'.') {
        ++i;
        while (i < text.size() && isDigit(text[i]))
            ++i;
    }
    return i == text.size();
}

//! "YYYY-MM-DD", the head of what the ISO parser reads.
QByteArray isoDate(int year, int month, int day)
{
    char buffer[16];
    const int n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return QByteArray(buffer, n);
}

} // namespace

FeatureTimeParser::FeatureTimeParser(const QTimeZone& zone) : m_iso(isoMapping(zone)) {}

std::optional<TimeMs> FeatureTimeParser::periodStart(int year, int month, int day)
{
    // Local midnight through the ISO parser: its zone cache resolves DST (and the zone's history).
    const QByteArray date = isoDate(year, month, day);
    return m_iso.parse(std::string_view(date.constData(), static_cast<std::size_t>(date.size())));
}

std::optional<TimeMs> FeatureTimeParser::parseNumber(QStringView text, qsizetype integerDigits, bool asEnd)
{
    const QByteArray utf8 = text.toUtf8();
    if (integerDigits > 4) // epoch seconds or milliseconds, told apart by magnitude
        return OverlayTimeParser::parseEpoch(
            std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())), std::nullopt);
    // A year, also as a Real field writes it ("1998.0"); "1998.5" or "12" name no period.
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value != std::floor(value) || value < kMinYear || value > kMaxYear)
        return std::nullopt;
    const int year = static_cast<int>(value);
    return periodStart(asEnd ? year + 1 : year, 1, 1);
}

std::optional<TimeMs> FeatureTimeParser::parse(QStringView text, bool asEnd)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    qsizetype integerDigits = 0;
    if (isPlainNumber(text, integerDigits))
        return parseNumber(text, integerDigits, asEnd);

    // YYYY sep M[M] [sep D[D] [('T' | ' ') time [zone]]], sep one of - / . (OGR writes '/').
    qsizetype i = 0;
    int year = 0;
    if (!readDigits(text, i, 4, year) || i != 4 || i == text.size())
        return std::nullopt;
    const QChar sep = text[i++];
    if (sep != u'-' && sep != u'/' && sep != u'.')
        return std::nullopt;
    int month = 0;
    if (!readDigits(text, i, 2, month) || month < 1 || month > 12)
        return std::nullopt;
    if (i == text.size()) {
        if (!asEnd)
            return periodStart(year, month, 1);
        return month == 12 ? periodStart(year + 1, 1, 1) : periodStart(year, month + 1, 1);
    }
    int day = 0;
    if (text[i++] != sep || !readDigits(text, i, 2, day) || !QDate::isValid(year, month, day))
        return std::nullopt;
    if (i == text.size()) {
        if (!asEnd)
            return periodStart(year, month, day);
        const QDate next = QDate(year, month, day).addDays(1);
        return periodStart(next.year(), next.month(), next.day());
    }
    const QChar timeSep = text[i];
    if (timeSep != u'T' && timeSep != u't' && timeSep != u' ')
        return std::nullopt;
    // The time of day and zone are OverlayTimeParser's ISO 8601 (fractions, Z, +08, +08:00, UTC).
    QByteArray iso = isoDate(year, month, day);
    iso += text.mid(i).toUtf8();
    return m_iso.parse(std::string_view(iso.constData(), static_cast<std::size_t>(iso.size())));
}

std::optional<TimeMs> parseFeatureTime(QStringView text, const QTimeZone& zone, bool asEnd)
{
    FeatureTimeParser parser(zone);
    return parser.parse(text, asEnd);
}

} // namespace citytwin::gis
