#include "gis/GltfModelBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <limits>
#include <tiny_gltf.h>

namespace citytwin::gis::gltf {

using data::ModelAttribute;
using data::ModelFeature;
using data::Status;

QString jsonValueText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    default:
        return {};
    }
}

std::vector<std::int64_t> addNodeFeatures(const tinygltf::Model& gltf, const GltfScene& scene,
                                          data::Model& out)
{
    std::vector<std::int64_t> featureOfNode(gltf.nodes.size(), -1);
    for (const int nodeIndex : scene.meshNodes) {
        const tinygltf::Node& node = gltf.nodes[static_cast<std::size_t>(nodeIndex)];
        ModelFeature feature;
        feature.id = static_cast<std::int64_t>(out.features.size());
        feature.type = QStringLiteral("Node");
        const QString nodeName = QString::fromStdString(node.name);
        feature.externalId = nodeName.isEmpty() ? QStringLiteral("node %1").arg(nodeIndex) : nodeName;
        feature.name = nodeName;
        if (feature.name.isEmpty() && node.mesh >= 0 &&
            static_cast<std::size_t>(node.mesh) < gltf.meshes.size())
            feature.name = QString::fromStdString(gltf.meshes[static_cast<std::size_t>(node.mesh)].name);
        if (!node.extras_json_string.empty()) {
            const QJsonDocument extras =
                QJsonDocument::fromJson(QByteArray::fromStdString(node.extras_json_string));
            if (extras.isObject()) {
                const QJsonObject object = extras.object();
                for (auto it = object.begin(); it != object.end(); ++it)
                    feature.attributes.push_back({it.key(), jsonValueText(it.value())});
            } else if (!extras.isNull()) {
                feature.attributes.push_back(
                    {QStringLiteral("extras"), QString::fromUtf8(extras.toJson(QJsonDocument::Compact))});
            }
        }
        featureOfNode[static_cast<std::size_t>(nodeIndex)] = feature.id;
        out.features.push_back(std::move(feature));
    }
    return featureOfNode;
}

Status addBatchFeatures(const QByteArray& batchTableJson, std::size_t count, const QString& name,
                        data::Model& out)
{
    QJsonObject table;
    if (!batchTableJson.trimmed().isEmpty()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(batchTableJson, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return Status::error(Status::Code::FormatError,
                                 QStringLiteral("%1: the batch table is not a JSON object (byte %2: %3)")
                                     .arg(name)
                                     .arg(error.offset)
                                     .arg(error.errorString()));
        table = doc.object();
    }
    QStringList binaryProperties;
    struct Column
    {
        QString key;
        QJsonArray values;
    };
    std::vector<Column> columns;
    for (auto it = table.begin(); it != table.end(); ++it) {
        if (it.key() == QLatin1String("extensions") || it.key() == QLatin1String("extras"))
            continue;
        if (it.value().isArray())
            columns.push_back({it.key(), it.value().toArray()});
        else if (it.value().isObject() && it.value().toObject().contains(QLatin1String("byteOffset")))
            binaryProperties.append(it.key());
    }
    if (!binaryProperties.isEmpty())
        out.warnings.append(QStringLiteral("%1: batch table properties in the binary body not read: %2")
                                .arg(name, binaryProperties.join(QStringLiteral(", "))));
    const auto nameColumn = std::find_if(columns.begin(), columns.end(), [](const Column& c) {
        return c.key.compare(QLatin1String("name"), Qt::CaseInsensitive) == 0;
    });
    const std::int64_t first = static_cast<std::int64_t>(out.features.size());
    for (std::size_t i = 0; i < count; ++i) {
        ModelFeature feature;
        feature.id = first + static_cast<std::int64_t>(i);
        feature.type = QStringLiteral("Feature");
        feature.externalId = QString::number(i);
        const auto index = static_cast<qsizetype>(i);
        for (const Column& column : columns)
            if (index < column.values.size())
                feature.attributes.push_back({column.key, jsonValueText(column.values[index])});
        feature.name = nameColumn != columns.end() && index < nameColumn->values.size()
                           ? jsonValueText(nameColumn->values[index])
                           : QStringLiteral("batch %1").arg(i);
        out.features.push_back(std::move(feature));
    }
    return Status::ok();
}

std::vector<int> addTextures(const tinygltf::Model& gltf, const GltfScene& scene, data::Model& out)
{
    std::vector<int> textureOfImage(gltf.images.size(), -1);
    std::vector<char> tried(gltf.images.size(), 0);
    for (const ScenePrimitive& primitive : scene.primitives) {
        if (primitive.image < 0 || static_cast<std::size_t>(primitive.image) >= gltf.images.size())
            continue;
        const auto index = static_cast<std::size_t>(primitive.image);
        if (tried[index])
            continue;
        tried[index] = 1;
        if (auto texture = toTexture(gltf.images[index])) {
            textureOfImage[index] = static_cast<int>(out.textures.size());
            out.textures.push_back(std::move(*texture));
        } else {
            out.warnings.append(
                QStringLiteral("image %1 has a pixel layout that cannot be used, texture dropped")
                    .arg(primitive.image));
        }
    }
    return textureOfImage;
}

void setPositions(data::ModelMesh& mesh, const data::ProjectedPoint* points, std::size_t count)
{
    double lo[3] = {std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                    std::numeric_limits<double>::max()};
    double hi[3] = {std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest(),
                    std::numeric_limits<double>::lowest()};
    for (std::size_t i = 0; i < count; ++i) {
        const double v[3] = {points[i].x, points[i].y, points[i].z};
        for (int c = 0; c < 3; ++c) {
            lo[c] = std::min(lo[c], v[c]);
            hi[c] = std::max(hi[c], v[c]);
        }
    }
    // The box centre keeps every float offset as small as the mesh allows.
    mesh.anchor =
        count ? data::ProjectedPoint{0.5 * (lo[0] + hi[0]), 0.5 * (lo[1] + hi[1]), 0.5 * (lo[2] + hi[2])}
              : data::ProjectedPoint{};
    mesh.positions.resize(count * 3);
    for (std::size_t i = 0; i < count; ++i) {
        mesh.positions[i * 3] = static_cast<float>(points[i].x - mesh.anchor.x);
        mesh.positions[i * 3 + 1] = static_cast<float>(points[i].y - mesh.anchor.y);
        mesh.positions[i * 3 + 2] = static_cast<float>(points[i].z - mesh.anchor.z);
    }
}

void setBatchFeatures(data::ModelMesh& mesh, const std::vector<float>& batchIds, std::int64_t firstId,
                      std::size_t count, std::size_t& badIds)
{
    mesh.vertexFeature.resize(batchIds.size());
    bool uniform = true;
    for (std::size_t i = 0; i < batchIds.size(); ++i) {
        const float id = batchIds[i];
        const bool valid =
            id >= 0.0f && id == std::floor(id) && static_cast<double>(id) < static_cast<double>(count);
        if (!valid)
            ++badIds;
        mesh.vertexFeature[i] = valid ? firstId + static_cast<std::int64_t>(id) : -1;
        uniform = uniform && mesh.vertexFeature[i] == mesh.vertexFeature[0];
    }
    if (uniform && !batchIds.empty()) {
        // One feature for the whole mesh: no per-vertex array to carry around.
        mesh.feature = mesh.vertexFeature[0];
        mesh.vertexFeature.clear();
    }
}

} // namespace citytwin::gis::gltf
