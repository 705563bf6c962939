#include "app/ImportPreview.h"

#include <QCoreApplication>
#include <QDateTime>
#include <optional>

namespace citytwin::app {

namespace col = data::column;
using data::OverlayKind;

QString primaryTimeRole(OverlayKind kind)
{
    switch (kind) {
    case OverlayKind::Tracks:
    case OverlayKind::SensorReadings:
        return QString::fromLatin1(col::kTime);
    case OverlayKind::Events:
        return QString::fromLatin1(col::kReported);
    case OverlayKind::Assets:
    case OverlayKind::Thresholds:
        break;
    }
    return {};
}

namespace {

//! Translation context of the preview's reasons (lupdate sees Text::tr).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ImportPreview)
};

//! The cell mapped to ROLE, or a null string when the role is unmapped or the row is short.
QString cell(const gis::OverlayFilePreview& preview, const data::OverlayMapping& mapping,
             const QStringList& row, const QString& role)
{
    const QString column = mapping.columns.value(role);
    if (column.isEmpty())
        return {};
    const qsizetype index = preview.columns.indexOf(column);
    if (index < 0 || index >= row.size())
        return {};
    return row.at(index).trimmed();
}

bool isMapped(const data::OverlayMapping& mapping, const char* role)
{
    return !mapping.columns.value(QString::fromLatin1(role)).isEmpty();
}

} // namespace

PreviewRowReading readPreviewRow(const gis::OverlayFilePreview& preview, const data::OverlayMapping& mapping,
                                 const QStringList& row, const QTimeZone& displayZone)
{
    PreviewRowReading out;
    QStringList problems;
    const auto text = [&](const char* role) {
        return cell(preview, mapping, row, QString::fromLatin1(role));
    };

    // The identifying values each kind cannot do without.
    const auto requireValue = [&](const char* role, const QString& what) {
        if (isMapped(mapping, role) && text(role).isEmpty())
            problems << Text::tr("missing %1").arg(what);
    };
    switch (mapping.kind) {
    case OverlayKind::Tracks:
        requireValue(col::kId, Text::tr("id"));
        break;
    case OverlayKind::SensorReadings:
        requireValue(col::kAsset, Text::tr("asset id"));
        if (isMapped(mapping, col::kValue)) {
            bool ok = false;
            const QString value = text(col::kValue);
            value.toDouble(&ok);
            if (!ok)
                problems << Text::tr("unparsable value '%1'").arg(value);
        }
        break;
    case OverlayKind::Thresholds:
        if (text(col::kAsset).isEmpty() && text(col::kSubtype).isEmpty())
            problems << Text::tr("missing asset id and subtype");
        [[fallthrough]];
    case OverlayKind::Assets: {
        // Limits: numbers, the lower one not above the upper one (what the importer rejects).
        std::optional<double> limits[2];
        int i = 0;
        for (const char* role : {col::kMin, col::kMax}) {
            const QString value = text(role);
            bool ok = false;
            const double v = value.toDouble(&ok);
            if (!value.isEmpty() && !ok)
                problems << Text::tr("unparsable %1 '%2'").arg(QString::fromLatin1(role), value);
            else if (ok)
                limits[i] = v;
            ++i;
        }
        if (limits[0] && limits[1] && *limits[0] > *limits[1])
            problems << Text::tr("min above max");
        else if (mapping.kind == OverlayKind::Thresholds && !limits[0] && !limits[1] && problems.isEmpty())
            problems << Text::tr("no min or max");
        break;
    }
    case OverlayKind::Events:
        break;
    }

    const QString timeRole = primaryTimeRole(mapping.kind);
    if (!timeRole.isEmpty() && !mapping.columns.value(timeRole).isEmpty()) {
        const QString value = cell(preview, mapping, row, timeRole);
        if (value.isEmpty()) {
            problems << Text::tr("missing time");
        } else if (const auto t = gis::parseOverlayTime(value, mapping)) {
            out.time = QDateTime::fromMSecsSinceEpoch(*t, displayZone)
                           .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        } else {
            problems << Text::tr("unparsable time '%1'").arg(value);
        }
    }

    if (preview.hasPointGeometry) {
        out.position = Text::tr("(geometry)");
    } else if (isMapped(mapping, col::kX) && isMapped(mapping, col::kY)) {
        bool okX = false;
        bool okY = false;
        const QString xs = text(col::kX);
        const QString ys = text(col::kY);
        const double x = xs.toDouble(&okX);
        const double y = ys.toDouble(&okY);
        if (xs.isEmpty() || ys.isEmpty())
            problems << Text::tr("missing coordinates");
        else if (!okX || !okY)
            problems << Text::tr("unparsable coordinates '%1, %2'").arg(xs, ys);
        else
            out.position = QStringLiteral("%1, %2").arg(x, 0, 'f', 5).arg(y, 0, 'f', 5);
    }
    out.problem = problems.join(QStringLiteral("; "));
    return out;
}

QStringList splitCsvLine(const QString& line, QChar delimiter)
{
    QStringList cells;
    QString current;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                    current += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                current += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == delimiter) {
            cells << current;
            current.clear();
        } else if (c != QLatin1Char('\r') && c != QLatin1Char('\n')) {
            current += c;
        }
    }
    cells << current;
    return cells;
}

} // namespace citytwin::app

#include <QJsonObject>

namespace citytwin::app {

QJsonObject mappingToJson(const data::OverlayMapping& mapping)
{
    QJsonObject columns;
    for (auto it = mapping.columns.cbegin(); it != mapping.columns.cend(); ++it)
        columns.insert(it.key(), it.value());
    return QJsonObject{
        {QStringLiteral("kind"), data::toString(mapping.kind)},
        {QStringLiteral("columns"), columns},
        {QStringLiteral("sourceCrs"), mapping.sourceCrs},
        {QStringLiteral("timeFormat"), data::toString(mapping.timeFormat)},
        {QStringLiteral("timePattern"), mapping.timePattern},
        {QStringLiteral("timeZone"), mapping.timeZone},
        {QStringLiteral("delimiter"), mapping.delimiter.isNull() ? QString() : QString(mapping.delimiter)}};
}

bool mappingFromJson(const QJsonObject& json, data::OverlayMapping& out)
{
    data::OverlayMapping mapping;
    if (!data::fromString(json.value(QStringLiteral("kind")).toString(), mapping.kind) ||
        !data::fromString(json.value(QStringLiteral("timeFormat")).toString(), mapping.timeFormat))
        return false;
    const QJsonObject columns = json.value(QStringLiteral("columns")).toObject();
    for (auto it = columns.constBegin(); it != columns.constEnd(); ++it)
        mapping.columns.insert(it.key(), it.value().toString());
    mapping.sourceCrs = json.value(QStringLiteral("sourceCrs")).toString();
    mapping.timePattern = json.value(QStringLiteral("timePattern")).toString();
    mapping.timeZone = json.value(QStringLiteral("timeZone")).toString(mapping.timeZone);
    const QString delimiter = json.value(QStringLiteral("delimiter")).toString();
    mapping.delimiter = delimiter.isEmpty() ? QChar() : delimiter.at(0);
    out = mapping;
    return true;
}

} // namespace citytwin::app
