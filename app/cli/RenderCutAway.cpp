#include "app/cli/RenderCutAway.h"

#include "app/ProjectSession.h"
#include "data/Rasters.h"
#include "gis/LocalFrame.h"
#include "scene/CityScene.h"
#include "scene/ExcavationPitBuilder.h"

#include <QRegularExpression>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <limits>

namespace citytwin::app::cli {

namespace {

std::optional<double> number(const QString& text)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    return ok && std::isfinite(v) ? std::optional(v) : std::nullopt;
}

} // namespace

std::optional<scene::ClipBox> parseClipBox(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 6)
        return std::nullopt;
    double v[6];
    for (int i = 0; i < 6; ++i) {
        const std::optional<double> n = number(parts[i]);
        if (!n)
            return std::nullopt;
        v[i] = *n;
    }
    scene::ClipBox box{{std::min(v[0], v[3]), std::min(v[1], v[4]), std::min(v[2], v[5])},
                       {std::max(v[0], v[3]), std::max(v[1], v[4]), std::max(v[2], v[5])}};
    return box.isValid() ? std::optional(box) : std::nullopt;
}

std::optional<std::vector<osg::Vec2d>> parsePitRing(const QString& text)
{
    static const QRegularExpression kSpaces(QStringLiteral("\\s+"));
    const QStringList points = text.trimmed().split(kSpaces, Qt::SkipEmptyParts);
    if (points.size() < 3 || points.size() > scene::kMaxPitVertices)
        return std::nullopt;
    std::vector<osg::Vec2d> ring;
    for (const QString& p : points) {
        const QStringList xy = p.split(QLatin1Char(','));
        if (xy.size() != 2)
            return std::nullopt;
        const std::optional<double> x = number(xy[0]);
        const std::optional<double> y = number(xy[1]);
        if (!x || !y)
            return std::nullopt;
        ring.emplace_back(*x, *y);
    }
    return ring;
}

data::Status applyCutAway(ProjectSession& session, const CutAwayRequest& request, bool lonLat, scene::CutAway& cut)
{
    if (!request.box && request.pitRing.empty())
        return data::Status::ok();
    const data::Project& project = session.project();
    std::optional<gis::LocalFrame> frame;
    if (lonLat) {
        auto created = gis::LocalFrame::create(project);
        if (!created)
            return created.status();
        frame = std::move(*created);
    }
    // x/y as typed → local frame.
    auto toLocal = [&](double x, double y, double z) -> data::Result<osg::Vec3d> {
        if (!frame)
            return osg::Vec3d(x, y, z);
        auto local = frame->fromGeographic({x, y, z});
        if (!local)
            return local.status();
        return osg::Vec3d(local->x, local->y, local->z);
    };
    if (request.box) {
        auto a = toLocal(request.box->min.x(), request.box->min.y(), request.box->min.z());
        auto b = toLocal(request.box->max.x(), request.box->max.y(), request.box->max.z());
        if (!a)
            return a.status();
        if (!b)
            return b.status();
        // Heights stay as typed: only x/y change frames.
        cut.setClipBox(scene::ClipBox{{std::min(a->x(), b->x()), std::min(a->y(), b->y()), request.box->min.z()},
                                      {std::max(a->x(), b->x()), std::max(a->y(), b->y()), request.box->max.z()}});
    }
    if (!request.pitRing.empty()) {
        const data::ElevationGrid* dem = session.terrain();
        const scene::SurfaceHeight surface = [dem, &project](double x, double y) {
            const std::optional<double> h =
                dem ? dem->heightAt(x + project.origin.x, y + project.origin.y) : std::nullopt;
            return h ? *h - project.origin.z : 0.0;
        };
        scene::ExcavationPit pit;
        double lowest = std::numeric_limits<double>::infinity();
        for (const osg::Vec2d& v : request.pitRing) {
            auto p = toLocal(v.x(), v.y(), 0.0);
            if (!p)
                return p.status();
            pit.ring.emplace_back(p->x(), p->y());
            lowest = std::min(lowest, surface(p->x(), p->y()));
        }
        pit.bottomZ = lowest - request.pitDepthM;
        cut.setPit(pit);
        session.scene().analysisGroup()->addChild(scene::buildExcavationPit(pit, surface));
    }
    cut.attach(*session.scene().root()->getOrCreateStateSet());
    return data::Status::ok();
}

} // namespace citytwin::app::cli
