#include "gis/GltfScene.h"

#include "gis/GltfAccessor.h"
#include "gis/Matrix4d.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <tiny_gltf.h>

namespace citytwin::gis::gltf {

using data::Result;
using data::Status;

namespace {

constexpr int kMaxDepth = 1000;
constexpr int kMaxWarnings = 8;

void warn(GltfScene& scene, const QString& text)
{
    if (scene.warnings.size() < kMaxWarnings)
        scene.warnings.append(text);
}

//! The node's own transform: its matrix, or translation * rotation * scale.
Matrix4d localMatrix(const tinygltf::Node& node)
{
    if (node.matrix.size() == 16) {
        Matrix4d m;
        std::copy(node.matrix.begin(), node.matrix.end(), m.begin());
        return m;
    }
    double qx = 0, qy = 0, qz = 0, qw = 1;
    if (node.rotation.size() == 4) {
        const double len =
            std::sqrt(node.rotation[0] * node.rotation[0] + node.rotation[1] * node.rotation[1] +
                      node.rotation[2] * node.rotation[2] + node.rotation[3] * node.rotation[3]);
        if (len > 0.0) {
            qx = node.rotation[0] / len;
            qy = node.rotation[1] / len;
            qz = node.rotation[2] / len;
            qw = node.rotation[3] / len;
        }
    }
    const double r[3][3] = {{1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qz * qw), 2 * (qx * qz + qy * qw)},
                            {2 * (qx * qy + qz * qw), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qx * qw)},
                            {2 * (qx * qz - qy * qw), 2 * (qy * qz + qx * qw), 1 - 2 * (qx * qx + qy * qy)}};
    const double s[3] = {node.scale.size() == 3 ? node.scale[0] : 1.0,
                         node.scale.size() == 3 ? node.scale[1] : 1.0,
                         node.scale.size() == 3 ? node.scale[2] : 1.0};
    Matrix4d m = kIdentity4d;
    for (int c = 0; c < 3; ++c)
        for (int row = 0; row < 3; ++row)
            m[c * 4 + row] = r[row][c] * s[c];
    if (node.translation.size() == 3) {
        m[12] = node.translation[0];
        m[13] = node.translation[1];
        m[14] = node.translation[2];
    }
    return m;
}

//! Triangle list from MODE's index sequence (4 triangles, 5 strip, 6 fan); degenerate strip
//! and fan triangles (restart tricks) are dropped.
std::vector<std::uint32_t> triangulate(int mode, const std::vector<std::uint32_t>& idx)
{
    std::vector<std::uint32_t> out;
    const std::size_t n = idx.size();
    if (mode == TINYGLTF_MODE_TRIANGLES) {
        out.assign(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(n - n % 3));
        return out;
    }
    if (n < 3)
        return out;
    out.reserve((n - 2) * 3);
    for (std::size_t i = 0; i + 2 < n; ++i) {
        std::uint32_t a, b, c;
        if (mode == TINYGLTF_MODE_TRIANGLE_STRIP) {
            a = idx[i];
            b = idx[i + 1 + i % 2];
            c = idx[i + 2 - i % 2];
        } else {
            a = idx[i + 1];
            b = idx[i + 2];
            c = idx[0];
        }
        if (a != b && b != c && a != c)
            out.insert(out.end(), {a, b, c});
    }
    return out;
}

//! Reads attribute NAME of PRIMITIVE when present with one value per vertex; a wrong count is
//! a warning (the attribute is dropped), a broken accessor an error.
Status optionalAttribute(const tinygltf::Model& model, const tinygltf::Primitive& primitive, const char* name,
                         int components, std::size_t vertices, std::vector<float>& out, const QString& where,
                         GltfScene& scene)
{
    out.clear();
    const auto it = primitive.attributes.find(name);
    if (it == primitive.attributes.end())
        return Status::ok();
    if (Status s = readFloatAccessor(model, it->second, components, out,
                                     where + QLatin1Char(' ') + QLatin1String(name));
        !s)
        return s;
    if (out.size() != vertices * static_cast<std::size_t>(components)) {
        warn(scene, QStringLiteral("%1: %2 has %3 values for %4 vertices, ignored")
                        .arg(where, QLatin1String(name))
                        .arg(out.size() / static_cast<std::size_t>(components))
                        .arg(vertices));
        out.clear();
    }
    return Status::ok();
}

Status addPrimitive(const tinygltf::Model& model, int nodeIndex, int meshIndex, int primitiveIndex,
                    const Matrix4d& world, const QString& name, GltfScene& scene)
{
    const tinygltf::Primitive& primitive = model.meshes[static_cast<std::size_t>(meshIndex)]
                                               .primitives[static_cast<std::size_t>(primitiveIndex)];
    const QString where =
        QStringLiteral("%1: mesh %2 primitive %3").arg(name).arg(meshIndex).arg(primitiveIndex);
    const int mode = primitive.mode < 0 ? TINYGLTF_MODE_TRIANGLES : primitive.mode;
    if (mode != TINYGLTF_MODE_TRIANGLES && mode != TINYGLTF_MODE_TRIANGLE_STRIP &&
        mode != TINYGLTF_MODE_TRIANGLE_FAN) {
        warn(scene, QStringLiteral("%1: mode %2 (points/lines) skipped").arg(where).arg(mode));
        ++scene.skipped;
        return Status::ok();
    }
    const auto position = primitive.attributes.find("POSITION");
    if (position == primitive.attributes.end()) {
        warn(scene, QStringLiteral("%1: no POSITION, skipped").arg(where));
        ++scene.skipped;
        return Status::ok();
    }
    ScenePrimitive out;
    out.node = nodeIndex;
    std::vector<float> raw;
    if (Status s = readFloatAccessor(model, position->second, 3, raw, where + QStringLiteral(" POSITION"));
        !s)
        return s;
    const std::size_t vertices = raw.size() / 3;

    std::vector<std::uint32_t> sequence;
    if (primitive.indices >= 0) {
        if (Status s =
                readIndexAccessor(model, primitive.indices, sequence, where + QStringLiteral(" indices"));
            !s)
            return s;
        for (std::size_t i = 0; i < sequence.size(); ++i)
            if (sequence[i] >= vertices)
                return Status::error(Status::Code::FormatError,
                                     QStringLiteral("%1: index %2 is %3, but there are only %4 vertices")
                                         .arg(where)
                                         .arg(i)
                                         .arg(sequence[i])
                                         .arg(vertices));
    } else {
        sequence.resize(vertices);
        for (std::size_t i = 0; i < vertices; ++i)
            sequence[i] = static_cast<std::uint32_t>(i);
    }
    out.indices = triangulate(mode, sequence);
    if (out.indices.empty()) {
        ++scene.skipped;
        return Status::ok();
    }
    if (determinant3(world) < 0.0) // a mirroring transform turns counter-clockwise into clockwise
        for (std::size_t t = 0; t + 2 < out.indices.size(); t += 3)
            std::swap(out.indices[t + 1], out.indices[t + 2]);

    out.positions.resize(raw.size());
    for (std::size_t v = 0; v < vertices; ++v) {
        double x = raw[v * 3], y = raw[v * 3 + 1], z = raw[v * 3 + 2];
        transformPoint(world, x, y, z);
        out.positions[v * 3] = x;
        out.positions[v * 3 + 1] = y;
        out.positions[v * 3 + 2] = z;
    }
    if (Status s = optionalAttribute(model, primitive, "NORMAL", 3, vertices, out.normals, where, scene); !s)
        return s;
    const std::array<double, 9> n = normalMatrix(world);
    for (std::size_t v = 0; v + 2 < out.normals.size(); v += 3) {
        const double x = out.normals[v], y = out.normals[v + 1], z = out.normals[v + 2];
        double tx = n[0] * x + n[1] * y + n[2] * z;
        double ty = n[3] * x + n[4] * y + n[5] * z;
        double tz = n[6] * x + n[7] * y + n[8] * z;
        const double len = std::sqrt(tx * tx + ty * ty + tz * tz);
        if (len > 0.0) {
            tx /= len, ty /= len, tz /= len;
        } else {
            tx = 0.0, ty = 1.0, tz = 0.0; // a zero normal: "up" shades better than NaN
        }
        out.normals[v] = static_cast<float>(tx);
        out.normals[v + 1] = static_cast<float>(ty);
        out.normals[v + 2] = static_cast<float>(tz);
    }
    // 3D Tiles 1.0 batch ids (old exporters wrote BATCHID); 3D Tiles 1.1 EXT_mesh_features
    // keeps the same per-vertex ids as _FEATURE_ID_0.
    const char* batchName = "_FEATURE_ID_0";
    for (const char* candidate : {"_BATCHID", "BATCHID"})
        if (primitive.attributes.count(candidate)) {
            batchName = candidate;
            break;
        }
    if (Status s = optionalAttribute(model, primitive, batchName, 1, vertices, out.batchIds, where, scene);
        !s)
        return s;

    if (primitive.material >= 0 && static_cast<std::size_t>(primitive.material) < model.materials.size()) {
        const auto& pbr = model.materials[static_cast<std::size_t>(primitive.material)].pbrMetallicRoughness;
        if (pbr.baseColorFactor.size() == 4)
            for (int c = 0; c < 4; ++c)
                out.colour[static_cast<std::size_t>(c)] = static_cast<float>(
                    std::clamp(pbr.baseColorFactor[static_cast<std::size_t>(c)], 0.0, 1.0));
        const int texture = pbr.baseColorTexture.index;
        if (texture >= 0 && static_cast<std::size_t>(texture) < model.textures.size()) {
            const int image = model.textures[static_cast<std::size_t>(texture)].source;
            const std::string uv = "TEXCOORD_" + std::to_string(std::max(0, pbr.baseColorTexture.texCoord));
            if (image >= 0 && static_cast<std::size_t>(image) < model.images.size()) {
                if (Status s = optionalAttribute(model, primitive, uv.c_str(), 2, vertices, out.texCoords,
                                                 where, scene);
                    !s)
                    return s;
                if (!out.texCoords.empty() && !model.images[static_cast<std::size_t>(image)].image.empty())
                    out.image = image;
                else
                    out.texCoords.clear();
            }
        }
    }
    scene.primitives.push_back(std::move(out));
    return Status::ok();
}

std::vector<int> rootNodes(const tinygltf::Model& model)
{
    const int sceneIndex = model.defaultScene >= 0 ? model.defaultScene : (model.scenes.empty() ? -1 : 0);
    if (sceneIndex >= 0 && static_cast<std::size_t>(sceneIndex) < model.scenes.size())
        return model.scenes[static_cast<std::size_t>(sceneIndex)].nodes;
    // No scene: every node that is nobody's child.
    std::vector<char> isChild(model.nodes.size(), 0);
    for (const auto& node : model.nodes)
        for (const int child : node.children)
            if (child >= 0 && static_cast<std::size_t>(child) < model.nodes.size())
                isChild[static_cast<std::size_t>(child)] = 1;
    std::vector<int> roots;
    for (std::size_t i = 0; i < model.nodes.size(); ++i)
        if (!isChild[i])
            roots.push_back(static_cast<int>(i));
    return roots;
}

} // namespace

Result<GltfScene> collectScene(const tinygltf::Model& model, const QString& name,
                               const data::CancelToken& cancel)
{
    GltfScene scene;
    struct Pending
    {
        int node;
        Matrix4d parent;
        int depth;
    };
    std::vector<Pending> stack;
    const std::vector<int> roots = rootNodes(model);
    for (auto it = roots.rbegin(); it != roots.rend(); ++it)
        stack.push_back({*it, kIdentity4d, 0});
    std::vector<char> visited(model.nodes.size(), 0);
    while (!stack.empty()) {
        if (cancel.isCancelled())
            return Status::error(Status::Code::Cancelled, QStringLiteral("%1: cancelled").arg(name));
        const Pending item = stack.back();
        stack.pop_back();
        if (item.node < 0 || static_cast<std::size_t>(item.node) >= model.nodes.size())
            return Status::error(Status::Code::FormatError,
                                 QStringLiteral("%1: node %2 does not exist").arg(name).arg(item.node));
        // A node may appear only once in a scene's tree; a second visit means a cycle or shared child.
        if (visited[static_cast<std::size_t>(item.node)] || item.depth > kMaxDepth) {
            warn(scene,
                 QStringLiteral("%1: node %2 is reached twice (cycle?), skipped").arg(name).arg(item.node));
            continue;
        }
        visited[static_cast<std::size_t>(item.node)] = 1;
        const tinygltf::Node& node = model.nodes[static_cast<std::size_t>(item.node)];
        const Matrix4d world = multiply(item.parent, localMatrix(node));
        if (!isFinite(world))
            return Status::error(
                Status::Code::FormatError,
                QStringLiteral("%1: node %2 has a transform that is not finite").arg(name).arg(item.node));
        if (node.mesh >= 0) {
            if (static_cast<std::size_t>(node.mesh) >= model.meshes.size())
                return Status::error(Status::Code::FormatError,
                                     QStringLiteral("%1: node %2 names mesh %3, which does not exist")
                                         .arg(name)
                                         .arg(item.node)
                                         .arg(node.mesh));
            scene.meshNodes.push_back(item.node);
            const auto& primitives = model.meshes[static_cast<std::size_t>(node.mesh)].primitives;
            for (std::size_t p = 0; p < primitives.size(); ++p)
                if (Status s =
                        addPrimitive(model, item.node, node.mesh, static_cast<int>(p), world, name, scene);
                    !s)
                    return s;
        }
        for (auto it = node.children.rbegin(); it != node.children.rend(); ++it)
            stack.push_back({*it, world, item.depth + 1});
    }
    return scene;
}

std::optional<data::ModelTexture> toTexture(const tinygltf::Image& image)
{
    const int channels = image.component;
    const int bytesPerChannel = image.bits == 16 ? 2 : 1;
    if (image.width <= 0 || image.height <= 0 || channels < 1 || channels > 4 ||
        (image.bits != 8 && image.bits != 16))
        return std::nullopt;
    const std::size_t pixels = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
    if (image.image.size() < pixels * static_cast<std::size_t>(channels * bytesPerChannel))
        return std::nullopt;
    data::ModelTexture texture;
    texture.width = image.width;
    texture.height = image.height;
    texture.rgba.resize(pixels * 4);
    const std::uint8_t* src = image.image.data();
    auto channel = [&](std::size_t pixel, int c) -> std::uint8_t {
        const std::size_t at = (pixel * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)) *
                               static_cast<std::size_t>(bytesPerChannel);
        if (bytesPerChannel == 1)
            return src[at];
        std::uint16_t v;
        std::memcpy(&v, src + at, sizeof v);
        return static_cast<std::uint8_t>(v >> 8);
    };
    for (std::size_t p = 0; p < pixels; ++p) {
        std::uint8_t* dst = &texture.rgba[p * 4];
        if (channels <= 2) {
            dst[0] = dst[1] = dst[2] = channel(p, 0);
            dst[3] = channels == 2 ? channel(p, 1) : 255;
        } else {
            dst[0] = channel(p, 0);
            dst[1] = channel(p, 1);
            dst[2] = channel(p, 2);
            dst[3] = channels == 4 ? channel(p, 3) : 255;
        }
    }
    return texture;
}

} // namespace citytwin::gis::gltf
