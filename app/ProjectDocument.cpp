#include "app/ProjectDocument.h"

#include "app/ProjectSession.h"
#include "gis/CrsTransformer.h"

#include <QDate>
#include <QDateTime>
#include <QFileInfo>
#include <QTimeZone>
#include <cmath>

namespace citytwin::app {

namespace {
// The demo city's centre (ARCHITECTURE.md): Pinghu, Zhejiang, in CGCS2000 lon/lat.
constexpr double kPinghuLon = 121.0;
constexpr double kPinghuLat = 30.7;
const char* const kDefaultCrs = "EPSG:4549";
const char* const kDefaultZone = "Asia/Shanghai";
} // namespace

ProjectDocument::ProjectDocument(QObject* parent) : QObject(parent) {}

ProjectDocument::~ProjectDocument() = default;

bool ProjectDocument::isModified() const
{
    return m_session && m_session->isModified();
}

QString ProjectDocument::displayName() const
{
    if (!m_session)
        return {};
    const QString name = m_session->project().name.trimmed();
    return name.isEmpty() ? QFileInfo(m_session->path()).completeBaseName() : name;
}

data::Status ProjectDocument::open(const QString& path)
{
    auto session = ProjectSession::open(path);
    if (!session)
        return session.status();
    if (m_setup)
        m_setup(*session.value());
    adopt(std::move(session.value()));
    m_session->startLoading();
    return data::Status::ok();
}

data::Result<data::Project> ProjectDocument::emptyProject(const QString& path)
{
    auto toProjected = gis::CrsTransformer::create(QStringLiteral("EPSG:4490"), QLatin1String(kDefaultCrs));
    if (!toProjected)
        return toProjected.status();
    auto origin = toProjected->forward({kPinghuLon, kPinghuLat, 0.0});
    if (!origin)
        return origin.status();

    data::Project project;
    project.name = QFileInfo(path).completeBaseName();
    project.crs = QLatin1String(kDefaultCrs);
    project.timeZone = QLatin1String(kDefaultZone);
    // Round the origin to whole metres: it is typed into other tools and must read cleanly.
    project.origin = {std::round(origin->x), std::round(origin->y), 0.0};
    const QTimeZone zone(kDefaultZone);
    const QDateTime midnight(QDateTime::currentDateTimeUtc().toTimeZone(zone).date(), QTime(0, 0), zone);
    project.timeExtent = {midnight.toMSecsSinceEpoch(), midnight.toMSecsSinceEpoch() + data::kDayMs};
    project.initialTime = project.timeExtent.start;
    return project;
}

data::Status ProjectDocument::createEmpty(const QString& path)
{
    auto project = emptyProject(path);
    if (!project)
        return project.status();
    return create(path, *project);
}

data::Status ProjectDocument::create(const QString& path, const data::Project& project)
{
    auto session = ProjectSession::create(path, project);
    if (!session)
        return session.status();
    if (m_setup)
        m_setup(*session.value());
    adopt(std::move(session.value()));
    m_session->startLoading();
    return data::Status::ok();
}

data::Status ProjectDocument::save()
{
    if (!m_session)
        return data::Status::error(data::Status::Code::InvalidArgument, tr("no project is open"));
    return m_session->save();
}

data::Status ProjectDocument::saveAs(const QString& path)
{
    if (!m_session)
        return data::Status::error(data::Status::Code::InvalidArgument, tr("no project is open"));
    data::Status status = m_session->saveAs(path);
    if (status)
        emit pathChanged(m_session->path());
    return status;
}

void ProjectDocument::close()
{
    if (m_session)
        adopt(nullptr);
}

void ProjectDocument::adopt(std::unique_ptr<ProjectSession> session)
{
    // Views hold raw pointers into the old session: tell them first, then let it go.
    std::unique_ptr<ProjectSession> old = std::move(m_session);
    if (old)
        old->cancelLoading();
    emit sessionChanged(nullptr);
    old.reset();
    m_session = std::move(session);
    if (m_session) {
        emit sessionChanged(m_session.get());
        emit pathChanged(m_session->path());
    }
}

} // namespace citytwin::app
