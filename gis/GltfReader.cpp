#include "gis/GltfReader.h"

#include "gis/GltfDocument.h"
#include "gis/GltfModelBuilder.h"
#include "gis/GltfScene.h"
#include "gis/Matrix4d.h"
#include "gis/ModelPlacementFrame.h"
#include "gis/ThreadCrsCache.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace citytwin::gis {

using data::Model;
using data::ModelMesh;
using data::ProjectedPoint;
using data::Result;
using data::Status;
using gltf::GltfScene;
using gltf::ScenePrimitive;

namespace {

constexpr int kMaxWarnings = 8;

//! The glTF y-up axes seen z-up (3D Tiles and our local frames): east x, north -z, up y.
inline void yUpToZUp(double& /*x: east stays east*/, double& y, double& z)
{
    const double north = -z;
    z = y;
    y = north;
}

//! The mesh of PRIMITIVE without positions: indices, texture coordinates, colour, texture.
ModelMesh meshShell(const ScenePrimitive& primitive, const std::vector<int>& textureOfImage)
{
    ModelMesh mesh;
    mesh.indices = primitive.indices;
    mesh.colour = primitive.colour;
    if (primitive.image >= 0 && textureOfImage[static_cast<std::size_t>(primitive.image)] >= 0) {
        mesh.texture = textureOfImage[static_cast<std::size_t>(primitive.image)];
        mesh.texCoords = primitive.texCoords;
    }
    return mesh;
}

void appendWarnings(Model& model, const QStringList& warnings)
{
    for (const QString& w : warnings)
        if (model.warnings.size() < kMaxWarnings)
            model.warnings.append(w);
}

Status cancelled(const QString& name)
{
    return Status::error(Status::Code::Cancelled, QStringLiteral("%1: cancelled").arg(name));
}

} // namespace

Result<Model> readGltf(const QString& path, const ModelReadOptions& options)
{
    const QString name = QFileInfo(path).fileName();
    if (!options.placement)
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("%1: local coordinates need a placement (lon, lat)").arg(name));
    auto frame = ModelPlacementFrame::create(*options.placement, options.projectCrs);
    if (!frame)
        return frame.status().withContext(name);
    auto doc = gltf::loadGltfFile(path);
    if (!doc)
        return doc.status();
    if (options.cancel.isCancelled())
        return cancelled(name);
    if (options.progress)
        options.progress(0.3);
    auto scene = gltf::collectScene(doc->model, name, options.cancel);
    if (!scene)
        return scene.status();

    Model model;
    model.name = name;
    model.sourceCrs = frame->description();
    appendWarnings(model, doc->warnings);
    appendWarnings(model, scene->warnings);
    model.skippedElements = scene->skipped;
    const std::vector<std::int64_t> featureOfNode = gltf::addNodeFeatures(doc->model, *scene, model);
    const std::vector<int> textureOfImage = gltf::addTextures(doc->model, *scene, model);
    std::vector<ProjectedPoint> projected;
    for (std::size_t p = 0; p < scene->primitives.size(); ++p) {
        if (options.cancel.isCancelled())
            return cancelled(name);
        const ScenePrimitive& primitive = scene->primitives[p];
        ModelMesh mesh = meshShell(primitive, textureOfImage);
        mesh.feature = featureOfNode[static_cast<std::size_t>(primitive.node)];
        const std::size_t vertices = primitive.positions.size() / 3;
        projected.resize(vertices);
        for (std::size_t v = 0; v < vertices; ++v) {
            double x = primitive.positions[v * 3], y = primitive.positions[v * 3 + 1],
                   z = primitive.positions[v * 3 + 2];
            yUpToZUp(x, y, z);
            projected[v] = frame->toProjected(x, y, z);
        }
        gltf::setPositions(mesh, projected.data(), vertices);
        mesh.normals = primitive.normals;
        for (std::size_t v = 0; v + 2 < mesh.normals.size(); v += 3) {
            double x = mesh.normals[v], y = mesh.normals[v + 1], z = mesh.normals[v + 2];
            yUpToZUp(x, y, z);
            float fx = static_cast<float>(x), fy = static_cast<float>(y), fz = static_cast<float>(z);
            frame->rotateDirection(fx, fy, fz);
            mesh.normals[v] = fx;
            mesh.normals[v + 1] = fy;
            mesh.normals[v + 2] = fz;
        }
        model.meshes.push_back(std::move(mesh));
        if (options.progress)
            options.progress(0.3 + 0.7 * static_cast<double>(p + 1) /
                                       static_cast<double>(scene->primitives.size()));
    }
    if (!model.computeBounds())
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("%1: no triangles in the default scene").arg(name));
    return model;
}

Result<Model> readGlbContent(const QByteArray& glb, const QString& name, const EcefContentFrame& frame,
                             const QByteArray& batchTableJson, const QByteArray& featureTableJson)
{
    if (!isFinite(frame.tileTransform))
        return Status::error(Status::Code::InvalidArgument,
                             QStringLiteral("%1: the tile transform is not finite").arg(name));
    QJsonObject featureTable;
    if (!featureTableJson.trimmed().isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(featureTableJson);
        if (!doc.isObject())
            return Status::error(Status::Code::FormatError,
                                 QStringLiteral("%1: the feature table is not a JSON object").arg(name));
        featureTable = doc.object();
    }
    auto doc = gltf::loadGlbBytes(glb, name);
    if (!doc)
        return doc.status();
    std::array<double, 3> rtc{0.0, 0.0, 0.0};
    if (const QJsonArray centre = featureTable.value(QLatin1String("RTC_CENTER")).toArray();
        !centre.isEmpty()) {
        if (centre.size() != 3 || !centre[0].isDouble() || !centre[1].isDouble() || !centre[2].isDouble())
            return Status::error(Status::Code::FormatError,
                                 QStringLiteral("%1: RTC_CENTER is not three numbers").arg(name));
        rtc = {centre[0].toDouble(), centre[1].toDouble(), centre[2].toDouble()};
    } else if (doc->rtcCentre) {
        rtc = *doc->rtcCentre;
    }
    auto scene = gltf::collectScene(doc->model, name, {});
    if (!scene)
        return scene.status();

    Model model;
    model.name = name;
    model.sourceCrs = QStringLiteral("EPSG:4978");
    appendWarnings(model, doc->warnings);
    appendWarnings(model, scene->warnings);
    model.skippedElements = scene->skipped;

    // Batched content: one feature per batch id; else one per mesh node.
    bool batched = false;
    float maxBatchId = -1.0f;
    for (const ScenePrimitive& primitive : scene->primitives)
        for (const float id : primitive.batchIds) {
            batched = true;
            maxBatchId = std::max(maxBatchId, id);
        }
    const QJsonValue batchLength = featureTable.value(QLatin1String("BATCH_LENGTH"));
    std::size_t batchCount = 0;
    std::vector<std::int64_t> featureOfNode;
    if (batched) {
        const double declared =
            batchLength.isDouble() ? batchLength.toDouble() : static_cast<double>(maxBatchId) + 1.0;
        // Feature ids travel to the shader as floats: more than 2^24 cannot be told apart.
        if (!(declared >= 0.0 && declared <= 16777216.0))
            return Status::error(
                Status::Code::FormatError,
                QStringLiteral("%1: BATCH_LENGTH %2 is not a usable feature count").arg(name).arg(declared));
        batchCount = static_cast<std::size_t>(declared);
        if (Status s = gltf::addBatchFeatures(batchTableJson, batchCount, name, model); !s)
            return s;
    } else {
        featureOfNode = gltf::addNodeFeatures(doc->model, *scene, model);
    }
    const std::vector<int> textureOfImage = gltf::addTextures(doc->model, *scene, model);

    // Every vertex, plus four probe points per primitive for the normals' Jacobian, goes
    // ECEF → project CRS in one PROJ call.
    const Matrix4d& tile = frame.tileTransform;
    const std::array<double, 9> tileNormals = normalMatrix(tile);
    std::vector<ProjectedPoint> points;
    std::vector<std::size_t> firstPoint;
    for (const ScenePrimitive& primitive : scene->primitives) {
        firstPoint.push_back(points.size());
        const std::size_t vertices = primitive.positions.size() / 3;
        double sum[3] = {0.0, 0.0, 0.0};
        for (std::size_t v = 0; v < vertices; ++v) {
            double x = primitive.positions[v * 3], y = primitive.positions[v * 3 + 1],
                   z = primitive.positions[v * 3 + 2];
            yUpToZUp(x, y, z);
            x += rtc[0], y += rtc[1], z += rtc[2];
            transformPoint(tile, x, y, z);
            points.push_back({x, y, z});
            sum[0] += x, sum[1] += y, sum[2] += z;
        }
        const double n = vertices ? static_cast<double>(vertices) : 1.0;
        const ProjectedPoint centre{sum[0] / n, sum[1] / n, sum[2] / n};
        points.push_back(centre);
        points.push_back({centre.x + 1.0, centre.y, centre.z});
        points.push_back({centre.x, centre.y + 1.0, centre.z});
        points.push_back({centre.x, centre.y, centre.z + 1.0});
    }
    auto toProject = threadCrsTransformer(QStringLiteral("EPSG:4978"), frame.projectCrs);
    if (!toProject)
        return toProject.status().withContext(name);
    if (Status s = (*toProject)->forwardInPlace(points); !s)
        return s.withContext(name);

    std::size_t badIds = 0;
    for (std::size_t p = 0; p < scene->primitives.size(); ++p) {
        const ScenePrimitive& primitive = scene->primitives[p];
        const std::size_t vertices = primitive.positions.size() / 3;
        ModelMesh mesh = meshShell(primitive, textureOfImage);
        gltf::setPositions(mesh, points.data() + firstPoint[p], vertices);
        if (batched)
            gltf::setBatchFeatures(mesh, primitive.batchIds, 0, batchCount, badIds);
        else
            mesh.feature = featureOfNode[static_cast<std::size_t>(primitive.node)];
        // Columns of the ECEF → project Jacobian at the primitive's centre.
        const ProjectedPoint* probe = points.data() + firstPoint[p] + vertices;
        const double j[3][3] = {{probe[1].x - probe[0].x, probe[2].x - probe[0].x, probe[3].x - probe[0].x},
                                {probe[1].y - probe[0].y, probe[2].y - probe[0].y, probe[3].y - probe[0].y},
                                {probe[1].z - probe[0].z, probe[2].z - probe[0].z, probe[3].z - probe[0].z}};
        mesh.normals = primitive.normals;
        for (std::size_t v = 0; v + 2 < mesh.normals.size(); v += 3) {
            double x = mesh.normals[v], y = mesh.normals[v + 1], z = mesh.normals[v + 2];
            yUpToZUp(x, y, z);
            const double e[3] = {tileNormals[0] * x + tileNormals[1] * y + tileNormals[2] * z,
                                 tileNormals[3] * x + tileNormals[4] * y + tileNormals[5] * z,
                                 tileNormals[6] * x + tileNormals[7] * y + tileNormals[8] * z};
            double out[3];
            for (int r = 0; r < 3; ++r)
                out[r] = j[r][0] * e[0] + j[r][1] * e[1] + j[r][2] * e[2];
            const double len = std::sqrt(out[0] * out[0] + out[1] * out[1] + out[2] * out[2]);
            for (int r = 0; r < 3; ++r)
                mesh.normals[v + static_cast<std::size_t>(r)] =
                    len > 0.0 ? static_cast<float>(out[r] / len) : (r == 2 ? 1.0f : 0.0f);
        }
        model.meshes.push_back(std::move(mesh));
    }
    if (badIds > 0 && model.warnings.size() < kMaxWarnings)
        model.warnings.append(QStringLiteral("%1: %2 vertices have a batch id outside 0..%3")
                                  .arg(name)
                                  .arg(badIds)
                                  .arg(batchCount));
    // A tile without triangles is odd but harmless: it shows nothing instead of failing the layer.
    if (!model.computeBounds() && model.warnings.size() < kMaxWarnings)
        model.warnings.append(QStringLiteral("%1: no triangles in the content").arg(name));
    return model;
}

} // namespace citytwin::gis
