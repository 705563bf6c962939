#include "tests/bench/TimelineBenchData.h"

#include <QDateTime>
#include <QFile>
#include <QTimeZone>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace citytwin::bench {

namespace {

//! A small fast generator (splitmix64): the bench must not spend its time in std::random.
class Rng
{
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    //! Uniform in [0, 1).
    double unit() { return double(next() >> 11) * 0x1.0p-53; }
    double range(double lo, double hi) { return lo + (hi - lo) * unit(); }

private:
    std::uint64_t m_state;
};

data::TimeMs minutes(double m) { return data::TimeMs(m * double(data::kMinuteMs)); }

} // namespace

std::vector<data::Event> makeBenchEvents(const TimelineDay& day, std::int64_t count, std::uint64_t seed)
{
    static const std::array<const char*, 4> kCategories{"hotline_complaint", "illegal_parking", "flood", "fire"};
    Rng rng(seed);
    std::vector<data::Event> events(size_t(std::max<std::int64_t>(count, 0)));
    for (std::int64_t i = 0; i < count; ++i) {
        data::Event& e = events[size_t(i)];
        e.id = i + 1;
        e.category = QString::fromLatin1(kCategories[size_t(rng.next() % kCategories.size())]);
        e.severity = 1 + int(rng.next() % 4);
        e.source = QStringLiteral("hotline_12345");
        e.position = {day.origin.x + rng.range(-day.sizeM / 2, day.sizeM / 2),
                      day.origin.y + rng.range(-day.sizeM / 2, day.sizeM / 2), 0.0};
        e.reported = day.start + data::TimeMs(rng.unit() * double(day.lengthMs));
        e.dispatched = e.reported + minutes(rng.range(2, 20));
        e.onSite = e.dispatched + minutes(rng.range(5, 40));
        e.resolved = e.onSite + minutes(rng.range(30, 240));
        if (rng.next() % 10 != 0)
            e.closed = e.resolved + minutes(rng.range(10, 60));
    }
    return events;
}

void makeBenchPeople(const TimelineDay& day, int count, int sampleSeconds, std::vector<data::Person>& people,
                     std::vector<data::TrackPoint>& tracks, std::uint64_t seed)
{
    Rng rng(seed);
    const std::int64_t samples = day.lengthMs / (data::TimeMs(sampleSeconds) * data::kSecondMs);
    people.clear();
    tracks.clear();
    people.reserve(size_t(count));
    tracks.reserve(size_t(count) * size_t(samples));
    constexpr std::array<data::PersonRole, 4> kRoles{data::PersonRole::Enforcement, data::PersonRole::Coordinator,
                                                     data::PersonRole::Inspector, data::PersonRole::Sanitation};
    const double half = day.sizeM / 2;
    for (int p = 0; p < count; ++p) {
        data::Person person;
        person.id = p + 1;
        person.name = QStringLiteral("staff %1").arg(p + 1);
        person.role = kRoles[size_t(p) % kRoles.size()];
        people.push_back(person);
        // Walks along a street grid: straight runs, turning at random, 1.2–1.6 m/s.
        double x = rng.range(-half, half), y = rng.range(-half, half);
        double heading = double(rng.next() % 4) * M_PI / 2;
        const double speed = rng.range(1.2, 1.6);
        for (std::int64_t s = 0; s < samples; ++s) {
            if (rng.next() % 30 == 0)
                heading += (rng.next() % 2 ? 1 : -1) * M_PI / 2;
            x += std::cos(heading) * speed * sampleSeconds;
            y += std::sin(heading) * speed * sampleSeconds;
            if (std::abs(x) > half || std::abs(y) > half) { // turn back at the edge
                heading += M_PI;
                x = std::clamp(x, -half, half);
                y = std::clamp(y, -half, half);
            }
            tracks.push_back({person.id, day.start + s * sampleSeconds * data::kSecondMs,
                              {day.origin.x + x, day.origin.y + y, 0.0}});
        }
    }
}

std::int64_t writeBenchTrackCsv(const QString& path, std::int64_t rows, int people)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return -1;
    Rng rng(3);
    QByteArray chunk("person_id,time,lon,lat\n");
    const QDateTime start(QDate(2026, 11, 27), QTime(0, 0), QTimeZone::utc());
    const std::int64_t perPerson = std::max<std::int64_t>(1, rows / std::max(people, 1));
    char line[128];
    for (std::int64_t i = 0; i < rows; ++i) {
        const int person = int(i / perPerson) + 1;
        const std::int64_t s = (i % perPerson) * 10;
        const QDateTime t = start.addSecs(s);
        const QDate d = t.date();
        const QTime tm = t.time();
        const int n = std::snprintf(line, sizeof line, "%d,%04d-%02d-%02dT%02d:%02d:%02dZ,%.6f,%.6f\n", person,
                                    d.year(), d.month(), d.day(), tm.hour(), tm.minute(), tm.second(),
                                    121.0 + rng.range(-0.02, 0.02), 30.7 + rng.range(-0.02, 0.02));
        chunk.append(line, n);
        if (chunk.size() > (1 << 20)) {
            if (file.write(chunk) != chunk.size())
                return -1;
            chunk.clear();
        }
    }
    if (file.write(chunk) != chunk.size())
        return -1;
    file.close();
    return file.size();
}

} // namespace citytwin::bench
