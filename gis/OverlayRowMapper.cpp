#include "gis/OverlayRowMapper.h"

#include "gis/OverlayFieldValues.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <array>
#include <cmath>
#include <ogr_spatialref.h>

namespace citytwin::gis {

using data::ImportReport;
using data::OverlayKind;
using data::Status;
namespace column = data::column;

namespace {

// The roles, in the order OverlayRowMapper::m_columns holds them.
enum Role : int {
    kId,
    kName,
    kRole,
    kTeam,
    kTime,
    kX,
    kY,
    kCategory,
    kSeverity,
    kDescription,
    kSource,
    kReported,
    kDispatched,
    kOnSite,
    kResolved,
    kClosed,
    kStaff,
    kType,
    kSubtype,
    kAsset,
    kValue,
    kMin,
    kMax,
    kRoleCount
};
constexpr std::array<const char*, kRoleCount> kRoleNames{
    column::kId,     column::kName,     column::kRole,       column::kTeam,     column::kTime,
    column::kX,      column::kY,        column::kCategory,   column::kSeverity, column::kDescription,
    column::kSource, column::kReported, column::kDispatched, column::kOnSite,   column::kResolved,
    column::kClosed, column::kStaff,    column::kType,       column::kSubtype,  column::kAsset,
    column::kValue,  column::kMin,      column::kMax};

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString quoted(std::string_view s)
{
    constexpr std::size_t kMax = 60;
    return QLatin1Char('\'') + text(s.substr(0, kMax)) +
           (s.size() > kMax ? QStringLiteral("…'") : QStringLiteral("'"));
}

bool isGeographic(const QString& crs)
{
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs.SetFromUserInput(crs.toUtf8().constData()) == OGRERR_NONE && srs.IsGeographic();
}

} // namespace

void OverlayChunk::clear()
{
    people.clear();
    trackPoints.clear();
    events.clear();
    assets.clear();
    readings.clear();
    thresholds.clear();
    rows.clear();
}

OverlayRowMapper::OverlayRowMapper(const data::OverlayMapping& mapping,
                                   std::optional<CrsTransformer> transformer)
    : m_mapping(mapping), m_transformer(std::move(transformer)), m_time(mapping)
{
}

data::Result<std::unique_ptr<OverlayRowMapper>>
OverlayRowMapper::create(const data::OverlayMapping& mapping, const QStringList& columns,
                         bool hasPointGeometry, const QString& fileCrs, const QString& projectCrs,
                         const QString& name)
{
    auto fail = [&name](Status::Code code, const QString& message) {
        return Status::error(code, QStringLiteral("%1: %2").arg(name, message));
    };
    if (const QString missing = data::missingRequiredColumns(mapping, hasPointGeometry); !missing.isEmpty())
        return fail(Status::Code::InvalidArgument,
                    QStringLiteral("%1 (importing %2)").arg(missing, data::toString(mapping.kind)));
    std::vector<int> indices(kRoleCount, -1);
    std::vector<bool> used(static_cast<std::size_t>(columns.size()), false);
    for (int r = 0; r < kRoleCount; ++r) {
        const QString source = mapping.columns.value(QString::fromLatin1(kRoleNames[r]));
        if (source.isEmpty())
            continue;
        qsizetype i = columns.indexOf(source);
        if (i < 0) {
            const auto it = std::find_if(columns.begin(), columns.end(), [&source](const QString& c) {
                return c.compare(source, Qt::CaseInsensitive) == 0;
            });
            i = it == columns.end() ? -1 : it - columns.begin();
        }
        if (i < 0)
            return fail(
                Status::Code::InvalidArgument,
                QStringLiteral("column '%1' (mapped to %2) is not in the file; its columns: %3")
                    .arg(source, QString::fromLatin1(kRoleNames[r]), columns.join(QStringLiteral(", "))));
        indices[static_cast<std::size_t>(r)] = static_cast<int>(i);
        used[static_cast<std::size_t>(i)] = true;
    }

    const bool positioned = mapping.kind != OverlayKind::SensorReadings && mapping.kind != OverlayKind::Thresholds;
    const QString sourceCrs = mapping.sourceCrs.trimmed().isEmpty() ? fileCrs : mapping.sourceCrs.trimmed();
    std::optional<CrsTransformer> transformer;
    if (positioned) {
        if (sourceCrs.isEmpty())
            return fail(
                Status::Code::InvalidArgument,
                QStringLiteral("the CRS of the positions is unknown (the file names none): give one"));
        if (projectCrs.trimmed().isEmpty())
            return fail(Status::Code::InvalidArgument, QStringLiteral("no project CRS to import into"));
        auto t = CrsTransformer::create(sourceCrs, projectCrs);
        if (!t)
            return Status::error(t.status().code(), QStringLiteral("%1: %2").arg(name, t.status().message()));
        transformer.emplace(std::move(t).value());
    }
    std::unique_ptr<OverlayRowMapper> m(new OverlayRowMapper(mapping, std::move(transformer)));
    if (!m->m_time.isZoneValid())
        return fail(Status::Code::InvalidArgument,
                    QStringLiteral("unknown time zone '%1' (an IANA id such as Asia/Shanghai)")
                        .arg(mapping.timeZone));
    if (mapping.timeFormat == data::TimeFormat::Pattern && mapping.timePattern.trimmed().isEmpty())
        return fail(Status::Code::InvalidArgument, QStringLiteral("time format 'pattern' without a pattern"));
    m->m_header = columns;
    m->m_columns = std::move(indices);
    m->m_mappedColumn = std::move(used);
    m->m_hasGeometry = hasPointGeometry;
    m->m_sourceCrs = sourceCrs;
    m->m_geographic = positioned && isGeographic(sourceCrs);
    data::PersonRole role = data::PersonRole::Other;
    if (data::fromString(mapping.defaultRole, role))
        m->m_defaultRole = role;
    else if (const auto r = overlay::parseRole(mapping.defaultRole.toStdString()))
        m->m_defaultRole = *r;
    const int typeColumn = m->m_columns[kType];
    m->m_typeColumnIsSensor =
        typeColumn >= 0 && columns[typeColumn].contains(QLatin1String("sensor"), Qt::CaseInsensitive);
    return m;
}

std::string_view OverlayRowMapper::field(std::span<const std::string_view> fields, int role) const
{
    const int c = m_columns[static_cast<std::size_t>(role)];
    return c >= 0 && static_cast<std::size_t>(c) < fields.size()
               ? overlay::trimmed(fields[static_cast<std::size_t>(c)])
               : std::string_view();
}

void OverlayRowMapper::addRecord(std::int64_t row, std::span<const std::string_view> fields,
                                 const double* geometry, ImportReport& report)
{
    ++report.rowsRead;
    if (fields.size() != static_cast<std::size_t>(m_header.size())) {
        report.reject(row, QStringLiteral("wrong column count"),
                      QStringLiteral("%1 fields, the header has %2").arg(fields.size()).arg(m_header.size()));
        return;
    }
    switch (m_mapping.kind) {
    case OverlayKind::Tracks:
        return addTrackPoint(row, fields, geometry, report);
    case OverlayKind::Events:
        return addEvent(row, fields, geometry, report);
    case OverlayKind::Assets:
        return addAsset(row, fields, geometry, report);
    case OverlayKind::SensorReadings:
        return addReading(row, fields, report);
    case OverlayKind::Thresholds:
        return addThreshold(row, fields, report);
    }
}

bool OverlayRowMapper::readPosition(std::int64_t row, std::span<const std::string_view> fields,
                                    const double* geometry, data::ProjectedPoint& out, ImportReport& report)
{
    double x = 0.0, y = 0.0;
    if (geometry) {
        x = geometry[0];
        y = geometry[1];
    } else {
        const std::string_view xs = field(fields, kX);
        const std::string_view ys = field(fields, kY);
        if (xs.empty() || ys.empty()) {
            report.reject(row, QStringLiteral("missing coordinate"),
                          m_columns[kX] < 0 ? QStringLiteral("no point geometry")
                                            : QStringLiteral("%1 or %2 is empty")
                                                  .arg(m_header[m_columns[kX]], m_header[m_columns[kY]]));
            return false;
        }
        const auto xv = overlay::parseNumber(xs);
        const auto yv = overlay::parseNumber(ys);
        if (!xv || !yv) {
            report.reject(row, QStringLiteral("bad number"),
                          QStringLiteral("coordinate %1 %2").arg(quoted(xs), quoted(ys)));
            return false;
        }
        x = *xv;
        y = *yv;
    }
    if (!std::isfinite(x) || !std::isfinite(y) ||
        (m_geographic && (std::abs(x) > 180.0 || std::abs(y) > 90.0))) {
        report.reject(row, QStringLiteral("coordinate out of range"),
                      QStringLiteral("(%1, %2) is not a position in %3")
                          .arg(x, 0, 'g', 10)
                          .arg(y, 0, 'g', 10)
                          .arg(m_sourceCrs));
        return false;
    }
    out = {x, y, 0.0};
    return true;
}

bool OverlayRowMapper::readTime(std::int64_t row, std::string_view value, int role, bool required,
                                data::TimeMs& out, ImportReport& report)
{
    if (value.empty()) {
        if (required)
            report.reject(
                row, QStringLiteral("missing time"),
                QStringLiteral("%1 is empty").arg(m_header[m_columns[static_cast<std::size_t>(role)]]));
        out = data::kNoTime;
        return !required;
    }
    const auto t = m_time.parse(value);
    if (!t) {
        report.reject(row, QStringLiteral("unparsable time"),
                      QStringLiteral("%1 in %2")
                          .arg(quoted(value), m_header[m_columns[static_cast<std::size_t>(role)]]));
        return false;
    }
    out = *t;
    return true;
}

std::int64_t OverlayRowMapper::recordId(std::span<const std::string_view> fields) const
{
    // No id column: the record's own text, so re-importing the same file replaces rather than duplicates.
    std::string all;
    for (std::string_view f : fields) {
        all.append(f);
        all.push_back('\x1f');
    }
    return overlay::stableId(all);
}

void OverlayRowMapper::addTrackPoint(std::int64_t row, std::span<const std::string_view> fields,
                                     const double* geometry, ImportReport& report)
{
    const std::string_view idText = field(fields, kId);
    const auto id = overlay::parseId(idText);
    if (!id) {
        report.reject(row, QStringLiteral("missing id"),
                      m_header[m_columns[kId]] + QStringLiteral(" is empty"));
        return;
    }
    data::TrackPoint p;
    p.personId = *id;
    if (!readTime(row, field(fields, kTime), kTime, true, p.time, report) ||
        !readPosition(row, fields, geometry, p.position, report))
        return;
    // Rows of one person usually come together: skip the set lookups for a repeat.
    if (*id != m_lastPerson && !m_people.contains(*id) && !m_pendingPeople.contains(*id)) {
        data::Person person;
        person.id = *id;
        const std::string_view name = field(fields, kName);
        person.name = text(name.empty() ? idText : name);
        person.role = overlay::parseRole(field(fields, kRole)).value_or(m_defaultRole);
        person.team = text(field(fields, kTeam));
        m_pendingPeople.emplace(*id, std::move(person));
    }
    m_lastPerson = *id;
    m_chunk.trackPoints.push_back(p);
    m_chunk.rows.push_back(row);
}

void OverlayRowMapper::addEvent(std::int64_t row, std::span<const std::string_view> fields,
                                const double* geometry, ImportReport& report)
{
    data::Event e;
    if (!readTime(row, field(fields, kReported), kReported, true, e.reported, report))
        return;
    const std::pair<int, data::TimeMs*> steps[] = {
        {kDispatched, &e.dispatched}, {kOnSite, &e.onSite}, {kResolved, &e.resolved}, {kClosed, &e.closed}};
    for (const auto& [role, target] : steps) {
        if (m_columns[static_cast<std::size_t>(role)] >= 0 &&
            !readTime(row, field(fields, role), role, false, *target, report))
            return;
    }
    if (!readPosition(row, fields, geometry, e.position, report))
        return;
    const auto id = m_columns[kId] >= 0 ? overlay::parseId(field(fields, kId)) : std::nullopt;
    e.id = id ? *id : recordId(fields);
    const std::string_view category = field(fields, kCategory);
    e.category = category.empty() ? m_mapping.defaultCategory : text(category);
    e.severity = overlay::parseSeverity(field(fields, kSeverity)).value_or(1);
    e.description = text(field(fields, kDescription));
    e.source = text(field(fields, kSource));
    std::string_view staff = field(fields, kStaff);
    while (!staff.empty()) {
        const std::size_t cut = staff.find_first_of(",; ");
        if (const auto s = overlay::parseId(staff.substr(0, cut)))
            e.assignedStaff.push_back(*s);
        staff = cut == std::string_view::npos ? std::string_view() : staff.substr(cut + 1);
    }
    m_chunk.events.push_back(std::move(e));
    m_chunk.rows.push_back(row);
}

void OverlayRowMapper::addAsset(std::int64_t row, std::span<const std::string_view> fields,
                                const double* geometry, ImportReport& report)
{
    data::Asset a;
    data::Threshold limits;
    if (!readPosition(row, fields, geometry, a.position, report) || !readLimits(row, fields, limits, report))
        return;
    const auto id = m_columns[kId] >= 0 ? overlay::parseId(field(fields, kId)) : std::nullopt;
    a.id = id ? *id : recordId(fields);
    if (limits.min || limits.max) {
        limits.assetId = a.id;
        limits.id = overlay::thresholdId(limits);
        m_chunk.thresholds.push_back(limits);
    }
    const std::string_view type = field(fields, kType);
    const auto parsed = overlay::parseAssetType(type);
    a.type = parsed.value_or(m_typeColumnIsSensor && !type.empty() ? data::AssetType::Sensor
                                                                   : data::AssetType::Other);
    a.name = text(field(fields, kName));
    a.subtype = text(field(fields, kSubtype));
    if (a.subtype.isEmpty() && !parsed && !type.empty())
        a.subtype = text(type); // "SDS011": the model says more than "other"
    QJsonObject attributes;
    for (std::size_t c = 0; c < fields.size(); ++c) {
        const std::string_view v = overlay::trimmed(fields[c]);
        if (m_mappedColumn[c] || v.empty())
            continue;
        const auto n = overlay::parseNumber(v);
        attributes.insert(m_header[static_cast<qsizetype>(c)], n ? QJsonValue(*n) : QJsonValue(text(v)));
    }
    if (!attributes.isEmpty())
        a.attributesJson = QString::fromUtf8(QJsonDocument(attributes).toJson(QJsonDocument::Compact));
    m_chunk.assets.push_back(std::move(a));
    m_chunk.rows.push_back(row);
}

void OverlayRowMapper::addReading(std::int64_t row, std::span<const std::string_view> fields,
                                  ImportReport& report)
{
    data::SensorReading r;
    const auto asset = overlay::parseId(field(fields, kAsset));
    if (!asset) {
        report.reject(row, QStringLiteral("missing id"),
                      m_header[m_columns[kAsset]] + QStringLiteral(" is empty"));
        return;
    }
    r.assetId = *asset;
    if (!readTime(row, field(fields, kTime), kTime, true, r.time, report))
        return;
    const std::string_view value = field(fields, kValue);
    const auto v = overlay::parseNumber(value);
    if (!v) {
        report.reject(row, value.empty() ? QStringLiteral("missing value") : QStringLiteral("bad number"),
                      QStringLiteral("%1 in %2").arg(quoted(value), m_header[m_columns[kValue]]));
        return;
    }
    r.value = *v;
    m_chunk.readings.push_back(r);
    m_chunk.rows.push_back(row);
}

bool OverlayRowMapper::readLimits(std::int64_t row, std::span<const std::string_view> fields,
                                  data::Threshold& out, ImportReport& report)
{
    for (const auto& [role, target] : {std::pair{int(kMin), &out.min}, std::pair{int(kMax), &out.max}}) {
        const std::string_view value = field(fields, role);
        if (value.empty())
            continue;
        const auto v = overlay::parseNumber(value);
        if (!v || !std::isfinite(*v)) {
            report.reject(row, QStringLiteral("bad number"),
                          QStringLiteral("%1 in %2")
                              .arg(quoted(value), m_header[m_columns[static_cast<std::size_t>(role)]]));
            return false;
        }
        *target = *v;
    }
    if (out.min && out.max && *out.min > *out.max) {
        report.reject(row, QStringLiteral("min above max"),
                      QStringLiteral("%1 %2 > %3 %4")
                          .arg(m_header[m_columns[kMin]])
                          .arg(*out.min, 0, 'g', 10)
                          .arg(m_header[m_columns[kMax]])
                          .arg(*out.max, 0, 'g', 10));
        return false;
    }
    return true;
}

void OverlayRowMapper::addThreshold(std::int64_t row, std::span<const std::string_view> fields,
                                    ImportReport& report)
{
    data::Threshold t;
    // The asset wins when both are given: a per-asset limit is the more specific one.
    if (const auto asset = overlay::parseId(field(fields, kAsset)))
        t.assetId = *asset;
    else
        t.subtype = text(field(fields, kSubtype));
    if (t.assetId == 0 && t.subtype.isEmpty()) {
        QStringList mapped;
        for (int role : {int(kAsset), int(kSubtype)})
            if (m_columns[static_cast<std::size_t>(role)] >= 0)
                mapped << m_header[m_columns[static_cast<std::size_t>(role)]];
        report.reject(row, QStringLiteral("missing target"),
                      QStringLiteral("%1 empty: the limits apply to no asset or subtype")
                          .arg(mapped.join(QStringLiteral(" and "))));
        return;
    }
    if (!readLimits(row, fields, t, report))
        return;
    if (!t.min && !t.max) {
        report.reject(row, QStringLiteral("missing limit"), QStringLiteral("neither min nor max is given"));
        return;
    }
    const auto id = m_columns[kId] >= 0 ? overlay::parseId(field(fields, kId)) : std::nullopt;
    t.id = id ? *id : overlay::thresholdId(t);
    m_chunk.thresholds.push_back(std::move(t));
    m_chunk.rows.push_back(row);
}

} // namespace citytwin::gis
