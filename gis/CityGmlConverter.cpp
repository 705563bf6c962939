#include "gis/CityGmlConverter.h"

#include <QHash>
#include <citygml/attributesmap.h>
#include <citygml/citymodel.h>
#include <citygml/cityobject.h>
#include <citygml/geometry.h>
#include <citygml/polygon.h>
#include <cmath>

namespace citytwin::gis {

using data::ModelAttribute;
using data::ModelFeature;
using data::ModelMesh;
using data::ProjectedPoint;
using data::Status;

namespace {

constexpr double kCellM = 1000.0; // mesh cells: float offsets stay far below a millimetre of error
constexpr int kMaxWarnings = 20;
// Picking compares feature ids as floats in the shader (see ModelFeature::id).
constexpr std::size_t kMaxFeatures = std::size_t(1) << 24;

//! libcitygml keeps CityGML's own attributes lower-cased with their namespace prefix
//! ("bldg:measuredheight"); the user knows them as the schema spells them.
QString attributeName(const std::string& raw)
{
    static const QHash<QString, QString> kSchemaNames{
        {QStringLiteral("measuredheight"), QStringLiteral("measuredHeight")},
        {QStringLiteral("yearofconstruction"), QStringLiteral("yearOfConstruction")},
        {QStringLiteral("yearofdemolition"), QStringLiteral("yearOfDemolition")},
        {QStringLiteral("rooftype"), QStringLiteral("roofType")},
        {QStringLiteral("storeysaboveground"), QStringLiteral("storeysAboveGround")},
        {QStringLiteral("storeysbelowground"), QStringLiteral("storeysBelowGround")},
        {QStringLiteral("storeyheightsaboveground"), QStringLiteral("storeyHeightsAboveGround")},
        {QStringLiteral("storeyheightsbelowground"), QStringLiteral("storeyHeightsBelowGround")},
        {QStringLiteral("creationdate"), QStringLiteral("creationDate")},
        {QStringLiteral("terminationdate"), QStringLiteral("terminationDate")},
        {QStringLiteral("relativetoterrain"), QStringLiteral("relativeToTerrain")},
        {QStringLiteral("relativetowater"), QStringLiteral("relativeToWater")},
    };
    QString name = QString::fromStdString(raw);
    const bool schema = name.contains(QLatin1Char(':')); // generic attributes come without a prefix
    if (!schema)
        return name;
    name = name.mid(name.lastIndexOf(QLatin1Char(':')) + 1);
    return kSchemaNames.value(name, name);
}

//! libcitygml invents "genID_<path>_<line>_<col>" for objects without gml:id: not an id to show.
bool isGeneratedId(const std::string& id)
{
    return id.rfind("genID_", 0) == 0;
}

ModelFeature featureOf(const citygml::CityObject& object, std::int64_t id, std::int64_t parent)
{
    ModelFeature f;
    f.id = id;
    f.parent = parent;
    f.type = QString::fromStdString(object.getTypeAsString());
    if (!isGeneratedId(object.getId())) {
        f.externalId = QString::fromStdString(object.getId());
        f.attributes.push_back({QStringLiteral("gml:id"), f.externalId});
    }
    for (const auto& [key, value] : object.getAttributes()) {
        ModelAttribute a{attributeName(key), QString::fromStdString(value.asString()).simplified()};
        if (a.name == QLatin1String("name"))
            f.name = a.value;
        f.attributes.push_back(std::move(a));
    }
    return f;
}

int highestGeometryLod(const citygml::CityObject& object)
{
    int lod = -1;
    for (unsigned i = 0; i < object.getGeometriesCount(); ++i)
        lod = std::max(lod, int(object.getGeometry(i).getLOD()));
    return lod;
}

//! True when the triangle I of the polygon starting at FIRST has (next to) no area.
bool degenerate(const std::vector<ProjectedPoint>& points, std::size_t first, const unsigned* i)
{
    const ProjectedPoint& a = points[first + i[0]];
    const ProjectedPoint& b = points[first + i[1]];
    const ProjectedPoint& c = points[first + i[2]];
    const double ux = b.x - a.x, uy = b.y - a.y, uz = b.z - a.z;
    const double vx = c.x - a.x, vy = c.y - a.y, vz = c.z - a.z;
    const double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    constexpr double kMinDoubleArea = 1e-8; // twice the area in m²: 0.1 mm × 0.1 mm
    return nx * nx + ny * ny + nz * nz < kMinDoubleArea * kMinDoubleArea;
}

} // namespace

int highestLod(const citygml::CityObject& object)
{
    int lod = highestGeometryLod(object);
    for (unsigned i = 0; i < object.getChildCityObjectsCount(); ++i)
        lod = std::max(lod, highestLod(object.getChildCityObject(i)));
    return lod;
}

CityGmlConverter::CityGmlConverter(CityGmlTransform transform, const data::CancelToken& cancel,
                                   std::function<void(double)> progress)
    : m_transform(std::move(transform)), m_cancel(cancel), m_progress(std::move(progress))
{
}

Status CityGmlConverter::convert(const citygml::CityModel& model, data::Model& out)
{
    const unsigned roots = model.getNumRootCityObjects();
    for (unsigned i = 0; i < roots; ++i) {
        if (m_cancel.isCancelled())
            return Status::error(Status::Code::Cancelled, QStringLiteral("cancelled"));
        convertRoot(model.getRootCityObject(int(i)), out);
        if (m_progress && (i % 256 == 0 || i + 1 == roots))
            m_progress(double(i + 1) / double(roots));
    }
    return Status::ok();
}

void CityGmlConverter::convertRoot(const citygml::CityObject& root, data::Model& out)
{
    const QString what = QStringLiteral("%1 %2").arg(QString::fromStdString(root.getTypeAsString()),
                                                     QString::fromStdString(root.getId()));
    if (out.features.size() >= kMaxFeatures) {
        ++out.skippedElements;
        if (!m_featureLimitHit)
            warn(out, what + QStringLiteral(": skipped, the model has reached 2^24 pickable features"));
        m_featureLimitHit = true;
        return;
    }
    const int lod = highestLod(root);
    if (lod <= 0) {
        ++out.skippedElements;
        if (lod == 0)
            ++m_lod0Only;
        warn(out, lod == 0 ? what + QStringLiteral(": only LOD0 (footprint) geometry")
                           : what + QStringLiteral(": no geometry"));
        return;
    }
    m_pending.clear();
    m_points.clear();
    m_seen.clear();
    const std::size_t featuresBefore = out.features.size();
    if (!collect(root, -1, QString(), unsigned(lod), out)) {
        ++out.skippedElements;
        warn(out, what + QStringLiteral(": no polygons with triangles"));
        return;
    }
    if (Status s = m_transform(m_points); !s) {
        out.features.resize(featuresBefore);
        ++out.skippedElements;
        if (m_transformFailures++ == 0)
            m_firstTransformError = what + QStringLiteral(": ") + s.message();
        warn(out, what + QStringLiteral(": ") + s.message());
        return;
    }
    emitPending(out);
}

bool CityGmlConverter::collect(const citygml::CityObject& object, std::int64_t parent,
                               const QString& inheritedType, unsigned lod, data::Model& out)
{
    const std::int64_t id = std::int64_t(out.features.size());
    out.features.push_back(featureOf(object, id, parent));
    const QString& type = out.features.back().type;
    const QString colourType = data::defaultTypeColour(type) ? type : inheritedType;
    bool any = false;
    // Children first: a building's solid often references its semantic surfaces' polygons by
    // xlink, and the polygon should carry the surface (roof, wall) rather than the building.
    for (unsigned i = 0; i < object.getChildCityObjectsCount(); ++i)
        any = collect(object.getChildCityObject(i), id, colourType, lod, out) || any;
    for (unsigned i = 0; i < object.getGeometriesCount(); ++i) {
        const citygml::Geometry& g = object.getGeometry(i);
        if (g.getLOD() == lod)
            collectGeometry(g, lod, id, colourType, any);
    }
    if (!any)
        out.features.pop_back(); // nothing drawn for it (children without polygons were popped already)
    return any;
}

void CityGmlConverter::collectGeometry(const citygml::Geometry& geometry, unsigned lod, std::int64_t feature,
                                       const QString& colourType, bool& any)
{
    for (unsigned i = 0; i < geometry.getPolygonsCount(); ++i) {
        const std::shared_ptr<const citygml::Polygon> polygon = geometry.getPolygon(i);
        if (!polygon || polygon->getIndices().size() < 3 || !m_seen.insert(polygon.get()).second)
            continue;
        m_pending.push_back({polygon.get(), feature, colourType, m_points.size()});
        for (const TVec3d& v : polygon->getVertices())
            m_points.push_back({v.x, v.y, v.z});
        any = true;
    }
    // Nested geometries (the surfaces of a Solid or CompositeSurface) belong to the same LOD.
    for (unsigned i = 0; i < geometry.getGeometriesCount(); ++i)
        collectGeometry(geometry.getGeometry(i), lod, feature, colourType, any);
}

void CityGmlConverter::emitPending(data::Model& out)
{
    const ProjectedPoint& first = m_points.front(); // the whole object goes to one cell
    for (const PendingPolygon& p : m_pending) {
        ModelMesh& mesh = meshFor(first, p.colourType, out);
        const auto base = std::uint32_t(mesh.vertexCount());
        const std::size_t count = p.polygon->getVertices().size();
        for (std::size_t v = 0; v < count; ++v) {
            const ProjectedPoint& q = m_points[p.firstPoint + v];
            mesh.positions.push_back(float(q.x - mesh.anchor.x));
            mesh.positions.push_back(float(q.y - mesh.anchor.y));
            mesh.positions.push_back(float(q.z - mesh.anchor.z));
            mesh.vertexFeature.push_back(p.feature);
        }
        const std::vector<unsigned>& indices = p.polygon->getIndices();
        for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
            if (indices[t] >= count || indices[t + 1] >= count || indices[t + 2] >= count)
                continue; // a broken tessellation must not index another polygon's vertices
            if (degenerate(m_points, p.firstPoint, indices.data() + t))
                continue; // libcitygml keeps the ring's closing point, which gives zero-area triangles
            mesh.indices.push_back(base + indices[t]);
            mesh.indices.push_back(base + indices[t + 1]);
            mesh.indices.push_back(base + indices[t + 2]);
        }
    }
}

ModelMesh& CityGmlConverter::meshFor(const ProjectedPoint& p, const QString& colourType, data::Model& out)
{
    const auto cx = std::int64_t(std::floor(p.x / kCellM));
    const auto cy = std::int64_t(std::floor(p.y / kCellM));
    const auto key = std::make_tuple(cx, cy, colourType);
    if (const auto it = m_meshIndex.find(key); it != m_meshIndex.end())
        return out.meshes[it->second];
    ModelMesh mesh;
    mesh.anchor = {double(cx) * kCellM, double(cy) * kCellM, 0.0};
    if (const auto colour = data::defaultTypeColour(colourType))
        mesh.colour = *colour;
    m_meshIndex.emplace(key, out.meshes.size());
    out.meshes.push_back(std::move(mesh));
    return out.meshes.back();
}

void CityGmlConverter::warn(data::Model& out, const QString& text)
{
    if (out.warnings.size() < kMaxWarnings)
        out.warnings << text;
}

} // namespace citytwin::gis
