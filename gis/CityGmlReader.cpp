#include "gis/CityGmlReader.h"

#include "gis/CityGmlConverter.h"
#include "gis/CityGmlCrs.h"
#include "gis/CityGmlLoad.h"
#include "gis/CrsTransformer.h"
#include "gis/GisLog.h"
#include "gis/ModelPlacementFrame.h"

#include <QFileInfo>
#include <citygml/citymodel.h>
#include <citygml/cityobject.h>
#include <citygml/envelope.h>
#include <citygml/geometry.h>
#include <cmath>

namespace citytwin::gis {

using data::Model;
using data::ProjectedPoint;
using data::Result;
using data::Status;

namespace {

constexpr double kParseShare = 0.8; // of the progress: parsing dominates the time
// Project coordinates beyond this are a CRS that does not fit the numbers (Gauss–Krüger far
// outside its zone gives finite nonsense), not a city.
constexpr double kMaxProjectedM = 1.0e8;

std::string geometrySrs(const citygml::Geometry& g)
{
    if (!g.getSRSName().empty())
        return g.getSRSName();
    for (unsigned i = 0; i < g.getGeometriesCount(); ++i)
        if (std::string s = geometrySrs(g.getGeometry(i)); !s.empty())
            return s;
    return {};
}

std::string objectSrs(const citygml::CityObject& o)
{
    if (!o.getEnvelope().srsName().empty())
        return o.getEnvelope().srsName();
    for (unsigned i = 0; i < o.getGeometriesCount(); ++i)
        if (std::string s = geometrySrs(o.getGeometry(i)); !s.empty())
            return s;
    for (unsigned i = 0; i < o.getChildCityObjectsCount(); ++i)
        if (std::string s = objectSrs(o.getChildCityObject(i)); !s.empty())
            return s;
    return {};
}

//! The srsName the file declares: the CityModel's envelope, else the first object or geometry
//! that names one (libcitygml keeps srsName per envelope and per geometry).
QString declaredSrs(const citygml::CityModel& model)
{
    if (!model.getEnvelope().srsName().empty())
        return QString::fromStdString(model.getEnvelope().srsName());
    for (unsigned i = 0; i < model.getNumRootCityObjects(); ++i)
        if (std::string s = objectSrs(model.getRootCityObject(int(i))); !s.empty())
            return QString::fromStdString(s);
    return {};
}

bool plausible(const std::vector<ProjectedPoint>& points)
{
    for (const ProjectedPoint& p : points)
        if (!(std::abs(p.x) < kMaxProjectedM && std::abs(p.y) < kMaxProjectedM && std::isfinite(p.z)))
            return false;
    return true;
}

//! The source CRS for the CRS path: the parsed srsName, else the caller's assumption.
Result<QString> sourceCrsOf(const QString& srsName, const ModelReadOptions& options, const QString& path,
                            QStringList& warnings)
{
    if (!srsName.isEmpty()) {
        if (const auto crs = cityGmlSrsToCrs(srsName))
            return *crs;
        if (options.assumedSourceCrs.isEmpty())
            return Status::error(
                Status::Code::Unsupported,
                QStringLiteral("%1: unknown srsName \"%2\" (give the source CRS, e.g. EPSG:25832, "
                               "or a placement)")
                    .arg(path, srsName));
        warnings << QStringLiteral("unknown srsName \"%1\": using %2").arg(srsName, options.assumedSourceCrs);
        return options.assumedSourceCrs;
    }
    if (!options.assumedSourceCrs.isEmpty())
        return options.assumedSourceCrs;
    return Status::error(
        Status::Code::InvalidArgument,
        QStringLiteral("%1: no srsName: local coordinates need a placement (lon, lat) or a source CRS")
            .arg(path));
}

} // namespace

Result<Model> readCityGml(const QString& path, const ModelReadOptions& options)
{
    auto report = [&options](double f) {
        if (options.progress)
            options.progress(f);
    };
    auto parsed = loadCityGml(path, options.cancel, [&report](double f) { report(kParseShare * f); });
    if (!parsed)
        return parsed.status();
    const citygml::CityModel& city = *parsed.value().model;

    Model model;
    model.name = QFileInfo(path).fileName();
    QStringList notes;
    CityGmlTransform transform;
    std::optional<ModelPlacementFrame> frame;
    std::optional<CrsTransformer> crs;
    QString sourceCrs;
    if (options.placement) {
        auto created = ModelPlacementFrame::create(*options.placement, options.projectCrs);
        if (!created)
            return created.status().withContext(path);
        frame.emplace(std::move(created).value());
        model.sourceCrs = frame->description();
        transform = [&frame](std::vector<ProjectedPoint>& points) {
            for (ProjectedPoint& p : points)
                p = frame->toProjected(p.x, p.y, p.z);
            if (!plausible(points))
                return Status::error(Status::Code::InvalidArgument,
                                     QStringLiteral("coordinates are not finite or not local metres"));
            return Status::ok();
        };
    } else {
        auto source = sourceCrsOf(declaredSrs(city), options, path, notes);
        if (!source)
            return source.status();
        sourceCrs = source.value();
        auto created = CrsTransformer::create(sourceCrs, options.projectCrs);
        if (!created)
            return Status::error(Status::Code::Unsupported,
                                 QStringLiteral("%1: cannot use CRS %2 (%3)")
                                     .arg(path, sourceCrs, created.status().message()));
        crs.emplace(std::move(created).value());
        model.sourceCrs = sourceCrs;
        transform = [&crs, &sourceCrs](std::vector<ProjectedPoint>& points) {
            if (Status s = crs->forwardInPlace(points); !s)
                return s;
            if (!plausible(points))
                return Status::error(Status::Code::InvalidArgument,
                                     QStringLiteral("coordinates far outside the area of %1").arg(sourceCrs));
            return Status::ok();
        };
    }

    CityGmlConverter converter(transform, options.cancel,
                               [&report](double f) { report(kParseShare + (1.0 - kParseShare) * f); });
    if (Status s = converter.convert(city, model); !s)
        return s.withContext(path);
    model.warnings = notes + parsed.value().warnings + model.warnings;

    if (model.meshes.empty()) {
        if (converter.transformFailures() > 0)
            return Status::error(
                Status::Code::InvalidArgument,
                QStringLiteral("%1: the coordinates do not fit the CRS %2 (city objects that could not be "
                               "transformed: %3; the first: %4)")
                    .arg(path, sourceCrs)
                    .arg(converter.transformFailures())
                    .arg(converter.firstTransformError()));
        if (converter.lod0Only() > 0)
            return Status::error(
                Status::Code::Unsupported,
                QStringLiteral("%1: no buildings with 3D geometry (%2 only have LOD0 footprints)")
                    .arg(path)
                    .arg(converter.lod0Only()));
        return Status::error(
            Status::Code::FormatError,
            QStringLiteral("%1: no buildings (no city object with polygon geometry)").arg(path));
    }
    model.computeBounds();
    qCDebug(lcGis, "%s: %zu features, %zu meshes, %zu triangles, %d skipped, from %s", qUtf8Printable(path),
            model.features.size(), model.meshes.size(), model.triangleCount(), model.skippedElements,
            qUtf8Printable(model.sourceCrs));
    report(1.0);
    return model;
}

} // namespace citytwin::gis
