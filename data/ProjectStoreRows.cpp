#include "data/ProjectStoreRows.h"

#include <algorithm>
#include <charconv>

namespace citytwin::data::rows {

Status formatError(const QString& path, const QString& problem)
{
    return Status::error(Status::Code::FormatError, QStringLiteral("%1: %2").arg(path, problem));
}

QByteArray staffToText(const std::vector<std::int64_t>& staff)
{
    QByteArray out("[");
    for (size_t i = 0; i < staff.size(); ++i) {
        if (i)
            out += ',';
        out += QByteArray::number(staff[i]);
    }
    out += ']';
    return out;
}

bool staffFromText(const char* p, int size, std::vector<std::int64_t>& out)
{
    out.clear();
    const char* end = p + size;
    while (p < end && (*p == '[' || *p == ' '))
        ++p;
    while (p < end && *p != ']') {
        std::int64_t v = 0;
        const auto [next, ec] = std::from_chars(p, end, v);
        if (ec != std::errc())
            return false;
        out.push_back(v);
        p = next;
        while (p < end && (*p == ',' || *p == ' '))
            ++p;
    }
    return p < end || size == 0;
}

Result<std::vector<Person>> readPeople(SqliteStatement& q, const QString& path)
{
    std::vector<Person> people;
    while (q.next()) {
        Person p;
        p.id = q.int64(0);
        p.name = q.text(1);
        const QString role = q.text(2);
        if (!fromString(role, p.role))
            return formatError(path, QStringLiteral("person %1 has an unknown role '%2'").arg(p.id).arg(role));
        p.team = q.text(3);
        people.push_back(std::move(p));
    }
    if (!q.status().isOk())
        return q.status();
    return people;
}

Result<std::vector<TrackPoint>> readTrackPoints(SqliteStatement& q)
{
    std::vector<TrackPoint> points;
    while (q.next())
        points.push_back({q.int64(0), q.int64(1), {q.real(2), q.real(3), q.real(4)}});
    if (!q.status().isOk())
        return q.status();
    return points;
}

Result<std::vector<Event>> readEvents(SqliteStatement& q, const QString& path)
{
    std::vector<Event> events;
    while (q.next()) {
        Event e;
        e.id = q.int64(0);
        e.category = q.text(1);
        e.severity = int(q.int64(2));
        e.description = q.text(3);
        e.source = q.text(4);
        e.position = {q.real(5), q.real(6), q.real(7)};
        e.reported = q.time(8);
        e.dispatched = q.time(9);
        e.onSite = q.time(10);
        e.resolved = q.time(11);
        e.closed = q.time(12);
        int size = 0;
        const char* staff = q.rawText(13, &size);
        if (!staffFromText(staff, size, e.assignedStaff))
            return formatError(path, QStringLiteral("event %1 has an invalid staff list").arg(e.id));
        events.push_back(std::move(e));
    }
    if (!q.status().isOk())
        return q.status();
    return events;
}

Result<std::vector<Event>> readEventMarkers(SqliteStatement& q, std::int64_t expected)
{
    // A few distinct categories over a million rows: decode each once, share it implicitly.
    std::vector<std::pair<QByteArray, QString>> categories;
    std::vector<Event> events;
    events.reserve(std::size_t(std::max<std::int64_t>(0, expected)));
    while (q.next()) {
        Event& e = events.emplace_back();
        e.id = q.int64(0);
        int size = 0;
        const char* raw = q.rawText(1, &size);
        const QByteArrayView category(raw, size);
        auto known = std::find_if(categories.begin(), categories.end(),
                                  [&](const auto& c) { return c.first == category; });
        if (known == categories.end())
            known = categories.insert(categories.end(), {category.toByteArray(), QString::fromUtf8(category)});
        e.category = known->second;
        e.severity = int(q.int64(2));
        e.position = {q.real(3), q.real(4), q.real(5)};
        e.reported = q.time(6);
        e.dispatched = q.time(7);
        e.onSite = q.time(8);
        e.resolved = q.time(9);
        e.closed = q.time(10);
    }
    if (!q.status().isOk())
        return q.status();
    return events;
}

Result<std::vector<Asset>> readAssets(SqliteStatement& q, const QString& path)
{
    std::vector<Asset> assets;
    while (q.next()) {
        Asset a;
        a.id = q.int64(0);
        const QString type = q.text(1);
        if (!fromString(type, a.type))
            return formatError(path, QStringLiteral("asset %1 has an unknown type '%2'").arg(a.id).arg(type));
        a.name = q.text(2);
        a.subtype = q.text(3);
        a.position = {q.real(4), q.real(5), q.real(6)};
        a.attributesJson = q.text(7);
        assets.push_back(std::move(a));
    }
    if (!q.status().isOk())
        return q.status();
    return assets;
}

Result<std::vector<SensorReading>> readSensorReadings(SqliteStatement& q)
{
    std::vector<SensorReading> readings;
    while (q.next())
        readings.push_back({q.int64(0), q.int64(1), q.real(2)});
    if (!q.status().isOk())
        return q.status();
    return readings;
}

} // namespace citytwin::data::rows
