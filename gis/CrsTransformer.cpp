#include "gis/CrsTransformer.h"

#include <QStringList>
#include <cmath>
#include <proj.h>

namespace citytwin::gis {

using data::ProjectedPoint;
using data::Result;
using data::Status;

struct CrsTransformer::Impl
{
    PJ_CONTEXT* ctx = nullptr;
    PJ* pj = nullptr;
    QStringList log; // PROJ's own error messages, for the Status text

    Impl() : ctx(proj_context_create())
    {
        proj_context_set_enable_network(ctx, 0);
        proj_log_func(ctx, this, &Impl::logMessage);
        proj_log_level(ctx, PJ_LOG_ERROR);
    }
    ~Impl()
    {
        if (pj)
            proj_destroy(pj);
        proj_context_destroy(ctx);
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    static void logMessage(void* self, int level, const char* message)
    {
        auto* impl = static_cast<Impl*>(self);
        if (level <= PJ_LOG_ERROR && impl->log.size() < 8)
            impl->log.append(QString::fromUtf8(message));
    }

    Status check(const QString& role, const QString& crs);
    Result<ProjectedPoint> transform(PJ_DIRECTION dir, const ProjectedPoint& p, const QString& from,
                                     const QString& to);

    QString lastError() const
    {
        if (!log.isEmpty())
            return log.join(QStringLiteral("; "));
        const int err = proj_context_errno(ctx);
        return err ? QString::fromUtf8(proj_context_errno_string(ctx, err))
                   : QStringLiteral("unknown PROJ error");
    }
};

namespace {

//! "+proj=utm +zone=54" on its own is a conversion, not a CRS; PROJ needs +type=crs to treat it as one.
QByteArray crsDefinition(const QString& crs)
{
    QString s = crs.trimmed();
    const bool projString = s.startsWith(QLatin1Char('+')) || s.startsWith(QLatin1String("proj="));
    if (projString && !s.contains(QLatin1String("type=crs")))
        s += QStringLiteral(" +type=crs");
    return s.toUtf8();
}

QString shortCrs(const QString& crs)
{
    const QString s = crs.simplified();
    return s.size() > 80 ? s.left(77) + QStringLiteral("...") : s;
}

bool finite(const PJ_COORD& c)
{
    return std::isfinite(c.xyz.x) && std::isfinite(c.xyz.y) && c.xyz.x != HUGE_VAL && c.xyz.y != HUGE_VAL;
}

} // namespace

//! Checks that CRS parses to a CRS, so the error can say which of the two is wrong.
Status CrsTransformer::Impl::check(const QString& role, const QString& crs)
{
    if (crs.trimmed().isEmpty())
        return Status::error(Status::Code::InvalidArgument, QStringLiteral("%1 CRS is empty").arg(role));
    log.clear();
    PJ* obj = proj_create(ctx, crsDefinition(crs).constData());
    if (!obj)
        return Status::error(Status::Code::Unsupported,
                             QStringLiteral("%1 CRS \"%2\" is not a CRS PROJ knows (%3)")
                                 .arg(role, shortCrs(crs), lastError()));
    const bool isCrs = proj_is_crs(obj);
    proj_destroy(obj);
    if (!isCrs)
        return Status::error(
            Status::Code::Unsupported,
            QStringLiteral("%1 CRS \"%2\" describes an operation, not a CRS").arg(role, shortCrs(crs)));
    return Status::ok();
}

Result<ProjectedPoint> CrsTransformer::Impl::transform(PJ_DIRECTION dir, const ProjectedPoint& p,
                                                       const QString& from, const QString& to)
{
    log.clear();
    proj_errno_reset(pj);
    const PJ_COORD out = proj_trans(pj, dir, proj_coord(p.x, p.y, p.z, 0.0));
    if (!finite(out))
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("cannot transform (%1, %2) from \"%3\" to \"%4\": %5")
                                 .arg(p.x, 0, 'f', 6)
                                 .arg(p.y, 0, 'f', 6)
                                 .arg(shortCrs(from), shortCrs(to), lastError()));
    return ProjectedPoint{out.xyz.x, out.xyz.y, out.xyz.z};
}

Result<CrsTransformer> CrsTransformer::create(const QString& sourceCrs, const QString& targetCrs)
{
    auto impl = std::make_unique<Impl>();
    if (Status s = impl->check(QStringLiteral("source"), sourceCrs); !s)
        return s;
    if (Status s = impl->check(QStringLiteral("target"), targetCrs); !s)
        return s;

    impl->log.clear();
    PJ* raw = proj_create_crs_to_crs(impl->ctx, crsDefinition(sourceCrs).constData(),
                                     crsDefinition(targetCrs).constData(), nullptr);
    if (!raw)
        return Status::error(Status::Code::Unsupported,
                             QStringLiteral("no transformation from \"%1\" to \"%2\" (%3)")
                                 .arg(shortCrs(sourceCrs), shortCrs(targetCrs), impl->lastError()));
    // Whatever axis order the CRS definitions declare (EPSG:4326 is lat/lon, EPSG:4549 is N/E),
    // callers always pass and get x = east/lon, y = north/lat.
    impl->pj = proj_normalize_for_visualization(impl->ctx, raw);
    proj_destroy(raw);
    if (!impl->pj)
        return Status::error(Status::Code::Unsupported,
                             QStringLiteral("cannot normalise the axis order of \"%1\" -> \"%2\" (%3)")
                                 .arg(shortCrs(sourceCrs), shortCrs(targetCrs), impl->lastError()));
    return CrsTransformer(sourceCrs, targetCrs, std::move(impl));
}

CrsTransformer::CrsTransformer(QString source, QString target, std::unique_ptr<Impl> impl)
    : m_source(std::move(source)), m_target(std::move(target)), m_impl(std::move(impl))
{
}

CrsTransformer::CrsTransformer(CrsTransformer&&) noexcept = default;
CrsTransformer& CrsTransformer::operator=(CrsTransformer&&) noexcept = default;
CrsTransformer::~CrsTransformer() = default;

Result<CrsTransformer> CrsTransformer::clone() const
{
    return create(m_source, m_target);
}

Result<ProjectedPoint> CrsTransformer::forward(const ProjectedPoint& p) const
{
    if (!m_impl)
        return Status::error(Status::Code::Internal, QStringLiteral("use of a moved-from CrsTransformer"));
    return m_impl->transform(PJ_FWD, p, m_source, m_target);
}

Result<ProjectedPoint> CrsTransformer::inverse(const ProjectedPoint& p) const
{
    if (!m_impl)
        return Status::error(Status::Code::Internal, QStringLiteral("use of a moved-from CrsTransformer"));
    return m_impl->transform(PJ_INV, p, m_target, m_source);
}

Status CrsTransformer::forwardInPlace(std::vector<ProjectedPoint>& points) const
{
    if (!m_impl)
        return Status::error(Status::Code::Internal, QStringLiteral("use of a moved-from CrsTransformer"));
    if (points.empty())
        return Status::ok();
    static_assert(sizeof(ProjectedPoint) == 3 * sizeof(double),
                  "strided proj_trans_generic needs packed points");
    m_impl->log.clear();
    proj_errno_reset(m_impl->pj);
    constexpr size_t stride = sizeof(ProjectedPoint);
    const size_t n = points.size();
    proj_trans_generic(m_impl->pj, PJ_FWD, &points[0].x, stride, n, &points[0].y, stride, n, &points[0].z,
                       stride, n, nullptr, 0, 0);
    for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(points[i].x) || !std::isfinite(points[i].y) || points[i].x == HUGE_VAL)
            return Status::error(Status::Code::InvalidArgument,
                                 QStringLiteral("cannot transform point %1 of %2 from \"%3\" to \"%4\": %5")
                                     .arg(i)
                                     .arg(n)
                                     .arg(shortCrs(m_source), shortCrs(m_target), m_impl->lastError()));
    }
    return Status::ok();
}

} // namespace citytwin::gis
