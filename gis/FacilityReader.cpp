// readPointFacilities() (gis/UndergroundReader.h): OGR points as manholes, valves and hydrants.
#include "data/PipeMapping.h"
#include "gis/GdalOpen.h"
#include "gis/GisLog.h"
#include "gis/OgrFeatureLoop.h"
#include "gis/OgrLayerAccess.h"
#include "gis/OgrLayerTransform.h"
#include "gis/UndergroundFields.h"
#include "gis/UndergroundReader.h"

#include <cmath>
#include <limits>
#include <ogrsf_frmts.h>
#include <optional>
#include <utility>

namespace citytwin::gis {

using data::PointFacility;
using data::Result;
using data::Status;

namespace {

constexpr int kMaxReasons = 50;
constexpr double kMaxDepthM = 100.0;
constexpr double kMaxDiameterM = 20.0;
// Diameters are metres up to this; larger numbers can only be millimetres (a 700 m well is none).
constexpr double kMillimetreThreshold = 20.0;

struct FacilityFields
{
    int kind = -1;
    int depth = -1;
    int diameter = -1;
    int network = -1;
    int name = -1;
};

FacilityFields guessFields(OGRFeatureDefn& defn)
{
    FacilityFields f;
    f.kind = findField(
        defn, {"kind", "facility_type", "facility", "type", "设施类型", "附属物", "点类型", "类型", "特征"});
    f.depth = findField(defn, {"depth_m", "well_depth", "depth", "井深", "井底埋深", "埋深"});
    f.diameter = findField(defn, {"diameter_m", "well_diameter", "diameter", "井径", "直径", "规格"});
    f.network = findField(defn, {"network", "pipe_type", "管线类型", "管类", "管线种类", "类别"});
    f.name = findField(defn, {"name", "名称", "编号", "id_name", "code"});
    return f;
}

//! The network a kind text names in passing: 雨水井 → drainage, "sewer manhole" → sewage.
std::optional<data::PipeNetwork> networkInText(const QString& text)
{
    static const std::pair<const char*, data::PipeNetwork> kWords[] = {
        {"雨水", data::PipeNetwork::Drainage},
        {"storm", data::PipeNetwork::Drainage},
        {"排水", data::PipeNetwork::Drainage},
        {"污水", data::PipeNetwork::Sewage},
        {"sewer", data::PipeNetwork::Sewage},
        {"给水", data::PipeNetwork::WaterSupply},
        {"上水", data::PipeNetwork::WaterSupply},
        {"消防", data::PipeNetwork::WaterSupply},
        {"hydrant", data::PipeNetwork::WaterSupply},
        {"water", data::PipeNetwork::WaterSupply},
        {"燃气", data::PipeNetwork::Gas},
        {"gas", data::PipeNetwork::Gas},
        {"电力", data::PipeNetwork::Power},
        {"通信", data::PipeNetwork::Telecom},
        {"电信", data::PipeNetwork::Telecom},
        {"热力", data::PipeNetwork::Heating},
    };
    if (auto exact = data::pipeNetworkFromText(text))
        return exact;
    for (const auto& [word, network] : kWords)
        if (text.contains(QString::fromUtf8(word), Qt::CaseInsensitive))
            return network;
    return std::nullopt;
}

QString metres(double v)
{
    return QString::number(v, 'g', 6) + QStringLiteral(" m");
}

class Reader
{
public:
    Reader(FacilityFields fields, OGRCoordinateTransformation* ct) : m_fields(fields), m_ct(ct) {}

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
        const std::vector<const OGRPoint*> points = geometryPartsAs<OGRPoint>(*geom, wkbPoint);
        if (points.empty())
            return skip(fid,
                        QStringLiteral("not a point (%1)").arg(QString::fromUtf8(geom->getGeometryName())));

        PointFacility templ;
        QString why;
        if (!readAttributes(feature, templ, why))
            return skip(fid, why);
        if (!transformFeatureGeometry(*geom, m_ct))
            return skip(fid, QStringLiteral("coordinate transformation failed"));
        const bool hasZ = geom->Is3D();
        int added = 0;
        for (std::size_t i = 0; i < points.size(); ++i) {
            const OGRPoint& p = *points[i];
            if (p.IsEmpty() || !std::isfinite(p.getX()) || !std::isfinite(p.getY()) ||
                (hasZ && !std::isfinite(p.getZ())))
                continue;
            PointFacility f = templ;
            f.id = points.size() > 1 ? fid * kFootprintPartIdFactor + std::int64_t(i) : fid;
            f.position = {p.getX(), p.getY(), hasZ ? p.getZ() : std::numeric_limits<double>::quiet_NaN()};
            m_result.facilities.push_back(std::move(f));
            ++added;
        }
        if (added == 0)
            return skip(fid, QStringLiteral("no finite point"));
        m_result.report.features += added;
    }

    PointFacilityReadResult take() { return std::move(m_result); }

private:
    bool readAttributes(OGRFeature& feature, PointFacility& out, QString& why) const
    {
        const QString kindText = undergroundText(feature, m_fields.kind);
        if (m_fields.kind >= 0 && !kindText.isEmpty())
            out.kind = data::pointFacilityKindFromText(kindText).value_or(data::PointFacilityKind::Other);
        const QString networkText = undergroundText(feature, m_fields.network);
        // A survey's 雨水井 / 污水检查井 names its network in its kind.
        out.network = data::pipeNetworkFromText(networkText)
                          .value_or(networkInText(kindText).value_or(data::PipeNetwork::Other));
        out.name = undergroundText(feature, m_fields.name);

        const UndergroundNumber depth = undergroundNumber(feature, m_fields.depth);
        if (depth.present) {
            if (!depth.valid) {
                why = QStringLiteral("depth is not a number (\"%1\")").arg(depth.text);
                return false;
            }
            if (depth.value < 0.0) {
                why = QStringLiteral("negative depth (%1)").arg(metres(depth.value));
                return false;
            }
            if (depth.value > kMaxDepthM) {
                why = QStringLiteral("implausible depth (%1)").arg(metres(depth.value));
                return false;
            }
            out.depthM = depth.value;
        }
        const UndergroundNumber diameter = undergroundNumber(feature, m_fields.diameter);
        if (diameter.present) {
            if (!diameter.valid) {
                why = QStringLiteral("diameter is not a number (\"%1\")").arg(diameter.text);
                return false;
            }
            const double d = !diameter.explicitUnit && diameter.value > kMillimetreThreshold
                                 ? diameter.value / 1000.0
                                 : diameter.value;
            if (d <= 0.0 || d > kMaxDiameterM) {
                why = QStringLiteral("implausible diameter (%1)").arg(diameter.text);
                return false;
            }
            out.diameterM = d;
        } else if (out.kind == data::PointFacilityKind::Valve ||
                   out.kind == data::PointFacilityKind::Hydrant) {
            out.diameterM = 0.4; // a valve box or hydrant riser, not a 1 m chamber
        }
        return true;
    }

    void skip(std::int64_t fid, const QString& why)
    {
        recordSkip(m_result.report.skipped, m_result.report.skipReasons, fid, why, kMaxReasons);
    }

    FacilityFields m_fields;
    OGRCoordinateTransformation* m_ct;
    PointFacilityReadResult m_result;
};

} // namespace

Result<PointFacilityReadResult> readPointFacilities(const QString& path, const QString& projectCrs,
                                                    const QString& assumedSourceCrs)
{
    auto ds = openVectorDataset(path);
    if (!ds)
        return ds.status();
    auto layer = pickVectorLayer(**ds, {}, path);
    if (!layer)
        return layer.status();
    OGRLayer& l = **layer;
    auto ct = layerToProjectTransform(l, projectCrs, assumedSourceCrs, path, QStringLiteral("facilities"));
    if (!ct)
        return ct.status();
    Reader reader(guessFields(*l.GetLayerDefn()), ct->get());

    if (const Status read = readEveryFeature(
            l, path, [&](OGRFeature& feature, std::int64_t sequence) { reader.read(feature, sequence); });
        !read)
        return read;
    PointFacilityReadResult result = reader.take();
    qCDebug(lcGis, "%s: %d facilities from %d features, %d skipped", qUtf8Printable(path),
            result.report.features, result.report.featuresRead, result.report.skipped);
    return result;
}

} // namespace citytwin::gis
