#include "gis/TilesetVolumes.h"

#include "gis/ThreadCrsCache.h"

#include <QJsonArray>
#include <cmath>
#include <numbers>
#include <vector>

namespace citytwin::gis::tiles {

using data::ProjectedPoint;
using data::Result;
using data::Status;

namespace {

constexpr double kPi = std::numbers::pi;

Status volumeError(const QString& problem)
{
    return Status::error(Status::Code::FormatError, problem);
}

//! The volume's numbers: exactly COUNT finite ones, else an error naming KIND.
Result<std::vector<double>> numbers(const QJsonValue& value, int count, const char* kind)
{
    const QJsonArray array = value.toArray();
    if (array.size() != count)
        return volumeError(QStringLiteral("bounding volume %1 needs %2 numbers, has %3")
                               .arg(QLatin1String(kind))
                               .arg(count)
                               .arg(array.size()));
    std::vector<double> out;
    for (const QJsonValue& v : array) {
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return volumeError(QStringLiteral("bounding volume %1 holds a value that is not a finite number")
                                   .arg(QLatin1String(kind)));
        out.push_back(v.toDouble());
    }
    return out;
}

double distance(const ProjectedPoint& a, const ProjectedPoint& b)
{
    return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) + (a.z - b.z) * (a.z - b.z));
}

//! Projects POINTS (the centre first) and returns the sphere around the centre reaching all.
Result<ProjectedSphere> sphereThrough(std::vector<ProjectedPoint> points, const CrsTransformer& transformer,
                                      double minRadius, const char* kind)
{
    if (Status s = transformer.forwardInPlace(points); !s)
        return volumeError(QStringLiteral("bounding volume %1 cannot be brought into the project CRS: %2")
                               .arg(QLatin1String(kind), s.message()));
    ProjectedSphere sphere{points.front(), minRadius};
    for (const ProjectedPoint& p : points)
        sphere.radius = std::max(sphere.radius, distance(sphere.centre, p));
    if (!std::isfinite(sphere.radius) || sphere.radius > kMaxRadius)
        return volumeError(
            QStringLiteral("bounding volume %1 has a radius of %2 km (more than %3 km is absurd)")
                .arg(QLatin1String(kind))
                .arg(sphere.radius / 1000.0, 0, 'g', 4)
                .arg(kMaxRadius / 1000.0));
    return sphere;
}

Result<ProjectedSphere> boxSphere(const std::vector<double>& b, const Matrix4d& transform,
                                  const CrsTransformer& t)
{
    // The centre, then the 26 corners, edge midpoints and face centres, all in the tile frame.
    std::vector<ProjectedPoint> points;
    for (int i = -1; i <= 1; ++i)
        for (int j = -1; j <= 1; ++j)
            for (int k = -1; k <= 1; ++k) {
                double x = b[0] + i * b[3] + j * b[6] + k * b[9];
                double y = b[1] + i * b[4] + j * b[7] + k * b[10];
                double z = b[2] + i * b[5] + j * b[8] + k * b[11];
                transformPoint(transform, x, y, z);
                const ProjectedPoint p{x, y, z};
                if (i == 0 && j == 0 && k == 0)
                    points.insert(points.begin(), p);
                else
                    points.push_back(p);
            }
    // Checked in ECEF first: PROJ would fail on the absurd ones with a less useful message.
    for (const ProjectedPoint& p : points)
        if (distance(points.front(), p) > kMaxRadius)
            return volumeError(QStringLiteral("bounding volume box has a half-diagonal over %1 km (absurd)")
                                   .arg(kMaxRadius / 1000.0));
    return sphereThrough(std::move(points), t, 0.0, "box");
}

Result<ProjectedSphere> sphereSphere(const std::vector<double>& s, const Matrix4d& transform,
                                     const CrsTransformer& t)
{
    if (s[3] < 0.0)
        return volumeError(QStringLiteral("bounding volume sphere has a negative radius %1").arg(s[3]));
    double x = s[0], y = s[1], z = s[2];
    transformPoint(transform, x, y, z);
    // A scaled transform scales the radius by its largest axis.
    double scale = 0.0;
    for (int c = 0; c < 3; ++c)
        scale = std::max(scale, std::sqrt(transform[c * 4] * transform[c * 4] +
                                          transform[c * 4 + 1] * transform[c * 4 + 1] +
                                          transform[c * 4 + 2] * transform[c * 4 + 2]));
    const double r = s[3] * scale;
    if (r > kMaxRadius)
        return volumeError(
            QStringLiteral("bounding volume sphere has a radius of %1 km (more than %2 km is absurd)")
                .arg(r / 1000.0, 0, 'g', 4)
                .arg(kMaxRadius / 1000.0));
    std::vector<ProjectedPoint> points{{x, y, z},     {x + r, y, z}, {x - r, y, z}, {x, y + r, z},
                                       {x, y - r, z}, {x, y, z + r}, {x, y, z - r}};
    return sphereThrough(std::move(points), t, r, "sphere");
}

Result<ProjectedSphere> regionSphere(const std::vector<double>& r, const CrsTransformer& t)
{
    const double west = r[0], south = r[1], north = r[3], minH = r[4], maxH = r[5];
    double east = r[2];
    constexpr double eps = 1e-9;
    if (std::abs(west) > kPi + eps || std::abs(east) > kPi + eps || std::abs(south) > kPi / 2 + eps ||
        std::abs(north) > kPi / 2 + eps)
        return volumeError(
            QStringLiteral("bounding volume region [%1, %2, %3, %4] lies outside ±π / ±π/2 radians")
                .arg(west)
                .arg(south)
                .arg(east)
                .arg(north));
    if (south > north || minH > maxH)
        return volumeError(
            QStringLiteral("bounding volume region has south > north or minimum height > maximum"));
    if (east < west) // crosses the antimeridian
        east += 2.0 * kPi;
    constexpr double toDeg = 180.0 / kPi;
    auto lonAt = [&](double f) {
        double lon = (west + f * (east - west)) * toDeg;
        return lon > 180.0 ? lon - 360.0 : lon;
    };
    auto latAt = [&](double f) { return (south + f * (north - south)) * toDeg; };
    std::vector<ProjectedPoint> points{{lonAt(0.5), latAt(0.5), 0.5 * (minH + maxH)}};
    // A 5 x 5 grid of the top and bottom faces: corners, edge points and the inside, so the
    // sphere also covers the bulge of the ellipsoid between the corners.
    for (int i = 0; i <= 4; ++i)
        for (int j = 0; j <= 4; ++j)
            for (const double h : {minH, maxH})
                points.push_back({lonAt(i / 4.0), latAt(j / 4.0), h});
    return sphereThrough(std::move(points), t, 0.0, "region");
}

} // namespace

Result<VolumeTransformers> createVolumeTransformers(const QString& projectCrs)
{
    auto ecef = threadCrsTransformer(QStringLiteral("EPSG:4978"), projectCrs);
    if (!ecef)
        return ecef.status();
    auto geographic = threadCrsTransformer(QStringLiteral("EPSG:4979"), projectCrs);
    if (!geographic)
        return geographic.status();
    return VolumeTransformers{*ecef, *geographic};
}

Result<ProjectedSphere> projectedSphere(const QJsonObject& volume, const Matrix4d& transform,
                                        const VolumeTransformers& transformers)
{
    if (volume.contains(QLatin1String("box"))) {
        auto box = numbers(volume.value(QLatin1String("box")), 12, "box");
        if (!box)
            return box.status();
        return boxSphere(*box, transform, *transformers.fromEcef);
    }
    if (volume.contains(QLatin1String("region"))) {
        auto region = numbers(volume.value(QLatin1String("region")), 6, "region");
        if (!region)
            return region.status();
        return regionSphere(*region, *transformers.fromGeographic);
    }
    if (volume.contains(QLatin1String("sphere"))) {
        auto sphere = numbers(volume.value(QLatin1String("sphere")), 4, "sphere");
        if (!sphere)
            return sphere.status();
        return sphereSphere(*sphere, transform, *transformers.fromEcef);
    }
    return volumeError(QStringLiteral("no bounding volume (box, region or sphere)"));
}

} // namespace citytwin::gis::tiles
