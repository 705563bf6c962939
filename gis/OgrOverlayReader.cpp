#include "gis/OgrOverlayReader.h"

#include "gis/GdalOpen.h"
#include "gis/GdalSrs.h"
#include "gis/OgrLayerAccess.h"

#include <ogrsf_frmts.h>

namespace citytwin::gis {

using data::Status;

namespace {

void destroyFeature(OGRFeature* f)
{
    OGRFeature::DestroyFeature(f);
}

} // namespace

OgrOverlayReader::~OgrOverlayReader() = default;

data::Result<std::unique_ptr<OgrOverlayReader>> OgrOverlayReader::open(const QString& path)
{
    auto ds = openVectorDataset(path);
    if (!ds)
        return ds.status();
    auto layer = pickVectorLayer(**ds, QString(), path);
    if (!layer)
        return layer.status();
    std::unique_ptr<OgrOverlayReader> r(new OgrOverlayReader());
    r->m_dataset = std::move(ds).value();
    r->m_layer = *layer;
    r->m_driver = QString::fromUtf8(r->m_dataset->GetDriverName());
    OGRFeatureDefn* defn = r->m_layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        r->m_columns << QString::fromUtf8(defn->GetFieldDefn(i)->GetNameRef());
    const OGRwkbGeometryType type = wkbFlatten(r->m_layer->GetGeomType());
    r->m_pointGeometry = type == wkbPoint || type == wkbMultiPoint;
    if (const OGRSpatialReference* srs = r->m_layer->GetSpatialRef()) {
        const char* authority = srs->GetAuthorityName(nullptr);
        const char* code = srs->GetAuthorityCode(nullptr);
        if (authority && code && QByteArray(authority) == "EPSG") {
            r->m_crs = QStringLiteral("EPSG:%1").arg(QString::fromLatin1(code));
        } else {
            char* wkt = nullptr;
            const char* options[] = {"FORMAT=WKT2_2019", nullptr};
            if (srs->exportToWkt(&wkt, options) == OGRERR_NONE && wkt)
                r->m_crs = QString::fromUtf8(wkt);
            CPLFree(wkt);
        }
    }
    r->m_featureCount = r->m_layer->GetFeatureCount(FALSE);
    r->m_layer->ResetReading();
    r->m_fields.reserve(static_cast<std::size_t>(r->m_columns.size()));
    return r;
}

bool OgrOverlayReader::next()
{
    m_feature = {m_layer->GetNextFeature(), &destroyFeature};
    if (!m_feature)
        return false;
    ++m_index;
    m_fields.clear();
    m_texts.resize(static_cast<std::size_t>(m_columns.size()));
    for (int i = 0; i < m_columns.size(); ++i) {
        // GetFieldAsString formats numbers into a buffer the next call frees: copy (the strings
        // keep their capacity, so this stops allocating after the first features).
        std::string& t = m_texts[static_cast<std::size_t>(i)];
        if (m_feature->IsFieldSetAndNotNull(i))
            t.assign(m_feature->GetFieldAsString(i));
        else
            t.clear();
    }
    for (const std::string& t : m_texts)
        m_fields.emplace_back(t);
    m_hasPoint = false;
    const OGRGeometry* g = m_feature->GetGeometryRef();
    if (g && !g->IsEmpty()) {
        const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
        const OGRPoint* p = nullptr;
        if (type == wkbPoint)
            p = g->toPoint();
        else if (type == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() > 0)
            p = g->toMultiPoint()->getGeometryRef(0);
        if (p) {
            m_point[0] = p->getX();
            m_point[1] = p->getY();
            m_hasPoint = true;
        }
    }
    return true;
}

} // namespace citytwin::gis
