// readUndergroundSpaces() and hasUndergroundSpaceFields() (gis/UndergroundReader.h): OGR polygons
// as utility tunnels, underground parking and shelters.
#include "gis/GdalOpen.h"
#include "gis/GisLog.h"
#include "gis/OgrFeatureLoop.h"
#include "gis/OgrLayerAccess.h"
#include "gis/OgrLayerTransform.h"
#include "gis/UndergroundFields.h"
#include "gis/UndergroundReader.h"

#include <cmath>
#include <ogrsf_frmts.h>

namespace citytwin::gis {

using data::ProjectedPoint;
using data::Result;
using data::Status;
using data::UndergroundSpace;

namespace {

constexpr int kMaxReasons = 50;
constexpr double kMaxDepthM = 100.0;

struct SpaceFields
{
    int kind = -1;
    int topDepth = -1;
    int height = -1;
    int bottomDepth = -1;
    int name = -1;
};

// Names only spaces carry; shared by the reader and hasUndergroundSpaceFields().
#define CITYTWIN_TOP_DEPTH_NAMES "top_depth", "roof_depth", "cover_depth", "顶板埋深", "覆土深度", "顶埋深"
#define CITYTWIN_BOTTOM_DEPTH_NAMES "bottom_depth", "floor_depth", "底板埋深", "底埋深"
#define CITYTWIN_HEIGHT_NAMES "clear_height", "净高"

SpaceFields guessFields(OGRFeatureDefn& defn)
{
    SpaceFields f;
    f.kind = findField(defn, {"kind", "space_type", "type", "类型", "用途", "设施类型", "类别"});
    f.topDepth = findField(defn, {CITYTWIN_TOP_DEPTH_NAMES, "depth_m", "depth", "埋深"});
    f.height = findField(defn, {"height_m", "height", CITYTWIN_HEIGHT_NAMES, "高度", "层高"});
    f.bottomDepth = findField(defn, {CITYTWIN_BOTTOM_DEPTH_NAMES});
    f.name = findField(defn, {"name", "名称"});
    return f;
}

QString metres(double v)
{
    return QString::number(v, 'g', 6) + QStringLiteral(" m");
}

//! RING's vertices without the closing point and consecutive duplicates; empty on a non-finite one.
std::vector<ProjectedPoint> ringPoints(const OGRLinearRing& ring)
{
    std::vector<ProjectedPoint> out;
    for (int i = 0; i < ring.getNumPoints(); ++i) {
        const ProjectedPoint p{ring.getX(i), ring.getY(i), 0.0};
        if (!std::isfinite(p.x) || !std::isfinite(p.y))
            return {};
        if (!out.empty() && out.back().x == p.x && out.back().y == p.y)
            continue;
        out.push_back(p);
    }
    if (out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y)
        out.pop_back();
    return out;
}

//! A number field as metres within [MIN, kMaxDepthM]; false with WHY when present and wrong.
bool readMetres(OGRFeature& feature, int index, const char* what, bool allowZero, std::optional<double>& out,
                QString& why)
{
    const UndergroundNumber n = undergroundNumber(feature, index);
    if (!n.present)
        return true;
    if (!n.valid) {
        why = QStringLiteral("%1 is not a number (\"%2\")").arg(QLatin1String(what), n.text);
        return false;
    }
    if (n.value < 0.0 || (!allowZero && n.value == 0.0)) {
        why = QStringLiteral("%1 %2 (%3)")
                  .arg(n.value < 0.0 ? QStringLiteral("negative") : QStringLiteral("zero"),
                       QLatin1String(what), metres(n.value));
        return false;
    }
    if (n.value > kMaxDepthM) {
        why = QStringLiteral("implausible %1 (%2)").arg(QLatin1String(what), metres(n.value));
        return false;
    }
    out = n.value;
    return true;
}

class Reader
{
public:
    Reader(SpaceFields fields, OGRCoordinateTransformation* ct) : m_fields(fields), m_ct(ct) {}

    void read(OGRFeature& feature, std::int64_t sequence)
    {
        ++m_result.report.featuresRead;
        FeatureGeometry source = linearGeometryOf(feature, sequence);
        const std::int64_t fid = source.fid;
        if (!source.skipReason.isEmpty())
            return skip(fid, source.skipReason);
        std::unique_ptr<OGRGeometry> geom = std::move(source.geom);
        if (!geom)
            return skip(fid, QStringLiteral("unreadable geometry"));
        const std::vector<const OGRPolygon*> polygons = geometryPartsAs<OGRPolygon>(*geom, wkbPolygon);
        if (polygons.empty())
            return skip(fid,
                        QStringLiteral("not a polygon (%1)").arg(QString::fromUtf8(geom->getGeometryName())));

        UndergroundSpace templ;
        QString why;
        if (!readAttributes(feature, templ, why))
            return skip(fid, why);
        if (!transformFeatureGeometry(*geom, m_ct))
            return skip(fid, QStringLiteral("coordinate transformation failed"));
        int added = 0;
        for (std::size_t i = 0; i < polygons.size(); ++i) {
            const OGRPolygon& polygon = *polygons[i];
            if (polygon.IsEmpty() || !polygon.getExteriorRing())
                continue;
            UndergroundSpace space = templ;
            space.id = polygons.size() > 1 ? fid * kFootprintPartIdFactor + std::int64_t(i) : fid;
            space.outer = ringPoints(*polygon.getExteriorRing());
            if (space.outer.size() < 3)
                continue;
            for (int h = 0; h < polygon.getNumInteriorRings(); ++h) {
                std::vector<ProjectedPoint> hole = ringPoints(*polygon.getInteriorRing(h));
                if (hole.size() >= 3)
                    space.holes.push_back(std::move(hole));
            }
            m_result.spaces.push_back(std::move(space));
            ++added;
        }
        if (added == 0)
            return skip(fid, QStringLiteral("no ring with 3 distinct points"));
        m_result.report.features += added;
    }

    UndergroundSpaceReadResult take() { return std::move(m_result); }

private:
    bool readAttributes(OGRFeature& feature, UndergroundSpace& out, QString& why) const
    {
        out.name = undergroundText(feature, m_fields.name);
        const QString kindText = undergroundText(feature, m_fields.kind);
        out.kind = data::undergroundSpaceKindFromText(kindText).value_or(
            data::undergroundSpaceKindFromText(out.name).value_or(data::UndergroundSpaceKind::Other));
        std::optional<double> top, height, bottom;
        if (!readMetres(feature, m_fields.topDepth, "top depth", true, top, why) ||
            !readMetres(feature, m_fields.height, "height", false, height, why) ||
            !readMetres(feature, m_fields.bottomDepth, "bottom depth", false, bottom, why))
            return false;
        if (top)
            out.topDepthM = *top;
        if (height) {
            out.heightM = *height;
        } else if (bottom) {
            if (*bottom <= out.topDepthM) {
                why = QStringLiteral("bottom depth (%1) not below the top (%2)")
                          .arg(metres(*bottom), metres(out.topDepthM));
                return false;
            }
            out.heightM = *bottom - out.topDepthM;
        }
        return true;
    }

    void skip(std::int64_t fid, const QString& why)
    {
        recordSkip(m_result.report.skipped, m_result.report.skipReasons, fid, why, kMaxReasons);
    }

    SpaceFields m_fields;
    OGRCoordinateTransformation* m_ct;
    UndergroundSpaceReadResult m_result;
};

} // namespace

Result<UndergroundSpaceReadResult> readUndergroundSpaces(const QString& path, const QString& projectCrs,
                                                         const QString& assumedSourceCrs)
{
    auto ds = openVectorDataset(path);
    if (!ds)
        return ds.status();
    auto layer = pickVectorLayer(**ds, {}, path);
    if (!layer)
        return layer.status();
    OGRLayer& l = **layer;
    auto ct =
        layerToProjectTransform(l, projectCrs, assumedSourceCrs, path, QStringLiteral("underground spaces"));
    if (!ct)
        return ct.status();
    Reader reader(guessFields(*l.GetLayerDefn()), ct->get());

    if (const Status read = readEveryFeature(
            l, path, [&](OGRFeature& feature, std::int64_t sequence) { reader.read(feature, sequence); });
        !read)
        return read;
    UndergroundSpaceReadResult result = reader.take();
    qCDebug(lcGis, "%s: %d underground spaces from %d features, %d skipped", qUtf8Printable(path),
            result.report.features, result.report.featuresRead, result.report.skipped);
    return result;
}

Result<bool> hasUndergroundSpaceFields(const QString& path)
{
    auto ds = openVectorDataset(path);
    if (!ds)
        return ds.status();
    auto layer = pickVectorLayer(**ds, {}, path);
    if (!layer)
        return layer.status();
    OGRFeatureDefn& defn = *(*layer)->GetLayerDefn();
    return findField(defn, {CITYTWIN_TOP_DEPTH_NAMES, CITYTWIN_BOTTOM_DEPTH_NAMES, CITYTWIN_HEIGHT_NAMES}) >=
           0;
}

} // namespace citytwin::gis

#undef CITYTWIN_TOP_DEPTH_NAMES
#undef CITYTWIN_BOTTOM_DEPTH_NAMES
#undef CITYTWIN_HEIGHT_NAMES
