#pragma once

#include "data/Time.h"
#include "gis/OverlayTimeParser.h"

#include <QStringView>
#include <QTimeZone>
#include <optional>

namespace citytwin::gis {

//! Reads feature time values (parseFeatureTime()'s rules) in one zone, keeping the zone offset
//! cache of an OverlayTimeParser between values: what featureTimeSpans() uses for a whole layer.
//! Not thread safe (the cache).
class FeatureTimeParser
{
public:
    explicit FeatureTimeParser(const QTimeZone& zone);

    //! False when ZONE cannot convert local times (not a zone Qt knows).
    bool isZoneValid() const { return m_iso.isZoneValid(); }
    //! TEXT as a start (or, AS END, as the end of the period it names); nullopt when unreadable.
    std::optional<data::TimeMs> parse(QStringView text, bool asEnd);

private:
    //! TEXT is a plain number with INTEGERDIGITS digits before any decimal point.
    std::optional<data::TimeMs> parseNumber(QStringView text, qsizetype integerDigits, bool asEnd);
    std::optional<data::TimeMs> periodStart(int year, int month, int day);

    OverlayTimeParser m_iso;
};

} // namespace citytwin::gis
