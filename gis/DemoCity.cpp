#include "gis/DemoCity.h"

#include "data/ProjectStore.h"
#include "gis/CrsTransformer.h"
#include "gis/DemoAssets.h"
#include "gis/DemoBuildings.h"
#include "gis/DemoEvents.h"
#include "gis/DemoImagery.h"
#include "gis/DemoLayout.h"
#include "gis/DemoPeople.h"
#include "gis/DemoPipes.h"
#include "gis/DemoUnderground.h"
#include "gis/DemoProject.h"
#include "gis/DemoSensors.h"
#include "gis/DemoTerrain.h"
#include "gis/GdalEnvironment.h"
#include "gis/GisLog.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <future>

namespace citytwin::gis {

using data::Result;
using data::Status;
using data::TimeMs;

namespace {

//! Pinghu's centre in CGCS2000 (EPSG:4490).
constexpr double kCentreLon = 121.0;
constexpr double kCentreLat = 30.7;
//! The last event day ends here (local midnight): fixed, so the demo does not depend on today.
const QDate kEndDate(2026, 11, 27);
//! People are tracked in chunks so progress moves and a cancel is prompt.
constexpr int kTrackChunkPeople = 50;

//! Runs the steps, reports progress, and removes what it wrote if it fails or is cancelled.
class DemoCityBuilder
{
public:
    DemoCityBuilder(const QString& dir, const DemoCityOptions& options,
                    const std::function<bool(double, const QString&)>& progress)
        : m_dir(dir), m_options(options), m_progress(progress)
    {
    }

    ~DemoCityBuilder()
    {
        if (!m_done)
            for (const QString& f : m_written)
                QFile::remove(f);
    }

    Result<QString> run();

private:
    struct JoinImagery
    {
        DemoCityBuilder* builder;
        ~JoinImagery()
        {
            builder->m_stop = true;
            if (builder->m_imagery.valid())
                builder->m_imagery.wait();
        }
    };

    QString file(const char* name) const { return QDir(m_dir).filePath(QString::fromLatin1(name)); }
    //! Reports FRACTION; false when the caller cancelled.
    bool report(double fraction, const QString& step)
    {
        if (step != m_step) {
            if (!m_step.isEmpty())
                qCInfo(lcGis, "demo city: %s took %lld ms", qUtf8Printable(m_step), m_stepTimer.restart());
            else
                m_stepTimer.start();
            m_step = step;
        }
        return !m_progress || m_progress(std::clamp(fraction, 0.0, 1.0), step);
    }
    Status cancelled() const
    {
        return Status::error(
            Status::Code::Cancelled,
            QStringLiteral("%1: demo city generation cancelled").arg(QDir::toNativeSeparators(m_dir)));
    }
    Status writeOverlays(data::ProjectStore& store, const demo::DemoLayout& layout,
                         const demo::DemoTerrain& terrain, const std::vector<demo::DemoBuilding>& buildings,
                         const std::vector<demo::DemoPipe>& pipes, const data::ProjectedPoint& origin,
                         const data::TimeRange& period);

    QString m_dir;
    DemoCityOptions m_options;
    std::function<bool(double, const QString&)> m_progress;
    QStringList m_written;
    bool m_done = false;
    QString m_step;
    QElapsedTimer m_stepTimer;
    std::atomic<bool> m_stop{false};
    //! imagery.tif is painted on a worker while the main thread writes vectors and the store:
    //! the two biggest steps overlap on a two-core machine.
    std::future<Status> m_imagery;
};

Result<QString> DemoCityBuilder::run()
{
    const DemoCityOptions& o = m_options;
    if (o.sizeM < 500.0 || o.sizeM > 20000.0 || o.buildings < 0 || o.people < 0 || o.events < 0 ||
        o.eventDays < 1 || o.pipeKm < 0.0 || o.trackIntervalS < 1)
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("demo city options out of range (size 500..20000 m, counts >= 0, "
                                            "event days >= 1, track interval >= 1 s)"));
    const QString projectPath = file(kDemoProjectFileName);
    if (QFileInfo::exists(projectPath))
        return Status::error(
            Status::Code::InvalidArgument,
            QStringLiteral("%1: a project file already exists; the demo city never overwrites one "
                           "(choose an empty folder or delete it first)")
                .arg(QDir::toNativeSeparators(projectPath)));
    if (!QDir().mkpath(m_dir))
        return Status::error(
            Status::Code::IoError,
            QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(m_dir)));
    ensureGdalRegistered();
    QElapsedTimer total;
    total.start();

    if (!report(0.0, QStringLiteral("Planning the city")))
        return cancelled();
    const auto originResult = demoCityOrigin();
    if (!originResult)
        return originResult.status().withContext(QStringLiteral("demo city origin"));
    const data::ProjectedPoint org = *originResult;
    demo::DemoLayout layout(o.seed, o.sizeM);
    const std::vector<demo::DemoBuilding> buildings = demo::generateBuildings(layout, o.seed, o.buildings);

    if (!report(0.04, QStringLiteral("Terrain (dem.tif)")))
        return cancelled();
    const demo::DemoTerrain terrain(layout, o.seed);
    m_written << file("dem.tif");
    if (Status s = terrain.write(file("dem.tif"), org); !s)
        return s;

    m_written << file("imagery.tif");
    // Declared after the locals the worker reads, so every return joins it before they go.
    const JoinImagery join{this};
    m_imagery = std::async(std::launch::async, [this, &layout, &buildings, org] {
        QElapsedTimer timer;
        timer.start();
        const demo::DemoImagery imagery(layout, buildings, m_options.seed, 2.0, &m_stop);
        Status s = imagery.write(file("imagery.tif"), org);
        qCInfo(lcGis, "demo city: imagery (worker) took %lld ms", timer.elapsed());
        return s;
    });

    if (!report(0.08, QStringLiteral("Buildings (buildings.gpkg)")))
        return cancelled();
    m_written << file("buildings.gpkg");
    if (Status s = demo::writeBuildings(file("buildings.gpkg"), buildings, org,
                                        [this] { return !report(0.12, m_step); });
        !s)
        return s;

    if (!report(0.16, QStringLiteral("Pipes (pipes.gpkg)")))
        return cancelled();
    const std::vector<demo::DemoPipe> pipes = demo::generatePipes(layout, o.seed, o.pipeKm);
    m_written << file("pipes.gpkg");
    if (Status s = demo::writePipes(file("pipes.gpkg"), pipes, layout, terrain, org); !s)
        return s;
    m_written << file("manholes.gpkg") << file("underground_spaces.gpkg");
    if (Status s = demo::writeFacilities(file("manholes.gpkg"), demo::generateFacilities(pipes), org); !s)
        return s;
    if (Status s = demo::writeUndergroundSpaces(file("underground_spaces.gpkg"), layout, org); !s)
        return s;

    // The store is built under a temporary name and renamed last, so a project file only
    // exists once it is complete.
    const QDateTime end(kEndDate, QTime(0, 0), QTimeZone("Asia/Shanghai"));
    const TimeMs endMs = end.toMSecsSinceEpoch();
    const data::TimeRange period{endMs - o.eventDays * data::kDayMs, endMs};
    const TimeMs initialTime = endMs - 12 * data::kHourMs; // noon on the last day
    const data::Project project = demo::makeDemoProject(org, o.sizeM, period, initialTime, buildings);
    const QString partial = projectPath + QStringLiteral(".partial");
    for (const QString& f : {partial, partial + QStringLiteral("-wal"), partial + QStringLiteral("-shm")}) {
        QFile::remove(f);
        m_written << f;
    }
    {
        auto store = data::ProjectStore::create(partial, project);
        if (!store)
            return store.status();
        if (Status s = writeOverlays(**store, layout, terrain, buildings, pipes, org, period); !s)
            return s;
    }
    if (!report(0.98, QStringLiteral("Imagery (imagery.tif)")))
        return cancelled();
    if (Status s = m_imagery.get(); !s)
        return s;
    if (!QFile::rename(partial, projectPath))
        return Status::error(Status::Code::IoError,
                             QStringLiteral("%1: cannot rename the finished project into place")
                                 .arg(QDir::toNativeSeparators(projectPath)));
    report(1.0, QStringLiteral("Done"));
    qCInfo(lcGis, "demo city: %d buildings, %d people, %d events written to %s in %lld ms",
           int(buildings.size()), o.people, o.events, qUtf8Printable(m_dir), total.elapsed());
    m_done = true;
    return projectPath;
}

Status DemoCityBuilder::writeOverlays(data::ProjectStore& store, const demo::DemoLayout& layout,
                                      const demo::DemoTerrain& terrain,
                                      const std::vector<demo::DemoBuilding>& buildings,
                                      const std::vector<demo::DemoPipe>& pipes,
                                      const data::ProjectedPoint& origin, const data::TimeRange& period)
{
    const DemoCityOptions& o = m_options;
    if (!report(0.2, QStringLiteral("Field staff and GPS tracks")))
        return cancelled();
    const std::vector<demo::DemoStaff> staff = demo::generateStaff(layout, o.seed, o.people);
    std::vector<data::Person> people;
    people.reserve(staff.size());
    for (const demo::DemoStaff& s : staff)
        people.push_back(s.person);
    if (Status s = store.writePeople(people); !s)
        return s;
    // Events are generated on a worker while the tracks are written (std::async's future
    // waits in its destructor, so an early return cannot outlive what the worker reads).
    const demo::EventContext context{
        layout,
        terrain,
        buildings,
        staff,
        origin,
        period,
        QDateTime::fromMSecsSinceEpoch(period.start, QTimeZone("Asia/Shanghai")).date()};
    std::future<std::vector<data::Event>> eventsFuture = std::async(
        std::launch::async, [&context, &o] { return demo::generateEvents(context, o.seed, o.events); });
    const TimeMs trackDay = period.end - data::kDayMs;
    std::vector<data::TrackPoint> points;
    for (size_t first = 0; first < staff.size(); first += kTrackChunkPeople) {
        if (!report(0.2 + 0.4 * double(first) / double(staff.size()), m_step))
            return cancelled();
        points.clear();
        for (size_t i = first; i < std::min(staff.size(), first + kTrackChunkPeople); ++i)
            demo::generateTrack(layout, terrain, staff[i], trackDay, o.trackIntervalS, origin, points);
        if (Status s = store.writeTrackPoints(points); !s)
            return s;
    }

    if (!report(0.6, QStringLiteral("Events")))
        return cancelled();
    std::vector<data::Event> events = eventsFuture.get();
    // The demo day's storm: sensors over their limits in the late afternoon, and a flood reported
    // by the first of the gauges that alarm (issue 7: the demo shows a sensor alarm).
    const std::vector<data::Asset> assets = demo::generateAssets(layout, terrain, buildings, pipes, origin, o.seed);
    const data::TimeRange sensorDay{trackDay, trackDay + data::kDayMs};
    const demo::DemoStorm storm = demo::demoStorm(sensorDay.start);
    const data::TimeRange alarm{storm.start + 110 * data::kMinuteMs, storm.peak + 60 * data::kMinuteMs};
    for (std::int64_t id : demo::floodedGauges(assets, origin)) {
        const auto gauge = std::find_if(assets.begin(), assets.end(), [id](const data::Asset& a) { return a.id == id; });
        if (gauge != assets.end() && demo::placeStormFlood(events, *gauge, alarm, o.seed))
            break;
    }
    if (!report(0.7, m_step))
        return cancelled();
    if (Status s = store.writeEvents(
            events,
            [this](std::int64_t done, std::int64_t all) {
                return report(0.7 + 0.25 * double(done) / double(std::max<std::int64_t>(all, 1)), m_step);
            });
        !s)
        return s;

    if (!report(0.96, QStringLiteral("Assets and sensor readings")))
        return cancelled();
    if (Status s = store.writeAssets(assets); !s)
        return s;
    if (Status s = store.writeThresholds(demo::generateThresholds(assets)); !s)
        return s;
    return store.writeSensorReadings(demo::generateSensorReadings(assets, origin, sensorDay, o.seed));
}

} // namespace

Result<data::ProjectedPoint> demoCityOrigin()
{
    auto transformer = CrsTransformer::create(QStringLiteral("EPSG:4490"), QStringLiteral("EPSG:4549"));
    if (!transformer)
        return transformer.status();
    auto centre = transformer->forward({kCentreLon, kCentreLat, 0.0});
    if (!centre)
        return centre.status();
    // Whole metres keep the local frame's numbers tidy in every tool that shows them.
    return data::ProjectedPoint{std::round(centre->x), std::round(centre->y), 0.0};
}

Result<QString> makeDemoCity(const QString& dir, const DemoCityOptions& options,
                             const std::function<bool(double, const QString&)>& progress)
{
    DemoCityBuilder builder(dir, options, progress);
    return builder.run();
}

} // namespace citytwin::gis
