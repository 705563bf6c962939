#include "gis/GdalOpen.h"
#include "gis/OgrLayerAccess.h"
#include "gis/PipeReader.h"

#include <ogrsf_frmts.h>

namespace citytwin::gis {

using data::DepthReference;
using data::PipeMapping;
using data::Result;

namespace {

//! Candidate field names per role, most specific first; compared case-insensitively.
struct Candidates
{
    QString PipeMapping::*field;
    std::initializer_list<const char*> names;
};

const Candidates kRoles[] = {
    {&PipeMapping::startElevationField,
     {"start_elevation", "start_elev", "z_start", "起点高程", "起点管底高程"}},
    {&PipeMapping::endElevationField, {"end_elevation", "end_elev", "z_end", "终点高程", "终点管底高程"}},
    {&PipeMapping::diameterField, {"diameter_m", "diameter", "dn", "dia", "管径", "管径_mm", "直径"}},
    {&PipeMapping::widthField, {"width_m", "width", "宽度", "断面宽", "宽"}},
    {&PipeMapping::heightField, {"height_m", "height", "高度", "断面高", "高"}},
    {&PipeMapping::materialField, {"material", "材质", "管材"}},
    {&PipeMapping::installYearField,
     {"install_year", "year", "建设年代", "埋设年代", "敷设年代", "建设年份"}},
    {&PipeMapping::networkField, {"network", "type", "管线类型", "管类", "类型", "类别"}},
};

//! Depth fields with the reference their name implies.
const std::pair<const char*, DepthReference> kDepthNames[] = {
    {"depth_m", DepthReference::Centre},      {"depth", DepthReference::Centre},
    {"centre_depth", DepthReference::Centre}, {"中心埋深", DepthReference::Centre},
    {"埋深", DepthReference::Centre},         {"top_depth", DepthReference::Top},
    {"cover_depth", DepthReference::Top},     {"管顶埋深", DepthReference::Top},
    {"invert_depth", DepthReference::Invert}, {"管底埋深", DepthReference::Invert},
};

} // namespace

Result<PipeMapping> guessPipeMapping(const QString& path)
{
    auto ds = openVectorDataset(path);
    if (!ds)
        return ds.status();
    auto layer = pickVectorLayer(**ds, {}, path);
    if (!layer)
        return layer.status();
    OGRFeatureDefn& defn = *(*layer)->GetLayerDefn();
    // The layer's own spelling of a matching name, or "".
    auto find = [&defn](const char* candidate) {
        const QString wanted = QString::fromUtf8(candidate);
        for (int i = 0; i < defn.GetFieldCount(); ++i) {
            const QString name = QString::fromUtf8(defn.GetFieldDefn(i)->GetNameRef());
            if (name.trimmed().compare(wanted, Qt::CaseInsensitive) == 0)
                return name;
        }
        return QString();
    };

    PipeMapping m;
    m.depthField.clear();
    for (const auto& [candidate, reference] : kDepthNames) {
        if (const QString name = find(candidate); !name.isEmpty()) {
            m.depthField = name;
            m.depthReference = reference;
            break;
        }
    }
    for (const Candidates& role : kRoles) {
        m.*role.field = QString();
        for (const char* candidate : role.names) {
            if (const QString name = find(candidate); !name.isEmpty()) {
                m.*role.field = name;
                break;
            }
        }
    }
    return m;
}

} // namespace citytwin::gis
