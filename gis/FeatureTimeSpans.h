#pragma once

#include "data/LayerSettings.h"
#include "data/Result.h"
#include "data/Time.h"
#include "data/TimeRange.h"

#include <QString>
#include <QStringView>
#include <QTimeZone>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace citytwin::gis {

//! Time spans of a feature layer's features from its attribute fields (Layer Properties → Time:
//! start/end fields, or a start field + a duration), for scene::setFeatureTimes().
struct FeatureTimeSpans
{
    //! Feature id → span; end == data::kNoTime: open-ended.
    std::unordered_map<std::int64_t, data::TimeRange> spans;
    std::int64_t features = 0;   //!< features seen
    std::int64_t withoutTime = 0; //!< empty start value: always drawn (no entry in spans)
    std::int64_t unparsable = 0;  //!< start or end present but unreadable: always drawn
    QString firstUnparsable;      //!< the first unreadable value, quoted in the layer's message
    std::int64_t endBeforeStart = 0; //!< end earlier than start: the end is ignored (open-ended)
    //! Earliest start to latest finite end (or latest start when none ends); empty when no span:
    //! what the timeline's extent must cover to replay the layer.
    data::TimeRange extent;
};

//! One feature time value in ZONE (used when the value names no zone). Accepts what attribute
//! tables hold: ISO 8601 dates and date-times (with or without zone, 'T' or space, also
//! "2015/06/01"), a year alone ("1998", 1000–2999) or a year and month ("1998-06"), and epoch
//! seconds or milliseconds (by magnitude, beyond 4 digits). AS END: a date without a time of day,
//! a month or a year means the end of that period (its last day is included), so
//! start "1998" / end "2010" spans 1998-01-01 to 2011-01-01. nullopt when unreadable.
std::optional<data::TimeMs> parseFeatureTime(QStringView text, const QTimeZone& zone, bool asEnd = false);

//! Spans from field values keyed by feature id (readFieldValues() output, or model attributes):
//! START for every feature; END empty (no end field) or keyed by the same ids. Without END,
//! DURATIONMS > 0 gives each feature [start, start + duration), 0 leaves it open-ended.
FeatureTimeSpans featureTimeSpans(const std::vector<std::pair<std::int64_t, QString>>& start,
                                  const std::vector<std::pair<std::int64_t, QString>>& end,
                                  data::TimeMs durationMs, const QTimeZone& zone);

//! Reads TEMPORAL's start (and end) field of the OGR source PATH (feature ids as readFieldValues()
//! gives them, i.e. as the buildings/pipes/underground readers number features) and builds the
//! spans. Errors name the file and a missing field; TEMPORAL.mode must be FeatureFields.
data::Result<FeatureTimeSpans> readFeatureTimeSpans(const QString& path, const data::TemporalSettings& temporal,
                                                    const QTimeZone& zone);

} // namespace citytwin::gis
