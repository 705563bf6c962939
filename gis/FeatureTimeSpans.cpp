#include "gis/FeatureTimeSpans.h"

#include "gis/FeatureTimeParser.h"
#include "gis/FieldValues.h"

#include <algorithm>
#include <limits>

namespace citytwin::gis {

using data::Result;
using data::Status;
using data::TimeMs;

FeatureTimeSpans featureTimeSpans(const std::vector<std::pair<std::int64_t, QString>>& start,
                                  const std::vector<std::pair<std::int64_t, QString>>& end,
                                  data::TimeMs durationMs, const QTimeZone& zone)
{
    FeatureTimeSpans out;
    std::unordered_map<std::int64_t, const QString*> endOf;
    endOf.reserve(end.size());
    for (const auto& [id, text] : end)
        endOf.emplace(id, &text);
    const bool hasEndField = !end.empty();

    FeatureTimeParser parser(zone);
    TimeMs minStart = std::numeric_limits<TimeMs>::max();
    TimeMs maxStart = std::numeric_limits<TimeMs>::min();
    TimeMs maxEnd = std::numeric_limits<TimeMs>::min();
    auto noteUnparsable = [&out](const QString& text) {
        if (out.unparsable++ == 0)
            out.firstUnparsable = text.trimmed();
    };
    out.spans.reserve(start.size());
    for (const auto& [id, text] : start) {
        ++out.features;
        if (text.trimmed().isEmpty()) {
            ++out.withoutTime;
            continue;
        }
        const std::optional<TimeMs> from = parser.parse(text, false);
        if (!from) {
            noteUnparsable(text);
            continue;
        }
        TimeMs to = data::kNoTime;
        if (hasEndField) {
            const auto it = endOf.find(id);
            if (it != endOf.end() && !it->second->trimmed().isEmpty()) {
                const std::optional<TimeMs> until = parser.parse(*it->second, true);
                if (!until) {
                    noteUnparsable(*it->second);
                    continue;
                }
                if (*until < *from)
                    ++out.endBeforeStart; // drawn from its start on rather than never
                else
                    to = *until;
            }
        } else if (durationMs > 0) {
            to = *from + durationMs;
        }
        out.spans.emplace(id, data::TimeRange{*from, to});
        minStart = std::min(minStart, *from);
        maxStart = std::max(maxStart, *from);
        if (to != data::kNoTime)
            maxEnd = std::max(maxEnd, to);
    }
    if (!out.spans.empty()) {
        // The latest start must lie inside the half-open extent, or a layer whose features all
        // start at one instant and never end would have an empty one.
        out.extent = {minStart, std::max(maxEnd, maxStart + 1)};
    }
    return out;
}

Result<FeatureTimeSpans> readFeatureTimeSpans(const QString& path, const data::TemporalSettings& temporal,
                                              const QTimeZone& zone)
{
    if (temporal.mode != data::TemporalMode::FeatureFields)
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("%1: the layer's time is not read from its fields (mode \"%2\")")
                                 .arg(path, data::toString(temporal.mode)));
    if (temporal.startField.trimmed().isEmpty())
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("%1: no start field is set for the layer's time").arg(path));
    if (!zone.isValid())
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("%1: invalid time zone for the layer's times").arg(path));
    auto start = readFieldValues(path, temporal.startField);
    if (!start)
        return start.status();
    std::vector<std::pair<std::int64_t, QString>> end;
    if (!temporal.endField.trimmed().isEmpty()) {
        auto endValues = readFieldValues(path, temporal.endField);
        if (!endValues)
            return endValues.status();
        end = std::move(endValues.value());
    }
    return featureTimeSpans(start.value(), end,
                            temporal.endField.trimmed().isEmpty() ? temporal.durationMs : 0, zone);
}

} // namespace citytwin::gis
