#include "gis/IfcGeometry.h"

#include "gis/IfcFile.h"
#include "gis/IfcMessages.h"

#include <QString>
#include <carve/triangulator.hpp>
#include <ifcpp/IFC4/include/IfcFeatureElementSubtraction.h>
#include <ifcpp/IFC4/include/IfcLabel.h>
#include <ifcpp/IFC4/include/IfcProduct.h>
#include <ifcpp/IFC4/include/IfcRepresentation.h>
#include <ifcpp/geometry/Carve/GeometryConverter.h>

namespace citytwin::gis {

using data::Result;
using data::Status;

namespace {

using Colour = std::optional<std::array<float, 4>>;

Colour surfaceColour(const std::vector<shared_ptr<AppearanceData>>& appearances)
{
    for (const auto& a : appearances) {
        if (!a || a->m_apply_to_geometry_type == AppearanceData::GEOM_TYPE_CURVE ||
            a->m_apply_to_geometry_type == AppearanceData::GEOM_TYPE_TEXT)
            continue;
        const vec4& c =
            a->m_color_diffuse; // its alpha is the opacity (IfcPlusPlus inverts IFC's transparency)
        return std::array<float, 4>{float(c.r()), float(c.g()), float(c.b()),
                                    float(std::clamp(c.a(), 0.0, 1.0))};
    }
    return std::nullopt;
}

QString identifier(const RepresentationData& rep)
{
    const shared_ptr<IfcRepresentation> ifcRep = rep.m_ifc_representation.lock();
    if (!ifcRep || !ifcRep->m_RepresentationIdentifier)
        return {};
    return QString::fromStdWString(ifcRep->m_RepresentationIdentifier->m_value);
}

//! The representations that show the product's body: "Body" when present, else all but the
//! auxiliary ones (a bounding "Box" or an "Axis" line would sit on top of the body).
std::vector<const RepresentationData*> bodyRepresentations(const ProductShapeData& shape)
{
    std::vector<const RepresentationData*> body, other;
    for (const auto& rep : shape.m_vec_representations) {
        if (!rep)
            continue;
        const QString id = identifier(*rep);
        if (id.compare(QLatin1String("Body"), Qt::CaseInsensitive) == 0)
            body.push_back(rep.get());
        else if (!QStringList{"Box", "Axis", "FootPrint", "Clearance", "Annotation"}.contains(
                     id, Qt::CaseInsensitive))
            other.push_back(rep.get());
    }
    return body.empty() ? other : body;
}

IfcTriangles& groupFor(std::vector<IfcTriangles>& groups, const Colour& colour)
{
    for (IfcTriangles& g : groups)
        if (g.colour == colour)
            return g;
    groups.push_back(IfcTriangles{colour, {}, {}});
    return groups.back();
}

//! Appends FACE (any simple polygon: carve faces after CSG can be concave) as triangles.
void appendFace(const carve::mesh::Face<3>& face, const carve::math::Matrix& m, bool mirrored,
                IfcTriangles& out)
{
    const size_t n = face.nVertices();
    if (n < 3)
        return;
    std::vector<vec3> pts;
    pts.reserve(n);
    const carve::mesh::Edge<3>* e = face.edge;
    for (size_t i = 0; i < n; ++i, e = e->next)
        pts.push_back(e->vert->v);
    std::vector<carve::triangulate::tri_idx> tris;
    if (n == 3) {
        tris.emplace_back(0, 1, 2);
    } else {
        std::vector<vec2> projected;
        face.getProjectedVertices(projected);
        try {
            carve::triangulate::triangulate(projected, tris);
        } catch (...) {
            tris.clear();
        }
        if (tris.empty()) // degenerate outline: a fan keeps the face visible
            for (unsigned i = 1; i + 1 < n; ++i)
                tris.emplace_back(0, i, i + 1);
    }
    const std::uint32_t base = std::uint32_t(out.positions.size() / 3);
    for (const vec3& p : pts) {
        const vec3 q = m * p;
        out.positions.insert(out.positions.end(), {q.x, q.y, q.z});
    }
    for (const auto& t : tris) {
        // The 2D projection may mirror the outline: orient each triangle by the face normal.
        const vec3 normal = carve::geom::cross(pts[t.b] - pts[t.a], pts[t.c] - pts[t.a]);
        const bool reversed = (carve::geom::dot(normal, face.plane.N) < 0.0) != mirrored;
        out.indices.insert(out.indices.end(),
                           {base + t.a, base + (reversed ? t.c : t.b), base + (reversed ? t.b : t.c)});
    }
}

} // namespace

IfcGeometry::IfcGeometry() = default;
IfcGeometry::IfcGeometry(IfcGeometry&&) noexcept = default;
IfcGeometry& IfcGeometry::operator=(IfcGeometry&&) noexcept = default;

IfcGeometry::~IfcGeometry()
{
    // The model routes its messages to the converter (GeometryConverter's constructor did so).
    if (m_converter && m_converter->getBuildingModel())
        m_converter->getBuildingModel()->setMessageTarget(nullptr);
}

Result<IfcGeometry> IfcGeometry::convert(const IfcFile& file, const data::CancelToken& cancel,
                                         const std::function<void(double)>& progress)
{
    IfcGeometry g;
    g.m_messages = std::make_unique<IfcMessages>();
    shared_ptr<BuildingModel> model = file.model;
    g.m_converter = std::make_shared<GeometryConverter>(model);
    GeometryConverter& converter = *g.m_converter;
    g.m_messages->attach(converter);
    converter.clearInputCache();
    // Same tolerance as GeometryConverter::convertGeometry(), which this loop replaces so that
    // cancel and progress work between products.
    carve::setEpsilon(1.5e-05 * file.lengthToMetre);

    std::vector<shared_ptr<IfcProduct>> products;
    for (const auto& [id, entity] : model->getMapIfcEntities()) {
        auto product = dynamic_pointer_cast<IfcProduct>(entity);
        // Openings are converted by their host's subtractOpenings, not on their own.
        if (product && !dynamic_pointer_cast<IfcFeatureElementSubtraction>(entity))
            products.push_back(product);
    }
    auto& shapes = converter.getShapeInputData();
    for (size_t i = 0; i < products.size(); ++i) {
        if (cancel.isCancelled())
            return Status::error(Status::Code::Cancelled, QStringLiteral("cancelled"));
        if (progress && i % 64 == 0)
            progress(double(i) / double(products.size()));
        const int id = products[i]->m_entity_id;
        auto shape = std::make_shared<ProductShapeData>(id);
        shape->m_ifc_object_definition = products[i];
        try {
            converter.convertIfcProductShape(shape);
        } catch (const carve::exception& e) {
            converter.messageCallback(e.str(), StatusCallback::MESSAGE_TYPE_ERROR, "", products[i].get());
        } catch (const std::exception& e) {
            converter.messageCallback(std::string(e.what()), StatusCallback::MESSAGE_TYPE_ERROR, "",
                                      products[i].get());
        } catch (...) {
            converter.messageCallback(std::string("geometry failed"), StatusCallback::MESSAGE_TYPE_ERROR, "",
                                      products[i].get());
        }
        shapes[id] = shape;
    }
    // Parts aggregated into an element with openings (IfcBuildingElementPart in a wall) get the
    // element's openings too: needs every shape first.
    for (auto& [id, shape] : shapes) {
        if (cancel.isCancelled())
            return Status::error(Status::Code::Cancelled, QStringLiteral("cancelled"));
        try {
            converter.subtractOpeningsInRelatedObjects(shape);
        } catch (const carve::exception& e) {
            converter.messageCallback(e.str(), StatusCallback::MESSAGE_TYPE_ERROR, "");
        } catch (...) {
            converter.messageCallback(std::string("opening subtraction failed"),
                                      StatusCallback::MESSAGE_TYPE_ERROR, "");
        }
    }
    converter.getRepresentationConverter()->getProfileCache()->clearProfileCache();
    if (progress)
        progress(1.0);
    return g;
}

bool IfcGeometry::hasShapeData(int entityId) const
{
    const auto& shapes = m_converter->getShapeInputData();
    const auto it = shapes.find(entityId);
    return it != shapes.end() && it->second && !it->second->m_vec_representations.empty();
}

std::vector<IfcTriangles> IfcGeometry::triangles(int entityId) const
{
    std::vector<IfcTriangles> groups;
    const auto& shapes = m_converter->getShapeInputData();
    const auto it = shapes.find(entityId);
    if (it == shapes.end() || !it->second)
        return groups;
    ProductShapeData& shape = *it->second;
    const carve::math::Matrix m = shape.getTransform();
    // A mirroring placement turns outward faces inward unless the winding is flipped too.
    const bool mirrored = carve::geom::dotcross(carve::geom::VECTOR(m.m[0][0], m.m[1][0], m.m[2][0]),
                                                carve::geom::VECTOR(m.m[0][1], m.m[1][1], m.m[2][1]),
                                                carve::geom::VECTOR(m.m[0][2], m.m[1][2], m.m[2][2])) < 0.0;
    const Colour productColour = surfaceColour(shape.getAppearances());
    for (const RepresentationData* rep : bodyRepresentations(shape)) {
        const Colour repColour = surfaceColour(rep->m_vec_representation_appearances);
        for (const auto& item : rep->m_vec_item_data) {
            if (!item)
                continue;
            Colour colour = surfaceColour(item->m_vec_item_appearances);
            if (!colour)
                colour = repColour ? repColour : productColour;
            IfcTriangles* group = nullptr;
            for (const auto* sets : {&item->m_meshsets, &item->m_meshsets_open}) {
                for (const auto& meshset : *sets) {
                    if (!meshset)
                        continue;
                    for (const auto* mesh : meshset->meshes)
                        for (const auto* face : mesh->faces) {
                            if (!group)
                                group = &groupFor(groups, colour);
                            appendFace(*face, m, mirrored, *group);
                        }
                }
            }
        }
    }
    std::erase_if(groups, [](const IfcTriangles& g) { return g.indices.empty(); });
    return groups;
}

const QStringList& IfcGeometry::errors() const
{
    return m_messages->errors();
}

int IfcGeometry::errorCount() const
{
    return m_messages->errorCount();
}

} // namespace citytwin::gis
