#include "data/OverlayImport.h"

#include "data/EnumNames.h"

#include <QStringList>
#include <algorithm>

namespace citytwin::data {

namespace {

constexpr detail::EnumNameTable<OverlayKind, 5> kKindNames{{
    {OverlayKind::Tracks, "tracks"},
    {OverlayKind::Events, "events"},
    {OverlayKind::Assets, "assets"},
    {OverlayKind::SensorReadings, "readings"},
    {OverlayKind::Thresholds, "thresholds"},
}};

constexpr detail::EnumNameTable<TimeFormat, 5> kTimeFormatNames{{
    {TimeFormat::Auto, "auto"},
    {TimeFormat::Iso8601, "iso8601"},
    {TimeFormat::EpochSeconds, "epoch_s"},
    {TimeFormat::EpochMillis, "epoch_ms"},
    {TimeFormat::Pattern, "pattern"},
}};

QString number(std::int64_t n)
{
    // Grouped digits ("5,908") whatever the user's locale: read by people, and by tests.
    QString digits = QString::number(n < 0 ? -n : n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return n < 0 ? QLatin1Char('-') + digits : digits;
}

} // namespace

void ImportReport::reject(std::int64_t row, const QString& reasonClass, const QString& detail)
{
    ++rowsRejected;
    ++rejectedByReason[reasonClass];
    if (rejected.size() < static_cast<std::size_t>(kMaxListedRejects))
        rejected.push_back(
            {row, detail.isEmpty() ? reasonClass : reasonClass + QStringLiteral(": ") + detail});
}

QString ImportReport::summary() const
{
    QString s = QStringLiteral("%1 rows read, %2 imported").arg(number(rowsRead), number(rowsImported));
    if (peopleImported > 0)
        s += QStringLiteral(" (%1 people)").arg(number(peopleImported));
    if (thresholdsImported > 0)
        s += QStringLiteral(" (%1 thresholds)").arg(number(thresholdsImported));
    s += QStringLiteral(", %1 rejected").arg(number(rowsRejected));
    if (!rejectedByReason.isEmpty()) {
        // Most frequent reason first: that is the one to fix.
        std::vector<std::pair<QString, std::int64_t>> reasons(rejectedByReason.keyValueBegin(),
                                                              rejectedByReason.keyValueEnd());
        std::stable_sort(reasons.begin(), reasons.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        QStringList parts;
        for (const auto& [reason, count] : reasons)
            parts << QStringLiteral("%1 %2").arg(number(count), reason);
        s += QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    if (seconds > 0.0)
        s += QStringLiteral(" in %1 s").arg(seconds, 0, 'f', seconds < 10 ? 2 : 1);
    return s;
}

QString toString(OverlayKind kind)
{
    return detail::enumToString(kKindNames, kind);
}

QString toString(TimeFormat format)
{
    return detail::enumToString(kTimeFormatNames, format);
}

bool fromString(const QString& s, OverlayKind& out)
{
    return detail::enumFromString(kKindNames, s, out);
}

bool fromString(const QString& s, TimeFormat& out)
{
    return detail::enumFromString(kTimeFormatNames, s, out);
}

std::vector<QString> requiredColumns(OverlayKind kind, bool fileHasGeometry)
{
    std::vector<QString> roles;
    switch (kind) {
    case OverlayKind::Tracks:
        roles = {QString::fromLatin1(column::kId), QString::fromLatin1(column::kTime)};
        break;
    case OverlayKind::Events:
        roles = {QString::fromLatin1(column::kReported)};
        break;
    case OverlayKind::Assets:
        break;
    case OverlayKind::SensorReadings:
        return {QString::fromLatin1(column::kAsset), QString::fromLatin1(column::kTime),
                QString::fromLatin1(column::kValue)};
    case OverlayKind::Thresholds:
        return {}; // no position; its roles are required by group
    }
    if (!fileHasGeometry) {
        roles.push_back(QString::fromLatin1(column::kX));
        roles.push_back(QString::fromLatin1(column::kY));
    }
    return roles;
}

std::vector<std::vector<QString>> requiredColumnGroups(OverlayKind kind, bool fileHasGeometry)
{
    if (kind == OverlayKind::Thresholds)
        return {{QString::fromLatin1(column::kAsset), QString::fromLatin1(column::kSubtype)},
                {QString::fromLatin1(column::kMin), QString::fromLatin1(column::kMax)}};
    std::vector<std::vector<QString>> groups;
    for (const QString& role : requiredColumns(kind, fileHasGeometry))
        groups.push_back({role});
    return groups;
}

QString missingRequiredColumns(const OverlayMapping& mapping, bool fileHasGeometry)
{
    for (const std::vector<QString>& group : requiredColumnGroups(mapping.kind, fileHasGeometry)) {
        const bool mapped = std::any_of(group.begin(), group.end(), [&mapping](const QString& role) {
            return !mapping.columns.value(role).trimmed().isEmpty();
        });
        if (!mapped)
            return QStringLiteral("no %1 column mapped")
                .arg(QStringList(group.begin(), group.end()).join(QStringLiteral(" or ")));
    }
    return {};
}

std::vector<QString> knownColumns(OverlayKind kind)
{
    std::vector<QString> roles;
    for (const std::vector<QString>& group : requiredColumnGroups(kind, false))
        roles.insert(roles.end(), group.begin(), group.end());
    auto add = [&roles](std::initializer_list<const char*> names) {
        for (const char* n : names)
            roles.push_back(QString::fromLatin1(n));
    };
    switch (kind) {
    case OverlayKind::Tracks:
        add({column::kName, column::kRole, column::kTeam});
        break;
    case OverlayKind::Events:
        add({column::kId, column::kCategory, column::kSeverity, column::kDescription, column::kSource,
             column::kDispatched, column::kOnSite, column::kResolved, column::kClosed, column::kStaff});
        break;
    case OverlayKind::Assets:
        add({column::kId, column::kType, column::kName, column::kSubtype, column::kMin, column::kMax});
        break;
    case OverlayKind::SensorReadings:
        break;
    case OverlayKind::Thresholds:
        add({column::kId});
        break;
    }
    return roles;
}

} // namespace citytwin::data
