// buildModel() (scene/ModelBuilder.h): a model's meshes merged per (chunk, texture, translucency).
#include "scene/ModelBuilder.h"

#include "scene/FeatureProgram.h"
#include "scene/ModelFeatureIndex.h"
#include "scene/ModelGeometry.h"
#include "scene/SceneLog.h"

#include <algorithm>
#include <cmath>
#include <compare>
#include <cstring>
#include <limits>
#include <map>
#include <osg/BlendFunc>
#include <osg/BoundingBox>
#include <osg/Depth>
#include <osg/Geode>
#include <osg/Image>
#include <osg/MatrixTransform>
#include <osg/Texture2D>

namespace citytwin::scene {

namespace {

struct GroupKey
{
    long long cellX = 0;
    long long cellY = 0;
    int texture = -1;
    bool translucent = false;
    auto operator<=>(const GroupKey&) const = default;
};

struct Group
{
    osg::BoundingBoxd bounds; // relative to the project origin
    std::vector<ModelPiece> pieces;
};

bool validTexture(const data::Model& model, int index)
{
    if (index < 0 || std::size_t(index) >= model.textures.size())
        return false;
    const data::ModelTexture& t = model.textures[std::size_t(index)];
    return t.width > 0 && t.height > 0 && t.rgba.size() == std::size_t(t.width) * std::size_t(t.height) * 4;
}

//! Bounds of MESH's vertices relative to ORIGIN; invalid without vertices.
osg::BoundingBoxd meshBounds(const data::ModelMesh& mesh, const data::ProjectedPoint& origin)
{
    osg::BoundingBoxd box;
    const osg::Vec3d anchor(mesh.anchor.x - origin.x, mesh.anchor.y - origin.y, mesh.anchor.z - origin.z);
    for (std::size_t i = 0; i + 2 < mesh.positions.size(); i += 3)
        box.expandBy(anchor + osg::Vec3d(mesh.positions[i], mesh.positions[i + 1], mesh.positions[i + 2]));
    return box;
}

//! The pieces of MESH (number M): the whole mesh, or its triangles split by the feature of
//! their first vertex when vertices carry features of their own.
void addPieces(const data::ModelMesh& mesh, std::uint32_t m, std::vector<ModelPiece>& out)
{
    if (mesh.vertexFeature.size() != mesh.vertexCount()) {
        out.push_back({mesh.feature, m, {}});
        return;
    }
    std::map<std::int64_t, std::vector<std::uint32_t>> byFeature;
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        const std::uint32_t first = mesh.indices[3 * t];
        const std::int64_t feature = first < mesh.vertexCount() ? mesh.vertexFeature[first] : -1;
        byFeature[feature].push_back(std::uint32_t(t));
    }
    for (auto& [feature, triangles] : byFeature)
        out.push_back({feature, m, std::move(triangles)});
}

//! A texture of the model, shared by every chunk that uses it.
class TextureCache
{
public:
    explicit TextureCache(const data::Model& model) : m_model(model), m_textures(model.textures.size()) {}

    osg::Texture2D* get(int index)
    {
        osg::ref_ptr<osg::Texture2D>& slot = m_textures[std::size_t(index)];
        if (slot)
            return slot.get();
        const data::ModelTexture& t = m_model.textures[std::size_t(index)];
        osg::ref_ptr<osg::Image> image = new osg::Image;
        auto* pixels = new unsigned char[t.rgba.size()];
        std::memcpy(pixels, t.rgba.data(), t.rgba.size());
        // Rows go in as they are (row 0 = top first); ModelGeometryBuilder keeps v as t to match.
        image->setImage(t.width, t.height, 1, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, pixels,
                        osg::Image::USE_NEW_DELETE);
        slot = new osg::Texture2D(image);
        slot->setWrap(osg::Texture::WRAP_S, osg::Texture::REPEAT);
        slot->setWrap(osg::Texture::WRAP_T, osg::Texture::REPEAT);
        slot->setFilter(osg::Texture::MIN_FILTER, osg::Texture::LINEAR_MIPMAP_LINEAR);
        slot->setFilter(osg::Texture::MAG_FILTER, osg::Texture::LINEAR);
        slot->setResizeNonPowerOfTwoHint(false); // GL 2 takes any size; a CPU resize costs load time
        slot->setUnRefImageDataAfterApply(true);
        return slot.get();
    }

private:
    const data::Model& m_model;
    std::vector<osg::ref_ptr<osg::Texture2D>> m_textures;
};

osg::ref_ptr<osg::Node> makeChunkNode(const data::Model& model, Group& group, const GroupKey& key,
                                      const data::ProjectedPoint& origin, TextureCache& textures,
                                      std::size_t& skipped)
{
    // Features < 0 first (they get no FeatureIdTable range), then by id; stable keeps the
    // mesh order within a feature.
    std::stable_sort(group.pieces.begin(), group.pieces.end(),
                     [](const ModelPiece& a, const ModelPiece& b) { return a.feature < b.feature; });
    const osg::Vec3d centre = group.bounds.center();
    ModelGeometryBuilder builder(model, {origin.x + centre.x(), origin.y + centre.y(), origin.z + centre.z()},
                                 key.texture >= 0);
    for (const ModelPiece& piece : group.pieces)
        builder.addPiece(piece);
    skipped += builder.skippedTriangles();
    if (builder.vertexCount() == 0)
        return nullptr;

    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(builder.finish());
    if (key.texture >= 0) {
        osg::StateSet* ss = geode->getOrCreateStateSet();
        ss->setTextureAttributeAndModes(0, textures.get(key.texture));
        ss->addUniform(new osg::Uniform("ct_textured", true));
    }
    if (key.translucent) {
        // Glass, IFC spaces: blended after the opaque bins, back to front, and without hiding
        // what lies behind them in the depth buffer.
        osg::StateSet* ss = geode->getOrCreateStateSet();
        ss->setAttributeAndModes(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA));
        ss->setAttributeAndModes(new osg::Depth(osg::Depth::LESS, 0.0, 1.0, false));
        ss->setRenderingHint(osg::StateSet::TRANSPARENT_BIN);
    }
    osg::ref_ptr<osg::MatrixTransform> xf = new osg::MatrixTransform(osg::Matrix::translate(centre));
    xf->addChild(geode);
    return xf;
}

} // namespace

osg::ref_ptr<osg::Node> buildModel(const data::Model& model, const data::ProjectedPoint& origin,
                                   const ModelBuildOptions& options)
{
    const double chunkSize = options.chunkSizeM > 0.0 ? options.chunkSizeM : 500.0;
    std::map<GroupKey, Group> groups;
    std::size_t badMeshes = 0;
    for (std::size_t m = 0; m < model.meshes.size(); ++m) {
        const data::ModelMesh& mesh = model.meshes[m];
        if (mesh.positions.size() % 3 != 0 || mesh.indices.size() % 3 != 0) {
            ++badMeshes;
            continue;
        }
        const osg::BoundingBoxd bounds = meshBounds(mesh, origin);
        if (!bounds.valid() || mesh.indices.empty())
            continue;
        GroupKey key;
        // The chunk of the mesh's centre rather than its anchor: a reader may give every mesh of
        // a large model one anchor, and chunks are what culling works on.
        key.cellX = (long long)std::floor(bounds.center().x() / chunkSize);
        key.cellY = (long long)std::floor(bounds.center().y() / chunkSize);
        if (validTexture(model, mesh.texture) && mesh.texCoords.size() == 2 * mesh.vertexCount())
            key.texture = mesh.texture;
        key.translucent = mesh.colour[3] < 0.999f;
        Group& group = groups[key];
        group.bounds.expandBy(bounds);
        addPieces(mesh, std::uint32_t(m), group.pieces);
    }

    osg::ref_ptr<osg::Group> root = new osg::Group;
    root->setName("model");
    TextureCache textures(model);
    std::size_t skipped = 0;
    for (auto& [key, group] : groups)
        if (osg::ref_ptr<osg::Node> chunk = makeChunkNode(model, group, key, origin, textures, skipped))
            root->addChild(chunk);
    if (badMeshes > 0 || skipped > 0)
        qCWarning(lcScene).noquote() << "model" << model.name << ":" << badMeshes
                                     << "meshes with incomplete position/index arrays and" << skipped
                                     << "triangles with out-of-range indices were skipped";

    osg::StateSet* ss = root->getOrCreateStateSet();
    ss->setAttributeAndModes(makeFeatureProgram("model.vert", "model.frag"));
    addFeatureUniforms(*ss, options.highlightColour);
    ss->addUniform(new osg::Uniform("ct_textured", false));
    ss->addUniform(new osg::Uniform("ct_texture", 0));

    osg::ref_ptr<ModelFeatureIndex> index = new ModelFeatureIndex;
    index->add(model.features);
    root->setUserData(index);
    return root;
}

} // namespace citytwin::scene
