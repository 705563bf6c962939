#include "gis/PipeReader.h"

#include "gis/GdalOpen.h"
#include "gis/GisLog.h"
#include "gis/OgrFeatureLoop.h"
#include "gis/OgrLayerAccess.h"
#include "gis/OgrLayerTransform.h"
#include "gis/PipeAttributes.h"

#include <cmath>
#include <limits>
#include <ogrsf_frmts.h>

namespace citytwin::gis {

using data::PipeLine;
using data::ProjectedPoint;
using data::Result;
using data::Status;

namespace {

constexpr int kMaxReasons = 50;

//! LINE's vertices without consecutive duplicates (z NaN for 2D lines); empty on a non-finite one.
std::vector<ProjectedPoint> distinctPoints(const OGRLineString& line, bool hasZ)
{
    std::vector<ProjectedPoint> out;
    out.reserve(std::size_t(line.getNumPoints()));
    for (int i = 0; i < line.getNumPoints(); ++i) {
        const ProjectedPoint p{line.getX(i), line.getY(i),
                               hasZ ? line.getZ(i) : std::numeric_limits<double>::quiet_NaN()};
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || (hasZ && !std::isfinite(p.z)))
            return {};
        if (!out.empty() && out.back().x == p.x && out.back().y == p.y)
            continue;
        out.push_back(p);
    }
    return out;
}

double length2d(const std::vector<ProjectedPoint>& points)
{
    double sum = 0.0;
    for (std::size_t i = 1; i < points.size(); ++i)
        sum += std::hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
    return sum;
}

class Reader
{
public:
    Reader(const data::PipeMapping& mapping, PipeFieldIndices fields, OGRCoordinateTransformation* ct)
        : m_mapping(mapping), m_fields(fields), m_ct(ct)
    {
    }

    void read(OGRFeature& feature, std::int64_t sequence)
    {
        ++m_result.report.featuresRead;
        FeatureGeometry source = linearGeometryOf(feature, sequence);
        const std::int64_t fid = source.fid;
        if (!source.skipReason.isEmpty())
            return skip(fid, source.skipReason);
        const OGRGeometry* raw = feature.GetGeometryRef();
        std::unique_ptr<OGRGeometry> geom = std::move(source.geom);
        const std::vector<const OGRLineString*> lines = geom ? geometryPartsAs<OGRLineString>(*geom, wkbLineString)
                                                            : std::vector<const OGRLineString*>{};
        if (lines.empty())
            return skip(fid,
                        QStringLiteral("not a line (%1)").arg(QString::fromUtf8(raw->getGeometryName())));
        const bool hasZ = geom->Is3D();

        PipeAttributes attributes;
        QString why;
        if (!readPipeAttributes(feature, m_fields, m_mapping, hasZ, attributes, why))
            return skip(fid, why);
        if (!transformFeatureGeometry(*geom, m_ct))
            return skip(fid, QStringLiteral("coordinate transformation failed"));

        // Ids number the source's parts, degenerate ones included, so a part keeps its id when
        // another part of the feature is fixed or broken.
        std::vector<std::pair<std::size_t, std::vector<ProjectedPoint>>> parts;
        double total = 0.0;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            std::vector<ProjectedPoint> points = distinctPoints(*lines[i], hasZ);
            if (points.size() < 2)
                continue;
            total += length2d(points);
            parts.emplace_back(i, std::move(points));
        }
        if (parts.empty())
            return skip(fid, QStringLiteral("fewer than 2 distinct points"));

        double along = 0.0;
        for (auto& [part, points] : parts) {
            PipeLine pipe = attributes.pipe;
            pipe.id = lines.size() > 1 ? fid * kFootprintPartIdFactor + std::int64_t(part) : fid;
            pipe.points = std::move(points);
            along = placeVertically(pipe, attributes, along, total);
            m_result.pipes.push_back(std::move(pipe));
        }
        m_result.report.pipes += int(parts.size());
    }

    PipeReadResult take() { return std::move(m_result); }

private:
    //! Sets PIPE's z (and counts defaults); ALONG is the 2D distance of its start from the feature's
    //! start, TOTAL the feature's length. Returns the distance at its end.
    double placeVertically(PipeLine& pipe, const PipeAttributes& attributes, double along, double total)
    {
        constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
        if (attributes.sizeDefaulted)
            ++m_result.report.sizesDefaulted;
        switch (attributes.depthSource) {
        case PipeDepthSource::Field:
            for (ProjectedPoint& p : pipe.points)
                p.z = kNaN;
            break;
        case PipeDepthSource::Elevations:
            for (std::size_t i = 0; i < pipe.points.size(); ++i) {
                if (i > 0)
                    along += std::hypot(pipe.points[i].x - pipe.points[i - 1].x,
                                        pipe.points[i].y - pipe.points[i - 1].y);
                const double t = total > 0 ? along / total : 0.0;
                pipe.points[i].z =
                    attributes.startCentreZ + (attributes.endCentreZ - attributes.startCentreZ) * t;
            }
            break;
        case PipeDepthSource::LineZ:
            break; // the line's own z: centre elevations
        case PipeDepthSource::Default:
            ++m_result.report.depthsDefaulted;
            for (ProjectedPoint& p : pipe.points)
                p.z = kNaN;
            break;
        }
        return attributes.depthSource == PipeDepthSource::Elevations ? along : along + length2d(pipe.points);
    }

    void skip(std::int64_t fid, const QString& why)
    {
        recordSkip(m_result.report.skipped, m_result.report.skipReasons, fid, why, kMaxReasons);
    }

    const data::PipeMapping& m_mapping;
    PipeFieldIndices m_fields;
    OGRCoordinateTransformation* m_ct;
    PipeReadResult m_result;
};

} // namespace

Result<PipeReadResult> readPipes(const QString& path, const QString& projectCrs,
                                 const data::PipeMapping& mapping, const QString& assumedSourceCrs)
{
    auto ds = openVectorDataset(path);
    if (!ds)
        return ds.status();
    auto layer = pickVectorLayer(**ds, {}, path);
    if (!layer)
        return layer.status();
    OGRLayer& l = **layer;
    auto fields = resolvePipeFields(*l.GetLayerDefn(), mapping, path);
    if (!fields)
        return fields.status();
    auto ct = layerToProjectTransform(l, projectCrs, assumedSourceCrs, path, QStringLiteral("pipes"));
    if (!ct)
        return ct.status();
    Reader reader(mapping, *fields, ct->get());

    if (const Status read = readEveryFeature(
            l, path, [&](OGRFeature& feature, std::int64_t sequence) { reader.read(feature, sequence); });
        !read)
        return read;
    PipeReadResult result = reader.take();
    qCDebug(lcGis, "%s: %d pipes from %d features, %d skipped", qUtf8Printable(path), result.report.pipes,
            result.report.featuresRead, result.report.skipped);
    return result;
}

} // namespace citytwin::gis
